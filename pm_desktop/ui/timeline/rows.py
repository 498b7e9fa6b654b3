"""The shown rows of the timeline model, and how they follow the review without a reset.

:class:`RowSyncMixin` turns "the rows were A, now they are B" into Qt's row signals: removals
(in runs, from the bottom up), at most one layout change when events changed places (a time
edit) with persistent indexes moved along — so a selection follows its event — and insertions
(in runs). Views keep their scroll position and selection through every edit; a reset happens
only when the difference is too scattered to be worth describing.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from PySide6.QtCore import QModelIndex

from pm_desktop.domain.model import TimelineEvent
from pm_desktop.domain.search import Query

MAX_RUNS = 64  # more separate insert/remove runs than this: one reset is cheaper
MAX_FRESH = 5000
_ROOT = QModelIndex()


@dataclass(frozen=True, slots=True)
class TimelineFilter:
    """Which events the table shows: a Find text (:mod:`pm_desktop.domain.search`) and a set of
    kinds."""

    text: str = ""
    kinds: frozenset[str] = field(default_factory=frozenset)  # empty: every kind
    query: Query = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "query", Query.parse(self.text))

    @property
    def active(self) -> bool:
        return bool(self.query or self.kinds)

    def matches(self, event: TimelineEvent) -> bool:
        if self.kinds and event.kind not in self.kinds:
            return False
        return self.query.test(event)


def _runs(positions: list[int]) -> list[tuple[int, int]]:
    """Sorted positions → (first, last) runs of consecutive numbers."""
    out: list[tuple[int, int]] = []
    for p in positions:
        if out and out[-1][1] == p - 1:
            out[-1] = (out[-1][0], p)
        else:
            out.append((p, p))
    return out


class RowSyncMixin:
    """For a QAbstractItemModel that shows ``self._rows`` (ids) and caches ``self._row_of``."""

    _rows: list[str]
    _row_of: dict[str, int] | None

    def _apply_rows(self, new: list[str]) -> None:
        """Bring the shown rows to ``new`` with removals, one reorder and insertions."""
        old = self._rows
        if new == old:
            return
        new_set = set(new)
        gone = _runs([i for i, eid in enumerate(old) if eid not in new_set])
        old_set = set(old)
        fresh_count = sum(1 for eid in new if eid not in old_set)
        if len(gone) > MAX_RUNS or fresh_count > MAX_FRESH:
            self.beginResetModel()
            self._rows, self._row_of = list(new), None
            self.endResetModel()
            return
        for first, last in reversed(gone):
            self.beginRemoveRows(_ROOT, first, last)
            del self._rows[first : last + 1]
            self._row_of = None
            self.endRemoveRows()
        kept = set(self._rows)
        target = [eid for eid in new if eid in kept]
        if target != self._rows:
            self._relayout(target)
        pending: list[str] = []
        pos = 0
        for eid in new:
            if eid in kept:
                if pending:
                    self._insert(pos, pending)
                    pos += len(pending)
                    pending = []
                pos += 1
            else:
                pending.append(eid)
        if pending:
            self._insert(pos, pending)

    def _add_and_remove_rows(
        self,
        added: set[str],
        removed: set[str],
        every: list[str],
        keys: list[tuple],
        key_of: dict[str, tuple],
    ) -> None:
        """Unfiltered rows (``every`` id in order, with its sorted ``keys``) after events came
        and went but none moved: each removed row goes and each new one is inserted at its
        place found by binary search, instead of comparing all 20,000 rows."""
        if len(added) + len(removed) > MAX_RUNS:
            self._apply_rows(list(every))
            return
        shown = set(self._rows)
        for row in sorted((self._rows.index(e) for e in removed if e in shown), reverse=True):
            self.beginRemoveRows(_ROOT, row, row)
            del self._rows[row]
            self._row_of = None
            self.endRemoveRows()
        places = sorted(bisect.bisect_left(keys, key_of[e]) for e in added)
        for place in places:
            self._insert(place, [every[place]])
        if len(self._rows) != len(every) or any(self._rows[p] != every[p] for p in places):
            self._apply_rows(list(every))  # never expected; the full comparison is always right

    def _insert(self, pos: int, ids: list[str]) -> None:
        self.beginInsertRows(_ROOT, pos, pos + len(ids) - 1)
        self._rows[pos:pos] = ids
        self._row_of = None
        self.endInsertRows()

    def _relayout(self, target: list[str]) -> None:
        """Same rows, new order: persistent indexes (selection, current) follow their events."""
        self.layoutAboutToBeChanged.emit()
        old_indexes = self.persistentIndexList()
        held = [(self._rows[i.row()], i.column()) for i in old_indexes]
        self._rows = target
        self._row_of = None
        new_indexes = [self.index(self.row_of(eid), col) for eid, col in held]
        self.changePersistentIndexList(old_indexes, new_indexes)
        self.layoutChanged.emit()

    def _emit_rows(self, event_ids: set[str]) -> None:
        """Repaint the rows of ``event_ids`` (all columns): what changed in place."""
        last = self.columnCount() - 1
        for event_id in event_ids:
            row = self.row_of(event_id)
            if row >= 0:
                self.dataChanged.emit(self.index(row, 0), self.index(row, last))

    def _emit_all(self, roles: list | None) -> None:
        if not self._rows:
            return
        last = self.index(len(self._rows) - 1, self.columnCount() - 1)
        if roles is None:
            self.dataChanged.emit(self.index(0, 0), last)
        else:
            self.dataChanged.emit(self.index(0, 0), last, roles)
