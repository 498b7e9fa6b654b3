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


def services_of(text: str) -> tuple[str, ...]:
    """The services named in the review's "Services affected" text, each once: the parts
    between commas, semicolons or line ends, except inside brackets ("card payments
    (checkout-api, gateway)" is one service)."""
    parts: list[str] = []
    current: list[str] = []
    depth = 0
    for char in text:
        if char in "([{":
            depth += 1
        elif char in ")]}":
            depth = max(0, depth - 1)
        if depth == 0 and char in ",;\n":
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    parts.append("".join(current))
    return tuple(dict.fromkeys(" ".join(p.split()) for p in parts if p.strip()))


def profile_of(review: Review, key: str) -> Profile:
    nodes = [
        w for w in review.sorted_whys() if (w.root_cause or w.contributing) and not w.is_unknown
    ]
    return Profile(
        key=key,
        date=review.meta.incident_date,
        title=review.meta.title,
        services=services_of(review.meta.affected_services),
        categories=tuple(dict.fromkeys(w.category for w in nodes if w.category)),
        causes=tuple(w.text for w in nodes),
    )


@dataclass(frozen=True, slots=True)
class _Prepared:
    """A profile with its comparable parts computed once."""

    profile: Profile
    services: dict[str, str]  # folded → as written
    causes: tuple[frozenset[str], ...]
    categories: frozenset[str]

    @classmethod
    def of(cls, profile: Profile) -> _Prepared:
        return cls(
            profile,
            {fold(s): s for s in profile.services},
            tuple(w for w in (words(t) for t in profile.causes) if w),
            frozenset(profile.categories),
        )


def _relate(mine: _Prepared, other: _Prepared) -> Relation | None:
    reasons: list[str] = []
    score = 0.0
    shared = [name for key, name in other.services.items() if key in mine.services]
    if shared:
        reasons.append(("service " if len(shared) == 1 else "services ") + ", ".join(shared))
        score += len(shared)
    best = max((similarity(a, b) for a in mine.causes for b in other.causes), default=0.0)
    if best >= SIMILAR:
        reasons.append("similar cause")
        score += 1 + best
    categories = sorted(mine.categories & other.categories)
    # One shared category is common (there are only a handful); it adds weight to another
    # reason, and two or more are a reason of their own.
    if categories and (reasons or len(categories) > 1):
        label = "cause category " if len(categories) == 1 else "cause categories "
        reasons.append(label + ", ".join(categories))
        score += 0.5 * len(categories)
    if not reasons:
        return None
    return Relation(other.profile, tuple(reasons), score)


def _is_related(mine: _Prepared, other: _Prepared) -> bool:
    """The yes/no of :func:`_relate`, stopping at the first reason found."""
    if not mine.services.keys().isdisjoint(other.services):
        return True
    shared = len(mine.categories & other.categories)
    if shared > 1:
        return True
    for a in mine.causes:
        for b in other.causes:
            if len(a & b) >= SIMILAR * len(a | b):
                return True
    return False


def relate(mine: Profile, other: Profile) -> Relation | None:
    """Why ``other`` is related to ``mine``, or None."""
    return _relate(_Prepared.of(mine), _Prepared.of(other))


def _earlier(mine: Profile, other: Profile) -> bool:
    return bool(other.date and mine.date and other.date < mine.date)


def related(
    mine: Profile, others: Iterable[Profile], *, earlier_only: bool = False
) -> list[Relation]:
    """Every related profile, most related first (then newest first). ``earlier_only`` keeps
    the reviews of incidents before this one (undated reviews are never "earlier")."""
    me = _Prepared.of(mine)
    out: list[Relation] = []
    for other in others:
        if other.key == mine.key or (earlier_only and not _earlier(mine, other)):
            continue
        relation = _relate(me, _Prepared.of(other))
        if relation is not None:
            out.append(relation)
    out.sort(key=lambda r: (-r.score, _neg_date(r.other.date), r.other.title))
    return out


def earlier_counts(profiles: list[Profile]) -> dict[str, int]:
    """For each profile, how many earlier ones are related to it — for a whole library at
    once: candidates come from what profiles share (a service, a cause word, a category), so
    unrelated pairs are never compared."""
    prepared = [_Prepared.of(p) for p in profiles]
    postings: dict[tuple[str, str], list[int]] = {}
    for n, p in enumerate(prepared):
        keys = {("s", s) for s in p.services} | {("c", c) for c in p.categories}
        keys |= {("w", w) for ws in p.causes for w in ws}
        for key in keys:
            postings.setdefault(key, []).append(n)
    counts: dict[str, int] = {}
    for n, p in enumerate(prepared):
        candidates: set[int] = set()
        for s in p.services:
            candidates.update(postings.get(("s", s), ()))
        for ws in p.causes:
            for w in ws:
                candidates.update(postings.get(("w", w), ()))
        shared_categories: dict[int, int] = {}
        for c in p.categories:
            for m in postings.get(("c", c), ()):
                shared_categories[m] = shared_categories.get(m, 0) + 1
        candidates.update(m for m, k in shared_categories.items() if k > 1)
        total = 0
        for m in candidates:
            other = prepared[m]
            if m == n or not _earlier(p.profile, other.profile):
                continue
            if _is_related(p, other):
                total += 1
        counts[p.profile.key] = total
    return counts


def _neg_date(date: str) -> str:
    return "".join(chr(0x39 - ord(c) + 0x30) if c.isdigit() else c for c in date) or "~"


def summary(relations: list[Relation], *, earlier: bool = True) -> str:
    """ "also seen in 3 earlier reviews" (empty when there are none)."""
    n = len(relations)
    if not n:
        return ""
    word = "earlier review" if earlier else "other review"
    return f"also seen in {n} {word}{'' if n == 1 else 's'}"
