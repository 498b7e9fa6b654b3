"""The Find bar under the panels (Ctrl+F). The window passes its text to the current panel.

Signals: ``findRequested(str)`` — the text changed or Enter asked for the next match;
``closed()`` — the bar was hidden (Esc or its close button).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QToolButton, QWidget


class _FindEdit(QLineEdit):
    escaped = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        if event.key() == Qt.Key.Key_Escape:
            self.escaped.emit()
            return
        super().keyPressEvent(event)


class FindBar(QWidget):
    findRequested = Signal(str)
    closed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("FindBar")
        self.edit = _FindEdit()
        self.edit.setPlaceholderText("Find in this section")
        self.edit.setClearButtonEnabled(True)
        self.edit.setAccessibleName("Find")
        self.status = QLabel("")
        self.status.setProperty("role", "muted")
        close = QToolButton()
        close.setText("✕")
        close.setToolTip("Close the find bar (Esc)")
        close.setAutoRaise(True)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 6, 12, 6)
        layout.addWidget(QLabel("Find:"))
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.status)
        layout.addWidget(close)
        self.edit.textChanged.connect(self.findRequested)
        self.edit.returnPressed.connect(lambda: self.findRequested.emit(self.edit.text()))
        self.edit.escaped.connect(self.close_bar)
        close.clicked.connect(self.close_bar)
        self.hide()

    def open_bar(self) -> None:
        self.show()
        self.edit.setFocus()
        self.edit.selectAll()

    def close_bar(self) -> None:
        if self.isVisible():
            self.hide()
            self.closed.emit()

    def text(self) -> str:
        return self.edit.text()

    def show_result(self, found: object) -> None:
        """Panels may return True/False from ``find``; None means they do not say."""
        if not self.edit.text().strip() or found is None:
            self.status.setText("")
        else:
            self.status.setText("" if found else "No match")
