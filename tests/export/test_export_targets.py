"""Exports replace only what they made: never a folder of someone else's, never a review, never a
file of another format unless told to with --force (issue #16.5)."""

from __future__ import annotations

import pytest

from pm_desktop.cli.main import main as cli_main
from pm_desktop.ingest.builtin import load_example
from pm_desktop.store.document import Document


@pytest.fixture
def review(tmp_path):
    ex = load_example()
    path = tmp_path / "a.pmreview"
    Document.create(path, ex.review, ex.blobs).close()
    return path


def one_line_error(capsys, *names: str) -> str:
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err, err
    for name in names:
        assert name in err, err
    return err


def test_markdown_export_never_deletes_a_folder_it_did_not_make(review, tmp_path, capsys):
    theirs = tmp_path / "report_files"
    theirs.mkdir()
    (theirs / "notes.txt").write_text("keep me", encoding="utf-8")
    assert cli_main(["export", str(review), "-o", str(tmp_path / "report.md")]) == 1
    one_line_error(capsys, str(theirs))
    assert (theirs / "notes.txt").read_text(encoding="utf-8") == "keep me"
    assert not (tmp_path / "report.md").exists()


def test_an_export_never_replaces_a_review(review, tmp_path, capsys):
    other = tmp_path / "other.pmreview"
    Document.create(other).close()
    before = other.read_bytes()
    assert cli_main(["export", str(review), "-o", str(other), "--format", "csv"]) == 1
    one_line_error(capsys, str(other), "is a review")
    assert other.read_bytes() == before


def test_force_still_never_replaces_a_review_open_elsewhere(review, tmp_path, capsys):
    other = tmp_path / "other.pmreview"
    with Document.create(other):
        before = other.read_bytes()
        code = cli_main(["export", str(review), "-o", str(other), "--format", "csv", "--force"])
        assert code == 1
        one_line_error(capsys, str(other), "already open")
        assert other.read_bytes() == before


def test_a_file_of_another_format_needs_force(review, tmp_path, capsys):
    notes = tmp_path / "notes.txt"
    notes.write_text("my notes", encoding="utf-8")
    assert cli_main(["export", str(review), "-o", str(notes), "--format", "md", "--no-images"]) == 1
    one_line_error(capsys, str(notes), "--force")
    assert notes.read_text(encoding="utf-8") == "my notes"
    argv = ["export", str(review), "-o", str(notes), "--format", "md", "--no-images", "--force"]
    assert cli_main(argv) == 0
    assert notes.read_text(encoding="utf-8").startswith("# ")


def test_an_earlier_export_of_the_same_format_is_replaced(review, tmp_path):
    out = tmp_path / "report.csv"
    out.write_text("old", encoding="utf-8")
    assert cli_main(["export", str(review), "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8-sig") != "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.pmreview", "report.csv"]


def test_leftovers_of_a_killed_export_go_on_the_next_one_but_a_live_one_is_left(review, tmp_path):
    from pm_desktop.store.files import lock_for_output

    dead_part = tmp_path / ".report.pdf.0badf00d.pm-part"
    dead_part.write_bytes(b"%PDF-1.4 half")
    (tmp_path / ".~pm-lock.report.pdf#").write_text("pm-desktop lock: gone\n", encoding="utf-8")
    live_part = tmp_path / ".busy.csv.1234abcd.pm-part"
    live_part.write_bytes(b"being written")
    with lock_for_output(tmp_path / "busy.csv"):  # another export, still running
        assert cli_main(["export", str(review), "-o", str(tmp_path / "report.json")]) == 0
        assert live_part.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        ".busy.csv.1234abcd.pm-part", "a.pmreview", "report.json",
    ]  # fmt: skip
