"""The capture window during an incident: Enter stamps a note with *now*; Ctrl+V keeps a
screenshot linked to its event."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QImage
from PySide6.QtTest import QTest

from pm_desktop.domain.edits import set_field
from pm_desktop.ui.timeline.capture import CaptureWindow, open_capture_window, read_note


@pytest.fixture
def window(qtbot, controller, frozen_clock):
    win = CaptureWindow(controller, clock=frozen_clock)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


def _type(window, text: str) -> None:
    window.input.setText(text)
    QTest.keyClick(window.input, Qt.Key.Key_Return)


def test_it_is_a_small_tool_window_that_stays_on_top(window):
    flags = window.windowFlags()
    assert flags & Qt.WindowType.Tool == Qt.WindowType.Tool
    assert flags & Qt.WindowType.WindowStaysOnTopHint
    assert window.clock_label.text() == "10:07:30"


def test_enter_adds_a_note_stamped_now_in_utc(window, controller):
    controller.push(set_field(controller.review, "display_tz", "Europe/Berlin"))
    before = set(controller.review.events)
    _type(window, "Checkout errors climbing again")
    (new,) = set(controller.review.events) - before
    event = controller.review.events[new]
    assert (event.time, event.tz, event.kind) == ("2025-03-12T10:07:30Z", "Europe/Berlin", "note")
    assert event.text == "Checkout errors climbing again"
    assert window.input.text() == ""
    assert window.clock_label.text() == "11:07:30"  # shown in the display zone
    assert window.recent_texts()[0].startswith("11:07:30  Note — Checkout errors")


def test_a_kind_prefix_sets_the_kind(window, controller):
    _type(window, "!mitigated Rolled back the report query")
    _type(window, "!ack paging the database owner")
    events = sorted(controller.review.events.values(), key=lambda e: e.seq)[-2:]
    assert [(e.kind, e.text) for e in events] == [
        ("mitigated", "Rolled back the report query"),
        ("acknowledged", "paging the database owner"),
    ]
    assert window.recent_texts()[0].startswith("10:07:30  Acknowledged — paging")
    assert read_note("!unknownkind keep me") == ("note", "!unknownkind keep me")


def test_an_empty_note_adds_nothing(window, controller):
    count = controller.undo_stack.count()
    _type(window, "   ")
    assert controller.undo_stack.count() == count


def test_ctrl_v_with_a_picture_adds_a_linked_screenshot_in_one_undo_step(window, controller, qtbot):
    image = QImage(64, 40, QImage.Format.Format_RGB32)
    image.fill(QColor("#336699"))
    QGuiApplication.clipboard().setImage(image)
    window.input.setText("!detected dashboard shows p95 at 8 s")
    events, evidence = set(controller.review.events), set(controller.review.evidence)
    steps = controller.undo_stack.count()
    QTest.keyClick(window.input, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    (event_id,) = set(controller.review.events) - events
    (item_id,) = set(controller.review.evidence) - evidence
    event, item = controller.review.events[event_id], controller.review.evidence[item_id]
    assert (event.time, event.kind) == ("2025-03-12T10:07:30Z", "detected")
    assert event.text == "dashboard shows p95 at 8 s"
    assert item.kind == "image" and item.event_ids == (event_id,)
    assert item.captured_at == "2025-03-12T10:07:30Z"
    blob = controller.review.blobs[item.blob]
    assert (blob.mime, blob.width, blob.height) == ("image/png", 64, 40)
    assert controller.document.read_blob(item.blob).startswith(b"\x89PNG")
    assert controller.undo_stack.count() == steps + 1
    assert controller.undo_stack.undoText() == "Capture screenshot"
    assert "(screenshot)" in window.recent_texts()[0]
    controller.undo_stack.undo()
    assert event_id not in controller.review.events and item_id not in controller.review.evidence


def test_ctrl_v_with_text_pastes_into_the_box(window, controller):
    QGuiApplication.clipboard().setText("copied words")
    count = len(controller.review.events)
    window.input.setFocus()
    QTest.keyClick(window.input, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert window.input.text() == "copied words"
    assert len(controller.review.events) == count


def test_it_works_on_an_untitled_review(qtbot, tmp_path, frozen_clock):
    from pm_desktop.store.document import Document
    from pm_desktop.ui.controller import DocumentController

    doc = Document.create_untitled(tmp_path / "drafts")
    ctl = DocumentController(doc)
    win = CaptureWindow(ctl, clock=frozen_clock)
    qtbot.addWidget(win)
    assert doc.untitled
    image = QImage(10, 10, QImage.Format.Format_ARGB32)
    image.fill(QColor("red"))
    assert win.paste_image(image)
    assert len(ctl.review.events) == 1 and len(ctl.review.evidence) == 1
    ctl.set_document(None)
    doc.close()


def test_without_a_review_it_says_so_and_keeps_the_text(qtbot, frozen_clock):
    from pm_desktop.ui.controller import DocumentController

    ctl = DocumentController()
    win = CaptureWindow(ctl, clock=frozen_clock)
    qtbot.addWidget(win)
    win.input.setText("important note")
    assert win.add_note() is None
    assert win.input.text() == "important note"
    assert "Open or create a review" in win.status.text()


def test_a_null_picture_is_refused_with_a_message(window, controller):
    count = len(controller.review.evidence)
    assert window.paste_image(QImage()) is None
    assert "empty" in window.status.text()
    assert len(controller.review.evidence) == count


def test_the_clock_moves_on(qtbot, controller):
    now = [dt.datetime(2025, 3, 12, 23, 59, 59, tzinfo=dt.UTC)]
    win = CaptureWindow(controller, clock=lambda: now[0])
    qtbot.addWidget(win)
    assert win.clock_label.text() == "23:59:59"
    now[0] = dt.datetime(2025, 3, 13, 0, 0, 5, tzinfo=dt.UTC)
    win._tick()
    assert win.clock_label.text() == "00:00:05"
    assert "13 Mar 2025" in win.zone_label.text()


def test_open_capture_window_reuses_one_window_per_parent(qtbot, controller):
    from PySide6.QtWidgets import QWidget

    parent = QWidget()
    qtbot.addWidget(parent)
    first = open_capture_window(controller, parent)
    second = open_capture_window(controller, parent)
    assert first is second and first.isVisible()
    first.close()


def test_hostile_and_huge_notes_are_kept_whole(window, controller):
    nasty = "<img src=/etc/passwd> x<y Привет 事故 🔥"
    _type(window, nasty)
    big = "log " * 20_000  # 80,000 characters: more than a QLineEdit keeps by default
    _type(window, big)
    newest = sorted(controller.review.events.values(), key=lambda e: e.seq)[-2:]
    assert newest[0].text == nasty
    assert newest[1].text == big.strip()
    tip = window.recent.item(1).toolTip()
    assert "<img" not in tip and "&lt;img" in tip
