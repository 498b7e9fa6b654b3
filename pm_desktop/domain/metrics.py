"""Response metrics from the timeline's milestones.

Each metric runs from the first event of one milestone kind to the first event of another. When the
milestones are out of order (a "resolved" before "impact starts", say) the metric is flagged and left
empty: a negative duration is never shown, because it would only mean the timeline needs fixing.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import timeutil
from .model import EVENT_KIND_LABELS, Review, TimelineEvent

MILESTONES: tuple[str, ...] = ("impact_start", "detected", "acknowledged", "mitigated", "resolved")

# key, label, from kind, to kind, one-line explanation
METRIC_DEFS: tuple[tuple[str, str, str, str, str], ...] = (
    (
        "TTD",
        "Time to detect",
        "impact_start",
        "detected",
        "from impact starting to someone noticing",
    ),
    (
        "TTA",
        "Time to acknowledge",
        "detected",
        "acknowledged",
        "from detection to a responder owning it",
    ),
    (
        "TTM",
        "Time to mitigate",
        "impact_start",
        "mitigated",
        "from impact starting to users feeling relief",
    ),
    (
        "TTR",
        "Time to resolve",
        "impact_start",
        "resolved",
        "from impact starting to full resolution",
    ),
)


@dataclass(frozen=True, slots=True)
class Metric:
    key: str
    label: str
    explanation: str
    seconds: float | None
    start_event: str | None
    end_event: str | None
    problem: str = ""

    @property
    def text(self) -> str:
        """``45 min``, or ``—`` when it cannot be computed."""
        return "—" if self.seconds is None else timeutil.duration_text(self.seconds)


def first_milestones(review: Review) -> dict[str, TimelineEvent]:
    """The earliest timed event of each milestone kind."""
    first: dict[str, TimelineEvent] = {}
    for event in review.sorted_events():
        if event.time is not None and event.kind in MILESTONES and event.kind not in first:
            first[event.kind] = event
    return first


def compute_metrics(review: Review) -> list[Metric]:
    first = first_milestones(review)
    zone = review.meta.display_tz
    out: list[Metric] = []
    for key, label, start_kind, end_kind, explanation in METRIC_DEFS:
        start, end = first.get(start_kind), first.get(end_kind)
        if start is None or end is None:
            missing = [
                EVENT_KIND_LABELS[k] for k, e in ((start_kind, start), (end_kind, end)) if e is None
            ]
            problem = "no “" + "” or “".join(missing) + "” event in the timeline"
            out.append(
                Metric(
                    key,
                    label,
                    explanation,
                    None,
                    getattr(start, "id", None),
                    getattr(end, "id", None),
                    problem,
                )
            )
            continue
        assert start.time is not None and end.time is not None
        seconds = timeutil.seconds_between(start.time, end.time)
        if seconds < 0:
            problem = (
                f"out of order: “{EVENT_KIND_LABELS[end_kind]}” at "
                f"{timeutil.format_time(end.time, zone)} comes before “{EVENT_KIND_LABELS[start_kind]}” at "
                f"{timeutil.format_time(start.time, zone)} ({timeutil.normalize_zone(zone)})"
            )
            out.append(Metric(key, label, explanation, None, start.id, end.id, problem))
        else:
            out.append(Metric(key, label, explanation, seconds, start.id, end.id))
    return out


def milestone_order_problems(review: Review) -> list[str]:
    """Milestones whose first events are not in the expected order, as sentences."""
    first = first_milestones(review)
    present = [k for k in MILESTONES if k in first]
    problems = []
    for a, b in zip(present, present[1:], strict=False):
        ta, tb = first[a].time, first[b].time
        if ta and tb and tb < ta:
            problems.append(f"“{EVENT_KIND_LABELS[b]}” comes before “{EVENT_KIND_LABELS[a]}”")
    return problems
