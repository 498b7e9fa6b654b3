"""The overview's review checklist and the coach's way into the overview's fields."""

from __future__ import annotations

import pytest

from pm_desktop.domain.coach import completeness
from pm_desktop.domain.edits import set_field, update
from pm_desktop.ui.coach.index import coach_index
from pm_desktop.ui.overview.checklist import DONE_MARK, OPEN_MARK


@pytest.fixture
def overview(qtbot, poor_controller):
    from pm_desktop.ui.overview import OverviewPanel

    panel = OverviewPanel(poor_controller)
    qtbot.addWidget(panel)
    panel.resize(1100, 900)
    panel.show()
    qtbot.waitExposed(panel)
    coach_index(poor_controller).flush()
    return panel


def _marks(panel) -> dict[str, str]:
    return {key: row.mark.text() for key, row in panel.checklist.rows.items()}


def test_checklist_reflects_completeness(overview, poor_controller):
    items = completeness(poor_controller.review)
    checklist = overview.checklist
    assert checklist.isVisible()
    assert list(checklist.rows) == [i.key for i in items]
    assert _marks(overview) == {i.key: DONE_MARK if i.done else OPEN_MARK for i in items}
    assert checklist.count.text() == "4 of 11 done"
    impact = checklist.rows["impact"]
    assert impact.hint.isVisible() and impact.hint.text().startswith("Say who was affected")
    assert impact.accessibleName() == "Impact described: not done yet"
    assert not checklist.rows["summary"].hint.isVisible()


def test_checklist_updates_after_edits_and_undo(qtbot, overview, poor_controller):
    review = poor_controller.review
    poor_controller.push(set_field(review, "impact", "Every sign-in failed for 50 minutes."))
    event = next(e for e in review.events.values() if "ignored" in e.text)
    poor_controller.push(update(event, kind="detected"))
    qtbot.waitUntil(lambda: not coach_index(poor_controller).busy)
    marks = _marks(overview)
    assert marks["impact"] == DONE_MARK and marks["detected"] == DONE_MARK
    assert overview.checklist.count.text() == "6 of 11 done"
    poor_controller.undo_stack.undo()
    poor_controller.undo_stack.undo()
    qtbot.waitUntil(lambda: not coach_index(poor_controller).busy)
    assert _marks(overview)["impact"] == OPEN_MARK
    assert overview.checklist.count.text() == "4 of 11 done"


def test_focus_field_selects_the_words_after_emoji_and_cjk(qtbot, overview, poor_controller):
    overview.window().activateWindow()
    qtbot.waitActive(overview.window())
    text = "😀 数据库 went down; obviously the cache was cold."
    poor_controller.push(set_field(poor_controller.review, "summary", text))
    start = text.index("obviously")
    assert overview.focus_field("summary", (start, start + len("obviously")))
    assert overview.summary_field.hasFocus()
    assert overview.summary_field.textCursor().selectedText() == "obviously"


def test_focus_field_for_gaps_goes_to_the_right_place(qtbot, overview):
    overview.window().activateWindow()
    qtbot.waitActive(overview.window())
    assert overview.focus_field("functions")
    assert overview.participants.view.hasFocus()
    assert overview.focus_field("lessons")
    assert overview.editors["lessons_went_well"].hasFocus()  # the first lesson still empty
    assert overview.focus_field("time_zone")
    assert overview.zone_field.hasFocus()
    assert overview.focus_field("resolved")
    assert overview.checklist.rows["resolved"].hasFocus()
    assert not overview.focus_field("no_such_field")


def test_checklist_is_hidden_while_the_coach_is_quiet(overview, poor_controller):
    coach_index(poor_controller).set_quiet(True)
    assert not overview.checklist.isVisible()
    coach_index(poor_controller).set_quiet(False)
    assert overview.checklist.isVisible()


def test_a_stale_span_past_the_end_selects_what_is_left(qtbot, overview, poor_controller):
    poor_controller.push(set_field(poor_controller.review, "summary", "short"))
    assert overview.focus_field("summary", (2, 400))
    assert overview.summary_field.textCursor().selectedText() == "ort"


def test_the_example_review_is_almost_clean(qtbot, controller):
    from pm_desktop.ui.overview import OverviewPanel

    panel = OverviewPanel(controller)
    qtbot.addWidget(panel)
    index = coach_index(controller)
    index.flush()
    assert [f.rule for f in index.findings()] == ["followup_incomplete"]
    assert panel.checklist.count.text() == "11 of 11 done"
