"""The store's shared pieces: one transaction, one way to replace a file, one owner of blobs."""

from __future__ import annotations

import logging
import os
import sqlite3

import pytest

from pm_desktop.domain import ops
from pm_desktop.domain.edits import AddEntity, set_field
from pm_desktop.store.connection import StoreError, transaction
from pm_desktop.store.files import PART_SUFFIX, write_aside


@pytest.fixture
def notes_db(tmp_path):
    path = tmp_path / "notes.db"
    conn = sqlite3.connect(str(path), isolation_level=None)
    conn.execute("CREATE TABLE note (text TEXT NOT NULL)")
    yield path, conn
    conn.close()


def _notes(conn):
    return [row[0] for row in conn.execute("SELECT text FROM note ORDER BY rowid")]


def test_a_transaction_commits_everything_the_block_wrote(notes_db):
    path, conn = notes_db
    with transaction(conn, path, "the note was not saved"):
        conn.execute("INSERT INTO note VALUES ('first')")
        conn.execute("INSERT INTO note VALUES ('second')")
    assert not conn.in_transaction
    assert _notes(conn) == ["first", "second"]


def test_a_failed_statement_rolls_back_the_whole_block_and_names_the_file(notes_db):
    path, conn = notes_db
    with pytest.raises(StoreError) as caught:
        with transaction(conn, path, "the note was not saved"):
            conn.execute("INSERT INTO note VALUES ('kept only if all goes well')")
            conn.execute("INSERT INTO note VALUES (NULL)")
    message = str(caught.value)
    assert message.startswith(f"{path}: the note was not saved (")
    assert "NOT NULL" in message and "\n" not in message
    assert not conn.in_transaction
    assert _notes(conn) == []


def test_an_error_of_our_own_rolls_back_and_goes_on_unchanged(notes_db):
    path, conn = notes_db
    with pytest.raises(KeyError):
        with transaction(conn, path, "the note was not saved"):
            conn.execute("INSERT INTO note VALUES ('half an edit')")
            raise KeyError("evidence")
    assert _notes(conn) == []


def test_write_aside_replaces_the_target_only_when_the_block_succeeds(tmp_path):
    target = tmp_path / "review.pmreview"
    target.write_bytes(b"the old file")
    with pytest.raises(OSError):
        with write_aside(target) as part:
            part.write_bytes(b"half of a new fi")
            raise OSError(28, "No space left on device")
    assert target.read_bytes() == b"the old file"
    assert not [p for p in os.listdir(tmp_path) if p.endswith(PART_SUFFIX)]
    with write_aside(target) as part:
        part.write_bytes(b"the new file")
    assert target.read_bytes() == b"the new file"
    assert os.listdir(tmp_path) == ["review.pmreview"]


def test_a_broken_listener_is_logged_and_the_others_still_hear(example_document, caplog):
    heard = []

    def broken(change):
        raise ValueError("a view fell over")

    example_document.subscribe(broken)
    example_document.subscribe(heard.append)
    with caplog.at_level(logging.ERROR, logger="pm_desktop.store.document"):
        change = example_document.apply(set_field(example_document.review, "title", "Renamed"))
    assert heard == [change]
    assert [r.levelno for r in caplog.records] == [logging.ERROR]
    assert str(example_document.path) in caplog.records[0].getMessage()


def test_blobs_stay_until_close_so_undo_finds_them_then_unused_ones_go(example_document):
    doc = example_document
    info = doc.put_blob(b"\x89PNG pretend screenshot", "image/png", width=4, height=3)
    assert doc.put_blob(b"\x89PNG pretend screenshot", "image/png") is info  # stored once
    item = ops.new_evidence(doc.review, "image", title="Queue depth", blob=info.sha256)
    add = AddEntity(item)
    doc.apply(add)
    doc.apply(add.inverse())  # undone: nothing points at the blob, yet it is kept
    assert doc.read_blob(info.sha256).startswith(b"\x89PNG")
    doc.put_thumbnail(info.sha256, 64, b"thumb")
    assert doc.thumbnail(info.sha256, 64) == b"thumb"
    assert doc.purge_unused_blobs() >= 1
    assert info.sha256 not in doc.review.blobs
    assert doc.thumbnail(info.sha256, 64) is None
    with pytest.raises(KeyError):
        doc.read_blob(info.sha256)
