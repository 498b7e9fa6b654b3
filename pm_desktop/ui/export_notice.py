"""After an export: where the file went, with Open and Show in folder, in the status bar.

Not a dialog: the person has just chosen the place, so nothing waits for a click, but the next
step (look at the PDF, attach it to a mail) is one click away. Only a file this app has just
written is ever opened, and only by the system's viewer for that type; nothing is executed.

Signals: ``openRequested(str path)``, ``showFolderRequested(str folder)``.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QToolButton, QWidget

# What the app exports; nothing else is handed to the system's "open" here.
EXPORTED_SUFFIXES = frozenset({".pdf", ".md", ".csv", ".json", ".png", ".svg"})


def openable_export(path: str | os.PathLike[str]) -> Path | None:
    """``path`` when it is a regular file of an export type (not a link, not a program)."""
    p = Path(path)
    try:
        mode = p.lstat().st_mode
    except OSError:
        return None
    if not stat.S_ISREG(mode) or p.suffix.lower() not in EXPORTED_SUFFIXES:
        return None
    return p


def open_exported(path: str | os.PathLike[str]) -> bool:
    """Open an exported file with the system's viewer for its type; False when refused."""
    p = openable_export(path)
    if p is None:
        return False
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(p.resolve())))


def show_folder(path: str | os.PathLike[str]) -> bool:
    """Show the folder holding an exported file in the file manager."""
    p = openable_export(path)
    if p is None or not p.parent.is_dir():
        return False
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(p.parent.resolve())))


class ExportNotice(QWidget):
    """ "Exported review.pdf  [Open] [Show in folder] ✕" in the status bar until closed or the
    next export."""

    openRequested = Signal(str)
    showFolderRequested = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.path = ""
        self.label = QLabel("")
        self.open_button = QPushButton("Open")
        self.open_button.setAccessibleName("Open the exported file")
        self.folder_button = QPushButton("Show in folder")
        self.folder_button.setAccessibleName("Show the exported file in its folder")
        close = QToolButton()
        close.setText("✕")
        close.setToolTip("Hide this")
        close.setAccessibleName("Hide the export message")
        self.open_button.clicked.connect(lambda: self.openRequested.emit(self.path))
        self.folder_button.clicked.connect(lambda: self.showFolderRequested.emit(self.path))
        close.clicked.connect(self.hide)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 6, 0)
        row.addWidget(self.label)
        row.addWidget(self.open_button)
        row.addWidget(self.folder_button)
        row.addWidget(close)
        self.hide()

    def show_export(self, path: str) -> None:
        self.path = path
        self.label.setText(f"Exported {Path(path).name}")
        self.label.setToolTip(path)
        usable = openable_export(path) is not None
        self.open_button.setEnabled(usable)
        self.folder_button.setEnabled(usable)
        self.show()
