"""A root cause's text can be marked as redacted in the detail pane: struck, kept, undoable."""

from __future__ import annotations

from PySide6.QtGui import QTextCursor

from pm_desktop.domain.redaction import Place


def test_marking_text_in_a_why_strikes_it_and_follows_the_selection(panel, controller):
    cause = controller.review.root_causes()[0]
    other = next(w for w in controller.review.sorted_whys() if w.id != cause.id)
    assert panel.select_item("whys", cause.id)
    detail = panel.detail
    assert detail.marks.place == Place("whys", cause.id, "text")
    word = cause.text.split()[1]
    text = detail.text.toPlainText()
    cursor = detail.text.textCursor()
    cursor.setPosition(text.index(word))
    cursor.setPosition(text.index(word) + len(word), QTextCursor.MoveMode.KeepAnchor)
    detail.text.setTextCursor(cursor)
    assert detail.marks.redact_selection()
    (span,) = controller.review.redactions.values()
    assert (span.target, span.target_id, span.field) == ("whys", cause.id, "text")
    assert detail.text.extraSelections()
    assert detail.text.toPlainText() == cause.text  # the text itself is unchanged
    panel.select_item("whys", other.id)
    assert detail.marks.place == Place("whys", other.id, "text")
    controller.undo_stack.undo()
    assert controller.review.redactions == {}
