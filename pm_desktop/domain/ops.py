"""Edits as users think of them: "delete this branch", "move this card to Done", "link this
screenshot to that event". Each function reads the review and returns one edit (often a
:class:`~pm_desktop.domain.edits.Batch`) that keeps every reference intact; none of them changes
the review itself. Panels, the CLI and tests all build their edits here.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from .card_numbers import add_cards
from .edits import AddEntity, Batch, Edit, EditError, RemoveEntity, UpdateEntity
from .model import (
    FOLLOWUP_STATUS_LABELS,
    FOLLOWUP_STATUSES,
    Criterion,
    Evidence,
    FollowUp,
    Person,
    RedactedSpan,
    RedactionBox,
    Review,
    TimelineEvent,
    WhyNode,
    new_id,
)
from .wording import counted

# ------------------------------------------------------------------------------ people


def add_person(
    review: Review,
    name: str,
    role: str = "",
    team: str = "",
    contribution: str = "",
    handles: tuple[str, ...] = (),
) -> AddEntity:
    person = Person(new_id(), name, role, team, contribution, review.next_seq("people"), handles)
    return AddEntity(person, f"Add participant {name}")


def delete_people(review: Review, ids: Iterable[str]) -> Batch:
    people = [review.people[i] for i in ids]
    return Batch(
        tuple(RemoveEntity(p) for p in people), f"Delete {counted(len(people), 'participant')}"
    )


# ------------------------------------------------------------------------------ timeline


def add_event(
    review: Review,
    time: str | None,
    text: str,
    *,
    kind: str = "note",
    tz: str = "UTC",
    author: str = "",
    approximate: bool = False,
    event_id: str | None = None,
    source: str = "",
) -> AddEntity:
    event = TimelineEvent(
        event_id or new_id(),
        time,
        tz,
        text,
        kind,
        author,
        approximate,
        review.next_seq("events"),
        source=source,
    )
    return AddEntity(event, "Add timeline event")


@dataclass(frozen=True, slots=True)
class EventDraft:
    """A timeline event still to be added (a pasted line, a copied event): everything but its
    place in the review. ``id`` is None unless the caller must know the id beforehand."""

    time: str | None
    text: str
    tz: str = "UTC"
    kind: str = "note"
    author: str = ""
    approximate: bool = False
    id: str | None = None
    turning_point: bool = False  # kept when a copied event is pasted back
    open_question: str = ""
    source: str = ""  # where it came from ("paste", "typed" ...; see model.SOURCE_KINDS)


def add_events(review: Review, drafts: Sequence[EventDraft], label: str = "") -> Batch:
    """Many events as one undo step (a paste), in the drafts' order."""
    seq = review.next_seq("events")
    edits = tuple(
        AddEntity(
            TimelineEvent(
                id=d.id or new_id(),
                time=d.time,
                tz=d.tz,
                text=d.text,
                kind=d.kind,
                author=d.author,
                approximate=d.approximate,
                seq=seq + n,
                turning_point=d.turning_point,
                open_question=d.open_question,
                source=d.source,
            )
        )
        for n, d in enumerate(drafts)
    )
    return Batch(edits, label or f"Add {counted(len(edits), 'timeline event')}")


def delete_events(review: Review, ids: Iterable[str]) -> Batch:
    """Delete events, first unlinking the evidence that points at them."""
    doomed = set(ids)
    edits: list[Edit] = []
    for item in review.sorted_evidence():
        if doomed.intersection(item.event_ids):
            kept = tuple(e for e in item.event_ids if e not in doomed)
            edits.append(UpdateEntity(item, replace(item, event_ids=kept)))
    edits.extend(RemoveEntity(review.events[i]) for i in sorted(doomed))
    return Batch(tuple(edits), f"Delete {counted(len(doomed), 'timeline event')}")


# ------------------------------------------------------------------------------ evidence


def link_evidence(review: Review, evidence_id: str, event_id: str) -> Edit:
    item = review.evidence[evidence_id]
    if event_id not in review.events:
        raise EditError(f"no timeline event {event_id!r}")
    if event_id in item.event_ids:
        return Batch((), "Link evidence")
    return UpdateEntity(
        item, replace(item, event_ids=(*item.event_ids, event_id)), "Link evidence to event"
    )


def unlink_evidence(review: Review, evidence_id: str, event_id: str) -> Edit:
    item = review.evidence[evidence_id]
    kept = tuple(e for e in item.event_ids if e != event_id)
    return UpdateEntity(item, replace(item, event_ids=kept), "Unlink evidence from event")


def delete_evidence(review: Review, ids: Iterable[str]) -> Batch:
    """Delete evidence items, first unlinking the why nodes that cite them."""
    doomed = set(ids)
    edits: list[Edit] = []
    for node in review.whys.values():
        if doomed.intersection(node.evidence_ids):
            kept = tuple(e for e in node.evidence_ids if e not in doomed)
            edits.append(UpdateEntity(node, replace(node, evidence_ids=kept)))
    edits.extend(RemoveEntity(box) for box in review.boxes.values() if box.evidence_id in doomed)
    edits.extend(RemoveEntity(review.evidence[i]) for i in sorted(doomed))
    return Batch(tuple(edits), f"Delete {counted(len(doomed), 'evidence item')}")


def new_evidence(
    review: Review,
    kind: str,
    *,
    id: str | None = None,
    title: str = "",
    note: str = "",
    url: str = "",
    text: str = "",
    blob: str | None = None,
    mime: str = "",
    filename: str = "",
    captured_at: str | None = None,
    captured_tz: str = "UTC",
    captured_by: str = "",
    event_ids: tuple[str, ...] = (),
    source: str = "",
) -> Evidence:
    """A new evidence item placed after the others (not yet added: wrap it in an edit)."""
    return Evidence(
        id=id or new_id(),
        kind=kind,
        title=title,
        note=note,
        url=url,
        text=text,
        blob=blob,
        mime=mime,
        filename=filename,
        captured_at=captured_at,
        captured_tz=captured_tz,
        captured_by=captured_by,
        event_ids=event_ids,
        seq=review.next_seq("evidence"),
        source=source,
    )


# ------------------------------------------------------------------------------ whys


def add_why(
    review: Review,
    parent_id: str | None,
    text: str = "",
    *,
    index: int | None = None,
    id: str | None = None,
    root_cause: bool = False,
    status: str = "possible",
    source: str = "",
    author: str = "",
) -> Edit:
    """A new node under ``parent_id`` (None = a new tree), at ``index`` among its siblings;
    ``id`` when the caller must know it beforehand (to select the new box)."""
    if parent_id is not None and parent_id not in review.whys:
        raise EditError(f"no why node {parent_id!r}")
    siblings = review.children(parent_id)
    node = WhyNode(
        id=id or new_id(),
        parent_id=parent_id,
        text=text,
        root_cause=root_cause,
        status=status,
        source=source,
        author=author,
    )
    order = [s.id for s in siblings]
    order.insert(len(order) if index is None else max(0, min(index, len(order))), node.id)
    edits: list[Edit] = [AddEntity(replace(node, seq=order.index(node.id)))]
    edits.extend(_renumber(review, order, skip=node.id))
    label = "Add problem statement" if parent_id is None else "Add why"
    return edits[0] if len(edits) == 1 else Batch(tuple(edits), label)


def _renumber(review: Review, order: Sequence[str], skip: str | None = None) -> list[Edit]:
    """Updates that give the nodes in ``order`` seq 0, 1, 2… (only those that differ)."""
    edits: list[Edit] = []
    for position, node_id in enumerate(order):
        if node_id == skip:
            continue
        node = review.whys[node_id]
        if node.seq != position:
            edits.append(UpdateEntity(node, replace(node, seq=position)))
    return edits


def reparent_why(
    review: Review, node_id: str, new_parent_id: str | None, index: int | None = None
) -> Batch:
    """Move a node (with its branch) under another node. Loops are refused."""
    node = review.whys[node_id]
    if new_parent_id is not None:
        if new_parent_id not in review.whys:
            raise EditError(f"no why node {new_parent_id!r}")
        if new_parent_id == node_id or node_id in review.ancestors(new_parent_id):
            raise EditError("a node cannot move under its own branch")
    siblings = [s.id for s in review.children(new_parent_id) if s.id != node_id]
    siblings.insert(len(siblings) if index is None else max(0, min(index, len(siblings))), node_id)
    edits: list[Edit] = [
        UpdateEntity(node, replace(node, parent_id=new_parent_id, seq=siblings.index(node_id)))
    ]
    edits.extend(_renumber(review, siblings, skip=node_id))
    old_siblings = [s.id for s in review.children(node.parent_id) if s.id != node_id]
    if node.parent_id != new_parent_id:
        edits.extend(_renumber(review, old_siblings))
    return Batch(tuple(edits), "Move why")


def move_why_among_siblings(review: Review, node_id: str, delta: int) -> Edit:
    node = review.whys[node_id]
    order = [s.id for s in review.children(node.parent_id)]
    i = order.index(node_id)
    j = max(0, min(len(order) - 1, i + delta))
    if i == j:
        return Batch((), "Reorder why")
    order.insert(j, order.pop(i))
    return Batch(tuple(_renumber(review, order)), "Reorder why")


def delete_why_subtree(review: Review, node_id: str) -> Batch:
    """Delete a node and its whole branch, unlinking follow-ups that pointed into it."""
    branch = review.subtree(node_id)
    doomed = {n.id for n in branch}
    edits: list[Edit] = []
    for card in review.sorted_followups():
        if doomed.intersection(card.why_ids):
            kept = tuple(w for w in card.why_ids if w not in doomed)
            edits.append(UpdateEntity(card, replace(card, why_ids=kept)))
    edits.extend(RemoveEntity(n) for n in reversed(branch))  # children before parents
    node = review.whys[node_id]
    remaining = [s.id for s in review.children(node.parent_id) if s.id != node_id]
    edits.extend(_renumber(review, remaining))
    what = "why" if len(branch) == 1 else f"branch of {len(branch)} whys"
    return Batch(tuple(edits), f"Delete {what}")


def create_followup_from_why(review: Review, why_id: str, title: str | None = None) -> Batch:
    """A root cause becomes a follow-up card linked to it: one edit, both panels update."""
    node = review.whys[why_id]
    text = " ".join(node.text.split())
    card_title = title or (f"Address: {text[:120]}" if text else "New follow-up")
    card = FollowUp(
        id=new_id(),
        title=card_title,
        why_ids=(why_id,),
        seq=len(review.sorted_followups("todo")),
    )
    return add_cards(review, [card], "Create follow-up from root cause")


# ------------------------------------------------------------------------------ follow-ups


def add_followup(
    review: Review,
    title: str,
    status: str = "todo",
    *,
    owner: str = "",
    why_ids: tuple[str, ...] = (),
    acceptance_criteria: tuple[Criterion, ...] = (),
) -> Batch:
    card = FollowUp(
        id=new_id(),
        title=title,
        status=status,
        owner=owner,
        why_ids=why_ids,
        acceptance_criteria=acceptance_criteria,
        seq=len(review.sorted_followups(status)),
    )
    return add_cards(review, [card], "Add follow-up")


def move_followup(review: Review, card_id: str, status: str, index: int | None = None) -> Batch:
    """Move a card to ``status`` at ``index`` (None = the end); order is kept in the file."""
    if status not in FOLLOWUP_STATUSES:
        raise EditError(f"{status!r} is not a board column")
    card = review.followups[card_id]
    column = [c.id for c in review.sorted_followups(status) if c.id != card_id]
    column.insert(len(column) if index is None else max(0, min(index, len(column))), card_id)
    edits: list[Edit] = []
    for position, cid in enumerate(column):
        current = review.followups[cid]
        target = (
            replace(current, status=status, seq=position)
            if cid == card_id
            else replace(current, seq=position)
        )
        if target != current:
            edits.append(UpdateEntity(current, target))
    if card.status != status:
        old_column = [c.id for c in review.sorted_followups(card.status) if c.id != card_id]
        for position, cid in enumerate(old_column):
            current = review.followups[cid]
            if current.seq != position:
                edits.append(UpdateEntity(current, replace(current, seq=position)))
    label = (
        f"Move follow-up to {FOLLOWUP_STATUS_LABELS[status]}"
        if card.status != status
        else "Reorder follow-up"
    )
    return Batch(tuple(edits), label)


def delete_followups(review: Review, ids: Iterable[str]) -> Batch:
    cards = [review.followups[i] for i in ids]
    return Batch(
        tuple(RemoveEntity(c) for c in cards), f"Delete {counted(len(cards), 'follow-up')}"
    )


# ------------------------------------------------------------------------------ redaction


def mark_redacted(
    review: Review, text: str, target: str = "", target_id: str = "", field: str = ""
) -> AddEntity:
    """Mark ``text`` as redacted where it appears in one field of one item (or everywhere when
    the target is empty). The text stays in the file; exports replace it."""
    span = RedactedSpan(new_id(), text, target, target_id, field, review.next_seq("redactions"))
    return AddEntity(span, "Mark text as redacted")


def unmark_redacted(review: Review, span_id: str) -> RemoveEntity:
    return RemoveEntity(review.redactions[span_id], "Stop redacting text")


def spans_for(review: Review, target: str, target_id: str, field: str) -> list[RedactedSpan]:
    """The marked spans that apply to one field of one item, in the order they were marked."""
    return [
        s
        for s in sorted(review.redactions.values(), key=lambda s: (s.seq, s.id))
        if (not s.target or s.target == target)
        and (not s.target_id or s.target_id == target_id)
        and (not s.field or s.field == field)
    ]


def add_box(review: Review, evidence_id: str, x: int, y: int, w: int, h: int) -> AddEntity:
    """A redaction box over a screenshot, in image pixels, clipped to the image."""
    item = review.evidence.get(evidence_id)
    if item is None:
        raise EditError(f"no evidence item {evidence_id!r}")
    info = review.blobs.get(item.blob or "")
    x0, y0, x1, y1 = min(x, x + w), min(y, y + h), max(x, x + w), max(y, y + h)
    if info is not None and info.width and info.height:
        x0, y0 = max(0, x0), max(0, y0)
        x1, y1 = min(info.width, x1), min(info.height, y1)
    box = RedactionBox(
        new_id(),
        evidence_id,
        int(x0),
        int(y0),
        int(x1 - x0),
        int(y1 - y0),
        review.next_seq("boxes"),
    )
    return AddEntity(box, "Draw redaction box")


def remove_box(review: Review, box_id: str) -> RemoveEntity:
    return RemoveEntity(review.boxes[box_id], "Remove redaction box")
