"""`pm-desktop check` on a real file: the poor fixture after import, and the example review."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
DESIGN_KEYS = {"rule", "severity", "where", "text", "message", "suggestion"}


def pm(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "pm_desktop", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=120,
    )


def test_check_json_on_an_imported_poor_review_lists_every_rule(tmp_path):
    imported = pm("import", str(FIXTURES / "poor-review.json"), "-o", "poor.pmreview", cwd=tmp_path)
    assert imported.returncode == 0, imported.stderr
    proc = pm("check", "poor.pmreview", "--json", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    findings = json.loads(proc.stdout)
    assert isinstance(findings, list) and findings
    for f in findings:
        assert DESIGN_KEYS <= set(f) <= DESIGN_KEYS | {"field", "key"}
        assert set(f["where"]) == {"kind", "id"}
        assert f["where"]["kind"] in ("review", "event", "why", "followup")
    assert {f["rule"] for f in findings} == {
        "blame",
        "counterfactual",
        "normative",
        "vague_followup",
        "followup_incomplete",
        "review_incomplete",
    }


def test_check_on_the_example_has_no_blame_and_reads_well_as_text(tmp_path):
    assert pm("demo", "demo.pmreview", cwd=tmp_path).returncode == 0
    as_json = json.loads(pm("check", "demo.pmreview", "--json", cwd=tmp_path).stdout)
    assert not [f for f in as_json if f["rule"] == "blame"]
    text = pm("check", "demo.pmreview", cwd=tmp_path)
    assert text.returncode == 0 and text.stderr == ""
    assert "[info] followup_incomplete (followup)" in text.stdout
    assert "→ Link it to the why node" in text.stdout
