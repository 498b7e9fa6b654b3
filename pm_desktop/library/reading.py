"""Read one review file for the library: read-only, unlocked, never changed.

The same checks as opening it in the app run first (:func:`pm_desktop.store.opening.check_file`:
header, application id, schema version, our schema objects only, ``quick_check``, every cell),
then the rows are read through the entity codec and checked like an opened review. Nothing is
written: no lock file, no journal recovery (a file with a pending journal is reported instead,
since rolling it back is a write), no upgrade in place (an older file is upgraded in a memory
copy). Every failure is an :class:`~pm_desktop.store.opening.OpenError` naming the problem.
"""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

from sqlite_utils import Database

from pm_desktop.domain.model import Review
from pm_desktop.domain.validate import ValidationError, check_review
from pm_desktop.store.connection import connect
from pm_desktop.store.opening import OpenError, check_file
from pm_desktop.store.persist import load_review
from pm_desktop.store.recover import journal_path
from pm_desktop.store.schema import SCHEMA_VERSION, upgrade

HASH_CHUNK = 1 << 20


def content_hash(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while chunk := fh.read(HASH_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def read_review(path: Path) -> Review:
    """The review stored in ``path``, or :class:`OpenError` with the reason it cannot be used."""
    if journal_path(path).exists():
        raise OpenError(
            path,
            "has a change in progress or left unfinished (a -journal file beside it); "
            "it is indexed once that change is finished or the file is opened in pm-desktop",
        )
    check = check_file(path)
    try:
        conn = connect(path, writable=False)
    except sqlite3.Error as exc:
        raise OpenError(path, f"cannot be opened ({exc})") from exc
    try:
        if check.schema_version < SCHEMA_VERSION:
            memory = sqlite3.connect(":memory:", isolation_level=None)
            try:
                conn.backup(memory)
                upgrade(Database(memory))
                review = load_review(memory)
            finally:
                memory.close()
        else:
            review = load_review(conn)
        check_review(review)
    except (sqlite3.Error, ValidationError, ValueError, TypeError, KeyError) as exc:
        first = str(exc).splitlines()[0][:300] if str(exc) else type(exc).__name__
        raise OpenError(path, f"holds data pm-desktop cannot use ({first})") from exc
    finally:
        conn.close()
    return review
