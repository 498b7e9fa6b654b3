"""The command line contract of DESIGN.md: stable output, one-line errors, exit codes 0/1/2."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest


def pm(*args: str, cwd=None, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "pm_desktop", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        input=stdin,
        timeout=120,
    )


def test_demo_export_import_export_gives_identical_json(tmp_path):
    for args in (
        ("demo", "a.pmreview"),
        ("export", "a.pmreview", "-o", "a.json"),
        ("import", "a.json", "-o", "b.pmreview"),
        ("export", "b.pmreview", "-o", "b.json"),
    ):
        proc = pm(*args, cwd=tmp_path)
        assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "a.json").read_bytes() == (tmp_path / "b.json").read_bytes()
    data = json.loads((tmp_path / "a.json").read_text())
    assert data["format"] == "pm-desktop-review" and len(data["events"]) >= 12


def test_info_json_has_counts_and_metrics(tmp_path):
    assert pm("demo", "a.pmreview", cwd=tmp_path).returncode == 0
    proc = pm("info", "a.pmreview", "--json", cwd=tmp_path)
    info = json.loads(proc.stdout)
    assert info["counts"]["events"] == 14 and info["counts"]["root_causes"] == 3
    assert info["metrics"]["TTD"]["seconds"] == 13 * 60


def test_demo_will_not_overwrite_without_force(tmp_path):
    assert pm("demo", "a.pmreview", cwd=tmp_path).returncode == 0
    before = (tmp_path / "a.pmreview").read_bytes()
    proc = pm("demo", "a.pmreview", cwd=tmp_path)
    assert proc.returncode == 1 and "already exists" in proc.stderr
    assert (tmp_path / "a.pmreview").read_bytes() == before


@pytest.mark.parametrize(
    "content",
    [
        "",
        "{not json",
        '{"format": "pm-desktop-review", "version": 1, "events": [{"id": "x", "time": "yesterday"}]}',
        "\x00\x01binary",
    ],
)
def test_importing_bad_json_writes_nothing(tmp_path, content):
    (tmp_path / "in.json").write_text(content)
    proc = pm("import", "in.json", "-o", "out.pmreview", cwd=tmp_path)
    assert proc.returncode == 1
    assert len(proc.stderr.strip().splitlines()) == 1 and "in.json" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert not (tmp_path / "out.pmreview").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.json"]


def test_usage_errors_exit_2(tmp_path):
    assert pm("export", cwd=tmp_path).returncode == 2  # missing FILE (-o has a default)
    assert pm("--nonsense", cwd=tmp_path).returncode == 2


def test_export_to_unknown_extension_is_a_clear_error(tmp_path):
    assert pm("demo", "a.pmreview", cwd=tmp_path).returncode == 0
    proc = pm("export", "a.pmreview", "-o", "a.odt", cwd=tmp_path)
    assert proc.returncode == 1 and "--format" in proc.stderr


def test_export_refuses_to_overwrite_the_review_itself(tmp_path):
    assert pm("demo", "a.json.pmreview", cwd=tmp_path).returncode == 0
    proc = pm(
        "export", "a.json.pmreview", "-o", "a.json.pmreview", "--format", "json", cwd=tmp_path
    )
    assert proc.returncode == 1 and "review itself" in proc.stderr


def test_python_dash_m_works():
    proc = pm("--version")
    assert proc.returncode == 0 and "pm-desktop" in proc.stdout
