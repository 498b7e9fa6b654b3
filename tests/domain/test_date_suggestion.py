"""The incident date the timeline suggests: the first entry's day in the display zone."""

from __future__ import annotations

from dataclasses import replace

from pm_desktop.domain.date_suggestion import suggested_incident_date
from pm_desktop.domain.model import Review, TimelineEvent


def _review(*times: str | None, zone: str = "UTC", date: str = "") -> Review:
    review = Review()
    review.meta = replace(review.meta, display_tz=zone, incident_date=date)
    for n, time in enumerate(times):
        review.events[f"e{n}"] = TimelineEvent(f"e{n}", time, text=f"entry {n}", seq=n)
    return review


def test_the_earliest_entry_gives_the_date_whatever_the_order():
    review = _review("2025-03-13T01:00:00Z", "2025-03-12T23:30:00Z")
    assert suggested_incident_date(review) == "2025-03-12"


def test_the_date_is_the_day_in_the_display_zone():
    # 23:30 UTC on the 12th is already the 13th in Tokyo
    assert suggested_incident_date(_review("2025-03-12T23:30:00Z", zone="Asia/Tokyo")) == (
        "2025-03-13"
    )


def test_nothing_is_suggested_when_an_entry_is_untimed_or_the_date_is_set():
    assert suggested_incident_date(_review("2025-03-12T09:00:00Z", None)) == ""
    assert suggested_incident_date(_review()) == ""
    assert suggested_incident_date(_review("2025-03-12T09:00:00Z", date="2025-03-11")) == ""
