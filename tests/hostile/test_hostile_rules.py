"""The trust check's reference, the one table of cell rules, the cleaned copy, and the dates a
JSON file from someone else can carry."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest
from hostile_files import CASES, fingerprint, make

from pm_desktop.cli import main
from pm_desktop.store import cells, trust
from pm_desktop.store.cleaning import clean_copy
from pm_desktop.store.document import Document
from pm_desktop.store.opening import UntrustedFile, check_file
from pm_desktop.store.schema import SCHEMA_VERSION

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def _columns(conn: sqlite3.Connection) -> dict[str, set[str]]:
    tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    return {
        t: {r[0] for r in conn.execute("SELECT name FROM pragma_table_info(?)", (t,))}
        for t in tables
    }


def test_every_column_of_every_table_of_a_fresh_file_has_exactly_one_rule(tmp_path):
    Document.create(tmp_path / "fresh.pmreview").close()
    conn = sqlite3.connect(tmp_path / "fresh.pmreview")
    try:
        found = _columns(conn)
    finally:
        conn.close()
    assert {t: set(c) for t, c in cells.RULES.items()} == found


def test_the_reference_schema_is_what_our_migrations_make(tmp_path):
    Document.create(tmp_path / "fresh.pmreview").close()
    conn = sqlite3.connect(tmp_path / "fresh.pmreview")
    try:
        assert trust.read_schema(conn) == trust.reference_schema(SCHEMA_VERSION)
    finally:
        conn.close()
    assert len(trust.migration_names()) >= SCHEMA_VERSION


@pytest.mark.parametrize("fixture", sorted(p.name for p in FIXTURES.glob("review-v*.pmreview")))
def test_files_of_every_older_schema_version_are_trusted(fixture, tmp_path):
    path = tmp_path / fixture
    shutil.copyfile(FIXTURES / fixture, path)
    before = fingerprint(path)
    check_file(path)
    assert fingerprint(path) == before


def test_quoting_and_spacing_of_a_definition_do_not_make_a_file_untrusted(hostile_base, tmp_path):
    """Another sqlite-utils version may write the migrations table with other quotes."""
    path = tmp_path / "requoted.pmreview"
    shutil.copyfile(hostile_base, path)
    conn = sqlite3.connect(path, isolation_level=None)
    objects = conn.execute(
        "SELECT type, sql FROM sqlite_master WHERE tbl_name = '_sqlite_migrations'"
    ).fetchall()
    rows = conn.execute("SELECT * FROM _sqlite_migrations").fetchall()
    conn.execute("DROP TABLE _sqlite_migrations")
    for _kind, sql in sorted(objects, key=lambda o: o[0] != "table"):
        requoted = sql.replace('"', "").replace("(", " ( ").replace("\n", " ")
        conn.execute(requoted.replace("_sqlite_migrations ", "[_sqlite_migrations] "))
    conn.executemany("INSERT INTO _sqlite_migrations VALUES (?, ?, ?, ?)", rows)
    conn.close()
    check_file(path)


def test_the_untrusted_message_names_the_object_and_the_way_out(hostile_base, tmp_path):
    path = make(CASES["trigger-after-insert-on-followup"], hostile_base, tmp_path)
    with pytest.raises(UntrustedFile) as caught:
        check_file(path)
    assert str(caught.value) == (
        f"{path}: holds a trigger 't_followup_insert' that pm-desktop did not create, so it "
        f"was not opened; make a cleaned copy with “pm-desktop clean {path} -o COPY.pmreview”"
    )


def test_a_cell_message_names_table_row_and_column(hostile_base, tmp_path):
    path = make(CASES["cell-event-text-bytes-3c62"], hostile_base, tmp_path)
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    first = conn.execute("SELECT id FROM event ORDER BY rowid LIMIT 1").fetchone()[0]
    conn.close()
    with pytest.raises(
        Exception, match=rf"table event, row '{first}': column text must be text, not bytes"
    ):
        check_file(path)


def _counts(path: Path) -> dict[str, int]:
    doc = Document.open(path, read_only=True)
    try:
        return {
            name: len(doc.review.collection(name))
            for name in (
                "people",
                "events",
                "evidence",
                "whys",
                "followups",
                "parking",
                "redactions",
                "boxes",
            )
        }
    finally:
        doc.close()


@pytest.mark.parametrize(
    "name",
    [
        "trigger-after-insert-on-event",
        "trigger-copies-pasted-images-into-a-hidden-table",
        "view-extra",
        "virtual-table-extra",
        "index-on-expression",
        "table-event-with-an-extra-column",
        "table-followup-with-generated-zeroblob-column",
    ],
)
def test_a_cleaned_copy_keeps_every_row_of_a_file_with_extra_objects(
    name, hostile_base, tmp_path, no_child_processes
):
    path = make(CASES[name], hostile_base, tmp_path / "in")
    before = fingerprint(path)
    report = clean_copy(path, tmp_path / "clean.pmreview")
    assert sum(report.left_out.values()) == 0
    check_file(tmp_path / "clean.pmreview")
    assert _counts(tmp_path / "clean.pmreview") == _counts(hostile_base)
    assert fingerprint(path) == before


def test_a_cleaned_copy_leaves_out_bad_rows_and_duplicates_and_says_so(
    hostile_base, tmp_path, no_child_processes
):
    path = make(CASES["table-person-without-primary-key-and-duplicate-ids"], hostile_base, tmp_path)
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("CREATE TRIGGER x AFTER INSERT ON event BEGIN DELETE FROM why; END")
    conn.execute("UPDATE event SET text = X'00' WHERE rowid = 2")
    conn.close()
    report = clean_copy(path, tmp_path / "clean.pmreview")
    assert report.left_out == {"person": 6, "event": 1} | {
        t: 0
        for t in (
            "meta",
            "blob",
            "evidence",
            "why",
            "followup",
            "parking",
            "redaction",
            "redaction_box",
        )
    }
    assert "left out 7 rows" in report.summary()
    counts = _counts(tmp_path / "clean.pmreview")
    assert counts["people"] == 6 and counts["events"] == _counts(hostile_base)["events"] - 1


def test_a_cleaned_copy_unlinks_a_parked_idea_from_a_moment_left_out(
    hostile_base, tmp_path, no_child_processes
):
    path = make(CASES["trigger-after-insert-on-event"], hostile_base, tmp_path)
    conn = sqlite3.connect(path, isolation_level=None)
    gone = conn.execute("SELECT id FROM event WHERE rowid = 2").fetchone()[0]
    conn.execute("UPDATE parking SET event_id = ?", (gone,))
    conn.execute("UPDATE event SET text = X'00' WHERE rowid = 2")
    conn.close()
    report = clean_copy(path, tmp_path / "clean.pmreview")
    assert report.left_out["event"] == 1 and report.left_out["parking"] == 0
    doc = Document.open(tmp_path / "clean.pmreview", read_only=True)
    try:
        (parked,) = doc.review.parking.values()
    finally:
        doc.close()
    assert parked.event_id == "" and parked.text == "Alert on queue age, not length"
    assert parked.followup_id  # the follow-up it became is still there, so still linked


def test_a_cleaned_copy_leaves_out_a_box_whose_screenshot_is_left_out(
    hostile_base, tmp_path, no_child_processes
):
    path = make(CASES["trigger-after-insert-on-event"], hostile_base, tmp_path)
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute(
        "UPDATE evidence SET title = X'00' WHERE id = (SELECT evidence_id FROM redaction_box)"
    )
    conn.close()
    report = clean_copy(path, tmp_path / "clean.pmreview")
    assert report.left_out["evidence"] == 1 and report.left_out["redaction_box"] == 1
    assert "left out 2 rows" in report.summary()
    doc = Document.open(tmp_path / "clean.pmreview", read_only=True)
    try:
        assert doc.review.boxes == {}
    finally:
        doc.close()


def test_a_cleaned_copy_leaves_out_a_person_without_a_name(
    hostile_base, tmp_path, no_child_processes
):
    path = make(CASES["table-person-name-nullable-with-a-null-name"], hostile_base, tmp_path)
    report = clean_copy(path, tmp_path / "clean.pmreview")
    assert report.left_out["person"] == 1
    assert _counts(tmp_path / "clean.pmreview")["people"] == _counts(hostile_base)["people"] - 1


def test_clean_on_the_command_line(hostile_base, tmp_path, capsys, no_child_processes):
    path = make(CASES["view-randomblob-instead-of-blob"], hostile_base, tmp_path)
    out = tmp_path / "copy.pmreview"
    assert main(["clean", str(path), "-o", str(out)]) == 0
    assert "wrote a cleaned copy" in capsys.readouterr().err
    assert main(["info", str(out)]) == 0
    assert main(["clean", str(path), "-o", str(out)]) == 1
    err = capsys.readouterr().err.strip()
    assert err == f"pm-desktop: {out}: already exists; choose a new name for the cleaned copy"


@pytest.mark.parametrize(
    ("where", "value"),
    [
        ("events", "9999-12-31T23:00:00-05:00"),
        ("events", "0001-01-01T00:30:00+05:00"),
        ("events", "9999-12-31T23:59:59Z"),
        ("evidence", "2201-01-01T00:00:00Z"),
    ],
)
def test_json_import_refuses_times_outside_the_stored_years_naming_the_field(
    where, value, hostile_base, tmp_path, capsys
):
    assert main(["export", str(hostile_base), "-o", str(tmp_path / "r.json")]) == 0
    data = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    field = "time" if where == "events" else "captured_at"
    data[where][0][field] = value
    data["review"]["display_tz"] = "+14:00"
    (tmp_path / "r.json").write_text(json.dumps(data), encoding="utf-8")
    capsys.readouterr()
    assert main(["import", str(tmp_path / "r.json"), "-o", str(tmp_path / "r.pmreview")]) == 1
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "Traceback" not in err
    assert f"{where}[0].{field}" in err and "1900–2200" in err
    assert not (tmp_path / "r.pmreview").exists()


@pytest.mark.parametrize(
    ("typed", "reference"),
    [("1900-01-01 00:30 +05:00", None), ("-2h", "1900-01-01T01:00:00Z")],
)
def test_a_typed_time_outside_the_stored_years_is_an_error_not_a_stored_value(typed, reference):
    import datetime as dt

    from pm_desktop.domain.time_input import parse_time_input

    result = parse_time_input(
        typed, default_date=dt.date(2025, 3, 12), zone="UTC", reference=reference
    )
    assert result.status == "error" and "1900–2200" in result.message


def test_a_cleaned_copy_of_a_file_older_than_card_numbers_numbers_its_cards(tmp_path):
    """A version-3 file with a trigger: the cleaned copy is current, and its cards get the
    numbers the upgrade would have given them (in the order they were written)."""
    path = tmp_path / "old.pmreview"
    shutil.copyfile(FIXTURES / "review-v3.pmreview", path)
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("CREATE TRIGGER x AFTER INSERT ON event BEGIN DELETE FROM why; END")
    written = [r[0] for r in conn.execute("SELECT id FROM followup ORDER BY rowid")]
    conn.close()
    clean_copy(path, tmp_path / "clean.pmreview")
    check_file(tmp_path / "clean.pmreview")
    conn = sqlite3.connect(tmp_path / "clean.pmreview")
    try:
        numbers = dict(conn.execute("SELECT id, number FROM followup").fetchall())
        meta = dict(conn.execute("SELECT key, value FROM meta").fetchall())
    finally:
        conn.close()
    assert [numbers[i] for i in written] == list(range(1, len(written) + 1))
    assert meta["last_followup_number"] == str(len(written)) and len(meta["review_id"]) == 36
