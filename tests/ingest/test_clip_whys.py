"""Whys as pasted text and as a copied branch (ingest/clip_whys.py): what people paste reads as
the shape they meant, our own copies come back with every field, and garbage is refused."""

from __future__ import annotations

import json

import pytest

from pm_desktop.domain.edits import EditError
from pm_desktop.ingest import clip_whys
from pm_desktop.ingest.builtin import load_example


@pytest.fixture
def example():
    return load_example().review


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
