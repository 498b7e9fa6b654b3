"""Undo and redo from the window's Edit menu, for edits made in the Overview."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication

from pm_desktop.store.document import Document


def _overview(window):
    return window.panels[0]


def test_typing_a_title_is_one_undo_step_that_names_itself(window, qtbot):
    window.files.open_example()
    overview = _overview(window)
    c = window.controller
    original = c.review.meta.title
    overview.title_field.selectAll()
    qtbot.keyClicks(overview.title_field, "Checkout down")
    assert c.review.meta.title == "Checkout down"
    assert c.undo_stack.count() == 1
    assert window.menus.undo_action.text() == "Undo Edit title"
    assert window.isWindowModified()
    window.menus.undo_action.trigger()
    assert c.review.meta.title == original
    assert overview.title_field.text() == original
    assert not window.isWindowModified()
    window.menus.redo_action.trigger()
    assert c.review.meta.title == "Checkout down"
    assert overview.title_field.text() == "Checkout down"


def test_typing_in_two_fields_gives_two_steps(window, qtbot):
    window.files.new_review(False)
    overview = _overview(window)
    qtbot.keyClicks(overview.summary_field, "Payments failed.")
    qtbot.keyClicks(overview.impact_field, "Many customers.")
    c = window.controller
    assert c.undo_stack.count() == 2
    window.menus.undo_action.trigger()
    assert c.review.meta.impact == "" and c.review.meta.summary == "Payments failed."
    window.menus.undo_action.trigger()
    assert c.review.meta.summary == ""


def test_ctrl_z_inside_a_field_uses_the_review_undo(window, qtbot):
    window.files.new_review(False)
    overview = _overview(window)
    field = overview.authors_field
    qtbot.keyClicks(field, "Ops team")
    assert window.controller.review.meta.authors == "Ops team"
    window.activateWindow()
    qtbot.waitActive(window)
    field.setFocus()
    undo = QKeySequence(QKeySequence.StandardKey.Undo)[0]
    qtbot.keyClick(field, undo.key(), undo.keyboardModifiers())
    # The window's Undo action handled the keys, not the field's private history.
    assert window.controller.review.meta.authors == ""
    assert window.menus.redo_action.text() == "Redo Edit authors"
    assert field.text() == ""


def test_refresh_keeps_the_cursor_of_the_field_being_typed_in(window, qtbot):
    window.files.new_review(False)
    overview = _overview(window)
    field = overview.summary_field
    qtbot.keyClicks(field, "abcdef")
    cursor = field.textCursor()
    cursor.setPosition(3)
    field.setTextCursor(cursor)
    qtbot.keyClicks(field, "X")
    assert window.controller.review.meta.summary == "abcXdef"
    assert field.textCursor().position() == 4


def test_undo_of_another_field_keeps_my_cursor(window, qtbot):
    window.files.new_review(False)
    overview = _overview(window)
    qtbot.keyClicks(overview.authors_field, "Ops")
    qtbot.keyClicks(overview.impact_field, "hello world")
    cursor = overview.impact_field.textCursor()
    cursor.setPosition(5)
    overview.impact_field.setTextCursor(cursor)
    window.controller.undo_stack.undo()  # undoes the impact text
    window.controller.undo_stack.undo()  # undoes the authors
    window.controller.undo_stack.redo()
    assert overview.authors_field.text() == "Ops"
    assert overview.impact_field.toPlainText() == ""


def test_severity_status_and_date_changes_undo(window):
    window.files.new_review(False)
    overview = _overview(window)
    c = window.controller
    overview.severity_field.activated.emit(overview.severity_field.findData("SEV1"))
    overview.status_field.activated.emit(overview.status_field.findData("final"))
    overview.date_field.set_button.click()
    assert c.review.meta.severity == "SEV1"
    assert c.review.meta.status == "final"
    assert c.review.meta.incident_date  # today
    assert overview.date_field.editor.isVisibleTo(overview)
    overview.date_field.clear_button.click()
    assert c.review.meta.incident_date == ""
    assert overview.date_field.set_button.isVisibleTo(overview)
    for _ in range(4):
        window.menus.undo_action.trigger()
    assert (c.review.meta.severity, c.review.meta.status, c.review.meta.incident_date) == (
        "",
        "draft",
        "",
    )
    assert overview.severity_field.currentData() == ""


def test_undo_works_across_save_as(window, prompts, qtbot, tmp_path):
    window.files.new_review(False)
    overview = _overview(window)
    qtbot.keyClicks(overview.title_field, " about payments")
    typed = window.controller.review.meta.title
    prompts.save_answers.append(str(tmp_path / "moved.pmreview"))
    window.menus.save_as_action.trigger()
    window.menus.undo_action.trigger()
    assert window.controller.review.meta.title == "Untitled review"
    window.menus.redo_action.trigger()
    assert window.controller.review.meta.title == typed
    window.files.close_review()
    with Document.open(tmp_path / "moved.pmreview", read_only=True) as doc:
        assert doc.review.meta.title == typed


def test_edit_menu_copy_and_paste_participants(window, qtbot):
    window.files.open_example()
    overview = _overview(window)
    table = overview.participants.view
    window.activateWindow()
    qtbot.waitActive(window)
    table.setFocus()
    table.selectRow(0)
    window.menus.copy_action.trigger()
    first = window.controller.review.sorted_people()[0]
    assert QApplication.clipboard().text().startswith(first.name)
    before = len(window.controller.review.people)
    window.menus.paste_action.trigger()
    assert len(window.controller.review.people) == before + 1
    window.menus.delete_action.trigger()  # the selection is still row 0
    assert len(window.controller.review.people) == before
    window.menus.undo_action.trigger()
    assert len(window.controller.review.people) == before + 1


def test_find_selects_the_matching_field(window, qtbot):
    window.files.open_example()
    window.menus.find_action.trigger()
    assert window.find_bar.isVisible()
    window.find_bar.edit.setText("storefront")
    overview = _overview(window)
    assert "storefront" in overview.impact_field.textCursor().selectedText()
    assert window.find_bar.status.text() == ""
    window.find_bar.edit.setText("no such words anywhere")
    assert window.find_bar.status.text() == "No match"
    window.find_bar.edit.setText("Priya")  # the meeting's attendees come before the people
    assert "Priya" in overview.meeting.attendees_field.selectedText()
    qtbot.keyClick(window.find_bar.edit, Qt.Key.Key_Return)
    assert overview.participants.selected_ids()
    qtbot.keyClick(window.find_bar.edit, Qt.Key.Key_Escape)
    assert not window.find_bar.isVisible()
