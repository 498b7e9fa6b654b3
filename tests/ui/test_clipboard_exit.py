"""Copied data outlives the app as plain text owned by Qt, so quitting after a copy cannot
crash in Qt's static clean-up (see pm_desktop/ui/clipboard_exit.py)."""

from __future__ import annotations

from PySide6.QtCore import QMimeData
from PySide6.QtWidgets import QApplication
from shiboken6 import Shiboken

from pm_desktop.ui.clipboard_exit import release_clipboard


def test_data_copied_from_python_is_replaced_by_its_text(qapp):
    mime = QMimeData()
    mime.setText("Mei Lin\ton call")
    mime.setData("application/x-pm-events", b"[]")
    QApplication.clipboard().setMimeData(mime)
    release_clipboard()
    data = QApplication.clipboard().mimeData()
    assert QApplication.clipboard().text() == "Mei Lin\ton call"
    assert data is None or not Shiboken.createdByPython(data)


def test_data_without_text_is_cleared_and_qt_owned_text_is_left_alone(qapp):
    mime = QMimeData()
    mime.setData("application/x-pm-evidence-ids", b'["e1"]')
    QApplication.clipboard().setMimeData(mime)
    release_clipboard()
    assert QApplication.clipboard().text() == ""
    QApplication.clipboard().setText("from another app")
    release_clipboard()
    assert QApplication.clipboard().text() == "from another app"
