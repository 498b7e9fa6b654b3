"""Merging a colleague's review into this one: the plan, Qt-free and file-free.

:func:`plan_merge` compares *theirs* (a review read from another file) with *ours* (the open
review) and decides, item by item:

- **Shared id, same content** (the same review copied to two laptops): nothing. Order positions
  (``seq``), card numbers and sources are this file's bookkeeping and are not compared.
- **Shared id, different content**: a :class:`Conflict` with both versions; the caller chooses
  per item (:meth:`MergePlan.edit`), keeping this file's version by default.
- **The same moment written twice** (see :mod:`.merge_match`): one event. It keeps this file's
  id, time and zone, the longer of the two texts, and both authors (``"Mei, Ana"``); a more
  specific kind than "note", a turning-point mark and an open question come from either side.
- **The same person** (name or handle, case folded): one participant with every handle of both,
  empty fields filled from theirs; differing roles or teams are a conflict.
- **The same screenshot** (same stored data, same kind, and texts equal or empty in theirs):
  one evidence item with the event links of both. The data is stored once in any case.
- Everything else comes in, with ``source = "merged:<file name>"`` unless it already had a
  source, new order positions after ours, and follow-ups numbered as new cards of this review.

Links are united rather than compared: event links of evidence, evidence of why nodes and why
nodes of cards from both sides are kept whichever version wins. The review's own fields are
filled where ours is empty (still the default); a field both have changed is a conflict; lists
(ignored coach findings, public domains) are united.

The result is one :class:`~.edits.Batch` (one undo step) built for the review as it was planned
against; applying it to a changed review fails cleanly (the edits check what they replace).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field, fields, replace
from typing import Any

from . import card_numbers, timeutil
from .edits import AddEntity, Batch, Edit, SetReviewField, UpdateEntity
from .merge_match import MomentIndex, PeopleIndex, join_authors, normalise, person_keys
from .model import (
    META_FIELDS,
    META_LIST_FIELDS,
    META_RECORDED,
    Evidence,
    FollowUp,
    Person,
    RedactedSpan,
    RedactionBox,
    Review,
    ReviewMeta,
    TimelineEvent,
)
from .wording import counted

Key = tuple[str, str]  # (collection or "review", id or field name)

# Fields that say where an item sits in this file, not what it says.
_BOOKKEEPING = ("seq", "source", "number")
# Link fields united from both sides (never a conflict).
_LINKS = {"evidence": "event_ids", "whys": "evidence_ids", "followups": "why_ids"}
# Review fields that are this file's identity, never taken from another file.
# The review's identity, its card counter and its revision history (created, last changed,
# status changes) are this file's own record, written by the app: a colleague's file was
# created and last saved at other moments, which is not a conflict about the review.
_OWN_META = ("review_id", "last_followup_number", *META_RECORDED)
_DEFAULT_META = ReviewMeta()

# What the summary calls what came in, in this order.
_NOUNS: tuple[tuple[str, str, str], ...] = (
    ("events", "event", "events"),
    ("people", "person", "people"),
    ("image", "screenshot", "screenshots"),
    ("link", "link", "links"),
    ("text", "snippet", "snippets"),
    ("file", "file", "files"),
    ("whys", "why answer", "why answers"),
    ("followups", "follow-up", "follow-ups"),
    ("parking", "parked idea", "parked ideas"),
    ("redactions", "redaction", "redactions"),
    ("boxes", "redaction box", "redaction boxes"),
    ("review", "review field", "review fields"),
)
KIND_NOUNS: dict[str, tuple[str, str]] = {k: (one, many) for k, one, many in _NOUNS}


@dataclass(frozen=True, slots=True)
class Conflict:
    """One item both files changed. ``current`` is what this review holds now, ``mine`` what
    "keep mine" writes (``current`` with what the other file adds without conflict, such as
    links or handles), ``theirs`` what "take theirs" writes."""

    collection: str  # a collection name, or "review" for a review field
    key: str  # the item's id, or the review field's name
    current: Any
    mine: Any
    theirs: Any

    @property
    def ref(self) -> Key:
        return (self.collection, self.key)

    def differing_fields(self) -> list[str]:
        """The fields whose values differ between the two versions (for showing them)."""
        if self.collection == "review":
            return [self.key]
        skip = set(_BOOKKEEPING) | {_LINKS.get(self.collection, "")}
        return [
            f.name
            for f in fields(self.mine)
            if f.name not in skip and getattr(self.mine, f.name) != getattr(self.theirs, f.name)
        ]


@dataclass
class MergePlan:
    """What merging one other review would do. Build the edit with :meth:`edit`."""

    name: str
    source: str
    added: Counter[str] = field(default_factory=Counter)
    duplicates: int = 0
    already: int = 0
    conflicts: list[Conflict] = field(default_factory=list)
    blobs: list[str] = field(default_factory=list)  # stored data to copy from the other file
    edits: list[Edit] = field(default_factory=list)  # everything but the conflicts' choices
    updates_from: int = 0  # where in ``edits`` the updates of existing items start

    @property
    def label(self) -> str:
        return f"Merge {self.name}"

    @property
    def added_total(self) -> int:
        return sum(self.added.values())

    def edit(self, take_theirs: Collection[Key] = (), *, prefer_theirs: bool = False) -> Batch:
        """The whole merge as one undo step: this file's version of every conflict except those
        in ``take_theirs`` (or all of them with ``prefer_theirs``)."""
        chosen: list[Edit] = []
        for conflict in self.conflicts:
            theirs = prefer_theirs or conflict.ref in take_theirs
            new = conflict.theirs if theirs else conflict.mine
            if new == conflict.current:
                continue
            if conflict.collection == "review":
                chosen.append(SetReviewField(conflict.key, conflict.current, new, self.label))
            else:
                chosen.append(UpdateEntity(conflict.current, new, self.label))
        # Conflicts are updates of items that exist already, and their other version may point
        # at items the merge adds: they go after the additions, before the other updates (the
        # two touch different items).
        cut = self.updates_from
        return Batch((*self.edits[:cut], *chosen, *self.edits[cut:]), self.label)

    def summary(self, theirs_taken: int = 0) -> str:
        """One line: ``added 212 events, 14 people, 9 links; 31 duplicates merged; 2 conflicts
        kept as ours``."""
        parts = [
            counted(self.added[kind], *KIND_NOUNS[kind])
            for kind, _one, _many in _NOUNS
            if self.added[kind]
        ]
        out = ["added " + ", ".join(parts) if parts else f"nothing new from {self.name}"]
        if self.duplicates and self.edits:  # (when nothing changes they were merged before)
            out.append(f"{counted(self.duplicates, 'duplicate')} merged")
        kept = len(self.conflicts) - theirs_taken
        if kept:
            out.append(f"{counted(kept, 'conflict')} kept as ours")
        if theirs_taken:
            out.append(f"{counted(theirs_taken, 'conflict')} taken from theirs")
        return "; ".join(out)


def merged_source(name: str) -> str:
    """``merged:<file name>``, on one line whatever characters the file name holds."""
    return f"merged:{' '.join(name.split())[:200]}"


def plan_merge(ours: Review, theirs: Review, name: str) -> MergePlan:
    """Compare ``theirs`` (read from the file called ``name``) with ``ours``; change neither."""
    return _Planner(ours, theirs, name).run()


def _same(collection: str, a: Any, b: Any) -> bool:
    """Equal apart from bookkeeping and united links."""
    blank: dict[str, Any] = {"seq": 0}
    if hasattr(a, "source"):
        blank["source"] = ""
    if collection == "followups":
        blank["number"] = 0
    link = _LINKS.get(collection)
    if link:
        blank[link] = ()
    return bool(replace(a, **blank) == replace(b, **blank))


def _unite(first: Iterable[str], second: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys((*first, *second)))


class _Planner:
    def __init__(self, ours: Review, theirs: Review, name: str):
        self.ours, self.theirs = ours, theirs
        self.plan = MergePlan(name=name, source=merged_source(name))
        # theirs id -> ours id, where a theirs item became one of ours under another id
        self.maps: dict[str, dict[str, str]] = {"people": {}, "events": {}, "evidence": {}}
        # ours id -> (as it is now, as it will be) for items the merge updates without conflict
        self.updates: dict[Key, tuple[Any, Any]] = {}
        self.seqs = {name: ours.next_seq(name) for name in ("people", "events", "evidence")}
        self.seqs.update({n: ours.next_seq(n) for n in ("whys", "followups", "parking")})
        self.seqs.update({n: ours.next_seq(n) for n in ("redactions", "boxes")})
        self.adds: list[Edit] = []
        self.new_cards: list[FollowUp] = []

    # ------------------------------------------------------------------ helpers
    def _mapped(self, collection: str, item_id: str) -> str:
        return self.maps[collection].get(item_id, item_id)

    def _next_seq(self, collection: str) -> int:
        seq = self.seqs[collection]
        self.seqs[collection] = seq + 1
        return seq

    def _current(self, collection: str, item_id: str) -> Any:
        pending = self.updates.get((collection, item_id))
        return pending[1] if pending else self.ours.collection(collection)[item_id]

    def _set(self, collection: str, item_id: str, new: Any) -> None:
        original = self.ours.collection(collection)[item_id]
        self.updates[(collection, item_id)] = (original, new)

    def _add(self, collection: str, item: Any, kind: str | None = None) -> None:
        item = replace(item, seq=self._next_seq(collection))
        if hasattr(item, "source") and not item.source:
            item = replace(item, source=self.plan.source)
        self.adds.append(AddEntity(item, self.plan.label))
        self.plan.added[kind or collection] += 1
        if isinstance(item, Evidence) and item.blob and item.blob not in self.ours.blobs:
            self._need_blob(item.blob)

    def _need_blob(self, sha: str) -> None:
        if sha not in self.ours.blobs and sha not in self.plan.blobs:
            self.plan.blobs.append(sha)

    def _shared(self, collection: str, theirs_item: Any) -> None:
        """An item both files hold under the same id: nothing, a link union, or a conflict."""
        current = self.ours.collection(collection)[theirs_item.id]
        keep = {"seq": current.seq}
        if hasattr(current, "source"):
            keep["source"] = current.source or theirs_item.source
        if collection == "followups":
            keep["number"] = current.number
        link = _LINKS.get(collection)
        if link:
            united = _unite(getattr(current, link), getattr(theirs_item, link))
            keep[link] = united
            mine = replace(current, **{link: united})
        else:
            mine = current
        theirs_version = replace(theirs_item, **keep)
        if _same(collection, current, theirs_version):
            if mine != current:
                self._set(collection, current.id, mine)
            else:
                self.plan.already += 1
            return
        if isinstance(theirs_version, Evidence) and theirs_version.blob:
            self._need_blob(theirs_version.blob)
        self.plan.conflicts.append(Conflict(collection, current.id, current, mine, theirs_version))

    # ------------------------------------------------------------------ per collection
    def people(self) -> None:
        index = PeopleIndex(self.ours.sorted_people())
        touched: dict[str, Person] = {}  # ours id -> the theirs person last matched to it
        for person in self.theirs.sorted_people():
            match = person.id if person.id in self.ours.people else index.find(person)
            if match is None:  # a newcomer (two of theirs with one name stay two, as there)
                self._add("people", person)
                continue
            self.maps["people"][person.id] = match
            current = self._current("people", match)
            known = person_keys(current)
            handles = list(current.handles)
            for form in (person.name, *person.handles):
                key = normalise(form).lstrip("@")
                if key and key not in known:
                    known.add(key)
                    handles.append(form)
            filled = {
                f: getattr(person, f)
                for f in ("role", "team", "contribution")
                if not getattr(current, f) and getattr(person, f)
            }
            merged = replace(current, handles=tuple(handles), **filled)
            if match != person.id:
                self.plan.duplicates += 1
            if merged != current:
                self._set("people", match, merged)
            elif match == person.id:
                self.plan.already += 1
            touched[match] = person
        for ours_id, person in touched.items():
            self._people_conflict(ours_id, person)

    def _people_conflict(self, ours_id: str, person: Person) -> None:
        original = self.ours.people[ours_id]
        mine = self._current("people", ours_id)
        differ = {
            f: getattr(person, f)
            for f in ("role", "team", "contribution")
            if getattr(mine, f) and getattr(person, f) and getattr(mine, f) != getattr(person, f)
        }
        if not differ:
            return
        self.updates.pop(("people", ours_id), None)
        theirs = replace(mine, **differ)
        self.plan.conflicts.append(Conflict("people", ours_id, original, mine, theirs))

    def events(self) -> None:
        shared = set(self.theirs.events) & set(self.ours.events)
        index = MomentIndex.of(e for e in self.ours.events.values() if e.id not in shared)
        for event in self.theirs.sorted_events():
            if event.id in shared:
                self._shared("events", event)
                continue
            twin = index.same_moment(event)
            if twin is None:
                self._add("events", event)
                continue
            self.maps["events"][event.id] = twin.id
            self.plan.duplicates += 1
            current = self._current("events", twin.id)
            merged = _one_moment(current, event)
            if merged != current:
                self._set("events", twin.id, merged)
                index.replace(current, merged)

    def evidence(self) -> None:
        shared = set(self.theirs.evidence) & set(self.ours.evidence)
        by_blob: dict[tuple[str, str], str] = {}
        for item in self.ours.sorted_evidence():
            if item.blob and item.id not in shared:
                by_blob.setdefault((item.blob, item.kind), item.id)
        for item in self.theirs.sorted_evidence():
            item = replace(item, event_ids=_unite(self._map_all("events", item.event_ids), ()))
            if item.id in shared:
                self._shared("evidence", item)
                continue
            twin_id = by_blob.get((item.blob, item.kind)) if item.blob else None
            if twin_id is not None:
                current = self._current("evidence", twin_id)
                if all(
                    not getattr(item, f) or getattr(item, f) == getattr(current, f)
                    for f in ("title", "note", "text", "url")
                ):
                    self.maps["evidence"][item.id] = twin_id
                    self.plan.duplicates += 1
                    merged = replace(
                        current,
                        event_ids=_unite(current.event_ids, item.event_ids),
                        captured_by=join_authors(current.captured_by, item.captured_by),
                    )
                    if merged != current:
                        self._set("evidence", twin_id, merged)
                    continue
            self._add("evidence", item, kind=item.kind)

    def _map_all(self, collection: str, ids: Iterable[str]) -> tuple[str, ...]:
        return tuple(self._mapped(collection, i) for i in ids)

    def whys(self) -> None:
        for node in self.theirs.sorted_whys():
            node = replace(
                node, evidence_ids=_unite(self._map_all("evidence", node.evidence_ids), ())
            )
            if node.id in self.ours.whys:
                self._shared("whys", node)
            else:
                self._add("whys", node)

    def followups(self) -> None:
        for card in self.theirs.sorted_followups():
            if card.id in self.ours.followups:
                self._shared("followups", card)
            else:
                self.new_cards.append(replace(card, number=0, seq=self._next_seq("followups")))
                self.plan.added["followups"] += 1

    def parking(self) -> None:
        texts = {normalise(p.text) for p in self.ours.parking.values()}
        for item in self.theirs.sorted_parking():
            item = replace(item, event_id=self._mapped("events", item.event_id))
            if item.id in self.ours.parking:
                self._shared("parking", item)
            elif normalise(item.text) in texts:
                self.plan.duplicates += 1
            else:
                self._add("parking", item)

    def redactions(self) -> None:
        def shape(span: RedactedSpan) -> tuple[str, str, str, str]:
            return (span.text, span.target, span.target_id, span.field)

        known = {shape(s) for s in self.ours.redactions.values()}
        for span in sorted(self.theirs.redactions.values(), key=lambda s: (s.seq, s.id)):
            if span.target in self.maps:
                span = replace(span, target_id=self._mapped(span.target, span.target_id))
            if span.id in self.ours.redactions:
                self._shared("redactions", span)
            elif shape(span) not in known:
                self._add("redactions", span)

    def boxes(self) -> None:
        def shape(box: RedactionBox) -> tuple[str, int, int, int, int]:
            return (box.evidence_id, box.x, box.y, box.w, box.h)

        known = {shape(b) for b in self.ours.boxes.values()}
        for box in sorted(self.theirs.boxes.values(), key=lambda b: (b.seq, b.id)):
            box = replace(box, evidence_id=self._mapped("evidence", box.evidence_id))
            if box.id in self.ours.boxes:
                self._shared("boxes", box)
            elif shape(box) not in known:
                self._add("boxes", box)

    def meta(self) -> None:
        ours, theirs = self.ours.meta, self.theirs.meta
        for name in META_FIELDS:
            if name in _OWN_META:
                continue
            mine, other = getattr(ours, name), getattr(theirs, name)
            if mine == other or other == getattr(_DEFAULT_META, name):
                continue
            if name in META_LIST_FIELDS:
                united = _unite(mine, other)
                if united != mine:
                    self.adds.append(SetReviewField(name, mine, united, self.plan.label))
            elif mine == getattr(_DEFAULT_META, name):
                self.adds.append(SetReviewField(name, mine, other, self.plan.label))
                self.plan.added["review"] += 1
            else:
                self.plan.conflicts.append(Conflict("review", name, mine, mine, other))

    # ------------------------------------------------------------------ the whole plan
    def run(self) -> MergePlan:
        self.people()
        self.events()
        self.evidence()
        self.whys()
        self.followups()
        self.parking()
        self.redactions()
        self.boxes()
        self.meta()
        updates = [
            UpdateEntity(old, new, self.plan.label)
            for old, new in self.updates.values()
            if old != new
        ]
        numbered, counter = card_numbers.numbered(self.ours, self.new_cards)
        cards: list[Edit] = [AddEntity(card, self.plan.label) for card in numbered]
        # Additions first in dependency order (people, events, evidence, whys...), then cards
        # (they point at whys), then the updates of existing items (which may point at added
        # events), then the counter of card numbers.
        self.plan.edits = [*self.adds, *cards, *updates, *([counter] if counter else [])]
        self.plan.updates_from = len(self.adds) + len(cards)
        return self.plan


def _one_moment(mine: TimelineEvent, theirs: TimelineEvent) -> TimelineEvent:
    """The same moment written by two people, as one event that loses neither."""
    text = theirs.text if len(theirs.text.strip()) > len(mine.text.strip()) else mine.text
    kind = theirs.kind if mine.kind == "note" and theirs.kind != "note" else mine.kind
    return replace(
        mine,
        text=text,
        kind=kind,
        author=join_authors(mine.author, theirs.author),
        turning_point=mine.turning_point or theirs.turning_point,
        open_question=mine.open_question or theirs.open_question,
    )


_ITEM_NOUNS = {
    "people": "participant",
    "events": "timeline event",
    "evidence": "evidence",
    "whys": "why answer",
    "followups": "follow-up",
    "parking": "parked idea",
    "redactions": "redaction",
    "boxes": "redaction box",
    "review": "review field",
}


def _short(text: str, limit: int = 60) -> str:
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"


def describe_conflict(conflict: Conflict, display_tz: str = "UTC", *, fields: bool = True) -> str:
    """One line naming the item in words a user recognises: ``timeline event 2025-03-12 09:15
    UTC “Rolled back the deploy” (different: text, author)`` (without the part in brackets
    when ``fields`` is false)."""
    noun = _ITEM_NOUNS.get(conflict.collection, "item")
    item = conflict.current
    if conflict.collection == "review":
        return f"{noun} “{conflict.key.replace('_', ' ')}”"
    if isinstance(item, TimelineEvent):
        when = timeutil.format_time(item.time, display_tz) if item.time else "untimed"
        what = f"{when} {timeutil.zone_label(display_tz, item.time)} “{_short(item.text)}”"
    elif isinstance(item, Person):
        what = f"“{_short(item.name)}”"
    elif isinstance(item, RedactionBox):
        what = f"on evidence {item.evidence_id[:8]}"
    else:
        words = getattr(item, "title", "") or getattr(item, "text", "") or item.id
        what = f"“{_short(words)}”"
    differ = ", ".join(f.replace("_", " ") for f in conflict.differing_fields())
    return f"{noun} {what} (different: {differ})" if differ and fields else f"{noun} {what}"
