"""Any CSV through a column mapping, with explicit zone rules and no invented times."""

from __future__ import annotations

import datetime as dt

import pytest
from intake_fixture_files import FIXTURES

from pm_desktop.ingest.intake.csv_source import (
    CsvOptions,
    csv_entries,
    guess_mapping,
    header_key,
    parse_map_options,
    parse_table,
    read_csv,
    read_table,
)
from pm_desktop.ingest.intake.entries import IntakeError


def test_monitoring_export_with_utc_offsets_and_epoch_seconds():
    table = read_table(FIXTURES / "monitoring-export.csv")
    mapping = guess_mapping(table.header)
    assert mapping == {"timestamp": "time", "message": "text", "type": "kind"}
    result = csv_entries(table, CsvOptions(mapping, zone="America/New_York"), "monitoring.csv")
    assert [(e.time, e.tz, e.kind, e.text, e.source) for e in result.entries] == [
        ("2026-11-30T21:55:00Z", "UTC", "detected", "checkout p99 crossed 2s", "csv:monitoring.csv"),
        ("2026-11-30T21:56:30Z", "UTC", "detected", "error rate 3.2%, rising", "csv:monitoring.csv"),
        ("2026-11-30T22:40:00Z", "UTC", "observation", "lock waits falling", "csv:monitoring.csv"),
        ("2026-11-30T22:52:00Z", "UTC", "resolved", "checkout p99 under 2s", "csv:monitoring.csv"),
    ]  # fmt: skip
    assert result.skipped == {"rows without text": 1}


def test_spreadsheet_with_date_time_zone_columns_reads_each_row_in_its_zone():
    result = read_csv(
        FIXTURES / "responder-notes.csv",
        CsvOptions(guess_mapping(read_table(FIXTURES / "responder-notes.csv").header)),
    )
    rows = [(e.time, e.tz, e.author, e.kind, e.text, e.warning) for e in result.entries]
    assert rows == [
        ("2026-11-30T22:05:00Z", "-08:00", "Sam Okafor", "action",
         "Looked at the checkout dashboard", ""),
        ("2026-11-30T22:20:00Z", "Europe/London", "Arjun Rao", "observation",
         "Found the index build holding the lock", ""),
        ("2026-12-01T00:05:00Z", "+08:00", "Mei Lin", "communication",
         "Customers report checkout is fast again", ""),
        (None, "UTC", "Mei Lin", "communication", "Wrote to the payments team",
         "row 5: add a time of day, for example 2025-03-12 09:15"),
        (None, "UTC", "Mei Lin", "note", "Zone nobody knows", "row 6: unknown zone 'XYZ'"),
    ]  # fmt: skip
    assert result.warnings == ("2 row(s) have no usable time: check them",)


def test_a_time_that_does_not_exist_stays_untimed_with_the_reason():
    table = parse_table("when,what\n2026-03-08 02:30,clocks jumped\n", "t.csv")
    result = csv_entries(
        table, CsvOptions({"when": "time", "what": "text"}, "America/New_York"), "t.csv"
    )
    (entry,) = result.entries
    assert entry.time is None
    assert "does not exist" in entry.warning


def test_a_time_without_a_date_is_not_given_a_made_up_day():
    table = parse_table("when,what\n09:15,restarted\n", "t.csv")
    (entry,) = csv_entries(table, CsvOptions({"when": "time", "what": "text"}), "t.csv").entries
    assert entry.time is None and "without a date" in entry.warning
    dated = CsvOptions({"when": "time", "what": "text"}, "UTC", default_date=dt.date(2026, 5, 4))
    (entry,) = csv_entries(table, dated, "t.csv").entries
    assert entry.time == "2026-05-04T09:15:00Z"


def test_numeric_dates_that_never_say_day_or_month_first_are_not_guessed():
    table = parse_table("when,what\n03/04/2026 10:00,a\n05/06/2026 11:00,b\n", "t.csv")
    result = csv_entries(table, CsvOptions({"when": "time", "what": "text"}), "t.csv")
    assert [e.time for e in result.entries] == [None, None]
    us = parse_table("when,what\n03/04/2026 10:00,a\n12/25/2026 11:00,b\n", "t.csv")
    result = csv_entries(us, CsvOptions({"when": "time", "what": "text"}), "t.csv")
    assert [e.time for e in result.entries] == ["2026-03-04T10:00:00Z", "2026-12-25T11:00:00Z"]


def test_map_options_are_checked_against_the_header():
    header = ("Created", "Body")
    assert parse_map_options(["Created=time", "Body=text"], header, "f.csv") == {
        "Created": "time",
        "Body": "text",
    }
    with pytest.raises(IntakeError, match="has no column 'Nope'"):
        parse_map_options(["Nope=time"], header, "f.csv")
    with pytest.raises(IntakeError, match="FIELD is one of"):
        parse_map_options(["Created=when"], header, "f.csv")


def test_missing_time_or_text_column_asks_for_a_mapping():
    table = parse_table("a,b\n1,2\n", "t.csv")
    with pytest.raises(IntakeError, match="say which column holds the time"):
        csv_entries(table, CsvOptions({}), "t.csv")


def test_header_key_ignores_order_and_case():
    assert header_key(["Time", "Text"]) == header_key(["text", "time"])
    assert header_key(["Time", "Text"]) != header_key(["Time", "Text", "Who"])
