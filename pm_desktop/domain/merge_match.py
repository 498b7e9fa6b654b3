"""How a merge recognises the same thing written twice: the same moment, the same person.

*The same moment* is two timeline events whose instants are at most :data:`SAME_MOMENT_SECONDS`
apart and whose texts are *near-identical*: after :func:`normalise` (case folded, runs of
whitespace made one space, ends trimmed) their :class:`difflib.SequenceMatcher` ratio is at least
:data:`NEAR_IDENTICAL`. Empty texts are never near-identical (nothing says they are the same
note), and texts longer than :data:`LONG_TEXT` characters must be equal once normalised (the
ratio costs up to the product of both lengths, and a hostile file could make that hours). Two
untimed events are the same moment only when their normalised texts are equal.

The search is not quadratic: events are bucketed by instant in windows of the tolerance, so a
candidate is looked for in three buckets only; where those hold more than
:data:`MAX_CANDIDATES` events, only equal texts count.

*The same person* is a participant whose name or one of whose handles equals, case folded and
without a leading ``@``, the name or a handle of the other.
"""

from __future__ import annotations

import difflib
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from . import timeutil
from .model import Person, TimelineEvent

SAME_MOMENT_SECONDS = 120
NEAR_IDENTICAL = 0.85
LONG_TEXT = 5_000
# More events than this within two minutes either way (a generated or hostile file): only equal
# texts are looked for there, so one crowded minute cannot make the merge quadratic.
MAX_CANDIDATES = 400


def normalise(text: str) -> str:
    """Case folded, whitespace collapsed and trimmed: what "near-identical" compares."""
    return " ".join(text.casefold().split())


def similarity(a: str, b: str) -> float:
    """The ratio (0..1) of two texts after :func:`normalise`; 0 when either is empty (and for
    unequal texts longer than :data:`LONG_TEXT`)."""
    return _ratio(normalise(a), normalise(b), cutoff=0.0)


def _ratio(na: str, nb: str, cutoff: float = NEAR_IDENTICAL) -> float:
    """The ratio, or 0 as soon as the cheap upper bounds show it is below ``cutoff``."""
    if not na or not nb:
        return 0.0
    if na == nb:
        return 1.0
    if len(na) > LONG_TEXT or len(nb) > LONG_TEXT:
        return 0.0
    matcher = difflib.SequenceMatcher(None, na, nb, autojunk=False)
    if matcher.real_quick_ratio() < cutoff or matcher.quick_ratio() < cutoff:
        return 0.0
    return matcher.ratio()


def near_identical(a: str, b: str) -> bool:
    return _ratio(normalise(a), normalise(b)) >= NEAR_IDENTICAL


def join_authors(*authors: str) -> str:
    """Every author once, in the order first seen: ``"Mei"`` and ``"Ana"`` → ``"Mei, Ana"``.
    An author field that already lists several (``"Mei, Ana"``) is split on its commas."""
    seen: set[str] = set()
    out: list[str] = []
    for field_value in authors:
        for name in field_value.split(","):
            name = " ".join(name.split())
            if name and name.casefold() not in seen:
                seen.add(name.casefold())
                out.append(name)
    return ", ".join(out)


class _Query:
    """One text compared with many: the cheap upper bounds first (lengths, then shared
    characters, from counts made once per text), and one matcher whose second sequence — the
    part :class:`difflib.SequenceMatcher` indexes — is this text, built once."""

    __slots__ = ("text", "counts", "_matcher")

    def __init__(self, text: str):
        self.text = text
        self.counts = Counter(text)
        self._matcher: difflib.SequenceMatcher[str] | None = None

    def ratio(self, other: str, other_counts: Counter[str]) -> float:
        """As :func:`_ratio` (0 below :data:`NEAR_IDENTICAL`)."""
        if self.text == other:
            return 1.0
        total = len(self.text) + len(other)
        if len(self.text) > LONG_TEXT or len(other) > LONG_TEXT:
            return 0.0
        if 2 * min(len(self.text), len(other)) < NEAR_IDENTICAL * total:
            return 0.0
        shared = sum((self.counts & other_counts).values())
        if 2 * shared < NEAR_IDENTICAL * total:
            return 0.0
        if self._matcher is None:
            self._matcher = difflib.SequenceMatcher(None, "", self.text, autojunk=False)
        self._matcher.set_seq1(other)
        return self._matcher.ratio()


@dataclass
class MomentIndex:
    """Events by time bucket, to find the same moment written by someone else in O(1)."""

    timed: dict[int, list[tuple[int, str, Counter[str], TimelineEvent]]] = field(
        default_factory=dict
    )
    untimed: dict[str, TimelineEvent] = field(default_factory=dict)

    @classmethod
    def of(cls, events: Iterable[TimelineEvent]) -> MomentIndex:
        index = cls()
        for event in events:
            index.put(event)
        return index

    def put(self, event: TimelineEvent) -> None:
        text = normalise(event.text)
        if not text:
            return
        if event.time is None:
            self.untimed.setdefault(text, event)
            return
        at = timeutil.epoch_seconds(event.time)
        entry = (at, text, Counter(text), event)
        self.timed.setdefault(at // SAME_MOMENT_SECONDS, []).append(entry)

    def replace(self, old: TimelineEvent, new: TimelineEvent) -> None:
        """``old`` became ``new`` (same id and time, maybe a longer text)."""
        if old.time is not None:
            bucket = self.timed.get(timeutil.epoch_seconds(old.time) // SAME_MOMENT_SECONDS, [])
            bucket[:] = [entry for entry in bucket if entry[3].id != old.id]
        else:
            self.untimed = {k: v for k, v in self.untimed.items() if v.id != old.id}
        self.put(new)

    def same_moment(self, event: TimelineEvent) -> TimelineEvent | None:
        """The indexed event that is the same moment as ``event`` (the most similar text, then
        the nearest time), or None."""
        text = normalise(event.text)
        if not text:
            return None
        if event.time is None:
            return self.untimed.get(text)
        at = timeutil.epoch_seconds(event.time)
        key = at // SAME_MOMENT_SECONDS
        buckets = [self.timed.get(k, []) for k in (key - 1, key, key + 1)]
        crowded = sum(map(len, buckets)) > MAX_CANDIDATES
        query = _Query(text)
        best: tuple[float, int, str] | None = None
        found: TimelineEvent | None = None
        for bucket in buckets:
            for other_at, other_text, other_counts, other in bucket:
                distance = abs(other_at - at)
                if distance > SAME_MOMENT_SECONDS or other.id == event.id:
                    continue
                if other_text == text:
                    ratio = 1.0
                elif crowded:
                    continue
                else:
                    ratio = query.ratio(other_text, other_counts)
                if ratio < NEAR_IDENTICAL:
                    continue
                rank = (-ratio, distance, other.id)
                if best is None or rank < best:
                    best, found = rank, other
        return found


def person_keys(person: Person) -> set[str]:
    """The forms a participant is matched by: name and handles, case folded, without ``@``."""
    keys = {normalise(person.name).lstrip("@")}
    keys.update(normalise(h).lstrip("@") for h in person.handles)
    keys.discard("")
    return keys


class PeopleIndex:
    """Participant ids by every form of their name (the first holder of a form keeps it)."""

    def __init__(self, people: Iterable[Person]):
        self._by_key: dict[str, str] = {}
        for person in people:
            self.put(person)

    def put(self, person: Person) -> None:
        for key in person_keys(person):
            self._by_key.setdefault(key, person.id)

    def find(self, person: Person) -> str | None:
        """The id of the indexed participant who is ``person``: by name first, then handles."""
        name = normalise(person.name).lstrip("@")
        if name in self._by_key:
            return self._by_key[name]
        for key in sorted(person_keys(person)):
            if key in self._by_key:
                return self._by_key[key]
        return None
