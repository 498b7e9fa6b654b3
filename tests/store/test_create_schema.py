"""A new review file is written without sqlite-utils (it costs the first paint), yet it must be
exactly the file sqlite-utils' ``Migrations`` would have made: that is the schema every file is
trusted by (store/trust.py)."""

from __future__ import annotations

import sqlite3
import subprocess
import sys

import pytest
from sqlite_utils import Database

from pm_desktop.domain.model import Review
from pm_desktop.store import schema, trust
from pm_desktop.store.document import Document
from pm_desktop.store.opening import check_file


def _made_by_sqlite_utils() -> sqlite3.Connection:
    conn = sqlite3.connect(":memory:", isolation_level=None)
    schema.upgrade(Database(conn))
    return conn


def _made_by_create_schema() -> sqlite3.Connection:
    conn = sqlite3.connect(":memory:", isolation_level=None)
    schema.create_schema(conn)
    return conn


def _raw_schema(conn: sqlite3.Connection) -> list[tuple[str, str, str, str]]:
    return sorted(conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master"))


def _records(conn: sqlite3.Connection) -> list[tuple[int, str, str]]:
    return list(conn.execute("SELECT id, migration_set, name FROM _sqlite_migrations"))


def test_a_new_schema_is_what_sqlite_utils_writes_to_the_letter():
    ours, theirs = _made_by_create_schema(), _made_by_sqlite_utils()
    assert _raw_schema(ours) == _raw_schema(theirs)  # not only the normalised form
    assert trust.read_schema(ours) == trust.reference_schema(schema.SCHEMA_VERSION)
    assert _records(ours) == _records(theirs)
    assert [name for _id, _set, name in _records(ours)] == list(trust.migration_names())
    for pragma in ("application_id", "user_version"):
        assert (
            ours.execute(f"PRAGMA {pragma}").fetchone()
            == theirs.execute(f"PRAGMA {pragma}").fetchone()
        )
    stamps = [r[0] for r in ours.execute("SELECT applied_at FROM _sqlite_migrations")]
    assert all(stamp.endswith("+00:00") and stamp[:4].isdigit() for stamp in stamps)
    assert ours.execute("SELECT value FROM meta WHERE key = 'review_id'").fetchone()[0]


def test_sqlite_utils_sees_nothing_pending_in_a_new_file():
    conn = _made_by_create_schema()
    assert schema.sqlite_migrations().pending(Database(conn)) == []
    before = _raw_schema(conn)
    schema.upgrade(Database(conn))  # what opening an older file runs: nothing to do here
    assert _raw_schema(conn) == before


def test_a_new_file_opens_as_trusted_with_its_review(tmp_path):
    path = tmp_path / "new.pmreview"
    review = Review()
    with Document.create(path, review) as doc:
        written = doc.review
    check = check_file(path)  # raises UntrustedFile when one object differs
    assert check.schema_version == schema.SCHEMA_VERSION
    with Document.open(path, read_only=True) as doc:
        assert doc.review == written


def test_create_schema_refuses_a_database_that_holds_anything():
    conn = sqlite3.connect(":memory:", isolation_level=None)
    conn.execute("CREATE TABLE t (x)")
    with pytest.raises(ValueError):
        schema.create_schema(conn)


def test_a_failing_step_leaves_no_record_of_itself(monkeypatch):
    def broken(db):
        db.executescript("CREATE TABLE half (x); CREATE TABLE half (y);")

    monkeypatch.setattr(schema, "STEPS", [*schema.STEPS, ("0099_broken", broken)])
    monkeypatch.setattr(schema, "_registered", None)
    conn = sqlite3.connect(":memory:", isolation_level=None)
    with pytest.raises(sqlite3.OperationalError):
        schema.create_schema(conn)
    assert not conn.in_transaction
    names = [name for _id, _set, name in _records(conn)]
    assert names == [name for name, _fn in schema.STEPS[:-1]]
    assert conn.execute("SELECT name FROM sqlite_master WHERE name = 'half'").fetchone() is None


def test_script_statements_split_where_sqlite_says_a_statement_ends():
    script = "CREATE TABLE a (x TEXT DEFAULT ';');\n  INSERT INTO a VALUES ('a;b');\nSELECT 1"
    assert list(schema._statements(script)) == [
        "CREATE TABLE a (x TEXT DEFAULT ';');",
        "INSERT INTO a VALUES ('a;b');",
        "SELECT 1",
    ]


def test_writing_a_new_review_does_not_import_sqlite_utils(tmp_path):
    code = (
        "import sys\n"
        "from pm_desktop.domain.model import Review\n"
        "from pm_desktop.store.document import Document\n"
        f"Document.create({str(tmp_path / 'n.pmreview')!r}, Review()).close()\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'sqlite_utils'))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "[]"
