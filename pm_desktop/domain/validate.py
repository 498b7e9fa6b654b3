"""Rules every value in a review must satisfy, with messages a user can act on.

Edits call :func:`check_entity` before they touch the review, the JSON import calls
:func:`check_review` on what it read, so nothing invalid reaches the file by either road.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from typing import Any

from . import timeutil
from .model import (
    EVENT_KINDS,
    EVIDENCE_KINDS,
    FOLLOWUP_STATUSES,
    FOLLOWUP_TYPES,
    MAX_LINE,
    MAX_TEXT,
    META_FIELDS,
    META_LIST_FIELDS,
    PRIORITIES,
    REDACTION_TARGETS,
    REVIEW_STATUSES,
    SEVERITIES,
    SOURCE_KINDS,
    WHY_STATUSES,
    Criterion,
    Evidence,
    FollowUp,
    ParkingItem,
    Person,
    RedactedSpan,
    RedactionBox,
    Review,
    ReviewMeta,
    TimelineEvent,
    WhyNode,
    source_kind,
)

MAX_CARD_NUMBER = 999_999_999

_ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:-]{0,79}$")
_SHA_RE = re.compile(r"^[0-9a-f]{64}$")

# Fields that hold one line of text (titles, names) and fields that may hold a long text.
_LINE_FIELDS = {
    "name",
    "role",
    "team",
    "title",
    "author",
    "owner",
    "filename",
    "captured_by",
    "mime",
    "source",
}


class ValidationError(ValueError):
    """A value breaks a rule. ``str(error)`` is a sentence naming the field."""


def _fail(what: str, message: str) -> None:
    raise ValidationError(f"{what}: {message}")


def check_id(value: Any, what: str = "id") -> None:
    if not isinstance(value, str) or not _ID_RE.match(value):
        _fail(
            what, f"{value!r} is not a valid id (letters, digits, '-', '_', '.', ':', at most 80)"
        )


def _check_str(value: Any, what: str, *, limit: int = MAX_TEXT) -> None:
    if not isinstance(value, str):
        _fail(what, f"must be text, not {type(value).__name__}")
    if len(value) > limit:
        _fail(what, f"is {len(value):,} characters long; the limit is {limit:,}")
    if "\x00" in value:
        _fail(what, "contains a NUL character")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        _fail(what, "contains a broken character (a lone UTF-16 surrogate)")


def _check_choice(value: Any, allowed: tuple[str, ...], what: str) -> None:
    if value not in allowed:
        shown = ", ".join(repr(a) for a in allowed if a) or "''"
        _fail(what, f"{value!r} is not one of {shown}")


def _check_bool(value: Any, what: str) -> None:
    if not isinstance(value, bool):
        _fail(what, f"must be true or false, not {value!r}")


def check_seq(entity: Any) -> None:
    """Check only an entity's position (``seq``): what a renumbering changes."""
    _check_seq(entity.seq, f"{type(entity).__name__}.seq")


def _check_seq(value: Any, what: str) -> None:
    if not isinstance(value, int) or isinstance(value, bool) or abs(value) > 2**53:
        _fail(what, f"must be a whole number, not {value!r}")


def _check_instant(value: Any, what: str, *, optional: bool) -> None:
    if value is None and optional:
        return
    if not timeutil.is_canonical(value):
        if isinstance(value, str) and value[:4].isdigit() and not timeutil.year_in_range(value):
            _fail(what, f"{value!r} is out of range ({timeutil.YEAR_RANGE_TEXT})")
        _fail(what, f"{value!r} is not a UTC time like 2025-03-12T09:15:00Z")


def _check_zone(value: Any, what: str) -> None:
    if not isinstance(value, str) or not timeutil.is_valid_zone(value):
        _fail(
            what,
            f"{value!r} is not a known time zone (an IANA name such as Europe/Berlin, UTC, or +05:30)",
        )
    canonical = timeutil.normalize_zone(value)
    if canonical != value:
        _fail(what, f"write the zone {value!r} as {canonical!r}")


def _date_problem(value: Any) -> str:
    if isinstance(value, str) and value[:4].isdigit() and not timeutil.year_in_range(value):
        return f"{value!r} is out of range ({timeutil.YEAR_RANGE_TEXT})"
    return f"{value!r} is not a date like 2025-04-30"


def _check_ids(value: Any, what: str) -> None:
    if not isinstance(value, tuple):
        _fail(what, "must be a list of ids")
    for item in value:
        check_id(item, what)
    if len(set(value)) != len(value):
        _fail(what, "lists the same id twice")


@cache
def _text_limits(cls: type) -> tuple[tuple[str, int], ...]:
    """The fields of an entity type checked as text, with their length limits."""
    return tuple(
        (name, MAX_LINE if name in _LINE_FIELDS else MAX_TEXT)
        for name in getattr(cls, "__dataclass_fields__", {})
        if name not in ("id", "time", "tz", "blob", "parent_id")
    )


def _check_text_fields(entity: Any, what: str) -> None:
    for name, limit in _text_limits(entity.__class__):
        value = getattr(entity, name)
        if isinstance(value, str):
            _check_str(value, f"{what}.{name}", limit=limit)


# --------------------------------------------------------------------------- the quick path
# Opening a review checks every entity; a 20,000-event review spent 0.3 s building the field
# names of messages that were never shown. The quick path accepts the usual, plainly valid event
# without building any message; anything it is not sure of goes through the full check below,
# which says exactly what is wrong. It accepts nothing the full check would refuse.


def _texts_plainly_fine(entity: Any) -> bool:
    for name, limit in _text_limits(entity.__class__):
        value = getattr(entity, name)
        if isinstance(value, str):
            if len(value) > limit or "\x00" in value:
                return False
            if not value.isascii():
                try:
                    value.encode("utf-8")
                except UnicodeEncodeError:
                    return False
    return True


@lru_cache(maxsize=1024)
def _zone_plainly_fine(value: str) -> bool:
    return timeutil.is_valid_zone(value) and timeutil.normalize_zone(value) == value


def _event_plainly_fine(e: TimelineEvent) -> bool:
    return (
        type(e.id) is str
        and _ID_RE.match(e.id) is not None
        and type(e.seq) is int
        and abs(e.seq) <= 2**53
        and (e.time is None or timeutil.is_canonical(e.time))
        and type(e.tz) is str
        and _zone_plainly_fine(e.tz)
        and e.kind in EVENT_KINDS
        and type(e.approximate) is bool
        and type(e.turning_point) is bool
        and (not e.source or source_kind(e.source) in SOURCE_KINDS)
        and _texts_plainly_fine(e)
    )


def check_entity(entity: Any) -> None:
    """Check one entity on its own (no references to other entities)."""
    if type(entity) is TimelineEvent and _event_plainly_fine(entity):
        return
    what = type(entity).__name__
    check_id(getattr(entity, "id", None), f"{what}.id")
    _check_text_fields(entity, what)
    _check_seq(entity.seq, f"{what}.seq")
    source = getattr(entity, "source", "")
    if source and source_kind(source) not in SOURCE_KINDS:
        _fail(f"{what}.source", f"{source[:40]!r} is not a known source")
    if isinstance(entity, Person):
        if not entity.name.strip():
            _fail(f"{what}.name", "a participant needs a name")
        _check_strings(entity.handles, f"{what}.handles")
    elif isinstance(entity, TimelineEvent):
        _check_instant(entity.time, f"{what}.time", optional=True)
        _check_zone(entity.tz, f"{what}.tz")
        _check_choice(entity.kind, EVENT_KINDS, f"{what}.kind")
        _check_bool(entity.approximate, f"{what}.approximate")
        _check_bool(entity.turning_point, f"{what}.turning_point")
    elif isinstance(entity, Evidence):
        _check_choice(entity.kind, EVIDENCE_KINDS, f"{what}.kind")
        if entity.blob is not None and (
            not isinstance(entity.blob, str) or not _SHA_RE.match(entity.blob)
        ):
            _fail(f"{what}.blob", f"{entity.blob!r} is not a sha256 hex digest")
        if entity.kind in ("image", "file") and entity.blob is None:
            _fail(f"{what}.blob", f"an {entity.kind} item needs its stored data")
        name = entity.filename
        if "/" in name or "\\" in name or name in (".", "..") or not name.isprintable():
            _fail(
                f"{what}.filename", "must be a plain file name (no folders, no control characters)"
            )
        _check_instant(entity.captured_at, f"{what}.captured_at", optional=True)
        _check_zone(entity.captured_tz, f"{what}.captured_tz")
        _check_ids(entity.event_ids, f"{what}.event_ids")
    elif isinstance(entity, WhyNode):
        if entity.parent_id is not None:
            check_id(entity.parent_id, f"{what}.parent_id")
            if entity.parent_id == entity.id:
                _fail(f"{what}.parent_id", "a node cannot be its own parent")
        _check_bool(entity.root_cause, f"{what}.root_cause")
        _check_bool(entity.contributing, f"{what}.contributing")
        _check_choice(entity.status, WHY_STATUSES, f"{what}.status")
        _check_ids(entity.evidence_ids, f"{what}.evidence_ids")
    elif isinstance(entity, FollowUp):
        if not entity.title.strip():
            _fail(f"{what}.title", "a follow-up needs a title")
        _check_choice(entity.status, FOLLOWUP_STATUSES, f"{what}.status")
        _check_choice(entity.priority, PRIORITIES, f"{what}.priority")
        _check_choice(entity.type, FOLLOWUP_TYPES, f"{what}.type")
        if entity.due and not timeutil.is_valid_date(entity.due):
            _fail(f"{what}.due", _date_problem(entity.due))
        if not isinstance(entity.acceptance_criteria, tuple):
            _fail(f"{what}.acceptance_criteria", "must be a list")
        for i, c in enumerate(entity.acceptance_criteria):
            if not isinstance(c, Criterion):
                _fail(f"{what}.acceptance_criteria[{i}]", "must be a criterion")
            _check_str(c.text, f"{what}.acceptance_criteria[{i}]", limit=MAX_LINE)
            _check_bool(c.done, f"{what}.acceptance_criteria[{i}].done")
        _check_ids(entity.why_ids, f"{what}.why_ids")
        if type(entity.number) is not int or not 0 <= entity.number <= MAX_CARD_NUMBER:
            _fail(f"{what}.number", f"must be a whole number from 0 to {MAX_CARD_NUMBER}")
    elif isinstance(entity, ParkingItem):
        if not entity.text.strip():
            _fail(f"{what}.text", "a parked idea needs some words")
        for name in ("event_id", "followup_id"):
            if getattr(entity, name):
                check_id(getattr(entity, name), f"{what}.{name}")
    elif isinstance(entity, RedactedSpan):
        if not entity.text.strip():
            _fail(f"{what}.text", "a redaction needs the text it hides")
        _check_choice(entity.target, REDACTION_TARGETS, f"{what}.target")
        if entity.target_id:
            check_id(entity.target_id, f"{what}.target_id")
    elif isinstance(entity, RedactionBox):
        check_id(entity.evidence_id, f"{what}.evidence_id")
        for name in ("x", "y", "w", "h"):
            value = getattr(entity, name)
            if type(value) is not int or not 0 <= value <= 1_000_000:
                _fail(f"{what}.{name}", "must be a whole number of pixels from 0 to 1000000")
        if entity.w < 1 or entity.h < 1:
            _fail(f"{what}.w", "a box needs a width and a height of at least one pixel")
    else:
        raise ValidationError(f"{type(entity).__name__} is not a review entity")


def _check_strings(value: Any, what: str) -> None:
    if not isinstance(value, tuple) or not all(isinstance(v, str) for v in value):
        _fail(what, "must be a list of texts")
    for v in value:
        _check_str(v, what, limit=MAX_LINE)


def check_meta_value(name: str, value: Any) -> None:
    what = f"review.{name}"
    if name not in META_FIELDS:
        _fail(what, "is not a review field")
    if name in META_LIST_FIELDS:
        if not isinstance(value, tuple) or not all(isinstance(v, str) for v in value):
            _fail(what, "must be a list of texts")
        for v in value:
            _check_str(v, what, limit=500)
        return
    short = ("title", "authors", "confidentiality", "affected_services", "affected_regions")
    _check_str(value, what, limit=MAX_LINE if name in short else MAX_TEXT)
    if name in ("incident_date", "meeting_date") and value and not timeutil.is_valid_date(value):
        _fail(what, _date_problem(value))
    elif name in ("created", "changed") and value and not timeutil.is_canonical(value):
        _fail(what, f"{value!r} is not a UTC time of the form YYYY-MM-DDTHH:MM:SSZ")
    elif name == "severity":
        _check_choice(value, SEVERITIES, what)
    elif name == "status":
        _check_choice(value, REVIEW_STATUSES, what)
    elif name == "display_tz":
        _check_zone(value, what)
    elif name == "review_id" and value:
        check_id(value, what)
    elif (
        name == "last_followup_number"
        and value
        and (not value.isascii() or not value.isdigit() or int(value) > MAX_CARD_NUMBER)
    ):
        _fail(what, f"must be a whole number from 0 to {MAX_CARD_NUMBER}")


def check_meta(meta: ReviewMeta) -> None:
    for name in META_FIELDS:
        check_meta_value(name, getattr(meta, name))


def check_references(review: Review, entity: Any, *, loops: bool = True) -> None:
    """Check that what ``entity`` points at exists in ``review`` (and, for a why node, that its
    parent is not one of its own descendants)."""
    what = type(entity).__name__
    if isinstance(entity, Evidence):
        if entity.blob is not None and entity.blob not in review.blobs:
            _fail(f"{what}.blob", "points at data that is not stored in this review")
        for eid in entity.event_ids:
            if eid not in review.events:
                _fail(f"{what}.event_ids", f"no timeline event {eid!r}")
    elif isinstance(entity, WhyNode):
        if entity.parent_id is not None:
            if entity.parent_id not in review.whys:
                _fail(f"{what}.parent_id", f"no why node {entity.parent_id!r}")
            if loops and entity.id in review.ancestors(entity.parent_id):
                _fail(f"{what}.parent_id", "moving a node under its own branch would make a loop")
        for eid in entity.evidence_ids:
            if eid not in review.evidence:
                _fail(f"{what}.evidence_ids", f"no evidence item {eid!r}")
    elif isinstance(entity, FollowUp):
        for wid in entity.why_ids:
            if wid not in review.whys:
                _fail(f"{what}.why_ids", f"no why node {wid!r}")
    elif isinstance(entity, ParkingItem):
        # The moment or card it points at may be deleted later: the idea itself stays.
        return
    elif isinstance(entity, RedactionBox):
        item = review.evidence.get(entity.evidence_id)
        if item is None:
            _fail(f"{what}.evidence_id", f"no evidence item {entity.evidence_id!r}")
        elif item.kind != "image":
            _fail(f"{what}.evidence_id", "boxes can only be drawn on a screenshot")


def check_review(review: Review) -> None:
    """Every rule, for a whole review (used on imported data)."""
    check_meta(review.meta)
    for name in (
        "people",
        "events",
        "evidence",
        "whys",
        "followups",
        "parking",
        "redactions",
        "boxes",
    ):
        for key, entity in review.collection(name).items():
            check_entity(entity)
            if key != entity.id:
                raise ValidationError(f"{name}: key {key!r} does not match id {entity.id!r}")
    for name in ("evidence", "whys", "followups", "boxes"):
        for entity in review.collection(name).values():
            check_references(review, entity, loops=False)
    _check_no_loops(review)


def _check_no_loops(review: Review) -> None:
    """A parent chain that loops never reaches a root: refuse it. Linear time."""
    reaches_root: set[str] = set()
    for start in review.whys:
        path: list[str] = []
        on_path: set[str] = set()
        current: str | None = start
        while current is not None and current not in reaches_root:
            if current in on_path:
                raise ValidationError(
                    f"WhyNode.parent_id: the nodes around {current!r} form a loop"
                )
            on_path.add(current)
            path.append(current)
            current = review.whys[current].parent_id
        reaches_root.update(path)
