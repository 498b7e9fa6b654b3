"""Every presentation section at two projector sizes, six type sizes and two themes: entering,
stepping and leaving never raises, and nothing lands off the screen.

One main window serves every case (building one per case would take minutes); the projector is
stood in with :func:`pm_desktop.ui.screen_area.forced`.
"""

from __future__ import annotations

import itertools

import pytest
from PySide6.QtCore import QRect
from PySide6.QtWidgets import QApplication
from test_presentation_room import controls_fully_visible

from pm_desktop.ui import screen_area, themes
from pm_desktop.ui.presentation import SIZE_STEPS

SCREENS = [QRect(0, 0, 1280, 720), QRect(0, 0, 1920, 1080)]
THEMES = ["light", "high-contrast"]
ABOVE_THE_FOLD = ("timeline", "evidence")  # the event card and the picture need no scrolling


def problem_box_width(pres) -> int:
    tree = pres.current_panel().presentation_widget()
    return tree.view.mapFromScene(tree.scene.box(tree.root_id)).boundingRect().width()


def inside(area: QRect, widget) -> bool:
    return area.contains(widget.frameGeometry()) or area.contains(widget.geometry())


def test_every_section_size_and_theme_enters_and_leaves_cleanly(make_window, qtbot, qapp):
    window = make_window()
    window.files.open_example()
    problems: list[str] = []
    with qtbot.capture_exceptions() as raised:
        for rect, theme, step in itertools.product(SCREENS, THEMES, SIZE_STEPS):
            case = f"{rect.width()}x{rect.height()} {theme} size {step:+d}"
            window.resize(1200, 700)
            with screen_area.forced(rect) as area:
                window.show_panel("whys")
                pres = window.enter_presentation()
                pres.set_high_contrast(theme == "high-contrast")
                QApplication.processEvents()
                if problem_box_width(pres) < 0.3 * area.width():
                    problems.append(f"{case}: problem box {problem_box_width(pres)} px wide")
                pres.set_size_step(step)
                for index, section in enumerate(pres.sections):
                    pres.go_to(index)
                    QApplication.processEvents()
                    for delta in (1, 1, -1):
                        pres.step(delta)
                    where = f"{case} {section.panel.key}"
                    if pres.size() != area.size():  # (the offscreen platform adds a frame offset)
                        problems.append(f"{where}: presentation is {pres.size()}")
                    if not controls_fully_visible(pres):
                        problems.append(f"{where}: controls clipped")
                    QApplication.processEvents()
                    below = pres.scroller.verticalScrollBar().maximum()
                    if step <= 0 and section.panel.key in ABOVE_THE_FOLD and below:
                        problems.append(f"{where}: {below} px below the fold")
                pres.leave()
                QApplication.processEvents()
                if not inside(area, window):
                    problems.append(f"{case}: main window at {window.frameGeometry()}")
                if themes.current_theme() != "light":
                    problems.append(f"{case}: theme {themes.current_theme()} after leaving")
    assert not raised
    assert problems == [], "\n".join(problems)
    assert [window.stack.widget(i) for i in range(window.stack.count())] == window.panels


@pytest.mark.parametrize("rect", SCREENS)
def test_size_steps_change_the_type_in_even_steps(make_window, qtbot, rect):
    window = make_window()
    window.files.open_example()
    with screen_area.forced(rect):
        pres = window.enter_presentation()
        sizes = []
        for step in SIZE_STEPS:
            pres.set_size_step(step)
            sizes.append(pres.font().pointSizeF())
        pres.leave()
    ratios = [b / a for a, b in itertools.pairwise(sizes)]
    assert all(r == pytest.approx(1.12, rel=0.02) for r in ratios)
