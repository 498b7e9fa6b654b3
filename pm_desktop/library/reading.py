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
from pathlib import Path

from pm_desktop.domain.model import Review
from pm_desktop.store.other_review import read_untrusted

HASH_CHUNK = 1 << 20


def content_hash(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while chunk := fh.read(HASH_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def read_review(path: Path) -> Review:
    """The review stored in ``path``, or :class:`OpenError` with the reason it cannot be used."""
    conn, review = read_untrusted(
        path, "it is indexed once that change is finished or the file is opened in pm-desktop"
    )
    conn.close()
    return review
