"""Entities ↔ table rows, through the entity codecs of :mod:`pm_desktop.domain.codec`.

The columns of each table are the codec's fields in order; lists (ids, handles, acceptance
criteria) are JSON text columns and flags are 0/1. Only the SQL lives here.
"""

from __future__ import annotations

from typing import Any

from pm_desktop.domain.codec import codec, meta_from_rows, meta_to_rows

from .schema import TABLES

__all__ = [
    "delete_sql",
    "from_row",
    "meta_from_rows",
    "meta_to_rows",
    "select_sql",
    "to_row",
    "upsert_sql",
]


def to_row(collection: str, entity: Any) -> tuple[Any, ...]:
    """Values in the column order of :data:`~pm_desktop.store.schema.TABLES`."""
    return codec(collection).to_row(entity)


def from_row(collection: str, row: tuple[Any, ...]) -> Any:
    return codec(collection).from_row(row)


def select_sql(collection: str) -> str:
    table, columns = TABLES[collection]
    return f"SELECT {', '.join(columns)} FROM {table}"  # noqa: S608 - names are ours, not user text


def upsert_sql(collection: str) -> str:
    table, columns = TABLES[collection]
    marks = ", ".join("?" for _ in columns)
    updates = ", ".join(f"{c} = excluded.{c}" for c in columns[1:])
    return f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks}) ON CONFLICT(id) DO UPDATE SET {updates}"  # noqa: S608


def delete_sql(collection: str) -> str:
    table, _ = TABLES[collection]
    return f"DELETE FROM {table} WHERE id = ?"  # noqa: S608
