"""The review meeting on the Overview: when it is held, who runs it, takes notes and attends,
what is said first, what the room learned, the contributing factors found beside the root causes,
and the review's revision history.

The fields are the panel's ordinary field editors (``edited(field, value)``, undo through the
window); the contributing factors and the revision history (recorded by the app, never typed)
are read-only texts kept up to date by :meth:`refresh`.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QGridLayout, QLabel, QVBoxLayout, QWidget

from pm_desktop.domain import revisions, timeutil
from pm_desktop.domain.model import Review

from .. import typography
from .fields import DateField, LineField, TextField

EDIT_LABELS = {
    "facilitator": "Edit facilitator",
    "note_taker": "Edit note-taker",
    "opening_statement": "Edit opening statement",
    "lessons_learned": "Edit “what we learned”",
    "meeting_date": "Change meeting date",
    "attendees": "Edit attendees",
}


def _caption(text: str) -> QLabel:
    label = typography.mark(QLabel(text), 0.98, QFont.Weight.DemiBold)
    label.setProperty("role", "muted")
    return label


class MeetingSection(QWidget):
    """Roles, opening statement and lessons learned (editors), and contributing factors."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.facilitator_field = LineField("facilitator", "Who leads the meeting")
        self.note_taker_field = LineField("note_taker", "Who writes down what is said")
        self.opening_field = TextField(
            "opening_statement",
            "Shown when presentation starts. Empty: a short blameless statement of ours.",
            min_lines=2,
        )
        self.learned_field = TextField(
            "lessons_learned", "The closing round’s answers (L in presentation).", min_lines=3
        )
        self.date_field = DateField("meeting_date")
        self.date_field.set_button.setText("Not set — choose a date")
        self.date_field.set_button.setToolTip("Set the day the review meeting is held")
        self.date_field.set_button.setAccessibleName("Set the meeting date")
        self.date_field.editor.setAccessibleName("Meeting date")
        self.date_field.clear_button.setAccessibleName("Clear the meeting date")
        self.attendees_field = LineField("attendees", "Everyone in the room, separated by commas")
        self.editors = (
            self.facilitator_field,
            self.note_taker_field,
            self.opening_field,
            self.learned_field,
            self.attendees_field,
        )
        names = (
            "Facilitator",
            "Note taker",
            "Opening statement",
            "What the room learned",
            "Attendees",
        )
        for widget, name in zip(self.editors, names, strict=True):
            widget.setAccessibleName(name)
            typography.mark(widget, 1.1)
        self.factors = typography.mark(QLabel(""), 1.05)
        self.factors.setObjectName("ContributingFactors")
        self.factors.setWordWrap(True)
        self.factors.setTextFormat(Qt.TextFormat.PlainText)
        self.factors.setAccessibleName("Contributing factors")
        self.history = typography.mark(QLabel(""), 1.0)
        self.history.setObjectName("RevisionHistory")
        self.history.setWordWrap(True)
        self.history.setTextFormat(Qt.TextFormat.PlainText)
        self.history.setProperty("role", "muted")
        self.history.setAccessibleName("Revision history")

        roles = QGridLayout()
        roles.setHorizontalSpacing(18)
        roles.setVerticalSpacing(4)
        roles.addWidget(_caption("Meeting date"), 0, 0)
        roles.addWidget(_caption("Facilitator"), 0, 1)
        roles.addWidget(_caption("Note-taker"), 0, 2)
        roles.addWidget(self.date_field, 1, 0)
        roles.addWidget(self.facilitator_field, 1, 1)
        roles.addWidget(self.note_taker_field, 1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addLayout(roles)
        layout.addWidget(_caption("Attendees"))
        layout.addWidget(self.attendees_field)
        layout.addWidget(_caption("Opening statement"))
        layout.addWidget(self.opening_field)
        layout.addWidget(_caption("What we learned"))
        layout.addWidget(self.learned_field)
        layout.addWidget(_caption("Contributing factors"))
        layout.addWidget(self.factors)
        layout.addWidget(_caption("Revision history (recorded by the app)"))
        layout.addWidget(self.history)

    def refresh(self, review: Review) -> None:
        factors = review.contributing_factors()
        if not factors:
            self.factors.setText(
                "None marked. In the 5 Whys, K marks a why as one of several contributing factors."
            )
            self.factors.setProperty("role", "muted")
        else:
            lines = []
            for factor in factors:
                cards = review.followups_for_why(factor.id)
                tail = (
                    f"  → {len(cards)} follow-up{'s' if len(cards) != 1 else ''}" if cards else ""
                )
                lines.append(f"◆ {' '.join(factor.text.split()) or '?'}{tail}")
            self.factors.setText("\n".join(lines))
            self.factors.setProperty("role", "")
        self.factors.style().unpolish(self.factors)
        self.factors.style().polish(self.factors)

    def refresh_history(self, review: Review) -> None:
        meta, zone = review.meta, review.meta.display_tz
        shown = zone if timeutil.is_valid_zone(zone) else "UTC"

        def when(canonical: str) -> str:
            return f"{timeutil.format_time(canonical, shown)} ({shown})"

        lines = []
        if timeutil.is_canonical(meta.created):
            lines.append(f"Created {when(meta.created)}")
        lines += [f"Status set to “{c.label}” {when(c.at)}" for c in revisions.status_changes(meta)]
        last = revisions.last_changed(meta)
        if last:
            lines.append(f"Last changed {when(last)}")
        self.history.setText("\n".join(lines) or "Nothing recorded yet.")
