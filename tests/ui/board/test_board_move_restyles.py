"""A card move renumbers its columns; the board moves the rows and repaints only the moved
card, not every card of both columns."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex

from pm_desktop.domain import ops
from pm_desktop.domain.edits import update
from pm_desktop.ui.board.model import BoardModel, Roles


def _repainted(model) -> list[str]:
    seen: list[str] = []

    def note(top: QModelIndex, bottom: QModelIndex, _roles=()) -> None:
        if top.parent().isValid():  # a card, not a column header
            for row in range(top.row(), bottom.row() + 1):
                seen.append(model.index(row, 0, top.parent()).data(Roles.CardId))

    model.dataChanged.connect(note)
    return seen


def _draw_every_card(model) -> None:
    for status in ("todo", "doing", "done", "dropped"):
        for card_id in model.column_ids(status):
            model.card_view(model.review.followups[card_id])


def test_reordering_a_column_repaints_no_renumbered_card(controller, frozen_clock):
    model = BoardModel(controller, frozen_clock)
    _draw_every_card(model)
    seen = _repainted(model)
    todo = model.column_ids("todo")
    assert len(todo) >= 3
    controller.push(ops.move_followup(controller.review, todo[-1], "todo", 0))
    assert model.column_ids("todo") == [todo[-1], *todo[:-1]]
    # The renumbered cards only changed place: none repaints (the moved card may, as its
    # column was set again to an equal text).
    assert set(seen) <= {todo[-1]}


def test_a_card_moved_to_another_column_is_repainted_alone(controller, frozen_clock):
    model = BoardModel(controller, frozen_clock)
    _draw_every_card(model)
    seen = _repainted(model)
    todo = model.column_ids("todo")
    controller.push(ops.move_followup(controller.review, todo[0], "done", 0))
    assert seen == [todo[0]]
    assert model.column_ids("done")[0] == todo[0]
    assert model.card_view(controller.review.followups[todo[0]]).status == "done"


def test_an_edited_card_is_repainted_with_its_new_look(controller, frozen_clock):
    model = BoardModel(controller, frozen_clock)
    _draw_every_card(model)
    seen = _repainted(model)
    card = controller.review.followups[model.column_ids("doing")[0]]
    controller.push(update(card, title="Page the owning team"))
    assert seen == [card.id]
    assert model.card_view(controller.review.followups[card.id]).title == "Page the owning team"
