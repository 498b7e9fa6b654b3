"""Peak memory and time per hostile file, measured where they can be: in child processes.

Every generated case runs in one of two children (the machine has two cores), each child runs
its cases one after another with a 10 s alarm per case and reports, per case, the peak resident
memory while that case ran (the peak is reset before each case, so what one case allocated and
Python's allocator kept is not charged to the next). The heaviest files (bombs, views that
would allocate gigabytes or never end, Ghostscript bait) are part of every run.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from hostile_files import CASES

CHILD = Path(__file__).with_name("limits_child.py")
PEAK_MB = 400
BATCH_SECONDS = 300


def _run(base: Path, folder: Path, names: list[str]) -> dict:
    folder.mkdir()
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run(
        [sys.executable, str(CHILD), str(base), str(folder), *names],
        capture_output=True,
        text=True,
        timeout=BATCH_SECONDS,
        env=env,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.mark.slow
def test_every_hostile_file_stays_under_400_mb_and_10_s(hostile_base, tmp_path):
    names = sorted(CASES)
    halves = [names[0::2], names[1::2]]
    with ThreadPoolExecutor(2) as pool:
        reports = list(
            pool.map(lambda i: _run(hostile_base, tmp_path / f"batch{i}", halves[i]), (0, 1))
        )
    ran = {}
    for report in reports:
        ran.update(report["results"])
    peaks = {name: result["peak_mb"] for name, result in ran.items()}
    assert all(peak < PEAK_MB for peak in peaks.values()), peaks
    assert sorted(ran) == names
    for name, result in ran.items():
        expect = CASES[name].expect
        assert all(code in (0, 1) for code in result["codes"]), (name, result)
        if expect == "refused":
            assert set(result["codes"]) == {1}, (name, result)
        elif expect == "safe":
            assert set(result["codes"]) == {0}, (name, result)
