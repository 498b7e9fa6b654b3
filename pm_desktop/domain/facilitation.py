"""The facilitator's kit: what the meeting keeps besides the analysis itself.

A review meeting walks the timeline, asks the room questions about what people saw and
decided, and keeps ideas for fixes aside until the end so the walk goes on. This module holds
those rules, free of Qt: the question to ask about the moment on screen, the parking lot, turning
points and the closing round. Every change is an ordinary reversible edit.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import timeutil
from .card_numbers import add_cards
from .edits import AddEntity, Batch, Edit, EditError, SetReviewField, set_field, update
from .model import FollowUp, ParkingItem, Review, new_id

# Said when the meeting starts unless the review has its own words for it.
DEFAULT_OPENING = (
    "This review is blameless. We want to understand how the incident happened and how our "
    "systems and habits made it possible, not who is to blame. Ask “how” rather than “who”: "
    "everyone here acted on what they knew at the time."
)
CLOSING_QUESTION = "What did you learn?"
GAP_MINUTES = 15


@dataclass(frozen=True, slots=True)
class Prompt:
    """A question for the room about what is on screen, and why it is asked."""

    question: str
    reason: str


def prompts_for_event(review: Review, event_id: str) -> list[Prompt]:
    """Questions about one timeline moment: its kind, and a long silence before it."""
    event = review.events.get(event_id)
    if event is None:
        return []
    out: list[Prompt] = []
    if event.kind == "observation":
        out.append(Prompt("What cues did you have?", "someone noticed something here"))
    elif event.kind == "action":
        out.append(Prompt("What options did you consider?", "someone acted here"))
    gap = gap_before(review, event_id)
    if gap is not None and gap > GAP_MINUTES * 60:
        minutes = round(gap / 60)
        out.append(Prompt("What was happening here?", f"{minutes} minutes with nothing noted"))
    if event.turning_point and event.open_question.strip():
        out.append(Prompt(event.open_question.strip(), "the open question of this turning point"))
    return out


def gap_before(review: Review, event_id: str) -> float | None:
    """Seconds since the previous timed moment (None for the first or an untimed one)."""
    timed = [e for e in review.sorted_events() if e.time]
    for previous, event in zip(timed, timed[1:], strict=False):
        if event.id == event_id and previous.time and event.time:
            return timeutil.seconds_between(previous.time, event.time)
    return None


# ------------------------------------------------------------------------------ parking lot


def park(review: Review, text: str, event_id: str = "") -> AddEntity:
    """Keep an idea for a fix aside; ``event_id`` is the moment on screen when it came up."""
    words = " ".join(text.split())
    if not words:
        raise EditError("Type the idea to park it.")
    item = ParkingItem(
        id=new_id(),
        text=words,
        event_id=event_id if event_id in review.events else "",
        seq=review.next_seq("parking"),
    )
    return AddEntity(item, "Park an idea")


def parked_to_followups(review: Review) -> Batch:
    """At the end: every parked idea not yet a follow-up becomes a to-do card (one undo step)."""
    edits: list[Edit] = []
    cards: list[FollowUp] = []
    seq = len(review.sorted_followups("todo"))
    for item in review.sorted_parking():
        if item.followup_id in review.followups:
            continue
        card = FollowUp(id=new_id(), title=item.text[:200], seq=seq)
        seq += 1
        cards.append(card)
        edits.append(update(item, followup_id=card.id))
    if not cards:
        raise EditError("Every parked idea is a follow-up already.")
    count = len(cards)
    label = f"Turn {count} parked idea{'s' if count != 1 else ''} into follow-ups"
    added = add_cards(review, cards, label)
    return Batch(added.edits + tuple(edits), label)


# ------------------------------------------------------------------------------ marks


def set_turning_point(review: Review, event_id: str, on: bool, question: str = "") -> Edit:
    """Mark (or unmark) a moment as a turning point, with the question it leaves open."""
    event = review.events.get(event_id)
    if event is None:
        raise EditError("Choose a moment on the timeline first.")
    question = " ".join(question.split()) if on else ""
    label = "Mark a turning point" if on else "Unmark a turning point"
    return update(event, label, turning_point=on, open_question=question)


def toggle_contributing(review: Review, why_id: str) -> Edit:
    node = review.whys.get(why_id)
    if node is None:
        raise EditError("Choose a why first.")
    if node.parent_id is None:
        raise EditError("The problem statement itself cannot be a contributing factor.")
    label = "Unmark contributing factor" if node.contributing else "Mark contributing factor"
    return update(node, label, contributing=not node.contributing)


def add_lesson(review: Review, text: str) -> SetReviewField:
    """The closing round: one answer to “what did you learn?” joins the lessons learned."""
    words = " ".join(text.split())
    if not words:
        raise EditError("Type what was learned.")
    before = review.meta.lessons_learned.rstrip()
    value = f"{before}\n- {words}" if before else f"- {words}"
    return set_field(review, "lessons_learned", value, "Add a lesson")


def opening_statement(review: Review) -> str:
    return review.meta.opening_statement.strip() or DEFAULT_OPENING
