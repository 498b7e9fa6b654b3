"""Read another person's review file to merge it: read-only, unlocked, never changed.

The file is untrusted input. The same checks as opening it run first
(:func:`~pm_desktop.store.opening.check_file`: header, application id, schema version, our schema
objects only, ``quick_check``, every cell), then the rows are read through the entity codec and
checked like an opened review, and every stored piece of data against its sha256. Nothing is
written to it or beside it: no lock file, no journal
recovery (a file with a ``-journal`` beside it is refused, since rolling it back is a write to
someone else's file), no upgrade in place (an older file is upgraded in a memory copy). Stored
data is handed out only when its bytes match the sha256 they are filed under.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
from pathlib import Path
from types import TracebackType

from sqlite_utils import Database

from pm_desktop.domain.model import Review
from pm_desktop.domain.validate import ValidationError, check_review

from . import blobs
from .connection import connect
from .opening import OpenError, check_file
from .persist import load_review
from .recover import journal_path
from .schema import SCHEMA_VERSION, upgrade


def read_untrusted(path: Path, when_busy: str) -> tuple[sqlite3.Connection, Review]:
    """A review file read the way a file from someone else is read: the opening checks, then
    its rows through the codec and :func:`check_review`, without a lock, a journal recovery or
    an upgrade in place (an older file is upgraded in a memory copy). Returns the connection
    (read-only, or the memory copy) and the review; :class:`OpenError` names the problem
    (``when_busy`` says what to do about a ``-journal`` beside the file)."""
    if journal_path(path).exists():
        raise OpenError(
            path,
            f"has a change in progress or left unfinished (a -journal file beside it); {when_busy}",
        )
    check = check_file(path)
    try:
        conn = connect(path, writable=False)
    except sqlite3.Error as exc:
        raise OpenError(path, f"cannot be opened ({exc})") from exc
    try:
        if check.schema_version < SCHEMA_VERSION:
            memory = sqlite3.connect(":memory:", isolation_level=None)
            conn.backup(memory)
            conn.close()
            conn = memory
            upgrade(Database(conn))
        review = load_review(conn)
        check_review(review)
    except (sqlite3.Error, ValidationError, ValueError, TypeError, KeyError) as exc:
        conn.close()
        first = str(exc).splitlines()[0][:300] if str(exc) else type(exc).__name__
        raise OpenError(path, f"holds data pm-desktop cannot use ({first})") from exc
    return conn, review


class OtherReview:
    """An open, checked, read-only review from another file. Use as a context manager; the
    review is :attr:`review`, its stored data comes from :meth:`read_blob`."""

    def __init__(self, path: os.PathLike[str] | str):
        self.path = Path(path)
        self._conn: sqlite3.Connection | None = None
        self.review = self._open()

    def _open(self) -> Review:
        conn, review = read_untrusted(
            self.path, "open it once in pm-desktop, close it, then merge it"
        )
        try:
            self._check_checksums(conn)
        except BaseException:
            conn.close()
            raise
        self._conn = conn
        return review

    def _check_checksums(self, conn: sqlite3.Connection) -> None:
        """Every stored piece against its sha256, one at a time (so a damaged file is refused
        before a merge starts, without holding all its pictures in memory)."""
        for sha, data in conn.execute("SELECT sha256, data FROM blob"):
            if hashlib.sha256(data).hexdigest() != sha:
                raise OpenError(
                    self.path,
                    f"holds stored data that does not match its checksum ({sha[:12]}…)",
                )

    def read_blob(self, sha: str) -> bytes:
        """The stored data filed under ``sha``; :class:`OpenError` when it is missing or its bytes
        are not what the sha256 says (a damaged or doctored file)."""
        if self._conn is None:
            raise OpenError(self.path, "was closed before its data was read")
        try:
            data = blobs.read(self._conn, sha)
        except KeyError:
            raise OpenError(
                self.path, f"lacks the stored data {sha[:12]}… its evidence points at"
            ) from None
        except sqlite3.Error as exc:
            raise OpenError(self.path, f"is damaged ({exc}); it was left untouched") from exc
        if hashlib.sha256(data).hexdigest() != sha:
            raise OpenError(
                self.path, f"holds stored data that does not match its checksum ({sha[:12]}…)"
            )
        return data

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def __enter__(self) -> OtherReview:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()
