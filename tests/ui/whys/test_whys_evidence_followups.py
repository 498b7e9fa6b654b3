"""Evidence lands on a why by drag-and-drop or from the detail pane; root causes become
follow-ups in one undoable step."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QMimeData, QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QApplication

from pm_desktop.domain import ops, whys
from pm_desktop.ui.whys import EVIDENCE_MIME
from pm_desktop.ui.whys.mime import evidence_mime

COPY = Qt.DropAction.CopyAction
LEFT = Qt.MouseButton.LeftButton
NONE = Qt.KeyboardModifier.NoModifier


def drag_event(kind, at: QPointF, mime: QMimeData):
    """A synthetic drag event at ``at``: PySide 6.12 takes a QPointF (and deprecates QPoint),
    6.11 only a QPoint for enter/move."""
    try:
        return kind(at, COPY, mime, LEFT, NONE)
    except TypeError:
        return kind(at.toPoint(), COPY, mime, LEFT, NONE)


def drop_on(panel, node_id: str, mime: QMimeData) -> QDropEvent:
    panel.view.fit()
    viewport = panel.view.viewport()
    at = QPointF(panel.view.mapFromScene(panel.scene.box(node_id).center()))
    QApplication.sendEvent(viewport, drag_event(QDragEnterEvent, at, mime))
    QApplication.sendEvent(viewport, drag_event(QDragMoveEvent, at, mime))
    drop = QDropEvent(at, COPY, mime, LEFT, NONE)
    QApplication.sendEvent(viewport, drop)
    return drop


def test_dropping_an_evidence_card_on_a_why_links_it(qtbot, panel, controller):
    assert EVIDENCE_MIME == "application/x-pm-evidence-ids"  # the evidence panel drags this
    review = controller.review
    why4 = whys.outline_rows(review)[4].id
    log = next(e for e in review.sorted_evidence() if e.kind == "text")
    drop = drop_on(panel, why4, evidence_mime([log.id]))
    assert drop.isAccepted()
    assert review.whys[why4].evidence_ids == (log.id,)
    assert panel.scene.node_item(why4).data_.row.evidence == 1
    assert panel.editor.current_id == why4
    controller.undo_stack.undo()
    assert review.whys[why4].evidence_ids == ()


def test_dropping_on_empty_canvas_links_nothing(qtbot, panel, controller):
    review = controller.review
    before = {w.id: w.evidence_ids for w in review.whys.values()}
    viewport = panel.view.viewport()
    mime = evidence_mime([review.sorted_evidence()[0].id])
    at = QPointF(3, 3)
    QApplication.sendEvent(viewport, drag_event(QDragEnterEvent, at, mime))
    QApplication.sendEvent(viewport, QDropEvent(at, COPY, mime, LEFT, NONE))
    assert {w.id: w.evidence_ids for w in review.whys.values()} == before


def test_garbage_evidence_data_gets_a_message_and_changes_nothing(qtbot, panel, controller):
    review = controller.review
    why1 = whys.outline_rows(review)[1].id
    before = review.whys[why1]
    for payload in (b"\xff\xfe not json", b'{"ids": 1}', b'["no-such-evidence"]'):
        mime = QMimeData()
        mime.setData(EVIDENCE_MIME, QByteArray(payload))
        with qtbot.wait_signal(controller.error) as blocker:
            drop_on(panel, why1, mime)
        assert blocker.args[0].endswith(".")
        assert review.whys[why1] == before


def test_detail_pane_links_and_unlinks_evidence(qtbot, panel, controller):
    review = controller.review
    why4 = whys.outline_rows(review)[4].id
    panel.editor.select(why4)
    detail = panel.detail
    detail._fill_link_menu()
    actions = [a for a in detail.link_menu.actions() if a.isEnabled()]
    assert len(actions) == len(review.evidence)
    actions[0].trigger()
    assert len(review.whys[why4].evidence_ids) == 1
    assert detail.evidence.text() in actions[0].text().replace("&&", "&")
    detail._fill_unlink_menu()
    (unlink,) = detail.unlink_menu.actions()
    unlink.trigger()
    assert review.whys[why4].evidence_ids == ()
    assert detail.evidence.text().startswith("No evidence linked yet")


def test_create_followup_from_a_root_cause_is_one_undoable_edit(qtbot, panel, controller):
    review = controller.review
    c = review.root_causes()[2]
    controller.push(ops.delete_followups(review, [f.id for f in review.followups_for_why(c.id)]))
    assert panel.scene.node_item(c.id).data_.row.needs_followup
    assert not panel.detail.needs.isVisible()  # nothing selected yet
    panel.editor.select(c.id)
    assert panel.detail.needs.isVisible()
    steps = controller.undo_stack.count()
    panel.view.setFocus()
    qtbot.keyClick(panel.view, Qt.Key.Key_F)
    (card,) = review.followups_for_why(c.id)
    assert card.title.startswith("Address: No team owns") and card.status == "todo"
    assert controller.undo_stack.count() == steps + 1
    item = panel.scene.node_item(c.id).data_.row
    assert item.followups == 1 and not item.needs_followup
    assert not panel.detail.needs.isVisible()
    assert panel.detail.followups.text().startswith("○ Address: No team owns")
    controller.undo_stack.undo()
    assert review.followups_for_why(c.id) == []
    assert panel.scene.node_item(c.id).data_.row.needs_followup


def test_detail_pane_toggles_and_text_edit_are_undoable(qtbot, panel, controller):
    review = controller.review
    why2 = whys.outline_rows(review)[2].id
    panel.editor.select(why2)
    detail = panel.detail
    detail.root_cause.setChecked(True)
    assert review.whys[why2].root_cause
    detail.confirmed.setChecked(False)
    assert review.whys[why2].status == "possible"
    detail.category.setCurrentIndex(detail.category.findData("monitoring"))
    detail.category.activated.emit(detail.category.currentIndex())
    assert review.whys[why2].category == "monitoring"
    detail.text.setPlainText("orders-db slow ")
    assert review.whys[why2].text == "orders-db slow "
    for _ in range(4):
        controller.undo_stack.undo()
    assert review.whys[why2].root_cause is False and review.whys[why2].status == "confirmed"
