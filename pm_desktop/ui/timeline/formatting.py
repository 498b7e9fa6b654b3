"""How the timeline writes times, gaps and days, fast enough for 20,000 rows.

Stored instants are canonical UTC strings. The table, the chart and the clipboard show them in
the review's display zone; formatting goes through the standard library's ``datetime`` with the
zone objects :mod:`pm_desktop.domain.timeutil` hands out (a few microseconds per time, against
tens for pendulum's ``format``), and :class:`ZoneFormatter` remembers what it wrote per event, so
a repaint formats only the rows that became visible.
"""

from __future__ import annotations

import calendar
import datetime as _dt
import html
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from pm_desktop.domain import timeutil
from pm_desktop.domain.metrics import MILESTONES
from pm_desktop.domain.model import Review, TimelineEvent


@lru_cache(maxsize=1 << 17)
def epoch(canonical: str) -> int:
    """``2025-03-12T09:15:00Z`` → seconds since 1970 (the string is trusted to be canonical;
    cached, because the chart and the gap column ask for the same instants again and again)."""
    return calendar.timegm(
        (
            int(canonical[0:4]),
            int(canonical[5:7]),
            int(canonical[8:10]),
            int(canonical[11:13]),
            int(canonical[14:16]),
            int(canonical[17:19]),
            0,
            0,
            0,
        )
    )


def from_epoch(seconds: float) -> str:
    """Seconds since 1970 → a canonical UTC string."""
    moment = _dt.datetime.fromtimestamp(int(seconds), _dt.UTC)
    return timeutil.to_canonical(moment)


@lru_cache(maxsize=1024)
def safe_zone(name: str) -> str:
    """``name`` normalized, or UTC when it is not a zone (a damaged file must still display)."""
    try:
        return timeutil.normalize_zone(name)
    except timeutil.TimeError:
        return timeutil.UTC


def local(canonical: str, zone: str) -> _dt.datetime:
    """The wall-clock time of a stored instant in ``zone`` (an aware datetime)."""
    return _dt.datetime.fromtimestamp(epoch(canonical), timeutil.zone(safe_zone(zone)))


def offset_text(moment: _dt.datetime) -> str:
    """``UTC+01:00`` for an aware datetime (``UTC`` when the offset is zero)."""
    offset = moment.utcoffset()
    seconds = int(offset.total_seconds()) if offset is not None else 0
    return "UTC" if seconds == 0 else "UTC" + timeutil.offset_name(seconds)


def zone_caption(zone: str, at: str | None = None, until: str | None = None) -> str:
    """What the header says: ``All times in UTC`` / ``All times in Europe/Berlin (UTC+01:00)``;
    when daylight saving changes between ``at`` and ``until``, both offsets
    (``Europe/Berlin (UTC+02:00 → UTC+01:00)``)."""
    name = safe_zone(zone)
    try:
        label = timeutil.zone_label(name, at)
    except timeutil.TimeError:
        label = name
    if at and until and name != timeutil.UTC and not name.startswith(("+", "-")):
        first, last = offset_text(local(at, name)), offset_text(local(until, name))
        if first != last:
            label = f"{name} ({first} → {last})"
    return f"All times in {label}"


def short_zone(zone: str) -> str:
    """The zone as written after a time: ``UTC``, ``Europe/Berlin``, ``+05:30``."""
    return safe_zone(zone)


def gap_text(seconds: float) -> str:
    """The step from the previous timed event: ``+35 min``, ``+2 h 5 min``, ``same minute``."""
    seconds = int(seconds)
    if seconds < 60:
        return "same minute" if seconds >= 0 else "−" + timeutil.duration_text(-seconds)
    return "+" + timeutil.duration_text(seconds)


def day_caption(moment: _dt.datetime) -> str:
    """``Thu 13 Mar``: short enough for the time column."""
    return f"{moment:%a} {moment.day} {moment:%b}"


def long_day(moment: _dt.datetime) -> str:
    """``Thursday 13 March 2025``."""
    return f"{moment:%A} {moment.day} {moment:%B %Y}"


@dataclass(frozen=True, slots=True)
class ShownTime:
    """One event's time as the table shows it in one zone."""

    day: int  # proleptic ordinal of the local date (compares days cheaply)
    clock: str  # "09:15" (seconds only when they are not zero: "09:15:30")
    caption: str  # "Thu 13 Mar"
    full: str  # "2025-03-13 09:15" — what the editor starts with
    offset: str  # "UTC+01:00"


def show_time(canonical: str, zone: str) -> ShownTime:
    moment = local(canonical, zone)
    clock = f"{moment:%H:%M}" if moment.second == 0 else f"{moment:%H:%M:%S}"
    return ShownTime(
        moment.toordinal(),
        clock,
        day_caption(moment),
        f"{moment:%Y-%m-%d} {clock}",
        offset_text(moment),
    )


class ZoneFormatter:
    """Formatted times per event id for one display zone, filled lazily and kept per zone.

    Switching back to a zone seen before costs nothing; an edited event is forgotten in every
    zone (:meth:`forget`)."""

    MAX_ZONES = 4

    def __init__(self, zone: str = timeutil.UTC):
        self._by_zone: dict[str, dict[tuple[str, str], ShownTime]] = {}
        self.zone = safe_zone(zone)

    def set_zone(self, zone: str) -> bool:
        """Use ``zone`` from now on; True when it differs from the previous one."""
        name = safe_zone(zone)
        if name == self.zone:
            return False
        self.zone = name
        if name not in self._by_zone and len(self._by_zone) >= self.MAX_ZONES:
            self._by_zone.pop(next(iter(self._by_zone)))
        return True

    def get(self, event: TimelineEvent) -> ShownTime | None:
        if event.time is None:
            return None
        cache = self._by_zone.setdefault(self.zone, {})
        key = (event.id, event.time)
        shown = cache.get(key)
        if shown is None:
            shown = show_time(event.time, self.zone)
            cache[key] = shown
        return shown

    def forget(self, ids: Iterable[str]) -> None:
        doomed = set(ids)
        if not doomed:
            return
        for zone, cache in self._by_zone.items():
            self._by_zone[zone] = {k: v for k, v in cache.items() if k[0] not in doomed}

    def clear(self) -> None:
        self._by_zone.clear()


def entered_as(event: TimelineEvent) -> str:
    """``Entered as 10:15 Europe/Berlin`` — the event's time in the zone it was written in."""
    if event.time is None:
        return "No time yet: type one to place this event on the timeline."
    moment = local(event.time, event.tz)
    clock = f"{moment:%H:%M}" if moment.second == 0 else f"{moment:%H:%M:%S}"
    prefix = "~" if event.approximate else ""
    return f"Entered as {prefix}{clock} {short_zone(event.tz)} ({moment:%Y-%m-%d}, {offset_text(moment)})"


def first_line(text: str, limit: int = 400) -> str:
    """The first line of a (possibly long, multi-line) text, with a mark when more follows."""
    head, sep, rest = text.partition("\n")
    more = bool(sep and rest.strip())
    if len(head) > limit:
        head, more = head[:limit], True
    return head + (" …" if more else "")


def clip_tooltip(text: str, limit: int = 1200) -> str:
    return text if len(text) <= limit else text[:limit] + " …"


def plain_tooltip(text: str, limit: int = 1200) -> str:
    """A tooltip that shows ``text`` literally. Qt reads any tooltip that looks like markup as
    rich text, so ``<img src=/etc/passwd>`` in an event would load a local file: escape it."""
    body = html.escape(clip_tooltip(text, limit)).replace("\n", "<br>")
    return f"<p style='white-space:pre-wrap'>{body}</p>"


def milestones_only(review: Review) -> Review:
    """A review holding only the first timed event of each milestone kind — all that the
    metrics and the phase shading read — found in one pass, so an edit in a 20,000-event
    timeline does not sort it again for them."""
    first: dict[str, TimelineEvent] = {}
    for event in review.events.values():
        if event.time is None or event.kind not in MILESTONES:
            continue
        best = first.get(event.kind)
        if best is None or (event.time, event.seq, event.id) < (best.time, best.seq, best.id):
            first[event.kind] = event
    return Review(meta=review.meta, events={e.id: e for e in first.values()})
