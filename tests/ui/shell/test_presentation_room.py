"""Presentation mode in front of the room: the bugs a facilitator hit, each with its test.

A projector is stood in with :func:`pm_desktop.ui.screen_area.forced`, so the same tests run
at 1280×720 and 1920×1080 on the offscreen platform's single small screen.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QApplication

from pm_desktop.ui import screen_area
from pm_desktop.ui.settings import Settings

SMALL, LARGE = QRect(0, 0, 1280, 720), QRect(0, 0, 1920, 1080)


@pytest.fixture
def room():
    """Enter a room: ``room(QRect)`` forces that screen until the test ends."""
    contexts = []

    def enter(rect: QRect) -> QRect:
        context = screen_area.forced(rect)
        contexts.append(context)
        return context.__enter__()

    yield enter
    for context in reversed(contexts):
        context.__exit__(None, None, None)


def present(window, qtbot, section: str = "overview"):
    window.show_panel(section)
    pres = window.enter_presentation()
    assert pres is not None
    pres.activateWindow()
    qtbot.waitActive(pres)
    QApplication.processEvents()
    return pres


def key(qtbot, pres, k, modifier=Qt.KeyboardModifier.NoModifier):
    qtbot.keyClick(pres, k, modifier)
    QApplication.processEvents()


@pytest.fixture
def demo_window(make_window):
    window = make_window()
    window.files.open_example()
    return window


def test_ctrl_plus_on_the_whys_keeps_the_tree_and_esc_still_leaves(demo_window, room, qtbot):
    room(LARGE)
    pres = present(demo_window, qtbot, "whys")
    whys = demo_window.panel("whys")
    tree = whys.presentation_widget()
    key(qtbot, pres, Qt.Key.Key_Right)
    key(qtbot, pres, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert pres.size_step == 1
    assert whys.presentation_widget() is tree  # the same widget, still shown
    assert pres.stack.currentWidget() is tree
    assert tree.depth == 1  # the level reached is kept
    key(qtbot, pres, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    key(qtbot, pres, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    with qtbot.wait_signal(pres.closed):
        key(qtbot, pres, Qt.Key.Key_Escape)
    assert demo_window.presentation is None
    pages = [demo_window.stack.widget(i) for i in range(demo_window.stack.count())]
    assert pages == demo_window.panels  # the sidebar's sections are all back, in order


def test_the_leave_button_works_after_a_size_change_in_every_section(demo_window, room, qtbot):
    room(SMALL)
    pres = present(demo_window, qtbot)
    for index in range(len(pres.sections)):
        pres.go_to(index)
        key(qtbot, pres, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    with qtbot.wait_signal(pres.closed):
        pres.strip.leave_button.click()


def test_a_larger_type_is_for_this_meeting_only(demo_window, room, qtbot):
    room(LARGE)
    pres = present(demo_window, qtbot)
    room_size = pres.scale
    key(qtbot, pres, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert pres.scale > room_size
    pres.leave()
    QApplication.processEvents()
    again = present(demo_window, qtbot)
    assert again.size_step == 0 and again.scale == pytest.approx(room_size)
    assert not [k for k in Settings()._store.allKeys() if "scale" in k]  # nothing was saved


def test_type_grows_with_the_screen(demo_window, room, qtbot):
    room(SMALL)
    pres = present(demo_window, qtbot)
    small = pres.font().pixelSize() if pres.font().pixelSize() > 0 else pres.font().pointSizeF()
    pres.leave()
    QApplication.processEvents()
    room(LARGE)
    pres = present(demo_window, qtbot)
    large = pres.font().pixelSize() if pres.font().pixelSize() > 0 else pres.font().pointSizeF()
    assert large == pytest.approx(small * 1080 / 720, rel=0.02)


@pytest.mark.parametrize("rect", [LARGE, QRect(0, 0, 1600, 1000)])
def test_first_entry_to_the_whys_shows_the_problem_large(demo_window, room, qtbot, rect):
    room(rect)
    pres = present(demo_window, qtbot, "whys")
    tree = demo_window.panel("whys").presentation_widget()
    box = tree.view.mapFromScene(tree.scene.box(tree.root_id)).boundingRect()
    assert box.width() >= 0.3 * rect.width()
    assert tree.view.viewport().rect().contains(box)
    pres.leave()


def test_leaving_at_1280x720_keeps_the_window_and_its_status_bar_on_screen(
    demo_window, room, qtbot
):
    area = room(SMALL)
    demo_window.resize(1200, 700)
    pres = present(demo_window, qtbot, "timeline")
    key(qtbot, pres, Qt.Key.Key_H)
    for _ in range(3):
        key(qtbot, pres, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    for index in range(len(pres.sections)):
        pres.go_to(index)
        QApplication.processEvents()
        pres.step(1)
        QApplication.processEvents()
    pres.leave()
    for _ in range(3):  # the window grew a few event-loop turns later
        QApplication.processEvents()
    assert area.contains(demo_window.frameGeometry())
    bar = demo_window.statusBar()
    assert bar.isVisible()
    top_left = bar.mapToGlobal(bar.rect().topLeft())
    assert area.contains(QRect(top_left, bar.size()))


def controls_fully_visible(pres) -> bool:
    """Every button of the agenda strip lies inside what the strip's scroller shows."""
    strip = pres.strip
    port = strip.left_scroller.viewport()
    buttons = [strip.start_button, strip.reset_button, strip.shorter_button]
    buttons += [strip.longer_button, strip.contrast_button, strip.leave_button]
    buttons += strip.section_buttons[strip.timer.section : strip.timer.section + 1]
    for button in buttons:
        top_left = button.mapTo(port, button.rect().topLeft())
        if not port.rect().contains(QRect(top_left, button.size())):
            return False
        on_window = button.mapTo(pres, button.rect().topLeft())
        if not pres.rect().contains(QRect(on_window, button.size())):
            return False
    return True


@pytest.mark.parametrize("rect", [SMALL, LARGE])
def test_the_controls_row_is_not_clipped_on_overview_or_in_high_contrast(
    demo_window, room, qtbot, rect
):
    room(rect)
    pres = present(demo_window, qtbot, "overview")
    assert controls_fully_visible(pres)
    key(qtbot, pres, Qt.Key.Key_H)
    assert controls_fully_visible(pres)
    key(qtbot, pres, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert controls_fully_visible(pres)
    key(qtbot, pres, Qt.Key.Key_PageDown)
    key(qtbot, pres, Qt.Key.Key_H)
    assert controls_fully_visible(pres)


def test_right_arrow_at_the_end_of_a_section_says_so_then_moves_on(demo_window, room, qtbot):
    room(SMALL)
    pres = present(demo_window, qtbot, "board")  # Follow-ups: 4 column steps, the last section
    while pres.current_panel().present_step(1):
        pass
    key(qtbot, pres, Qt.Key.Key_Right)
    assert "End of Follow-ups" in pres.hint.text() and "Esc" in pres.hint.text()
    pres.go_to(pres.current - 1)  # 5 Whys
    assert "End of" not in pres.hint.text()
    pres.current_panel().presentation_widget().reveal_all()
    key(qtbot, pres, Qt.Key.Key_Right)
    assert pres.current_panel().key == "whys"
    assert pres.hint.text() == "End of 5 Whys. Press → again or Page Down for Follow-ups."
    key(qtbot, pres, Qt.Key.Key_Right)
    assert pres.current_panel().key == "board"
    pres.go_to(0)
    key(qtbot, pres, Qt.Key.Key_Left)
    assert pres.hint.text() == "Start of Overview, the first section."
    pres._notice_timer.timeout.emit()  # the message goes after a while
    assert pres.hint.text().startswith("PgDn / PgUp")


@pytest.mark.parametrize(("rect", "floor"), [(LARGE, 24), (SMALL, 16)])
def test_the_whole_why_tree_never_shrinks_below_readable_text(
    demo_window, room, qtbot, rect, floor
):
    room(rect)
    pres = present(demo_window, qtbot, "whys")
    tree = demo_window.panel("whys").presentation_widget()
    while pres.step(1):
        assert tree.text_px() >= floor - 0.5
    assert tree.depth == tree.deepest() >= 5
    newest = [n for n in tree.scene.node_ids() if tree.scene.depth_of(n) == tree.depth]
    port = tree.view.viewport().rect()
    assert any(
        port.intersects(tree.view.mapFromScene(tree.scene.box(n)).boundingRect()) for n in newest
    )
    pres.leave()


def test_high_contrast_reaches_the_why_tree_in_presentation(demo_window, room, qtbot):
    room(SMALL)
    pres = present(demo_window, qtbot, "whys")
    tree = demo_window.panel("whys").presentation_widget()
    assert not tree.scene.look.high_contrast
    key(qtbot, pres, Qt.Key.Key_H)
    assert tree.scene.look.high_contrast
    key(qtbot, pres, Qt.Key.Key_H)
    assert not tree.scene.look.high_contrast
    pres.leave()
