"""Every control a person can reach has a name a screen reader can say, and the evidence panel,
the why tree and the board work from the keyboard."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSlider,
    QAbstractSpinBox,
    QComboBox,
    QGraphicsView,
    QHeaderView,
    QLineEdit,
    QPlainTextEdit,
    QScrollBar,
    QTabBar,
    QTextEdit,
    QWidget,
)

INTERACTIVE = (
    QAbstractButton,
    QLineEdit,
    QTextEdit,
    QPlainTextEdit,
    QComboBox,
    QAbstractSpinBox,
    QAbstractItemView,
    QAbstractSlider,
    QGraphicsView,
    QTabBar,
)


def _spoken_name(widget: QWidget) -> str:
    face = QAccessible.queryAccessibleInterface(widget)
    return face.text(QAccessible.Text.Name).strip() if face is not None else ""


def _qt_own_part(widget: QWidget) -> bool:
    """Parts Qt builds and names itself (scroll bars, headers, a line edit's clear button)."""
    parent = widget.parent()
    return (
        widget.objectName().startswith("qt_")
        or isinstance(widget, (QScrollBar, QHeaderView))
        or isinstance(parent, (QLineEdit, QComboBox, QAbstractSpinBox))
    )


def unnamed_controls(root: QWidget) -> list[str]:
    """Interactive widgets shown in ``root``'s window without an accessible name."""
    found = []
    for widget in root.findChildren(QWidget):
        if not isinstance(widget, INTERACTIVE) or _qt_own_part(widget):
            continue
        if widget.window() is not root.window() or not widget.isVisibleTo(root):
            continue  # a popup (completer, combo list) is its own window, checked when open
        if not _spoken_name(widget):
            found.append(
                f"{type(widget).__name__} under {type(widget.parent()).__name__} "
                f"(tooltip {widget.toolTip()!r})"
            )
    return found


@pytest.mark.parametrize("key", ["overview", "timeline", "evidence", "whys", "board"])
def test_every_control_of_every_panel_has_a_name(window, key):
    window.files.open_example()
    assert window.show_panel(key)
    panel = window.panel(key)
    assert unnamed_controls(panel) == []


def test_a_brand_new_review_has_named_controls_too(window):
    window.files.new_review(True)
    for key in ("overview", "timeline", "evidence", "whys", "board"):
        window.show_panel(key)
        assert unnamed_controls(window.panel(key)) == [], key


def test_the_capture_window_and_help_dialogs_name_their_controls(window, qtbot):
    from pm_desktop.ui.dialogs import AboutDialog
    from pm_desktop.ui.timeline.capture import open_capture_window

    window.files.open_example()
    capture = open_capture_window(window.controller, window)
    assert unnamed_controls(capture) == []
    for dialog in (AboutDialog(window), window.show_shortcuts()):
        qtbot.addWidget(dialog)
        dialog.show()
        assert unnamed_controls(dialog) == [], type(dialog).__name__


def test_the_paste_preview_names_its_controls(controller, qtbot):
    from pm_desktop.ui.timeline.paste_preview import PastePreviewDialog

    dialog = PastePreviewDialog(controller, "09:15 Alert fires\n09:20 Paged\n")
    dialog.wait_for_parse()
    qtbot.addWidget(dialog)
    dialog.show()
    assert unnamed_controls(dialog) == []


def test_insert_in_the_evidence_panel_opens_the_file_picker(window, qtbot, tmp_path):
    window.files.open_example()
    window.show_panel("evidence")
    panel = window.panel("evidence")
    note = tmp_path / "pager.log"
    note.write_text("09:15 page sent\n", encoding="utf-8")
    asked = []

    def chooser(parent):
        asked.append(parent)
        return [str(note)]

    panel.files_chooser = chooser
    before = len(window.controller.review.evidence)
    window.activateWindow()
    qtbot.waitActive(window)
    panel.link_edit.setFocus()  # any widget of the panel
    QTest.keyClick(panel.link_edit, Qt.Key.Key_Insert)
    assert asked == [panel]
    assert len(window.controller.review.evidence) == before + 1


def test_the_why_tree_and_the_board_take_keyboard_focus(window):
    window.files.open_example()
    window.show_panel("whys")
    view = window.panel("whys").view
    assert view.focusPolicy() & Qt.FocusPolicy.TabFocus
    window.show_panel("board")
    board = window.panel("board")
    lists = [w for w in board.findChildren(QAbstractItemView) if w.isVisibleTo(board)]
    assert lists and all(w.focusPolicy() & Qt.FocusPolicy.TabFocus for w in lists)


def test_colour_is_never_the_only_sign_of_an_evidence_kind(example_document):
    from pm_desktop.ui.evidence.cards import badge_text
    from pm_desktop.ui.evidence.model import card_view

    review = example_document.review
    kinds = set()
    for item in review.evidence.values():
        view = card_view(review, item)
        text = badge_text(view)
        assert view.kind_label and view.kind_label in text  # a word beside the colour
        kinds.add(item.kind)
    assert len(kinds) > 1
