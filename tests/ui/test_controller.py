"""The UI's edit path: push applies and records, undo/redo apply inverses, typing merges."""

from __future__ import annotations

from pm_desktop.domain import ops
from pm_desktop.domain.edits import set_field


def test_push_applies_and_undo_redo_restore(controller):
    review = controller.review
    old = review.meta.title
    assert controller.push(set_field(review, "title", "New title"))
    assert controller.review.meta.title == "New title"
    assert controller.undo_stack.undoText() == "Change title"
    controller.undo_stack.undo()
    assert controller.review.meta.title == old
    controller.undo_stack.redo()
    assert controller.review.meta.title == "New title"


def test_changed_is_emitted_for_edits_undo_and_redo(controller, qtbot):
    with qtbot.wait_signal(controller.changed) as blocker:
        controller.push(ops.add_event(controller.review, None, "note"))
    assert blocker.args[0].ids("events", kinds="a")
    with qtbot.wait_signal(controller.changed):
        controller.undo_stack.undo()
    with qtbot.wait_signal(controller.changed):
        controller.undo_stack.redo()


def test_a_refused_edit_reports_an_error_and_records_nothing(controller, qtbot):
    review = controller.review
    root, leaf = review.why_roots()[0], review.root_causes()[0]
    with qtbot.wait_signal(controller.error) as blocker:
        ok = controller.push(set_field(review, "severity", "SEV9"))
    assert not ok and "SEV" in blocker.args[0]
    assert controller.undo_stack.count() == 0
    with qtbot.assert_not_emitted(controller.changed):
        try:
            edit = ops.reparent_why(review, root.id, leaf.id)
        except ValueError:
            edit = None
        assert edit is None


def test_typing_in_one_field_is_one_undo_step(controller):
    review = controller.review
    original = review.meta.summary
    for text in ("P", "Pa", "Pay", "Payments"):
        controller.push(set_field(controller.review, "summary", text), merge_key="summary")
    assert controller.undo_stack.count() == 1
    controller.undo_stack.undo()
    assert controller.review.meta.summary == original


def test_undo_still_works_after_save_as(controller, tmp_path):
    controller.push(set_field(controller.review, "title", "Before saving"))
    controller.save_as(str(tmp_path / "moved.pmreview"))
    controller.undo_stack.undo()
    assert controller.review.meta.title != "Before saving"
    assert controller.document.path.name == "moved.pmreview"
