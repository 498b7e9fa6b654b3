"""Trends across reviews: response times, incident counts and follow-up health per period.

Pure numbers from per-review facts (:class:`ReviewFacts`, which the library index stores): the
four response metrics of :mod:`pm_desktop.domain.metrics` summarised per month or quarter (and
per severity) as median and spread, the number of incidents per month, and how follow-ups fare.
Each measure has one sentence saying what it is (:data:`DEFINITIONS`), shown next to the chart.
"""

from __future__ import annotations

import datetime as _dt
import statistics
from collections.abc import Iterable
from dataclasses import dataclass, field

from .metrics import METRIC_DEFS

METRIC_KEYS: tuple[str, ...] = tuple(d[0] for d in METRIC_DEFS)
SEVERITY_ALL = ""  # the severity key of rows over every severity
OPEN_STATUSES = ("todo", "doing")

DEFINITIONS: dict[str, str] = {
    **{
        key: f"{label}: median time {explanation}."
        for key, label, _a, _b, explanation in METRIC_DEFS
    },
    "spread": "Spread: the middle half of the incidents, from the quarter that went fastest "
    "(25th percentile) to the quarter that went slowest (75th percentile).",
    "incidents": "Incidents: how many reviews have their incident date in the period.",
    "completion": "Follow-up completion: of the follow-ups the period's reviews agreed on "
    "(left-out ones not counted), the share that is done today.",
    "age": "Follow-up age: for follow-ups still open today, the median number of days since "
    "their incident.",
}


@dataclass(frozen=True, slots=True)
class FollowupFacts:
    status: str
    due: str = ""


@dataclass(frozen=True, slots=True)
class ReviewFacts:
    """What trends need of one review. ``metrics`` maps TTD/TTA/TTM/TTR to seconds (absent
    when the timeline cannot tell)."""

    key: str
    date: str  # YYYY-MM-DD, or "" (left out of every trend)
    severity: str = ""
    metrics: dict[str, float] = field(default_factory=dict)
    followups: tuple[FollowupFacts, ...] = ()


@dataclass(frozen=True, slots=True)
class Spread:
    """Median and quartiles of ``n`` values (seconds or days)."""

    n: int
    median: float
    low: float  # 25th percentile
    high: float  # 75th percentile

    @classmethod
    def of(cls, values: list[float]) -> Spread | None:
        if not values:
            return None
        ordered = sorted(values)
        if len(ordered) == 1:
            v = ordered[0]
            return cls(1, v, v, v)
        q = statistics.quantiles(ordered, n=4, method="inclusive")
        return cls(len(ordered), statistics.median(ordered), q[0], q[2])


def period_of(date: str, by: str = "month") -> str:
    """``2026-05-17`` → ``2026-05`` (month) or ``2026-Q2`` (quarter); "" for no date."""
    if len(date) < 7:
        return ""
    if by == "quarter":
        return f"{date[:4]}-Q{(int(date[5:7]) - 1) // 3 + 1}"
    return date[:7]


def periods_between(first: str, last: str, by: str = "month") -> list[str]:
    """Every period from ``first`` to ``last`` (inclusive), so empty months show as gaps."""
    if not first or not last:
        return []
    year, month = int(first[:4]), int(first[5:7]) if by == "month" else (int(first[6]) - 1) * 3 + 1
    out: list[str] = []
    step = 1 if by == "month" else 3
    while True:
        label = period_of(f"{year:04d}-{month:02d}-01", by)
        out.append(label)
        if label >= last or len(out) > 2400:
            return out
        month += step
        if month > 12:
            year, month = year + 1, month - 12


@dataclass(frozen=True, slots=True)
class MetricRow:
    period: str
    severity: str  # "" = every severity
    metric: str
    spread: Spread


@dataclass(frozen=True, slots=True)
class PeriodRow:
    period: str
    incidents: int
    followups: int  # counted for completion (dropped ones left out)
    done: int
    open: int
    completion: float | None  # done / followups
    open_age_days: Spread | None


@dataclass(frozen=True, slots=True)
class Trends:
    by: str
    periods: tuple[str, ...]
    metrics: tuple[MetricRow, ...]
    counts: tuple[PeriodRow, ...]

    def metric(self, key: str, severity: str = "") -> dict[str, Spread]:
        """period → spread for one metric (and severity; "" for all)."""
        return {
            r.period: r.spread for r in self.metrics if r.metric == key and r.severity == severity
        }


def compute(
    facts: Iterable[ReviewFacts],
    *,
    by: str = "month",
    since: str = "",
    today: _dt.date | None = None,
) -> Trends:
    """Trends of the reviews dated ``since`` (YYYY-MM-DD) or later, per ``by`` period."""
    today = today or _dt.date.today()
    dated = [f for f in facts if f.date and f.date >= since]
    if not dated:
        return Trends(by, (), (), ())
    dated.sort(key=lambda f: f.date)
    periods = periods_between(period_of(dated[0].date, by), period_of(dated[-1].date, by), by)
    values: dict[tuple[str, str, str], list[float]] = {}
    per_period: dict[str, list[ReviewFacts]] = {}
    for f in dated:
        period = period_of(f.date, by)
        per_period.setdefault(period, []).append(f)
        for key, seconds in f.metrics.items():
            for severity in ("", f.severity) if f.severity else ("",):
                values.setdefault((period, severity, key), []).append(seconds)
    metric_rows = []
    for (period, severity, key), vals in sorted(values.items()):
        spread = Spread.of(vals)
        assert spread is not None
        metric_rows.append(MetricRow(period, severity, key, spread))
    count_rows = []
    for period in periods:
        reviews = per_period.get(period, [])
        counted = done = still_open = 0
        ages: list[float] = []
        for f in reviews:
            age = (today - _dt.date.fromisoformat(f.date)).days
            for card in f.followups:
                if card.status == "dropped":
                    continue
                counted += 1
                if card.status == "done":
                    done += 1
                elif card.status in OPEN_STATUSES:
                    still_open += 1
                    ages.append(float(age))
        count_rows.append(
            PeriodRow(
                period,
                len(reviews),
                counted,
                done,
                still_open,
                done / counted if counted else None,
                Spread.of(ages),
            )
        )
    return Trends(by, tuple(periods), tuple(metric_rows), tuple(count_rows))


def csv_rows(trends: Trends) -> list[list[str]]:
    """The numbers behind the charts, one row per period (and severity), for a spreadsheet."""
    header = [
        "period",
        "severity",
        "incidents",
        "followups",
        "done",
        "open",
        "completion_pct",
        "open_age_median_days",
    ]
    for key in METRIC_KEYS:
        header += [f"{key}_n", f"{key}_median_min", f"{key}_p25_min", f"{key}_p75_min"]
    rows = [header]
    severities = sorted({r.severity for r in trends.metrics})
    counts = {r.period: r for r in trends.counts}
    for period in trends.periods:
        for severity in severities or [""]:
            c = counts.get(period)
            row = [period, severity or "all"]
            if severity == "" and c is not None:
                row += [
                    str(c.incidents),
                    str(c.followups),
                    str(c.done),
                    str(c.open),
                    "" if c.completion is None else f"{100 * c.completion:.0f}",
                    "" if c.open_age_days is None else f"{c.open_age_days.median:.0f}",
                ]
            else:
                row += [""] * 6
            any_value = severity == ""
            for key in METRIC_KEYS:
                s = trends.metric(key, severity).get(period)
                if s is None:
                    row += ["0", "", "", ""]
                else:
                    any_value = True
                    row += [str(s.n), _minutes(s.median), _minutes(s.low), _minutes(s.high)]
            if any_value:
                rows.append(row)
    return rows


def _minutes(seconds: float) -> str:
    return f"{seconds / 60:.1f}"
