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

INDEX_VERSION = 3

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
_CREATE = f"BEGIN IMMEDIATE;{_SCHEMA}PRAGMA user_version = {INDEX_VERSION};COMMIT;"
REVIEW_COLUMNS = (
    "path", "size", "mtime_ns", "sha256", "problem", "title", "incident_date", "severity",
    "status", "services", "authors", "followups", "open_followups", "metrics", "categories",
    "causes",
)  # fmt: skip
_INSERT_REVIEW = (
    "INSERT INTO review (path, size, mtime_ns, sha256, problem, title, incident_date, severity, "
    "status, services, authors, followups, open_followups, metrics, categories, causes) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)  # the columns of REVIEW_COLUMNS, in order
_NO_SUMMARY: dict[str, object] = {
    "title": "", "incident_date": "", "severity": "", "status": "", "services": "[]",
    "authors": "", "followups": 0, "open_followups": 0, "metrics": "{}", "categories": "[]",
    "causes": "[]",
}  # fmt: skip
# Item ids sort newest incident first: the full-text index hands out its matches in id order,
# and FTS5 reads lazily, so a search reads only as many items as it shows, already in order.
_PER_DAY = 10**8


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
    folders: list[str] = []
    for attempt in range(3):
        conn: sqlite3.Connection | None = None
        try:
            conn = _open(path)
            if conn.execute("PRAGMA user_version").fetchone()[0] == INDEX_VERSION:
                return conn
            if _has_table(conn, "folder") or _has_table(conn, "review"):
                # An index of another layout: a cache, so start again, keeping the folders.
                if _has_table(conn, "folder"):
                    folders = [r[0] for r in conn.execute("SELECT path FROM folder")]
                conn.close()
                _remove(path)
                continue
            conn.executescript(_CREATE)
            conn.executemany(
                "INSERT OR IGNORE INTO folder (path) VALUES (?)", [(f,) for f in folders]
            )
            return conn
        except sqlite3.DatabaseError as exc:
            if conn is not None:
                conn.close()
            if attempt == 2:
                raise IndexError_(f"{path}: the library index cannot be used ({exc})") from exc
            _set_aside(path)
    raise IndexError_(f"{path}: the library index cannot be made")


def _open(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False)
    try:
        conn.execute("PRAGMA busy_timeout = 10000")
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute("PRAGMA foreign_keys = ON")
    except sqlite3.Error:
        conn.close()
        raise
    return conn


def _has_table(conn: sqlite3.Connection, name: str) -> bool:
    row = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (name,)
    ).fetchone()
    return row is not None


def _remove(path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        with contextlib.suppress(FileNotFoundError):
            Path(str(path) + suffix).unlink()


def _set_aside(path: Path) -> None:
    """A damaged index is only a cache: keep it as ``.broken`` for a bug report, start again."""
    for suffix in ("", "-wal", "-shm"):
        p = Path(str(path) + suffix)
        if p.exists():
            with contextlib.suppress(OSError):
                os.replace(p, Path(str(path) + ".broken" + suffix))


def _first_free_id(conn: sqlite3.Connection, date: str) -> int:
    digits = date.replace("-", "")
    day = int(digits) if len(digits) == 8 and digits.isdigit() else 0
    base = (99_999_999 - day) * _PER_DAY  # undated reviews come last
    top = conn.execute(
        "SELECT max(id) FROM item WHERE id >= ? AND id < ?", (base, base + _PER_DAY)
    ).fetchone()[0]
    return base if top is None else top + 1


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
        **(summary_row(review) if review is not None else _NO_SUMMARY),
    }
    cur = conn.execute(_INSERT_REVIEW, tuple(values[c] for c in REVIEW_COLUMNS))
    review_id = int(cur.lastrowid or 0)
    if review is None:
        return review_id
    first = _first_free_id(conn, review.meta.incident_date)
    for n, item in enumerate(items_of(review)):
        texts = json.dumps(item.texts, ensure_ascii=False)
        conn.execute(
            "INSERT INTO item (id, review_id, kind, item_id, texts) VALUES (?, ?, ?, ?, ?)",
            (first + n, review_id, item.kind, item.item_id, texts),
        )
        conn.execute("INSERT INTO item_fts (rowid, folded) VALUES (?, ?)", (first + n, item.folded))
    conn.executemany(
        "INSERT INTO followup (review_id, item_id, title, owner, team, due, status, priority, "
        "criteria_done, criteria_total) VALUES (:review_id, :item_id, :title, :owner, :team, "
        ":due, :status, :priority, :criteria_done, :criteria_total)",
        [{**row, "review_id": review_id} for row in followup_rows(review)],
    )
    return review_id
