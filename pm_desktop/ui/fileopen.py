"""Documents the operating system asks the running app to open.

macOS delivers "open this document" (a double-click in Finder, a drop on the Dock icon) as a
:class:`QFileOpenEvent` sent to the application, not as a command-line argument; this relays it
to the main window's usual open path (with its checks and one-line errors).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QFileOpenEvent


class FileOpenRelay(QObject):
    def __init__(self, window, parent: QObject | None = None):  # noqa: ANN001 - MainWindow
        super().__init__(parent)
        self.window = window

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.FileOpen and isinstance(event, QFileOpenEvent):
            path = event.file()
            if path:
                self.window.files.open_path(path)
                return True
        return False
