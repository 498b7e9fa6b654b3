"""The open review: one SQLite file, one in-memory :class:`Review`, one edit path.

``Document.apply(edit)`` applies a domain edit to the in-memory review, writes the rows it changed
in one SQLite transaction, commits, and only then tells listeners what changed. If the write
fails, the in-memory edit is reverted with its exact inverse, so memory and file never disagree.
There is no "unsaved" state: every applied edit is on disk when ``apply`` returns.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import shutil
import sqlite3
import uuid
from collections.abc import Callable
from pathlib import Path

from sqlite_utils import Database

from pm_desktop.domain.edits import Change, Edit
from pm_desktop.domain.model import COLLECTIONS, BlobInfo, Review
from pm_desktop.domain.prompts import forget_template_prompts
from pm_desktop.domain.validate import ValidationError, check_review

from . import rows
from .files import OutputError, clean_leftovers, describe, new_part, publish
from .lock import AlreadyOpenError, FileLock, LockError
from .opening import OpenError, check_file, ro_uri
from .recover import find_untitled, link_count, prepare_to_open
from .schema import SCHEMA_VERSION, upgrade

log = logging.getLogger(__name__)

Listener = Callable[[Change], None]

__all__ = [
    "AlreadyOpenError",
    "Document",
    "OpenError",
    "ReadOnlyError",
    "StoreError",
    "find_untitled",
]


class StoreError(Exception):
    """A file operation failed; the message is one line for the user."""


class ReadOnlyError(StoreError):
    def __init__(self, path: Path, reason: str):
        super().__init__(
            f"{path}: is open read-only ({reason}); use Save As to keep a copy you can edit"
        )


def _configure(conn: sqlite3.Connection, *, writable: bool) -> None:
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


def _connect(path: Path, *, writable: bool) -> sqlite3.Connection:
    if writable:
        conn = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False)
    else:
        conn = sqlite3.connect(
            ro_uri(path), uri=True, isolation_level=None, check_same_thread=False
        )
    _configure(conn, writable=writable)
    return conn


def _take_lock(lock: FileLock) -> FileLock:
    """Acquire; a lock file that cannot be made is a one-line :class:`StoreError`."""
    try:
        return lock.acquire()
    except LockError as exc:
        raise StoreError(str(exc)) from exc


def load_review(conn: sqlite3.Connection) -> Review:
    meta = rows.meta_from_rows(dict(conn.execute("SELECT key, value FROM meta").fetchall()))
    review = Review(meta=meta)
    for name in COLLECTIONS:
        items = review.collection(name)
        for row in conn.execute(rows.select_sql(name)):
            entity = rows.from_row(name, row)
            items[entity.id] = entity
    for sha, mime, size, width, height in conn.execute(
        "SELECT sha256, mime, size, width, height FROM blob"
    ):
        review.blobs[sha] = BlobInfo(sha, mime, size, width, height)
    # Older templates stored their instructions as text; read that text as an empty field.
    forget_template_prompts(review)
    return review


def _write_all(conn: sqlite3.Connection, review: Review, blobs: dict[str, bytes]) -> None:
    conn.executemany(
        "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", rows.meta_to_rows(review.meta)
    )
    for sha, info in review.blobs.items():
        data = blobs[sha]
        conn.execute(
            "INSERT OR IGNORE INTO blob (sha256, mime, size, width, height, data) VALUES (?, ?, ?, ?, ?, ?)",
            (sha, info.mime, len(data), info.width, info.height, data),
        )
    for name in COLLECTIONS:
        items = review.collection(name)
        conn.executemany(rows.upsert_sql(name), (rows.to_row(name, e) for e in items.values()))


class Document:
    """An open .pmreview file. Not thread-safe: use it from one thread (the UI thread); give
    workers a snapshot and a :meth:`blob_reader`."""

    def __init__(
        self,
        path: Path,
        conn: sqlite3.Connection,
        review: Review,
        *,
        read_only: bool,
        read_only_reason: str = "",
        lock: FileLock | None = None,
        untitled: bool = False,
    ):
        self.path = path
        self.review = review
        self.read_only = read_only
        self.read_only_reason = read_only_reason
        self.untitled = untitled
        self._conn: sqlite3.Connection | None = conn
        self._lock = lock
        self._listeners: list[Listener] = []
        self.upgraded_from: int | None = None
        self.backup_path: Path | None = None

    # ------------------------------------------------------------------ opening and creating
    @classmethod
    def create(
        cls,
        path: os.PathLike[str] | str,
        review: Review | None = None,
        blobs: dict[str, bytes] | None = None,
        *,
        overwrite: bool = False,
        untitled: bool = False,
    ) -> Document:
        """Write a new review file (atomically: built aside, then renamed) and open it."""
        target = Path(path)
        if target.exists() and not overwrite:
            raise StoreError(f"{target}: already exists")
        if target.exists() and target.is_dir():
            raise StoreError(f"{target}: is a folder")
        review = review or Review()
        blobs = blobs or {}
        try:
            check_review(review)
        except ValidationError as exc:
            raise StoreError(f"{target}: not written, the review is invalid ({exc})") from exc
        missing = [sha for sha in review.blobs if sha not in blobs]
        if missing:
            raise StoreError(
                f"{target}: not written, data for {len(missing)} stored item(s) is missing"
            )
        clean_leftovers(target.parent)
        lock = _take_lock(FileLock(target))
        try:
            with new_part(target) as part:
                conn = sqlite3.connect(str(part), isolation_level=None)
                try:
                    conn.execute("PRAGMA auto_vacuum = INCREMENTAL")
                    _configure(conn, writable=True)
                    upgrade(Database(conn))
                    conn.execute("BEGIN")
                    _write_all(conn, review, blobs)
                    conn.execute("COMMIT")
                finally:
                    conn.close()
                publish(part, target)
            conn = _connect(target, writable=True)
        except BaseException as exc:
            lock.release()
            if isinstance(exc, OutputError):
                raise StoreError(str(exc)) from exc
            if isinstance(exc, (OSError, sqlite3.Error)):
                raise StoreError(f"{target}: cannot be written ({describe(exc)})") from exc
            raise
        return cls(target, conn, load_review(conn), read_only=False, lock=lock, untitled=untitled)

    @classmethod
    def create_untitled(
        cls,
        folder: os.PathLike[str] | str,
        review: Review | None = None,
        blobs: dict[str, bytes] | None = None,
    ) -> Document:
        """A new review kept under the app-data folder from its first keystroke."""
        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        return cls.create(
            folder / f"untitled-{uuid.uuid4().hex[:12]}.pmreview", review, blobs, untitled=True
        )

    @classmethod
    def open(cls, path: os.PathLike[str] | str, *, read_only: bool | None = None) -> Document:
        """Open an existing review. ``read_only=None`` means: read-only when the file or its folder
        cannot be written. Never creates a file."""
        p = Path(path)
        # --- recovery (store/recover.py): our leftovers, then a hot journal, under our lock
        may_write = read_only is not True and os.access(p, os.W_OK) and os.access(p.parent, os.W_OK)
        held = prepare_to_open(p, keep_lock=may_write)
        try:
            check = check_file(p)
        except BaseException:
            if held is not None:
                held.release()
            raise
        # --- one writer per file, even through a second name (a hard link)
        reason = ""
        links = link_count(p)
        if read_only is None:
            read_only = not check.writable or links > 1
            if not check.writable:
                reason = "the file or its folder is read-only"
            elif links > 1:
                reason = (
                    f"the file has {links} names (hard links), so pm-desktop cannot make sure "
                    "it is the only one changing it"
                )
        elif read_only:
            reason = ""  # asked for: no reason to explain
        elif links > 1:
            if held is not None:
                held.release()
            raise OpenError(p, f"has {links} names (hard links); open it read-only or copy it")
        if read_only and held is not None:
            held.release()
            held = None
        if read_only:
            if check.schema_version < SCHEMA_VERSION:
                raise OpenError(
                    p,
                    "uses an older file format and is read-only; copy it to a writable folder to upgrade it",
                )
            conn = _connect(p, writable=False)
            review = cls._load_checked(p, conn)
            return cls(p, conn, review, read_only=True, read_only_reason=reason)
        try:
            lock = held if held is not None else _take_lock(FileLock(p))
        except StoreError as exc:
            raise OpenError(p, str(exc).removeprefix(f"{p}: ")) from exc
        try:
            backup = None
            if check.schema_version < SCHEMA_VERSION:
                backup = cls._backup_before_upgrade(p, check.schema_version)
            conn = _connect(p, writable=True)
            if check.schema_version < SCHEMA_VERSION:
                upgrade(Database(conn))
            review = cls._load_checked(p, conn)
        except BaseException:
            lock.release()
            raise
        doc = cls(p, conn, review, read_only=False, lock=lock)
        if backup is not None:
            doc.upgraded_from, doc.backup_path = check.schema_version, backup
        return doc

    @staticmethod
    def _load_checked(p: Path, conn: sqlite3.Connection) -> Review:
        try:
            review = load_review(conn)
            check_review(review)
        except (sqlite3.Error, ValueError, TypeError, KeyError) as exc:
            conn.close()
            first = str(exc).splitlines()[0][:300] if str(exc) else type(exc).__name__
            raise OpenError(p, f"holds data pm-desktop cannot use ({first})") from exc
        return review

    @staticmethod
    def _backup_before_upgrade(p: Path, version: int) -> Path:
        backup = p.with_name(f"{p.stem}.v{version}-backup{p.suffix}")
        n = 2
        while backup.exists():
            backup = p.with_name(f"{p.stem}.v{version}-backup-{n}{p.suffix}")
            n += 1
        try:
            with new_part(backup) as part:
                src = sqlite3.connect(ro_uri(p), uri=True)
                dst = sqlite3.connect(str(part))
                try:
                    src.backup(dst)
                finally:
                    dst.close()
                    src.close()
                publish(part, backup)
        except (OSError, OutputError, sqlite3.Error) as exc:
            raise OpenError(
                p,
                f"was not upgraded: the backup copy {backup.name} cannot be written ({describe(exc)})",
            ) from exc
        return backup

    # ------------------------------------------------------------------ the edit path
    @property
    def conn(self) -> sqlite3.Connection:
        if self._conn is None:
            raise StoreError(f"{self.path}: the review is closed")
        return self._conn

    @property
    def closed(self) -> bool:
        return self._conn is None

    def subscribe(self, listener: Listener) -> None:
        self._listeners.append(listener)

    def unsubscribe(self, listener: Listener) -> None:
        with contextlib.suppress(ValueError):
            self._listeners.remove(listener)

    def apply(self, edit: Edit) -> Change:
        """Apply one edit as one committed transaction, then notify listeners."""
        if self.read_only:
            raise ReadOnlyError(self.path, self.read_only_reason or "opened read-only")
        conn = self.conn
        change = edit.apply(self.review)
        if change:
            try:
                conn.execute("BEGIN IMMEDIATE")
                try:
                    self._write(conn, change)
                    conn.execute("COMMIT")
                except BaseException:
                    if conn.in_transaction:
                        conn.execute("ROLLBACK")
                    raise
            except BaseException as exc:
                edit.inverse().apply(self.review)
                if isinstance(exc, sqlite3.Error):
                    raise StoreError(f"{self.path}: the change was not saved ({exc})") from exc
                raise
        self._notify(change)
        return change

    def _write(self, conn: sqlite3.Connection, change: Change) -> None:
        review = self.review
        for name, entity_id in sorted(change.keys):
            entity = review.collection(name).get(entity_id)
            if entity is None:
                conn.execute(rows.delete_sql(name), (entity_id,))
            else:
                conn.execute(rows.upsert_sql(name), rows.to_row(name, entity))
        if change.fields:
            conn.executemany(
                "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
                rows.meta_to_rows(review.meta, sorted(change.fields)),
            )

    def _notify(self, change: Change) -> None:
        errors: list[BaseException] = []
        for listener in list(self._listeners):
            try:
                listener(change)
            except Exception as exc:  # one broken view must not stop the others
                log.exception("change listener failed")
                errors.append(exc)
        if errors:
            raise errors[0]

    # ------------------------------------------------------------------ blobs
    def put_blob(
        self,
        data: bytes,
        mime: str,
        *,
        width: int = 0,
        height: int = 0,
        captured_at: str | None = None,
    ) -> BlobInfo:
        """Store bytes once (keyed by sha256) and return what the review knows about them.
        Blobs are content, not edits: an evidence row pointing at them is the undoable part."""
        if self.read_only:
            raise ReadOnlyError(self.path, self.read_only_reason or "opened read-only")
        sha = hashlib.sha256(data).hexdigest()
        existing = self.review.blobs.get(sha)
        if existing is not None:
            return existing
        info = BlobInfo(sha, mime, len(data), width, height)
        conn = self.conn
        try:
            conn.execute("BEGIN IMMEDIATE")
            try:
                conn.execute(
                    "INSERT OR IGNORE INTO blob"
                    " (sha256, mime, size, width, height, captured_at, data)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (sha, mime, len(data), width, height, captured_at, data),
                )
                conn.execute("COMMIT")
            except BaseException:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise
        except sqlite3.Error as exc:
            raise StoreError(f"{self.path}: the item was not saved ({exc})") from exc
        self.review.blobs[sha] = info
        return info

    def read_blob(self, sha: str) -> bytes:
        row = self.conn.execute("SELECT data FROM blob WHERE sha256 = ?", (sha,)).fetchone()
        if row is None:
            raise KeyError(sha)
        return bytes(row[0])

    def thumbnail(self, sha: str, size: int) -> bytes | None:
        row = self.conn.execute(
            "SELECT data FROM thumbnail WHERE sha256 = ? AND size = ?", (sha, size)
        ).fetchone()
        return None if row is None else bytes(row[0])

    def put_thumbnail(self, sha: str, size: int, data: bytes) -> None:
        """Thumbnails are a cache kept in the file, made once per image and size."""
        if self.read_only:
            return
        try:
            self.conn.execute(
                "INSERT OR REPLACE INTO thumbnail (sha256, size, data) VALUES (?, ?, ?)",
                (sha, size, data),
            )
        except sqlite3.Error:  # a cache: a full disk only means it is made again next time
            log.warning("thumbnail not kept in %s", self.path, exc_info=True)

    def blob_reader(self) -> BlobReader:
        """A separate read-only connection, for a worker thread (exports)."""
        return BlobReader(self.path)

    # ------------------------------------------------------------------ whole-file operations
    def snapshot(self) -> Review:
        """A copy of the review that later edits do not change (entities are immutable)."""
        return self.review.copy()

    def save_as(self, target: os.PathLike[str] | str) -> None:
        """Copy the review to ``target`` with the backup API and continue there.

        The copy is written aside and renamed over the target, so a crash leaves both the old file
        and any existing target intact. An untitled review's scratch file is removed afterwards.
        """
        dest = Path(target)
        if dest.exists() and dest.resolve() == self.path.resolve():
            return
        if dest.is_dir():
            raise StoreError(f"{dest}: is a folder")
        clean_leftovers(dest.parent)
        new_lock = _take_lock(FileLock(dest))
        try:
            with new_part(dest) as part:
                out = sqlite3.connect(str(part))
                try:
                    self.conn.backup(out)
                finally:
                    out.close()
                publish(part, dest)
            conn = _connect(dest, writable=True)
        except BaseException as exc:
            new_lock.release()
            if isinstance(exc, OutputError):
                raise StoreError(str(exc)) from exc
            if isinstance(exc, (OSError, sqlite3.Error)):
                raise StoreError(f"{dest}: cannot be written ({describe(exc)})") from exc
            raise
        old_path, was_untitled = self.path, self.untitled
        self.conn.close()
        if self._lock is not None:
            self._lock.release()
        self._conn, self._lock, self.path = conn, new_lock, dest
        self.read_only, self.read_only_reason, self.untitled = False, "", False
        if was_untitled:
            with contextlib.suppress(OSError):
                old_path.unlink()

    def purge_unused_blobs(self) -> int:
        """Drop blobs no evidence points at (kept until close so undo can bring them back)."""
        if self.read_only or self._conn is None:
            return 0
        used = {e.blob for e in self.review.evidence.values() if e.blob}
        unused = [sha for sha in self.review.blobs if sha not in used]
        if not unused:
            return 0
        conn = self.conn
        conn.execute("BEGIN IMMEDIATE")
        try:
            conn.executemany("DELETE FROM blob WHERE sha256 = ?", ((s,) for s in unused))
            conn.executemany("DELETE FROM thumbnail WHERE sha256 = ?", ((s,) for s in unused))
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        for sha in unused:
            self.review.blobs.pop(sha, None)
        with contextlib.suppress(sqlite3.Error):
            conn.execute("PRAGMA incremental_vacuum")
        return len(unused)

    def close(self) -> None:
        if self._conn is None:
            return
        try:
            self.purge_unused_blobs()
        except sqlite3.Error:
            log.exception("could not purge unused blobs")
        self._conn.close()
        self._conn = None
        if self._lock is not None:
            self._lock.release()
            self._lock = None
        self._listeners.clear()

    def discard(self) -> None:
        """Close and delete an untitled review (the user chose not to keep it)."""
        path, untitled = self.path, self.untitled
        self.close()
        if untitled:
            with contextlib.suppress(OSError):
                path.unlink()

    def __enter__(self) -> Document:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def display_name(self) -> str:
        return self.review.meta.title if self.untitled else self.path.name


class BlobReader:
    """Read-only access to a review's blobs from another thread."""

    def __init__(self, path: Path):
        self._conn = _connect(path, writable=False)

    def read(self, sha: str) -> bytes:
        row = self._conn.execute("SELECT data FROM blob WHERE sha256 = ?", (sha,)).fetchone()
        if row is None:
            raise KeyError(sha)
        return bytes(row[0])

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> BlobReader:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def copy_snapshot(source: os.PathLike[str] | str, target: os.PathLike[str] | str) -> None:
    """Copy a review file as it is now, for a reader in another process (an export).

    A read transaction holds SQLite's shared lock while the file is copied, so no writer can
    commit in the middle (the rollback journal's rule; SQLite's documented way to back up a
    database before its backup API existed). The copy takes milliseconds, not the time a
    page-by-page backup of every screenshot would, so an edit made meanwhile waits at most that.
    """
    try:
        conn = _connect(Path(source), writable=False)
        try:
            conn.execute("BEGIN")
            conn.execute("SELECT count(*) FROM meta").fetchone()  # takes the shared lock
            shutil.copyfile(source, target)
            conn.execute("COMMIT")
        finally:
            conn.close()
    except (OSError, sqlite3.Error) as exc:
        raise StoreError(f"{source}: cannot be read ({exc})") from exc
