"""Recurrence: which reviews look like the same trouble coming back.

Two reviews are related when they name a common service, share a contributing factor or a root
cause worded alike, or blame the same kind of cause (a why category on a root cause or a
contributing factor). Each reason is kept as a short phrase so the library and the overview can
say *why* two reviews are shown together ("also seen in 3 earlier reviews: service checkout,
similar root cause").

Pure: a :class:`Profile` is built once per review (:func:`profile_of`) and stored by the library
index; :func:`related` compares profiles.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from .model import Review
from .search import fold

# Words that carry no meaning of their own when two causes are compared.
_STOP = frozenset(
    """a an and are as at be been but by did do does for from had has have in into is it its no
    not of on or our so that the their them then there they this to too was we were what when
    which who why will with without would could should than because after before during while
    only also any all one two yet""".split()
)
_WORD_RE = re.compile(r"[^\W_]+")
SIMILAR = 0.4  # share of meaningful words two cause texts need in common (Jaccard)


def words(text: str) -> frozenset[str]:
    """The meaningful words of a cause, folded, with a crude plural/verb ending dropped."""
    out = set()
    for word in _WORD_RE.findall(fold(text)):
        if len(word) < 3 or word in _STOP:
            continue
        for ending in ("ing", "ed", "es", "s"):
            if len(word) > len(ending) + 3 and word.endswith(ending):
                word = word[: -len(ending)]
                break
        out.add(word)
    return frozenset(out)


def similarity(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


@dataclass(frozen=True, slots=True)
class Profile:
    """What recurrence compares of one review."""

    key: str  # the review's path in a library
    date: str  # incident date, YYYY-MM-DD or ""
    title: str
    services: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()  # why categories of root causes and contributing factors
    causes: tuple[str, ...] = ()  # texts of root causes and contributing factors


@dataclass(frozen=True, slots=True)
class Relation:
    """``other`` is related to the review asked about, for ``reasons`` (short phrases)."""

    other: Profile
    reasons: tuple[str, ...]
    score: float


def profile_of(review: Review, key: str) -> Profile:
    nodes = [w for w in review.sorted_whys() if (w.root_cause or w.contributing) and not w.is_unknown]
    return Profile(
        key=key,
        date=review.meta.incident_date,
        title=review.meta.title,
        services=tuple(dict.fromkeys(s.strip() for s in review.meta.services if s.strip())),
        categories=tuple(dict.fromkeys(w.category for w in nodes if w.category)),
        causes=tuple(w.text for w in nodes),
    )


def relate(mine: Profile, other: Profile) -> Relation | None:
    """Why ``other`` is related to ``mine``, or None."""
    reasons: list[str] = []
    score = 0.0
    my_services = {fold(s): s for s in mine.services}
    shared = [s for s in other.services if fold(s) in my_services]
    if shared:
        reasons.append(("service " if len(shared) == 1 else "services ") + ", ".join(shared))
        score += len(shared)
    best = 0.0
    mine_words = [words(t) for t in mine.causes]
    for text in other.causes:
        theirs = words(text)
        for w in mine_words:
            best = max(best, similarity(w, theirs))
    if best >= SIMILAR:
        reasons.append("similar cause")
        score += 1 + best
    categories = [c for c in other.categories if c in mine.categories]
    if categories:
        reasons.append(("cause category " if len(categories) == 1 else "cause categories ") + ", ".join(categories))
        score += 0.5 * len(categories)
    if not reasons:
        return None
    return Relation(other, tuple(reasons), score)


def related(mine: Profile, others: Iterable[Profile], *, earlier_only: bool = False) -> list[Relation]:
    """Every related profile, most related first (then newest first). ``earlier_only`` keeps
    the reviews of incidents before this one (undated reviews are never "earlier")."""
    out: list[Relation] = []
    for other in others:
        if other.key == mine.key:
            continue
        if earlier_only and not (other.date and mine.date and other.date < mine.date):
            continue
        relation = relate(mine, other)
        if relation is not None:
            out.append(relation)
    out.sort(key=lambda r: (-r.score, _neg_date(r.other.date), r.other.title))
    return out


def _neg_date(date: str) -> str:
    return "".join(chr(0x39 - ord(c) + 0x30) if c.isdigit() else c for c in date) or "~"


def summary(relations: list[Relation], *, earlier: bool = True) -> str:
    """"also seen in 3 earlier reviews" (empty when there are none)."""
    n = len(relations)
    if not n:
        return ""
    word = "earlier review" if earlier else "other review"
    return f"also seen in {n} {word}{'' if n == 1 else 's'}"
