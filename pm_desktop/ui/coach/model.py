"""The findings pane's Qt model: the coach's notes grouped by where they are.

Five fixed top-level rows — Review, Timeline, 5 Whys, Follow-ups and Ignored — each with its
notes as children (Ignored stays empty unless "Show ignored" is on; the view hides empty
groups). A thin adapter over :class:`~.index.CoachIndex`: after every update the children are
brought in line by row removals and insertions (a diff of the notes' identities), never a reset,
so selection, scroll position and folded groups survive an edit.

Signals: ``refreshed()`` — the rows match the index again.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

from pm_desktop.domain.coach import Finding

from . import look
from .index import CoachIndex

GROUPS: tuple[str, ...] = ("review", "event", "why", "followup", "ignored")
_ROOT = QModelIndex()
_NO_GROUP = 0  # internal id of top-level rows; a note's is its group's row + 1


class Roles:
    Finding = Qt.ItemDataRole.UserRole + 1  # the Finding (notes only)
    Group = Qt.ItemDataRole.UserRole + 2  # group key ("review", "event", …) on every row
    Ignored = Qt.ItemDataRole.UserRole + 3  # the note is ignored (listed under Ignored)
    Severity = Qt.ItemDataRole.UserRole + 4
    Where = Qt.ItemDataRole.UserRole + 5  # where the note sits, in words
    Count = Qt.ItemDataRole.UserRole + 6  # notes in a group


@dataclass(frozen=True, slots=True)
class Entry:
    uid: str  # stable identity for the diff: the finding's key and its occurrence
    finding: Finding
    where: str
    ignored: bool


class FindingsModel(QAbstractItemModel):
    refreshed = Signal()

    def __init__(self, index: CoachIndex, parent=None):
        super().__init__(parent)
        self.index_ = index
        self.show_ignored = False
        self._rows: list[list[Entry]] = [[] for _ in GROUPS]
        self._bold: QFont | None = None
        # (kind, id) -> (the item object, display zone, where text): items are replaced, never
        # changed in place, so an unchanged object means an unchanged text.
        self._where: dict[tuple[str, str], tuple[object, str, str]] = {}

    # ------------------------------------------------------------------ structure
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:  # noqa: N802
        if not parent.isValid():
            return len(GROUPS)
        if parent.internalId() == _NO_GROUP and parent.column() == 0:
            return len(self._rows[parent.row()])
        return 0

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:  # noqa: N802
        return 1

    def index(
        self, row: int, column: int, parent: QModelIndex | QPersistentModelIndex = _ROOT
    ) -> QModelIndex:
        if column != 0 or row < 0:
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, 0, _NO_GROUP) if row < len(GROUPS) else QModelIndex()
        if parent.internalId() != _NO_GROUP or row >= len(self._rows[parent.row()]):
            return QModelIndex()
        return self.createIndex(row, 0, parent.row() + 1)

    def parent(self, child: QModelIndex | QPersistentModelIndex = _ROOT) -> QModelIndex:  # type: ignore[override]
        if not child.isValid() or child.internalId() == _NO_GROUP:
            return QModelIndex()
        return self.createIndex(child.internalId() - 1, 0, _NO_GROUP)

    def hasChildren(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> bool:  # noqa: N802
        return self.rowCount(parent) > 0

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    # ------------------------------------------------------------------ reading
    def group_index(self, group: str) -> QModelIndex:
        return self.index(GROUPS.index(group), 0)

    def entry(self, index: QModelIndex | QPersistentModelIndex) -> Entry | None:
        if not index.isValid() or index.internalId() == _NO_GROUP:
            return None
        rows = self._rows[index.internalId() - 1]
        return rows[index.row()] if 0 <= index.row() < len(rows) else None

    def entries(self, group: str) -> list[Entry]:
        return list(self._rows[GROUPS.index(group)])

    def count(self, group: str) -> int:
        return len(self._rows[GROUPS.index(group)])

    def index_of_key(self, key: str) -> QModelIndex:
        """The first note with this finding key (any group)."""
        for g, rows in enumerate(self._rows):
            for r, entry in enumerate(rows):
                if entry.finding.key == key:
                    return self.createIndex(r, 0, g + 1)
        return QModelIndex()

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ):
        if not index.isValid():
            return None
        if index.internalId() == _NO_GROUP:
            return self._group_data(index.row(), role)
        entry = self.entry(index)
        if entry is None:
            return None
        f = entry.finding
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return f"{look.one_line(f)} — {entry.where}"
        if role == Roles.Finding:
            return f
        if role == Roles.Group:
            return GROUPS[index.internalId() - 1]
        if role == Roles.Ignored:
            return entry.ignored
        if role == Roles.Severity:
            return f.severity
        if role == Roles.Where:
            return entry.where
        return None

    def _group_data(self, row: int, role: int):
        if not 0 <= row < len(GROUPS):
            return None
        group = GROUPS[row]
        count = len(self._rows[row])
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{look.GROUP_TITLES[group]}  ({count})"
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return (
                f"{look.GROUP_TITLES[group]}, {count} notes"
                if count != 1
                else (f"{look.GROUP_TITLES[group]}, 1 note")
            )
        if role == Qt.ItemDataRole.FontRole:
            if self._bold is None:
                self._bold = QFont(QApplication.font())
                self._bold.setBold(True)
            return self._bold
        if role == Roles.Group:
            return group
        if role == Roles.Count:
            return count
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0):  # noqa: N802
        if section == 0 and orientation == Qt.Orientation.Horizontal:
            if role == Qt.ItemDataRole.DisplayRole:
                return "Notes"
        return None

    # ------------------------------------------------------------------ following the index
    def set_show_ignored(self, on: bool) -> None:
        if on != self.show_ignored:
            self.show_ignored = on
            self.refresh()

    def refresh_look(self) -> None:
        """Font changed: group headings are drawn again."""
        self._bold = None
        self.dataChanged.emit(self.index(0, 0), self.index(len(GROUPS) - 1, 0))

    def refresh(self) -> None:
        """Bring the rows in line with the coach index (see the module docstring)."""
        review = self.index_.review
        wanted: list[list[Entry]] = [[] for _ in GROUPS]
        seen: dict[str, int] = {}
        where: dict[tuple[str, str], tuple[object, str, str]] = {}
        for f in self.index_.findings():
            wanted[GROUPS.index(f.where_kind)].append(self._entry(review, f, False, seen, where))
        if self.show_ignored:
            for f in self.index_.ignored_findings():
                wanted[GROUPS.index("ignored")].append(self._entry(review, f, True, seen, where))
        self._where = where
        for g, new in enumerate(wanted):
            self._sync_group(g, new)
        self.refreshed.emit()

    def _entry(self, review, finding: Finding, ignored: bool, seen: dict, where: dict) -> Entry:
        base = ("ignored:" if ignored else "") + finding.key
        n = seen.get(base, 0)
        seen[base] = n + 1
        return Entry(f"{base}#{n}", finding, self._where_text(review, finding, where), ignored)

    def _where_text(self, review, finding: Finding, where: dict) -> str:
        if finding.where_kind in ("review", "why"):  # a why's step moves with its branch
            return look.where_text(review, finding)
        key = (finding.where_kind, finding.where_id or "")
        collection = review.events if finding.where_kind == "event" else review.followups
        item = collection.get(key[1])
        zone = review.meta.display_tz
        cached = where.get(key) or self._where.get(key)
        if cached is None or cached[0] is not item or cached[1] != zone or item is None:
            cached = (item, zone, look.where_text(review, finding))
        where[key] = cached
        return cached[2]

    def _sync_group(self, g: int, new: list[Entry]) -> None:
        old = self._rows[g]
        if old == new:
            return
        parent = self.createIndex(g, 0, _NO_GROUP)
        old_ids = [e.uid for e in old]
        new_ids = [e.uid for e in new]
        matcher = difflib.SequenceMatcher(None, old_ids, new_ids, autojunk=False)
        # From the end, so the row numbers of earlier steps stay valid.
        for tag, i1, i2, j1, j2 in reversed(matcher.get_opcodes()):
            if tag in ("delete", "replace"):
                self.beginRemoveRows(parent, i1, i2 - 1)
                del old[i1:i2]
                self.endRemoveRows()
            if tag in ("insert", "replace"):
                self.beginInsertRows(parent, i1, i1 + (j2 - j1) - 1)
                old[i1:i1] = new[j1:j2]
                self.endInsertRows()
            if tag == "equal":
                changed = [k for k in range(i2 - i1) if old[i1 + k] != new[j1 + k]]
                if changed:
                    old[i1:i2] = new[j1:j2]
                    first, last = i1 + changed[0], i1 + changed[-1]
                    self.dataChanged.emit(
                        self.createIndex(first, 0, g + 1), self.createIndex(last, 0, g + 1)
                    )
        self.dataChanged.emit(parent, parent, [Qt.ItemDataRole.DisplayRole, Roles.Count])
