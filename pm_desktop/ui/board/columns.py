"""One board column: a header ("○ To do  3") over a list view of cards.

All four views share the board model (each shows one column through ``setRootIndex``) and one
selection model, so selecting a card in one column clears the others. Drops are handled here
rather than by QListView's own logic: the drop row is "in front of the card under the pointer's
upper half", computed from the visual rects, and the move is one edit (model.move_to).

Signals (:class:`ColumnView`):

- ``moveRequested(int, int)`` — Ctrl+Left/Right (column −1/+1) or Ctrl+Up/Down (row −1/+1).
- ``focusNeighbour(str, int)`` — Left/Right without Ctrl: from this column (its status) to
  the one on that side (−1/+1).
- ``editRequested(QModelIndex)`` — Enter or double-click on a card.
- ``contextRequested(QModelIndex, QPoint)`` — right-click or the menu key (global position).
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QPoint, Qt, Signal
from PySide6.QtGui import QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QLabel,
    QListView,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from pm_desktop.domain.model import FOLLOWUP_STATUS_LABELS
from pm_desktop.domain.palette import FOLLOWUP_STATUS_SWATCHES

from .. import themes, typography
from .card import CardDelegate
from .model import BoardModel, Roles

EMPTY_TEXT = {
    "todo": "Nothing to do yet. Add a follow-up, or drag one here.",
    "doing": "Drag a card here when someone starts on it.",
    "done": "Finished follow-ups land here.",
    "dropped": "Follow-ups the team decided against, with the reason in their description.",
}


BATCH = 12  # cards measured per turn of the event loop when a column is laid out


class ColumnView(QListView):
    moveRequested = Signal(int, int)
    focusNeighbour = Signal(str, int)
    editRequested = Signal(QModelIndex)
    contextRequested = Signal(QModelIndex, QPoint)

    def __init__(self, status: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.status = status
        self.empty_text = EMPTY_TEXT[status]
        self._drop_row: int | None = None
        self._unmeasured = False  # cards were given a placeholder height while hidden
        self.setObjectName(f"BoardColumn_{status}")
        self.setAccessibleName(f"{FOLLOWUP_STATUS_LABELS[status]} column")
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setDropIndicatorShown(False)  # we draw our own line between cards
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.viewport().setAcceptDrops(True)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setUniformItemSizes(False)
        # A long column measures its cards a batch per turn of the event loop: the first cards
        # paint at once instead of after every card of the column has been measured.
        self.setLayoutMode(QListView.LayoutMode.Batched)
        self.setBatchSize(BATCH)
        self.setWordWrap(True)
        self.setMouseTracking(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(self._context_menu)
        self.doubleClicked.connect(self.editRequested.emit)

    def measure_on_show(self) -> None:
        """The delegate gave a card a placeholder height while this column was hidden."""
        self._unmeasured = True

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if self._unmeasured:
            self._unmeasured = False
            self.scheduleDelayedItemsLayout()  # measure the cards at the width shown
        super().showEvent(event)

    def option_for(self, index: QModelIndex) -> QStyleOptionViewItem:
        """The style option the delegate gets for ``index`` (for hit-testing card parts)."""
        option = QStyleOptionViewItem()
        self.initViewItemOption(option)
        option.rect = self.visualRect(index)
        return option

    def board_model(self) -> BoardModel:
        model = self.model()
        assert isinstance(model, BoardModel)
        return model

    # ------------------------------------------------------------------ keyboard
    def focusInEvent(self, event) -> None:  # noqa: N802 - Qt's name
        """Tabbing into a column selects its first card: the four views share one selection,
        so the current card may sit in another column, where this view's arrows cannot go."""
        super().focusInEvent(event)
        model = self.model()
        current = self.currentIndex()
        if model is None or (current.isValid() and current.parent() == self.rootIndex()):
            return
        if event.reason() in (Qt.FocusReason.TabFocusReason, Qt.FocusReason.BacktabFocusReason):
            first = model.index(0, 0, self.rootIndex())
            if first.isValid():
                flags = QItemSelectionModel.SelectionFlag.ClearAndSelect
                self.selectionModel().setCurrentIndex(first, flags)

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt's name
        key = event.key()
        ctrl = bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
        arrows = {
            Qt.Key.Key_Left: (-1, 0),
            Qt.Key.Key_Right: (1, 0),
            Qt.Key.Key_Up: (0, -1),
            Qt.Key.Key_Down: (0, 1),
        }
        if ctrl and key in arrows:
            self.moveRequested.emit(*arrows[key])
            event.accept()
            return
        if not ctrl and key in (Qt.Key.Key_Left, Qt.Key.Key_Right):
            self.focusNeighbour.emit(self.status, -1 if key == Qt.Key.Key_Left else 1)
            event.accept()
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.editRequested.emit(self.currentIndex())
            event.accept()
            return
        super().keyPressEvent(event)

    def _context_menu(self, pos: QPoint) -> None:
        index = self.indexAt(pos)
        if not index.isValid() and self.currentIndex().isValid() and pos == QPoint(0, 0):
            index = self.currentIndex()
        if index.isValid() and index.parent() == self.rootIndex():
            self.contextRequested.emit(index, self.viewport().mapToGlobal(pos))

    # ------------------------------------------------------------------ drops
    def drop_row(self, pos) -> int:
        """The row a drop at ``pos`` (viewport coordinates) lands in front of."""
        y = pos.y()
        model = self.model()
        rows = model.rowCount(self.rootIndex()) if model is not None else 0
        for row in range(rows):
            rect = self.visualRect(model.index(row, 0, self.rootIndex()))
            if y < rect.center().y():
                return row
        return rows

    def _accepts(self, event) -> bool:
        model = self.model()
        return model is not None and model.canDropMimeData(
            event.mimeData(), event.proposedAction(), -1, 0, self.rootIndex()
        )

    def dragEnterEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if self._accepts(event):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().dragMoveEvent(event)  # auto-scroll near the edges
        if self._accepts(event):
            self._drop_row = self.drop_row(event.position())
            event.acceptProposedAction()
        else:
            self._drop_row = None
            event.ignore()
        self.viewport().update()

    def dragLeaveEvent(self, event) -> None:  # noqa: N802 - Qt's name
        self._drop_row = None
        self.viewport().update()
        super().dragLeaveEvent(event)

    def dropEvent(self, event) -> None:  # noqa: N802 - Qt's name
        self._drop_row = None
        self.viewport().update()
        if not self._accepts(event):
            event.ignore()
            return
        row = self.drop_row(event.position())
        action = event.proposedAction()
        done = self.board_model().dropMimeData(event.mimeData(), action, row, 0, self.rootIndex())
        if done:
            # The model has already moved the cards; tell Qt the drop copied nothing and
            # removed nothing, so the source view does not try to remove rows itself.
            event.setDropAction(Qt.DropAction.CopyAction)
            event.accept()
        else:
            event.ignore()
        self.setState(QAbstractItemView.State.NoState)

    # ------------------------------------------------------------------ painting
    def paintEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().paintEvent(event)
        model = self.model()
        t = themes.colors()
        painter = QPainter(self.viewport())
        if model is not None and model.rowCount(self.rootIndex()) == 0:
            text = self.empty_text
            if isinstance(model, BoardModel) and model.filter.active:
                if model.total_count(self.status):
                    text = "No card in this column matches the filters."
            painter.setPen(QColor(t.muted))
            rect = self.viewport().rect().adjusted(16, 24, -16, -16)
            painter.drawText(
                rect,
                int(
                    Qt.AlignmentFlag.AlignHCenter
                    | Qt.AlignmentFlag.AlignTop
                    | Qt.TextFlag.TextWordWrap
                ),
                text,
            )
        if self._drop_row is not None and model is not None:
            rows = model.rowCount(self.rootIndex())
            if rows == 0:
                y = 8
            elif self._drop_row < rows:
                y = self.visualRect(model.index(self._drop_row, 0, self.rootIndex())).top() + 2
            else:
                y = self.visualRect(model.index(rows - 1, 0, self.rootIndex())).bottom() - 2
            painter.setPen(QPen(QColor(t.focus), max(3, t.border_width + 2)))
            painter.drawLine(8, y, self.viewport().width() - 8, y)
        painter.end()


class ColumnWidget(QFrame):
    """A header label and the column's card list."""

    def __init__(self, model: BoardModel, status: str, delegate: CardDelegate, parent=None):
        super().__init__(parent)
        self.status = status
        self.model = model
        self.setObjectName("BoardColumn")
        self.header = QLabel()
        self.header.setObjectName("BoardColumnHeader")
        self.header.setTextFormat(Qt.TextFormat.PlainText)
        typography.mark(self.header, 1.15, QFont.Weight.Bold)
        self.view = ColumnView(status)
        self.view.setModel(model)
        self.view.setRootIndex(model.column_index(status))
        self.view.setItemDelegate(delegate)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        self.rule = QFrame()
        self.rule.setObjectName("BoardColumnRule")
        self.rule.setFixedHeight(3)
        layout.addWidget(self.header)
        layout.addWidget(self.rule)
        layout.addWidget(self.view, 1)
        self.refresh_header()

    def refresh_header(self) -> None:
        swatch = FOLLOWUP_STATUS_SWATCHES[self.status]
        shown, total = self.model.data(self.model.column_index(self.status), Roles.Count)
        count = f"{shown}" if shown == total else f"{shown} of {total}"
        label = FOLLOWUP_STATUS_LABELS[self.status]
        self.header.setText(f"{swatch.symbol}  {label}   {count}")
        color = themes.swatch_color(swatch).name()
        self.rule.setStyleSheet(f"QFrame#BoardColumnRule {{ background: {color}; border: none; }}")
        self.header.setAccessibleName(f"{label}: {count} follow-ups")
