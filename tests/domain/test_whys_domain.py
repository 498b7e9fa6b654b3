"""What the 5-whys views print about a tree: numbering, branch labels, follow-up gaps, folding,
and the outline text that goes through the clipboard."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from review_strategies import reviews

from pm_desktop.domain import ops, whys
from pm_desktop.domain.edits import EditError
from pm_desktop.domain.model import Review, WhyNode
from pm_desktop.ingest import clip_whys
from pm_desktop.ingest.builtin import load_example


def chain_review(*spec: tuple[str, str | None]) -> Review:
    review = Review()
    seqs: dict[str | None, int] = {}
    for node_id, parent in spec:
        seq = seqs.get(parent, 0)
        seqs[parent] = seq + 1
        review.whys[node_id] = WhyNode(node_id, parent, f"text {node_id}", seq=seq)
    return review


@pytest.fixture
def example():
    return load_example().review


def test_example_tree_numbers_the_problem_and_five_whys(example):
    rows = whys.outline_rows(example)
    assert [r.step for r in rows[:6]] == ["Problem", "Why 1", "Why 2", "Why 3", "Why 4", "Why 5"]
    assert [r.heading for r in rows[5:]] == ["Why 5 · A", "Why 5 · B", "Why 5 · C"]
    assert all(r.root_cause for r in rows[5:])


def test_only_the_children_of_a_split_get_a_label_and_nested_splits_extend_it():
    review = chain_review(
        ("p", None), ("w1", "p"), ("a", "w1"), ("b", "w1"), ("a-next", "a"),
        ("a1", "a-next"), ("a2", "a-next"), ("a1a", "a1"), ("a1b", "a1"),
    )  # fmt: skip
    names = whys.branch_labels(review)
    assert names.label == {
        "a": "A", "b": "B", "a1": "A1", "a2": "A2", "a1a": "A1a", "a1b": "A1b",
    }  # fmt: skip
    assert names.branch["a-next"] == "A"
    assert names.branch["w1"] == ""
    assert whys.branch_of(review, "a1b") == "A1b"


def test_letters_run_past_z():
    assert [whys.letters(i) for i in (0, 25, 26, 27, 701, 702)] == [
        "A", "Z", "AA", "AB", "ZZ", "AAA",
    ]  # fmt: skip


def test_each_tree_is_labelled_on_its_own():
    review = chain_review(("p", None), ("x", "p"), ("y", "p"), ("q", None), ("z", "q"), ("v", "q"))
    names = whys.branch_labels(review)
    assert names.label == {"x": "A", "y": "B", "z": "A", "v": "B"}


def test_root_causes_without_a_follow_up_are_listed(example):
    assert whys.root_causes_without_followup(example) == []
    node = example.root_causes()[0]
    for card in list(example.followups.values()):
        if node.id in card.why_ids:
            del example.followups[card.id]
    assert [w.id for w in whys.root_causes_without_followup(example)] == [node.id]
    assert [r.needs_followup for r in whys.outline_rows(example) if r.id == node.id] == [True]


def test_collapsed_nodes_hide_their_descendants_and_count_them(example):
    why2 = whys.outline_rows(example)[2].id
    shown = [n.id for n, _ in whys.visible_nodes(example, {why2})]
    assert why2 in shown and len(shown) == 3
    assert whys.hidden_counts(example, {why2, "missing"}) == {why2: 5}
    assert len(whys.visible_nodes(example, max_depth=1)) == 2


def test_visible_nodes_can_be_limited_to_one_tree():
    review = chain_review(("p", None), ("x", "p"), ("q", None), ("z", "q"))
    assert [n.id for n, _ in whys.visible_nodes(review, roots=["q"])] == ["q", "z"]


def test_paste_branch_builds_one_edit_that_undoes_cleanly(example):
    parent = example.why_roots()[0].id
    before = example.copy()
    edit = whys.paste_branch(
        example, parent, clip_whys.parse_outline("a\n  b\n  c (root cause)\nd")
    )
    change = edit.apply(example)
    assert len(change.ids("whys", kinds="a")) == 4
    kids = example.children(parent)
    assert [k.text for k in kids][-2:] == ["a", "d"]
    a = kids[-2]
    assert [(c.text, c.root_cause) for c in example.children(a.id)] == [("b", False), ("c", True)]
    assert len({k.seq for k in kids}) == len(kids)
    edit.inverse().apply(example)
    assert example.whys == before.whys


def test_paste_under_a_missing_node_is_refused(example):
    with pytest.raises(EditError):
        whys.paste_branch(example, "gone", [whys.OutlineEntry(0, "x")])


def test_create_followup_removes_the_needs_followup_mark(example):
    node = example.root_causes()[0]
    for card in list(example.followups.values()):
        del example.followups[card.id]
    ops.create_followup_from_why(example, node.id).apply(example)
    assert node.id not in {w.id for w in whys.root_causes_without_followup(example)}


@settings(max_examples=40, deadline=None, database=None)
@given(reviews())
def test_rows_cover_every_node_once_with_consistent_depths(data):
    review, _ = data
    rows = whys.outline_rows(review)
    assert sorted(r.id for r in rows) == sorted(review.whys)
    depth = {r.id: r.depth for r in rows}
    for r in rows:
        if r.parent_id is None:
            assert r.depth == 0 and r.step == "Problem"
        else:
            assert r.depth == depth[r.parent_id] + 1
    counts = whys.followup_counts(review)
    linked = sum(len(c.why_ids) for c in review.followups.values())
    assert sum(counts.values()) == linked
    assert {r.id for r in rows if r.needs_followup} == {
        w.id for w in whys.root_causes_without_followup(review)
    }
