"""The one time formatter: the same words as pendulum's, fast, and one seconds rule."""

from __future__ import annotations

import dataclasses

import pytest

from pm_desktop.domain import timefmt, timeutil
from pm_desktop.domain.chart_data import ChartData
from pm_desktop.domain.edits import Change
from pm_desktop.domain.model import Review, ReviewMeta, TimelineEvent

INSTANTS = [
    "2025-03-12T09:15:00Z",
    "2025-03-30T00:59:59Z",  # Berlin jumps to summer time at 01:00 UTC
    "2025-03-30T01:00:00Z",
    "2025-10-26T00:30:00Z",  # Berlin's repeated hour, first pass
    "2025-10-26T01:30:00Z",  # ... and second pass
    "1900-01-01T00:00:00Z",
    "2199-12-31T23:59:30Z",
    "2024-02-29T12:00:07Z",
]
ZONES = ["UTC", "Europe/Berlin", "America/New_York", "Asia/Kolkata", "+05:30", "-08:00"]


@pytest.mark.parametrize("canonical", INSTANTS)
def test_epoch_and_back_are_the_stored_string(canonical):
    seconds = timefmt.epoch(canonical)
    assert seconds == timeutil.from_canonical(canonical).int_timestamp
    assert timefmt.from_epoch(seconds) == canonical


@pytest.mark.parametrize("zone", ZONES)
@pytest.mark.parametrize("canonical", INSTANTS)
def test_shown_time_says_what_pendulum_says(canonical, zone):
    shown = timefmt.show_time(canonical, zone, seconds=True)
    assert shown.full == timeutil.format_time(canonical, zone, "YYYY-MM-DD HH:mm:ss")
    assert shown.long_day == timeutil.format_time(canonical, zone, "dddd D MMMM YYYY")
    assert shown.caption == timeutil.format_time(canonical, zone, "ddd D MMM")
    minutes = timefmt.show_time(canonical, zone, seconds=False)
    assert minutes.clock == timeutil.format_time(canonical, zone, "HH:mm")


def test_day_and_month_names_do_not_follow_the_machine_locale():
    moment = timefmt.local("2025-03-13T09:15:00Z", "UTC")
    assert timefmt.day_caption(moment) == "Thu 13 Mar"
    assert timefmt.long_day(moment) == "Thursday 13 March 2025"
    assert timefmt.short_date(moment) == "13 Mar 2025"
    assert timefmt.month_year(moment) == "Mar 2025"


def test_a_lone_instant_shows_seconds_only_when_it_has_them():
    assert timefmt.show_time("2025-03-12T09:15:00Z", "UTC").clock == "09:15"
    assert timefmt.show_time("2025-03-12T09:15:30Z", "UTC").clock == "09:15:30"


def test_a_damaged_zone_still_displays_in_utc():
    assert timefmt.show_time("2025-03-12T09:15:00Z", "Mars/Olympus").full == "2025-03-12 09:15"


def _event(eid: str, time: str | None, **kw) -> TimelineEvent:
    return TimelineEvent(id=eid, time=time, tz="UTC", text=eid, **kw)


def _review(*events: TimelineEvent) -> Review:
    return Review(meta=ReviewMeta(), events={e.id: e for e in events})


def test_one_event_with_seconds_gives_the_whole_review_seconds():
    review = _review(_event("a", "2025-03-12T09:15:00Z"), _event("b", None))
    assert not timefmt.review_seconds(review)
    review.events["c"] = _event("c", "2025-03-12T09:16:05Z")
    assert timefmt.review_seconds(review)


def test_the_formatter_follows_the_seconds_rule_edit_by_edit():
    review = _review(_event("a", "2025-03-12T09:15:00Z"))
    fmt = timefmt.ZoneFormatter("UTC", review)
    assert fmt.get(review.events["a"]).clock == "09:15"
    review.events["b"] = _event("b", "2025-03-12T09:16:05Z")
    assert fmt.follow(review.events, ["b"]) is True
    assert fmt.get(review.events["a"]).clock == "09:15:00"
    assert fmt.follow(review.events, ["a"]) is False  # nothing changed for the rule
    del review.events["b"]
    assert fmt.follow(review.events, ["b"]) is True
    assert fmt.get(review.events["a"]).clock == "09:15"


def test_the_chart_keeps_the_seconds_rule_as_a_rebuild_would():
    review = _review(_event("a", "2025-03-12T09:15:00Z", kind="detected"))
    data = ChartData()
    data.rebuild(review)
    assert not data.seconds
    review.events["a"] = dataclasses.replace(review.events["a"], time="2025-03-12T09:15:09Z")
    data.apply(review, Change(updated=frozenset({("events", "a")})))
    assert data.seconds
    review.events["a"] = dataclasses.replace(review.events["a"], time="2025-03-12T09:20:00Z")
    data.apply(review, Change(updated=frozenset({("events", "a")})))
    assert not data.seconds


def test_gap_text_reads_like_a_step():
    assert timefmt.gap_text(0) == "same minute"
    assert timefmt.gap_text(35 * 60) == "+35 min"
    assert timefmt.gap_text(-120) == "−2 min"
