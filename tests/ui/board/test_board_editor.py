"""The follow-up editor: every field, one undoable edit per Save, and nothing lost on a refusal."""

from __future__ import annotations

import datetime as dt

import pytest
from board_helpers import card_id
from PySide6.QtCore import QDate, Qt

from pm_desktop.domain.model import Criterion
from pm_desktop.ui.board.editor import FollowUpEditor

HOSTILE = '<img src=/etc/passwd> x<y «Привет» 你好 🚀 =HYPERLINK("http://evil")'


@pytest.fixture
def editor(qtbot, controller):
    cid = card_id(controller.review, "Fail CI")
    dialog = FollowUpEditor(controller, cid, today=dt.date(2025, 3, 24))
    qtbot.addWidget(dialog)
    return dialog


def test_changing_every_field_saves_one_edit_and_undo_restores_it(editor, controller, qtbot):
    review = controller.review
    before = review.followups[editor.card_id]
    editor.title_edit.setText("Fail CI on full scans of the big tables")
    editor.description_edit.setPlainText("Check every query plan in CI.\nSecond line.")
    editor.owner_edit.setText("  Jonas   Berg ")
    editor.due_edit.setDate(QDate(2025, 5, 2))
    editor.priority_combo.setCurrentIndex(editor.priority_combo.findData("medium"))
    editor.type_combo.setCurrentIndex(editor.type_combo.findData("process"))
    editor.status_combo.setCurrentIndex(editor.status_combo.findData("doing"))
    editor.url_edit.setText("https://tracker.example.com/browse/OPS-7")
    # criteria: tick the first, remove the second, add one, move the new one to the top
    criteria = editor.criteria
    criteria.list.item(0).setCheckState(Qt.CheckState.Checked)
    criteria.list.setCurrentRow(1)
    criteria.remove_current()
    criteria.add("Runs on every pull request")
    criteria.list.setCurrentRow(criteria.list.count() - 1)
    criteria.move_current(-1)
    criteria.move_current(-1)
    criteria.add("   ")  # a blank criterion is dropped on save
    # whys: unlink the old root cause, link another one
    old_why = before.why_ids[0]
    other = next(w for w in review.root_causes() if w.id != old_why)
    editor.whys.item_for(old_why).setCheckState(Qt.CheckState.Unchecked)
    editor.whys.item_for(other.id).setCheckState(Qt.CheckState.Checked)

    with qtbot.wait_signal(editor.saved):
        assert editor.save()
    after = controller.review.followups[editor.card_id]
    assert after.title == "Fail CI on full scans of the big tables"
    assert after.description == "Check every query plan in CI.\nSecond line."
    assert after.owner == "Jonas Berg"
    assert after.due == "2025-05-02"
    assert (after.priority, after.type, after.status) == ("medium", "process", "doing")
    assert after.url == "https://tracker.example.com/browse/OPS-7"
    assert after.acceptance_criteria == (
        Criterion("Runs on every pull request", False),
        Criterion("CI job fails on a sequential scan of orders or payments", True),
        Criterion("Job adds less than 10 minutes to the pipeline", False),
    )
    assert after.why_ids == (other.id,)
    assert controller.review.sorted_followups("doing")[-1].id == after.id
    assert controller.undo_stack.count() == 1
    assert controller.undo_stack.undoText() == "Edit follow-up"
    controller.undo_stack.undo()
    assert controller.review.followups[editor.card_id] == before
    assert [c.seq for c in controller.review.sorted_followups("todo")] == [0, 1, 2]


def test_no_date_clears_the_due_date(editor, controller):
    editor.no_due_check.setChecked(True)
    assert not editor.due_edit.isEnabled()
    assert editor.save()
    assert controller.review.followups[editor.card_id].due == ""


def test_saving_an_unchanged_card_records_nothing(editor, controller):
    assert editor.save()
    assert controller.undo_stack.count() == 0


def test_a_new_card_lands_at_the_end_of_its_column(qtbot, controller):
    dialog = FollowUpEditor(controller, None, status="done", today=dt.date(2025, 3, 24))
    qtbot.addWidget(dialog)
    assert dialog.no_due_check.isChecked()
    assert dialog.due_edit.date() == QDate(2025, 4, 7)  # two weeks out when switched on
    dialog.title_edit.setText(HOSTILE)
    dialog.owner_edit.setText("Tomás Herrera")
    assert dialog.save()
    card = controller.review.sorted_followups("done")[-1]
    assert card.title == HOSTILE  # stored exactly; escaping is each renderer's job
    assert card.owner == "Tomás Herrera"
    assert controller.undo_stack.undoText() == "Add follow-up"


def test_an_empty_title_keeps_the_dialog_open_with_a_message(qtbot, controller):
    dialog = FollowUpEditor(controller, None, today=dt.date(2025, 3, 24))
    qtbot.addWidget(dialog)
    dialog.description_edit.setPlainText("Typed text that must not be lost")
    dialog.title_edit.setText("   ")
    assert not dialog.save()
    assert not dialog.error_label.isHidden()
    assert "title" in dialog.error_label.text()
    assert dialog.description_edit.toPlainText() == "Typed text that must not be lost"
    assert controller.undo_stack.count() == 0


def test_a_card_deleted_meanwhile_is_reported_not_recreated(editor, controller):
    from pm_desktop.domain import ops

    controller.push(ops.delete_followups(controller.review, [editor.card_id]))
    editor.title_edit.setText("Changed")
    assert not editor.save()
    assert "deleted" in editor.error_label.text()
    assert editor.card_id not in controller.review.followups


def test_owner_completion_offers_the_reviews_people(editor):
    completer = editor.owner_edit.completer()
    completer.setCompletionPrefix("nata")
    assert completer.currentCompletion() == "Priya Natarajan"


def test_the_why_picker_lists_root_causes_first_with_their_text(editor, controller):
    first_rows = [editor.whys.item(i).text() for i in range(4)]
    assert first_rows[0] == "Root causes"
    roots = controller.review.root_causes()
    assert all(row.startswith("★ ") for row in first_rows[1:])
    assert first_rows[1][2:] == " ".join(roots[0].text.split())


def test_unsafe_links_are_kept_as_text_with_a_warning(editor, controller):
    editor.url_edit.setText("javascript:alert(1)")
    assert "never opened" in editor.url_note.text()
    editor.url_edit.setText("mailto:oncall@example.com")
    assert "browser" in editor.url_note.text()
