"""Blobs (screenshots, attached files) and their thumbnails, inside a review file.

Blobs are content, not edits: the evidence row that points at a blob is the undoable part. A blob
is stored once per sha256 in its own committed transaction before the edit that uses it, and kept
until the review is closed, so undoing and redoing a drop always finds its bytes.

:class:`Blobs` is the only code that changes ``review.blobs`` (the in-memory index of what the
file holds): it adds an entry after the row is committed and drops entries after they are purged.
Thumbnails are a cache kept in the file, made once per image and size.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import sqlite3
from collections.abc import Iterable
from pathlib import Path
from typing import Protocol

from pm_desktop.domain.model import BlobInfo, Review

from .connection import ReadOnlyError, connect, transaction

log = logging.getLogger(__name__)

_INSERT = (
    "INSERT OR IGNORE INTO blob (sha256, mime, size, width, height, captured_at, data)"
    " VALUES (?, ?, ?, ?, ?, ?, ?)"
)


def load_infos(conn: sqlite3.Connection) -> dict[str, BlobInfo]:
    """What the file holds, without the bytes."""
    return {
        sha: BlobInfo(sha, mime, size, width, height)
        for sha, mime, size, width, height in conn.execute(
            "SELECT sha256, mime, size, width, height FROM blob"
        )
    }


def write_all(conn: sqlite3.Connection, infos: dict[str, BlobInfo], data: dict[str, bytes]) -> None:
    """Insert every blob of a new file (inside the caller's transaction)."""
    conn.executemany(
        _INSERT,
        (
            (sha, info.mime, len(data[sha]), info.width, info.height, None, data[sha])
            for sha, info in infos.items()
        ),
    )


def read(conn: sqlite3.Connection, sha: str) -> bytes:
    row = conn.execute("SELECT data FROM blob WHERE sha256 = ?", (sha,)).fetchone()
    if row is None:
        raise KeyError(sha)
    return bytes(row[0])


class Owner(Protocol):
    """What :class:`Blobs` needs from the open document (read each time: Save As moves it)."""

    path: Path
    review: Review
    read_only: bool
    read_only_reason: str

    @property
    def conn(self) -> sqlite3.Connection: ...


class Blobs:
    """The blobs of one open review."""

    def __init__(self, owner: Owner):
        self._owner = owner

    def _check_writable(self) -> None:
        if self._owner.read_only:
            raise ReadOnlyError(
                self._owner.path, self._owner.read_only_reason or "opened read-only"
            )

    def put(
        self,
        data: bytes,
        mime: str,
        *,
        width: int = 0,
        height: int = 0,
        captured_at: str | None = None,
    ) -> BlobInfo:
        """Store bytes once (keyed by sha256) and return what the review knows about them."""
        self._check_writable()
        sha = hashlib.sha256(data).hexdigest()
        review = self._owner.review
        existing = review.blobs.get(sha)
        if existing is not None:
            return existing
        info = BlobInfo(sha, mime, len(data), width, height)
        with transaction(self._owner.conn, self._owner.path, "the item was not saved") as conn:
            conn.execute(_INSERT, (sha, mime, len(data), width, height, captured_at, data))
        review.blobs[sha] = info
        return info

    def read(self, sha: str) -> bytes:
        return read(self._owner.conn, sha)

    def thumbnail(self, sha: str, size: int) -> bytes | None:
        row = self._owner.conn.execute(
            "SELECT data FROM thumbnail WHERE sha256 = ? AND size = ?", (sha, size)
        ).fetchone()
        return None if row is None else bytes(row[0])

    def put_thumbnail(self, sha: str, size: int, data: bytes) -> None:
        """Keep a thumbnail; silently nothing when the file is read-only or full (a cache: it
        is made again next time)."""
        if self._owner.read_only:
            return
        try:
            self._owner.conn.execute(
                "INSERT OR REPLACE INTO thumbnail (sha256, size, data) VALUES (?, ?, ?)",
                (sha, size, data),
            )
        except sqlite3.Error:
            log.warning("thumbnail not kept in %s", self._owner.path, exc_info=True)

    def purge_unused(self, used: Iterable[str]) -> int:
        """Drop blobs nothing points at (with their thumbnails); returns how many went."""
        keep = set(used)
        review = self._owner.review
        unused = [sha for sha in review.blobs if sha not in keep]
        if not unused:
            return 0
        conn = self._owner.conn
        with transaction(conn, self._owner.path, "unused pictures were not removed"):
            conn.executemany("DELETE FROM blob WHERE sha256 = ?", ((s,) for s in unused))
            conn.executemany("DELETE FROM thumbnail WHERE sha256 = ?", ((s,) for s in unused))
        for sha in unused:
            review.blobs.pop(sha, None)
        with contextlib.suppress(sqlite3.Error):  # free pages come back at the next purge
            conn.execute("PRAGMA incremental_vacuum")
        return len(unused)


class BlobReader:
    """Read-only access to a review's blobs from another thread."""

    def __init__(self, path: Path):
        self._conn = connect(path, writable=False)

    def read(self, sha: str) -> bytes:
        return read(self._conn, sha)

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> BlobReader:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
