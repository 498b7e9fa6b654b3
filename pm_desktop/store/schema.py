"""The .pmreview schema and its migrations.

``PRAGMA user_version`` is the schema version; ``PRAGMA application_id`` marks the file as ours.
Each version is a sqlite-utils ``Migrations`` step; a file of an older version is copied aside
(backup API) before it is upgraded. When you add a migration, bump :data:`SCHEMA_VERSION`, add a
fixture file of the previous version under ``tests/fixtures/`` and a test that opens it.
"""

from __future__ import annotations

import datetime as _dt
import sqlite3
import uuid
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

from pm_desktop.domain.codec import CODECS

if TYPE_CHECKING:  # sqlite-utils loads when an older file is upgraded or a file is checked
    from sqlite_utils import Database
    from sqlite_utils.migrations import Migrations

APPLICATION_ID = 0x504D5256  # "PMRV"
SCHEMA_VERSION = 4
MIGRATION_SET = "pm_desktop"

# Our migration steps in order, (name, function). They are registered with sqlite-utils'
# ``Migrations`` on first use (:func:`sqlite_migrations`); a new file is written from the same
# steps by :func:`create_schema`, which does not need sqlite-utils.
STEPS: list[tuple[str, Callable[[Any], None]]] = []
_registered: Migrations | None = None


def _step(name: str) -> Callable[[Callable[[Database], None]], Callable[[Database], None]]:
    def register(fn: Callable[[Database], None]) -> Callable[[Database], None]:
        STEPS.append((name, fn))
        return fn

    return register


def sqlite_migrations() -> Migrations:
    """Our steps as one sqlite-utils ``Migrations`` set (also ``schema.migrations``), made once:
    what upgrades an older file and builds the reference a file is trusted by."""
    global _registered
    if _registered is None:
        from sqlite_utils.migrations import Migrations

        registered = Migrations(MIGRATION_SET)
        for name, fn in STEPS:
            registered(name=name)(fn)
        _registered = registered
    return _registered


def __getattr__(name: str) -> Any:
    if name == "migrations":
        return sqlite_migrations()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


@_step("0001_initial")
def _initial(db: Database) -> None:
    # Raw SQL: deferred foreign keys let one transaction delete a branch of why nodes in any order.
    db.executescript(
        """
        CREATE TABLE IF NOT EXISTS meta (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL
        );
        CREATE TABLE IF NOT EXISTS person (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            role TEXT NOT NULL DEFAULT '',
            team TEXT NOT NULL DEFAULT '',
            contribution TEXT NOT NULL DEFAULT '',
            seq INTEGER NOT NULL DEFAULT 0
        );
        CREATE TABLE IF NOT EXISTS event (
            id TEXT PRIMARY KEY,
            time TEXT,
            tz TEXT NOT NULL DEFAULT 'UTC',
            text TEXT NOT NULL DEFAULT '',
            kind TEXT NOT NULL DEFAULT 'note',
            author TEXT NOT NULL DEFAULT '',
            approximate INTEGER NOT NULL DEFAULT 0,
            seq INTEGER NOT NULL DEFAULT 0
        );
        CREATE INDEX IF NOT EXISTS event_time ON event(time);
        CREATE TABLE IF NOT EXISTS blob (
            sha256 TEXT PRIMARY KEY,
            mime TEXT NOT NULL,
            size INTEGER NOT NULL,
            width INTEGER NOT NULL DEFAULT 0,
            height INTEGER NOT NULL DEFAULT 0,
            captured_at TEXT,
            data BLOB NOT NULL
        );
        CREATE TABLE IF NOT EXISTS thumbnail (
            sha256 TEXT NOT NULL,
            size INTEGER NOT NULL,
            data BLOB NOT NULL,
            PRIMARY KEY (sha256, size)
        );
        CREATE TABLE IF NOT EXISTS evidence (
            id TEXT PRIMARY KEY,
            kind TEXT NOT NULL,
            title TEXT NOT NULL DEFAULT '',
            note TEXT NOT NULL DEFAULT '',
            url TEXT NOT NULL DEFAULT '',
            text TEXT NOT NULL DEFAULT '',
            blob TEXT REFERENCES blob(sha256) DEFERRABLE INITIALLY DEFERRED,
            mime TEXT NOT NULL DEFAULT '',
            filename TEXT NOT NULL DEFAULT '',
            captured_at TEXT,
            captured_tz TEXT NOT NULL DEFAULT 'UTC',
            captured_by TEXT NOT NULL DEFAULT '',
            event_ids TEXT NOT NULL DEFAULT '[]',
            seq INTEGER NOT NULL DEFAULT 0
        );
        CREATE TABLE IF NOT EXISTS why (
            id TEXT PRIMARY KEY,
            parent_id TEXT REFERENCES why(id) DEFERRABLE INITIALLY DEFERRED,
            text TEXT NOT NULL DEFAULT '',
            root_cause INTEGER NOT NULL DEFAULT 0,
            status TEXT NOT NULL DEFAULT 'possible',
            category TEXT NOT NULL DEFAULT '',
            evidence_ids TEXT NOT NULL DEFAULT '[]',
            seq INTEGER NOT NULL DEFAULT 0
        );
        CREATE TABLE IF NOT EXISTS followup (
            id TEXT PRIMARY KEY,
            title TEXT NOT NULL,
            description TEXT NOT NULL DEFAULT '',
            acceptance TEXT NOT NULL DEFAULT '[]',
            owner TEXT NOT NULL DEFAULT '',
            due TEXT NOT NULL DEFAULT '',
            status TEXT NOT NULL DEFAULT 'todo',
            priority TEXT NOT NULL DEFAULT '',
            type TEXT NOT NULL DEFAULT '',
            why_ids TEXT NOT NULL DEFAULT '[]',
            url TEXT NOT NULL DEFAULT '',
            seq INTEGER NOT NULL DEFAULT 0
        );
        """
    )


@_step("0002_facilitator")
def _facilitator(db: Database) -> None:
    # The meeting's kit: contributing factors beside root causes, turning points with their
    # open question, and the parking lot. Review-level settings (roles, opening statement,
    # lessons learned) are rows of ``meta`` and need no change here.
    db.executescript(
        """
        ALTER TABLE why ADD COLUMN contributing INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE event ADD COLUMN turning_point INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE event ADD COLUMN open_question TEXT NOT NULL DEFAULT '';
        CREATE TABLE IF NOT EXISTS parking (
            id TEXT PRIMARY KEY,
            text TEXT NOT NULL,
            event_id TEXT NOT NULL DEFAULT '',
            followup_id TEXT NOT NULL DEFAULT '',
            seq INTEGER NOT NULL DEFAULT 0
        );
        """
    )


@_step("0003_sharing")
def _sharing(db: Database) -> None:
    # Sharing outside the team: other forms of a person's name, the text a user marked as
    # redacted, and boxes drawn over screenshots (image pixels; the stored image never changes).
    # The review's public domains live in ``meta`` like every other review field.
    db.executescript(
        """
        ALTER TABLE person ADD COLUMN handles TEXT NOT NULL DEFAULT '[]';
        CREATE TABLE IF NOT EXISTS redaction (
            id TEXT PRIMARY KEY,
            text TEXT NOT NULL,
            target TEXT NOT NULL DEFAULT '',
            target_id TEXT NOT NULL DEFAULT '',
            field TEXT NOT NULL DEFAULT '',
            seq INTEGER NOT NULL DEFAULT 0
        );
        CREATE TABLE IF NOT EXISTS redaction_box (
            id TEXT PRIMARY KEY,
            evidence_id TEXT NOT NULL REFERENCES evidence(id) DEFERRABLE INITIALLY DEFERRED,
            x INTEGER NOT NULL,
            y INTEGER NOT NULL,
            w INTEGER NOT NULL,
            h INTEGER NOT NULL,
            seq INTEGER NOT NULL DEFAULT 0
        );
        """
    )


@_step("0004_provenance")
def _provenance(db: Database) -> None:
    # Who wrote what and where it came from (events, evidence, why nodes; evidence keeps its
    # author in ``captured_by``), and a number per follow-up that, with the review's own id,
    # gives each card a key trackers know it by. Existing cards are numbered in the order they were written;
    # the review gets its id now (a new file gets it here too).
    db.executescript(
        """
        ALTER TABLE event ADD COLUMN source TEXT NOT NULL DEFAULT '';
        ALTER TABLE evidence ADD COLUMN source TEXT NOT NULL DEFAULT '';
        ALTER TABLE why ADD COLUMN source TEXT NOT NULL DEFAULT '';
        ALTER TABLE why ADD COLUMN author TEXT NOT NULL DEFAULT '';
        ALTER TABLE followup ADD COLUMN number INTEGER NOT NULL DEFAULT 0;
        """
    )
    db.conn.execute(
        "INSERT OR IGNORE INTO meta (key, value) VALUES ('review_id', ?)", (str(uuid.uuid4()),)
    )
    number_cards(db.conn)


def number_cards(conn: sqlite3.Connection) -> None:
    """Give every card without a number the next free one, in the order they were written,
    and record the highest. Used by the migration and by a cleaned copy of an older file."""
    row = conn.execute("SELECT value FROM meta WHERE key = 'last_followup_number'").fetchone()
    recorded = int(row[0]) if row and str(row[0]).isdigit() else 0
    (highest,) = conn.execute("SELECT coalesce(max(number), 0) FROM followup").fetchone()
    top = max(recorded, highest)
    ids = [r[0] for r in conn.execute("SELECT id FROM followup WHERE number = 0 ORDER BY rowid")]
    conn.executemany(
        "UPDATE followup SET number = ? WHERE id = ?",
        [(number, card_id) for number, card_id in enumerate(ids, start=top + 1)],
    )
    top += len(ids)
    conn.execute(
        "INSERT OR REPLACE INTO meta (key, value) VALUES ('last_followup_number', ?)",
        (str(top) if top else "",),
    )


# The table each collection lives in, and its columns in order (``id`` first): the entity
# codec's fields. A migration that adds a column adds the field to the model, nothing here.
TABLES: dict[str, tuple[str, tuple[str, ...]]] = {
    name: (entity.table, entity.columns) for name, entity in CODECS.items()
}


def upgrade(db: Database) -> None:
    """Apply pending migrations and stamp the file as ours at the current version."""
    sqlite_migrations().apply(db)
    db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")


# sqlite-utils' record of applied steps, as its ``Migrations`` creates it (``table.create`` and
# ``create_index``). A file is trusted only when its schema equals what sqlite-utils writes
# (store/trust.py); tests/store/test_create_schema.py holds the two to each other.
_RECORD_TABLE = """CREATE TABLE "_sqlite_migrations" (
   "id" INTEGER PRIMARY KEY,
   "migration_set" TEXT,
   "name" TEXT,
   "applied_at" TEXT
)"""
_RECORD_INDEX = """CREATE UNIQUE INDEX "idx__sqlite_migrations_migration_set_name"
    ON "_sqlite_migrations" ("migration_set", "name")"""


class _StepConnection:
    """What our migration steps use of sqlite-utils' ``Database`` (``conn``, ``execute``,
    ``executescript``), with its semantics inside a transaction: a script runs statement by
    statement, without the implicit COMMIT of ``sqlite3.executescript``."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def execute(self, sql: str, parameters: Any = ()) -> sqlite3.Cursor:
        return self.conn.execute(sql, parameters)

    def executescript(self, sql: str) -> sqlite3.Cursor:
        cursor = self.conn.cursor()
        for statement in _statements(sql):
            cursor.execute(statement)
        return cursor


def _statements(sql: str) -> Iterator[str]:
    """The complete statements of a script, each ending at the ``;`` that completes it."""
    start = 0
    for at, char in enumerate(sql):
        if char == ";" and sqlite3.complete_statement(sql[start : at + 1]):
            yield sql[start : at + 1].strip()
            start = at + 1
    rest = sql[start:].strip()
    if rest:
        yield rest


def create_schema(conn: sqlite3.Connection) -> None:
    """Write the current schema into a new, empty database (autocommit connection): every
    step in its own transaction with its record, as sqlite-utils' ``Migrations.apply`` does,
    without loading sqlite-utils (it costs a new review's first paint ~40 ms)."""
    if conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
        raise ValueError("create_schema writes into an empty database only")
    steps: list[tuple[str, Callable[[Any], None]]] = (
        [(m.name, m.fn) for m in _registered._migrations] if _registered is not None else STEPS
    )  # the registered set when there is one (tests add a step to it)
    conn.execute(_RECORD_TABLE)
    conn.execute(_RECORD_INDEX)
    plain = _StepConnection(conn)
    for name, fn in steps:
        conn.execute("BEGIN")
        try:
            fn(plain)
            conn.execute(
                'INSERT INTO "_sqlite_migrations" ("migration_set", "name", "applied_at") '
                "VALUES (?, ?, ?)",
                (MIGRATION_SET, name, str(_dt.datetime.now(_dt.UTC))),
            )
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
