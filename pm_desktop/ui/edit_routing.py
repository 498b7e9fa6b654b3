"""Edit menu routing for the main window: Copy, Cut, Paste and Delete go to the focused text
field when there is one, and to the current panel's selection otherwise."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)


class EditRouting:
    """Mixed into the main window, which provides ``current_panel()`` and ``statusBar()``."""

    @staticmethod
    def focused_text_widget() -> QWidget | None:
        widget = QApplication.focusWidget()
        if isinstance(widget, QComboBox) and widget.isEditable():
            return widget.lineEdit()
        if isinstance(widget, QAbstractSpinBox):
            return widget.findChild(QLineEdit)
        if isinstance(widget, (QLineEdit, QTextEdit, QPlainTextEdit)):
            return widget
        return None

    def edit_copy(self) -> None:
        text = self.focused_text_widget()
        if text is not None:
            text.copy()  # type: ignore[attr-defined]
            return
        panel = self.current_panel()  # type: ignore[attr-defined]
        mime = panel.copy_selection() if panel is not None else None
        if mime is not None:
            QApplication.clipboard().setMimeData(mime)

    def edit_cut(self) -> None:
        text = self.focused_text_widget()
        if text is not None:
            text.cut()  # type: ignore[attr-defined]
            return
        panel = self.current_panel()  # type: ignore[attr-defined]
        if panel is None:
            return
        mime = panel.copy_selection()
        if mime is not None and panel.can_delete():
            QApplication.clipboard().setMimeData(mime)
            panel.delete_selection()

    def edit_paste(self) -> None:
        text = self.focused_text_widget()
        if text is not None:
            text.paste()  # type: ignore[attr-defined]
            return
        panel = self.current_panel()  # type: ignore[attr-defined]
        mime = QApplication.clipboard().mimeData()
        if panel is not None and mime is not None and not panel.paste(mime):
            self.statusBar().showMessage(  # type: ignore[attr-defined]
                "Nothing here can take what is on the clipboard", 5000
            )

    def edit_delete(self) -> None:
        text = self.focused_text_widget()
        if isinstance(text, QLineEdit):
            text.del_()
            return
        if isinstance(text, (QTextEdit, QPlainTextEdit)):
            cursor = text.textCursor()
            cursor.deleteChar()
            text.setTextCursor(cursor)
            return
        panel = self.current_panel()  # type: ignore[attr-defined]
        if panel is not None and panel.can_delete():
            panel.delete_selection()
