"""Who took part: a table model over ``review.people`` and the small editor around it.

The model is a thin adapter: it reads the in-memory review, turns edits into
``controller.push(update(...))`` and follows ``controller.changed`` with the matching
insert/remove/dataChanged notifications (a reset only when the order itself changed).
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QAbstractTableModel, QMimeData, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from pm_desktop.domain import ops
from pm_desktop.domain.edits import AddEntity, Batch, Change, update
from pm_desktop.domain.model import MAX_LINE, Person

from ..controller import DocumentController
from .fields import clean_line

COLUMNS: tuple[tuple[str, str], ...] = (
    ("name", "Name"),
    ("role", "Role"),
    ("team", "Team"),
    ("contribution", "Contribution"),
    ("handles", "Other names"),
)
FIELD_HINTS = {
    "name": "Who took part (a participant needs a name)",
    "role": "Their role during the incident, e.g. incident lead",
    "team": "The team they belong to",
    "contribution": "What they did or knew that helped",
    "handles": "Chat handles, e-mail addresses, nicknames, the name in another script "
    "(separate with commas); the customer version removes them too",
}


def cell_text(person: Person, field: str) -> str:
    value = getattr(person, field)
    return ", ".join(value) if isinstance(value, tuple) else value


def split_handles(text: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(h.strip() for h in text.split(",") if h.strip()))


_ROLES = [Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole, Qt.ItemDataRole.ToolTipRole]

Index = QModelIndex | QPersistentModelIndex


class ParticipantsModel(QAbstractTableModel):
    """Rows are people in their stored order (``seq``); columns are :data:`COLUMNS`."""

    def __init__(self, controller: DocumentController, parent: QWidget | None = None):
        super().__init__(parent)
        self.controller = controller
        self._ids: list[str] = self._current_ids()
        controller.changed.connect(self._on_changed)
        controller.documentReplaced.connect(self._on_replaced)

    def _current_ids(self) -> list[str]:
        return [p.id for p in self.controller.review.sorted_people()]

    # ------------------------------------------------------------------ reading
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(COLUMNS)

    def person(self, row: int) -> Person | None:
        if 0 <= row < len(self._ids):
            return self.controller.review.people.get(self._ids[row])
        return None

    def person_id(self, row: int) -> str | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def row_of(self, person_id: str) -> int:
        try:
            return self._ids.index(person_id)
        except ValueError:
            return -1

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        person = self.person(index.row())
        if person is None:
            return None
        field = COLUMNS[index.column()][0]
        value = cell_text(person, field)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return value
        if role == Qt.ItemDataRole.ToolTipRole:
            return value if value else FIELD_HINTS[field]
        return None

    def headerData(  # noqa: N802 - Qt's name
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return COLUMNS[section][1] if 0 <= section < len(COLUMNS) else None
        return str(section + 1)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if not self.controller.read_only:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    # ------------------------------------------------------------------ editing
    def setData(self, index: Index, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if not index.isValid() or role != Qt.ItemDataRole.EditRole:
            return False
        person = self.person(index.row())
        if person is None or not isinstance(value, str):
            return False
        field = COLUMNS[index.column()][0]
        text = clean_line(value)[:MAX_LINE]
        new: str | tuple[str, ...] = text
        if field == "name":
            new = text.strip()
        elif field == "handles":
            new = split_handles(text)
        if getattr(person, field) == new:
            return True
        label = f"Edit {COLUMNS[index.column()][1].lower()} of {person.name[:40]}"
        return self.controller.push(update(person, label, **{field: new})) is not None

    # ------------------------------------------------------------------ following the document
    def _on_replaced(self) -> None:
        self.beginResetModel()
        self._ids = self._current_ids()
        self.endResetModel()

    def _on_changed(self, change: Change) -> None:
        if not change.touches("people"):
            return
        new = self._current_ids()
        old = self._ids
        if new == old:
            updated = change.ids("people", kinds="u")
            for row, pid in enumerate(old):
                if pid in updated:
                    self.dataChanged.emit(
                        self.index(row, 0), self.index(row, len(COLUMNS) - 1), _ROLES
                    )
            return
        old_set, new_set = set(old), set(new)
        if old_set <= new_set and [i for i in new if i in old_set] == old:
            for row, pid in enumerate(new):
                if pid not in old_set:
                    self.beginInsertRows(QModelIndex(), row, row)
                    self._ids.insert(row, pid)
                    self.endInsertRows()
        elif new_set <= old_set and [i for i in old if i in new_set] == new:
            for row in range(len(old) - 1, -1, -1):
                if old[row] not in new_set:
                    self.beginRemoveRows(QModelIndex(), row, row)
                    del self._ids[row]
                    self.endRemoveRows()
        else:
            self._on_replaced()
            return
        updated = change.ids("people", kinds="u")
        for row, pid in enumerate(self._ids):
            if pid in updated:
                self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1), _ROLES)


def parse_people(text: str) -> list[dict[str, str]]:
    """Pasted lines → participants: ``name<TAB>role<TAB>team<TAB>contribution`` (columns after
    the name are optional); blank lines and lines without a name are skipped."""
    people = []
    for line in text.replace("\x00", "").splitlines():
        parts = [p.strip()[:MAX_LINE] for p in line.split("\t")]
        if not parts or not parts[0]:
            continue
        parts += [""] * (len(COLUMNS) - len(parts))
        fields = dict(zip((c[0] for c in COLUMNS), parts[: len(COLUMNS)], strict=True))
        handles = split_handles(fields.pop("handles"))
        if handles:
            fields["handles"] = handles  # type: ignore[assignment]
        people.append(fields)
    return people


class ParticipantsEditor(QWidget):
    """The participants table with Add and Remove (Delete works too, through the Edit menu)."""

    def __init__(self, controller: DocumentController, parent: QWidget | None = None):
        super().__init__(parent)
        self.controller = controller
        self.model = ParticipantsModel(controller, self)
        self.view = QTableView()
        self.view.setObjectName("ParticipantsTable")
        self.view.setModel(self.model)
        self.view.setAlternatingRowColors(True)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.view.setWordWrap(False)
        self.view.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.view.verticalHeader().setVisible(False)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.setHighlightSections(False)
        self.view.setAccessibleName("Participants")
        self.add_button = QPushButton("Add participant")
        self.remove_button = QPushButton("Remove")
        self.remove_button.setToolTip("Remove the selected participants (Delete)")
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)
        layout.addLayout(buttons)
        self.add_button.clicked.connect(self.add_participant)
        self.remove_button.clicked.connect(self.remove_selected)
        self.view.selectionModel().selectionChanged.connect(self._update_buttons)
        self.model.modelReset.connect(self._update_buttons)
        self.model.rowsInserted.connect(self._fit_height)
        self.model.rowsRemoved.connect(self._fit_height)
        self.model.modelReset.connect(self._fit_height)
        self.refresh_state()

    def resize_columns(self) -> None:
        width = max(self.view.viewport().width(), 600)
        for col, share in enumerate((0.17, 0.19, 0.15, 0.3)):
            self.view.setColumnWidth(col, int(width * share))

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self.resize_columns()

    def _fit_height(self) -> None:
        """Show every row without an inner scroll bar (up to 14 rows, then scroll)."""
        rows = min(max(self.model.rowCount(), 2), 14)
        row_h = self.view.verticalHeader().defaultSectionSize()
        header_h = self.view.horizontalHeader().sizeHint().height()
        self.view.setFixedHeight(header_h + rows * row_h + 2 * self.view.frameWidth() + 2)

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().changeEvent(event)
        if event.type() == event.Type.FontChange:
            row_h = self.fontMetrics().lineSpacing() + 14
            self.view.verticalHeader().setDefaultSectionSize(row_h)
            self._fit_height()

    def refresh_state(self) -> None:
        read_only = self.controller.read_only
        self.add_button.setEnabled(not read_only)
        self._update_buttons()
        self._fit_height()

    def _update_buttons(self) -> None:
        self.remove_button.setEnabled(not self.controller.read_only and bool(self.selected_ids()))

    def selected_ids(self) -> list[str]:
        rows = sorted({i.row() for i in self.view.selectionModel().selectedRows()})
        return [pid for r in rows if (pid := self.model.person_id(r)) is not None]

    def add_participant(self) -> None:
        edit = ops.add_person(self.controller.review, "New participant")
        if self.controller.push(edit):
            row = self.model.row_of(edit.entity.id)
            index = self.model.index(row, 0)
            self.view.setCurrentIndex(index)
            self.view.setFocus()
            self.view.edit(index)

    def remove_selected(self) -> bool:
        ids = self.selected_ids()
        if not ids:
            return False
        return self.controller.push(ops.delete_people(self.controller.review, ids)) is not None

    def select_person(self, person_id: str) -> bool:
        row = self.model.row_of(person_id)
        if row < 0:
            return False
        self.view.selectRow(row)
        self.view.scrollTo(self.model.index(row, 0))
        self.view.setFocus()
        return True

    def copy_selection(self) -> QMimeData | None:
        ids = self.selected_ids()
        if not ids:
            return None
        people = [self.controller.review.people[i] for i in ids]
        text = "\n".join("\t".join(cell_text(p, c[0]) for c in COLUMNS) for p in people)
        mime = QMimeData()
        mime.setText(text)
        return mime

    def paste_text(self, text: str) -> bool:
        people = parse_people(text)
        if not people or self.controller.read_only:
            return False
        review = self.controller.review
        edits = []
        seq = review.next_seq("people")
        for offset, fields in enumerate(people):
            edit = ops.add_person(review, **fields)
            edits.append(AddEntity(replace(edit.entity, seq=seq + offset), edit.label))
        noun = "participant" if len(edits) == 1 else "participants"
        return self.controller.push(Batch(tuple(edits), f"Paste {len(edits)} {noun}")) is not None
