"""Presentation mode: enter, step through sections, the agenda timer, type size, contrast, leave."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from pm_desktop.ui import themes
from pm_desktop.ui.agenda import AgendaTimer, countdown_text
from pm_desktop.ui.overview import OverviewPanel
from pm_desktop.ui.panel import Panel
from pm_desktop.ui.settings import Settings


class FakeClock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


class SteppingPanel(Panel):
    """A stand-in second section that is shown itself (no presentation widget of its own)."""

    key = "timeline"
    title = "Timeline"

    def __init__(self, controller, parent=None):
        super().__init__(controller, parent)
        self.position = 0
        self.presenting: list[tuple[bool, float]] = []
        self.scales: list[float] = []

    def present_step(self, delta: int) -> bool:
        target = self.position + delta
        if not 0 <= target <= 2:
            return False
        self.position = target
        return True

    def set_presentation(self, on: bool, scale: float = 1.6) -> None:
        self.presenting.append((on, scale))

    def set_presentation_scale(self, scale: float) -> None:
        self.scales.append(scale)


@pytest.fixture
def clock():
    return FakeClock()


@pytest.fixture
def presenting(make_window, clock, qtbot):
    window = make_window([OverviewPanel, SteppingPanel], clock=clock)
    window.files.open_example()
    window.menus.present_action.trigger()
    pres = window.presentation
    assert pres is not None
    pres.activateWindow()
    qtbot.waitActive(pres)
    return window, pres


def key(qtbot, pres, k, modifier=Qt.KeyboardModifier.NoModifier):
    qtbot.keyClick(pres, k, modifier)


def test_f5_shows_the_review_full_screen_in_large_type(presenting):
    window, pres = presenting
    assert pres.isVisible() and pres.isFullScreen()
    overview = window.panels[0]
    assert pres.stack.currentWidget() is overview.presentation_widget()
    assert overview.presentation_widget().title.text() == window.controller.review.meta.title
    app_size = QApplication.font().pointSizeF()
    # The offscreen screen is 800 px tall: body text a fortieth of that, 20 px (15 pt at 96 dpi).
    assert pres.font().pointSizeF() == pytest.approx(app_size * 20 / (app_size * 96 / 72), 0.01)
    assert pres.strip.section_buttons[0].text().endswith("Overview · 5 min")


def test_the_overview_walks_the_room_through_how_it_unfolded_in_large_type(presenting, qtbot):
    window, pres = presenting
    meta = window.controller.review.meta
    view = window.panels[0].presentation_widget()
    room_size = pres.font().pointSizeF()
    assert room_size > QApplication.font().pointSizeF() * 1.3  # the room's size, not the app's
    assert meta.affected_regions.split()[0] in view.affected.text()
    assert view.affected.isVisible() and view.affected.font().pointSizeF() >= room_size
    key(qtbot, pres, Qt.Key.Key_Right)
    assert view.trigger.isVisible() and view.trigger.text() == meta.trigger.strip()
    assert view.trigger.font().pointSizeF() >= room_size
    for key_name in ("detection", "response", "recovery"):
        label = view.unfolding[key_name]
        assert label.isVisible() and label.text() == getattr(meta, key_name).strip()
        assert label.font().pointSizeF() >= room_size
    key(qtbot, pres, Qt.Key.Key_Right)
    key(qtbot, pres, Qt.Key.Key_Right)
    assert view.meeting.isVisible() and "13 March 2025" in view.meeting.text()
    assert meta.attendees.split(",")[0].strip() in view.meeting.text()
    assert view.meeting.font().pointSizeF() >= room_size


def test_page_down_and_up_move_between_sections(presenting, qtbot):
    window, pres = presenting
    key(qtbot, pres, Qt.Key.Key_PageDown)
    assert pres.current == 1
    assert pres.stack.currentWidget() is window.panels[1]  # the panel itself, borrowed
    key(qtbot, pres, Qt.Key.Key_PageDown)
    assert pres.current == 1  # already the last section
    key(qtbot, pres, Qt.Key.Key_PageUp)
    assert pres.current == 0


def test_arrow_keys_step_inside_the_current_section(presenting, qtbot):
    window, pres = presenting
    overview_view = window.panels[0].presentation_widget()
    key(qtbot, pres, Qt.Key.Key_Right)
    assert overview_view.page == 1
    key(qtbot, pres, Qt.Key.Key_Left)
    assert overview_view.page == 0
    key(qtbot, pres, Qt.Key.Key_PageDown)
    key(qtbot, pres, Qt.Key.Key_Down)
    key(qtbot, pres, Qt.Key.Key_Down)
    key(qtbot, pres, Qt.Key.Key_Down)
    assert window.panels[1].position == 2


def test_the_timer_starts_pauses_and_resets_with_an_injected_clock(presenting, clock, qtbot):
    _window, pres = presenting
    timer = pres.timer
    assert timer.remaining() == 5 * 60
    assert pres.strip.countdown.text() == "5:00"
    key(qtbot, pres, Qt.Key.Key_Space)
    assert timer.running
    clock.advance(90)
    assert timer.remaining() == 210
    pres.strip.refresh()
    assert pres.strip.countdown.text() == "3:30"
    assert pres.strip.start_button.text() == "Pause"
    key(qtbot, pres, Qt.Key.Key_Space)
    assert not timer.running
    clock.advance(600)
    assert timer.remaining() == 210  # paused time does not count
    key(qtbot, pres, Qt.Key.Key_R)
    assert timer.remaining() == 300
    assert pres.strip.countdown.text() == "5:00"


def test_each_section_keeps_its_own_time(presenting, clock, qtbot):
    _window, pres = presenting
    pres.strip.start_button.click()
    clock.advance(100)
    key(qtbot, pres, Qt.Key.Key_PageDown)  # the timer follows the facilitator
    clock.advance(60)
    assert pres.timer.remaining(0) == 200
    assert pres.timer.remaining() == 15 * 60 - 60
    clock.advance(15 * 60)
    pres.strip.refresh()
    assert pres.strip.countdown.text() == "+1:00"
    assert "over time" in pres.strip.caption.text()


def test_timeboxes_are_editable_and_remembered(presenting):
    _window, pres = presenting
    pres.strip.longer_button.click()
    pres.strip.longer_button.click()
    pres.strip.shorter_button.click()
    assert pres.timer.timeboxes[0] == 6 * 60
    assert Settings().timebox_minutes("overview") == 6
    assert "Timebox 6 min" in pres.strip.timebox_label.text()


def test_ctrl_plus_and_minus_step_the_type_size(presenting, qtbot):
    window, pres = presenting
    before, room_scale = pres.font().pointSizeF(), pres.scale
    key(qtbot, pres, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert pres.scale == pytest.approx(room_scale * 1.12, 0.01)
    assert pres.font().pointSizeF() > before
    assert window.panels[1].scales == [pres.scale]  # resized in place, not presented again
    assert window.panels[1].presenting == [(True, room_scale)]
    title = window.panels[0].presentation_widget().title
    assert title.font().pointSizeF() == pytest.approx(pres.font().pointSizeF() * 2.3)
    key(qtbot, pres, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert pres.scale == pytest.approx(room_scale)
    for _ in range(5):
        key(qtbot, pres, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert pres.size_step == -2  # a few steps, not unbounded


def test_high_contrast_is_for_the_room_only(presenting, qtbot):
    _window, pres = presenting
    key(qtbot, pres, Qt.Key.Key_H)
    assert themes.current_theme() == "high-contrast"
    assert Settings().theme() == "system"  # the user's own choice is untouched
    key(qtbot, pres, Qt.Key.Key_Escape)
    assert themes.current_theme() == "light"


def test_escape_gives_every_panel_back(presenting, qtbot):
    window, pres = presenting
    key(qtbot, pres, Qt.Key.Key_PageDown)
    with qtbot.wait_signal(pres.closed):
        key(qtbot, pres, Qt.Key.Key_Escape)
    assert window.presentation is None
    assert [window.stack.widget(i) for i in range(window.stack.count())] == window.panels
    overview = window.panels[0]
    assert overview.presentation_widget().parentWidget() is overview
    assert not overview.presentation_widget().isVisible()
    assert window.panels[1].presenting[-1][0] is False
    window.show_panel("overview")
    assert window.current_panel() is overview


def test_presentation_needs_an_open_review(window):
    assert window.enter_presentation() is None
    assert not window.menus.present_action.isEnabled()


@pytest.mark.parametrize(
    ("seconds", "text"),
    [
        (300, "5:00"),
        (299.2, "5:00"),
        (59.5, "1:00"),
        (0, "0:00"),
        (-61, "+1:01"),
        (3725, "1:02:05"),
    ],
)
def test_countdown_text(seconds, text):
    assert countdown_text(seconds) == text


def test_agenda_timer_on_its_own(qtbot):
    clock = FakeClock()
    timer = AgendaTimer([60, 120], clock)
    with qtbot.wait_signal(timer.changed):
        timer.start()
    clock.advance(10)
    timer.set_section(1)
    clock.advance(5)
    timer.set_timebox(1, 30)
    assert (timer.remaining(0), timer.remaining(1)) == (50, 25)
    timer.reset()
    assert timer.remaining() == 30 and timer.running
    timer.stop()


def test_every_real_panel_gets_its_normal_type_back_after_presenting(make_window, qtbot):
    """A panel shown itself in presentation mode once kept the room-sized font afterwards."""
    window = make_window()  # the real panels
    window.files.open_example()
    sizes_before = {p.key: p.font().pointSizeF() for p in window.panels}
    pres = window.enter_presentation(fullscreen=False)
    for index in range(len(pres.sections)):
        pres.go_to(index)
        QApplication.processEvents()
    assert any(p.font().pointSizeF() > sizes_before[p.key] for p in window.panels)
    pres.leave()
    QApplication.processEvents()
    assert {p.key: p.font().pointSizeF() for p in window.panels} == sizes_before
