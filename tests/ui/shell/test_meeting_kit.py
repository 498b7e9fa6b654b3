"""The facilitator's kit in presentation mode, from the keyboard only."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QApplication

from pm_desktop.ui import screen_area


@pytest.fixture
def pres(make_window, qtbot):
    window = make_window()
    window.files.open_example()
    with screen_area.forced(QRect(0, 0, 1280, 720)):
        window.show_panel("timeline")
        pres = window.enter_presentation()
        pres.activateWindow()
        qtbot.waitActive(pres)
        yield window, pres
        if window.presentation is not None:
            pres.leave()


def press(qtbot, pres, key, modifier=Qt.KeyboardModifier.NoModifier):
    target = QApplication.focusWidget() or pres
    qtbot.keyClick(target, key, modifier)
    QApplication.processEvents()


def type_line(qtbot, pres, text):
    line = pres.kit.ask.edit
    assert pres.kit.ask.active and line.hasFocus()
    qtbot.keyClicks(line, text)
    qtbot.keyClick(line, Qt.Key.Key_Return)
    QApplication.processEvents()


def test_the_opening_statement_shows_at_the_start_and_goes_when_the_walk_starts(pres, qtbot):
    window, pres = pres
    assert pres.kit.opening.isVisible()
    assert "blameless" in pres.kit.opening.text.text()
    press(qtbot, pres, Qt.Key.Key_Right)
    assert not pres.kit.opening.isVisible()
    press(qtbot, pres, Qt.Key.Key_O)
    assert pres.kit.opening.isVisible()


def test_p_parks_an_idea_at_the_moment_on_screen_and_shift_p_makes_follow_ups(pres, qtbot):
    window, pres = pres
    press(qtbot, pres, Qt.Key.Key_Right)
    moment = window.panel("timeline").presented_event()
    press(qtbot, pres, Qt.Key.Key_P)
    type_line(qtbot, pres, "Alert on queue depth")
    review = window.controller.review
    (item,) = review.sorted_parking()
    assert (item.text, item.event_id) == ("Alert on queue depth", moment)
    assert not pres.kit.ask.active and "parked" in pres.hint.text()
    cards = len(review.followups)
    press(qtbot, pres, Qt.Key.Key_P, Qt.KeyboardModifier.ShiftModifier)
    review = window.controller.review
    assert len(review.followups) == cards + 1
    assert review.followups[review.sorted_parking()[0].followup_id].title == "Alert on queue depth"
    window.controller.undo_stack.undo()
    assert len(window.controller.review.followups) == cards


def test_t_marks_a_turning_point_with_its_question_shown_on_the_card(pres, qtbot):
    window, pres = pres
    press(qtbot, pres, Qt.Key.Key_Right)
    press(qtbot, pres, Qt.Key.Key_T)
    type_line(qtbot, pres, "Why did nobody page the database team?")
    review = window.controller.review
    (point,) = review.turning_points()
    assert point.open_question == "Why did nobody page the database team?"
    card = window.panel("timeline").present_card
    assert "Turning point" in card.questions.text()
    assert "Why did nobody page the database team?" in card.questions.text()
    press(qtbot, pres, Qt.Key.Key_T)  # on a turning point: unmark
    assert window.controller.review.turning_points() == []


def test_esc_in_the_answer_line_drops_it_and_keeps_presenting(pres, qtbot):
    window, pres = pres
    press(qtbot, pres, Qt.Key.Key_P)
    qtbot.keyClicks(pres.kit.ask.edit, "half an idea")
    press(qtbot, pres, Qt.Key.Key_Escape)
    assert not pres.kit.ask.active and window.presentation is pres
    assert window.controller.review.parking == {}
    press(qtbot, pres, Qt.Key.Key_Escape)
    assert window.presentation is None


def test_the_closing_round_adds_every_answer_to_the_lessons(pres, qtbot):
    window, pres = pres
    press(qtbot, pres, Qt.Key.Key_L)
    type_line(qtbot, pres, "Query plans matter at peak")
    type_line(qtbot, pres, "Say the zone with every time")
    assert pres.kit.ask.active  # the round goes on
    type_line(qtbot, pres, "")
    assert not pres.kit.ask.active
    lessons = window.controller.review.meta.lessons_learned
    assert lessons == "- Query plans matter at peak\n- Say the zone with every time"


def test_the_timeline_card_asks_the_room_about_the_moment(pres, qtbot):
    window, pres = pres
    card = window.panel("timeline").present_card
    review = window.controller.review
    seen = set()
    while pres.current_panel().present_step(1):
        QApplication.processEvents()
        kind = review.events[card.event_id].kind
        if kind == "observation":
            assert "What cues did you have?" in card.questions.text()
            seen.add(kind)
        elif kind == "action":
            assert "What options did you consider?" in card.questions.text()
            seen.add(kind)
    assert seen == {"observation", "action"}
