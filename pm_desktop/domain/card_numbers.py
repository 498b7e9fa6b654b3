"""Follow-up numbers: each card gets one when it is added, and a number is never given twice.

With the review's own id, the number makes the key a tracker knows the card by
(``PM-<review short id>-<number>``, see :mod:`pm_desktop.export.trackers`). The review keeps the
highest number it has given in ``meta.last_followup_number``, so deleting the newest card and
adding another does not hand the deleted card's key (and its ticket) to a different card.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from dataclasses import replace

from .edits import AddEntity, Batch, Edit, SetReviewField
from .model import FollowUp, Review


def highest_number(review: Review) -> int:
    """The highest number this review has given (cards deleted since included)."""
    recorded = review.meta.last_followup_number
    given = int(recorded) if recorded.isdigit() else 0
    return max([given, *(card.number for card in review.followups.values())])


def numbered(review: Review, cards: Iterable[FollowUp]) -> tuple[list[FollowUp], Edit | None]:
    """``cards`` with the next free numbers (cards that have one keep it, unless another card
    of the review holds it already), and the edit that records the new highest number."""
    taken = {card.number for card in review.followups.values() if card.number}
    top = highest_number(review)
    out = []
    for card in cards:
        if card.number and card.number not in taken:
            taken.add(card.number)
            top = max(top, card.number)
            out.append(card)
            continue
        top += 1
        taken.add(top)
        out.append(replace(card, number=top))
    recorded = str(top) if top else ""
    if recorded == review.meta.last_followup_number:
        return out, None
    return out, SetReviewField("last_followup_number", review.meta.last_followup_number, recorded)


def add_cards(review: Review, cards: Sequence[FollowUp], label: str) -> Batch:
    """Add ``cards`` numbered, with the counter, as one undo step."""
    ready, counter = numbered(review, cards)
    edits: list[Edit] = [AddEntity(card, label) for card in ready]
    if counter is not None:
        edits.append(counter)
    return Batch(tuple(edits), label)


def give_identity(review: Review) -> None:
    """A review about to be written as a new file: an id if it has none, and a number for every
    card without one or with a number another card holds (in board order), with the counter.
    Changes ``review`` in place."""
    if not review.meta.review_id:
        review.meta = replace(review.meta, review_id=str(uuid.uuid4()))
    seen: set[int] = set()
    top = highest_number(review)
    order = sorted(review.followups.values(), key=lambda c: (c.number == 0, c.number, c.seq, c.id))
    for card in order:
        if card.number and card.number not in seen:
            seen.add(card.number)
            continue
        top += 1
        seen.add(top)
        review.followups[card.id] = replace(card, number=top)
    if top:
        review.meta = replace(review.meta, last_followup_number=str(top))
