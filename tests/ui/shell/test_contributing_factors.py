"""Contributing factors next to the 5 whys: marked from the keyboard, listed on the Overview,
linked from follow-ups; and the meeting's roles and words edited on the Overview."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication


def test_k_marks_a_why_as_a_contributing_factor_listed_on_the_overview(make_window, qtbot):
    window = make_window()
    window.files.open_example()
    window.activateWindow()
    qtbot.waitActive(window)
    window.go_to_panel("whys")
    whys = window.panel("whys")
    assert window.current_panel() is whys and not whys.is_deferring()
    review = window.controller.review
    target = next(w for w in review.sorted_whys() if w.parent_id and not w.root_cause)
    whys.editor.select(target.id)
    qtbot.keyClick(whys.view, Qt.Key.Key_K)
    assert window.controller.review.whys[target.id].contributing
    assert whys.actions_["contributing"].isChecked()
    # the follow-up made from it links to it, like one made from a root cause
    qtbot.keyClick(whys.view, Qt.Key.Key_F)
    cards = window.controller.review.followups_for_why(target.id)
    assert len(cards) == 1
    window.show_panel("overview")
    QApplication.processEvents()
    listed = window.panel("overview").meeting.factors.text()
    assert target.text.split()[0] in listed and "1 follow-up" in listed
    window.controller.undo_stack.undo()
    window.controller.undo_stack.undo()
    assert not window.controller.review.whys[target.id].contributing
    assert "None marked" in window.panel("overview").meeting.factors.text()


def test_the_problem_statement_is_never_a_contributing_factor(make_window, qtbot):
    window = make_window()
    window.files.open_example()
    whys = window.panel("whys")
    root = window.controller.review.why_roots()[0]
    whys.editor.select(root.id)
    assert not whys.editor.toggle_contributing()
    whys._update_actions()
    assert not whys.actions_["contributing"].isEnabled()


def test_roles_and_the_opening_statement_are_review_fields_with_undo(make_window, qtbot):
    window = make_window()
    window.files.open_example()
    meeting = window.panel("overview").meeting
    meeting.facilitator_field.setFocus()
    qtbot.keyClicks(meeting.facilitator_field, "Amara Okafor")
    meeting.opening_field.setPlainText("We are here to learn.")
    QApplication.processEvents()
    meta = window.controller.review.meta
    assert meta.facilitator == "Amara Okafor"
    assert meta.opening_statement == "We are here to learn."
    pres = window.enter_presentation(fullscreen=False)
    assert pres.kit.opening.text.text() == "We are here to learn."
    assert "Facilitator: Amara Okafor" in pres.kit.opening.roles.text()
    pres.leave()
    window.controller.undo_stack.undo()
    assert window.controller.review.meta.opening_statement == ""


def test_the_room_sees_who_facilitates_on_the_overview_people_page(make_window):
    from pm_desktop.domain.edits import set_field

    window = make_window()
    window.files.open_example()
    review = window.controller.review
    window.controller.push(set_field(review, "facilitator", "Amara Okafor"))
    pres = window.enter_presentation(fullscreen=False)
    view = window.panel("overview").presentation_widget()
    assert view.roles.text() == "Facilitator: Amara Okafor"
    pres.leave()
