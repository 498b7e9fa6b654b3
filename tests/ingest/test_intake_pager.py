"""PagerDuty log entries and an Opsgenie alert become events with the pager's kinds and authors."""

from __future__ import annotations

import json
from collections import Counter

import pytest
from intake_fixture_files import FIXTURES

from pm_desktop.ingest.intake.entries import IntakeError
from pm_desktop.ingest.intake.opsgenie import opsgenie_entries, read_opsgenie
from pm_desktop.ingest.intake.pagerduty import pagerduty_entries, read_pagerduty


def test_pagerduty_log_of_40_entries_gives_kinds_authors_and_utc_instants():
    result = read_pagerduty(FIXTURES / "pagerduty-log.json")
    entries = result.entries
    assert len(entries) == 40
    assert all(e.source == "pagerduty" and e.tz == "UTC" for e in entries)
    kinds = Counter(e.kind for e in entries)
    assert kinds == Counter(
        {"action": 24, "note": 12, "acknowledged": 2, "detected": 1, "resolved": 1}
    )
    by_kind = {e.kind: e for e in entries if e.kind in ("detected", "resolved")}
    assert (by_kind["detected"].time, by_kind["detected"].author, by_kind["detected"].text) == (
        "2026-11-30T21:57:00Z",
        "Checkout API",
        "Triggered through the API.",
    )
    assert (by_kind["resolved"].time, by_kind["resolved"].author) == (
        "2026-12-01T00:15:00Z",
        "Mei Lin",
    )
    acks = [(e.time, e.author) for e in entries if e.kind == "acknowledged"]
    assert acks == [("2026-11-30T22:04:00Z", "Mei Lin"), ("2026-11-30T22:05:00Z", "Arjun Rao")]
    # an annotation's text is the note itself, not "Note added"
    first_note = next(e for e in entries if e.kind == "note")
    assert (first_note.time, first_note.text) == (
        "2026-11-30T22:09:00Z",
        "Lock waits on the orders table; suspect migration 0142",
    )
    # the file lists newest first; entries come out in the order they happened
    assert [e.time for e in entries] == sorted(e.time for e in entries)
    assert entries[0].kind == "detected"  # the trigger came before its notifications
    assert [p.name for p in result.people] == ["Mei Lin", "Arjun Rao"]


def test_pagerduty_bare_list_is_read_like_the_api_object():
    data = json.loads((FIXTURES / "pagerduty-log.json").read_text())
    bare = pagerduty_entries(data["log_entries"], "bare.json")
    wrapped = pagerduty_entries(data, "wrapped.json")
    assert bare.entries == wrapped.entries


@pytest.mark.parametrize(
    "data",
    [{"incidents": []}, [{"type": "whatever"}], "log", {"log_entries": {"a": 1}}],
)
def test_something_else_is_not_taken_for_a_pagerduty_log(data):
    with pytest.raises(IntakeError, match="is not a PagerDuty log"):
        pagerduty_entries(data, "x.json")


def test_opsgenie_alert_gives_created_acknowledged_closed_and_notes():
    result = read_opsgenie(FIXTURES / "opsgenie-alert.json")
    rows = [(e.time, e.kind, e.author, e.text) for e in result.entries]
    assert rows == [
        ("2026-11-30T21:56:30Z", "detected", "",
         "Opsgenie alert #1791 created: Checkout p99 latency above 2s"),
        ("2026-11-30T21:56:31Z", "observation", "",
         "Sent push notification to mei.lin@example.com"),
        ("2026-11-30T22:03:00Z", "acknowledged", "mei.lin@example.com",
         "Opsgenie alert #1791 acknowledged"),
        ("2026-11-30T22:11:00Z", "note", "arjun@example.com",
         "Orders table locked by an index build"),
        ("2026-11-30T22:30:00Z", "observation", "", "Alert count increased to 3"),
        ("2026-11-30T23:41:00Z", "note", "arjun@example.com", "Rollback finished"),
        ("2026-12-01T00:13:00Z", "resolved", "Arjun Rao", "Opsgenie alert #1791 closed"),
    ]  # fmt: skip
    assert {e.source for e in result.entries} == {"opsgenie"}


def test_opsgenie_bare_alert_without_report_is_just_its_creation():
    result = opsgenie_entries(
        {"message": "Disk full", "createdAt": "2026-01-02T03:04:05Z"}, "a.json"
    )
    assert [(e.time, e.kind, e.text) for e in result.entries] == [
        ("2026-01-02T03:04:05Z", "detected", "Opsgenie alert created: Disk full")
    ]


def test_opsgenie_alert_with_a_bad_creation_time_is_one_sentence():
    with pytest.raises(IntakeError, match="createdAt is not a time"):
        opsgenie_entries({"message": "m", "createdAt": "yesterday"}, "a.json")
