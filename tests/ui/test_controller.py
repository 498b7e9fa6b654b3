"""The UI's edit path: push applies and records, undo/redo apply inverses, typing merges."""

from __future__ import annotations

import logging
import sqlite3

from pm_desktop.domain import ops
from pm_desktop.domain.edits import Batch, set_field
from pm_desktop.store.document import load_review


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
        result = controller.push(set_field(review, "severity", "SEV9"))
    assert result is None and "SEV" in blocker.args[0]
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


def test_push_hands_back_the_change_with_the_new_ids_in_paste_order(controller):
    drafts = [
        ops.EventDraft(time="2025-03-12T09:20:00Z", text="Pager fires", kind="detected"),
        ops.EventDraft(time="2025-03-12T09:05:00Z", text="Deploy starts", kind="action"),
        ops.EventDraft(time=None, text="Someone mentions a cache", tz="Europe/Berlin"),
    ]
    change = controller.push(ops.add_events(controller.review, drafts, "Paste 3 events"))
    assert change is not None and change.label == "Paste 3 events"
    new_ids = change.added_in_order(controller.review, "events")
    events = [controller.review.events[i] for i in new_ids]
    assert [e.text for e in events] == [d.text for d in drafts]
    assert events[2].tz == "Europe/Berlin" and events[2].time is None
    assert controller.undo_stack.count() == 1


def test_an_edit_that_changes_nothing_is_done_not_refused(controller, qtbot):
    with qtbot.assert_not_emitted(controller.error):
        result = controller.push(Batch((), "Reorder why"))
    assert result is not None and not result
    assert controller.undo_stack.count() == 0


def test_a_view_failing_after_the_commit_does_not_undo_the_edit(controller, caplog):
    def broken_view(change):
        raise RuntimeError("the view fell over")

    heard = []
    controller.document.subscribe(broken_view)
    controller.document.subscribe(heard.append)  # the views after it still hear the change
    old = controller.review.meta.title
    with caplog.at_level(logging.ERROR, logger="pm_desktop.store.document"):
        change = controller.push(set_field(controller.review, "title", "Checkout outage"))
    assert change is not None and change.fields == {"title"}
    assert heard == [change]
    assert controller.undo_stack.count() == 1
    assert any("the view fell over" in r.exc_text for r in caplog.records if r.exc_text)
    on_disk = sqlite3.connect(f"file:{controller.document.path}?mode=ro", uri=True)
    try:
        assert load_review(on_disk).meta.title == "Checkout outage"
    finally:
        on_disk.close()
    controller.undo_stack.undo()
    assert controller.review.meta.title == old
