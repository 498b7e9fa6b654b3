"""The review coach's marker on timeline rows: a small note bubble before the text, tooltip = the notes.

Mixed into :class:`~.model.TimelineModel`. The notes come from the shared
:class:`~pm_desktop.ui.coach.index.CoachIndex` (one coach pass per change, a dict lookup per
paint); when it updates, only the rows whose notes changed are repainted. In presentation mode
the index is quiet and the markers disappear.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QApplication

from ..coach import look
from ..coach.index import CoachIndex, coach_index


class CoachMarksMixin:
    """Needs ``controller``, ``row_of(id)``, ``index(row, column)``, ``dataChanged`` and the
    ``text`` column's number in ``_coach_column``."""

    _coach_column: int = 0

    def _init_coach_marks(self) -> None:
        self._coach: CoachIndex = coach_index(self.controller)  # type: ignore[attr-defined]
        self._coach_shown: dict[str, tuple] = {}
        self._coach.updated.connect(self._on_coach_updated)

    def coach_notes(self, event_id: str) -> tuple:
        """The coach's wording notes on an event (empty while presenting)."""
        return self._coach.notes("event").get(event_id, ())

    def _coach_decoration(self, event_id: str):
        notes = self.coach_notes(event_id)
        if not notes:
            return None
        size = QFontMetrics(QApplication.font()).height() - 2
        return look.marker_icon(look.strongest(notes), size)

    def _coach_tooltip(self, event_id: str) -> str | None:
        notes = self.coach_notes(event_id)
        return look.marker_tooltip(notes) if notes else None

    def _on_coach_updated(self) -> None:
        now = self._coach.notes("event")
        before = self._coach_shown
        self._coach_shown = dict(now)
        changed = {i for i in before.keys() | now.keys() if before.get(i) != now.get(i)}
        column = self._coach_column
        roles = [Qt.ItemDataRole.DecorationRole, Qt.ItemDataRole.ToolTipRole]
        for event_id in changed:
            row = self.row_of(event_id)  # type: ignore[attr-defined]
            if row >= 0:
                cell = self.index(row, column)  # type: ignore[attr-defined]
                self.dataChanged.emit(cell, cell, roles)  # type: ignore[attr-defined]
