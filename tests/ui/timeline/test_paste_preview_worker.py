"""The paste preview reads the text in a worker thread whatever its size: the window keeps
answering and shows how far the reading got, Add waits for the result, and closing the dialog
stops the reading."""

from __future__ import annotations

import threading

from PySide6.QtCore import Qt, QTimer

from pm_desktop.ingest.timeline_text import ParseCancelled
from pm_desktop.ui.timeline import paste_preview
from pm_desktop.ui.timeline.paste_preview import PastePreviewDialog

TEXT = "09:15 UTC — Alert fires\n09:20 UTC — On-call paged\n09:41 UTC — Rolled back"


def test_the_ui_thread_keeps_running_while_the_worker_reads(controller, qtbot, monkeypatch):
    real = paste_preview.parse_timeline
    release = threading.Event()
    threads: list[int] = []

    def held(text, **kwargs):
        threads.append(threading.get_ident())
        kwargs["progress"](256, 1000)
        release.wait(30)
        return real(text, **kwargs)

    monkeypatch.setattr(paste_preview, "parse_timeline", held)
    before = len(controller.review.events)
    dialog = PastePreviewDialog(controller, TEXT)  # returns while the worker is held
    qtbot.addWidget(dialog)
    dialog.show()
    ticks: list[int] = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start(5)
    try:
        # The worker is stuck in the middle of the text: the UI thread still runs its timers,
        # paints the dialog and moves the progress bar.
        qtbot.waitUntil(lambda: dialog.progress.value() == 256)
        qtbot.waitUntil(lambda: len(ticks) >= 3)
        assert threads and threads[0] != threading.get_ident()
        assert dialog.is_parsing() and dialog.progress.isVisible()
        assert not dialog.add_button.isEnabled()
        assert dialog.model.rowCount() == 0
    finally:
        release.set()
        timer.stop()
    qtbot.waitUntil(lambda: not dialog.is_parsing())
    assert not dialog.progress.isVisible()
    assert dialog.model.rowCount() == 3
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    texts = [controller.review.events[i].text for i in dialog.added_ids]
    assert texts == ["Alert fires", "On-call paged", "Rolled back"]
    assert len(controller.review.events) == before + 3


def test_cancel_stops_the_reading_and_adds_nothing(controller, qtbot, monkeypatch):
    started = threading.Event()
    stopped = threading.Event()

    def endless(text, **kwargs):
        started.set()
        try:
            for n in range(10_000_000):
                kwargs["progress"](n, 10_000_000)
        except ParseCancelled:
            stopped.set()
            raise
        raise AssertionError("never told to stop")

    monkeypatch.setattr(paste_preview, "parse_timeline", endless)
    before = len(controller.review.events)
    dialog = PastePreviewDialog(controller, TEXT)
    qtbot.addWidget(dialog)
    dialog.show()
    assert started.wait(10)
    qtbot.mouseClick(
        dialog.buttons.button(dialog.buttons.StandardButton.Cancel), Qt.MouseButton.LeftButton
    )
    assert stopped.is_set()  # the dialog closed only once the worker had stopped
    assert dialog.result is None
    assert len(controller.review.events) == before


def test_a_newer_parse_stops_the_older_one_and_only_the_newer_is_shown(controller, qtbot):
    dialog = PastePreviewDialog(controller, "\n".join(f"09:{m:02d} UTC — old {m}" for m in range(60)))
    qtbot.addWidget(dialog)
    dialog.text_box.setPlainText("10:00 UTC — new")
    dialog.parse_now()
    qtbot.waitUntil(lambda: not dialog.is_parsing())
    assert dialog.model.rowCount() == 1
    assert dialog.model.entry(0).text == "new"
