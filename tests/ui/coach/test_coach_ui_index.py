"""The coach index: the same findings as a whole-review pass, kept current by small updates."""

from __future__ import annotations

import random

import pytest
from review_strategies import random_edit

from pm_desktop.domain import ops
from pm_desktop.domain.coach import completeness, review_findings
from pm_desktop.domain.edits import EditError, set_field, update
from pm_desktop.ui.coach.index import coach_index

BLAMING = [
    "Dana ignored the alert",
    "Human error: Jonas was careless",
    "We should have caught it",
    "Be more careful",
    "The pool ran out of connections",
    "obviously the cache was cold",
]


def _same_as_full_pass(index) -> None:
    review = index.review
    index.flush()
    assert index.findings() == review_findings(review)
    every = review_findings(review, include_ignored=True)
    ignored = set(review.meta.coach_ignored)
    assert index.ignored_findings() == [f for f in every if f.key in ignored]
    assert index.checklist() == completeness(review)


def test_index_matches_a_whole_review_pass_on_the_poor_review(poor_controller):
    index = coach_index(poor_controller)
    assert index is coach_index(poor_controller)  # one per controller
    _same_as_full_pass(index)
    assert len(index.findings()) == 27


def _coach_edit(rng: random.Random, review):
    """Edits that make or clear notes and move the links the coach's checks depend on."""
    events, whys, cards = (
        list(review.events.values()),
        list(review.whys.values()),
        list(review.followups.values()),
    )
    choice = rng.randrange(7)
    if choice == 0 and events:
        return update(rng.choice(events), text=rng.choice(BLAMING))
    if choice == 1 and whys:
        node = rng.choice(whys)
        return update(node, root_cause=not node.root_cause)
    if choice == 2 and whys:
        return update(rng.choice(whys), text=rng.choice(BLAMING))
    if choice == 3 and cards and whys:
        return update(rng.choice(cards), why_ids=(rng.choice(whys).id,))
    if choice == 4 and cards:
        return update(rng.choice(cards), owner=rng.choice(["", "Dana", "Identity team"]))
    if choice == 5 and cards:
        return ops.move_followup(review, rng.choice(cards).id, rng.choice(["todo", "dropped"]), 0)
    return set_field(review, "summary", rng.choice(BLAMING))


@pytest.mark.parametrize("seed", range(4))
def test_small_updates_after_any_edit_agree_with_a_whole_review_pass(poor_controller, seed):
    rng = random.Random(seed)
    index = coach_index(poor_controller)
    index.flush()
    for step in range(40):
        review = poor_controller.review
        try:
            edit = _coach_edit(rng, review) if step % 2 else random_edit(rng, review)
        except EditError:
            continue  # refused by the domain, as a user's edit can be
        poor_controller.push(edit)
        if rng.random() < 0.2 and poor_controller.undo_stack.canUndo():
            poor_controller.undo_stack.undo()
        if step % 3 == 0:
            _same_as_full_pass(index)
    _same_as_full_pass(index)


def test_many_edits_in_one_turn_are_checked_once(qtbot, poor_controller):
    index = coach_index(poor_controller)
    index.flush()
    seen = []
    index.updated.connect(lambda: seen.append(index.revision))
    for text in ("a", "ab", "abc"):
        poor_controller.push(set_field(poor_controller.review, "impact", text))
    assert index.busy and not seen  # nothing checked inside the turn that made the edits
    qtbot.waitUntil(lambda: not index.busy)
    assert len(seen) == 1
    assert poor_controller.review.meta.impact == "abc"
    assert not any(f.field == "impact" for f in index.findings())


def test_renaming_a_person_rechecks_blame_everywhere(poor_controller):
    index = coach_index(poor_controller)
    index.flush()
    review = poor_controller.review
    dana = next(p for p in review.people.values() if p.name.startswith("Dana"))
    poor_controller.push(update(dana, name="Robin"))
    _same_as_full_pass(index)


def test_quiet_index_shows_nothing_for_presentation(poor_controller):
    index = coach_index(poor_controller)
    index.flush()
    assert index.notes("event") and index.checklist()
    index.set_quiet(True)
    assert index.notes("event") == {} and index.notes("why") == {} and index.checklist() == []
    index.set_quiet(False)
    assert index.notes("event")


def test_closing_the_review_empties_the_index(poor_controller):
    index = coach_index(poor_controller)
    index.flush()
    poor_controller.close_document()
    index.flush()
    assert index.findings() == [] and index.checklist() == [] and index.notes("why") == {}
