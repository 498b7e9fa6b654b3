"""Connections to a review file, and the one transaction every write goes through.

Every connection gets the same settings (:func:`connect`). Every write runs inside
:func:`transaction`: BEGIN, the caller's statements, COMMIT; ROLLBACK when anything fails; and an
SQLite failure becomes one :class:`StoreError` line naming the file. Nothing else in the store
writes BEGIN, COMMIT or ROLLBACK for a review.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from .files import describe
from .opening import ro_uri


class StoreError(Exception):
    """A file operation failed; the message is one line for the user."""


class ReadOnlyError(StoreError):
    def __init__(self, path: Path, reason: str):
        super().__init__(
            f"{path}: is open read-only ({reason}); use Save As to keep a copy you can edit"
        )


def configure(conn: sqlite3.Connection, *, writable: bool) -> None:
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA busy_timeout = 5000")
    # Files come from other people: never run SQL functions a schema object would call.
    conn.execute("PRAGMA trusted_schema = OFF")
    if writable:
        conn.execute("PRAGMA journal_mode = DELETE")
        # EXTRA, not FULL: in DELETE mode the commit is the journal's deletion, and only EXTRA
        # flushes the folder after it; with FULL a power cut right after a commit can bring the
        # journal back and roll the committed edit back.
        conn.execute("PRAGMA synchronous = EXTRA")
        # Deleted screenshots must not linger in free pages of a file people email.
        conn.execute("PRAGMA secure_delete = ON")


def connect(path: Path, *, writable: bool) -> sqlite3.Connection:
    if writable:
        conn = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False)
    else:
        conn = sqlite3.connect(
            ro_uri(path), uri=True, isolation_level=None, check_same_thread=False
        )
    configure(conn, writable=writable)
    return conn


@contextlib.contextmanager
def transaction(
    conn: sqlite3.Connection, path: Path, failure: str, *, immediate: bool = True
) -> Iterator[sqlite3.Connection]:
    """One committed transaction, or none at all.

    ``immediate`` takes the write lock at BEGIN, so a second writer waits here rather than
    failing half-way. When the block raises, the transaction is rolled back and the error goes
    on; an SQLite error (a full disk, a file gone read-only) becomes
    ``StoreError("<path>: <failure> (<reason>)")``.
    """
    try:
        conn.execute("BEGIN IMMEDIATE" if immediate else "BEGIN")
        try:
            yield conn
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
    except sqlite3.Error as exc:
        raise StoreError(f"{path}: {failure} ({describe(exc)})") from exc


def copy_snapshot(source: os.PathLike[str] | str, target: os.PathLike[str] | str) -> None:
    """Copy a review file as it is now, for a reader in another process (an export).

    A read transaction holds SQLite's shared lock while the file is copied, so no writer can
    commit in the middle (the rollback journal's rule; SQLite's documented way to back up a
    database before its backup API existed). The copy takes milliseconds, not the time a
    page-by-page backup of every screenshot would, so an edit made meanwhile waits at most that.
    """
    try:
        conn = connect(Path(source), writable=False)
        try:
            with transaction(conn, Path(source), "cannot be read", immediate=False):
                conn.execute("SELECT count(*) FROM meta").fetchone()  # takes the shared lock
                shutil.copyfile(source, target)
        finally:
            conn.close()
    except (OSError, sqlite3.Error) as exc:
        raise StoreError(f"{source}: cannot be read ({exc})") from exc
