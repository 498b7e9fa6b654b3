"""Editing the timeline in place: text, kind, author and times typed the way people say them."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLineEdit, QWidget
from timeline_helpers import column, event_id

from pm_desktop.domain.edits import set_field
from pm_desktop.ui.timeline.delegates import KindCombo


def _edit_cell(panel, qtbot, eid: str, name: str):
    """Open the in-place editor of one cell; returns (index, editor widget)."""
    index = panel.model.index_of(eid, column(panel.model, name))
    panel.table.setCurrentIndex(index)
    panel.table.edit(index)
    qtbot.waitUntil(lambda: panel.table.state() == panel.table.State.EditingState)
    editors = [
        w
        for w in panel.table.viewport().findChildren(QWidget)
        if w.isVisible() and w.parent() is panel.table.viewport()
    ]
    assert len(editors) == 1
    return index, editors[0]


def _type_and_commit(panel, qtbot, eid: str, name: str, text: str) -> None:
    _index, editor = _edit_cell(panel, qtbot, eid, name)
    assert isinstance(editor, QLineEdit)
    editor.setText(text)
    _commit(panel, qtbot, editor)


def _commit(panel, qtbot, editor) -> None:
    """Enter in an editor: the view commits on its next event-loop turn."""
    QTest.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: panel.table.state() != panel.table.State.EditingState)


def test_typing_new_text_into_a_row_is_one_undoable_edit(panel, qtbot):
    review = panel.controller.review
    eid = event_id(review, "Alert fires")
    _type_and_commit(panel, qtbot, eid, "text", "Latency alert fires for checkout-api")
    assert panel.controller.review.events[eid].text == "Latency alert fires for checkout-api"
    assert panel.controller.undo_stack.undoText() == "Edit event text"
    panel.controller.undo_stack.undo()
    assert panel.controller.review.events[eid].text.startswith("Alert fires")


def test_choosing_a_kind_from_the_list(panel, qtbot):
    eid = event_id(panel.controller.review, "Temporary fix")
    _index, editor = _edit_cell(panel, qtbot, eid, "kind")
    assert isinstance(editor, KindCombo)
    editor.set_kind("mitigated")
    _commit(panel, qtbot, editor)
    assert panel.controller.review.events[eid].kind == "mitigated"
    assert panel.controller.undo_stack.undoText() == "Change event kind"


def test_author_is_edited_with_whitespace_tidied(panel):
    model = panel.model
    eid = event_id(panel.controller.review, "Rollback plan")
    assert model.setData(model.index_of(eid, column(model, "author")), "  Priya   Natarajan ")
    assert panel.controller.review.events[eid].author == "Priya Natarajan"


@pytest.mark.parametrize(
    ("typed", "stored", "zone"),
    [
        ("09:20", "2025-03-12T09:20:00Z", "UTC"),
        ("9:15pm", "2025-03-12T21:15:00Z", "UTC"),
        ("+5m", "2025-03-12T09:20:00Z", "UTC"),
        ("-1h30m", "2025-03-12T07:45:00Z", "UTC"),
        ("yesterday 23:10", "2025-03-11T23:10:00Z", "UTC"),
        ("2025-03-13 09:15", "2025-03-13T09:15:00Z", "UTC"),
        ("2025-03-12T11:00:00+01:00", "2025-03-12T10:00:00Z", "+01:00"),
        ("2025-03-12T09:40:00Z", "2025-03-12T09:40:00Z", "UTC"),
        ("09:30 CET", "2025-03-12T08:30:00Z", "+01:00"),
        ("10:00 Europe/Berlin", "2025-03-12T09:00:00Z", "Europe/Berlin"),
        ("1:05 am PST", "2025-03-12T09:05:00Z", "-08:00"),
    ],
)
def test_times_typed_in_every_style(panel, qtbot, typed, stored, zone):
    eid = event_id(panel.controller.review, "Alert fires")  # 09:15 UTC
    _type_and_commit(panel, qtbot, eid, "time", typed)
    event = panel.controller.review.events[eid]
    assert (event.time, event.tz) == (stored, zone)
    assert panel.controller.undo_stack.undoText() == "Change event time"
    assert not panel.message_label.isVisible()


def test_a_bare_time_is_read_in_the_display_zone_on_the_events_own_day(panel):
    controller = panel.controller
    controller.push(set_field(controller.review, "display_tz", "America/New_York"))
    eid = event_id(controller.review, "Alert fires")  # 09:15 UTC = 05:15 EDT on 12 March
    model = panel.model
    assert model.setData(model.index_of(eid, column(model, "time")), "06:00")
    event = controller.review.events[eid]
    assert (event.time, event.tz) == ("2025-03-12T10:00:00Z", "America/New_York")


def test_an_untimed_event_takes_the_incident_date(panel):
    from pm_desktop.domain import ops

    controller = panel.controller
    controller.push(ops.add_event(controller.review, None, "Someone noticed a slow page"))
    eid = event_id(controller.review, "Someone noticed")
    model = panel.model
    assert model.setData(model.index_of(eid, column(model, "time")), "08:58")
    assert controller.review.events[eid].time == "2025-03-12T08:58:00Z"


@pytest.mark.parametrize(
    "typed", ["half past nine-ish??", "12/03 09:15", "09:15 XYZT", "", "25:99"]
)
def test_an_unreadable_time_keeps_the_old_value_and_says_why(panel, qtbot, typed):
    controller = panel.controller
    eid = event_id(controller.review, "Alert fires")
    before = controller.review.events[eid]
    count = controller.undo_stack.count()
    with qtbot.wait_signal(controller.error) as blocker:
        _type_and_commit(panel, qtbot, eid, "time", typed)
    assert controller.review.events[eid] == before
    assert controller.undo_stack.count() == count
    assert blocker.args[0].startswith("Time not changed:")
    assert panel.message_label.isVisible()
    assert panel.message_label.text() == blocker.args[0]


def test_a_time_that_happens_twice_asks_and_stores_the_chosen_instant(panel, qtbot, chooser):
    controller = panel.controller
    controller.push(set_field(controller.review, "display_tz", "Europe/Berlin"))
    eid = event_id(controller.review, "Alert fires")
    model = panel.model
    assert not model.setData(model.index_of(eid, column(model, "time")), "2025-10-26 02:30")
    qtbot.waitUntil(lambda: controller.review.events[eid].time == "2025-10-26T01:30:00Z")
    (asked,) = chooser.asked
    assert asked.status == "ambiguous"
    assert asked.choices == ("2025-10-26T00:30:00Z", "2025-10-26T01:30:00Z")
    assert controller.review.events[eid].tz == "Europe/Berlin"


def test_a_skipped_time_asks_and_a_cancel_changes_nothing(panel, qtbot, chooser):
    controller = panel.controller
    controller.push(set_field(controller.review, "display_tz", "Europe/Berlin"))
    eid = event_id(controller.review, "Alert fires")
    before = controller.review.events[eid]
    chooser.pick = None
    model = panel.model
    model.setData(model.index_of(eid, column(model, "time")), "2025-03-30 02:30")
    qtbot.waitUntil(lambda: bool(chooser.asked))
    assert chooser.asked[0].status == "nonexistent"
    assert controller.review.events[eid] == before
    qtbot.waitUntil(panel.message_label.isVisible)
    assert "no reading was chosen" in panel.message_label.text()


def test_the_dst_dialog_offers_both_readings_with_their_offsets(qtbot):
    import datetime as dt

    from pm_desktop.domain.time_input import parse_time_input
    from pm_desktop.ui.timeline.dst import DstChoiceDialog

    result = parse_time_input("02:30", default_date=dt.date(2025, 10, 26), zone="Europe/Berlin")
    dialog = DstChoiceDialog(result)
    qtbot.addWidget(dialog)
    texts = [b.text() for b in dialog.buttons]
    assert "UTC+02:00" in texts[0] and "00:30 UTC" in texts[0]
    assert "UTC+01:00" in texts[1] and "01:30 UTC" in texts[1]
    dialog.buttons[1].setChecked(True)
    assert dialog.chosen() == "2025-10-26T01:30:00Z"


def test_ctrl_enter_adds_an_event_a_minute_after_the_selected_one_and_opens_its_text(panel, qtbot):
    controller = panel.controller
    panel.select_event(event_id(controller.review, "Alert fires"))
    panel.activateWindow()
    qtbot.waitActive(panel)
    panel.table.setFocus()
    QTest.keyClick(panel.table, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    added = [e for e in controller.review.events.values() if e.time == "2025-03-12T09:16:00Z"]
    assert len(added) == 1 and added[0].tz == "UTC"
    editor = panel.table.focusWidget()
    assert isinstance(editor, QLineEdit)
    editor.setText("Second alert on the payment gateway")
    _commit(panel, qtbot, editor)
    assert controller.review.events[added[0].id].text == "Second alert on the payment gateway"
    assert panel.current_id() == added[0].id


def test_insert_with_nothing_selected_adds_an_event_now(panel, qtbot):
    panel.table.clearSelection()
    panel.activateWindow()
    qtbot.waitActive(panel)
    panel.table.setFocus()
    QTest.keyClick(panel.table, Qt.Key.Key_Insert)
    assert any(e.time == "2025-03-12T10:07:30Z" for e in panel.controller.review.events.values())


def test_delete_removes_every_selected_event_in_one_undo_step(panel, qtbot):
    controller = panel.controller
    total = len(controller.review.events)
    selection = panel.table.selectionModel()
    for row in (1, 2, 6):  # two of them have evidence linked
        selection.select(
            panel.model.index(row, 0),
            QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
        )
    doomed = set(panel.selected_ids())
    assert panel.can_delete()
    panel.table.setFocus()
    QTest.keyClick(panel.table, Qt.Key.Key_Delete)
    assert len(controller.review.events) == total - 3
    assert not any(doomed & set(e.event_ids) for e in controller.review.evidence.values())
    controller.undo_stack.undo()
    assert len(controller.review.events) == total
    assert panel.model.rowCount() == total


def test_a_read_only_review_cannot_be_edited(qtbot, tmp_path):
    from pm_desktop.ingest.builtin import load_example
    from pm_desktop.store.document import Document
    from pm_desktop.ui.controller import DocumentController
    from pm_desktop.ui.timeline import TimelinePanel

    ex = load_example()
    path = tmp_path / "ro.pmreview"
    Document.create(path, ex.review, ex.blobs).close()
    doc = Document.open(path, read_only=True)
    ctl = DocumentController(doc)
    panel = TimelinePanel(ctl)
    qtbot.addWidget(panel)
    index = panel.model.index(0, column(panel.model, "text"))
    assert not panel.model.flags(index) & Qt.ItemFlag.ItemIsEditable
    assert not panel.model.setData(index, "changed")
    assert panel.add_event() is None
    assert not panel.add_button.isEnabled()
    ctl.set_document(None)
    doc.close()


def test_multi_line_text_gets_a_text_box_editor(panel, qtbot):
    from PySide6.QtWidgets import QPlainTextEdit

    from pm_desktop.domain import ops

    controller = panel.controller
    controller.push(ops.add_event(controller.review, "2025-03-12T09:03:00Z", "Log excerpt\nline 2"))
    eid = event_id(controller.review, "Log excerpt")
    index, editor = _edit_cell(panel, qtbot, eid, "text")
    assert isinstance(editor, QPlainTextEdit)
    assert editor.toPlainText() == "Log excerpt\nline 2"
    editor.setPlainText("Log excerpt\nline 2\nline 3")
    panel.delegate.setModelData(editor, panel.model, index)
    assert controller.review.events[eid].text == "Log excerpt\nline 2\nline 3"


def test_a_theme_change_redraws_without_losing_anything(panel, qtbot):
    from pm_desktop.ui import themes

    with qtbot.wait_signal(panel.model.dataChanged):
        themes.notifier().themeChanged.emit("dark")
    assert panel.model.rowCount() == 14
    assert not panel.grab().isNull()


def test_a_very_long_text_is_edited_whole(panel, qtbot):
    from PySide6.QtWidgets import QPlainTextEdit

    from pm_desktop.domain import ops

    controller = panel.controller
    long_text = "stack frame " * 5_000  # 60,000 characters on one line
    controller.push(ops.add_event(controller.review, "2025-03-12T09:04:00Z", long_text))
    eid = event_id(controller.review, "stack frame")
    index, editor = _edit_cell(panel, qtbot, eid, "text")
    assert isinstance(editor, QPlainTextEdit)
    assert editor.toPlainText() == long_text
    editor.setPlainText(long_text + "end")
    panel.delegate.setModelData(editor, panel.model, index)
    assert controller.review.events[eid].text == (long_text + "end").rstrip()


def test_a_time_far_from_every_other_is_kept_but_questioned_with_its_year(panel, qtbot):
    controller = panel.controller
    eid = event_id(controller.review, "Alert fires")
    before = controller.review.events[eid].time
    model = panel.model
    assert model.setData(model.index_of(eid, column(model, "time")), "1900-01-01 09:00")
    assert controller.review.events[eid].time == "1900-01-01T09:00:00Z"  # stored at once
    bar = panel.far_bar
    assert bar.isVisibleTo(panel)
    assert "Monday 1 January 1900" in bar.label.text() and "125 y" in bar.label.text()
    bar.back_button.click()
    assert controller.review.events[eid].time == before
    assert bar.isHidden()


def test_keeping_a_far_time_or_editing_it_again_retires_the_question(panel, qtbot):
    controller = panel.controller
    eid = event_id(controller.review, "Alert fires")
    model = panel.model
    model.setData(model.index_of(eid, column(model, "time")), "2025-06-01 09:00")
    assert panel.far_bar.isVisibleTo(panel)
    panel.far_bar.keep_button.click()
    assert panel.far_bar.isHidden()
    assert controller.review.events[eid].time == "2025-06-01T09:00:00Z"
    model.setData(model.index_of(eid, column(model, "time")), "1999-06-01 09:00")
    assert panel.far_bar.isVisibleTo(panel)
    model.setData(model.index_of(eid, column(model, "time")), "2025-03-12 09:03")
    assert panel.far_bar.isHidden()


def test_a_time_near_the_others_asks_nothing(panel):
    controller = panel.controller
    eid = event_id(controller.review, "Alert fires")
    model = panel.model
    model.setData(model.index_of(eid, column(model, "time")), "2025-03-14 09:00")
    assert panel.far_bar.isHidden()
