"""A review's rows: read the whole review, write a new file's rows, write what an edit changed.

Callers own the transaction (:func:`~.connection.transaction`); nothing here commits.
"""

from __future__ import annotations

import sqlite3

from pm_desktop.domain.edits import Change
from pm_desktop.domain.model import COLLECTIONS, Review
from pm_desktop.domain.prompts import forget_template_prompts

from . import rows
from .blobs import load_infos, write_all

_META_UPSERT = "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)"


def load_review(conn: sqlite3.Connection) -> Review:
    """The whole review as stored (unchecked: the caller runs ``check_review``)."""
    meta = rows.meta_from_rows(dict(conn.execute("SELECT key, value FROM meta").fetchall()))
    review = Review(meta=meta)
    for name in COLLECTIONS:
        items = review.collection(name)
        for row in conn.execute(rows.select_sql(name)):
            entity = rows.from_row(name, row)
            items[entity.id] = entity
    review.blobs.update(load_infos(conn))
    # Older templates stored their instructions as text; read that text as an empty field.
    forget_template_prompts(review)
    return review


def write_review(conn: sqlite3.Connection, review: Review, data: dict[str, bytes]) -> None:
    """Every row of a new file; ``data`` holds the bytes of each blob in ``review.blobs``."""
    conn.executemany(_META_UPSERT, rows.meta_to_rows(review.meta))
    write_all(conn, review.blobs, data)
    for name in COLLECTIONS:
        items = review.collection(name)
        conn.executemany(rows.upsert_sql(name), (rows.to_row(name, e) for e in items.values()))


def write_change(conn: sqlite3.Connection, review: Review, change: Change) -> None:
    """The rows one applied edit changed, as ``review`` holds them now (gone = deleted).

    One statement per table for all its rows (a card move renumbers hundreds of rows); the
    references between rows are checked at commit, so the order within a table is free."""
    by_table: dict[str, list[str]] = {}
    for name, entity_id in change.keys:
        by_table.setdefault(name, []).append(entity_id)
    for name in sorted(by_table):
        items = review.collection(name)
        ids = sorted(by_table[name])
        gone = [(i,) for i in ids if i not in items]
        if gone:
            conn.executemany(rows.delete_sql(name), gone)
        if len(gone) < len(ids):
            conn.executemany(
                rows.upsert_sql(name), [rows.to_row(name, items[i]) for i in ids if i in items]
            )
    if change.fields:
        conn.executemany(_META_UPSERT, rows.meta_to_rows(review.meta, sorted(change.fields)))


def write_meta_fields(conn: sqlite3.Connection, review: Review, names: tuple[str, ...]) -> None:
    """Rows of the review's own fields the store records itself (``changed``)."""
    conn.executemany(_META_UPSERT, rows.meta_to_rows(review.meta, names))
