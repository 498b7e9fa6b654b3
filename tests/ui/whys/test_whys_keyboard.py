"""Growing a 5-whys tree with the keyboard alone, the way a facilitator does it on a projector."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication

from pm_desktop.domain import whys

SEED = [
    "Payments failed during peak hours.",
    "The payment gateway kept timing out.",
    "The database was overloaded and slow to answer.",
    "A slow query ran without a suitable index.",
    "The query came with a new report that skipped a performance review.",
]
BRANCHES = [
    "The review checklist has no database-impact step.",
    "A tight deadline pushed the team to skip review steps.",
    "Nobody clearly owns reviewing database changes.",
]


def press(qtbot, view, key, modifier=Qt.KeyboardModifier.NoModifier):
    qtbot.keyClick(view, key, modifier)


def type_text(qtbot, view, text):
    """Type like a keyboard with an input method: one key event per character, carrying the
    character as text (QTest.keyClicks only knows Latin-1)."""
    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(view, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, char))


@pytest.fixture
def canvas(qtbot, empty_panel):
    view = empty_panel.view
    empty_panel.activateWindow()
    qtbot.waitActive(empty_panel)
    view.setFocus()
    return view


def test_seed_tree_built_with_tab_enter_and_r_only(qtbot, canvas, empty_panel, empty_controller):
    view = canvas
    press(qtbot, view, Qt.Key.Key_Return)  # empty canvas: a new problem statement
    type_text(qtbot, view, SEED[0])
    press(qtbot, view, Qt.Key.Key_Return)
    for text in SEED[1:4]:  # four whys, each under the previous one
        press(qtbot, view, Qt.Key.Key_Tab)
        type_text(qtbot, view, text)
        press(qtbot, view, Qt.Key.Key_Return)
    press(qtbot, view, Qt.Key.Key_Tab)  # the fifth why splits into three branches
    type_text(qtbot, view, BRANCHES[0])
    press(qtbot, view, Qt.Key.Key_Return)
    press(qtbot, view, Qt.Key.Key_R)
    for text in BRANCHES[1:]:
        press(qtbot, view, Qt.Key.Key_Return)  # Enter: a sibling branch, edited at once
        type_text(qtbot, view, text)
        press(qtbot, view, Qt.Key.Key_Return)
        press(qtbot, view, Qt.Key.Key_R)

    review = empty_controller.review
    (root,) = review.why_roots()
    assert root.text == SEED[0]
    chain = [root]
    while len(review.children(chain[-1].id)) == 1:
        chain.append(review.children(chain[-1].id)[0])
    assert [n.text for n in chain] == SEED[:4]
    leaves = review.children(chain[-1].id)
    assert [n.text for n in leaves] == BRANCHES
    assert all(n.root_cause for n in leaves) and not any(n.root_cause for n in chain)
    labels = whys.branch_labels(review).label
    assert [labels[n.id] for n in leaves] == ["A", "B", "C"]
    assert [r.step for r in whys.outline_rows(review)][-1] == "Why 4"
    assert empty_panel.scene.node_ids() == set(review.whys)

    # every step is undoable, back to the empty review
    while empty_controller.undo_stack.canUndo():
        empty_controller.undo_stack.undo()
    assert review.whys == {}
    assert empty_panel.scene.node_ids() == set()


def test_shift_enter_makes_a_new_line_and_escape_cancels(qtbot, canvas, empty_controller):
    view = canvas
    press(qtbot, view, Qt.Key.Key_Return)
    type_text(qtbot, view, "first line")
    press(qtbot, view, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    type_text(qtbot, view, "second line")
    press(qtbot, view, Qt.Key.Key_Return)
    (node,) = empty_controller.review.whys.values()
    assert node.text == "first line\nsecond line"
    press(qtbot, view, Qt.Key.Key_F2)
    type_text(qtbot, view, "thrown away")
    press(qtbot, view, Qt.Key.Key_Escape)
    assert empty_controller.review.whys[node.id].text == "first line\nsecond line"


@pytest.mark.parametrize(
    "text", ["<img src=/etc/passwd>", "x<y && y>z", "Привет, база данных", "数据库超时", "😀 fire"]
)
def test_hostile_and_foreign_text_is_stored_as_typed(qtbot, canvas, empty_controller, text):
    press(qtbot, canvas, Qt.Key.Key_Return)
    type_text(qtbot, canvas, text)
    press(qtbot, canvas, Qt.Key.Key_Return)
    (node,) = empty_controller.review.whys.values()
    assert node.text == text


def test_arrows_follow_the_drawing_and_ctrl_arrows_reorder(qtbot, panel, controller):
    view = panel.view
    review = controller.review
    panel.activateWindow()
    qtbot.waitActive(panel)
    view.setFocus()
    rows = whys.outline_rows(review)
    problem, why4 = rows[0].id, rows[4].id
    a, b, c = (r.id for r in rows[5:])
    panel.editor.select(problem)
    for _ in range(4):
        press(qtbot, view, Qt.Key.Key_Down)
    assert panel.editor.current_id == why4
    press(qtbot, view, Qt.Key.Key_Down)
    assert panel.editor.current_id == b  # the child nearest the middle
    press(qtbot, view, Qt.Key.Key_Left)
    assert panel.editor.current_id == a
    press(qtbot, view, Qt.Key.Key_Up)
    assert panel.editor.current_id == why4
    panel.editor.select(a)
    press(qtbot, view, Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier)
    assert [n.id for n in review.children(why4)] == [b, a, c]
    controller.undo_stack.undo()
    assert [n.id for n in review.children(why4)] == [a, b, c]


def test_space_folds_without_touching_the_document(qtbot, panel, controller):
    view = panel.view
    view.setFocus()
    why2 = whys.outline_rows(controller.review)[2].id
    panel.editor.select(why2)
    before = controller.undo_stack.count()
    press(qtbot, view, Qt.Key.Key_Space)
    assert len(panel.scene.node_ids()) == 3
    assert panel.scene.node_item(why2).data_.hidden == 5
    press(qtbot, view, Qt.Key.Key_Space)
    assert panel.scene.node_ids() == set(controller.review.whys)
    assert controller.undo_stack.count() == before


def test_delete_removes_a_branch_and_undo_brings_it_back(qtbot, panel, controller):
    review = controller.review
    before_whys, before_cards = dict(review.whys), dict(review.followups)
    why3 = whys.outline_rows(review)[3].id
    panel.editor.select(why3)
    panel.view.setFocus()
    press(qtbot, panel.view, Qt.Key.Key_Delete)
    assert len(review.whys) == 3
    assert all(why3 not in c.why_ids for c in review.followups.values())
    assert panel.editor.current_id == whys.outline_rows(review)[2].id  # the parent
    controller.undo_stack.undo()
    assert review.whys == before_whys and review.followups == before_cards
    assert panel.scene.node_ids() == set(review.whys)


def test_keys_typed_while_editing_do_not_reach_window_shortcuts(qtbot, canvas, empty_controller):
    press(qtbot, canvas, Qt.Key.Key_Return)
    override = QKeyEvent(
        QEvent.Type.ShortcutOverride, Qt.Key.Key_Delete, Qt.KeyboardModifier.NoModifier
    )
    assert canvas.keys.wants(override)
    press(qtbot, canvas, Qt.Key.Key_Escape)
    override_z = QKeyEvent(
        QEvent.Type.ShortcutOverride, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier
    )
    assert not canvas.keys.wants(override_z)  # not editing: Ctrl+Z is the window's undo


def test_tab_while_typing_commits_and_asks_the_next_why(qtbot, canvas, empty_controller):
    press(qtbot, canvas, Qt.Key.Key_Return)
    type_text(qtbot, canvas, "Checkout was slow")
    press(qtbot, canvas, Qt.Key.Key_Tab)  # no Enter first: mind-map style
    type_text(qtbot, canvas, "The cache was cold")
    press(qtbot, canvas, Qt.Key.Key_Return)
    review = empty_controller.review
    (root,) = review.why_roots()
    assert root.text == "Checkout was slow"
    assert [c.text for c in review.children(root.id)] == ["The cache was cold"]


def test_an_answer_left_empty_stays_an_unknown_placeholder(qtbot, canvas, empty_panel):
    press(qtbot, canvas, Qt.Key.Key_Return)
    type_text(qtbot, canvas, "Search was down")
    press(qtbot, canvas, Qt.Key.Key_Return)
    press(qtbot, canvas, Qt.Key.Key_Tab)
    press(qtbot, canvas, Qt.Key.Key_Escape)  # nobody knows yet
    child = empty_panel.editor.node()
    assert child is not None and child.is_unknown
    assert empty_panel.scene.node_item(child.id).data_.state == "unknown"


def test_ctrl_zero_fits_and_ctrl_plus_minus_zoom(qtbot, panel):
    view = panel.view
    view.setFocus()
    view.set_zoom(3.0)
    press(qtbot, view, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    fitted = view.zoom
    assert fitted <= 1.25
    rect = view.mapToScene(view.viewport().rect()).boundingRect()
    assert rect.contains(panel.scene.content_rect().adjusted(30, 30, -30, -30))
    press(qtbot, view, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert view.zoom > fitted
    press(qtbot, view, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert abs(view.zoom - fitted) < 1e-6
