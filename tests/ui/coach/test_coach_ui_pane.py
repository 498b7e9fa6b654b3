"""The findings pane in the main window: listing, going to the item, ignoring, undo, updates."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest

from pm_desktop.domain.edits import update
from pm_desktop.store.document import Document
from pm_desktop.ui.coach.dock import OPEN_KEY
from pm_desktop.ui.timeline.model import COLUMNS


def findings_of(window, kind: str):
    return [f for f in window.coach.index.findings() if f.where_kind == kind]


def _note_index(window, finding):
    pane = window.coach.pane
    index = pane.model.index_of_key(finding.key)
    assert index.isValid()
    pane.view.scrollTo(index)
    return index


def _click_note(qtbot, window, finding) -> None:
    view = window.coach.pane.view
    rect = view.visualRect(_note_index(window, finding))
    QTest.mouseClick(
        view.viewport(), Qt.MouseButton.LeftButton, pos=rect.topLeft() + QPoint(40, 12)
    )


def _click_link(window, finding) -> None:
    view = window.coach.pane.view
    link = view.link_rect(_note_index(window, finding))
    assert not link.isNull()
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=link.center())


def _activate(qtbot, window) -> None:
    window.activateWindow()
    qtbot.waitActive(window)


def test_pane_lists_the_poor_review_grouped_with_severity_words(coach_window):
    pane = coach_window.coach.pane
    assert coach_window.coach.isVisible()
    model = pane.model
    assert [model.count(g) for g in ("review", "event", "why", "followup")] == [11, 1, 4, 11]
    assert pane.summary.text() == "20 warnings · 7 worth a look"
    assert not pane.view.isRowHidden(0, model.index(0, 0).parent())
    assert pane.view.isRowHidden(4, model.index(0, 0).parent())  # the empty Ignored group
    assert coach_window.coach.status_button.text() == "Coach: 27 notes"
    text = [model.data(model.index(r, 0, model.group_index("why"))) for r in range(4)]
    assert any(t.startswith("Warning · Blame: “Human error”") for t in text)
    assert any(t.startswith("Worth a look · Hindsight") for t in text)


def test_clicking_a_timeline_note_selects_the_event(qtbot, coach_window):
    (finding,) = findings_of(coach_window, "event")
    _click_note(qtbot, coach_window, finding)
    timeline = coach_window.panel("timeline")
    assert coach_window.current_panel() is timeline
    assert timeline.current_id() == finding.where_id


def test_clicking_a_why_note_selects_the_node(qtbot, coach_window):
    finding = findings_of(coach_window, "why")[0]
    _click_note(qtbot, coach_window, finding)
    whys = coach_window.panel("whys")
    assert coach_window.current_panel() is whys
    assert whys.editor.current_id == finding.where_id


def test_clicking_a_follow_up_note_selects_the_card(qtbot, coach_window):
    finding = findings_of(coach_window, "followup")[-1]
    _click_note(qtbot, coach_window, finding)
    board = coach_window.panel("board")
    assert coach_window.current_panel() is board
    assert board.selected_ids() == [finding.where_id]


def test_a_review_note_focuses_its_field_and_selects_the_words(qtbot, coach_window):
    _activate(qtbot, coach_window)
    finding = next(f for f in findings_of(coach_window, "review") if f.rule == "normative")
    _click_note(qtbot, coach_window, finding)
    overview = coach_window.panel("overview")
    assert coach_window.current_panel() is overview
    assert overview.summary_field.hasFocus()
    assert overview.summary_field.textCursor().selectedText() == "obviously"


def test_a_checklist_note_focuses_its_checklist_line(qtbot, coach_window):
    _activate(qtbot, coach_window)
    finding = next(f for f in findings_of(coach_window, "review") if f.field == "detected")
    assert coach_window.coach.reveal(finding)
    overview = coach_window.panel("overview")
    assert overview.checklist.rows["detected"].hasFocus()


def test_ignoring_a_note_removes_it_persists_and_undo_brings_it_back(
    qtbot, coach_window, poor_path
):
    (finding,) = findings_of(coach_window, "event")
    _click_link(coach_window, finding)
    index, pane = coach_window.coach.index, coach_window.coach.pane
    index.flush()
    assert finding.key in coach_window.controller.review.meta.coach_ignored
    assert pane.model.count("event") == 0
    assert pane.view.isRowHidden(1, pane.model.index(0, 0).parent())
    assert pane.ignored_button.text() == "Show ignored (1)"
    assert coach_window.panel("timeline").model.coach_notes(finding.where_id) == ()

    reopened = Document.open(poor_path, read_only=True)  # it is in the file, not only in memory
    assert reopened.review.meta.coach_ignored == (finding.key,)
    reopened.close()

    coach_window.menus.undo_action.trigger()
    index.flush()
    assert coach_window.controller.review.meta.coach_ignored == ()
    assert [e.finding for e in pane.model.entries("event")] == [finding]


def test_show_ignored_lists_them_and_stop_ignoring_restores(qtbot, coach_window):
    finding = findings_of(coach_window, "followup")[0]
    pane, index = coach_window.coach.pane, coach_window.coach.index
    assert pane.ignore(finding)
    index.flush()
    pane.ignored_button.click()
    assert pane.model.show_ignored and pane.model.count("ignored") == 1
    _click_link(coach_window, finding)  # under Ignored the link says "Stop ignoring"
    index.flush()
    assert coach_window.controller.review.meta.coach_ignored == ()
    assert pane.model.count("ignored") == 0
    assert finding in [e.finding for e in pane.model.entries("followup")]


def test_fixing_a_follow_up_updates_the_pane(qtbot, coach_window):
    pane = coach_window.coach.pane
    review = coach_window.controller.review
    card = next(c for c in review.followups.values() if not c.owner)
    before = [
        e.finding.field for e in pane.model.entries("followup") if e.finding.where_id == card.id
    ]
    assert "owner" in before
    coach_window.controller.push(update(card, owner="Identity team"))
    qtbot.waitUntil(lambda: not coach_window.coach.index.busy)
    after = [
        e.finding.field for e in pane.model.entries("followup") if e.finding.where_id == card.id
    ]
    assert "owner" not in after and len(after) == len(before) - 1


def test_view_menu_toggles_the_pane_and_remembers_it(qtbot, coach_window):
    coach = coach_window.coach
    store = coach_window.settings.store
    assert coach_window.menus.coach_action in coach_window.menus.view_menu.actions()
    assert coach.action.shortcut().toString() == "Ctrl+Shift+C"
    coach.action.trigger()
    assert not coach.isVisible() and store.value(OPEN_KEY) in (False, "false")
    coach.action.trigger()
    assert coach.isVisible() and coach.remembered_open()


def test_presentation_shows_nothing_from_the_coach(qtbot, coach_window):
    coach = coach_window.coach
    event_id = findings_of(coach_window, "event")[0].where_id
    coach_window.enter_presentation(fullscreen=False)
    assert not coach.isVisible() and coach.index.quiet
    assert coach_window.panel("timeline").model.coach_notes(event_id) == ()
    assert not coach_window.panel("overview").checklist.isVisibleTo(coach_window.panel("overview"))
    coach_window.presentation.leave()
    assert coach.isVisible() and not coach.index.quiet
    assert coach_window.panel("timeline").model.coach_notes(event_id)


def test_read_only_review_offers_no_ignoring(qtbot, coach_window, poor_path):
    coach_window.controller.close_document()
    assert not coach_window.coach.isVisible()  # nothing to coach on the welcome screen
    assert coach_window.open_path(poor_path, read_only=True)
    coach_window.coach.index.flush()
    pane = coach_window.coach.pane
    assert coach_window.coach.isVisible()
    finding = findings_of(coach_window, "event")[0]
    assert pane.view.link_rect(_note_index(coach_window, finding)).isNull()
    assert not pane.ignore(finding)
    assert coach_window.controller.review.meta.coach_ignored == ()


def test_hostile_text_is_shown_as_text(qtbot, coach_window):
    review = coach_window.controller.review
    event = next(e for e in review.events.values() if "ignored" in e.text)
    hostile = "Dana ignored <img src=/etc/passwd> x<y Привет 数据库 😀 " + "and then waited " * 6
    coach_window.controller.push(update(event, text=hostile))
    coach_window.coach.index.flush()
    entry = coach_window.coach.pane.model.entries("event")[0]
    assert "<img src=/etc/passwd>" in entry.where
    assert coach_window.panel("timeline").model.coach_notes(event.id)
    model = coach_window.panel("timeline").model
    cell = model.index(model.row_of(event.id), COLUMNS.index("text"))
    tooltip = cell.data(Qt.ItemDataRole.ToolTipRole)
    assert "Review coach" in tooltip and "Naming a person" in tooltip
    assert "&lt;img src=/etc/passwd&gt;" in tooltip and "<img" not in tooltip
