"""Who wrote what, and where it came from: the words for a source and the counts per source
and author that the timeline's Source column and the internal PDF's Sources appendix show."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from .model import Review, source_kind

SOURCE_WORDS: dict[str, str] = {
    "typed": "Typed",
    "capture": "Capture window",
    "paste": "Pasted",
    "import": "Imported",
    "slack": "Slack",
    "pagerduty": "PagerDuty",
    "opsgenie": "Opsgenie",
    "csv": "CSV",
    "merged": "Merged from",
}
UNKNOWN = "Not recorded"


def source_label(source: str) -> str:
    """``slack:#inc-db`` → ``Slack #inc-db``; ``typed`` → ``Typed``; "" → ``Not recorded``."""
    if not source:
        return UNKNOWN
    kind, _colon, name = source.partition(":")
    word = SOURCE_WORDS.get(kind, kind)
    return f"{word} {name}" if name else word


@dataclass(frozen=True, slots=True)
class SourceCount:
    source: str  # as stored ("" = not recorded)
    label: str
    events: int
    evidence: int
    whys: int
    authors: tuple[tuple[str, int], ...]  # (author, items) most first; "" = no author

    @property
    def total(self) -> int:
        return self.events + self.evidence + self.whys


def source_counts(review: Review) -> list[SourceCount]:
    """Items per source (events, evidence, why nodes) with their authors, biggest first."""
    events: Counter[str] = Counter()
    evidence: Counter[str] = Counter()
    whys: Counter[str] = Counter()
    authors: dict[str, Counter[str]] = {}
    for e in review.events.values():
        events[e.source] += 1
        authors.setdefault(e.source, Counter())[e.author] += 1
    for x in review.evidence.values():
        evidence[x.source] += 1
        authors.setdefault(x.source, Counter())[x.captured_by] += 1
    for w in review.whys.values():
        whys[w.source] += 1
        authors.setdefault(w.source, Counter())[w.author] += 1
    out = [
        SourceCount(
            source,
            source_label(source),
            events[source],
            evidence[source],
            whys[source],
            tuple(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0].casefold()))),
        )
        for source, counts in authors.items()
    ]
    out.sort(key=lambda c: (c.source == "", -c.total, c.label.casefold()))
    return out


def source_kinds_in(review: Review) -> list[str]:
    """The source kinds the review's events use (for a filter's choices)."""
    return sorted({source_kind(e.source) for e in review.events.values() if e.source})
