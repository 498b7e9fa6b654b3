"""What the 5-whys views print about a tree: numbering, branch labels, follow-up gaps, folding,
and the outline text that goes through the clipboard."""

from __future__ import annotations

import json

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


def test_copied_branch_text_reads_back_as_the_same_shape(example):
    root = example.why_roots()[0].id
    text = clip_whys.branch_outline_text(example, root)
    assert text.splitlines()[0].startswith("- Problem: Customers could not")
    assert "(A)" in text and text.count("(root cause)") == 3
    entries = clip_whys.parse_outline(text)
    assert [e.depth for e in entries] == [0, 1, 2, 3, 4, 5, 5, 5]
    assert [e.root_cause for e in entries] == [False] * 5 + [True] * 3
    assert entries[0].text == example.whys[root].text


def test_a_flat_worksheet_with_why_numbers_becomes_a_chain_with_branches():
    text = """Problem: Payments failed at peak times.
Why 1: The gateway timed out.
Why 2: The database was overloaded.
Why 5 (A): No checklist step for database impact. (root cause)
Why 5 (B): Deadline pressure.
"""
    entries = clip_whys.parse_outline(text)
    assert [e.depth for e in entries] == [0, 1, 2, 3, 3]
    assert entries[3].root_cause and entries[3].text == "No checklist step for database impact."
    assert entries[4].text == "Deadline pressure."


def test_flat_bullets_without_numbers_are_siblings_and_indentation_nests():
    assert [e.depth for e in clip_whys.parse_outline("- a\n- b\n* c\n")] == [0, 0, 0]
    entries = clip_whys.parse_outline("a\n\tb\n\t\tc\n    d\ne\n")
    assert [(e.depth, e.text) for e in entries] == [
        (0, "a"),
        (1, "b"),
        (2, "c"),
        (1, "d"),
        (0, "e"),
    ]


@pytest.mark.parametrize(
    "text",
    ["<img src=/etc/passwd>", "x<y", "Привет мир", "数据库超时", "🔥 on fire", "Root cause: 😀"],
)
def test_hostile_and_foreign_text_pastes_verbatim(text):
    entries = clip_whys.parse_outline(text)
    assert len(entries) == 1
    assert entries[0].text in (text, "😀")


@pytest.mark.parametrize("text", ["", "   \n\n\t", "\x00"])
def test_blank_paste_is_refused_with_a_sentence(text):
    with pytest.raises(ValueError, match="no text"):
        clip_whys.parse_outline(text)


def test_a_huge_paste_is_refused_not_cut():
    with pytest.raises(ValueError, match="at most 500"):
        clip_whys.parse_outline("line\n" * 5000)


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


def test_branch_json_round_trip_gets_new_ids_and_keeps_fields(example):
    node = example.root_causes()[0]
    parent = example.why_roots()[0].id
    data = clip_whys.branch_to_json(example, node.parent_id)
    edit = clip_whys.paste_branch_json(example, parent, data)
    change = edit.apply(example)
    added = [example.whys[i] for i in change.ids("whys")]
    assert len(added) == 4 and not {a.id for a in added} & {node.id, node.parent_id}
    assert sorted(a.text for a in added if a.root_cause) == sorted(
        w.text for w in example.root_causes() if w.id not in {a.id for a in added}
    )


@pytest.mark.parametrize(
    "data",
    ["not json", "{}", json.dumps({"format": "pm-desktop-why-branch", "nodes": []}),
     json.dumps({"format": "pm-desktop-why-branch", "nodes": [{"id": "a", "parent_id": "zz"}]})],
)  # fmt: skip
def test_garbage_branch_json_is_refused(example, data):
    with pytest.raises(EditError):
        clip_whys.paste_branch_json(example, None, data)


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
