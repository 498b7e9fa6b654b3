"""Text the user marked as redacted, in the editors that show it.

:class:`SpanMarks` is attached to one text editor (``QTextEdit`` or ``QPlainTextEdit``) showing
one field of one item. It strikes through every marked span (the text stays in the review: only
exports leave it out), and adds "Redact selected text" and "Stop redacting" to the editor's
context menu. Both are ordinary undoable edits (``ops.mark_redacted`` / ``ops.unmark_redacted``)
pushed through the controller; the marks refresh from ``changed``.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QPoint, Qt
from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QMenu, QPlainTextEdit, QTextEdit

from pm_desktop.domain.edits import Change
from pm_desktop.domain.ops import mark_redacted, spans_for, unmark_redacted
from pm_desktop.domain.places import Place

from .controller import DocumentController

Editor = QTextEdit | QPlainTextEdit
STRUCK_BACKGROUND = QColor(128, 128, 128, 70)


def _utf16_offsets(text: str) -> list[int]:
    """For each Python offset, the offset in Qt's UTF-16 text (characters beyond the BMP)."""
    out, at = [], 0
    for ch in text:
        out.append(at)
        at += 2 if ord(ch) > 0xFFFF else 1
    out.append(at)
    return out


class SpanMarks(QObject):
    """Strike-through and the context-menu actions for one field (see the module docstring)."""

    def __init__(self, editor: Editor, controller: DocumentController, place: Place | None):
        super().__init__(editor)
        self.editor, self.controller, self.place = editor, controller, place
        editor.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        editor.customContextMenuRequested.connect(self._menu)
        editor.textChanged.connect(self.refresh)
        controller.changed.connect(self._on_changed)
        self.refresh()

    def _on_changed(self, change: Change) -> None:
        if change.touches("redactions"):
            self.refresh()

    def set_place(self, place: Place | None) -> None:
        """An editor that shows one item after another (a detail pane) follows the selection."""
        if place != self.place:
            self.place = place
            self.refresh()

    def spans(self) -> list[tuple[int, int]]:
        """Where marked text appears in the editor now (Python offsets)."""
        review = self.controller.review
        if self.place is None or not review.redactions:
            return []  # nothing marked: the engine (and its patterns) is not needed
        from pm_desktop.domain.redaction import Redactor

        red = Redactor(review, external=False)
        text = self.editor.toPlainText()
        return sorted({(h.start, h.end) for h in red.marked_hits(text, self.place)})

    def refresh(self) -> None:
        text = self.editor.toPlainText()
        utf16 = _utf16_offsets(text)
        selections = []
        struck = QTextCharFormat()
        struck.setFontStrikeOut(True)
        struck.setBackground(STRUCK_BACKGROUND)
        struck.setToolTip("Redacted: kept in the review, left out of every export")
        for start, end in self.spans():
            cursor = QTextCursor(self.editor.document())
            cursor.setPosition(utf16[start])
            cursor.setPosition(utf16[end], QTextCursor.MoveMode.KeepAnchor)
            selection = QTextEdit.ExtraSelection()
            selection.cursor, selection.format = cursor, struck
            selections.append(selection)
        self.editor.setExtraSelections(selections)

    # ------------------------------------------------------------------ actions
    def selected_text(self) -> str:
        return self.editor.textCursor().selectedText().replace("\u2029", "\n").strip()

    def redact_selection(self) -> bool:
        text = self.selected_text()
        p = self.place
        if not text or p is None or self.controller.read_only:
            return False
        return (
            self.controller.push(mark_redacted(self.controller.review, text, p.kind, p.id, p.field))
            is not None
        )

    def unredact_at(self, offset: int) -> bool:
        """Stop redacting the marked text under ``offset`` (a Python offset)."""
        review = self.controller.review
        text = self.editor.toPlainText()
        p = self.place
        if p is None:
            return False
        for span in spans_for(review, p.kind, p.id, p.field):
            needle = span.text
            at = text.casefold().find(needle.casefold())
            while at >= 0:
                if at <= offset <= at + len(needle):
                    return self.controller.push(unmark_redacted(review, span.id)) is not None
                at = text.casefold().find(needle.casefold(), at + 1)
        return False

    def _menu(self, pos: QPoint) -> None:
        menu = self.editor.createStandardContextMenu(pos)
        menu.addSeparator()
        redact = menu.addAction("Redact selected text")
        writable = self.place is not None and not self.controller.read_only
        redact.setEnabled(bool(self.selected_text()) and writable)
        redact.triggered.connect(self.redact_selection)
        cursor = self.editor.cursorForPosition(pos)
        offset = len(self.editor.toPlainText()[: cursor.position()])
        inside = any(s <= offset <= e for s, e in self.spans())
        stop = menu.addAction("Stop redacting this text")
        stop.setEnabled(inside and writable)
        stop.triggered.connect(lambda: self.unredact_at(offset))
        self._show(menu, self.editor.mapToGlobal(pos))

    def _show(self, menu: QMenu, where: QPoint) -> None:
        menu.exec(where)
        menu.deleteLater()
