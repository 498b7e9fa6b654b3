"""The timeline's table view: fixed-height rows (fast with 20,000 events), evidence drops on
rows, and the keys a person expects (Delete removes, Enter edits the text).

Signals:

- ``deleteRequested()`` — Delete or Backspace on the selection (when no editor is open).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QItemSelectionModel, QPoint, QSize, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QMenu, QTableView, QWidget

from .model import COLUMNS

OPTIONAL_COLUMNS: tuple[str, ...] = ("gap", "kind", "author", "evidence", "source")


class TimelineTable(QTableView):
    deleteRequested = Signal()

    EDIT_TRIGGERS = (
        QAbstractItemView.EditTrigger.DoubleClicked
        | QAbstractItemView.EditTrigger.EditKeyPressed
        | QAbstractItemView.EditTrigger.SelectedClicked
    )

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("TimelineTable")
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(self.EDIT_TRIGGERS)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.setShowGrid(False)
        self.setCornerButtonEnabled(False)
        self.setSortingEnabled(False)  # always in time order
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setAccessibleName("Timeline events")
        vertical = self.verticalHeader()
        vertical.hide()
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header = self.horizontalHeader()
        header.setHighlightSections(False)
        header.setSectionsClickable(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._header_menu)
        # evidence cards from the evidence panel can be dropped on a row
        self.setAcceptDrops(True)
        self.viewport().setAcceptDrops(True)
        self.setDragEnabled(False)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DropOnly)
        self.setDragDropOverwriteMode(True)
        self.setDropIndicatorShown(True)
        self.setDefaultDropAction(Qt.DropAction.LinkAction)

    def setModel(self, model) -> None:  # noqa: N802 - Qt's name
        super().setModel(model)
        header = self.horizontalHeader()  # section modes exist only once there are sections
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(COLUMNS.index("text"), QHeaderView.ResizeMode.Stretch)
        self.setColumnHidden(COLUMNS.index("source"), True)  # the header's menu shows it
        self.fit_to_font()

    def column_menu(self) -> QMenu:
        """Show or hide the optional columns (time and text always stay)."""
        menu = QMenu(self)
        model = self.model()
        for name in OPTIONAL_COLUMNS:
            column = COLUMNS.index(name)
            title = model.headerData(column, Qt.Orientation.Horizontal) if model else name
            action = menu.addAction(f"Show {str(title).lower()} column")
            action.setCheckable(True)
            action.setChecked(not self.isColumnHidden(column))
            action.toggled.connect(lambda on, c=column: self.setColumnHidden(c, not on))
        return menu

    def _header_menu(self, pos: QPoint) -> None:
        self.column_menu().exec(self.horizontalHeader().mapToGlobal(pos))

    def fit_to_font(self) -> None:
        """Row height and column widths for the current font (text zoom, presentation)."""
        fm = self.fontMetrics()
        self.verticalHeader().setDefaultSectionSize(int(fm.height() * 1.9) + 8)
        icon = max(12, int(fm.height() * 0.95))
        self.setIconSize(QSize(icon, icon))
        em = fm.horizontalAdvance("M")
        widths = {
            "time": fm.horizontalAdvance("Wed 30 Sep ~00:00:00") + 20,
            "gap": fm.horizontalAdvance("+23 h 59 min") + 16,
            "kind": fm.horizontalAdvance("Communication") + fm.height() + 30,
            "author": em * 10,
            "evidence": max(fm.horizontalAdvance("Evidence") + fm.height() + 24, em * 5),
            "source": em * 11,
        }
        for column, width in widths.items():
            self.setColumnWidth(COLUMNS.index(column), width)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.ApplicationFontChange):
            self.fit_to_font()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        if self.state() != QAbstractItemView.State.EditingState:
            key = event.key()
            if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and not event.modifiers():
                self.deleteRequested.emit()
                event.accept()
                return
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
                index = self.currentIndex()
                target = (
                    index.siblingAtColumn(COLUMNS.index("text"))
                    if index.column()
                    not in (
                        COLUMNS.index("time"),
                        COLUMNS.index("kind"),
                        COLUMNS.index("author"),
                    )
                    else index
                )
                if self.editTriggers() != QAbstractItemView.EditTrigger.NoEditTriggers:
                    self.selectionModel().setCurrentIndex(
                        target, QItemSelectionModel.SelectionFlag.NoUpdate
                    )
                    self.edit(target)
                    event.accept()
                    return
        super().keyPressEvent(event)
