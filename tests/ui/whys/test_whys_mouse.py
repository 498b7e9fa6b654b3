"""Mouse work on the canvas: drag a why onto another to move its branch, pan, fold, edit."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication

from pm_desktop.domain import whys

LEFT = Qt.MouseButton.LeftButton


def centre(panel, node_id: str) -> QPoint:
    return panel.view.mapFromScene(panel.scene.box(node_id).center())


def drag(qtbot, panel, source: str, target: str) -> None:
    viewport = panel.view.viewport()
    start, end = centre(panel, source), centre(panel, target)
    qtbot.mousePress(viewport, LEFT, pos=start)
    qtbot.mouseMove(viewport, pos=start + QPoint(12, 12))
    qtbot.mouseMove(viewport, pos=(start + end) / 2)
    qtbot.mouseMove(viewport, pos=end)
    qtbot.mouseRelease(viewport, LEFT, pos=end)


def ids(review):
    rows = whys.outline_rows(review)
    return {"problem": rows[0].id, **{f"why{i}": rows[i].id for i in range(1, 5)},
            "a": rows[5].id, "b": rows[6].id, "c": rows[7].id}  # fmt: skip


def test_dragging_a_root_cause_onto_another_why_reparents_it(qtbot, panel, controller):
    review = controller.review
    n = ids(review)
    panel.view.fit()
    drag(qtbot, panel, n["c"], n["why2"])
    assert review.whys[n["c"]].parent_id == n["why2"]
    assert (n["why2"], n["c"]) in panel.scene.edge_pairs()
    assert panel.editor.current_id == n["c"]
    assert controller.undo_stack.undoText() == "Move why"
    controller.undo_stack.undo()
    assert review.whys[n["c"]].parent_id == n["why4"]
    assert [w.id for w in review.children(n["why4"])] == [n["a"], n["b"], n["c"]]
    assert (n["why4"], n["c"]) in panel.scene.edge_pairs()
    controller.undo_stack.redo()
    assert review.whys[n["c"]].parent_id == n["why2"]


def test_dragging_a_why_into_its_own_branch_is_refused(qtbot, panel, controller):
    review = controller.review
    n = ids(review)
    panel.view.fit()
    before = dict(review.whys)
    steps = controller.undo_stack.count()
    with qtbot.wait_signal(controller.error) as blocker:
        drag(qtbot, panel, n["why1"], n["why3"])
    assert "own branch" in blocker.args[0]
    assert review.whys == before
    assert controller.undo_stack.count() == steps
    assert panel.scene.edge_pairs() == {(w.parent_id, w.id) for w in before.values() if w.parent_id}


def test_a_short_jiggle_is_a_click_not_a_move(qtbot, panel, controller):
    n = ids(controller.review)
    panel.view.fit()
    viewport = panel.view.viewport()
    start = centre(panel, n["b"])
    steps = controller.undo_stack.count()
    qtbot.mousePress(viewport, LEFT, pos=start)
    qtbot.mouseMove(viewport, pos=start + QPoint(1, 1))
    qtbot.mouseRelease(viewport, LEFT, pos=start + QPoint(1, 1))
    assert panel.editor.current_id == n["b"]
    assert controller.undo_stack.count() == steps


def test_dragging_the_background_pans(qtbot, panel):
    view = panel.view
    view.set_zoom(1.0)
    viewport = view.viewport()
    empty = next(
        QPoint(x, y)
        for x in range(5, viewport.width(), 40)
        for y in range(40, viewport.height() - 40, 40)
        if panel.scene.node_at(view.mapToScene(QPoint(x, y))) is None
        and panel.scene.knob_at(view.mapToScene(QPoint(x, y))) is None
    )
    before = (view.horizontalScrollBar().value(), view.verticalScrollBar().value())
    qtbot.mousePress(viewport, LEFT, pos=empty)
    qtbot.mouseMove(viewport, pos=empty + QPoint(40, -30))
    qtbot.mouseRelease(viewport, LEFT, pos=empty + QPoint(40, -30))
    after = (view.horizontalScrollBar().value(), view.verticalScrollBar().value())
    assert after == (before[0] - 40, before[1] + 30)


def test_double_click_edits_in_place(qtbot, panel, controller):
    n = ids(controller.review)
    panel.view.fit()
    qtbot.mouseDClick(panel.view.viewport(), LEFT, pos=centre(panel, n["why1"]))
    assert panel.editor.editing and panel.editor.inline.node_id == n["why1"]
    panel.editor.inline.setPlainText("The gateway gave up after 5 s.")
    qtbot.keyClick(panel.view, Qt.Key.Key_Return)
    assert controller.review.whys[n["why1"]].text == "The gateway gave up after 5 s."


def test_clicking_the_fold_knob_folds_the_branch(qtbot, panel, controller):
    n = ids(controller.review)
    panel.view.fit()
    panel.editor.select(n["why3"])
    knob = panel.scene.node_item(n["why3"]).knob_rect()
    at = panel.view.mapFromScene(panel.scene.node_item(n["why3"]).mapToScene(knob.center()))
    qtbot.mouseClick(panel.view.viewport(), LEFT, pos=at)
    assert n["why4"] not in panel.scene.node_ids()
    assert panel.scene.node_item(n["why3"]).data_.collapsed


def test_ctrl_wheel_zooms_around_the_pointer(qtbot, panel):
    view = panel.view
    view.set_zoom(1.0)
    at = QPointF(view.viewport().rect().center())
    event = QWheelEvent(
        at, QPointF(view.viewport().mapToGlobal(at.toPoint())), QPoint(0, 0), QPoint(0, 120),
        Qt.MouseButton.NoButton, Qt.KeyboardModifier.ControlModifier,
        Qt.ScrollPhase.NoScrollPhase, False,
    )  # fmt: skip
    QApplication.sendEvent(view.viewport(), event)
    assert view.zoom > 1.1
