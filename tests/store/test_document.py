"""The .pmreview file: created whole, written through on every edit, opened only when sound."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from review_strategies import reviews

from pm_desktop.domain import ops
from pm_desktop.domain.edits import set_field
from pm_desktop.ingest.builtin import load_example
from pm_desktop.store.document import (
    AlreadyOpenError,
    Document,
    ReadOnlyError,
    StoreError,
    find_untitled,
    load_review,
)
from pm_desktop.store.schema import APPLICATION_ID, SCHEMA_VERSION


@pytest.fixture
def example_doc(tmp_path):
    ex = load_example()
    doc = Document.create(tmp_path / "example.pmreview", ex.review, ex.blobs)
    yield doc
    doc.close()


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(reviews())
def test_random_reviews_round_trip_through_the_file_unchanged(tmp_path_factory, data):
    review, blobs = data
    path = tmp_path_factory.mktemp("rt") / "r.pmreview"
    Document.create(path, review, blobs).close()
    with Document.open(path) as doc:
        assert doc.review == review
        for sha, payload in blobs.items():
            assert doc.read_blob(sha) == payload


def test_file_is_marked_as_ours_and_safe_to_email(example_doc):
    conn = sqlite3.connect(example_doc.path)
    assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    conn.close()
    assert example_doc.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert example_doc.conn.execute("PRAGMA synchronous").fetchone()[0] == 3  # EXTRA


def test_every_applied_edit_is_on_disk_when_apply_returns(example_doc):
    example_doc.apply(set_field(example_doc.review, "title", "Payments outage, 12 March"))
    example_doc.apply(ops.add_event(example_doc.review, "2025-03-12T12:00:00Z", "Follow-up call"))
    other = sqlite3.connect(f"file:{example_doc.path}?mode=ro", uri=True)
    assert load_review(other) == example_doc.review
    other.close()


def test_listeners_hear_what_changed_after_commit(example_doc):
    heard = []
    example_doc.subscribe(heard.append)
    change = example_doc.apply(ops.add_event(example_doc.review, None, "untimed note"))
    assert heard == [change] and change.ids("events", kinds="a")


def test_a_refused_edit_changes_neither_memory_nor_file(example_doc):
    before = example_doc.review.copy()
    root = example_doc.review.why_roots()[0]
    leaf = example_doc.review.root_causes()[0]
    with pytest.raises(ValueError):
        example_doc.apply(ops.reparent_why(example_doc.review, root.id, leaf.id))
    assert example_doc.review == before
    with Document.open(example_doc.path, read_only=True) as again:
        assert again.review == before


def test_identical_screenshots_are_stored_once(example_doc):
    data = example_doc.read_blob(next(iter(example_doc.review.blobs)))
    a = example_doc.put_blob(data, "image/png", width=1, height=1)
    b = example_doc.put_blob(data, "image/png", width=1, height=1)
    assert a == b
    assert example_doc.conn.execute("SELECT count(*) FROM blob").fetchone()[0] == 1


def test_unused_blobs_are_purged_on_close_not_before(tmp_path):
    ex = load_example()
    path = tmp_path / "r.pmreview"
    doc = Document.create(path, ex.review, ex.blobs)
    image = next(e for e in doc.review.evidence.values() if e.kind == "image")
    edit = ops.delete_evidence(doc.review, [image.id])
    doc.apply(edit)
    assert doc.conn.execute("SELECT count(*) FROM blob").fetchone()[0] == 1  # undo still possible
    doc.apply(edit.inverse())
    doc.apply(ops.delete_evidence(doc.review, [image.id]))
    doc.close()
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT count(*) FROM blob").fetchone()[0] == 0


def test_second_writer_is_refused_but_may_read(example_doc):
    with pytest.raises(AlreadyOpenError, match="already open"):
        Document.open(example_doc.path)
    with Document.open(example_doc.path, read_only=True) as ro:
        assert ro.review == example_doc.review
        with pytest.raises(ReadOnlyError):
            ro.apply(set_field(ro.review, "title", "x"))


def test_lock_is_released_on_close(example_doc):
    path = example_doc.path
    example_doc.close()
    Document.open(path).close()


def test_unwritable_file_opens_read_only(example_doc, monkeypatch):
    path = example_doc.path
    example_doc.close()
    monkeypatch.setattr(os, "access", lambda p, mode: mode != os.W_OK)
    with Document.open(path) as doc:
        assert doc.read_only and "read-only" in doc.read_only_reason


def test_save_as_moves_the_review_and_undo_still_works(tmp_path):
    ex = load_example()
    doc = Document.create_untitled(tmp_path / "appdata", ex.review, ex.blobs)
    scratch = doc.path
    edit = set_field(doc.review, "title", "Renamed before saving")
    doc.apply(edit)
    target = tmp_path / "kept.pmreview"
    doc.save_as(target)
    assert doc.path == target and not doc.untitled and not scratch.exists()
    doc.apply(edit.inverse())
    doc.close()
    with Document.open(target) as again:
        assert again.review.meta.title == ex.review.meta.title


def test_save_as_refuses_a_target_open_elsewhere(tmp_path, example_doc):
    ex = load_example()
    other = Document.create(tmp_path / "other.pmreview", ex.review, ex.blobs)
    try:
        before = other.path.read_bytes()
        with pytest.raises(AlreadyOpenError):
            example_doc.save_as(other.path)
        assert other.path.read_bytes() == before
    finally:
        other.close()


def test_create_never_overwrites_by_accident(example_doc):
    with pytest.raises(StoreError, match="already exists"):
        Document.create(example_doc.path)


def test_untitled_reviews_left_behind_are_found_for_recovery(tmp_path):
    folder = tmp_path / "appdata"
    doc = Document.create_untitled(folder)
    doc.apply(set_field(doc.review, "title", "Notes from the outage"))
    doc.close()  # as if the app quit without saving elsewhere
    found = list(find_untitled(folder))
    assert found == [doc.path]
    with Document.open(found[0]) as again:
        assert again.review.meta.title == "Notes from the outage"


def test_discarding_an_untitled_review_deletes_its_scratch_file(tmp_path):
    doc = Document.create_untitled(tmp_path)
    path = doc.path
    doc.discard()
    assert not path.exists()


def test_version_one_fixture_still_opens(tmp_path):
    fixture = Path(__file__).parents[1] / "fixtures" / "review-v1.pmreview"
    copy = tmp_path / "old.pmreview"
    copy.write_bytes(fixture.read_bytes())
    with Document.open(copy) as doc:
        assert doc.review.meta.title == "Card payments failing during the morning peak"
        assert len(doc.review.events) == 14
