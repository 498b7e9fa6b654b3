"""Dragging cards with the mouse: synthetic drag-enter/move/drop events on a column's viewport."""

from __future__ import annotations

from board_helpers import card_id, column_titles
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QApplication


def drag_to(view, mime: QMimeData, pos: QPoint) -> QDropEvent:
    """Enter, move over and drop on ``view`` at ``pos`` (viewport coordinates)."""
    action = Qt.DropAction.MoveAction
    buttons, mods = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    # Qt 6: drag-enter/move events take an integer QPoint, the drop event a QPointF.
    enter = QDragEnterEvent(QPoint(pos), action, mime, buttons, mods)
    QApplication.sendEvent(view.viewport(), enter)
    assert enter.isAccepted()
    move = QDragMoveEvent(QPoint(pos), action, mime, buttons, mods)
    QApplication.sendEvent(view.viewport(), move)
    assert move.isAccepted()
    drop = QDropEvent(QPointF(pos), action, mime, buttons, mods)
    QApplication.sendEvent(view.viewport(), drop)
    return drop


def rect_of(board, cid):
    status = board.controller.review.followups[cid].status
    return board.view(status).visualRect(board.model.card_index(cid))


def test_dropping_on_the_upper_half_of_a_card_puts_the_dragged_card_in_front(board):
    review = board.controller.review
    moving = card_id(review, "Name an owning team")
    target = card_id(review, "Alert on sustained")
    mime = board.model.mimeData([board.model.card_index(moving)])
    upper = rect_of(board, target)
    pos = QPoint(upper.center().x(), upper.top() + upper.height() // 4)
    drop = drag_to(board.view("doing"), mime, pos)
    assert drop.isAccepted()
    assert column_titles(board.controller.review, "doing") == [
        "Add a database-impact section to the pull-request template",
        "Name an owning team for the payments database",
        "Alert on sustained payment latency sooner",
    ]
    assert board.controller.undo_stack.count() == 1
    board.controller.undo_stack.undo()
    assert board.controller.review.followups[moving].status == "todo"


def test_dropping_below_the_last_card_appends_to_the_column(board):
    review = board.controller.review
    moving = card_id(review, "Fail CI")
    mime = board.model.mimeData([board.model.card_index(moving)])
    view = board.view("dropped")
    below = QPoint(view.viewport().width() // 2, view.viewport().height() - 20)
    assert drag_to(view, mime, below).isAccepted()
    assert column_titles(board.controller.review, "dropped")[-1].startswith("Fail CI")
    assert board.controller.undo_stack.undoText() == "Move follow-up to Won't do"


def test_dragging_within_a_column_reorders_and_the_order_is_kept_in_the_file(board):
    review = board.controller.review
    moving = card_id(review, "Write down how")
    first = card_id(review, "Fail CI")
    mime = board.model.mimeData([board.model.card_index(moving)])
    top = rect_of(board, first)
    drag_to(board.view("todo"), mime, QPoint(top.center().x(), top.top() + 3))
    reopened = board.controller.document.snapshot()
    assert column_titles(reopened, "todo")[0].startswith("Write down how")
    assert [c.seq for c in reopened.sorted_followups("todo")] == [0, 1, 2]


def test_text_dragged_in_from_another_app_becomes_cards(board):
    mime = QMimeData()
    mime.setText("Check replica lag alerts\nDocument the failover drill")
    view = board.view("todo")
    drop = drag_to(view, mime, QPoint(20, view.viewport().height() - 10))
    assert drop.isAccepted()
    assert column_titles(board.controller.review, "todo")[-2:] == [
        "Check replica lag alerts",
        "Document the failover drill",
    ]


def test_a_read_only_board_refuses_drops(board, controller):
    review = controller.review
    mime = board.model.mimeData([board.model.card_index(card_id(review, "Fail CI"))])
    controller.document.read_only = True
    try:
        enter = QDragEnterEvent(
            QPoint(10, 10),
            Qt.DropAction.MoveAction,
            mime,
            Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.NoModifier,
        )
        QApplication.sendEvent(board.view("done").viewport(), enter)
        assert not enter.isAccepted()
    finally:
        controller.document.read_only = False
    assert controller.undo_stack.count() == 0
