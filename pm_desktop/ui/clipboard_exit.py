"""What we put on the clipboard is handed to Qt's own objects before the interpreter ends.

A ``QMimeData`` made in Python and given to the clipboard is destroyed by Qt's static clean-up
after Python has finalised, and that destruction calls back into the bindings: the process
crashes on its way out (PySide6 6.11; seen offscreen after a copy, reproduced with one test
that copies participants). Before quitting, the text of such data is put back on the clipboard
as plain text owned by Qt (the app's private formats leave with the app), so the crash cannot
happen and what the user copied can still be pasted elsewhere.
"""

from __future__ import annotations


def release_clipboard() -> None:
    from PySide6.QtGui import QGuiApplication
    from shiboken6 import Shiboken

    if QGuiApplication.instance() is None:
        return
    board = QGuiApplication.clipboard()
    data = board.mimeData()
    if data is None or not Shiboken.createdByPython(data):
        return
    text = data.text() if data.hasText() else ""
    if text:
        board.setText(text)
    else:
        board.clear()
