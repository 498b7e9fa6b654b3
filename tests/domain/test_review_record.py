"""The review's own record: status changes kept in one undo step, the executive summary's facts,
and the checks on the new review fields."""

from __future__ import annotations

import dataclasses

import pytest

from pm_desktop.domain import revisions
from pm_desktop.domain.edits import EditError, set_field
from pm_desktop.domain.executive import executive_summary, lead
from pm_desktop.domain.model import FollowUp, Review, ReviewMeta, TimelineEvent, WhyNode
from pm_desktop.domain.validate import ValidationError, check_meta_value
from pm_desktop.ingest.builtin import load_example


def test_a_status_change_records_its_moment_and_undo_takes_it_back():
    review = Review()
    edit = revisions.set_status(review, "in_review", "2025-03-13T15:40:00Z")
    edit.apply(review)
    assert review.meta.status == "in_review"
    assert revisions.status_changes(review.meta) == [
        revisions.StatusChange("2025-03-13T15:40:00Z", "in_review")
    ]
    revisions.set_status(review, "final", "2025-03-20T09:00:00Z").apply(review)
    assert [c.label for c in revisions.status_changes(review.meta)] == ["In review", "Final"]
    later = revisions.set_status(review, "draft", "2025-03-21T09:00:00Z")
    later.apply(review)
    later.inverse().apply(review)
    assert review.meta.status == "final" and len(review.meta.status_history) == 2


def test_a_refused_status_leaves_status_and_history_as_they_were():
    review = Review()
    with pytest.raises(EditError):
        revisions.set_status(review, "archived", "2025-03-13T15:40:00Z").apply(review)
    assert review.meta.status == "draft" and review.meta.status_history == ()


def test_history_from_a_file_skips_entries_it_cannot_read_and_stays_finite():
    meta = ReviewMeta(
        status_history=("garbage", "2025-03-13T15:40:00Z final", "2025-03-12 draft", "x y z")
    )
    assert revisions.status_changes(meta) == [
        revisions.StatusChange("2025-03-13T15:40:00Z", "final")
    ]
    review = Review(meta=dataclasses.replace(meta, status_history=("x",) * revisions.MAX_HISTORY))
    revisions.set_status(review, "final", "2025-03-14T00:00:00Z").apply(review)
    assert len(review.meta.status_history) == revisions.MAX_HISTORY
    assert review.meta.status_history[-1] == "2025-03-14T00:00:00Z final"


def test_last_changed_is_the_latest_recorded_moment():
    meta = ReviewMeta(
        created="2025-03-12T11:20:00Z",
        changed="2025-03-12T12:00:00Z",
        status_history=("2025-03-13T15:40:00Z in_review",),
    )
    assert revisions.last_changed(meta) == "2025-03-13T15:40:00Z"
    assert revisions.last_changed(ReviewMeta()) == ""


def test_recorded_moments_are_not_part_of_equality():
    assert ReviewMeta(changed="2025-03-12T12:00:00Z") == ReviewMeta()
    assert ReviewMeta(created="2025-03-12T12:00:00Z") == ReviewMeta()
    assert ReviewMeta(status_history=("2025-03-13T15:40:00Z final",)) != ReviewMeta()


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("meeting_date", "13/03/2025"),
        ("meeting_date", "3025-01-01"),
        ("created", "yesterday"),
        ("changed", "2025-03-12 10:00"),
        ("status_history", "2025-03-13T15:40:00Z final"),  # a list field, not text
        ("affected_services", "x" * 20_000),
        ("trigger", "a\x00b"),
    ],
)
def test_new_review_fields_refuse_bad_values(name, value):
    with pytest.raises(ValidationError):
        check_meta_value(name, value)
    with pytest.raises(EditError):
        set_field(Review(), name, value).apply(Review())


# ------------------------------------------------------------------------------ executive summary


def test_the_example_summary_has_start_end_causes_and_fixes():
    review = load_example().review
    s = executive_summary(review, "2025-03-20")
    assert (s.start, s.end, s.end_kind) == (
        "2025-03-12T09:02:00Z",
        "2025-03-12T11:00:00Z",
        "resolved",
    )
    assert s.duration_seconds == 118 * 60
    assert [w.id for w in s.causes] == [w.id for w in review.root_causes()]
    assert (s.fixes.total, s.fixes.done) == (6, 1)  # the won't-do card is not counted
    assert s.fixes.next_due is not None and s.fixes.next_due.due == "2025-03-21"
    assert s.fixes.overdue == 0  # nothing open is due before 20 March
    assert executive_summary(review, "2026-01-01").fixes.overdue == 5
    assert s.severity_words.startswith("Major")
    assert s.trigger.startswith("The first morning peak")


def test_an_empty_review_summary_has_nothing_to_claim():
    s = executive_summary(Review(), "2025-03-20")
    assert (s.start, s.end, s.what_happened, s.severity_words) == (None, None, "", "")
    assert s.fixes.progress == "no follow-ups yet" and s.fixes.next_due is None
    assert s.duration_seconds is None


def test_the_end_is_never_before_the_start_and_mitigation_stands_in_for_resolution():
    review = Review()
    for i, (time, kind) in enumerate(
        [
            ("2025-01-01T10:00:00Z", "resolved"),
            ("2025-01-01T11:00:00Z", "impact_start"),
            ("2025-01-01T11:30:00Z", "mitigated"),
        ]  # fmt: skip
    ):
        review.events[f"e{i}"] = TimelineEvent(f"e{i}", time, kind=kind)
    s = executive_summary(review, "2025-03-20")
    assert (s.end, s.end_kind) == ("2025-01-01T11:30:00Z", "mitigated")


def test_contributing_factors_and_undated_cards():
    review = Review()
    review.whys["p"] = WhyNode("p", None, "Checkout failed")
    review.whys["k"] = WhyNode("k", "p", "Alert threshold too high", contributing=True)
    review.followups["f"] = FollowUp("f", "Lower the threshold", status="doing")
    s = executive_summary(review, "2025-03-20")
    assert s.causes == () and [w.id for w in s.factors] == ["k"]
    assert s.fixes.progress == "0 of 1 done" and s.fixes.next_due is None


def test_lead_keeps_the_first_paragraph_and_cuts_after_a_sentence():
    assert lead("One.\n\nTwo.") == "One."
    text = "The first sentence runs past half of the limit on its own. " + "word " * 200
    assert lead(text, 100) == "The first sentence runs past half of the limit on its own."
    assert lead("Short. " + "word " * 200, 100).endswith("word…")  # too early to stop at
    assert lead("x" * 300, 100).endswith("…") and len(lead("x" * 300, 100)) == 101
    assert lead("  \n\n  ") == ""
