"""Fixtures of the 5-whys panel tests."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture
def settings(tmp_path):
    from PySide6.QtCore import QSettings

    return QSettings(str(tmp_path / "whys-settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def panel(qtbot, controller, settings):
    """The 5 Whys panel on the example review, shown and sized like a laptop window."""
    from pm_desktop.ui.whys import WhysPanel

    widget = WhysPanel(controller, settings=settings)
    qtbot.addWidget(widget)
    widget.resize(1200, 800)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


@pytest.fixture
def empty_controller(qtbot, tmp_path):
    """A controller on a new, empty review (no whys at all)."""
    from pm_desktop.domain.model import Review
    from pm_desktop.store.document import Document
    from pm_desktop.ui.controller import DocumentController

    doc = Document.create(Path(tmp_path) / "empty.pmreview", Review())
    ctl = DocumentController(doc)
    yield ctl
    ctl.set_document(None)
    doc.close()


@pytest.fixture
def empty_panel(qtbot, empty_controller, settings):
    from pm_desktop.ui.whys import WhysPanel

    widget = WhysPanel(empty_controller, settings=settings)
    qtbot.addWidget(widget)
    widget.resize(1200, 800)
    widget.show()
    qtbot.waitExposed(widget)
    return widget
