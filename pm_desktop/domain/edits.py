"""Reversible edits: the only way a review changes.

An edit is a small value with ``apply(review) -> Change`` and ``inverse()``. Applying an edit and
then its inverse restores the review exactly, which gives undo for free: the Qt undo adapter calls
``document.apply(edit)`` and ``document.apply(edit.inverse())``. Tests and the command line use the
same edits without Qt.

Every edit reports a :class:`Change` — what changed and which ids — so the store writes only those
rows and each panel refreshes only what it shows (Anki's "operations report what changed").
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable
from dataclasses import dataclass, field, fields, replace
from operator import attrgetter, is_
from typing import Any

from .model import ENTITY_TYPES, Review
from .validate import (
    ValidationError,
    check_entity,
    check_meta_value,
    check_references,
    check_seq,
)


class EditError(ValueError):
    """An edit does not fit the review as it is now (missing id, stale value, loop...)."""


Key = tuple[str, str]  # (collection, id)


@dataclass(frozen=True, slots=True)
class Change:
    """What an applied edit changed. Keys are ``(collection, id)`` pairs; ``fields`` names the
    review fields (``title``, ``display_tz``...) that changed."""

    added: frozenset[Key] = frozenset()
    updated: frozenset[Key] = frozenset()
    removed: frozenset[Key] = frozenset()
    fields: frozenset[str] = frozenset()
    label: str = ""
    # The collections the keys name, worked out on the first ``touches``: every view asks,
    # and a card move's change holds hundreds of keys.
    _collections: frozenset[str] | None = field(default=None, init=False, repr=False, compare=False)

    def merged(self, other: Change) -> Change:
        """This change followed by ``other``, netted out (added then removed = nothing)."""
        acc = ChangeAccumulator(self)
        acc.add(other)
        return acc.change(self.label or other.label)

    def ids(self, collection: str, *, kinds: str = "aur") -> set[str]:
        """Ids of ``collection`` that were added (a), updated (u) and/or removed (r)."""
        out: set[str] = set()
        for flag, keys in (("a", self.added), ("u", self.updated), ("r", self.removed)):
            if flag in kinds:
                out.update(i for c, i in keys if c == collection)
        return out

    def added_in_order(self, review: Review, collection: str) -> list[str]:
        """Ids this change added to ``collection``, first made first (for whys: the top of a
        pasted branch first), read from ``review`` right after the change. A panel selects what
        it just made with these, without looking inside the edit."""
        new = self.ids(collection, kinds="a")
        if collection == "whys":
            return [w.id for w in review.sorted_whys() if w.id in new]
        items = review.collection(collection)
        return sorted((i for i in new if i in items), key=lambda i: (items[i].seq, i))

    def touches(self, collection: str) -> bool:
        names = self._collections
        if names is None:
            names = frozenset(
                c for keys in (self.added, self.updated, self.removed) for c, _ in keys
            )
            object.__setattr__(self, "_collections", names)
        return collection in names

    @property
    def keys(self) -> frozenset[Key]:
        return self.added | self.updated | self.removed

    def __bool__(self) -> bool:
        return bool(self.added or self.updated or self.removed or self.fields)


class Edit(ABC):
    """Base class. Subclasses are frozen dataclasses with a ``label`` for the undo menu."""

    __slots__ = ()
    label: str

    @abstractmethod
    def apply(self, review: Review) -> Change:
        """Change ``review`` in place and say what changed; raise EditError (review untouched)
        when the edit does not fit."""

    @abstractmethod
    def inverse(self) -> Edit:
        """The edit that exactly undoes this one."""


def _collection_of(entity: Any) -> str:
    name = getattr(type(entity), "collection", None)
    if name not in ENTITY_TYPES or not isinstance(entity, ENTITY_TYPES[name]):
        raise EditError(f"{type(entity).__name__} is not a review entity")
    return name


def _validated(review: Review, entity: Any) -> None:
    try:
        check_entity(entity)
        check_references(review, entity)
    except ValidationError as exc:
        raise EditError(str(exc)) from exc


_BUT_SEQ: dict[type, Callable[[Any], Any]] = {}


def only_position_differs(before: Any, now: Any) -> bool:
    """True when ``now`` is ``before`` with another ``seq`` and every other field the very
    same value (``replace(item, seq=n)``: the cards of a column renumbered after a move,
    siblings after a reorder). Identity, not equality: ``1 == True`` would let a number into a
    flag unchecked; an equal value made anew just counts as a change."""
    kind = type(before)
    if type(now) is not kind or getattr(before, "seq", None) is None:
        return False
    rest = _BUT_SEQ.get(kind)
    if rest is None:  # every other field at once, as one tuple
        names = [f.name for f in fields(kind) if f.name != "seq"]
        if len(names) == 1:
            one = attrgetter(names[0])
            rest = _BUT_SEQ[kind] = lambda item: (one(item),)
        else:
            rest = _BUT_SEQ[kind] = attrgetter(*names)
    return all(map(is_, rest(before), rest(now)))


@dataclass(frozen=True, slots=True)
class AddEntity(Edit):
    entity: Any
    label: str = ""

    def apply(self, review: Review) -> Change:
        name = _collection_of(self.entity)
        items = review.collection(name)
        if self.entity.id in items:
            raise EditError(f"{name}: {self.entity.id!r} already exists")
        _validated(review, self.entity)
        items[self.entity.id] = self.entity
        return Change(added=frozenset({(name, self.entity.id)}), label=self.label)

    def inverse(self) -> Edit:
        return RemoveEntity(self.entity, label=self.label)


@dataclass(frozen=True, slots=True)
class RemoveEntity(Edit):
    """Remove exactly this value. Refuses when the review holds a different version of it, so an
    inverse can never silently drop a later change."""

    entity: Any
    label: str = ""

    def apply(self, review: Review) -> Change:
        name = _collection_of(self.entity)
        items = review.collection(name)
        current = items.get(self.entity.id)
        if current is None:
            raise EditError(f"{name}: {self.entity.id!r} does not exist")
        if current != self.entity:
            raise EditError(f"{name}: {self.entity.id!r} has changed since this edit was made")
        holder = _referenced_by(review, name, self.entity.id)
        if holder:
            raise EditError(f"{name}: {self.entity.id!r} is still referenced by {holder}")
        del items[self.entity.id]
        return Change(removed=frozenset({(name, self.entity.id)}), label=self.label)

    def inverse(self) -> Edit:
        return AddEntity(self.entity, label=self.label)


@dataclass(frozen=True, slots=True)
class UpdateEntity(Edit):
    """Replace ``old`` by ``new`` (same id). Moves are updates too: a new time, parent, column or
    position."""

    old: Any
    new: Any
    label: str = ""

    def apply(self, review: Review) -> Change:
        name = _collection_of(self.old)
        if _collection_of(self.new) != name or self.new.id != self.old.id:
            raise EditError("an update must keep the same kind of item and the same id")
        items = review.collection(name)
        current = items.get(self.old.id)
        if current is None:
            raise EditError(f"{name}: {self.old.id!r} does not exist")
        if current != self.old:
            raise EditError(f"{name}: {self.old.id!r} has changed since this edit was made")
        if only_position_differs(self.old, self.new):
            # The review holds ``old``, checked when it came in; a new position is all that
            # can be wrong (a move renumbers hundreds of cards: each checked in full cost ms).
            try:
                check_seq(self.new)
            except ValidationError as exc:
                raise EditError(str(exc)) from exc
        else:
            _validated(review, self.new)
        items[self.new.id] = self.new
        return Change(updated=frozenset({(name, self.new.id)}), label=self.label)

    def inverse(self) -> Edit:
        return UpdateEntity(self.new, self.old, label=self.label)


@dataclass(frozen=True, slots=True)
class SetReviewField(Edit):
    name: str
    old: Any
    new: Any
    label: str = ""

    def apply(self, review: Review) -> Change:
        try:
            check_meta_value(self.name, self.new)
        except ValidationError as exc:
            raise EditError(str(exc)) from exc
        current = getattr(review.meta, self.name)
        if current != self.old:
            raise EditError(f"review.{self.name} has changed since this edit was made")
        review.meta = replace(review.meta, **{self.name: self.new})
        return Change(fields=frozenset({self.name}), label=self.label)

    def inverse(self) -> Edit:
        return SetReviewField(self.name, self.new, self.old, label=self.label)


class ChangeAccumulator:
    """Nets out a run of changes in place: linear in the number of keys however many changes come.

    ``Change.merged`` copies both sets on every call; a batch of n edits merged one by one that way
    costs O(n²) (60,000 pasted events took over a minute).
    """

    __slots__ = ("added", "updated", "removed", "fields", "label")

    def __init__(self, start: Change | None = None) -> None:
        start = start or Change()
        self.added: set[Key] = set(start.added)
        self.updated: set[Key] = set(start.updated)
        self.removed: set[Key] = set(start.removed)
        self.fields: set[str] = set(start.fields)
        self.label = start.label

    def add(self, other: Change) -> None:
        added, updated, removed = self.added, self.updated, self.removed
        for key in other.added:
            if key in removed:
                removed.discard(key)
                updated.add(key)
            else:
                added.add(key)
        for key in other.updated:
            if key not in added:
                updated.add(key)
        for key in other.removed:
            if key in added:
                added.discard(key)
            else:
                updated.discard(key)
                removed.add(key)
        self.fields.update(other.fields)
        self.label = self.label or other.label

    def change(self, label: str | None = None) -> Change:
        return Change(
            frozenset(self.added),
            frozenset(self.updated),
            frozenset(self.removed),
            frozenset(self.fields),
            self.label if label is None else label,
        )


@dataclass(frozen=True, slots=True)
class Batch(Edit):
    """Several edits as one undo step; all or nothing."""

    edits: tuple[Edit, ...] = field(default_factory=tuple)
    label: str = ""

    def apply(self, review: Review) -> Change:
        done: list[Edit] = []
        acc = ChangeAccumulator()
        try:
            for edit in self.edits:
                acc.add(edit.apply(review))
                done.append(edit)
        except Exception:
            for edit in reversed(done):
                edit.inverse().apply(review)
            raise
        return acc.change(self.label)

    def inverse(self) -> Edit:
        return Batch(tuple(e.inverse() for e in reversed(self.edits)), label=self.label)


def _referenced_by(review: Review, name: str, entity_id: str) -> str:
    """What still points at an entity about to be removed ("" when nothing does)."""
    if name == "events":
        for ev in review.evidence.values():
            if entity_id in ev.event_ids:
                return f"evidence {ev.id!r}"
    elif name == "evidence":
        for node in review.whys.values():
            if entity_id in node.evidence_ids:
                return f"why node {node.id!r}"
        for box in review.boxes.values():
            if box.evidence_id == entity_id:
                return f"redaction box {box.id!r}"
    elif name == "whys":
        for node in review.whys.values():
            if node.parent_id == entity_id:
                return f"its child why node {node.id!r}"
        for card in review.followups.values():
            if entity_id in card.why_ids:
                return f"follow-up {card.id!r}"
    return ""


# ---------------------------------------------------------------- convenience constructors


def add(entity: Any, label: str = "") -> AddEntity:
    return AddEntity(entity, label or f"Add {_noun(entity)}")


def remove(entity: Any, label: str = "") -> RemoveEntity:
    return RemoveEntity(entity, label or f"Delete {_noun(entity)}")


def update(old: Any, label: str = "", **changes: Any) -> UpdateEntity:
    return UpdateEntity(old, replace(old, **changes), label or f"Edit {_noun(old)}")


def set_field(review: Review, name: str, value: Any, label: str = "") -> SetReviewField:
    pretty = name.replace("_", " ")
    return SetReviewField(name, getattr(review.meta, name), value, label or f"Change {pretty}")


_NOUNS = {
    "people": "participant",
    "events": "timeline event",
    "evidence": "evidence",
    "whys": "why",
    "followups": "follow-up",
    "parking": "parked idea",
    "redactions": "redaction",
    "boxes": "redaction box",
}


def _noun(entity: Any) -> str:
    return _NOUNS.get(getattr(type(entity), "collection", ""), "item")
