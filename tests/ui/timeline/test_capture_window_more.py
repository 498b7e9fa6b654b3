"""The capture window: back-dated notes, a thumbnail for a screenshot, and where it opens."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QColor, QGuiApplication, QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QVBoxLayout

from pm_desktop.domain.edits import set_field
from pm_desktop.ui import screen_area
from pm_desktop.ui.timeline.capture import HINT, CaptureWindow, open_capture_window
from pm_desktop.ui.timeline.capture_place import best_spot, corners


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


def test_the_hint_names_impact_and_back_dating():
    assert "!impact" in HINT and "~21:05" in HINT


def test_a_back_dated_note_keeps_its_time_and_kind(window, controller):
    before = set(controller.review.events)
    _type(window, "~09:58 !impact checkout errors start")
    (new,) = set(controller.review.events) - before
    event = controller.review.events[new]
    assert (event.time, event.kind, event.approximate) == (
        "2025-03-12T09:58:00Z",
        "impact_start",
        True,
    )
    assert event.text == "checkout errors start"


def test_a_time_that_cannot_be_read_keeps_the_note_and_says_why(window, controller):
    controller.push(set_field(controller.review, "display_tz", "Europe/Berlin"))
    window.clock = lambda: dt.datetime(2025, 3, 30, 5, tzinfo=dt.UTC)  # clocks went forward
    count = len(controller.review.events)
    _type(window, "02:30 paged")
    assert len(controller.review.events) == count
    assert window.input.text() == "02:30 paged"
    assert "did not happen" in window.status.text()


def test_a_pasted_screenshot_shows_a_thumbnail(window, controller, qtbot):
    image = QImage(320, 200, QImage.Format.Format_RGB32)
    image.fill(QColor("#336699"))
    QGuiApplication.clipboard().setImage(image)
    assert not window.thumb_row.isVisible()
    QTest.keyClick(window.input, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert window.thumb_row.isVisible()
    assert window.thumb.pixmap().width() <= 160 and not window.thumb.pixmap().isNull()
    assert "320 × 200" in window.thumb_note.text()
    _type(window, "next note")  # the confirmation is for the last paste only
    assert not window.thumb_row.isVisible()


def test_it_opens_fully_on_a_small_screen(qtbot, controller, frozen_clock):
    with screen_area.forced(QRect(0, 0, 400, 300)):
        win = open_capture_window(controller, clock=frozen_clock)
        qtbot.addWidget(win)
        frame = win.frameGeometry()
        assert QRect(0, 0, 400, 300).contains(frame), frame


def test_a_corner_clear_of_the_dialog_and_its_buttons_is_chosen():
    area = QRect(0, 0, 1920, 1040)
    size = QSize(440, 330)
    top_right = corners(area, size)[0]
    dialog = QRect(1300, 0, 620, 500)  # under the top-right corner
    buttons = [QRect(1700, 440, 100, 30)]
    spot = best_spot(area, size, [dialog], buttons, top_right)
    assert not spot.intersects(dialog) and area.contains(spot)


def test_when_a_dialog_opens_the_window_steps_off_its_buttons(window, qtbot):
    dialog = QDialog()
    qtbot.addWidget(dialog)
    box = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    QVBoxLayout(dialog).addWidget(box)
    dialog.setGeometry(window.frameGeometry().adjusted(-20, -20, 20, 20))
    dialog.show()
    qtbot.waitExposed(dialog)
    window.step_aside(dialog)
    ok = box.button(QDialogButtonBox.StandardButton.Ok)
    ok_rect = QRect(ok.mapToGlobal(ok.rect().topLeft()), ok.size())
    assert not window.frameGeometry().intersects(ok_rect)
    assert screen_area.available(window).contains(window.frameGeometry())
