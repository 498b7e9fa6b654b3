"""Shell test setup: every test runs with its own settings file and app-data folder, so nothing
reads or writes the user's real settings, recent files or unsaved reviews."""

from __future__ import annotations

from collections import deque
from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def isolated_settings(tmp_path, qapp):
    from PySide6.QtCore import QStandardPaths

    from pm_desktop.ui import settings, themes
    from pm_desktop.ui.app import configure_application_names

    configure_application_names()
    QStandardPaths.setTestModeEnabled(True)
    _flush_deleted()
    with settings.isolate(tmp_path / "pm-home") as root:
        if themes.current_choice() != "light" or not qapp.styleSheet():
            themes.apply_theme(qapp, "light")
        yield root
    _flush_deleted()
    if themes.current_choice() != "light":
        themes.apply_theme(qapp, "light")
    base = qapp.property("pmBasePointSize")
    if base is not None and qapp.font().pointSizeF() != float(base):
        font = qapp.font()
        font.setPointSizeF(float(base))
        qapp.setFont(font)


def _flush_deleted() -> None:
    """Widgets closed by qtbot are deleteLater()'d; without an event loop they would pile up
    and make every theme switch slower."""
    from PySide6.QtCore import QCoreApplication, QEvent

    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


class ScriptedPrompts:
    """Answers the window's questions from queues and records what it said."""

    def __init__(self):
        self.errors: list[str] = []
        self.open_answers: deque[str | None] = deque()
        self.save_answers: deque[str | None] = deque()
        self.read_only_answer = True
        self.already_open_answer = "switch"
        self.keep_answers: deque[str] = deque()
        self.profile = "internal"
        self.tracker: str | None = "jira"
        self.asked_tracker: list[str] = []
        self.asked_keep: list[str] = []
        self.recovery_dialogs: list = []
        self.on_recovery = None
        self.clean_answer = False
        self.clean_questions: list[str] = []
        self.parent = None

    def error(self, title: str, message: str) -> None:
        self.errors.append(message)

    def open_file(self, folder: str) -> str | None:
        return self.open_answers.popleft() if self.open_answers else None

    def save_file(self, caption: str, suggested: str, file_filter: str) -> str | None:
        return self.save_answers.popleft() if self.save_answers else None

    def open_read_only(self, message: str) -> bool:
        self.read_only_message = message
        return self.read_only_answer

    def already_open_here(self, message: str) -> str:
        self.read_only_message = message
        return self.already_open_answer

    def keep_untitled(self, title: str) -> str:
        self.asked_keep.append(title)
        return self.keep_answers.popleft() if self.keep_answers else "cancel"

    def export_profile(self) -> str | None:
        return self.profile

    def export_tracker(self, current: str) -> str | None:
        self.asked_tracker.append(current)
        return self.tracker

    def open_cleaned_copy(self, message: str) -> bool:
        self.clean_questions.append(message)
        return self.clean_answer

    def recovery(self, dialog) -> None:
        self.recovery_dialogs.append(dialog)
        if self.on_recovery is not None:
            self.on_recovery(dialog)


@pytest.fixture
def prompts():
    return ScriptedPrompts()


@pytest.fixture
def make_window(qtbot, prompts):
    """Build a MainWindow (optionally with other panel classes); closed after the test."""
    from pm_desktop.ui.main_window import MainWindow
    from pm_desktop.ui.settings import Settings

    windows = []

    def make(panel_classes=None, clock=None):
        window = MainWindow(Settings(), panel_classes=panel_classes, prompts=prompts, clock=clock)
        prompts.parent = window
        qtbot.addWidget(window)
        window.resize(1200, 800)
        window.show()
        windows.append(window)
        return window

    yield make
    from PySide6.QtCore import QCoreApplication, QEvent

    for window in windows:
        if window.presentation is not None:
            window.presentation.leave()
        prompts.keep_answers.extend(["discard"] * 3)
        window.files.close_review()
        window.hide()
        window.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@pytest.fixture
def window(make_window):
    return make_window()


@pytest.fixture
def review_file(tmp_path) -> Path:
    """A saved copy of the example review (not open)."""
    from pm_desktop.ingest.builtin import load_example
    from pm_desktop.store.document import Document

    path = tmp_path / "files" / "payments outage.pmreview"
    path.parent.mkdir()
    ex = load_example()
    Document.create(path, ex.review, ex.blobs).close()
    return path
