"""The library index: one SQLite database (with an FTS5 table) in the app's data folder.

It is a cache of what the review files say, never the other way round: it can be deleted at any
time and is rebuilt by the next scan. A database of an older index layout (``user_version``) or
one that SQLite cannot read is set aside and started afresh. The index runs in write-ahead-log
mode so the library window can read while a scan (another connection, another thread) writes.

Tables: ``folder`` (the library folders the user chose), ``review`` (one row per file found,
with its size, modification time and content hash, and either its list columns or the reason it
cannot be used), ``item`` (each searchable item's ``(field, text)`` pairs as JSON) with
``item_fts`` (the items' folded text under a trigram tokenizer, so words match inside words as
Find does) and ``followup``.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
from pathlib import Path

from pm_desktop.domain.model import Review

from .extract import followup_rows, items_of, summary_row

INDEX_VERSION = 2

_SCHEMA = """
CREATE TABLE folder (path TEXT PRIMARY KEY);
CREATE TABLE review (
    id INTEGER PRIMARY KEY,
    path TEXT NOT NULL UNIQUE,
    size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL,
    sha256 TEXT NOT NULL,
    problem TEXT NOT NULL DEFAULT '',
    title TEXT NOT NULL DEFAULT '',
    incident_date TEXT NOT NULL DEFAULT '',
    severity TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL DEFAULT '',
    services TEXT NOT NULL DEFAULT '[]',
    authors TEXT NOT NULL DEFAULT '',
    followups INTEGER NOT NULL DEFAULT 0,
    open_followups INTEGER NOT NULL DEFAULT 0,
    metrics TEXT NOT NULL DEFAULT '{}',
    categories TEXT NOT NULL DEFAULT '[]',
    causes TEXT NOT NULL DEFAULT '[]',
    related_earlier INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX review_order ON review(incident_date DESC, path);
CREATE TABLE item (
    id INTEGER PRIMARY KEY,
    review_id INTEGER NOT NULL REFERENCES review(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    item_id TEXT NOT NULL,
    texts TEXT NOT NULL
);
CREATE INDEX item_review ON item(review_id);
CREATE VIRTUAL TABLE item_fts USING fts5(folded, tokenize = 'trigram');
CREATE TABLE followup (
    review_id INTEGER NOT NULL REFERENCES review(id) ON DELETE CASCADE,
    item_id TEXT NOT NULL,
    title TEXT NOT NULL,
    owner TEXT NOT NULL,
    team TEXT NOT NULL,
    due TEXT NOT NULL,
    status TEXT NOT NULL,
    priority TEXT NOT NULL,
    criteria_done INTEGER NOT NULL,
    criteria_total INTEGER NOT NULL
);
CREATE INDEX followup_review ON followup(review_id);
"""


class IndexError_(Exception):
    """The index database cannot be made or used (one line for the user)."""


def connect_index(path: Path) -> sqlite3.Connection:
    """Open (or create, or rebuild) the index at ``path``."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise IndexError_(
            f"{path.parent}: the library index folder cannot be made ({exc.strerror})"
        ) from exc
    for attempt in range(2):
        try:
            conn = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False)
            conn.execute("PRAGMA busy_timeout = 10000")
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
            conn.execute("PRAGMA foreign_keys = ON")
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            if version != INDEX_VERSION:
                _create(conn)
            return conn
        except sqlite3.DatabaseError as exc:
            with contextlib.suppress(UnboundLocalError, sqlite3.Error):
                conn.close()
            if attempt:
                raise IndexError_(f"{path}: the library index cannot be used ({exc})") from exc
            _set_aside(path)
    raise AssertionError("unreachable")


def _set_aside(path: Path) -> None:
    """A damaged index is only a cache: keep it as ``.broken`` for a bug report, start again."""
    for suffix in ("", "-wal", "-shm"):
        p = Path(str(path) + suffix)
        if p.exists():
            with contextlib.suppress(OSError):
                os.replace(p, Path(str(path) + ".broken" + suffix))


def _create(conn: sqlite3.Connection) -> None:
    """Start the index afresh (keeping the chosen folders): it is a cache of the files."""
    folders: list[str] = []
    with contextlib.suppress(sqlite3.Error):
        folders = [r[0] for r in conn.execute("SELECT path FROM folder")]
    drops = "".join(
        f'DROP TABLE IF EXISTS "{name}";'
        for (name,) in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "AND name NOT LIKE 'item_fts_%'"
        ).fetchall()
    )
    conn.executescript(
        f"BEGIN IMMEDIATE;{drops}{_SCHEMA}PRAGMA user_version = {INDEX_VERSION};COMMIT;"
    )
    conn.executemany("INSERT OR IGNORE INTO folder (path) VALUES (?)", [(f,) for f in folders])


def remove_review(conn: sqlite3.Connection, review_id: int) -> None:
    conn.execute(
        "DELETE FROM item_fts WHERE rowid IN (SELECT id FROM item WHERE review_id = ?)",
        (review_id,),
    )
    conn.execute("DELETE FROM item WHERE review_id = ?", (review_id,))
    conn.execute("DELETE FROM followup WHERE review_id = ?", (review_id,))
    conn.execute("DELETE FROM review WHERE id = ?", (review_id,))


def store_review(
    conn: sqlite3.Connection,
    path: str,
    size: int,
    mtime_ns: int,
    sha256: str,
    review: Review | None,
    problem: str = "",
) -> int:
    """Replace what the index holds for ``path`` (inside the caller's transaction)."""
    old = conn.execute("SELECT id FROM review WHERE path = ?", (path,)).fetchone()
    if old is not None:
        remove_review(conn, old[0])
    values: dict[str, object] = {
        "path": path,
        "size": size,
        "mtime_ns": mtime_ns,
        "sha256": sha256,
        "problem": problem,
    }
    if review is not None:
        values.update(summary_row(review))
    names = ", ".join(values)
    marks = ", ".join("?" for _ in values)
    cur = conn.execute(f"INSERT INTO review ({names}) VALUES ({marks})", tuple(values.values()))  # noqa: S608 - our column names
    review_id = int(cur.lastrowid or 0)
    if review is None:
        return review_id
    for item in items_of(review):
        cur = conn.execute(
            "INSERT INTO item (review_id, kind, item_id, texts) VALUES (?, ?, ?, ?)",
            (review_id, item.kind, item.item_id, json.dumps(item.texts, ensure_ascii=False)),
        )
        conn.execute(
            "INSERT INTO item_fts (rowid, folded) VALUES (?, ?)", (cur.lastrowid, item.folded)
        )
    conn.executemany(
        "INSERT INTO followup (review_id, item_id, title, owner, team, due, status, priority, "
        "criteria_done, criteria_total) VALUES (:review_id, :item_id, :title, :owner, :team, "
        ":due, :status, :priority, :criteria_done, :criteria_total)",
        [{**row, "review_id": review_id} for row in followup_rows(review)],
    )
    return review_id
