"""Is this file's schema ours? Only then is it opened as it is.

A review file received from someone else can carry SQL of its own: a trigger runs on our writes
(deleting follow-ups, rewriting text, keeping "deleted" screenshots, copying pasted images into
a hidden table), a view can stand in for one of our tables (a recursive CTE that never ends, a
``randomblob`` of gigabytes), a virtual table can call a module we never load. None of that is
ever run: before any other statement touches the file, :func:`check_schema` compares its
``sqlite_master`` with a reference built at runtime by applying *our own migrations* to an
in-memory database, up to the file's schema version. Anything else — an extra trigger, view,
virtual table or index, one of our tables defined differently, one missing — makes the file
untrusted (:class:`~pm_desktop.store.opening.UntrustedFile`); the user can open a cleaned copy instead
(:mod:`pm_desktop.store.cleaning`).

Reading ``sqlite_master`` runs none of the objects it lists, so the check itself is safe.
"""

from __future__ import annotations

import re
import sqlite3
from functools import cache

from .schema import APPLICATION_ID, sqlite_migrations

# (type, name) → (table it belongs to, normalised SQL or "" for automatic indexes)
Schema = dict[tuple[str, str], tuple[str, str]]

_SPACE_RE = re.compile(r"\s+")
_QUOTES_RE = re.compile(r"[\"`\[\]]")
_PUNCT_SPACE_RE = re.compile(r"\s*([(),])\s*")


def _normalise(sql: str | None) -> str:
    """The definition without what does not change its meaning: spacing, identifier quoting
    (sqlite-utils versions quote differently), letter case. Any added clause still differs."""
    text = _QUOTES_RE.sub("", (sql or "").lower())
    return _PUNCT_SPACE_RE.sub(r"\1", _SPACE_RE.sub(" ", text)).strip()


def read_schema(conn: sqlite3.Connection) -> Schema:
    """The schema objects of a connection's main database (reads ``sqlite_master`` only)."""
    return {
        (kind, name): (table, _normalise(sql))
        for kind, name, table, sql in conn.execute(
            "SELECT type, name, tbl_name, sql FROM sqlite_master"
        )
    }


def migration_names() -> tuple[str, ...]:
    """Our migrations in order; schema version N is the first N of them."""
    # sqlite-utils keeps the registered steps in ``_migrations`` and has no public list.
    return tuple(m.name for m in sqlite_migrations()._migrations)


@cache
def reference_schema(version: int) -> Schema:
    """What a file of schema ``version`` holds when pm-desktop made it: our migrations up to
    that version, applied to an empty in-memory database (never a hand-written copy)."""
    from sqlite_utils import Database  # here: opening a file needs it, a new one does not

    names = migration_names()
    conn = sqlite3.connect(":memory:", isolation_level=None)
    try:
        db = Database(conn)
        stop = names[version] if version < len(names) else None
        sqlite_migrations().apply(db, stop_before=stop)
        conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        return read_schema(conn)
    finally:
        conn.close()


def foreign_objects(found: Schema, version: int) -> list[tuple[str, str, str]]:
    """``(type, name, how)`` for every object that is not exactly ours: ``how`` is "extra",
    "changed" or "missing"."""
    expected = reference_schema(version)
    problems: list[tuple[str, str, str]] = []
    # Code that runs comes first in the message: triggers, views, virtual tables.
    order = {"trigger": 0, "view": 1, "table": 2, "index": 3}
    for key in sorted(found, key=lambda k: (order.get(k[0], 9), k[1])):
        if key not in expected:
            kind = key[0]
            if kind == "table" and found[key][1].upper().startswith("CREATE VIRTUAL"):
                kind = "virtual table"
            problems.append((kind, key[1], "extra"))
        elif found[key] != expected[key]:
            problems.append((key[0], key[1], "changed"))
    for key in sorted(expected):
        if key not in found:
            problems.append((key[0], key[1], "missing"))
    return problems
