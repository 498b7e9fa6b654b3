"""The first step of opening a review: finish what a killed process left unfinished.

A process killed in the middle of a transaction leaves a *hot journal* (``NAME-journal``) beside
the review: the original content of every page it had begun to change. Until SQLite rolls it
back, the file on its own is not the review, and a read-only connection cannot roll it back —
it reports "attempt to write a readonly database". So every open (the app's, the command line's,
the recovery list's, read-only or not) first comes here: under our lock, a read-write connection
reads the file, which makes SQLite roll the journal back; then the usual checks run on the
review as it was after its last commit.

Only files that say they are ours (SQLite header and our application id, both of which a torn
write cannot change) are touched; a review another pm-desktop holds open is left to it (its
journal belongs to a transaction in progress).
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import struct
from collections.abc import Iterable
from pathlib import Path

from .files import clean_leftovers
from .lock import AlreadyOpenError, FileLock, LockError
from .opening import SQLITE_MAGIC, OpenError
from .schema import APPLICATION_ID


def journal_path(path: Path) -> Path:
    return path.with_name(path.name + "-journal")


def _says_ours(path: Path) -> bool:
    try:
        with path.open("rb") as fh:
            header = fh.read(72)
    except OSError:
        return False
    return (
        len(header) == 72
        and header.startswith(SQLITE_MAGIC)
        and struct.unpack(">I", header[68:72])[0] == APPLICATION_ID
    )


def _has_journal(path: Path) -> bool:
    try:
        return journal_path(path).lstat().st_size >= 0
    except OSError:
        return False


def prepare_to_open(path: Path, *, keep_lock: bool) -> FileLock | None:
    """Clean our own leftovers beside ``path`` and roll back a hot journal.

    Returns the review's lock when this call took it and ``keep_lock`` is true (the caller
    opens for writing and keeps it); otherwise the lock is released again. Raises
    :class:`OpenError` when a journal must be rolled back but cannot be.
    """
    clean_leftovers(path.parent)
    if not _has_journal(path) or not path.is_file() or not _says_ours(path):
        return None
    lock = FileLock(path)
    try:
        lock.acquire()
    except AlreadyOpenError:
        return None  # a living pm-desktop holds it: the journal is its transaction in progress
    except LockError as exc:
        raise OpenError(path, f"has an unfinished change to roll back, but {exc}") from exc
    try:
        roll_back(path)
    except BaseException:
        lock.release()
        raise
    if keep_lock:
        return lock
    lock.release()
    return None


def roll_back(path: Path) -> None:
    """Under the review's lock: let SQLite roll back a hot journal, and remove a journal that
    is left over but not hot (empty, or killed before its header was written)."""
    journal = journal_path(path)
    if not (os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)):
        raise OpenError(
            path,
            f"has an unfinished change left by a crash ({journal.name}) and the file or its "
            "folder is read-only; copy both files to a writable folder and open the copy",
        )
    try:
        conn = sqlite3.connect(str(path), isolation_level=None, timeout=5.0)
    except sqlite3.Error as exc:
        raise OpenError(path, f"cannot be opened ({exc})") from exc
    try:
        conn.execute("PRAGMA journal_mode = DELETE")
        # The first read checks for a hot journal and rolls it back (SQLite's own recovery).
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        if _has_journal(path):
            # Not hot (SQLite leaves such a file alone). Holding the write lock proves no
            # transaction owns it, so it can go.
            conn.execute("BEGIN IMMEDIATE")
            try:
                with contextlib.suppress(FileNotFoundError):
                    journal.unlink()
            finally:
                conn.execute("COMMIT")
    except sqlite3.DatabaseError as exc:
        raise OpenError(path, f"is damaged ({exc}); it could not be recovered") from exc
    finally:
        conn.close()


def remove_review(path: Path) -> bool:
    """Delete a review file with its journal, under its lock. False when it is open elsewhere."""
    lock = FileLock(path)
    try:
        lock.acquire()
    except (AlreadyOpenError, LockError):
        return False
    try:
        for victim in (path, journal_path(path)):
            with contextlib.suppress(FileNotFoundError):
                victim.unlink()
    finally:
        lock.release()
    return True


def link_count(path: Path) -> int:
    try:
        return os.stat(path).st_nlink
    except OSError:
        return 1


def find_untitled(folder: os.PathLike[str] | str) -> Iterable[Path]:
    """Untitled reviews left behind (never saved elsewhere), newest first, for recovery."""
    root = Path(folder)
    if not root.is_dir():
        return []
    files = [p for p in root.glob("untitled-*.pmreview") if p.is_file()]
    return sorted(files, key=lambda p: p.stat().st_mtime, reverse=True)
