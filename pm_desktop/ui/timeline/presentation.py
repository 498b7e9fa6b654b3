"""Presentation mode's "now showing" card: the current event in large type.

When a facilitator walks the room through the timeline with the arrow keys, this card shows the
event being discussed — its time with the zone, its kind with colour and symbol, and the text —
big enough to read from the back of the room. Under it, the questions worth asking the room
about this moment (see :mod:`pm_desktop.domain.facilitation`) and whether it is a turning point.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from pm_desktop.domain import facilitation
from pm_desktop.domain.model import Review

from .. import typography
from . import formatting, symbols


class PresentCard(QFrame):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("Card")
        self.icon = QLabel()
        self.time_label = typography.mark(QLabel(""), 1.9, QFont.Weight.Bold)
        self.kind_label = typography.mark(QLabel(""), 1.35, QFont.Weight.DemiBold)
        self.position = typography.mark(QLabel(""), 1.0)
        self.position.setProperty("role", "muted")
        self.text = typography.mark(QLabel(""), 1.5)
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail = typography.mark(QLabel(""), 1.0)
        self.detail.setProperty("role", "muted")
        self.detail.setTextFormat(Qt.TextFormat.PlainText)
        for label in (self.time_label, self.kind_label):
            label.setTextFormat(Qt.TextFormat.PlainText)
        head = QHBoxLayout()
        head.setSpacing(14)
        head.addWidget(self.time_label)
        head.addWidget(self.icon)
        head.addWidget(self.kind_label)
        head.addStretch(1)
        head.addWidget(self.position)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(22, 14, 22, 16)
        layout.setSpacing(6)
        layout.addLayout(head)
        layout.addWidget(self.text)
        # The questions for the room share the last line with the day and reporter, so the card
        # stays as tall as before and the chart keeps its room on a small screen.
        self.questions = typography.mark(QLabel(""), 1.05, QFont.Weight.DemiBold)
        self.questions.setObjectName("RoomQuestions")
        self.questions.setWordWrap(True)
        self.questions.setTextFormat(Qt.TextFormat.PlainText)
        self.questions.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.questions.setAccessibleName("Questions for the room")
        foot = QHBoxLayout()
        foot.setSpacing(18)
        foot.addWidget(self.detail, 0, Qt.AlignmentFlag.AlignVCenter)
        foot.addWidget(self.questions, 1)
        layout.addLayout(foot)
        self.event_id: str | None = None

    def show_event(self, review: Review, event_id: str | None, index: int, total: int) -> None:
        self.event_id = event_id
        event = review.events.get(event_id) if event_id else None
        if event is None:
            self.time_label.setText("")
            self.kind_label.setText("")
            self.icon.clear()
            self.text.setText("No events to show yet.")
            self.detail.setText("")
            self.position.setText("")
            self.questions.hide()
            return
        zone = formatting.safe_zone(review.meta.display_tz)
        if event.time is not None:
            shown = formatting.show_time(event.time, zone)
            prefix = "~" if event.approximate else ""
            self.time_label.setText(f"{prefix}{shown.clock} {zone}")
            day = shown.caption
        else:
            self.time_label.setText("No time yet")
            day = ""
        size = max(16, self.kind_label.fontMetrics().height())
        self.icon.setPixmap(symbols.kind_pixmap(event.kind, size))
        self.kind_label.setText(symbols.kind_label(event.kind))
        self.text.setText(formatting.clip_tooltip(event.text, 600) or "(no text)")
        bits = [day] if day else []
        if event.time is not None and formatting.safe_zone(event.tz) != zone:
            bits.append(formatting.entered_as(event))
        if event.author:
            bits.append(f"Reported by {event.author}")
        clips = len(review.evidence_for_event(event.id))
        if clips:
            bits.append(f"{clips} evidence item{'s' if clips != 1 else ''}")
        self.detail.setText(" · ".join(bits))
        self.position.setText(f"Event {index + 1} of {total}")
        lines = ["★ Turning point"] if event.turning_point else []
        lines += [f"? {p.question}" for p in facilitation.prompts_for_event(review, event.id)]
        self.questions.setText("   ".join(lines))
        reasons = [p.reason for p in facilitation.prompts_for_event(review, event.id)]
        self.questions.setToolTip("\n".join(reasons))
        self.questions.setVisible(bool(lines))
