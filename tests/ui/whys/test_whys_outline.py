"""The worksheet view: a well-behaved tree model that edits the same review as the canvas."""

from __future__ import annotations

from PySide6.QtCore import Qt

from pm_desktop.domain import ops, whys
from pm_desktop.ui.whys.outline import ANSWER, CONFIRMED, FOLLOWUPS, ROOT, STEP


def test_outline_model_passes_the_model_tester(qtmodeltester, panel, controller):
    qtmodeltester.check(panel.outline_model)
    controller.push(ops.add_why(controller.review, None, "A second problem"))
    qtmodeltester.check(panel.outline_model)


def test_outline_rows_read_like_the_worksheet(panel, controller):
    model = panel.outline_model
    rows = whys.outline_rows(controller.review)
    headings = [model.index_for(r.id, STEP).data() for r in rows]
    assert headings == ["Problem", "Why 1", "Why 2", "Why 3", "Why 4"] + [
        "Why 5 · A", "Why 5 · B", "Why 5 · C",
    ]  # fmt: skip
    assert model.index_for(rows[5].id, ROOT).data(Qt.ItemDataRole.CheckStateRole) == (
        Qt.CheckState.Checked
    )


def test_editing_text_in_the_outline_updates_the_canvas(panel, controller):
    model = panel.outline_model
    why2 = whys.outline_rows(controller.review)[2].id
    assert model.setData(model.index_for(why2, ANSWER), "orders-db answered in 4 s at peak")
    assert controller.review.whys[why2].text == "orders-db answered in 4 s at peak"
    assert panel.scene.node_item(why2).data_.row.text == "orders-db answered in 4 s at peak"
    controller.undo_stack.undo()
    assert panel.scene.node_item(why2).data_.row.text == controller.review.whys[why2].text


def test_typing_in_the_worksheet_editor_commits_on_enter(qtbot, panel, controller):
    panel.show_mode("outline")
    why1 = whys.outline_rows(controller.review)[1].id
    index = panel.outline_model.index_for(why1, ANSWER)
    panel.outline.setCurrentIndex(index)
    panel.outline.edit(index)
    editor = panel.outline.indexWidget(index) or panel.outline.focusWidget()
    editor.setPlainText("Timeouts at the gateway\nafter 5 seconds")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert controller.review.whys[why1].text == "Timeouts at the gateway\nafter 5 seconds"
    assert panel.scene.node_item(why1).data_.row.text.endswith("after 5 seconds")


def test_ticking_root_cause_and_confirmed_in_the_outline(panel, controller):
    model = panel.outline_model
    why3 = whys.outline_rows(controller.review)[3].id
    assert model.setData(
        model.index_for(why3, ROOT), Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole
    )
    assert controller.review.whys[why3].root_cause
    assert model.index_for(why3, FOLLOWUPS).data() in ("2", "⚠ needs a follow-up")
    assert model.setData(
        model.index_for(why3, CONFIRMED), Qt.CheckState.Unchecked.value,
        Qt.ItemDataRole.CheckStateRole,
    )  # fmt: skip
    assert controller.review.whys[why3].status == "possible"
    assert panel.scene.node_item(why3).data_.state == "root_cause"


def test_a_root_cause_without_follow_up_is_flagged_in_the_outline(panel, controller):
    review = controller.review
    node = review.root_causes()[2]
    cards = [c.id for c in review.followups_for_why(node.id)]
    controller.push(ops.delete_followups(review, cards))
    assert panel.outline_model.index_for(node.id, FOLLOWUPS).data() == "⚠ needs a follow-up"
    assert panel.scene.node_item(node.id).data_.row.needs_followup


def test_selection_follows_between_worksheet_and_canvas(panel, controller):
    why4 = whys.outline_rows(controller.review)[4].id
    panel.show_mode("outline")
    panel.outline.setCurrentIndex(panel.outline_model.index_for(why4))
    assert panel.editor.current_id == why4
    why1 = whys.outline_rows(controller.review)[1].id
    panel.editor.select(why1)
    assert panel.outline_model.node_id(panel.outline.currentIndex()) == why1


def test_folded_rows_stay_folded_after_the_tree_changes_shape(panel, controller):
    review = controller.review
    why2 = whys.outline_rows(review)[2].id
    panel.outline.collapse(panel.outline_model.index_for(why2))
    controller.push(ops.add_why(review, None, "Another problem"))
    assert not panel.outline.isExpanded(panel.outline_model.index_for(why2))
    assert panel.outline.isExpanded(panel.outline_model.index_for(whys.outline_rows(review)[1].id))
