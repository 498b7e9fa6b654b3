"""The open review: one SQLite file, one in-memory :class:`Review`, one edit path.

``Document.apply(edit)`` applies a domain edit to the in-memory review, writes the rows it changed
in one SQLite transaction, commits, and only then tells listeners what changed. If the write
fails, the in-memory edit is reverted with its exact inverse, so memory and file never disagree.
There is no "unsaved" state: every applied edit is on disk when ``apply`` returns.

This module is the file's lifecycle (create, open, Save As, close) and the edit path. The
transaction and connection settings live in ``connection.py``, the write-aside of whole files in
``files.py``, blobs and thumbnails in ``blobs.py``.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
import uuid
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from pm_desktop.domain import timeutil
from pm_desktop.domain.card_numbers import give_identity
from pm_desktop.domain.edits import Change, Edit
from pm_desktop.domain.model import BlobInfo, Review
from pm_desktop.domain.validate import ValidationError, check_review

from .blobs import BlobReader, Blobs
from .connection import (
    ReadOnlyError,
    StoreError,
    configure,
    connect,
    copy_snapshot,
    transaction,
)
from .files import OutputError, clean_leftovers, describe, write_aside
from .lock import AlreadyOpenError, FileLock, LockError
from .opening import OpenError, check_file, ro_uri
from .persist import load_review, write_change, write_meta_fields, write_review
from .recover import find_untitled, link_count, prepare_to_open
from .schema import SCHEMA_VERSION, create_schema, upgrade

log = logging.getLogger(__name__)

Listener = Callable[[Change], None]

__all__ = [
    "AlreadyOpenError",
    "BlobReader",
    "Document",
    "OpenError",
    "ReadOnlyError",
    "StoreError",
    "copy_snapshot",
    "find_untitled",
    "load_review",
]


def _take_lock(lock: FileLock) -> FileLock:
    """Acquire; a lock file that cannot be made is a one-line :class:`StoreError`."""
    try:
        return lock.acquire()
    except LockError as exc:
        raise StoreError(str(exc)) from exc


def _write_new(target: Path, fill: Callable[[Path], None]) -> tuple[sqlite3.Connection, FileLock]:
    """Make ``target`` a new review file under its lock: ``fill`` writes a part file beside it,
    which then replaces ``target`` (:func:`~.files.write_aside`). Returns the open connection and
    the held lock; on failure nothing is left behind and the error is one :class:`StoreError`."""
    clean_leftovers(target.parent)
    lock = _take_lock(FileLock(target))
    try:
        with write_aside(target) as part:
            fill(part)
        conn = connect(target, writable=True)
    except BaseException as exc:
        lock.release()
        if isinstance(exc, OutputError):
            raise StoreError(str(exc)) from exc
        if isinstance(exc, (OSError, sqlite3.Error)):
            raise StoreError(f"{target}: cannot be written ({describe(exc)})") from exc
        raise
    return conn, lock


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
        self.blobs = Blobs(self)

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
        give_identity(review)
        if not review.meta.created:  # a new review starts its revision history here
            review = review.copy()
            now = timeutil.now_canonical()
            review.meta = replace(review.meta, created=now, changed=review.meta.changed or now)
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

        def fill(part: Path) -> None:
            conn = sqlite3.connect(str(part), isolation_level=None)
            try:
                conn.execute("PRAGMA auto_vacuum = INCREMENTAL")
                configure(conn, writable=True)
                # The part file is flushed as a whole before it replaces the target
                # (files.write_aside): flushing each of the schema's statements on the way
                # (a dozen fsyncs) adds nothing to what survives a power cut.
                conn.execute("PRAGMA synchronous = OFF")
                create_schema(conn)
                with transaction(conn, target, "cannot be written", immediate=False):
                    write_review(conn, review, blobs)
            finally:
                conn.close()

        conn, lock = _write_new(target, fill)
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
            conn = connect(p, writable=False)
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
            conn = connect(p, writable=True)
            if check.schema_version < SCHEMA_VERSION:
                from sqlite_utils import Database  # upgrading an older file only

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
            with write_aside(backup) as part:
                src = sqlite3.connect(ro_uri(p), uri=True)
                dst = sqlite3.connect(str(part))
                try:
                    src.backup(dst)
                finally:
                    dst.close()
                    src.close()
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
            before = self.review.meta.changed
            # "last changed" in the revision history: stamped, not an edit (undo counts too)
            self.review.meta = replace(self.review.meta, changed=timeutil.now_canonical())
            try:
                with transaction(conn, self.path, "the change was not saved"):
                    write_change(conn, self.review, change)
                    write_meta_fields(conn, self.review, ("changed",))
            except BaseException:
                self.review.meta = replace(self.review.meta, changed=before)
                edit.inverse().apply(self.review)
                raise
        self._notify(change)
        return change

    def _notify(self, change: Change) -> None:
        """Tell every listener. The edit is committed already, so a broken listener is logged
        and the others still hear it: the edit stands whatever a view does with the news."""
        for listener in list(self._listeners):
            try:
                listener(change)
            except Exception:
                log.exception("%s: a view failed to follow a change (%s)", self.path, change.label)

    # ------------------------------------------------------------------ blobs (store/blobs.py)
    def put_blob(
        self,
        data: bytes,
        mime: str,
        *,
        width: int = 0,
        height: int = 0,
        captured_at: str | None = None,
    ) -> BlobInfo:
        """Store bytes once (keyed by sha256); see :meth:`.blobs.Blobs.put`."""
        return self.blobs.put(data, mime, width=width, height=height, captured_at=captured_at)

    def read_blob(self, sha: str) -> bytes:
        return self.blobs.read(sha)

    def thumbnail(self, sha: str, size: int) -> bytes | None:
        return self.blobs.thumbnail(sha, size)

    def put_thumbnail(self, sha: str, size: int, data: bytes) -> None:
        self.blobs.put_thumbnail(sha, size, data)

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

        def fill(part: Path) -> None:
            out = sqlite3.connect(str(part))
            try:
                self.conn.backup(out)
            finally:
                out.close()

        conn, new_lock = _write_new(dest, fill)
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
        return self.blobs.purge_unused(e.blob for e in self.review.evidence.values() if e.blob)

    def close(self) -> None:
        if self._conn is None:
            return
        try:
            self.purge_unused_blobs()
        except StoreError:
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
