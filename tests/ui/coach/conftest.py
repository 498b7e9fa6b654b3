"""Fixtures of the review coach UI tests: the poor review (full of notes) as a document, a
controller on it, and a main window on it with the coach pane open — each with its own settings
file, so nothing reads or changes the user's real settings."""

from __future__ import annotations

from pathlib import Path

import pytest

POOR = Path(__file__).resolve().parents[2] / "fixtures" / "poor-review.json"


@pytest.fixture(autouse=True)
def isolated_settings(tmp_path, qapp):
    from PySide6.QtCore import QCoreApplication, QEvent, QStandardPaths

    from pm_desktop.ui import settings, themes
    from pm_desktop.ui.app import configure_application_names

    configure_application_names()
    QStandardPaths.setTestModeEnabled(True)
    with settings.isolate(tmp_path / "pm-home") as root:
        if themes.current_choice() != "light" or not qapp.styleSheet():
            themes.apply_theme(qapp, "light")
        yield root
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    if themes.current_choice() != "light":
        themes.apply_theme(qapp, "light")


def poor_review():
    from pm_desktop.ingest.json_import import parse_review_bytes

    return parse_review_bytes(POOR.read_bytes()).review


@pytest.fixture
def poor_path(tmp_path) -> Path:
    """The poor review saved as a file (not open)."""
    from pm_desktop.store.document import Document

    path = tmp_path / "poor.pmreview"
    Document.create(path, poor_review()).close()
    return path


@pytest.fixture
def poor_controller(qtbot, poor_path):
    from pm_desktop.store.document import Document
    from pm_desktop.ui.controller import DocumentController

    doc = Document.open(poor_path)
    ctl = DocumentController(doc)
    yield ctl
    ctl.close_document()


@pytest.fixture
def coach_window(qtbot, poor_path):
    """The main window on the poor review with the coach pane open and up to date."""
    from PySide6.QtCore import QCoreApplication, QEvent

    from pm_desktop.ui.main_window import MainWindow
    from pm_desktop.ui.settings import Settings

    window = MainWindow(Settings())
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    assert window.open_path(poor_path)
    window.coach.set_open(True)
    window.coach.index.flush()
    qtbot.wait(1)
    yield window
    if window.presentation is not None:
        window.presentation.leave()
    window.controller.close_document()
    window.hide()
    window.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
