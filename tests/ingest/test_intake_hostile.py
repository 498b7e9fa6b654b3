"""Files from elsewhere: every way an archive or JSON file can be wrong or hostile is one clear
sentence, nothing is inflated past the limits, and the review is left as it was."""

from __future__ import annotations

import hashlib
import zipfile
from pathlib import Path

import pytest
from intake_fixture_files import SLACK_DIR, slack_zip

from pm_desktop.cli import main
from pm_desktop.ingest.intake import safe_files
from pm_desktop.ingest.intake.entries import IntakeError
from pm_desktop.ingest.intake.slack import read_slack_export
from pm_desktop.ingest.intake.sources import IntakeOptions, read_source


def _zip_with(tmp_path: Path, extra: dict[str, bytes], *, link: str = "") -> Path:
    out = tmp_path / "hostile.zip"
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for path in sorted(SLACK_DIR.rglob("*.json")):
            zf.write(path, path.relative_to(SLACK_DIR).as_posix())
        for name, data in extra.items():
            zf.writestr(name, data)
        if link:
            info = zipfile.ZipInfo(link)
            info.create_system = 3
            info.external_attr = 0o120777 << 16
            zf.writestr(info, "/etc/passwd")
    return out


CASES = {
    "zip bomb": ({"inc-checkout/2026-12-02.json": b"[" + b" " * 3_000_000 + b"]"}, "", "zip bomb"),
    "path traversal": ({"../../outside.json": b"[]"}, "", "points outside it"),
    "absolute path": ({"/etc/cron.d/x.json": b"[]"}, "", "points outside it"),
    "windows path": ({"inc-checkout\\..\\..\\x.json": b"[]"}, "", "points outside it"),
    "symbolic link": ({}, "inc-checkout/2026-12-03.json", "symbolic link"),
    "wrong json": ({"eng-db/2026-12-02.json": b"{not json"}, "", "is not valid JSON"),
    "not a list": ({"eng-db/2026-12-02.json": b'{"a": 1}'}, "", "is not a list of messages"),
    "deep json": ({"eng-db/2026-12-02.json": b"[" * 200_000 + b"]" * 200_000}, "", "nests too deeply"),
    "not utf8": ({"eng-db/2026-12-02.json": b"\xff\xfe\x00["}, "", "not JSON text"),
}  # fmt: skip


@pytest.mark.parametrize("case", sorted(CASES))
def test_hostile_slack_archive_is_one_sentence(tmp_path, case):
    extra, link, message = CASES[case]
    with pytest.raises(IntakeError, match=message) as caught:
        read_slack_export(_zip_with(tmp_path, extra, link=link))
    assert "\n" not in str(caught.value)
    assert str(caught.value).startswith(str(tmp_path))


def test_users_json_that_is_not_a_list(tmp_path):
    out = tmp_path / "x.zip"
    with zipfile.ZipFile(out, "w") as zf:
        zf.writestr("users.json", '{"members": []}')
        zf.writestr("general/2026-01-01.json", "[]")
    with pytest.raises(IntakeError, match="users.json is not a list of users"):
        read_slack_export(out)


def test_not_a_zip_at_all(tmp_path):
    fake = tmp_path / "export.zip"
    fake.write_bytes(b"PK\x03\x04 truncated")
    with pytest.raises(IntakeError, match="is not a ZIP archive"):
        read_slack_export(fake)


def test_sizes_are_checked_before_inflating(tmp_path, monkeypatch):
    monkeypatch.setattr(safe_files, "MAX_TOTAL_BYTES", 2_000)
    with pytest.raises(IntakeError, match="would inflate to"):
        read_slack_export(slack_zip(tmp_path))


def test_a_member_bigger_than_its_directory_says_is_stopped_while_inflating(tmp_path):
    archive = slack_zip(tmp_path)
    with safe_files.open_archive(archive) as opened:
        info = opened.members["users.json"]
        info.file_size = 10  # the directory lies
        # zipfile stops at the stated size and then finds the checksum wrong; ours would stop
        # it too: either way one sentence and no more than the stated bytes
        with pytest.raises(IntakeError, match="users.json (inflates to more|cannot be read)"):
            opened.read("users.json")


def test_huge_json_file_is_refused_without_reading_it(tmp_path, monkeypatch):
    monkeypatch.setattr(safe_files, "MAX_FILE_BYTES", 1_000)
    big = tmp_path / "pd.json"
    big.write_text('{"log_entries": [' + ",".join(["{}"] * 1000) + "]}")
    with pytest.raises(IntakeError, match="files over 0 MB are not read"):
        read_source(big, IntakeOptions(kind="pagerduty"))


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("case", ["path traversal", "wrong json", "zip bomb"])
def test_cli_leaves_the_review_byte_for_byte_unchanged(tmp_path, capsys, case):
    review = tmp_path / "r.pmreview"
    assert main(["demo", str(review)]) == 0
    capsys.readouterr()
    before = _digest(review)
    extra, link, message = CASES[case]
    bad = _zip_with(tmp_path, extra, link=link)
    assert main(["intake", str(bad), "--into", str(review)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and message in err and "nothing was changed" in err
    assert _digest(review) == before


def test_cli_does_not_create_the_review_when_the_source_is_bad(tmp_path, capsys):
    review = tmp_path / "new.pmreview"
    bad = _zip_with(tmp_path, {"../x.json": b"[]"})
    assert main(["intake", str(bad), "--into", str(review)]) == 1
    assert not review.exists()
