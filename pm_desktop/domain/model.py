"""The review and everything in it, as plain immutable values.

Entities are frozen dataclasses: an edit replaces one value by another, which is what makes every
edit exactly reversible (see :mod:`pm_desktop.domain.edits`). The :class:`Review` is the mutable
container the document keeps in memory; Qt models and exporters read it, nothing else writes it
except edits.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field, fields
from typing import Any, ClassVar

EVENT_KINDS: tuple[str, ...] = (
    "impact_start",
    "detected",
    "acknowledged",
    "mitigated",
    "resolved",
    "action",
    "observation",
    "communication",
    "note",
)
EVENT_KIND_LABELS: dict[str, str] = {
    "impact_start": "Impact starts",
    "detected": "Detected",
    "acknowledged": "Acknowledged",
    "mitigated": "Mitigated",
    "resolved": "Resolved",
    "action": "Action",
    "observation": "Observation",
    "communication": "Communication",
    "note": "Note",
}
SEVERITIES: tuple[str, ...] = ("", "SEV1", "SEV2", "SEV3", "SEV4")
# What a severity code means, in words a customer understands (the codes are our jargon).
SEVERITY_WORDS: dict[str, str] = {
    "SEV1": "Critical: the service was down or unusable for most customers",
    "SEV2": "Major: significant degradation for many customers",
    "SEV3": "Minor: limited degradation for some customers",
    "SEV4": "Low: little or no customer impact",
}
REVIEW_STATUSES: tuple[str, ...] = ("draft", "in_review", "final")
REVIEW_STATUS_LABELS = {"draft": "Draft", "in_review": "In review", "final": "Final"}
EVIDENCE_KINDS: tuple[str, ...] = ("image", "link", "text", "file")
WHY_STATUSES: tuple[str, ...] = ("possible", "confirmed")
WHY_CATEGORIES: tuple[str, ...] = (
    "",
    "process",
    "tooling",
    "ownership",
    "time pressure",
    "communication",
    "testing",
    "monitoring",
    "design",
    "capacity",
    "knowledge",
)
FOLLOWUP_STATUSES: tuple[str, ...] = ("todo", "doing", "done", "dropped")
FOLLOWUP_STATUS_LABELS = {
    "todo": "To do",
    "doing": "In progress",
    "done": "Done",
    "dropped": "Won't do",
}
FOLLOWUP_TYPES: tuple[str, ...] = ("", "mitigate", "prevent", "process")
PRIORITIES: tuple[str, ...] = ("", "high", "medium", "low")

# Generous but finite: a pasted log can be large, a title cannot.
MAX_TEXT = 2_000_000
MAX_LINE = 10_000


def new_id() -> str:
    """Ids are UUID strings, so reviews written by several people merge without collisions."""
    return str(uuid.uuid4())


@dataclass(frozen=True, slots=True)
class Person:
    collection: ClassVar[str] = "people"
    id: str
    name: str
    role: str = ""
    team: str = ""
    contribution: str = ""
    seq: int = 0
    # Other ways the person shows up in text: chat handles (@mei.lin), e-mail addresses,
    # nicknames, the name in another script. Redaction removes these too.
    handles: tuple[str, ...] = ()


# Where an event, evidence item or why node came from: the kind, optionally followed by ":" and
# a name (``slack:#inc-payments``, ``csv:pager.csv``, ``merged:amara.pmreview``). "" = not known
# (items written before sources were recorded).
SOURCE_KINDS: tuple[str, ...] = (
    "typed",
    "capture",
    "paste",
    "import",
    "slack",
    "pagerduty",
    "opsgenie",
    "csv",
    "merged",
)


def source_kind(source: str) -> str:
    """The kind part of a source (``"slack"`` for ``"slack:#inc"``)."""
    return source.partition(":")[0]


@dataclass(frozen=True, slots=True)
class TimelineEvent:
    """Something that happened. ``time`` is a canonical UTC instant (or None while untimed);
    ``tz`` is the zone the time was entered in, kept so the author's view can be shown again."""

    collection: ClassVar[str] = "events"
    id: str
    time: str | None
    tz: str = "UTC"
    text: str = ""
    kind: str = "note"
    author: str = ""
    approximate: bool = False
    seq: int = 0
    # A moment the meeting marked as a turning point, with the question it leaves open.
    turning_point: bool = False
    open_question: str = ""
    # Where the entry came from (see SOURCE_KINDS) and, for ``author``, who wrote it.
    source: str = ""

    def sort_key(self) -> tuple[bool, str, int, str]:
        return (self.time is None, self.time or "", self.seq, self.id)


@dataclass(frozen=True, slots=True)
class BlobInfo:
    """What the review knows about a stored blob without loading its bytes."""

    sha256: str
    mime: str
    size: int
    width: int = 0
    height: int = 0


@dataclass(frozen=True, slots=True)
class Evidence:
    """A screenshot, link, snippet or file. Image and file bytes live in the blob table."""

    collection: ClassVar[str] = "evidence"
    id: str
    kind: str
    title: str = ""
    note: str = ""
    url: str = ""
    text: str = ""
    blob: str | None = None
    mime: str = ""
    filename: str = ""
    captured_at: str | None = None
    captured_tz: str = "UTC"
    captured_by: str = ""  # the item's author
    event_ids: tuple[str, ...] = ()
    seq: int = 0
    source: str = ""


@dataclass(frozen=True, slots=True)
class WhyNode:
    """One answer to "why?". A node without a parent states the problem of one tree."""

    collection: ClassVar[str] = "whys"
    id: str
    parent_id: str | None
    text: str = ""
    root_cause: bool = False
    status: str = "possible"
    category: str = ""
    evidence_ids: tuple[str, ...] = ()
    seq: int = 0
    # One of several conditions that together led to the incident (not the single cause).
    contributing: bool = False
    source: str = ""
    author: str = ""

    @property
    def is_unknown(self) -> bool:
        """An empty or "?" node is a placeholder for an answer the room does not have yet."""
        return self.text.strip() in ("", "?")


@dataclass(frozen=True, slots=True)
class Criterion:
    text: str
    done: bool = False


@dataclass(frozen=True, slots=True)
class FollowUp:
    collection: ClassVar[str] = "followups"
    id: str
    title: str
    description: str = ""
    acceptance_criteria: tuple[Criterion, ...] = ()
    owner: str = ""
    due: str = ""
    status: str = "todo"
    priority: str = ""
    type: str = ""
    why_ids: tuple[str, ...] = ()
    url: str = ""
    seq: int = 0
    # The card's number in this review, given once and never reused: with the review's id it
    # makes the key a tracker knows the card by (``PM-<review short id>-<number>``). 0 = none yet.
    number: int = 0

    @property
    def criteria_progress(self) -> tuple[int, int]:
        done = sum(1 for c in self.acceptance_criteria if c.done)
        return done, len(self.acceptance_criteria)


@dataclass(frozen=True, slots=True)
class ParkingItem:
    """An idea for a fix raised while the meeting walks the timeline, kept aside so the walk
    goes on; at the end it becomes a follow-up (``followup_id``) or is left as a note."""

    collection: ClassVar[str] = "parking"
    id: str
    text: str
    event_id: str = ""  # the moment on screen when it was raised
    followup_id: str = ""
    seq: int = 0


REDACTION_TARGETS: tuple[str, ...] = (
    "",
    "review",
    "people",
    "events",
    "evidence",
    "whys",
    "followups",
)


@dataclass(frozen=True, slots=True)
class RedactedSpan:
    """Text the user marked as redacted. It stays in the file (shown struck through in the app)
    and every export replaces it. ``target`` / ``target_id`` / ``field`` narrow where it applies;
    empty means everywhere. The text is matched, not the offsets, so edits around it keep it."""

    collection: ClassVar[str] = "redactions"
    id: str
    text: str
    target: str = ""
    target_id: str = ""
    field: str = ""
    seq: int = 0


@dataclass(frozen=True, slots=True)
class RedactionBox:
    """A rectangle over a screenshot, in image pixels. The stored image is never changed;
    exports burn the box into a fresh copy."""

    collection: ClassVar[str] = "boxes"
    id: str
    evidence_id: str
    x: int
    y: int
    w: int
    h: int
    seq: int = 0


Entity = (
    Person
    | TimelineEvent
    | Evidence
    | WhyNode
    | FollowUp
    | ParkingItem
    | RedactedSpan
    | RedactionBox
)
ENTITY_TYPES: dict[str, type] = {
    "people": Person,
    "events": TimelineEvent,
    "evidence": Evidence,
    "whys": WhyNode,
    "followups": FollowUp,
    "parking": ParkingItem,
    "redactions": RedactedSpan,
    "boxes": RedactionBox,
}
COLLECTIONS: tuple[str, ...] = tuple(ENTITY_TYPES)


@dataclass(frozen=True, slots=True)
class ReviewMeta:
    """The review's own fields. Stored one row per field, so new fields need no migration."""

    title: str = "Untitled review"
    incident_date: str = ""
    severity: str = ""
    status: str = "draft"
    summary: str = ""
    impact: str = ""
    lessons_went_well: str = ""
    lessons_went_wrong: str = ""
    lessons_got_lucky: str = ""
    display_tz: str = "UTC"
    confidentiality: str = "Internal"
    authors: str = ""
    coach_ignored: tuple[str, ...] = ()
    # The meeting: who runs it, who writes it down, what is said first, what the room learned.
    facilitator: str = ""
    note_taker: str = ""
    opening_statement: str = ""
    lessons_learned: str = ""
    # Domains a customer may see (a status page, a vendor's advisory); every other link or host
    # name is removed from the customer version.
    public_domains: tuple[str, ...] = ()
    # What set the incident off (a deploy, a traffic peak), as distinct from why it could.
    trigger: str = ""
    # How we noticed, what we did, how the service came back: short prose each.
    detection: str = ""
    response: str = ""
    recovery: str = ""
    # What was hit, in the words an on-call engineer uses ("checkout API, payments worker").
    affected_services: str = ""
    affected_regions: str = ""
    # The review meeting itself.
    meeting_date: str = ""
    attendees: str = ""
    # Revision history, recorded by the app and never typed: when the review was created and
    # last changed (canonical UTC instants; not part of equality, so an edit and its undo leave
    # equal reviews), and every status change as "<instant> <status>".
    created: str = field(default="", compare=False)
    changed: str = field(default="", compare=False)
    status_history: tuple[str, ...] = ()

    # The review's own identity (a UUID given when the file is created) and the highest
    # follow-up number it has given (digits; never lowered, so a deleted card's number is not
    # reused by a tracker key).
    review_id: str = ""
    last_followup_number: str = ""


META_LIST_FIELDS: tuple[str, ...] = ("coach_ignored", "public_domains", "status_history")
# Review fields the app records itself: no editor shows them, no template fills them.
META_RECORDED: tuple[str, ...] = ("created", "changed", "status_history")
META_FIELDS: tuple[str, ...] = tuple(f.name for f in fields(ReviewMeta))


@dataclass
class Review:
    """The in-memory review. Collections are dicts by id; order comes from ``seq``/time."""

    meta: ReviewMeta = field(default_factory=ReviewMeta)
    people: dict[str, Person] = field(default_factory=dict)
    events: dict[str, TimelineEvent] = field(default_factory=dict)
    evidence: dict[str, Evidence] = field(default_factory=dict)
    whys: dict[str, WhyNode] = field(default_factory=dict)
    followups: dict[str, FollowUp] = field(default_factory=dict)
    parking: dict[str, ParkingItem] = field(default_factory=dict)
    redactions: dict[str, RedactedSpan] = field(default_factory=dict)
    boxes: dict[str, RedactionBox] = field(default_factory=dict)
    blobs: dict[str, BlobInfo] = field(default_factory=dict)

    def collection(self, name: str) -> dict[str, Any]:
        if name not in ENTITY_TYPES:
            raise KeyError(f"no collection {name!r}")
        return getattr(self, name)

    def get(self, collection: str, entity_id: str) -> Any:
        return self.collection(collection).get(entity_id)

    # ------------------------------------------------------------------ ordered views
    def sorted_people(self) -> list[Person]:
        return sorted(self.people.values(), key=lambda p: (p.seq, p.id))

    def sorted_events(self) -> list[TimelineEvent]:
        return sorted(self.events.values(), key=TimelineEvent.sort_key)

    def sorted_evidence(self) -> list[Evidence]:
        return sorted(self.evidence.values(), key=lambda e: (e.seq, e.id))

    def sorted_followups(self, status: str | None = None) -> list[FollowUp]:
        cards = (f for f in self.followups.values() if status is None or f.status == status)
        return sorted(cards, key=lambda f: (FOLLOWUP_STATUSES.index(f.status), f.seq, f.id))

    def children(self, why_id: str | None) -> list[WhyNode]:
        return sorted(
            (w for w in self.whys.values() if w.parent_id == why_id), key=lambda w: (w.seq, w.id)
        )

    def why_roots(self) -> list[WhyNode]:
        return self.children(None)

    def subtree(self, why_id: str) -> list[WhyNode]:
        """The node and all its descendants, parents before children (iterative)."""
        by_parent: dict[str | None, list[WhyNode]] = {}
        for w in self.whys.values():
            by_parent.setdefault(w.parent_id, []).append(w)
        out: list[WhyNode] = []
        stack = [self.whys[why_id]]
        while stack:
            node = stack.pop()
            out.append(node)
            stack.extend(sorted(by_parent.get(node.id, ()), key=lambda w: (-w.seq, w.id)))
        return out

    def ancestors(self, why_id: str) -> list[str]:
        chain: list[str] = []
        seen: set[str] = set()
        node = self.whys.get(why_id)
        while node is not None and node.parent_id is not None and node.parent_id not in seen:
            seen.add(node.parent_id)
            chain.append(node.parent_id)
            node = self.whys.get(node.parent_id)
        return chain

    def root_causes(self) -> list[WhyNode]:
        return [w for w in self.sorted_whys() if w.root_cause]

    def contributing_factors(self) -> list[WhyNode]:
        return [w for w in self.sorted_whys() if w.contributing]

    def sorted_parking(self) -> list[ParkingItem]:
        return sorted(self.parking.values(), key=lambda p: (p.seq, p.id))

    def turning_points(self) -> list[TimelineEvent]:
        return [e for e in self.sorted_events() if e.turning_point]

    def sorted_whys(self) -> list[WhyNode]:
        """Every node, tree by tree, depth first in sibling order (each tree as
        :meth:`subtree` walks it; the children of every node are grouped once for all trees)."""
        by_parent: dict[str | None, list[WhyNode]] = {}
        for w in self.whys.values():
            by_parent.setdefault(w.parent_id, []).append(w)
        out: list[WhyNode] = []
        for root in sorted(by_parent.get(None, ()), key=lambda w: (w.seq, w.id)):
            stack = [root]
            while stack:
                node = stack.pop()
                out.append(node)
                stack.extend(sorted(by_parent.get(node.id, ()), key=lambda w: (-w.seq, w.id)))
        return out

    def followups_for_why(self, why_id: str) -> list[FollowUp]:
        return [f for f in self.sorted_followups() if why_id in f.why_ids]

    def boxes_for(self, evidence_id: str) -> list[RedactionBox]:
        return sorted(
            (b for b in self.boxes.values() if b.evidence_id == evidence_id),
            key=lambda b: (b.seq, b.id),
        )

    def evidence_for_event(self, event_id: str) -> list[Evidence]:
        return [e for e in self.sorted_evidence() if event_id in e.event_ids]

    def next_seq(self, collection: str) -> int:
        values = self.collection(collection).values()
        return max((v.seq for v in values), default=0) + 1

    def copy(self) -> Review:
        return Review(
            meta=self.meta,
            people=dict(self.people),
            events=dict(self.events),
            evidence=dict(self.evidence),
            whys=dict(self.whys),
            followups=dict(self.followups),
            parking=dict(self.parking),
            redactions=dict(self.redactions),
            boxes=dict(self.boxes),
            blobs=dict(self.blobs),
        )

    def counts(self) -> dict[str, int]:
        return {name: len(self.collection(name)) for name in COLLECTIONS}
