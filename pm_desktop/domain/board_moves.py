"""Moving several cards at once, as one undoable edit.

``ops.move_followup`` moves one card. A drag of three selected cards, or Ctrl+Up on a filtered
board, needs several moves computed one after the other; each is built on a scratch copy of the
review with the previous ones applied, so the resulting :class:`Batch` applies cleanly to the
real review (every ``UpdateEntity`` sees exactly the value it expects).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from pm_desktop.domain import ops
from pm_desktop.domain.edits import Batch, Edit
from pm_desktop.domain.model import FOLLOWUP_STATUS_LABELS, FOLLOWUP_STATUSES, Review


def chain(review: Review, steps: Sequence[Callable[[Review], Edit]], label: str) -> Batch:
    """Build edits one after the other, each seeing the ones before it; one undo step."""
    scratch = review.copy()
    edits: list[Edit] = []
    for step in steps:
        edit = step(scratch)
        edit.apply(scratch)
        edits.append(edit)
    return Batch(tuple(edits), label)


def board_order(review: Review, ids: Sequence[str]) -> list[str]:
    """``ids`` (existing cards only, no repeats) in the order the board shows them."""
    wanted = set(ids)
    return [c.id for c in review.sorted_followups() if c.id in wanted]


def move_cards(
    review: Review,
    ids: Sequence[str],
    status: str,
    *,
    before: str | None = None,
    after: str | None = None,
) -> Batch:
    """Move ``ids`` into ``status``, together and in board order, placed right before the card
    ``before`` or right after the card ``after`` (neither: at the end of the column).

    ``before``/``after`` must not be among the moved cards; a stale anchor (deleted meanwhile)
    means the end of the column.
    """
    moving = board_order(review, ids)
    if not moving:
        return Batch((), "Move follow-up")
    anchor_before = before if before not in moving else None
    anchor_after = after if after not in moving else None

    def step_for(position: int, card_id: str) -> Callable[[Review], Edit]:
        def build(scratch: Review) -> Edit:
            column = [c.id for c in scratch.sorted_followups(status) if c.id != card_id]
            index: int | None = None
            if position > 0:
                index = column.index(moving[position - 1]) + 1
            elif anchor_before in column:
                index = column.index(anchor_before)
            elif anchor_after in column:
                index = column.index(anchor_after) + 1
            return ops.move_followup(scratch, card_id, status, index)

        return build

    steps = [step_for(i, cid) for i, cid in enumerate(moving)]
    changes_column = any(review.followups[c].status != status for c in moving)
    noun = "follow-up" if len(moving) == 1 else f"{len(moving)} follow-ups"
    if changes_column:
        label = f"Move {noun} to {FOLLOWUP_STATUS_LABELS[status]}"
    else:
        label = f"Reorder {noun}"
    batch = chain(review, steps, label)
    return Batch(tuple(e for e in batch.edits if not (isinstance(e, Batch) and not e.edits)), label)


def neighbour_status(status: str, delta: int) -> str | None:
    """The column ``delta`` steps right (+) or left (-) of ``status``; None past either end."""
    i = FOLLOWUP_STATUSES.index(status) + delta
    return FOLLOWUP_STATUSES[i] if 0 <= i < len(FOLLOWUP_STATUSES) else None
