"""The main window's sidebar and the welcome screen, as someone at the keyboard meets them."""

from __future__ import annotations

import pytest
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
