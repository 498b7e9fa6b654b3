"""Typing in progress is saved when the window quits, the review closes or another panel is
shown: no open editor keeps text the file has not seen (issue #16.3)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractItemView, QWidget

from pm_desktop.store.document import Document


def reopened(path):
    with Document.open(path, read_only=True) as doc:
        return doc.review


def open_cell_editor(view: QAbstractItemView, index) -> QWidget:
    view.setCurrentIndex(index)
    view.edit(index)
    assert view.state() == QAbstractItemView.State.EditingState
    editors = [
        w for w in view.viewport().findChildren(QWidget) if w.parentWidget() is view.viewport()
    ]
    editors = [w for w in editors if w.isVisibleTo(view.viewport())]
    assert len(editors) == 1
    return editors[0]


def type_into_a_timeline_cell(window, text: str) -> str:
    from pm_desktop.ui.timeline.model import COLUMNS

    window.show_panel("timeline")
    panel = window.panel("timeline")
    index = panel.model.index(2, COLUMNS.index("text"))
    editor = open_cell_editor(panel.table, index)
    editor.selectAll()
    QTest.keyClicks(editor, text)
    assert text not in texts(window.controller.review), "still only in the editor"
    return text


def texts(review) -> set[str]:
    return {e.text for e in review.events.values()}


def test_quitting_keeps_text_typed_in_a_timeline_cell(window, review_file):
    window.files.open_path(str(review_file))
    typed = type_into_a_timeline_cell(window, "Rollback started by the on-call engineer")
    window.menus.quit_action.trigger()  # Ctrl+Q
    assert window.controller.document is None
    assert typed in texts(reopened(review_file))


def test_closing_the_review_keeps_text_typed_in_a_timeline_cell(window, review_file):
    window.files.open_path(str(review_file))
    typed = type_into_a_timeline_cell(window, "Cache warmed by hand")
    assert window.files.close_review()
    assert typed in texts(reopened(review_file))


def test_switching_panels_commits_the_cell_being_edited(window, review_file):
    window.files.open_path(str(review_file))
    typed = type_into_a_timeline_cell(window, "Traffic moved to the second region")
    window.show_panel("whys")
    assert typed in texts(window.controller.review)
    assert typed in texts(reopened(review_file))


def test_a_participant_cell_being_edited_is_kept_on_close(window, review_file):
    window.files.open_path(str(review_file))
    window.show_panel("overview")
    table = window.panel("overview").participants.view
    editor = open_cell_editor(table, table.model().index(0, 0))
    editor.selectAll()
    QTest.keyClicks(editor, "Dana Okafor")
    assert window.files.close_review()
    assert "Dana Okafor" in {p.name for p in reopened(review_file).people.values()}


def test_a_why_box_being_edited_in_place_is_kept_on_quit(window, review_file):
    window.files.open_path(str(review_file))
    window.show_panel("whys")
    editor = window.panel("whys").editor
    node_id = next(iter(window.controller.review.why_roots())).id
    assert editor.start_edit(node_id)
    editor.inline.setPlainText("Why did the retry storm start?")
    window.close()
    assert reopened(review_file).whys[node_id].text == "Why did the retry storm start?"


def test_a_note_typed_in_the_capture_window_is_kept_on_quit(window, review_file):
    window.files.open_path(str(review_file))
    window.open_capture()
    capture = window._capture
    capture.input.setFocus()
    QTest.keyClicks(capture.input, "Paged the database team")
    window.close()
    assert "Paged the database team" in texts(reopened(review_file))


def test_escape_still_cancels_a_cell_edit(window, review_file):
    window.files.open_path(str(review_file))
    before = texts(window.controller.review)
    type_into_a_timeline_cell(window, "not meant to be kept")
    editor = window.focusWidget() or window
    QTest.keyClick(editor, Qt.Key.Key_Escape)
    assert window.files.close_review()
    assert texts(reopened(review_file)) == before


def test_an_open_follow_up_form_is_saved_on_quit(window, review_file):
    window.files.open_path(str(review_file))
    window.show_panel("board")
    form = window.panel("board").open_editor(None)
    form.title_edit.setFocus()
    QTest.keyClicks(form.title_edit, "Add an index to the orders table")
    window.close()
    titles = {f.title for f in reopened(review_file).followups.values()}
    assert "Add an index to the orders table" in titles


def test_an_empty_follow_up_form_adds_nothing_on_quit(window, review_file):
    window.files.open_path(str(review_file))
    before = len(window.controller.review.followups)
    window.show_panel("board")
    window.panel("board").open_editor(None)
    window.close()
    assert len(reopened(review_file).followups) == before
