"""The executive summary: the facts a reader outside the team needs first, in one place.

Support, sales, leadership and compliance read the first page and stop. They need what
happened, who was hit and how much, when it started and ended, why (the root causes or the
contributing factors, one line each), what set it off, how far the fixes are, and the severity in
words. Every exporter that writes a summary page draws it from :func:`executive_summary`, so the
PDF and Markdown say the same thing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from . import timefmt, timeutil
from .metrics import first_milestones
from .model import EVENT_KIND_LABELS, SEVERITY_WORDS, FollowUp, Review, WhyNode

LEAD_LIMIT = 700  # characters of a text's first paragraph on the summary page


@dataclass(frozen=True, slots=True)
class Fixes:
    total: int  # follow-ups we mean to do (won't-do cards left out)
    done: int
    overdue: int
    next_due: FollowUp | None  # the open follow-up due first

    @property
    def progress(self) -> str:
        if not self.total:
            return "no follow-ups yet"
        return f"{self.done} of {self.total} done"


@dataclass(frozen=True, slots=True)
class ExecutiveSummary:
    what_happened: str
    affected: str
    services: str
    regions: str
    trigger: str
    start: str | None  # canonical UTC: the first "impact starts" (else the first timed event)
    end: str | None  # the first "resolved" (else "mitigated"), never before the start
    end_kind: str  # "resolved", "mitigated" or ""
    causes: tuple[WhyNode, ...]
    factors: tuple[WhyNode, ...]
    fixes: Fixes
    severity: str  # the code ("SEV2"), or ""
    severity_words: str  # "Major: significant degradation for many customers", or ""

    @property
    def duration_seconds(self) -> float | None:
        if self.start is None or self.end is None:
            return None
        seconds = timeutil.seconds_between(self.start, self.end)
        return seconds if seconds >= 0 else None


def lead(text: str, limit: int = LEAD_LIMIT) -> str:
    """The first paragraph of ``text`` on one line, cut after a sentence (or a word) near
    ``limit``."""
    first = next((p for p in text.replace("\r\n", "\n").split("\n\n") if p.strip()), "")
    flat = " ".join(first.split())
    if len(flat) <= limit:
        return flat
    cut = flat[:limit]
    sentence = max(cut.rfind(". "), cut.rfind("! "), cut.rfind("? "))
    if sentence > limit // 2:
        return cut[: sentence + 1]
    word = cut.rfind(" ")
    return (cut[:word] if word > limit // 2 else cut).rstrip(",;:") + "…"


def fixes(review: Review, today: str) -> Fixes:
    cards = [c for c in review.sorted_followups() if c.status != "dropped"]
    open_cards = [c for c in cards if c.status in ("todo", "doing")]
    dated = [c for c in open_cards if timeutil.is_valid_date(c.due)]
    overdue = sum(1 for c in dated if c.due < today)
    next_due = min(dated, key=lambda c: (c.due, c.seq, c.id), default=None)
    return Fixes(len(cards), sum(1 for c in cards if c.status == "done"), overdue, next_due)


def executive_summary(review: Review, today: str) -> ExecutiveSummary:
    """``today`` is an ISO date (the caller's clock), for what is overdue."""
    meta = review.meta
    first = first_milestones(review)
    start_event = first.get("impact_start")
    start = start_event.time if start_event is not None else None
    if start is None:
        start = next((e.time for e in review.sorted_events() if e.time), None)
    end, end_kind = None, ""
    for kind in ("resolved", "mitigated"):
        event = first.get(kind)
        if event is not None and event.time and (start is None or event.time >= start):
            end, end_kind = event.time, kind
            break
    return ExecutiveSummary(
        what_happened=lead(meta.summary),
        affected=lead(meta.impact),
        services=" ".join(meta.affected_services.split()),
        regions=" ".join(meta.affected_regions.split()),
        trigger=lead(meta.trigger, 400),
        start=start,
        end=end,
        end_kind=end_kind,
        causes=tuple(review.root_causes()),
        factors=tuple(review.contributing_factors()),
        fixes=fixes(review, today),
        severity=meta.severity,
        severity_words=SEVERITY_WORDS.get(meta.severity, ""),
    )


def when_text(
    summary: ExecutiveSummary, zone: str, zone_label: str, clock: Callable[[str, str], str]
) -> str:
    """ "Wednesday 12 March 2025, 09:02 to 11:00 UTC: 1 h 58 min (resolved)" — the first
    page's "When" in every export; ``clock(instant, pattern)`` writes a time in ``zone``."""
    if summary.start is None:
        return "No timed events yet: start and end not recorded."
    day = timefmt.long_day(timeutil.in_zone(summary.start, zone).date())
    start = clock(summary.start, "HH:mm")
    if summary.end is None:
        return f"Started {day}, {start} ({zone_label}); no end recorded yet."
    same_day = (
        timeutil.in_zone(summary.end, zone).date() == timeutil.in_zone(summary.start, zone).date()
    )
    end = clock(summary.end, "HH:mm" if same_day else "YYYY-MM-DD HH:mm")
    seconds = summary.duration_seconds
    length = timeutil.duration_text(seconds) if seconds is not None else "unknown length"
    kind = EVENT_KIND_LABELS.get(summary.end_kind, summary.end_kind).lower()
    if summary.end_kind == "mitigated":
        kind = "until mitigated; not yet marked resolved"
    return f"{day}, {start} to {end} {zone_label}: {length} ({kind})"


def severity_text(summary: ExecutiveSummary, customer: bool) -> str:
    """The severity written out; a customer reads the words, never our codes."""
    if not summary.severity:
        return "Not set yet."
    if summary.severity_words:
        return (
            summary.severity_words if customer else f"{summary.severity} — {summary.severity_words}"
        )
    return summary.severity
