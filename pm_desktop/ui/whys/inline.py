"""Editing a node's text in place, on the canvas.

One :class:`InlineTextEditor` lives in the scene for the whole session; it is shown over the box
being edited and hidden again, never deleted from inside its own event handlers. Keys: Enter
commits, Shift+Enter starts a new line, Esc cancels, Tab commits and asks for a child why.
Pasted and dropped text is inserted as plain text only: node text is never markup, so a pasted
``<img src=…>`` stays those characters.

Signals:

- ``committed(str)`` — editing ended with this text (Enter, Tab, or a click elsewhere).
- ``cancelled()`` — Esc: the node keeps its old text.
- ``childRequested()`` — Tab: after ``committed``, add a child why and edit it.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import QColor, QFont, QGuiApplication, QKeySequence, QPainter, QPen
from PySide6.QtWidgets import QGraphicsTextItem, QStyle, QStyleOptionGraphicsItem, QWidget

from .. import themes
from .look import WhyLook


class InlineTextEditor(QGraphicsTextItem):
    committed = Signal(str)
    cancelled = Signal()
    childRequested = Signal()

    def __init__(self):
        super().__init__()
        self.node_id = ""
        self._closing = False
        self._fill = QColor(themes.WHITE)  # until begin() gives the look's colours
        self._frame = QColor(themes.TREE.print_accent)
        self.setZValue(50)
        self.setVisible(False)
        self.document().setDocumentMargin(2)

    @property
    def active(self) -> bool:
        return self.isVisible()

    def begin(self, node_id: str, text: str, rect: QRectF, font: QFont, look: WhyLook) -> None:
        self.node_id = node_id
        self._fill = QColor(look.node_fill)
        self._frame = QColor(look.selection)
        self.setFont(font)
        self.setDefaultTextColor(look.text)
        self.setPlainText(text)
        self.setTextWidth(max(40.0, rect.width()))
        self.setPos(rect.topLeft())
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextEditorInteraction)
        self.setVisible(True)
        self.setFocus(Qt.FocusReason.OtherFocusReason)
        cursor = self.textCursor()
        cursor.select(cursor.SelectionType.Document)
        self.setTextCursor(cursor)

    def text(self) -> str:
        return self.toPlainText()

    def move_to(self, rect: QRectF) -> None:
        self.setPos(rect.topLeft())

    def finish(self, commit: bool) -> None:
        """End editing; emits ``committed`` or ``cancelled`` once."""
        if not self.isVisible() or self._closing:
            return
        self._closing = True
        try:
            text = self.toPlainText()
            self.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
            self.clearFocus()
            self.setVisible(False)
        finally:
            self._closing = False
        if commit:
            self.committed.emit(text)
        else:
            self.cancelled.emit()

    # ------------------------------------------------------------------ keys and input
    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt's name
        key = event.key()
        shift = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if shift:
                self.textCursor().insertText("\n")
            else:
                self.finish(True)
            event.accept()
            return
        if key == Qt.Key.Key_Escape:
            self.finish(False)
            event.accept()
            return
        if key == Qt.Key.Key_Tab:
            self.finish(True)
            self.childRequested.emit()
            event.accept()
            return
        if event.matches(QKeySequence.StandardKey.Paste):
            self.textCursor().insertText(QGuiApplication.clipboard().text())
            event.accept()
            return
        super().keyPressEvent(event)

    def focusOutEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().focusOutEvent(event)
        if event.reason() in (
            Qt.FocusReason.ActiveWindowFocusReason,
            Qt.FocusReason.PopupFocusReason,
        ):
            return  # switching windows or opening a menu does not end the edit
        if self.isVisible() and not self._closing:
            self.finish(True)

    def contextMenuEvent(self, event) -> None:  # noqa: N802 - Qt's name
        event.accept()  # the rich-text menu would offer "paste as HTML"; keys cover the rest

    def dragEnterEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if event.mimeData().hasText():
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event) -> None:  # noqa: N802 - Qt's name
        self.dragEnterEvent(event)

    def dropEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if event.mimeData().hasText():
            self.textCursor().insertText(event.mimeData().text())
            event.acceptProposedAction()

    # ------------------------------------------------------------------ painting
    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        rect = self.boundingRect().adjusted(-3, -3, 3, 3)
        painter.setPen(QPen(self._frame, 2))
        painter.setBrush(self._fill)
        painter.drawRoundedRect(rect, 4, 4)
        plain = QStyleOptionGraphicsItem(option)
        plain.state &= ~(QStyle.StateFlag.State_Selected | QStyle.StateFlag.State_HasFocus)
        super().paint(painter, plain, widget)
