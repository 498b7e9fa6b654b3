"""Moving cards without a mouse: Ctrl+arrows on the focused column, one undo step per move."""

from __future__ import annotations

from board_helpers import card_id, column_titles
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

CTRL = Qt.KeyboardModifier.ControlModifier


def focus_card(board, title):
    cid = card_id(board.controller.review, title)
    board.select_cards([cid])
    view = board.view(board.controller.review.followups[cid].status)
    assert board.current_id() == cid
    return cid, view


def test_ctrl_right_and_left_move_a_card_between_columns(board):
    cid, view = focus_card(board, "Name an owning team")
    QTest.keyClick(view, Qt.Key.Key_Right, CTRL)
    review = board.controller.review
    assert review.followups[cid].status == "doing"
    assert column_titles(review, "doing")[-1].startswith("Name an owning team")
    assert board.selected_ids() == [cid]  # still selected, now in its new column
    QTest.keyClick(board.view("doing"), Qt.Key.Key_Right, CTRL)
    assert board.controller.review.followups[cid].status == "done"
    QTest.keyClick(board.view("done"), Qt.Key.Key_Left, CTRL)
    assert board.controller.review.followups[cid].status == "doing"
    assert board.controller.undo_stack.count() == 3
    for _ in range(3):
        board.controller.undo_stack.undo()
    assert board.controller.review.followups[cid].status == "todo"
    assert column_titles(board.controller.review, "todo")[1].startswith("Name an owning")


def test_ctrl_up_and_down_reorder_within_a_column(board):
    cid, view = focus_card(board, "Write down how")
    QTest.keyClick(view, Qt.Key.Key_Up, CTRL)
    assert column_titles(board.controller.review, "todo")[1].startswith("Write down how")
    QTest.keyClick(view, Qt.Key.Key_Up, CTRL)
    assert column_titles(board.controller.review, "todo")[0].startswith("Write down how")
    QTest.keyClick(view, Qt.Key.Key_Down, CTRL)
    assert column_titles(board.controller.review, "todo")[1].startswith("Write down how")
    assert [c.seq for c in board.controller.review.sorted_followups("todo")] == [0, 1, 2]
    assert board.controller.undo_stack.undoText() == "Reorder follow-up"


def test_moves_past_either_end_do_nothing(board):
    cid, view = focus_card(board, "Fail CI")
    assert not board.move_selection(-1, 0)  # no column left of To do
    assert not board.move_selection(0, -1)  # already first
    cid, view = focus_card(board, "Evaluate a caching")
    QTest.keyClick(view, Qt.Key.Key_Right, CTRL)
    QTest.keyClick(view, Qt.Key.Key_Down, CTRL)
    assert board.controller.review.followups[cid].status == "dropped"
    assert board.controller.undo_stack.count() == 0


def test_reordering_respects_the_filter_by_jumping_over_hidden_cards(board):
    review = board.controller.review
    board.set_owner_filter("Mei Lin")  # To do shows only "Fail CI"; In progress only "Alert…"
    cid, view = focus_card(board, "Alert on sustained")
    assert board.model.column_ids("doing") == [cid]
    assert not board.move_selection(0, -1)  # first of the shown cards
    QTest.keyClick(view, Qt.Key.Key_Left, CTRL)
    assert review.followups[cid].status == "todo"
    assert board.model.column_ids("todo")[-1] == cid


def test_arrow_keys_without_ctrl_walk_between_columns(board):
    cid, view = focus_card(board, "Fail CI")
    QTest.keyClick(view, Qt.Key.Key_Right)
    assert board.current_id() == card_id(board.controller.review, "Add a database-impact")
    QTest.keyClick(board.view("doing"), Qt.Key.Key_Down)
    assert board.current_id() == card_id(board.controller.review, "Alert on sustained")
    assert board.controller.undo_stack.count() == 0


def test_enter_opens_the_editor_for_the_current_card(board, qtbot):
    cid, view = focus_card(board, "Fail CI")
    QTest.keyClick(view, Qt.Key.Key_Return)
    assert board.editor is not None and board.editor.card_id == cid
    assert board.editor.title_edit.text().startswith("Fail CI")
    board.editor.reject()
    assert board.editor is None


def test_tabbing_into_a_column_selects_its_first_card(board, qtbot):
    from PySide6.QtGui import QFocusEvent
    from PySide6.QtWidgets import QApplication

    focus_card(board, "Fail CI")
    view = board.view("done")
    QApplication.sendEvent(
        view, QFocusEvent(QFocusEvent.Type.FocusIn, Qt.FocusReason.TabFocusReason)
    )
    assert board.selected_ids() == [card_id(board.controller.review, "Add the missing index")]
