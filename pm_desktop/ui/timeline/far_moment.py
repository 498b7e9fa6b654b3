"""The question under the timeline's tools when a time lands far from all the others.

"1900-01-01 09:00" is accepted as a time, but it is almost always a slip. The time is stored at
once (nothing typed is lost), then this bar asks, without a modal dialog, whether to keep it or
put the earlier time back. Editing that event again, or opening another review, retires it.

Signals: ``putBack(str event_id, str instant, object before)``.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from pm_desktop.domain.model import Review


class FarMomentBar(QFrame):
    putBack = Signal(str, str, object)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("Banner")
        self.event_id = ""
        self.instant = ""
        self.before: str | None = None
        self.label = QLabel("")
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.keep_button = QPushButton("Keep this date")
        self.back_button = QPushButton("Put the earlier time back")
        self.keep_button.clicked.connect(self.retire)
        self.back_button.clicked.connect(self._put_back)
        row = QHBoxLayout(self)
        row.setContentsMargins(10, 6, 6, 6)
        row.addWidget(self.label, 1)
        row.addWidget(self.keep_button)
        row.addWidget(self.back_button)
        self.hide()

    def ask(self, event_id: str, instant: str, before: str | None, question: str) -> None:
        self.event_id, self.instant, self.before = event_id, instant, before
        self.label.setText(question)
        self.setAccessibleName(question)
        self.show()

    def follow(self, review: Review) -> None:
        """Retire the question once the event's time is no longer the one asked about."""
        if self.isHidden():
            return
        event = review.events.get(self.event_id)
        if event is None or event.time != self.instant:
            self.retire()

    def retire(self) -> None:
        self.event_id = self.instant = ""
        self.before = None
        self.hide()

    def _put_back(self) -> None:
        event_id, instant, before = self.event_id, self.instant, self.before
        self.retire()
        self.putBack.emit(event_id, instant, before)
