"""Edits are the only way a review changes, and each one can be undone exactly."""

from __future__ import annotations

import copy
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from review_strategies import random_edit, reviews

from pm_desktop.domain import ops
from pm_desktop.domain.edits import (
    AddEntity,
    Batch,
    Change,
    EditError,
    RemoveEntity,
    SetReviewField,
    UpdateEntity,
    add,
    set_field,
    update,
)
from pm_desktop.domain.model import Review, TimelineEvent, WhyNode


def _example() -> Review:
    from pm_desktop.ingest.builtin import load_example

    return load_example().review


@settings(max_examples=60, deadline=None)
@given(reviews(), st.integers(0, 2**32), st.integers(1, 40))
def test_any_edit_stream_then_its_inverses_restores_the_review_exactly(start, seed, length):
    review, _ = start
    original = copy.deepcopy(review)
    rng = random.Random(seed)
    applied = []
    for _ in range(length):
        before = copy.deepcopy(review)
        try:
            edit = random_edit(rng, review)
            edit.apply(review)
        except EditError:
            assert review == before, "a refused edit must leave the review untouched"
            continue
        applied.append(edit)
    for edit in reversed(applied):
        edit.inverse().apply(review)
    assert review == original


def test_inverse_of_inverse_is_the_same_edit():
    e = TimelineEvent("a1", "2025-03-12T09:15:00Z", "UTC", "alert")
    for edit in (
        AddEntity(e),
        RemoveEntity(e),
        UpdateEntity(e, TimelineEvent("a1", None)),
        SetReviewField("title", "a", "b"),
    ):
        assert edit.inverse().inverse() == edit


def test_update_refuses_a_stale_old_value():
    review = Review()
    e = TimelineEvent("a1", "2025-03-12T09:15:00Z", "UTC", "alert")
    AddEntity(e).apply(review)
    update(e, text="first").apply(review)
    with pytest.raises(EditError, match="changed since"):
        update(e, text="second").apply(review)


def test_adding_an_invalid_event_is_refused_with_a_clear_message():
    review = Review()
    with pytest.raises(EditError, match="not one of"):
        add(TimelineEvent("a1", None, "UTC", "x", kind="oops")).apply(review)
    with pytest.raises(EditError, match="UTC time"):
        add(TimelineEvent("a1", "09:15", "UTC", "x")).apply(review)
    with pytest.raises(EditError, match="write the zone"):
        add(TimelineEvent("a1", None, "utc", "x")).apply(review)
    assert review.events == {}


def test_a_failing_batch_leaves_nothing_behind():
    review = Review()
    good = TimelineEvent("a1", None, "UTC", "fine")
    bad = TimelineEvent("a2", None, "Mars/Olympus", "bad zone")
    with pytest.raises(EditError):
        Batch((add(good), add(bad))).apply(review)
    assert review.events == {}


def test_deleting_an_event_unlinks_its_evidence_and_undo_relinks_it():
    review = _example()
    event = next(e for e in review.events.values() if review.evidence_for_event(e.id))
    linked = {x.id for x in review.evidence_for_event(event.id)}
    edit = ops.delete_events(review, [event.id])
    change = edit.apply(review)
    assert event.id not in review.events
    assert all(event.id not in x.event_ids for x in review.evidence.values())
    assert ("events", event.id) in change.removed and change.ids("evidence") == linked
    edit.inverse().apply(review)
    assert {x.id for x in review.evidence_for_event(event.id)} == linked


def test_removing_a_still_referenced_event_directly_is_refused():
    review = _example()
    event = next(e for e in review.events.values() if review.evidence_for_event(e.id))
    with pytest.raises(EditError, match="still referenced"):
        RemoveEntity(event).apply(review)


def test_deleting_a_branch_removes_descendants_and_unlinks_followups():
    review = _example()
    w4 = next(w for w in review.whys.values() if len(review.children(w.id)) == 3)
    doomed = {n.id for n in review.subtree(w4.id)}
    edit = ops.delete_why_subtree(review, w4.id)
    edit.apply(review)
    assert not doomed & set(review.whys)
    assert all(not doomed & set(f.why_ids) for f in review.followups.values())
    edit.inverse().apply(review)
    assert doomed <= set(review.whys)


def test_moving_a_why_under_its_own_descendant_is_refused():
    review = _example()
    root = review.why_roots()[0]
    leaf = review.root_causes()[0]
    with pytest.raises(EditError, match="own branch"):
        ops.reparent_why(review, root.id, leaf.id)


def test_a_loop_is_refused_even_through_a_raw_update():
    review = Review()
    a, b = WhyNode("a", None, "problem"), WhyNode("b", "a", "why")
    Batch((add(a), add(b))).apply(review)
    with pytest.raises(EditError, match="loop"):
        UpdateEntity(a, WhyNode("a", "b", "problem")).apply(review)


def test_reparent_keeps_sibling_order_dense():
    review = _example()
    w4 = next(w for w in review.whys.values() if len(review.children(w.id)) == 3)
    a, b, c = review.children(w4.id)
    ops.reparent_why(review, c.id, w4.id, 0).apply(review)
    assert [n.id for n in review.children(w4.id)] == [c.id, a.id, b.id]
    assert [n.seq for n in review.children(w4.id)] == [0, 1, 2]


def test_moving_a_card_to_another_column_renumbers_both_columns():
    review = _example()
    todo = review.sorted_followups("todo")
    ops.move_followup(review, todo[0].id, "done", 0).apply(review)
    assert review.sorted_followups("done")[0].id == todo[0].id
    assert [c.seq for c in review.sorted_followups("todo")] == list(range(len(todo) - 1))
    assert [c.seq for c in review.sorted_followups("done")] == list(
        range(len(review.sorted_followups("done")))
    )


def test_a_root_cause_becomes_a_linked_follow_up_in_one_edit():
    review = _example()
    cause = review.root_causes()[1]
    before = len(review.followups_for_why(cause.id))
    change = ops.create_followup_from_why(review, cause.id).apply(review)
    assert len(review.followups_for_why(cause.id)) == before + 1
    assert len(change.added) == 1


def test_set_field_validates_review_fields():
    review = Review()
    with pytest.raises(EditError, match="SEV"):
        set_field(review, "severity", "SEV9").apply(review)
    with pytest.raises(EditError, match="date"):
        set_field(review, "incident_date", "12/03/2025").apply(review)
    set_field(review, "display_tz", "Europe/Berlin").apply(review)
    assert review.meta.display_tz == "Europe/Berlin"


def test_changes_net_out_inside_a_batch():
    c = Change(added=frozenset({("events", "a")})).merged(
        Change(removed=frozenset({("events", "a")}))
    )
    assert not c
    c = Change(removed=frozenset({("events", "a")})).merged(
        Change(added=frozenset({("events", "a")}))
    )
    assert c.updated == {("events", "a")} and not c.added and not c.removed
