"""The paste preview's table: what the timeline parser read, before anything is added.

One row per parsed entry: include checkbox, source line, time (in the zone chosen in the dialog),
kind (editable), text and the parser's problems. Rows that needed a guess, or that swallowed
lines without a time, are tinted so the eye finds them. Choices (include, kind) survive a
re-parse because they are kept by source line number, which a new default date or zone does not
change.
"""

from __future__ import annotations

import bisect

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from pm_desktop.domain.model import EVENT_KINDS
from pm_desktop.domain.ops import EventDraft
from pm_desktop.ingest.timeline_text import ParsedEntry, ParseResult

from .. import themes
from . import formatting, symbols

PREVIEW_COLUMNS: tuple[str, ...] = ("include", "line", "time", "kind", "text", "problems")
PREVIEW_HEADERS = {
    "include": "Add",
    "line": "Line",
    "time": "Time",
    "kind": "Kind",
    "text": "Text",
    "problems": "What to check",
}
_ROOT = QModelIndex()


class PastePreviewModel(QAbstractTableModel):
    """Parsed entries with include flags and kind choices. No signals of its own."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._entries: tuple[ParsedEntry, ...] = ()
        self._joined: list[int] = []  # lines without a time folded into each entry
        self._zone = "UTC"
        # The person's tick choices by source line; without one, a row with a time is added and
        # a row without (a paste with no time at all: a title, garbage) is not.
        self._chosen: dict[int, bool] = {}
        self._kinds: dict[int, str] = {}  # by source line

    # ------------------------------------------------------------------ contents
    def set_result(self, result: ParseResult, zone: str) -> None:
        self.beginResetModel()
        self._entries = result.entries
        self._zone = formatting.safe_zone(zone)
        starts = [e.line for e in result.entries]
        joined = [0] * len(starts)
        for line in result.unparsed_lines:
            i = bisect.bisect_right(starts, line) - 1
            if 0 <= i < len(joined) and starts[i] != line:
                joined[i] += 1
        self._joined = joined
        self.endResetModel()

    @property
    def zone(self) -> str:
        return self._zone

    def entry(self, row: int) -> ParsedEntry:
        return self._entries[row]

    def kind_of(self, row: int) -> str:
        entry = self._entries[row]
        return self._kinds.get(entry.line, entry.kind)

    def _included(self, entry: ParsedEntry) -> bool:
        return self._chosen.get(entry.line, entry.time is not None)

    def included(self, row: int) -> bool:
        return self._included(self._entries[row])

    def included_count(self) -> int:
        return sum(1 for e in self._entries if self._included(e))

    def needs_attention(self, row: int) -> bool:
        entry = self._entries[row]
        return bool(entry.problems or self._joined[row] or entry.time is None)

    def set_all_included(self, on: bool) -> None:
        self._chosen.update((e.line, on) for e in self._entries)
        if self._entries:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self._entries) - 1, len(PREVIEW_COLUMNS) - 1)
            )

    def events_to_add(self) -> list[EventDraft]:
        """Drafts for ``ops.add_events``: the included entries with their chosen kinds."""
        return [
            EventDraft(
                time=entry.time,
                tz=formatting.safe_zone(entry.tz),
                text=entry.text,
                kind=self.kind_of(row),
                approximate=bool(entry.approximate or entry.date_only),
                source="paste",
            )
            for row, entry in enumerate(self._entries)
            if self._included(entry)
        ]

    # ------------------------------------------------------------------ Qt model
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._entries)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(PREVIEW_COLUMNS)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ):
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(PREVIEW_COLUMNS):
            return None
        column = PREVIEW_COLUMNS[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"Time ({self._zone})" if column == "time" else PREVIEW_HEADERS[column]
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        column = PREVIEW_COLUMNS[index.column()]
        if column == "include":
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        elif column == "kind":
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ):
        if not index.isValid() or not 0 <= index.row() < len(self._entries):
            return None
        row = index.row()
        entry = self._entries[row]
        column = PREVIEW_COLUMNS[index.column()]
        if role == Qt.ItemDataRole.CheckStateRole and column == "include":
            return Qt.CheckState.Checked if self.included(row) else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, entry, column)
        if role == Qt.ItemDataRole.EditRole:
            return self.kind_of(row) if column == "kind" else self._display(row, entry, column)
        if role == Qt.ItemDataRole.DecorationRole and column == "kind":
            return symbols.kind_icon(self.kind_of(row))
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == "text":
                return formatting.plain_tooltip(entry.raw or entry.text)
            if column == "problems" and (entry.problems or self._joined[row]):
                return formatting.plain_tooltip(self._problems(row, entry))
            if column == "time" and entry.time is not None:
                return formatting.plain_tooltip(f"Read in {entry.tz}")
            return None
        if role == Qt.ItemDataRole.BackgroundRole and self.needs_attention(row):
            return _attention_color()
        if role == Qt.ItemDataRole.ForegroundRole:
            if self.needs_attention(row):
                return QColor(themes.colors().warning_text)
            if not self.included(row):
                return QApplication.palette().color(QPalette.ColorRole.PlaceholderText)
        return None

    def _display(self, row: int, entry: ParsedEntry, column: str) -> str:
        if column == "include":
            return ""
        if column == "line":
            return str(entry.line)
        if column == "time":
            if entry.time is None:
                return "no time"
            shown = formatting.show_time(entry.time, self._zone)
            if entry.date_only:
                return shown.full[:10] + " (no clock time)"
            return ("~" if entry.approximate else "") + shown.full
        if column == "kind":
            return symbols.kind_label(self.kind_of(row))
        if column == "text":
            return formatting.first_line(entry.text, 300)
        return self._problems(row, entry)

    def _problems(self, row: int, entry: ParsedEntry) -> str:
        parts = list(entry.problems)
        joined = self._joined[row]
        if joined:
            parts.append(
                "1 line without a time joined to this entry"
                if joined == 1
                else f"{joined} lines without a time joined to this entry"
            )
        if entry.time is None:
            parts.insert(
                0,
                "no time found: tick it to add it without a time"
                if not self.included(row)
                else "no time found: added without a time",
            )
        return "; ".join(parts)

    def setData(  # noqa: N802
        self,
        index: QModelIndex | QPersistentModelIndex,
        value,
        role: int = Qt.ItemDataRole.EditRole,
    ) -> bool:
        if not index.isValid():
            return False
        entry = self._entries[index.row()]
        column = PREVIEW_COLUMNS[index.column()]
        if column == "include" and role == Qt.ItemDataRole.CheckStateRole:
            checked = (
                Qt.CheckState(value) == Qt.CheckState.Checked
                if not isinstance(value, bool)
                else value
            )
            self._chosen[entry.line] = checked
        elif column == "kind" and role == Qt.ItemDataRole.EditRole and value in EVENT_KINDS:
            self._kinds[entry.line] = str(value)
        else:
            return False
        self.dataChanged.emit(
            self.index(index.row(), 0), self.index(index.row(), len(PREVIEW_COLUMNS) - 1)
        )
        return True


def _attention_color() -> QColor:
    theme = themes.colors()
    color = QColor(theme.warning_bg)
    if theme.name == "high-contrast":
        color = QColor(themes.ATTENTION_HIGH_CONTRAST)
    return color
