"""A process killed in the middle of a write leaves a hot journal; every way of opening the
review (the app, ``info``, ``timeline add``, the recovery list) rolls it back first and opens the
review as it was after its last commit. These tests never touch the file with plain sqlite3
before the app does: that would do the rollback the app must do itself."""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from crash_trials import kill_mid_write

from pm_desktop.cli.main import main as cli_main
from pm_desktop.ingest.builtin import load_example
from pm_desktop.store.document import Document


@pytest.fixture
def crashed_review(tmp_path) -> Path:
    ex = load_example()
    path = tmp_path / "big.pmreview"
    Document.create(path, ex.review, ex.blobs).close()
    kill_mid_write(path)
    assert path.with_name("big.pmreview-journal").exists(), "the kill left no hot journal"
    return path


def leftovers(folder: Path) -> list[str]:
    return sorted(
        p.name for p in folder.iterdir() if p.name.endswith(("-journal", "#", ".pm-part"))
    )


def test_a_review_killed_mid_write_opens_with_its_last_commit(crashed_review):
    ex = load_example()
    with Document.open(crashed_review) as doc:
        assert doc.review == ex.review
        assert doc.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert doc.conn.execute("SELECT count(*) FROM thumbnail").fetchone()[0] == 0
    assert leftovers(crashed_review.parent) == []


def test_a_review_killed_mid_write_opens_read_only_too(crashed_review):
    with Document.open(crashed_review, read_only=True) as doc:
        assert doc.review == load_example().review
    assert leftovers(crashed_review.parent) == []


@pytest.mark.parametrize("command", ["info", "timeline add"])
def test_the_command_line_opens_a_review_killed_mid_write(
    crashed_review, tmp_path, command, capsys
):
    text = tmp_path / "more.txt"
    text.write_text("10:00 the cache was warmed again\n", encoding="utf-8")
    argv = command.split() + [str(crashed_review)] + ([str(text)] if "add" in command else [])
    assert cli_main(argv) == 0, capsys.readouterr().err
    assert leftovers(crashed_review.parent) == []


@contextlib.contextmanager
def read_only_folder(folder: Path):
    """Make ``folder`` read-only for this process: a read-only tmpfs when we are root (root
    writes through file modes), file modes otherwise. Skips when neither works."""
    if os.geteuid() != 0:
        folder.chmod(0o555)
        try:
            yield folder
        finally:
            folder.chmod(0o755)
        return
    disk = folder.parent / "ro-disk"
    disk.mkdir()
    mount = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(disk)], capture_output=True
    )
    if mount.returncode != 0:
        pytest.skip("root, and no tmpfs can be mounted to make a read-only folder")
    try:
        for item in folder.iterdir():
            shutil.copy2(item, disk / item.name)
        subprocess.run(["mount", "-o", "remount,ro", str(disk)], check=True, capture_output=True)
        yield disk
    finally:
        subprocess.run(["umount", "-l", str(disk)], capture_output=True)


def test_a_journal_that_cannot_be_rolled_back_gives_one_line(crashed_review, capsys):
    with read_only_folder(crashed_review.parent) as folder:
        path = folder / crashed_review.name
        before = path.read_bytes()
        assert cli_main(["info", str(path)]) == 1
        assert path.read_bytes() == before
        assert (folder / f"{path.name}-journal").exists()
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "unfinished change" in err and str(path) in err


def test_the_recovery_list_offers_a_killed_untitled_review_and_discard_removes_everything(
    tmp_path,
):
    from pm_desktop.store.recover import remove_review

    ex = load_example()
    doc = Document.create_untitled(tmp_path, ex.review, ex.blobs)
    path = doc.path
    doc.close()
    kill_mid_write(path)
    with Document.open(path, read_only=True) as reopened:  # what the recovery list does
        assert reopened.review.meta.title == ex.review.meta.title
    kill_mid_write(path)
    assert remove_review(path)
    assert sorted(p.name for p in tmp_path.iterdir()) == []
