"""The coach index keeps the checklist's view of the timeline (kinds present, zones named) from
the events it checks, so a keystroke does not read every event again; the checklist stays the
one a whole-review pass gives."""

from __future__ import annotations

import pytest

from pm_desktop.domain import ops
from pm_desktop.domain.coach import completeness, event_facts, review_findings
from pm_desktop.domain.edits import Batch, RemoveEntity, set_field, update
from pm_desktop.ui.coach.index import coach_index


def _agrees(index) -> None:
    index.flush()
    review = index.review
    assert index.checklist() == completeness(review)
    assert index.findings() == review_findings(review)


def _done(index, key: str) -> bool:
    return next(item.done for item in index.checklist() if item.key == key)


def test_milestone_kinds_come_and_go_with_the_events_that_carry_them(poor_controller):
    ctl = poor_controller
    index = coach_index(ctl)
    _agrees(index)
    resolved = [e for e in ctl.review.events.values() if e.kind == "resolved"]
    if not resolved:  # give the review one, so the test can take it away again
        first = ctl.review.sorted_events()[0]
        ctl.push(update(first, kind="resolved"))
        resolved = [ctl.review.events[first.id]]
    _agrees(index)
    assert _done(index, "resolved")
    ctl.push(Batch(tuple(update(e, kind="note") for e in resolved)))
    _agrees(index)
    assert not _done(index, "resolved")
    ctl.undo_stack.undo()
    _agrees(index)
    assert _done(index, "resolved")
    for event in resolved:
        ctl.push(RemoveEntity(ctl.review.events[event.id]))
    _agrees(index)
    assert not _done(index, "resolved")
    added = ops.add_event(ctl.review, resolved[0].time, "Service back to normal")
    ctl.push(added)
    ctl.push(update(ctl.review.events[added.entity.id], kind="resolved"))
    _agrees(index)
    assert _done(index, "resolved")


def test_a_contributing_factor_alone_ticks_the_root_cause_item(poor_controller):
    ctl = poor_controller
    index = coach_index(ctl)
    _agrees(index)
    for node in [w for w in ctl.review.whys.values() if w.root_cause or w.contributing]:
        ctl.push(update(node, root_cause=False, contributing=False))
    _agrees(index)
    assert not _done(index, "root_cause")
    node = next(iter(ctl.review.whys.values()))
    ctl.push(update(node, contributing=True))
    _agrees(index)
    assert _done(index, "root_cause")


@pytest.mark.parametrize("edit_kind", ["reword event", "summary", "move event"])
def test_a_change_does_not_read_every_event_again(poor_controller, monkeypatch, edit_kind):
    from pm_desktop.domain.coach import review_checks

    ctl = poor_controller
    index = coach_index(ctl)
    index.flush()
    calls = []
    original = review_checks.event_facts
    monkeypatch.setattr(
        review_checks, "event_facts", lambda review: calls.append(1) or original(review)
    )
    event = ctl.review.sorted_events()[0]
    if edit_kind == "reword event":
        ctl.push(update(event, text="Dana ignored the alert"))
    elif edit_kind == "summary":
        ctl.push(set_field(ctl.review, "summary", "Checkout failed for an hour."))
    else:
        ctl.push(update(event, kind="detected"))
    _agrees_without_counting(index, calls)
    assert index.checklist() == completeness(ctl.review, original(ctl.review))


def _agrees_without_counting(index, calls: list) -> None:
    index.flush()
    assert calls == []  # the index summed what its event checks saw; no pass over the timeline


def test_event_facts_read_the_timeline(poor_controller):
    review = poor_controller.review
    facts = event_facts(review)
    assert facts.kinds == frozenset(e.kind for e in review.events.values())
    assert facts.zoned
