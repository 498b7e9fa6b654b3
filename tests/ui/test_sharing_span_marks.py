"""Marking text as redacted in the app: struck through, kept in the review, undoable."""

from __future__ import annotations

from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QPlainTextEdit

from pm_desktop.domain.edits import AddEntity
from pm_desktop.domain.ops import new_evidence
from pm_desktop.domain.redaction import Place
from pm_desktop.ui.evidence.viewer import SnippetViewer
from pm_desktop.ui.redaction_marks import SpanMarks


def _select(editor: QPlainTextEdit, word: str) -> None:
    text = editor.toPlainText()
    cursor = editor.textCursor()
    cursor.setPosition(text.index(word))
    cursor.setPosition(text.index(word) + len(word), QTextCursor.MoveMode.KeepAnchor)
    editor.setTextCursor(cursor)


def test_selected_text_is_marked_struck_and_undo_clears_it(controller, qtbot):
    editor = QPlainTextEdit()
    qtbot.addWidget(editor)
    editor.setPlainText("The vendor Contoso saw it first; Contoso again.")
    marks = SpanMarks(editor, controller, Place("review", "", "summary"))
    _select(editor, "Contoso")
    assert marks.redact_selection()
    (span,) = controller.review.redactions.values()
    assert (span.text, span.target, span.field) == ("Contoso", "review", "summary")
    assert marks.spans() == [(11, 18), (33, 40)]
    struck = editor.extraSelections()
    assert len(struck) == 2 and all(s.format.fontStrikeOut() for s in struck)
    assert editor.toPlainText().count("Contoso") == 2  # the text itself stays
    controller.undo_stack.undo()
    assert controller.review.redactions == {} and editor.extraSelections() == []
    controller.undo_stack.redo()
    assert marks.unredact_at(12)
    assert controller.review.redactions == {}


def test_a_snippet_offers_its_secrets_for_redaction(controller, qtbot):
    review = controller.review
    text = "user=app password=hunter2-X token: abcdefghijklmnop12"
    edit = AddEntity(new_evidence(review, "text", title="config dump", text=text))
    controller.push(edit)
    item = controller.review.evidence[edit.entity.id]
    viewer = SnippetViewer(item, item.text, controller=controller)
    qtbot.addWidget(viewer)
    assert viewer.unmarked_secrets() == ["hunter2-X", "abcdefghijklmnop12"]
    assert not viewer.secrets_note.isHidden()
    assert viewer.redact_secrets() == 2
    assert viewer.unmarked_secrets() == [] and viewer.secrets_note.isHidden()
    assert {s.text for s in controller.review.redactions.values()} == {
        "hunter2-X",
        "abcdefghijklmnop12",
    }
    controller.undo_stack.undo()
    assert controller.review.redactions == {}
