"""The import preview's table: every entry an importer read, with a tick box.

Rows follow the entries' order (a Slack thread's replies right after their parent). Entries the
review already holds (:func:`~pm_desktop.ingest.intake.plan.plan_intake`) start unticked and say
so; the user may tick them anyway. A scope (channels, a time range) hides rows without losing
their ticks; only shown, ticked rows are added.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from pm_desktop.domain.model import EVENT_KINDS
from pm_desktop.domain.provenance import source_label
from pm_desktop.ingest.intake.entries import IntakeEntry
from pm_desktop.ingest.intake.plan import PlannedEntry

from .. import themes
from ..timeline import formatting, symbols

COLUMNS: tuple[str, ...] = ("include", "time", "author", "source", "kind", "text", "note")
HEADERS = {
    "include": "Add",
    "time": "Time",
    "author": "Who",
    "source": "Source",
    "kind": "Kind",
    "text": "What happened",
    "note": "What to check",
}
_ROOT = QModelIndex()


class IntakePreviewModel(QAbstractTableModel):
    """No signals of its own (``dataChanged`` when a tick changes, a reset when the scope does)."""

    def __init__(self, planned: Sequence[PlannedEntry], zone: str, parent=None):
        super().__init__(parent)
        self._planned = list(planned)
        self._ticked = [not p.duplicate for p in self._planned]
        self._kinds: dict[int, str] = {}  # the user's kind for an entry, by its place
        self._shown = list(range(len(self._planned)))
        self._zone = formatting.safe_zone(zone)

    # ------------------------------------------------------------------ scope and choices
    def set_scope(
        self, sources: set[str] | None, since: str | None = None, until: str | None = None
    ) -> None:
        """Show only entries from ``sources`` (None: all) inside the time range (inclusive)."""

        def inside(entry: IntakeEntry) -> bool:
            if sources is not None and entry.source not in sources:
                return False
            if entry.time is None:
                return True
            return not ((since and entry.time < since) or (until and entry.time > until))

        self.beginResetModel()
        self._shown = [i for i, p in enumerate(self._planned) if inside(p.entry)]
        self.endResetModel()

    def set_all(self, on: bool) -> None:
        for i in self._shown:
            self._ticked[i] = on
        if self._shown:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._shown) - 1, 0))

    def planned(self, row: int) -> PlannedEntry:
        return self._planned[self._shown[row]]

    def is_ticked(self, row: int) -> bool:
        return self._ticked[self._shown[row]]

    def kind_of(self, row: int) -> str:
        index = self._shown[row]
        return self._kinds.get(index, self._planned[index].entry.kind)

    def chosen(self) -> list[IntakeEntry]:
        """The shown, ticked entries, in order, with the kinds the user chose."""
        out = []
        for i in self._shown:
            if self._ticked[i]:
                entry = self._planned[i].entry
                out.append(replace(entry, kind=self._kinds[i]) if i in self._kinds else entry)
        return out

    def counts(self) -> tuple[int, int, int]:
        """(shown, ticked among them, duplicates among them)."""
        ticked = sum(1 for i in self._shown if self._ticked[i])
        duplicates = sum(1 for i in self._shown if self._planned[i].duplicate)
        return len(self._shown), ticked, duplicates

    # ------------------------------------------------------------------ Qt model
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._shown)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ):
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(COLUMNS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            column = COLUMNS[section]
            return f"Time ({self._zone})" if column == "time" else HEADERS[column]
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if COLUMNS[index.column()] == "include":
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        elif COLUMNS[index.column()] == "kind":
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ):
        if not index.isValid() or not 0 <= index.row() < len(self._shown):
            return None
        row = index.row()
        planned = self.planned(row)
        entry = planned.entry
        column = COLUMNS[index.column()]
        if role == Qt.ItemDataRole.CheckStateRole and column == "include":
            return Qt.CheckState.Checked if self.is_ticked(row) else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.EditRole and column == "kind":
            return self.kind_of(row)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if column == "kind":
                return symbols.kind_label(self.kind_of(row))
            return self._display(planned, column)
        if role == Qt.ItemDataRole.DecorationRole and column == "kind":
            return symbols.kind_icon(self.kind_of(row))
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == "text":
                return formatting.plain_tooltip(entry.text)
            if column == "time" and entry.time is not None:
                return formatting.plain_tooltip(f"Written in {entry.tz}")
            if column == "note":
                return formatting.plain_tooltip(self._display(planned, column)) or None
            return None
        if role == Qt.ItemDataRole.ForegroundRole:
            if entry.warning:
                return QColor(themes.colors().warning_text)
            if not self.is_ticked(row):
                return QApplication.palette().color(QPalette.ColorRole.PlaceholderText)
        return None

    def _display(self, planned: PlannedEntry, column: str) -> str:
        entry = planned.entry
        if column == "include":
            return ""
        if column == "time":
            if entry.time is None:
                return "no time"
            return formatting.show_time(entry.time, self._zone).full
        if column == "author":
            return entry.author
        if column == "source":
            return source_label(entry.source)
        if column == "text":
            prefix = "    ↳ " if entry.reply_to else ""
            return prefix + formatting.first_line(entry.text, 300)
        notes = []
        if planned.duplicate:
            notes.append("already in the review")
        if entry.warning:
            notes.append(entry.warning)
        if entry.links:
            count = len(entry.links)
            notes.append(
                "1 link becomes evidence" if count == 1 else f"{count} links become evidence"
            )
        return "; ".join(notes)

    def setData(  # noqa: N802
        self,
        index: QModelIndex | QPersistentModelIndex,
        value,
        role: int = Qt.ItemDataRole.EditRole,
    ) -> bool:
        if not index.isValid():
            return False
        column = COLUMNS[index.column()]
        if column == "kind" and role == Qt.ItemDataRole.EditRole and value in EVENT_KINDS:
            self._kinds[self._shown[index.row()]] = str(value)
            self.dataChanged.emit(index, index)
            return True
        if column != "include" or role != Qt.ItemDataRole.CheckStateRole:
            return False
        on = value if isinstance(value, bool) else Qt.CheckState(value) == Qt.CheckState.Checked
        self._ticked[self._shown[index.row()]] = on
        self.dataChanged.emit(self.index(index.row(), 0), self.index(index.row(), len(COLUMNS) - 1))
        return True
