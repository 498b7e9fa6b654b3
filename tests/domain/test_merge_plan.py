"""The merge plan on small reviews: conflicts of each kind, what each choice writes, and that
applying a plan twice or undoing it leaves the review as it should."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given, settings
from review_strategies import reviews

from pm_desktop.domain.merge import describe_conflict, plan_merge
from pm_desktop.domain.model import (
    BlobInfo,
    Evidence,
    Person,
    Review,
    TimelineEvent,
    WhyNode,
)

SHA_A, SHA_B = "a" * 64, "b" * 64


def _pair() -> tuple[Review, Review]:
    ours, theirs = Review(), Review()
    for r in (ours, theirs):
        r.events["e1"] = TimelineEvent("e1", "2026-11-02T09:00:00Z", text="Deploy", seq=1)
        r.blobs[SHA_A] = BlobInfo(SHA_A, "image/png", 10)
    return ours, theirs


def test_a_participant_with_two_roles_is_a_conflict_that_still_unites_handles():
    ours, theirs = _pair()
    ours.people["p"] = Person("p", "Ana Kovač", role="SRE", seq=1)
    theirs.people["q"] = Person("q", "ANA KOVAČ", role="Payments lead", seq=1, handles=("@ana",))
    merge = plan_merge(ours, theirs, "x.pmreview")
    [conflict] = merge.conflicts
    assert conflict.ref == ("people", "p")
    assert conflict.mine.handles == ("@ana",) and conflict.mine.role == "SRE"
    assert conflict.theirs.role == "Payments lead"
    assert describe_conflict(conflict) == "participant “Ana Kovač” (different: role)"
    kept = ours.copy()
    merge.edit().apply(kept)
    assert kept.people["p"] == Person("p", "Ana Kovač", role="SRE", seq=1, handles=("@ana",))
    taken = ours.copy()
    merge.edit(prefer_theirs=True).apply(taken)
    assert taken.people["p"].role == "Payments lead"


def test_a_screenshot_replaced_on_the_other_laptop_needs_its_new_picture_only_if_taken():
    ours, theirs = _pair()
    ours.evidence["s"] = Evidence("s", "image", title="Graph", blob=SHA_A, seq=1)
    theirs.blobs[SHA_B] = BlobInfo(SHA_B, "image/png", 12)
    theirs.evidence["s"] = Evidence(
        "s", "image", title="Graph", blob=SHA_B, seq=1, event_ids=("e1",)
    )
    merge = plan_merge(ours, theirs, "x.pmreview")
    assert merge.blobs == [SHA_B]
    [conflict] = merge.conflicts
    assert conflict.differing_fields() == ["blob"]
    assert conflict.mine.event_ids == ("e1",)  # links come from both whichever is kept
    kept = ours.copy()
    merge.edit().apply(kept)
    assert kept.evidence["s"].blob == SHA_A and kept.evidence["s"].event_ids == ("e1",)


def test_a_why_moved_under_another_parent_on_the_other_laptop():
    ours, theirs = _pair()
    for r in (ours, theirs):
        r.whys["root"] = WhyNode("root", None, "Checkout failed", seq=1)
        r.whys["a"] = WhyNode("a", "root", "Timeout too short", seq=1)
    ours.whys["b"] = WhyNode("b", "root", "Library upgrade", seq=2)
    theirs.whys["b"] = WhyNode("b", "a", "Library upgrade", seq=1)
    merge = plan_merge(ours, theirs, "x.pmreview")
    [conflict] = merge.conflicts
    assert conflict.differing_fields() == ["parent_id"]
    taken = ours.copy()
    merge.edit({("whys", "b")}).apply(taken)
    assert taken.whys["b"].parent_id == "a" and taken.whys["b"].seq == 2


def test_applying_then_undoing_a_plan_restores_the_review():
    ours, _ = _pair()
    theirs = Review()  # Ana's own notes: no item shared by id
    theirs.events["e2"] = TimelineEvent("e2", "2026-11-02T09:01:00Z", text="deploy ", author="Ana")
    theirs.events["e3"] = TimelineEvent("e3", None, text="Ask the vendor", author="Ana")
    before = ours.copy()
    edit = plan_merge(ours, theirs, "x.pmreview").edit()
    edit.apply(ours)
    assert ours.events["e1"].author == "Ana"  # the same moment: its only author so far
    assert ours.events["e3"].source == "merged:x.pmreview"
    edit.inverse().apply(ours)
    assert ours == before


@pytest.mark.parametrize("field", ["title", "severity", "display_tz"])
def test_a_review_field_both_changed_is_a_conflict(field):
    values = {
        "title": ("A", "B"),
        "severity": ("SEV1", "SEV2"),
        "display_tz": ("Asia/Tokyo", "UTC+1"),
    }
    ours, theirs = _pair()
    a, b = values[field]
    ours.meta = replace(ours.meta, **{field: a})
    theirs.meta = replace(theirs.meta, **{field: b})
    [conflict] = plan_merge(ours, theirs, "x.pmreview").conflicts
    assert conflict.ref == ("review", field) and (conflict.mine, conflict.theirs) == (a, b)


def _content(entity):
    blank = {"seq": 0}
    for name in ("source", "number"):
        if hasattr(entity, name):
            blank[name] = "" if name == "source" else 0
    return replace(entity, **blank)


@settings(max_examples=40, deadline=None)
@given(reviews())
def test_merging_any_review_into_an_empty_one_loses_nothing(data):
    theirs, _blobs = data
    ours = Review()
    merge = plan_merge(ours, theirs, "x.pmreview")
    assert not merge.conflicts and merge.duplicates == 0
    for sha in merge.blobs:  # what the store would copy first
        ours.blobs[sha] = theirs.blobs[sha]
    merge.edit().apply(ours)
    for name in (
        "people",
        "events",
        "evidence",
        "whys",
        "followups",
        "parking",
        "redactions",
        "boxes",
    ):
        got = {k: _content(v) for k, v in ours.collection(name).items()}
        assert got == {k: _content(v) for k, v in theirs.collection(name).items()}, name
    again = plan_merge(ours, theirs, "x.pmreview")
    assert again.edit(prefer_theirs=True).edits == ()


@settings(max_examples=40, deadline=None)
@given(reviews())
def test_a_review_merged_with_its_own_copy_changes_nothing(data):
    review, _blobs = data
    merge = plan_merge(review, review.copy(), "copy.pmreview")
    assert merge.edit().edits == () and not merge.conflicts and not merge.added
