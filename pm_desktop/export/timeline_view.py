"""The timeline as the exported documents print it: clock texts, day bands, evidence titles.

The PDF and Markdown read the same :class:`TimelineView`, so an event's time, the day it falls
on and the evidence named beside it are worked out once, with the app's own formatter
(:mod:`pm_desktop.domain.timefmt`, the seconds rule included): the table on screen, the PDF and
Markdown print the same clock text for the same event. Each document only decides its layout.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from pm_desktop.domain import timefmt, timeutil
from pm_desktop.domain.model import Review, TimelineEvent


@dataclass(frozen=True, slots=True)
class EventLine:
    """One event of the exported timeline."""

    event: TimelineEvent
    clock: str  # "09:15" (seconds under the seconds rule); "" untimed
    date: str  # "2025-03-13"; "" untimed
    evidence: tuple[str, ...]  # titles of the evidence linked to it, on one line each

    @property
    def time_text(self) -> str:
        """``~09:15``: the clock, marked when the time is only approximately known."""
        return ("~" if self.event.approximate else "") + self.clock

    @property
    def dated_text(self) -> str:
        """``~2025-03-13 09:15``."""
        return ("~" if self.event.approximate else "") + f"{self.date} {self.clock}"


@dataclass(frozen=True, slots=True)
class DayBand:
    """Where a new day starts, when the timed events span several days."""

    label: str  # "Thursday 13 March 2025"


@dataclass(frozen=True, slots=True)
class TimelineView:
    zone: str  # the display zone, normalized: "UTC", "Europe/Berlin", "+05:30"
    zone_label: str  # what to print with the times: "Europe/Berlin (UTC+01:00)"
    seconds: bool  # the review's seconds rule
    timed: list[DayBand | EventLine]  # timed events in order, day bands between days
    untimed: list[EventLine]
    single_day: str  # "Thursday 13 March 2025" when every timed event falls on that day
    approximate: bool  # some event's time is only approximately known

    @property
    def several_days(self) -> bool:
        return any(isinstance(row, DayBand) for row in self.timed)

    @property
    def events(self) -> list[EventLine]:
        return [row for row in self.timed if isinstance(row, EventLine)]


def evidence_titles(review: Review) -> dict[str, list[str]]:
    """Event id → the titles of the evidence linked to it, in evidence order, each on one line."""
    out: dict[str, list[str]] = {}
    for item in review.sorted_evidence():
        title = " ".join((item.title or item.filename or item.kind).split())
        for event_id in item.event_ids:
            out.setdefault(event_id, []).append(title)
    return out


def timeline_view(
    review: Review,
    zone: str,
    *,
    evidence: bool = True,
    progress: Callable[[int, int], None] | None = None,
) -> TimelineView:
    """The review's timeline in ``zone``. ``evidence`` False leaves evidence titles out (a
    profile without evidence); ``progress(done, total)`` is called every few hundred events."""
    zone = timefmt.safe_zone(zone)
    events = review.sorted_events()
    seconds = timefmt.review_seconds(review)
    titles = evidence_titles(review) if evidence else {}
    timed: list[DayBand | EventLine] = []
    untimed: list[EventLine] = []
    days: list[str] = []  # the local date of each new day, in order
    offsets: list[list[str]] = []  # the offsets in force on each of those days, in order
    band_at: list[int] = []  # where each day's band is in ``timed``
    named = timeutil.zone_has_rules(zone)
    for i, event in enumerate(events):
        if progress is not None and i % 500 == 0:
            progress(i, len(events))
        linked = tuple(titles.get(event.id, ()))
        if event.time is None:
            untimed.append(EventLine(event, "", "", linked))
            continue
        shown = timefmt.show_time(event.time, zone, seconds)
        if not days or days[-1] != shown.date:
            days.append(shown.date)
            offsets.append([])
            band_at.append(len(timed))
            timed.append(DayBand(shown.long_day))
        if named and shown.offset not in offsets[-1]:
            offsets[-1].append(shown.offset)
        clock = shown.clock
        if named and timeutil.in_repeated_hour(event.time, zone):
            clock += f" ({shown.offset})"  # 02:30 happens twice on the night clocks go back
        timed.append(EventLine(event, clock, shown.date, linked))
    for at, day_offsets in zip(band_at, offsets, strict=True):
        if (
            day_offsets and len(days) > 1
        ):  # each day says its own offset: after a change, the new one
            band = timed[at]
            assert isinstance(band, DayBand)
            timed[at] = DayBand(f"{band.label} ({' → '.join(day_offsets)})")
    plain = [row.label for row in timed if isinstance(row, DayBand)]
    single_day = plain[0] if len(plain) == 1 else ""
    if single_day:  # one day: said once above the table, no band
        timed = timed[1:]
    first = next((e.time for e in events if e.time), None)
    last = next((e.time for e in reversed(events) if e.time), None)
    return TimelineView(
        zone=zone,
        zone_label=timefmt.zone_caption(zone, first, last).removeprefix("All times in "),
        seconds=seconds,
        timed=timed,
        untimed=untimed,
        single_day=single_day,
        approximate=any(e.approximate for e in events),
    )


def turning_points(review: Review, zone: str) -> list[tuple[str, TimelineEvent]]:
    """The review's turning points with their time as printed: ``09:15 UTC``, or ``untimed``."""
    zone = timefmt.safe_zone(zone)
    seconds = timefmt.review_seconds(review)
    out = []
    for event in review.turning_points():
        when = "untimed"
        if event.time is not None:
            when = f"{timefmt.show_time(event.time, zone, seconds).clock} {zone}"
        out.append((when, event))
    return out
