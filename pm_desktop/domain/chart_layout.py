"""The arithmetic behind the timeline chart: time range, axis ticks in a zone, marker clusters.

Kept apart from the painting so it can be tested without pixels and stays cheap with 20,000
events: clustering is one pass over each lane's sorted times, and the painter only ever draws
the clusters (a few hundred at most), never every event.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from . import timefmt, timeutil

MINUTE, HOUR, DAY = 60, 3600, 86400
MONTH, YEAR = 30 * DAY, 365 * DAY  # nominal lengths: ticks of a month or more follow the calendar
STEPS: tuple[int, ...] = (
    MINUTE,
    2 * MINUTE,
    5 * MINUTE,
    10 * MINUTE,
    15 * MINUTE,
    30 * MINUTE,
    HOUR,
    2 * HOUR,
    3 * HOUR,
    6 * HOUR,
    12 * HOUR,
    DAY,
    2 * DAY,
    7 * DAY,
    14 * DAY,
    MONTH,
    3 * MONTH,
    6 * MONTH,
    YEAR,
    2 * YEAR,
    5 * YEAR,
    10 * YEAR,
    25 * YEAR,
    50 * YEAR,
    100 * YEAR,
)
SINGLE_EVENT_SPAN = 30 * MINUTE  # the window shown around a lone event


@dataclass(frozen=True, slots=True)
class Scale:
    """Linear map from seconds since 1970 to x pixels."""

    t0: float
    t1: float
    x0: float
    x1: float

    def x(self, t: float) -> float:
        span = self.t1 - self.t0
        return self.x0 + (t - self.t0) / span * (self.x1 - self.x0) if span else self.x0

    def t(self, x: float) -> float:
        width = self.x1 - self.x0
        return self.t0 + (x - self.x0) / width * (self.t1 - self.t0) if width else self.t0


def time_range(times: Sequence[float]) -> tuple[float, float] | None:
    """The shown range for sorted ``times``: a margin of 4 % each side, at least half an hour."""
    if not times:
        return None
    first, last = times[0], times[-1]
    span = last - first
    if span < SINGLE_EVENT_SPAN:
        middle = (first + last) / 2
        return (
            middle - SINGLE_EVENT_SPAN / 2 - MINUTE * 2,
            middle + SINGLE_EVENT_SPAN / 2 + MINUTE * 2,
        )
    pad = span * 0.04
    return first - pad, last + pad


@dataclass(frozen=True, slots=True)
class Tick:
    t: int
    label: str  # "09:30"
    day: str  # "Thu 13 Mar" when this tick starts a new day (or is the first), else ""


def choose_step(span: float, width: float, min_px: float) -> int:
    """The smallest step in :data:`STEPS` that keeps labels ``min_px`` apart."""
    if width <= 0:
        return STEPS[-1]
    for step in STEPS:
        if span / step * min_px <= width:
            return step
    return STEPS[-1]


def ticks(t0: float, t1: float, zone: str, step: int) -> list[Tick]:
    """Ticks every ``step`` seconds on round wall-clock times of ``zone`` (09:00, 09:15 …).

    Steps are taken on the wall clock, so across a daylight-saving change the labels stay on
    round hours (00:00, 06:00, 12:00) instead of drifting by the shift. Steps of a month or more
    fall on the first of a month ("Mar 2025") or of a year ("2025"); day labels carry the year
    when the range spans more than one."""
    tz = timeutil.zone(zone)
    if step >= YEAR:
        return _calendar_ticks(t0, t1, tz, 12 * round(step / YEAR))
    if step >= MONTH:
        return _calendar_ticks(t0, t1, tz, round(step / MONTH))
    start = _dt.datetime.fromtimestamp(int(t0), tz).replace(tzinfo=None)
    several_years = start.year != _dt.datetime.fromtimestamp(int(t1), tz).year
    midnight = start.replace(hour=0, minute=0, second=0, microsecond=0)
    if step >= DAY:
        wall = midnight + _dt.timedelta(days=1)
    else:
        since = int((start - midnight).total_seconds())
        wall = midnight + _dt.timedelta(seconds=(since // step + 1) * step)
    out: list[Tick] = []
    last_day = None
    last_moment = -(10**12)
    while len(out) < 400:
        moment = int(wall.replace(tzinfo=tz).timestamp())
        if moment > t1:
            break
        if (
            moment > last_moment and moment >= t0
        ):  # a skipped or repeated wall time gives no second tick
            local = _dt.datetime.fromtimestamp(moment, tz)
            day = local.date()
            caption = timefmt.day_caption(local)
            if several_years:
                caption += f" {local.year}"
            label = timefmt.clock(local, False) if step < DAY else caption
            out.append(Tick(moment, label, caption if day != last_day else ""))
            last_day, last_moment = day, moment
        wall += _dt.timedelta(seconds=step)
    return out


def _calendar_ticks(t0: float, t1: float, tz: _dt.tzinfo, months: int) -> list[Tick]:
    """Ticks on the first of every ``months``-th month (a multiple of 12: of every year)."""
    start = _dt.datetime.fromtimestamp(int(t0), tz)
    index = start.year * 12 + start.month - 1  # months since year 0
    index = (index // months + 1) * months
    out: list[Tick] = []
    while len(out) < 400:
        year, month0 = divmod(index, 12)
        if year > _dt.MAXYEAR:
            break
        wall = _dt.datetime(year, month0 + 1, 1, tzinfo=tz)
        moment = int(wall.timestamp())
        if moment > t1:
            break
        label = f"{year}" if months % 12 == 0 else timefmt.month_year(wall)
        out.append(Tick(moment, label, ""))
        index += months
    return out


@dataclass(slots=True)
class Cluster:
    """Events of one kind close enough to share one marker."""

    kind: str
    x: float
    ids: list[str] = field(default_factory=list)
    first: int = 0
    last: int = 0

    @property
    def count(self) -> int:
        return len(self.ids)


def cluster_lane(
    kind: str, points: Sequence[tuple[int, str]], scale: Scale, min_dx: float
) -> list[Cluster]:
    """Group a lane's ``(time, id)`` points (sorted by time) into markers at least ``min_dx``
    pixels apart; a cluster sits at the mean x of its events."""
    out: list[Cluster] = []
    ids: list[str] = []
    start_x = total_x = 0.0
    first = last = 0
    # Scale.x written out (the same arithmetic, so the same pixels), and each cluster made
    # when it is complete: a lane holds thousands of points and is clustered again whenever
    # one of its events comes, goes or moves.
    t0, x0, span, width = scale.t0, scale.x0, scale.t1 - scale.t0, scale.x1 - scale.x0
    for t, event_id in points:
        x = x0 + (t - t0) / span * width if span else x0
        if ids and x - start_x < min_dx:
            ids.append(event_id)
            last = t
            total_x += x
            continue
        if ids:
            out.append(Cluster(kind, total_x / len(ids), ids, first, last))
        ids, first, last = [event_id], t, t
        start_x = total_x = x
    if ids:
        out.append(Cluster(kind, total_x / len(ids), ids, first, last))
    return out
