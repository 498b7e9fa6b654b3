"""The overview's review checklist: what a facilitator glances at before the meeting ends.

Ten lines from the review coach (:func:`pm_desktop.domain.coach.completeness`): a mark (✓ done,
○ still open — a shape and a word for screen readers, never colour alone), the item, and for open
items one line saying what to do. Done items are drawn quietly so the open ones stand out.

It reads the shared :class:`~pm_desktop.ui.coach.index.CoachIndex`, so the check runs once per
change for every view, and is hidden while the index is quiet (presentation mode) or empty.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from pm_desktop.domain.coach import ChecklistItem

from .. import themes, typography
from ..coach.index import CoachIndex

DONE_MARK, OPEN_MARK = "✓", "○"
COLUMNS = 2


class ChecklistRow(QFrame):
    """One item. Focusable, so a coach note about it can put the focus here."""

    def __init__(self, key: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("ChecklistRow")
        self.key = key
        self.done = False
        self.item: ChecklistItem | None = None
        self.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.mark = typography.mark(QLabel(OPEN_MARK), 1.1, QFont.Weight.Bold)
        self.mark.setFixedWidth(self.mark.fontMetrics().horizontalAdvance("✓○") + 4)
        self.mark.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignHCenter)
        self.label = typography.mark(QLabel(""), 1.0)
        self.label.setWordWrap(True)
        self.hint = typography.mark(QLabel(""), 0.92)
        self.hint.setWordWrap(True)
        self.hint.setProperty("role", "muted")
        text = QVBoxLayout()
        text.setSpacing(1)
        text.setContentsMargins(0, 0, 0, 0)
        text.addWidget(self.label)
        text.addWidget(self.hint)
        row = QHBoxLayout(self)
        row.setContentsMargins(4, 3, 4, 3)
        row.setSpacing(6)
        row.addWidget(self.mark, 0, Qt.AlignmentFlag.AlignTop)
        row.addLayout(text, 1)

    def show_item(self, item: ChecklistItem) -> None:
        if item == self.item:
            return
        self.item = item
        self.done = item.done
        self.mark.setText(DONE_MARK if item.done else OPEN_MARK)
        self.label.setText(item.label)
        self.hint.setText(item.hint)
        self.hint.setVisible(not item.done)
        state = "done" if item.done else "not done yet"
        self.setAccessibleName(f"{item.label}: {state}")
        self.setToolTip("" if item.done else item.hint)
        self.label.setProperty("role", "muted" if item.done else "")
        self.restyle()

    def restyle(self) -> None:
        c = themes.colors()
        self.mark.setStyleSheet(f"color: {c.ok if self.done else c.muted};")
        for label in (self.label, self.mark):
            label.style().unpolish(label)
            label.style().polish(label)


class ReviewChecklist(QFrame):
    """The checklist card. Reads ``index.checklist()`` on every ``index.updated``."""

    def __init__(self, index: CoachIndex, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("Card")
        self.index = index
        self.rows: dict[str, ChecklistRow] = {}
        self.heading = typography.mark(QLabel("Before you wrap up"), 1.15, QFont.Weight.Bold)
        self.heading.setProperty("role", "heading")
        self.count = typography.mark(QLabel(""), 0.98, QFont.Weight.DemiBold)
        self.count.setProperty("role", "muted")
        self.grid = QGridLayout()
        self.grid.setHorizontalSpacing(18)
        self.grid.setVerticalSpacing(2)
        for c in range(COLUMNS):
            self.grid.setColumnStretch(c, 1)
        top = QHBoxLayout()
        top.addWidget(self.heading)
        top.addStretch(1)
        top.addWidget(self.count)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(6)
        layout.addLayout(top)
        layout.addLayout(self.grid)
        self._restyle_focus()
        themes.notifier().themeChanged.connect(self._on_theme)
        index.updated.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        items = self.index.checklist()
        self.setVisible(bool(items))
        if not items:
            return
        if [i.key for i in items] != list(self.rows):
            self._build([i.key for i in items])
        for item in items:
            self.rows[item.key].show_item(item)
        done = sum(1 for i in items if i.done)
        self.count.setText(f"{done} of {len(items)} done")

    def _build(self, keys: list[str]) -> None:
        for row in self.rows.values():
            self.grid.removeWidget(row)
            row.deleteLater()
        self.rows = {}
        half = (len(keys) + COLUMNS - 1) // COLUMNS
        for i, key in enumerate(keys):  # down the first column, then the second
            row = ChecklistRow(key)
            self.rows[key] = row
            self.grid.addWidget(row, i % half, i // half, Qt.AlignmentFlag.AlignTop)
        parent = self.parentWidget()
        typography.apply(parent if parent is not None else self)

    def focus_item(self, key: str) -> QWidget | None:
        """Put the focus on ``key``'s line; the line (for the caller to scroll to) or None."""
        row = self.rows.get(key)
        if row is None or not self.isVisible():
            return None
        row.setFocus(Qt.FocusReason.OtherFocusReason)
        return row

    def _on_theme(self, _name: str = "") -> None:
        self._restyle_focus()
        for row in self.rows.values():
            row.restyle()

    def _restyle_focus(self) -> None:
        c = themes.colors()
        self.setStyleSheet(
            f"QFrame#ChecklistRow {{ border: 2px solid transparent; border-radius: 4px; }}"
            f"QFrame#ChecklistRow:focus {{ border: 2px solid {c.focus}; }}"
        )
