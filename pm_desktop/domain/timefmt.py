"""How pm-desktop writes stored times for people: one formatter for the table, chart and exports.

:mod:`.timeutil` reads, checks and stores instants (through pendulum); this module only *shows*
them, fast enough for tens of thousands of cells. Formatting goes through the standard library's
``datetime`` with the zone objects :func:`timeutil.zone` hands out (a few microseconds per time,
against tens for pendulum's ``format``), and day and month names come from fixed English tables,
so a GUI started in another locale (Qt calls ``setlocale``) prints the same words as the CLI.

The seconds rule, the same everywhere: clock times show seconds only when at least one timed
event of the review has non-zero seconds; then every clock time of that review shows them
(``09:15:00``, ``09:15:30``), so a column never mixes the two forms and the table, the PDF and
Markdown print the same text for the same event.
"""

from __future__ import annotations

import calendar
import datetime as _dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache

from . import timeutil
from .model import Review, TimelineEvent

DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


# --------------------------------------------------------------------------- instants as numbers


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
    """Seconds since 1970 → a canonical UTC string (fractions dropped)."""
    moment = _dt.datetime(1970, 1, 1, tzinfo=_dt.UTC) + _dt.timedelta(seconds=int(seconds))
    return timeutil.to_canonical(moment)


# --------------------------------------------------------------------------- zones


@lru_cache(maxsize=1024)
def safe_zone(name: str) -> str:
    """``name`` normalized, or UTC when it is not a zone (a damaged file must still display)."""
    try:
        return timeutil.normalize_zone(name)
    except timeutil.TimeError:
        return timeutil.UTC


def local(canonical: str, zone: str) -> _dt.datetime:
    """The wall-clock time of a stored instant in ``zone`` (an aware datetime)."""
    return local_at(epoch(canonical), zone)


def local_at(seconds: float, zone: str) -> _dt.datetime:
    """The wall-clock time of ``seconds`` since 1970 in ``zone`` (an aware datetime)."""
    name = safe_zone(zone)
    # UTC needs no zone database (nor pendulum): the standard library's UTC gives the same
    # wall clock, offset and name, as fast (it knows no daylight saving: ``dst()`` is None)
    tz = _dt.UTC if name == timeutil.UTC else timeutil.zone(name)
    return _dt.datetime.fromtimestamp(int(seconds), tz)



def offset_text(moment: _dt.datetime) -> str:
    """``UTC+01:00`` for an aware datetime (``UTC`` when the offset is zero)."""
    return _offset_words(moment.utcoffset())


def short_zone(zone: str) -> str:
    """The zone as written after a time: ``UTC``, ``Europe/Berlin``, ``+05:30``."""
    return safe_zone(zone)


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


# --------------------------------------------------------------------------- words


def clock(moment: _dt.datetime, seconds: bool) -> str:
    """``09:15`` or, with ``seconds``, ``09:15:30``."""
    if seconds:
        return f"{moment.hour:02d}:{moment.minute:02d}:{moment.second:02d}"
    return f"{moment.hour:02d}:{moment.minute:02d}"


def iso_day(moment: _dt.date) -> str:
    """``2025-03-13``."""
    return f"{moment.year:04d}-{moment.month:02d}-{moment.day:02d}"


def day_caption(moment: _dt.date) -> str:
    """``Thu 13 Mar``: short enough for the time column."""
    return f"{DAY_NAMES[moment.weekday()][:3]} {moment.day} {MONTH_NAMES[moment.month - 1][:3]}"


def long_day(moment: _dt.date) -> str:
    """``Thursday 13 March 2025``."""
    return (
        f"{DAY_NAMES[moment.weekday()]} {moment.day} {MONTH_NAMES[moment.month - 1]} {moment.year}"
    )


def short_date(moment: _dt.datetime) -> str:
    """``13 Mar 2025``."""
    return f"{moment.day} {MONTH_NAMES[moment.month - 1][:3]} {moment.year}"


def day_month(moment: _dt.datetime) -> str:
    """``13 Mar``."""
    return f"{moment.day} {MONTH_NAMES[moment.month - 1][:3]}"


def month_year(moment: _dt.datetime) -> str:
    """``Mar 2025``."""
    return f"{MONTH_NAMES[moment.month - 1][:3]} {moment.year}"


def gap_text(seconds: float) -> str:
    """The step from the previous timed event: ``+35 min``, ``+2 h 5 min``, ``same minute``."""
    seconds = int(seconds)
    if seconds < 60:
        return "same minute" if seconds >= 0 else "−" + timeutil.duration_text(-seconds)
    return "+" + timeutil.duration_text(seconds)


# --------------------------------------------------------------------------- the seconds rule


def has_seconds(canonical: str | None) -> bool:
    """A stored instant whose seconds are not zero (``…T09:15:30Z``)."""
    return canonical is not None and canonical[17:19] != "00"


def review_seconds(review: Review) -> bool:
    """The seconds rule for a whole review: True when any timed event has non-zero seconds."""
    return any(has_seconds(e.time) for e in review.events.values())


# --------------------------------------------------------------------------- one event's time


@dataclass(frozen=True, slots=True)
class ShownTime:
    """One instant as people read it in one zone."""

    day: int  # proleptic ordinal of the local date (compares days cheaply)
    clock: str  # "09:15", or "09:15:30" under the seconds rule
    caption: str  # "Thu 13 Mar"
    full: str  # "2025-03-13 09:15" — what the editor starts with
    offset: str  # "UTC+01:00"
    date: str  # "2025-03-13"
    long_day: str  # "Thursday 13 March 2025"


def show_time(canonical: str, zone: str, seconds: bool | None = None) -> ShownTime:
    """``canonical`` in ``zone``. ``seconds`` is the review's seconds rule; None (for a lone
    instant outside any review, such as "now") shows seconds only when this one has them."""
    moment = local(canonical, zone)
    text = clock(moment, moment.second != 0 if seconds is None else seconds)
    date, caption, long = _day_words(moment.date())
    return ShownTime(
        moment.toordinal(),
        text,
        caption,
        f"{date} {text}",
        _offset_words(moment.utcoffset()),
        date,
        long,
    )


@lru_cache(maxsize=4096)
def _day_words(day: _dt.date) -> tuple[str, str, str]:
    # a timeline has a few days and thousands of events: the words of a day are made once
    return iso_day(day), day_caption(day), long_day(day)


@lru_cache(maxsize=256)
def _offset_words(offset: _dt.timedelta | None) -> str:
    seconds = int(offset.total_seconds()) if offset is not None else 0
    return "UTC" if seconds == 0 else "UTC" + timeutil.offset_name(seconds)


def event_clock(event: TimelineEvent, zone: str, seconds: bool | None = None) -> str:
    """The clock of an event as every view prints it: ``~`` first when the time is only
    approximately known; ``—`` when it has no time."""
    if event.time is None:
        return "—"
    return ("~" if event.approximate else "") + show_time(event.time, zone, seconds).clock


def entered_as(event: TimelineEvent) -> str:
    """``Entered as 10:15 Europe/Berlin`` — the event's time in the zone it was written in."""
    if event.time is None:
        return "No time yet: type one to place this event on the timeline."
    moment = local(event.time, event.tz)
    text = clock(moment, moment.second != 0)
    prefix = "~" if event.approximate else ""
    return f"Entered as {prefix}{text} {short_zone(event.tz)} ({iso_day(moment)}, {offset_text(moment)})"


class ZoneFormatter:
    """Formatted times per event id for one display zone, filled lazily and kept per zone.

    It also keeps the review's seconds rule up to date edit by edit (:meth:`follow`), without
    scanning every event again. Switching back to a zone seen before costs nothing; an edited
    event is forgotten in every zone (:meth:`forget`)."""

    MAX_ZONES = 4

    def __init__(self, zone: str = timeutil.UTC, review: Review | None = None):
        self._by_zone: dict[tuple[str, bool], dict[tuple[str, str], ShownTime]] = {}
        self._with_seconds: set[str] = set()
        self.zone = safe_zone(zone)
        if review is not None:
            self.follow(review.events, review.events.keys())

    @property
    def seconds(self) -> bool:
        return bool(self._with_seconds)

    def set_zone(self, zone: str) -> bool:
        """Use ``zone`` from now on; True when it differs from the previous one."""
        name = safe_zone(zone)
        if name == self.zone:
            return False
        self.zone = name
        return True

    def follow(self, events: Mapping[str, TimelineEvent], ids: Iterable[str]) -> bool:
        """Note the seconds of the events ``ids`` (gone ones are dropped); True when the
        seconds rule changed, so every shown clock changes."""
        before = self.seconds
        for event_id in ids:
            event = events.get(event_id)
            if event is not None and has_seconds(event.time):
                self._with_seconds.add(event_id)
            else:
                self._with_seconds.discard(event_id)
        return self.seconds != before

    def get(self, event: TimelineEvent) -> ShownTime | None:
        if event.time is None:
            return None
        key = (self.zone, self.seconds)
        cache = self._by_zone.get(key)
        if cache is None:
            if len(self._by_zone) >= self.MAX_ZONES:
                self._by_zone.pop(next(iter(self._by_zone)))
            cache = self._by_zone[key] = {}
        shown = cache.get((event.id, event.time))
        if shown is None:
            shown = show_time(event.time, self.zone, self.seconds)
            cache[(event.id, event.time)] = shown
        return shown

    def forget(self, ids: Iterable[str]) -> None:
        doomed = set(ids)
        if not doomed:
            return
        for key, cache in self._by_zone.items():
            self._by_zone[key] = {k: v for k, v in cache.items() if k[0] not in doomed}

    def clear(self) -> None:
        self._by_zone.clear()
