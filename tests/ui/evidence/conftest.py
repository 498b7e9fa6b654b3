"""Fixtures of the evidence panel tests: a panel with an injected browser opener, file chooser
and clock, and a helper that drops a QMimeData on it the way Qt would."""

from __future__ import annotations

import datetime as _dt
import io

import pytest
from PIL import Image
from PySide6.QtCore import QMimeData, QPointF, Qt
from PySide6.QtWidgets import QApplication

NOW = _dt.datetime(2025, 3, 12, 10, 30, 0, tzinfo=_dt.UTC)


def png_bytes(width: int = 320, height: int = 200, seed: int = 0) -> bytes:
    """A small screenshot-like PNG; ``seed`` makes each one different."""
    img = Image.new("RGB", (width, height), (20 + seed % 200, 40, 90))
    for x in range(0, width, 7):
        img.putpixel((x, (seed * 13 + x) % height), (250, 160, 40))
    out = io.BytesIO()
    img.save(out, "PNG")
    return out.getvalue()


@pytest.fixture
def make_png():
    return png_bytes


@pytest.fixture
def opened() -> list[str]:
    """URLs the panel asked the system browser to open."""
    return []


@pytest.fixture
def saved_dir(tmp_path):
    folder = tmp_path / "saved"
    folder.mkdir()
    return folder


@pytest.fixture
def make_panel(qtbot, opened, saved_dir):
    """Build an EvidencePanel on a controller with everything outward-facing injected."""
    from pm_desktop.ui.evidence import EvidencePanel

    def build(controller, **kwargs):
        def opener(url):
            opened.append(url.toString())
            return True

        panel = EvidencePanel(
            controller,
            opener=opener,
            chooser=lambda _parent, _title, name: str(saved_dir / name),
            clock=lambda: NOW,
            threaded_thumbnails=kwargs.pop("threaded_thumbnails", False),
            **kwargs,
        )
        qtbot.addWidget(panel)
        panel.resize(1300, 850)
        return panel

    return build


@pytest.fixture
def panel(make_panel, controller):
    return make_panel(controller)


@pytest.fixture
def drop():
    """Send a synthetic drag-enter and (when accepted) drop of ``mime`` to ``widget``."""
    from PySide6.QtGui import QDragEnterEvent, QDropEvent

    def send(widget, mime: QMimeData) -> bool:
        actions = Qt.DropAction.CopyAction | Qt.DropAction.LinkAction
        pos = QPointF(30.0, 30.0)
        args = (actions, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
        # Qt 6: the drag-enter event takes an integer QPoint, the drop event a QPointF.
        enter = QDragEnterEvent(pos.toPoint(), *args)
        QApplication.sendEvent(widget, enter)
        if not enter.isAccepted():
            return False
        event = QDropEvent(
            QPointF(30.0, 30.0),
            actions,
            mime,
            Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.NoModifier,
        )
        QApplication.sendEvent(widget, event)
        return event.isAccepted()

    return send


@pytest.fixture
def blob_count():
    def count(document) -> int:
        return document.conn.execute("SELECT count(*) FROM blob").fetchone()[0]

    return count
