"""A batch nets its edits' changes out in one pass (linear), exactly as merging them pairwise."""

from __future__ import annotations

from functools import reduce

from hypothesis import given
from hypothesis import strategies as st

from pm_desktop.domain.edits import Change, ChangeAccumulator

keys = st.frozensets(st.tuples(st.sampled_from(["events", "whys"]), st.sampled_from("abcdef")))
changes = st.builds(
    Change,
    added=keys,
    updated=keys,
    removed=keys,
    fields=st.frozensets(st.sampled_from(["title", "summary"])),
    label=st.sampled_from(["", "Paste", "Edit"]),
)


@given(st.lists(changes, max_size=12))
def test_accumulating_changes_equals_merging_them_one_by_one(seq):
    acc = ChangeAccumulator()
    for change in seq:
        acc.add(change)
    assert acc.change() == reduce(Change.merged, seq, Change())


def test_an_entity_added_then_removed_in_one_batch_is_no_change_at_all():
    acc = ChangeAccumulator()
    acc.add(Change(added=frozenset({("events", "e1")})))
    acc.add(Change(updated=frozenset({("events", "e1")})))
    acc.add(Change(removed=frozenset({("events", "e1")})))
    assert acc.change("Paste") == Change(label="Paste")
