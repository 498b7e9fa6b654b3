"""The timeline the PDF and Markdown share: day bands in the display zone, evidence titles,
untimed events, turning points."""

from __future__ import annotations

from pm_desktop.domain.model import Evidence, Review, ReviewMeta, TimelineEvent
from pm_desktop.export.timeline_view import DayBand, timeline_view, turning_points


def _review(*events: TimelineEvent, evidence: tuple[Evidence, ...] = ()) -> Review:
    return Review(
        meta=ReviewMeta(),
        events={e.id: e for e in events},
        evidence={item.id: item for item in evidence},
    )


def test_a_night_in_berlin_gets_a_band_for_each_local_day():
    review = _review(
        TimelineEvent(id="a", time="2025-03-12T22:50:00Z", text="late"),
        TimelineEvent(id="b", time="2025-03-12T23:10:00Z", text="after midnight in Berlin"),
        TimelineEvent(id="c", time=None, text="someday"),
    )
    view = timeline_view(review, "Europe/Berlin")
    labels = [row.label if isinstance(row, DayBand) else row.time_text for row in view.timed]
    # each day band says the offset in force that day
    assert labels == [
        "Wednesday 12 March 2025 (UTC+01:00)",
        "23:50",
        "Thursday 13 March 2025 (UTC+01:00)",
        "00:10",
    ]
    assert view.several_days and not view.single_day
    assert view.zone_label == "Europe/Berlin (UTC+01:00)"
    assert [line.event.id for line in view.untimed] == ["c"]
    # in UTC the same night is one day: no band, the day said once
    utc = timeline_view(review, "UTC")
    assert utc.single_day == "Wednesday 12 March 2025" and not utc.several_days


def test_evidence_titles_are_one_line_and_left_out_when_the_profile_has_no_evidence():
    event = TimelineEvent(id="a", time="2025-03-12T09:15:00Z", approximate=True)
    shots = (
        Evidence(id="e1", kind="image", title="Latency\n  graph", event_ids=("a",), seq=1),
        Evidence(id="e2", kind="file", filename="dump.txt", event_ids=("a",), seq=2),
    )
    view = timeline_view(_review(event, evidence=shots), "UTC")
    (line,) = view.events
    assert line.evidence == ("Latency graph", "dump.txt")
    assert line.time_text == "~09:15" and line.dated_text == "~2025-03-12 09:15"
    assert view.approximate
    assert (
        timeline_view(_review(event, evidence=shots), "UTC", evidence=False).events[0].evidence
        == ()
    )


def test_turning_points_follow_the_seconds_rule_and_a_damaged_zone_falls_back_to_utc():
    review = _review(
        TimelineEvent(id="a", time="2025-03-12T09:15:00Z", turning_point=True),
        TimelineEvent(id="b", time="2025-03-12T09:16:05Z"),
        TimelineEvent(id="c", time=None, turning_point=True),
    )
    assert [when for when, _e in turning_points(review, "Not/AZone")] == [
        "09:15:00 UTC",
        "untimed",
    ]
