"""The facilitator's kit, without Qt: questions about the moment on screen, the parking lot,
turning points, contributing factors and the closing round."""

from __future__ import annotations

import dataclasses

import pytest

from pm_desktop.domain import facilitation as kit
from pm_desktop.domain.edits import EditError
from pm_desktop.domain.model import Review, TimelineEvent, WhyNode


@pytest.fixture
def review() -> Review:
    r = Review()
    for i, (time, kind) in enumerate(
        [("09:00", "impact_start"), ("09:05", "observation"), ("09:40", "action"), (None, "note")]
    ):
        when = f"2025-03-12T{time}:00Z" if time else None
        r.events[f"e{i}"] = TimelineEvent(f"e{i}", when, text=f"moment {i}", kind=kind, seq=i)
    r.whys["p"] = WhyNode("p", None, "Payments failed")
    r.whys["w"] = WhyNode("w", "p", "The report query was slow")
    return r


def questions(review, event_id):
    return [p.question for p in kit.prompts_for_event(review, event_id)]


def test_an_observation_asks_about_cues_and_an_action_about_options(review):
    assert questions(review, "e1") == ["What cues did you have?"]
    assert questions(review, "e2")[0] == "What options did you consider?"


def test_more_than_fifteen_quiet_minutes_ask_what_was_happening(review):
    assert "What was happening here?" in questions(review, "e2")  # 35 minutes after 09:05
    assert "What was happening here?" not in questions(review, "e1")  # 5 minutes
    assert questions(review, "e0") == [] and questions(review, "e3") == []
    reason = kit.prompts_for_event(review, "e2")[1].reason
    assert reason == "35 minutes with nothing noted"


def test_a_turning_point_keeps_its_open_question_and_undoes(review):
    edit = kit.set_turning_point(review, "e2", True, "  Why  restart the pool? ")
    edit.apply(review)
    assert review.turning_points()[0].open_question == "Why restart the pool?"
    assert "Why restart the pool?" in questions(review, "e2")
    edit.inverse().apply(review)
    assert review.turning_points() == []


def test_parked_ideas_keep_their_moment_and_become_follow_ups_in_one_step(review):
    kit.park(review, "Alert on  queue depth", "e1").apply(review)
    kit.park(review, "Load-test reports", "gone").apply(review)
    first, second = review.sorted_parking()
    assert (first.text, first.event_id, second.event_id) == ("Alert on queue depth", "e1", "")
    batch = kit.parked_to_followups(review)
    batch.apply(review)
    titles = sorted(c.title for c in review.followups.values())
    assert titles == ["Alert on queue depth", "Load-test reports"]
    assert all(p.followup_id in review.followups for p in review.parking.values())
    with pytest.raises(EditError, match="already"):
        kit.parked_to_followups(review)
    batch.inverse().apply(review)
    assert review.followups == {} and not any(p.followup_id for p in review.parking.values())
    with pytest.raises(EditError):
        kit.park(review, "   ")


def test_contributing_factors_sit_beside_root_causes(review):
    kit.toggle_contributing(review, "w").apply(review)
    assert [w.id for w in review.contributing_factors()] == ["w"]
    review.whys["w"] = dataclasses.replace(review.whys["w"], root_cause=True)
    assert review.root_causes() and review.contributing_factors()
    with pytest.raises(EditError, match="problem statement"):
        kit.toggle_contributing(review, "p")


def test_the_closing_round_adds_each_answer_to_lessons(review):
    kit.add_lesson(review, "Peak traffic changes everything").apply(review)
    kit.add_lesson(review, "Check query plans").apply(review)
    assert review.meta.lessons_learned == "- Peak traffic changes everything\n- Check query plans"


def test_the_opening_statement_defaults_to_a_blameless_one(review):
    assert "blameless" in kit.opening_statement(review)
    review.meta = dataclasses.replace(review.meta, opening_statement="Our own words.")
    assert kit.opening_statement(review) == "Our own words."


def test_contributing_factors_satisfy_the_checklist_without_a_single_root_cause(review):
    from pm_desktop.domain.coach.review_checks import completeness

    def done() -> bool:
        return next(item for item in completeness(review) if item.key == "root_cause").done

    assert not done()
    kit.toggle_contributing(review, "w").apply(review)
    assert done()
