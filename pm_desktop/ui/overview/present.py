"""The Overview as the room sees it in presentation mode: large type, nothing to edit.

Four pages, stepped with the arrow keys: the incident at a glance (title, severity, impact,
services and regions affected, response times), how it unfolded (trigger, detection, response,
recovery), the summary and lessons, then who took part and the review meeting.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from pm_desktop.domain import timefmt, timeutil
from pm_desktop.domain.model import REVIEW_STATUS_LABELS, Review

from .. import typography
from .metrics import MetricsStrip

PAGES = ("The incident", "How it unfolded", "Summary and lessons", "Who took part")
UNFOLDING = (
    ("detection", "How we noticed"),
    ("response", "What we did"),
    ("recovery", "How it came back"),
)


def affected_text(review: Review) -> str:
    """``Services: checkout-api, orders-db\nRegions: Europe`` (only the parts filled in)."""
    m = review.meta
    parts = [
        f"{title}: {' '.join(value.split())}"
        for title, value in (("Services", m.affected_services), ("Regions", m.affected_regions))
        if value.strip()
    ]
    return "\n".join(parts)


def meeting_text(review: Review) -> str:
    """``Review meeting on Thursday 13 March 2025 · Attendees: Ana, Bo`` (parts filled in)."""
    m = review.meta
    parts = []
    if m.meeting_date and timeutil.is_valid_date(m.meeting_date):
        parts.append(f"Review meeting on {timefmt.long_day(timeutil.parse_date(m.meeting_date))}")
    attendees = " ".join(m.attendees.split())
    if attendees:
        parts.append(f"Attendees: {attendees}")
    return "\n".join(parts)


def _label(text: str = "", scale: float = 1.0, weight: QFont.Weight | None = None) -> QLabel:
    label = typography.mark(QLabel(text), scale, weight)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
    return label


def incident_facts(review: Review) -> str:
    """``SEV2 · In review · 12 March 2025 · All times in UTC``."""
    m = review.meta
    parts = [m.severity or "Severity not set", REVIEW_STATUS_LABELS.get(m.status, m.status)]
    if m.incident_date and timeutil.is_valid_date(m.incident_date):
        date = timeutil.parse_date(m.incident_date)
        parts.append(f"{date.day} {date:%B %Y}")
    else:
        parts.append("Date not set")
    parts.append(f"All times in {m.display_tz}")
    return "  ·  ".join(parts)


class _Page(QWidget):
    def __init__(self, heading: str):
        super().__init__()
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(0, 0, 0, 0)
        self.layout_.setSpacing(18)
        self.heading = _label(heading, 1.0, QFont.Weight.DemiBold)
        self.heading.setProperty("role", "muted")
        self.layout_.addWidget(self.heading)


class OverviewPresentation(QWidget):
    """Large-type summary of the review for presentation mode."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.stack = QStackedWidget()
        # page 1: the incident at a glance
        first = _Page(PAGES[0])
        self.title = _label("", 2.3, QFont.Weight.Bold)
        self.facts = _label("", 1.1)
        self.facts.setProperty("role", "muted")
        self.impact_heading = _label("Impact", 1.15, QFont.Weight.Bold)
        self.impact = _label("", 1.1)
        self.metrics = MetricsStrip(value_scale=2.2)
        first.layout_.addWidget(self.title)
        first.layout_.addWidget(self.facts)
        first.layout_.addSpacing(8)
        first.layout_.addWidget(self.impact_heading)
        first.layout_.addWidget(self.impact)
        self.affected = _label("", 1.1)
        first.layout_.addWidget(self.affected)
        first.layout_.addSpacing(8)
        first.layout_.addWidget(self.metrics)
        first.layout_.addStretch(1)
        # page 2: how it unfolded, as the facilitator walks the room through it
        unfolding = _Page(PAGES[1])
        unfolding.layout_.addWidget(_label("What set it off", 1.15, QFont.Weight.Bold))
        self.trigger = _label("", 1.1)
        unfolding.layout_.addWidget(self.trigger)
        grid = QGridLayout()
        grid.setHorizontalSpacing(28)
        grid.setVerticalSpacing(8)
        self.unfolding: dict[str, QLabel] = {}
        for col, (key, heading) in enumerate(UNFOLDING):
            grid.addWidget(_label(heading, 1.15, QFont.Weight.Bold), 0, col)
            body = _label("", 1.0)
            self.unfolding[key] = body
            grid.addWidget(body, 1, col)
            grid.setColumnStretch(col, 1)
        unfolding.layout_.addSpacing(10)
        unfolding.layout_.addLayout(grid)
        unfolding.layout_.addStretch(1)
        # page 3: summary and lessons
        second = _Page(PAGES[2])
        self.summary = _label("", 1.1)
        second.layout_.addWidget(_label("Summary", 1.15, QFont.Weight.Bold))
        second.layout_.addWidget(self.summary)
        lessons = QGridLayout()
        lessons.setHorizontalSpacing(28)
        lessons.setVerticalSpacing(8)
        self.lessons: list[QLabel] = []
        for col, heading in enumerate(("What went well", "What went wrong", "Where we got lucky")):
            lessons.addWidget(_label(heading, 1.15, QFont.Weight.Bold), 0, col)
            body = _label("", 1.0)
            self.lessons.append(body)
            lessons.addWidget(body, 1, col)
            lessons.setColumnStretch(col, 1)
        second.layout_.addSpacing(10)
        second.layout_.addLayout(lessons)
        second.layout_.addStretch(1)
        # page 4: people and the meeting
        third = _Page(PAGES[3])
        self.meeting = _label("", 1.1)
        self.meeting.setObjectName("MeetingFacts")
        third.layout_.addWidget(self.meeting)
        self.roles = _label("", 1.1, QFont.Weight.DemiBold)
        self.roles.setObjectName("MeetingRoles")
        third.layout_.addWidget(self.roles)
        self.people_grid = QGridLayout()
        self.people_grid.setHorizontalSpacing(28)
        self.people_grid.setVerticalSpacing(14)
        third.layout_.addLayout(self.people_grid)
        third.layout_.addStretch(1)
        for page in (first, unfolding, second, third):
            self.stack.addWidget(page)
        self.page_label = _label("", 0.85)
        self.page_label.setProperty("role", "muted")
        self.page_label.setAlignment(Qt.AlignmentFlag.AlignRight)
        frame = QFrame()
        inner = QVBoxLayout(frame)
        inner.setContentsMargins(0, 0, 0, 0)
        inner.addWidget(self.stack, 1)
        inner.addWidget(self.page_label)
        outer = QHBoxLayout(self)
        outer.setContentsMargins(48, 28, 48, 24)
        outer.addWidget(frame, 1)
        self._review: Review | None = None
        self._update_page_label()
        typography.apply(self)

    # ------------------------------------------------------------------ stepping
    @property
    def page(self) -> int:
        return self.stack.currentIndex()

    def step(self, delta: int) -> bool:
        target = self.stack.currentIndex() + delta
        if not 0 <= target < self.stack.count():
            return False
        self.stack.setCurrentIndex(target)
        self._update_page_label()
        return True

    def reset(self) -> None:
        self.stack.setCurrentIndex(0)
        self._update_page_label()

    def _update_page_label(self) -> None:
        i = self.stack.currentIndex()
        self.page_label.setText(f"{PAGES[i]}  ·  {i + 1} of {len(PAGES)}   (← → to step)")

    # ------------------------------------------------------------------ content
    def refresh(self, review: Review) -> None:
        self._review = review
        m = review.meta
        self.title.setText(m.title or "Untitled review")
        self.facts.setText(incident_facts(review))
        self.impact.setText(m.impact.strip() or "The impact has not been described yet.")
        affected = affected_text(review)
        self.affected.setText(affected)
        self.affected.setVisible(bool(affected))
        self.metrics.refresh(review)
        self.trigger.setText(m.trigger.strip() or "The trigger has not been described yet.")
        for key, label in self.unfolding.items():
            label.setText(getattr(m, key).strip() or "—")
        self.summary.setText(m.summary.strip() or "No summary yet.")
        for label, text in zip(
            self.lessons,
            (m.lessons_went_well, m.lessons_went_wrong, m.lessons_got_lucky),
            strict=True,
        ):
            label.setText(text.strip() or "—")
        roles = [("Facilitator", m.facilitator), ("Note-taker", m.note_taker)]
        named = [f"{title}: {' '.join(name.split())}" for title, name in roles if name.strip()]
        self.roles.setText("   ·   ".join(named))
        self.roles.setVisible(bool(named))
        meeting = meeting_text(review)
        self.meeting.setText(meeting)
        self.meeting.setVisible(bool(meeting))
        self._fill_people(review)

    def _fill_people(self, review: Review) -> None:
        while self.people_grid.count():
            item = self.people_grid.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        people = review.sorted_people()
        if not people:
            self.people_grid.addWidget(_label("No participants listed yet.", 1.1), 0, 0)
        columns = 2 if len(people) > 4 else 1
        for i, person in enumerate(people):
            box = QWidget()
            lay = QVBoxLayout(box)
            lay.setContentsMargins(0, 0, 0, 0)
            lay.setSpacing(2)
            lay.addWidget(_label(person.name, 1.2, QFont.Weight.Bold))
            role = " · ".join(p for p in (person.role, person.team) if p)
            if role:
                sub = _label(role, 0.95)
                sub.setProperty("role", "muted")
                lay.addWidget(sub)
            self.people_grid.addWidget(box, i // columns, i % columns)
        typography.apply(self)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        super().changeEvent(event)
        if typography.is_font_change(event):
            typography.apply(self)
