"""A card move renumbers its columns: hundreds of updates that change only ``seq``. Those are
checked for their new position only (the rest of each card is what the review already holds,
checked when it came in), and the store writes them with one statement per table. The result is
the same review and the same file as before."""

from __future__ import annotations

import sqlite3
from dataclasses import replace

import pytest

from pm_desktop.domain import edits as edits_mod
from pm_desktop.domain import ops
from pm_desktop.domain.edits import EditError, UpdateEntity, only_position_differs
from pm_desktop.domain.model import FollowUp, TimelineEvent, WhyNode


def _example():
    from pm_desktop.ingest.builtin import load_example

    return load_example().review


def test_only_position_differs_sees_seq_and_nothing_else():
    card = FollowUp("c1", "Add a canary stage", seq=3)
    assert only_position_differs(card, replace(card, seq=9))
    assert only_position_differs(card, card)
    assert not only_position_differs(card, replace(card, seq=9, title="Other"))
    assert not only_position_differs(card, replace(card, status="done"))
    assert not only_position_differs(card, WhyNode("c1", None, "Add a canary stage", seq=3))
    event = TimelineEvent("e1", None)
    assert not only_position_differs(event, replace(event, text="x"))


def test_a_move_checks_renumbered_cards_for_their_position_only(monkeypatch):
    review = _example()
    todo = review.sorted_followups("todo")
    checked: list[str] = []
    real = edits_mod.check_entity
    monkeypatch.setattr(edits_mod, "check_entity", lambda e: checked.append(e.id) or real(e))
    batch = ops.move_followup(review, todo[-1].id, "todo", 0)
    renumbered = [e for e in batch.edits if isinstance(e, UpdateEntity)]
    assert len(renumbered) == len(todo)
    batch.apply(review)
    # The renumbered cards only changed place; the moved one got its column again (an equal
    # text, so it may be checked in full: cheap, and never wrong).
    assert set(checked) <= {todo[-1].id}
    assert [c.id for c in review.sorted_followups("todo")] == [todo[-1].id] + [
        c.id for c in todo[:-1]
    ]
    checked.clear()
    done = review.sorted_followups("done")
    ops.move_followup(review, done[0].id, "todo", 1).apply(review)
    assert checked == [done[0].id]  # the moved card changed column: checked in full


def test_an_equal_value_of_another_type_is_still_checked():
    review = _example()
    node = next(iter(review.whys.values()))
    sneaky = replace(node, seq=node.seq + 1, root_cause=int(node.root_cause))
    assert sneaky.root_cause == node.root_cause  # 0 == False: equal, but not a flag
    assert not only_position_differs(node, sneaky)
    with pytest.raises(EditError, match="root_cause"):
        UpdateEntity(node, sneaky).apply(review)


def test_a_bad_position_is_still_refused():
    review = _example()
    card = review.sorted_followups()[0]
    with pytest.raises(EditError, match="seq"):
        UpdateEntity(card, replace(card, seq=2**60)).apply(review)
    assert review.followups[card.id] == card
    with pytest.raises(EditError):
        UpdateEntity(card, replace(card, seq=True)).apply(review)  # type: ignore[arg-type]


def test_a_move_writes_the_same_file(tmp_path):
    from pm_desktop.ingest.builtin import load_example
    from pm_desktop.store.document import Document

    ex = load_example()
    path = tmp_path / "moves.pmreview"
    with Document.create(path, ex.review, ex.blobs) as doc:
        review = doc.review
        todo = review.sorted_followups("todo")
        doc.apply(ops.move_followup(review, todo[-1].id, "done", 0))
        doc.apply(ops.delete_followups(doc.review, [todo[0].id]))
        doc.apply(ops.move_followup(doc.review, todo[1].id, "doing", None))
        expected = {c.id: (c.status, c.seq) for c in doc.review.followups.values()}
    conn = sqlite3.connect(path)
    try:
        stored = {i: (s, q) for i, s, q in conn.execute("SELECT id, status, seq FROM followup")}
    finally:
        conn.close()
    assert stored == expected
    with Document.open(path) as again:
        assert again.review.followups == doc.review.followups


def test_list_cells_are_encoded_once_and_read_back_the_same():
    import json

    from pm_desktop.domain import codec as codec_mod
    from pm_desktop.domain.model import Criterion

    card = FollowUp(
        "c1",
        "Add a canary stage",
        why_ids=("w1", "w2"),
        acceptance_criteria=(Criterion("Canary catches a bad build", True), Criterion("é", False)),
    )
    cards = codec_mod.codec("followups")
    first = cards.to_row(card)
    before = codec_mod._json_cell.cache_info().hits
    again = cards.to_row(replace(card, seq=7))
    assert codec_mod._json_cell.cache_info().hits >= before + 2
    changed = [c for c, a, b in zip(cards.columns, first, again, strict=True) if a != b]
    assert changed == ["seq"]
    assert cards.from_row(again) == replace(card, seq=7)
    columns = dict(zip(cards.columns, again, strict=True))
    assert json.loads(columns["why_ids"]) == ["w1", "w2"]
    assert any(isinstance(v, str) and "é" in v for v in again)  # kept as text, not escaped


def test_a_change_knows_the_collections_it_touches():
    from pm_desktop.domain.edits import Change

    change = Change(
        added=frozenset({("events", "a")}),
        updated=frozenset({("followups", "c")}),
        removed=frozenset({("whys", "b")}),
    )
    assert [change.touches(c) for c in ("events", "followups", "whys", "people")] == [
        True,
        True,
        True,
        False,
    ]
    assert change == Change(
        added=frozenset({("events", "a")}),
        updated=frozenset({("followups", "c")}),
        removed=frozenset({("whys", "b")}),
    )  # what it worked out is not part of its value
    assert not Change().touches("events")
    assert Change(fields=frozenset({"title"})).merged(change).touches("whys")
