"""The Overview's new review fields (how the incident unfolded, the meeting's date and
attendees) edit the document through the one edit path, one undo step per field, and a status
change records its moment in the same step."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QDate


def _overview(window):
    return window.panels[0]


@pytest.mark.parametrize(
    ("widget", "field", "text"),
    [
        ("trigger_field", "trigger", "A config push at 09:00."),
        ("services_field", "affected_services", "checkout, payments"),
        ("regions_field", "affected_regions", "Europe"),
    ],
)
def test_typing_in_an_unfolding_field_is_one_undo_step(window, qtbot, widget, field, text):
    window.files.new_review(False)
    editor = getattr(_overview(window).unfolding, widget)
    c = window.controller
    qtbot.keyClicks(editor, text)
    assert getattr(c.review.meta, field) == text
    assert c.undo_stack.count() == 1
    assert window.menus.undo_action.text().startswith("Undo Edit ")
    window.menus.undo_action.trigger()
    assert getattr(c.review.meta, field) == ""
    window.menus.redo_action.trigger()
    assert getattr(c.review.meta, field) == text


def test_detection_response_and_recovery_are_three_steps(window, qtbot):
    window.files.new_review(False)
    unfolding = _overview(window).unfolding
    detection, response, recovery = unfolding.phase_fields
    qtbot.keyClicks(detection, "The latency alert paged.")
    qtbot.keyClicks(response, "Rolled back.")
    qtbot.keyClicks(recovery, "Back by 09:40.")
    c = window.controller
    meta = c.review.meta
    assert (meta.detection, meta.response, meta.recovery) == (
        "The latency alert paged.",
        "Rolled back.",
        "Back by 09:40.",
    )
    assert c.undo_stack.count() == 3
    window.menus.undo_action.trigger()
    assert c.review.meta.recovery == "" and c.review.meta.response == "Rolled back."
    assert recovery.toPlainText() == ""


def test_meeting_date_and_attendees_undo(window, qtbot):
    window.files.new_review(False)
    meeting = _overview(window).meeting
    c = window.controller
    meeting.date_field.set_button.click()
    meeting.date_field.editor.setDate(QDate(2025, 3, 13))
    assert c.review.meta.meeting_date == "2025-03-13"
    qtbot.keyClicks(meeting.attendees_field, "Mei Lin, Ana")
    assert c.review.meta.attendees == "Mei Lin, Ana"
    window.menus.undo_action.trigger()
    assert c.review.meta.attendees == "" and meeting.attendees_field.text() == ""
    window.menus.undo_action.trigger()  # the date picked in the editor
    window.menus.undo_action.trigger()  # "choose a date" set it to today
    assert c.review.meta.meeting_date == ""
    assert meeting.date_field.set_button.isVisibleTo(meeting)


def test_a_status_change_is_recorded_and_undo_takes_the_record_back(window):
    window.files.new_review(False)
    overview = _overview(window)
    c = window.controller
    overview.status_field.activated.emit(overview.status_field.findData("in_review"))
    assert c.review.meta.status == "in_review"
    (entry,) = c.review.meta.status_history
    assert entry.endswith(" in_review")
    assert "Status set to “In review”" in overview.meeting.history.text()
    assert c.undo_stack.count() == 1
    window.menus.undo_action.trigger()
    assert c.review.meta.status == "draft" and c.review.meta.status_history == ()
    assert "Status set to" not in overview.meeting.history.text()
    assert overview.meeting.history.text().startswith("Created ")


def test_the_example_shows_its_recorded_history(window):
    window.files.open_example()
    text = _overview(window).meeting.history.text()
    assert "Status set to “In review” 2025-03-13 15:40 (UTC)" in text
    assert _overview(window).unfolding.trigger_field.toPlainText().startswith("The first morning")
