"""The benchmark harness works end to end (tiny sizes, one repetition, no targets enforced).

Timings are not asserted here — only that every measurement ran and was recorded."""

from __future__ import annotations

import json
import math
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
EXPECTED = {
    "startup_bare", "startup_smoke", "open_load", "open_large", "open_large_cold",
    "edit_p50", "edit_p95", "controller_p50", "controller_p95", "zone_switch", "whys_scene",
    "first_show_timeline", "first_show_whys", "first_show_board", "layout_small",
    "layout_large", "paste_parse", "pdf_example", "pdf_large", "pdf_large_rss", "export_gap",
    "check_example", "check_large", "timeline_add_large", "paste_spaces", "json_import_memory",
    "library_index_cold", "library_rescan", "library_search_p95", "library_rss",
}  # fmt: skip


@pytest.mark.slow
def test_quick_benchmark_runs_every_measurement_and_writes_its_results(tmp_path):
    out = tmp_path / "quick.json"
    proc = subprocess.run(
        [sys.executable, str(REPO / "bench" / "run.py"), "--quick", "--out", str(out)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "target(s) missed" in proc.stdout
    data = json.loads(out.read_text())
    assert data["quick"] is True and data["commit"] is not None
    assert {"cpu", "cores", "python", "qt"} <= set(data["machine"])
    rows = {row["id"]: row for row in data["measurements"]}
    assert EXPECTED <= set(rows)
    for row in rows.values():
        assert math.isfinite(row["value"]) and row["value"] >= 0, row
        assert row["pass"] is None  # --quick never enforces a target
    targeted = {r for r, row in rows.items() if row["target"] is not None}
    assert {"startup_smoke", "open_large", "edit_p50", "zone_switch", "layout_small",
            "pdf_large", "pdf_large_rss", "export_gap", "timeline_add_large", "paste_spaces",
            "json_import_memory"} <= targeted  # fmt: skip


def test_bench_rejects_an_unknown_measurement_name():
    proc = subprocess.run(
        [sys.executable, str(REPO / "bench" / "run.py"), "--only", "warp-drive"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 2
    assert "warp-drive" in proc.stderr
