"""The card grid, the area that takes drops, and the banner that lists what was refused.

Signals (:class:`EvidenceView`): ``openRequested(QModelIndex)``.

Signals (:class:`DropArea`):

- ``dropped(QMimeData)`` — something that can become evidence was dropped (files, links,
  pictures, text; never our own cards, which link to events elsewhere instead).

Signals (:class:`MessageBanner`): none.
"""

from __future__ import annotations

from PySide6.QtCore import QMimeData, QModelIndex, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from .. import themes, typography
from . import drops
from .cards import CardDelegate
from .model import EvidenceModel

GRID_GAP = 14


class EvidenceView(QListView):
    """Cards in a wrapping grid; cards drag out as ``EVIDENCE_MIME``, nothing drops in here
    (drops go to the enclosing :class:`DropArea`).

    Signals: ``openRequested(QModelIndex)`` — Enter on the current card (double-clicks come as
    ``doubleClicked``; single-click activation is not used, so nothing opens by accident).
    """

    openRequested = Signal(QModelIndex)

    def __init__(self, model: EvidenceModel, delegate: CardDelegate):
        super().__init__()
        self.setObjectName("EvidenceGrid")
        self.setModel(model)
        self.setItemDelegate(delegate)
        self.setViewMode(QListView.ViewMode.IconMode)
        self.setFlow(QListView.Flow.LeftToRight)
        self.setWrapping(True)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setMovement(QListView.Movement.Static)
        self.setUniformItemSizes(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setDragEnabled(True)
        self.setAcceptDrops(False)
        self.viewport().setAcceptDrops(False)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.setDefaultDropAction(Qt.DropAction.LinkAction)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setAccessibleName("Evidence cards")
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.refresh_layout()

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.openRequested.emit(self.currentIndex())
            event.accept()
            return
        super().keyPressEvent(event)

    def refresh_layout(self) -> None:
        delegate = self.itemDelegate()
        if isinstance(delegate, CardDelegate):
            size = delegate.card_size(self.font())
            self.setGridSize(QSize(size.width() + GRID_GAP, size.height() + GRID_GAP))
        self.doItemsLayout()
        self.viewport().update()


class DropArea(QWidget):
    dropped = Signal(QMimeData)

    def __init__(self, model: EvidenceModel, delegate: CardDelegate):
        super().__init__()
        self.setObjectName("EvidenceDropArea")
        self.setAcceptDrops(True)
        self._writable = True
        self.view = EvidenceView(model, delegate)
        self.empty = typography.mark(QLabel(), 1.15)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.empty.setProperty("role", "muted")
        self.empty.setTextFormat(Qt.TextFormat.PlainText)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.empty, 1)
        self.overlay = QLabel("Drop to add as evidence", self)
        self.overlay.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.overlay.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.overlay.hide()
        self.set_state(total=0, shown=0, writable=True)

    def set_state(self, *, total: int, shown: int, writable: bool) -> None:
        self._writable = writable
        if total == 0:
            self.empty.setText(
                "No evidence yet.\n\nDrop screenshots, links, log excerpts or files here, "
                "or paste them with Ctrl+V."
                if writable
                else "This review has no evidence."
            )
        else:
            self.empty.setText("No evidence matches the filter.")
        self.empty.setVisible(shown == 0)
        self.view.setVisible(shown > 0)

    # ------------------------------------------------------------------ drops
    def _show_overlay(self, on: bool) -> None:
        if on:
            t = themes.colors()
            base = QColor(t.base)
            self.overlay.setStyleSheet(
                f"background: rgba({base.red()}, {base.green()}, {base.blue()}, 225);"
                f"color: {t.text}; border: 3px dashed {t.accent}; border-radius: 10px;"
                "font-weight: bold;"
            )
            font = QFont(self.font())
            font.setPointSizeF(max(1.0, font.pointSizeF()) * 1.5)
            self.overlay.setFont(font)
            self.overlay.setGeometry(self.rect().adjusted(6, 6, -6, -6))
            self.overlay.raise_()
        self.overlay.setVisible(on)

    def dragEnterEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if self._writable and drops.can_take(event.mimeData()):
            event.setDropAction(Qt.DropAction.CopyAction)
            event.accept()
            self._show_overlay(True)
        else:
            event.ignore()

    def dragMoveEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if self._writable and drops.can_take(event.mimeData()):
            event.setDropAction(Qt.DropAction.CopyAction)
            event.accept()
        else:
            event.ignore()

    def dragLeaveEvent(self, event) -> None:  # noqa: N802 - Qt's name
        self._show_overlay(False)
        super().dragLeaveEvent(event)

    def dropEvent(self, event) -> None:  # noqa: N802 - Qt's name
        self._show_overlay(False)
        mime = event.mimeData()
        if not self._writable or not drops.can_take(mime):
            event.ignore()
            return
        event.setDropAction(Qt.DropAction.CopyAction)
        event.accept()
        self.dropped.emit(mime)


class MessageBanner(QFrame):
    """What a drop or paste could not add, one line per item, until closed."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("Banner")
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        close = QToolButton()
        close.setText("✕")
        close.setToolTip("Close this message")
        close.setAccessibleName("Close the message")
        close.clicked.connect(self.clear)
        row = QHBoxLayout(self)
        row.setContentsMargins(10, 6, 6, 6)
        row.addWidget(self.label, 1)
        row.addWidget(close, 0, Qt.AlignmentFlag.AlignTop)
        self.hide()

    def show_message(self, text: str) -> None:
        self.label.setText(text[:4000])
        self.show()

    def clear(self) -> None:
        self.label.clear()
        self.hide()

    def text(self) -> str:
        return "" if self.isHidden() else self.label.text()
