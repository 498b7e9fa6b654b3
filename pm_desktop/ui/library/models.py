"""Table models of the library window: reviews and follow-ups (read-only rows from the index).

Both sort through a :class:`QSortFilterProxyModel` on :data:`SORT_ROLE` values, so dates and
counts sort as values, not as the text shown.
"""

from __future__ import annotations

import datetime as _dt
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont

from pm_desktop.domain.model import FOLLOWUP_STATUS_LABELS, REVIEW_STATUS_LABELS
from pm_desktop.library.queries import FollowupEntry, ReviewEntry

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
PATH_ROLE = Qt.ItemDataRole.UserRole + 2
ID_ROLE = Qt.ItemDataRole.UserRole + 3
Index = QModelIndex | QPersistentModelIndex


class _Rows(QAbstractTableModel):
    HEADERS: tuple[str, ...] = ()

    def __init__(self, parent: Any = None):
        super().__init__(parent)
        self.rows: list[Any] = []

    def set_rows(self, rows: list[Any]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008 - Qt's API
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008 - Qt's API
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(  # noqa: N802 - Qt's name
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self.HEADERS)
        ):
            return self.HEADERS[section]
        return None


class ReviewsModel(_Rows):
    HEADERS = ("Date", "Title", "Severity", "Status", "Services", "Authors", "Open follow-ups",
               "Seen before")  # fmt: skip

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        r: ReviewEntry = self.rows[index.row()]
        col = index.column()
        if role == PATH_ROLE:
            return r.path
        if role == Qt.ItemDataRole.ToolTipRole:
            return r.path
        if role in (Qt.ItemDataRole.DisplayRole, SORT_ROLE):
            sort = role == SORT_ROLE
            if col == 0:
                return r.date or ("" if sort else "—")
            if col == 1:
                return r.title.casefold() if sort else r.title
            if col == 2:
                return r.severity or ("SEV9" if sort else "—")
            if col == 3:
                return REVIEW_STATUS_LABELS.get(r.status, r.status)
            if col == 4:
                return ", ".join(r.services)
            if col == 5:
                return r.authors
            if col == 6:
                return r.open_followups if sort else f"{r.open_followups} of {r.followups}"
            if col == 7:
                if sort:
                    return r.related_earlier
                n = r.related_earlier
                return f"also seen in {n} earlier review{'s' if n != 1 else ''}" if n else ""
        return None


class FollowupsModel(_Rows):
    HEADERS = ("Follow-up", "Owner", "Team", "Due", "Status", "Age", "Review")

    def __init__(self, parent: Any = None):
        super().__init__(parent)
        self.today = _dt.date.today()

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        e: FollowupEntry = self.rows[index.row()]
        col = index.column()
        overdue, stale = e.overdue(self.today), e.stale(self.today)
        if role == PATH_ROLE:
            return e.path
        if role == ID_ROLE:
            return e.item_id
        if role == Qt.ItemDataRole.ToolTipRole:
            notes = []
            if overdue:
                notes.append("Overdue: its due date has passed and it is still open.")
            if stale:
                notes.append("Still open although its incident is more than 90 days old.")
            return "\n".join([*notes, e.path])
        if role == Qt.ItemDataRole.FontRole and col == 3 and overdue:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole and col == 3 and overdue:
            return QColor("#c62828")
        if role in (Qt.ItemDataRole.DisplayRole, SORT_ROLE):
            sort = role == SORT_ROLE
            age = e.age_days(self.today)
            if col == 0:
                return e.title.casefold() if sort else e.title
            if col == 1:
                return e.owner or ("" if sort else "—")
            if col == 2:
                return e.team
            if col == 3:
                if sort:
                    return e.due or "9999"
                return (e.due or "—") + ("  overdue" if overdue else "")
            if col == 4:
                return FOLLOWUP_STATUS_LABELS.get(e.status, e.status)
            if col == 5:
                if sort:
                    return -1 if age is None else age
                text = "—" if age is None else f"{age} d"
                return text + ("  (open > 90 days)" if stale else "")
            if col == 6:
                return e.review_title
        return None
