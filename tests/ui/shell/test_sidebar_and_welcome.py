"""The main window's sidebar and the welcome screen, as someone at the keyboard meets them."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from pm_desktop.ui import themes


def rows_overlap(nav) -> list[str]:
    """Rows whose boxes overlap the next row or are too short for their text and padding."""
    pad_v, _ = themes.NAV_ITEM_PADDING
    margin_v, _ = themes.NAV_ITEM_MARGIN
    need = max(nav.fontMetrics().height(), nav.iconSize().height()) + 2 * (pad_v + margin_v)
    rects = [nav.visualItemRect(nav.item(i)) for i in range(nav.count())]
    bad = [nav.item(i).text() for i, r in enumerate(rects) if r.height() < need]
    bad += [
        nav.item(i).text() for i in range(len(rects) - 1) if rects[i].bottom() >= rects[i + 1].top()
    ]
    return bad


@pytest.mark.parametrize("theme", ["system", "high-contrast"])
def test_sidebar_rows_never_overlap_from_the_first_paint(qapp, make_window, theme):
    themes.apply_theme(qapp, theme)  # as at launch: the theme first, then the window
    window = make_window()
    QApplication.processEvents()
    assert rows_overlap(window.nav) == []
    window.files.open_example()
    for zoom in (1.1, 1.5, 2.0):
        window.set_zoom(zoom)
        QApplication.processEvents()
        assert rows_overlap(window.nav) == [], zoom
    themes.apply_theme(qapp, "dark")
    QApplication.processEvents()
    assert rows_overlap(window.nav) == []


@pytest.mark.parametrize("key", [Qt.Key.Key_Return, Qt.Key.Key_Space])
def test_enter_or_space_on_the_welcome_screen_starts_a_review(window, qtbot, key):
    window.activateWindow()
    qtbot.waitActive(window)
    focused = QApplication.focusWidget()
    assert focused is window.welcome.new_button
    assert focused.hasFocus()  # the style sheet draws its focus ring then
    qtbot.keyClick(focused, key)
    assert window.controller.document is not None
    assert window.pages.currentWidget() is window.workspace


def test_tab_moves_between_the_welcome_actions_and_enter_uses_the_focused_one(window, qtbot):
    window.activateWindow()
    qtbot.waitActive(window)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is window.welcome.blank_button
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    assert window.controller.document is not None
    assert window.controller.review.why_roots() == []  # blank: no template problem


def test_ctrl_4_puts_the_keyboard_on_the_why_canvas_and_tab_asks_one_why(window, qtbot):
    window.files.open_example()
    window.activateWindow()
    qtbot.waitActive(window)
    window.show_panel("overview")
    qtbot.keyClick(window, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    whys = window.panel("whys")
    assert window.current_panel() is whys
    assert QApplication.focusWidget() is whys.view
    review = window.controller.review
    roots_before, count_before = len(review.why_roots()), len(review.whys)
    selected = whys.editor.current_id
    assert selected == review.why_roots()[0].id
    qtbot.keyClick(whys.view, Qt.Key.Key_Tab)
    review = window.controller.review
    assert len(review.why_roots()) == roots_before  # no new problem tree
    assert len(review.whys) == count_before + 1
    assert whys.editor.editing
    # Tab on the still-empty box keeps editing it: no chain of empty whys
    qtbot.keyClick(whys.view, Qt.Key.Key_Tab)
    qtbot.keyClick(whys.view, Qt.Key.Key_Tab)
    assert len(window.controller.review.whys) == count_before + 1
    assert whys.editor.editing
