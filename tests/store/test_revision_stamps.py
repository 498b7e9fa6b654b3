"""The store records the revision history's moments: when a review file is created, and when it
last changed (any saved edit, undo included). They are stamped, never edits of their own."""

from __future__ import annotations

import dataclasses

import pytest

from pm_desktop.domain import timeutil
from pm_desktop.domain.edits import set_field
from pm_desktop.domain.model import Review, ReviewMeta
from pm_desktop.domain.revisions import set_status
from pm_desktop.store.document import Document


@pytest.fixture
def clock(monkeypatch):
    """A settable "now" for the store's stamps."""
    now = ["2025-03-12T11:20:00Z"]
    monkeypatch.setattr(timeutil, "now_canonical", lambda clock=None: now[0])
    return now


def test_a_new_file_records_when_it_was_created(tmp_path, clock):
    with Document.create(tmp_path / "a.pmreview") as doc:
        assert doc.review.meta.created == doc.review.meta.changed == "2025-03-12T11:20:00Z"
    with Document.open(tmp_path / "a.pmreview") as doc:
        assert doc.review.meta.created == "2025-03-12T11:20:00Z"


def test_an_imported_review_keeps_its_own_history(tmp_path, clock):
    meta = ReviewMeta(created="2024-01-02T03:04:05Z", changed="2024-02-01T00:00:00Z")
    with Document.create(tmp_path / "b.pmreview", Review(meta=meta)) as doc:
        assert (doc.review.meta.created, doc.review.meta.changed) == (
            "2024-01-02T03:04:05Z",
            "2024-02-01T00:00:00Z",
        )


def test_every_saved_edit_and_its_undo_move_last_changed(tmp_path, clock):
    with Document.create(tmp_path / "c.pmreview") as doc:
        clock[0] = "2025-03-13T09:00:00Z"
        edit = set_field(doc.review, "trigger", "A config push.")
        doc.apply(edit)
        assert doc.review.meta.changed == "2025-03-13T09:00:00Z"
        clock[0] = "2025-03-13T09:05:00Z"
        doc.apply(edit.inverse())
        assert doc.review.meta.trigger == ""
        assert doc.review.meta.changed == "2025-03-13T09:05:00Z"
        assert doc.review.meta.created == "2025-03-12T11:20:00Z"
    with Document.open(tmp_path / "c.pmreview") as doc:
        assert doc.review.meta.changed == "2025-03-13T09:05:00Z"


def test_a_status_change_is_saved_with_its_moment(tmp_path, clock):
    with Document.create(tmp_path / "e.pmreview") as doc:
        doc.apply(set_status(doc.review, "final", "2025-03-20T10:00:00Z"))
    with Document.open(tmp_path / "e.pmreview") as doc:
        assert doc.review.meta.status == "final"
        assert doc.review.meta.status_history == ("2025-03-20T10:00:00Z final",)


def test_a_failed_save_puts_last_changed_back(tmp_path, clock, monkeypatch):
    from pm_desktop.store import document

    with Document.create(tmp_path / "f.pmreview") as doc:
        before = dataclasses.replace(doc.review.meta)

        def broken(*args, **kwargs):
            raise OSError("disk full")

        monkeypatch.setattr(document, "write_meta_fields", broken)
        clock[0] = "2025-03-13T09:00:00Z"
        with pytest.raises(Exception, match="disk full|not saved"):
            doc.apply(set_field(doc.review, "trigger", "A config push."))
        assert doc.review.meta.changed == before.changed and doc.review.meta.trigger == ""


@pytest.mark.parametrize(
    ("key", "value", "named"),
    [
        ("created", "garbage", "review.created"),
        ("changed", "2025-03-12 10:00", "review.changed"),
        ("status_history", "not json", "Expecting value"),
        ("meeting_date", "13/03/2025", "review.meeting_date"),
    ],
)
def test_a_garbled_record_is_refused_by_name_and_the_file_left_untouched(
    tmp_path, clock, key, value, named
):
    import sqlite3

    from pm_desktop.store.opening import OpenError

    path = tmp_path / "g.pmreview"
    Document.create(path).close()
    conn = sqlite3.connect(path)
    conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (key, value))
    conn.commit()
    conn.close()
    before = path.read_bytes()
    with pytest.raises(OpenError, match=named):
        Document.open(path)
    assert path.read_bytes() == before
