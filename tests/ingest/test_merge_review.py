"""Merging a colleague's review file: the two responders' story, twice, undone, and untouched inputs."""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
from pathlib import Path

import pytest
from merge_story import DASHBOARD, ROLLBACK_GRAPH, ROLLBACK_SHOT, write_pair

from pm_desktop.domain.merge import plan_merge
from pm_desktop.ingest.merge_review import apply, merge_file, plan, read_other
from pm_desktop.store.document import Document
from pm_desktop.store.opening import OpenError
from pm_desktop.store.other_review import OtherReview


def rows(path: Path) -> dict[str, list[tuple]]:
    """Every row of every table, sorted: what "the file holds the same review" means."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        tables = [
            name
            for (name,) in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        # The "last changed" stamp records when the file was last written (an undo is a write
        # too), so it is the one row that may differ after merge + undo.
        return {
            t: sorted(
                (r for r in conn.execute(f'SELECT * FROM "{t}"') if t != "meta" or r[0] != "changed"),
                key=repr,
            )
            for t in tables
        }
    finally:
        conn.close()


def untouched(path: Path) -> tuple[str, int]:
    return hashlib.sha256(path.read_bytes()).hexdigest(), os.stat(path).st_mtime_ns


@pytest.fixture(scope="module")
def pair(tmp_path_factory) -> tuple[Path, Path]:
    return write_pair(tmp_path_factory.mktemp("story"))


@pytest.fixture
def files(pair, tmp_path) -> tuple[Path, Path]:
    mei, ana = tmp_path / "mei.pmreview", tmp_path / "ana.pmreview"
    shutil.copyfile(pair[0], mei)
    shutil.copyfile(pair[1], ana)
    return mei, ana


def test_two_responders_files_merge_to_the_expected_review(files):
    mei, ana = files
    before_other = untouched(ana)
    with Document.open(mei) as doc:
        merge, change = merge_file(doc, ana)
        r = doc.review

        assert merge.summary() == (
            "added 2 events, 1 person, 2 screenshots, 2 why answers, 1 follow-up, "
            "1 parked idea, 1 redaction, 1 redaction box, 1 review field; "
            "3 duplicates merged; 2 conflicts kept as ours"
        )
        assert change.label == "Merge ana.pmreview"
        # The timeline: Ana's page note became Mei's event with both authors and the longer text.
        got = [(e.id, e.time, e.text, e.kind, e.author, e.source) for e in r.sorted_events()]
        assert got == [
            ("base-1", "2026-11-02T09:02:00Z", "Deploy 4812 started", "action", "Mei", "typed"),
            ("base-2", "2026-11-02T09:10:00Z", "Checkout error rate above 5 % (dashboard)",
             "detected", "Mei", "typed"),
            ("m-1", "2026-11-02T09:14:10Z", "Paged on-call; Ana acknowledged in Slack",
             "acknowledged", "Mei, Ana", "typed"),
            ("m-2", "2026-11-02T09:21:00Z", "Rolled back deploy 4812 to 4811", "mitigated",
             "Mei", "typed"),
            ("a-2", "2026-11-02T09:21:30Z", "Rollback finished, errors dropping", "observation",
             "Ana", "slack:#inc-checkout"),
            ("a-3", "2026-11-02T09:40:00Z", "Status page updated: resolved", "communication",
             "Ana", "merged:ana.pmreview"),
        ]  # fmt: skip
        # People: Ana matched by name (case folded), her handles joined, her team filled in.
        people = {p.id: p for p in r.people.values()}
        assert sorted(people) == ["p-ana-m", "p-mei", "p-raj"]
        ana_p = people["p-ana-m"]
        assert (ana_p.name, ana_p.role, ana_p.team) == ("Ana Kovač", "SRE", "Payments")
        assert ana_p.handles == ("ana.k", "ana@example.com")
        assert people["p-raj"].role == "Payments engineer"
        # Evidence: one item per screenshot, the same rollback picture once with both links.
        shots = {e.id: e for e in r.evidence.values()}
        assert sorted(shots) == ["a-graph", "a-shot", "m-shot", "shot-1"]
        assert shots["m-shot"].event_ids == ("m-2", "a-2")
        assert shots["m-shot"].captured_by == "Mei, Ana"
        assert shots["a-shot"].blob == shots["shot-1"].blob
        assert shots["a-shot"].source == "capture"
        digests = {
            hashlib.sha256(d).hexdigest() for d in (DASHBOARD, ROLLBACK_GRAPH, ROLLBACK_SHOT)
        }
        assert set(r.blobs) == digests
        assert doc.conn.execute("SELECT count(*) FROM blob").fetchone()[0] == 3
        assert doc.read_blob(shots["a-graph"].blob) == ROLLBACK_GRAPH
        # Whys: Ana's whole branch under the shared problem, parents kept, beside Mei's.
        tree = [(w.id, w.parent_id, w.source) for w in r.sorted_whys()]
        assert tree == [
            ("w-root", None, ""),
            ("w-m1", "w-root", ""),
            ("w-a1", "w-root", "merged:ana.pmreview"),
            ("w-a2", "w-a1", "merged:ana.pmreview"),
        ]
        assert r.whys["w-a2"].author == "Ana" and r.whys["w-a2"].root_cause
        # Cards: Ana's card is a new card of this review (Mei's has number 2 already).
        numbers = {c.id: c.number for c in r.followups.values()}
        assert numbers == {"c-1": 1, "c-m": 2, "c-a": 3}
        assert r.meta.last_followup_number == "3"
        assert r.followups["c-a"].why_ids == ("w-a2",)
        # Parking points at the merged moment; the redaction at the merged participant.
        assert r.parking["park-a"].event_id == "m-1"
        assert r.redactions["red-a"].target_id == "p-ana-m"
        assert r.boxes["box-a"].evidence_id == "a-shot"
        # Review fields: Ana's summary filled the empty one; the severity conflict kept ours.
        assert r.meta.summary == "Checkout failed for EU shoppers for twelve minutes."
        assert r.meta.severity == "SEV3"
        assert r.meta.review_id == "7d1f7a52-2b7e-4c1e-9d55-2f0c4f1f6a10"
    assert untouched(ana) == before_other
    assert not Path(f"{ana}-journal").exists() and not Path(f"{ana}.lock").exists()


def test_choosing_theirs_for_one_conflict_takes_only_that_one(files):
    mei, ana = files
    with Document.open(mei) as doc, read_other(doc, ana) as other:
        merge = plan(doc, other)
        assert [c.ref for c in merge.conflicts] == [("events", "base-2"), ("review", "severity")]
        conflict = merge.conflicts[0]
        assert conflict.mine.text == "Checkout error rate above 5 % (dashboard)"
        assert conflict.theirs.text == "Checkout error rate above 5 % for EU shoppers"
        assert conflict.differing_fields() == ["text"]
        apply(doc, other, merge, {("events", "base-2")})
        assert doc.review.events["base-2"].text == "Checkout error rate above 5 % for EU shoppers"
        assert doc.review.meta.severity == "SEV3"
        assert merge.summary(1).endswith("1 conflict kept as ours; 1 conflict taken from theirs")


def test_merging_the_same_file_twice_changes_nothing_the_second_time(files):
    mei, ana = files
    with Document.open(mei) as doc:
        merge_file(doc, ana)
        once = doc.review.copy()
    after_once = rows(mei)
    with Document.open(mei) as doc:
        merge, change = merge_file(doc, ana)
        assert not change
        assert merge.edit().edits == ()
        assert doc.review == once
        assert merge.summary() == "nothing new from ana.pmreview; 2 conflicts kept as ours"
    assert rows(mei) == after_once


def test_merging_in_either_direction_gives_the_same_timeline_texts(files, tmp_path):
    mei, ana = files
    with Document.open(ana) as doc:
        merge_file(doc, mei)
        texts = sorted(e.text for e in doc.review.events.values())
        authors = {e.id: e.author for e in doc.review.events.values()}
    assert len(texts) == 6
    assert authors["a-1"] == "Ana, Mei"


def test_merge_then_undo_restores_the_original_exactly(files):
    mei, ana = files
    original_rows = rows(mei)
    with Document.open(mei) as doc:
        original = doc.review.copy()
        with read_other(doc, ana) as other:
            merge = plan(doc, other)
            edit = merge.edit({("events", "base-2"), ("review", "severity")})
            applied = []
            apply(doc, other, merge, {("events", "base-2"), ("review", "severity")},
                  push=lambda e: applied.append(e) or doc.apply(e))  # fmt: skip
        assert applied == [edit]  # one edit: one undo step
        doc.apply(edit.inverse())
        for name in ("meta", "people", "events", "evidence", "whys", "followups", "parking",
                     "redactions", "boxes"):  # fmt: skip
            assert getattr(doc.review, name) == getattr(original, name), name
        # Redo finds the copied pictures (kept until close), undo again, then close.
        doc.apply(edit)
        assert doc.read_blob(doc.review.evidence["a-graph"].blob) == ROLLBACK_GRAPH
        doc.apply(edit.inverse())
    assert rows(mei) == original_rows


def test_the_plan_changes_neither_review(files):
    mei, ana = files
    with OtherReview(mei) as a, OtherReview(ana) as b:
        ours, theirs = a.review.copy(), b.review.copy()
        plan_merge(a.review, b.review, "ana.pmreview")
        assert a.review == ours and b.review == theirs


def test_output_file_gets_the_merge_and_review_stays_untouched(files, tmp_path, capsys):
    from pm_desktop.cli import main

    mei, ana = files
    before = untouched(mei), untouched(ana)
    out = tmp_path / "together.pmreview"
    assert main(["merge", str(mei), str(ana), "-o", str(out)]) == 0
    printed = capsys.readouterr().out.splitlines()
    assert printed[0].startswith("added 2 events, 1 person")
    assert printed[1:] == [
        "  ana.pmreview: timeline event 2026-11-02 09:10 UTC “Checkout error rate above 5 % "
        "(dashboard)” (different: text): kept as ours",
        "  ana.pmreview: review field “severity”: kept as ours",
    ]
    assert (untouched(mei), untouched(ana)) == before
    with Document.open(out) as doc:
        assert len(doc.review.events) == 6
    assert main(["merge", str(mei), str(ana), "-o", str(out)]) == 1
    assert "already exists" in capsys.readouterr().err


def test_prefer_theirs_takes_every_conflict_from_the_other_file(files, capsys):
    from pm_desktop.cli import main

    mei, ana = files
    assert main(["merge", str(mei), str(ana), "--prefer", "theirs"]) == 0
    assert "2 conflicts taken from theirs" in capsys.readouterr().out
    with Document.open(mei) as doc:
        assert doc.review.meta.severity == "SEV2"
        assert doc.review.events["base-2"].text.endswith("for EU shoppers")


def test_several_files_are_all_checked_before_anything_changes(files, tmp_path, capsys):
    from pm_desktop.cli import main

    mei, ana = files
    junk = tmp_path / "notes.pmreview"
    junk.write_text("not a review", encoding="utf-8")
    before = rows(mei)
    assert main(["merge", str(mei), str(ana), str(junk)]) == 1
    err = capsys.readouterr().err.strip()
    assert err == f"pm-desktop: {junk}: is not a pm-desktop review (it is not an SQLite database)"
    assert rows(mei) == before


def test_a_review_cannot_be_merged_into_itself(files):
    mei, _ana = files
    with Document.open(mei) as doc, pytest.raises(OpenError, match="merging into"):
        read_other(doc, mei)


def test_a_file_with_an_unfinished_change_is_refused_and_left_alone(files):
    mei, ana = files
    journal = Path(f"{ana}-journal")
    journal.write_bytes(b"\0" * 512)
    before = untouched(ana)
    with Document.open(mei) as doc, pytest.raises(OpenError, match="unfinished"):
        merge_file(doc, ana)
    assert untouched(ana) == before and journal.read_bytes() == b"\0" * 512


def test_stored_data_that_does_not_match_its_checksum_adds_nothing(files):
    mei, ana = files
    conn = sqlite3.connect(ana)
    sha = hashlib.sha256(ROLLBACK_GRAPH).hexdigest()
    conn.execute("UPDATE blob SET data = ? WHERE sha256 = ?", (ROLLBACK_SHOT, sha))
    conn.commit()
    conn.close()
    before = rows(mei)
    with Document.open(mei) as doc, pytest.raises(OpenError, match="checksum"):
        merge_file(doc, ana)
    assert rows(mei) == before
