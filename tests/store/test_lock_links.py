"""Lock and output files are created without following links, and a second name for a review
(a hard link) does not get around the one-writer rule (issue #15.3, #15.7)."""

from __future__ import annotations

import os

import pytest

from pm_desktop.cli.main import main as cli_main
from pm_desktop.ingest.builtin import load_example
from pm_desktop.store.document import Document, OpenError, StoreError
from pm_desktop.store.files import clean_leftovers


@pytest.fixture
def review(tmp_path):
    ex = load_example()
    path = tmp_path / "r.pmreview"
    Document.create(path, ex.review, ex.blobs).close()
    return path


def test_a_planted_lock_link_is_refused_and_its_target_untouched(review, tmp_path, capsys):
    victim = tmp_path / "victim.txt"
    victim.write_text("precious", encoding="utf-8")
    link = tmp_path / ".~lock.r.pmreview#"
    link.symlink_to(victim)
    text = tmp_path / "t.txt"
    text.write_text("10:00 a line\n", encoding="utf-8")
    assert cli_main(["timeline", "add", str(review), str(text)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and str(review) in err and "link" in err
    assert victim.read_text(encoding="utf-8") == "precious"
    assert link.is_symlink()
    with pytest.raises(OpenError):
        Document.open(review)


@pytest.mark.parametrize("how", ["create", "save_as"])
def test_new_reviews_are_never_written_through_a_planted_link(review, tmp_path, how):
    victim = tmp_path / "victim.txt"
    victim.write_text("precious", encoding="utf-8")
    target = tmp_path / "new.pmreview"
    (tmp_path / ".~lock.new.pmreview#").symlink_to(victim)
    with pytest.raises(StoreError, match="link"):
        if how == "create":
            Document.create(target)
        else:
            with Document.open(review) as doc:
                doc.save_as(target)
    assert victim.read_text(encoding="utf-8") == "precious"
    assert not target.exists()


def test_a_link_where_the_output_goes_is_replaced_not_followed(review, tmp_path):
    victim = tmp_path / "victim.txt"
    victim.write_text("precious", encoding="utf-8")
    out = tmp_path / "demo.pmreview"
    out.symlink_to(victim)
    assert cli_main(["demo", str(out), "--force"]) == 0
    assert victim.read_text(encoding="utf-8") == "precious"
    assert not out.is_symlink()
    with Document.open(out) as doc:
        assert doc.review == load_example().review


def test_a_second_name_for_an_open_review_opens_read_only(review, tmp_path):
    other = tmp_path / "other-name.pmreview"
    os.link(review, other)
    with Document.open(review) as first:
        assert first.read_only, "with two names, no name may promise a single writer"
        with Document.open(other) as second:
            assert second.read_only and "hard links" in second.read_only_reason
    with pytest.raises(OpenError, match="hard links"):
        Document.open(other, read_only=False)
    other.unlink()
    with Document.open(review) as doc:
        assert not doc.read_only


def test_stale_locks_of_office_suites_are_left_alone(tmp_path):
    theirs = tmp_path / ".~lock.report.odt#"
    theirs.write_text("1,someone,host,03.12.2026 10:00,file:///home/someone;", encoding="utf-8")
    ours = tmp_path / ".~lock.gone.pmreview#"
    ours.write_text("pm-desktop lock: host, pid 1, since then\n", encoding="utf-8")
    assert clean_leftovers(tmp_path) == [ours]
    assert theirs.exists()


def test_a_lock_file_hard_linked_to_another_file_is_never_written(review, tmp_path):
    victim = tmp_path / "victim.txt"
    victim.write_text("precious", encoding="utf-8")
    os.link(victim, tmp_path / ".~lock.r.pmreview#")
    with pytest.raises(OpenError, match="not one pm-desktop made"):
        Document.open(review)
    assert victim.read_text(encoding="utf-8") == "precious"


def test_a_lock_file_someone_else_wrote_is_never_overwritten(review, tmp_path):
    planted = tmp_path / ".~lock.r.pmreview#"
    planted.write_text("somebody's notes\nmore notes\n", encoding="utf-8")
    with pytest.raises(OpenError, match="not one pm-desktop made"):
        Document.open(review)
    assert planted.read_text(encoding="utf-8") == "somebody's notes\nmore notes\n"


def test_a_stale_lock_of_an_older_version_is_taken_over(review, tmp_path):
    (tmp_path / ".~lock.r.pmreview#").write_text("host, pid 99999, since 2026-12-01 10:00 UTC\n")
    with Document.open(review) as doc:
        assert not doc.read_only
    assert not (tmp_path / ".~lock.r.pmreview#").exists()
