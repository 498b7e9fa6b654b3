"""A review survives the process being killed at any moment: every edit reported as committed
is in the file, and the file is sound."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from crash_child import digest

from pm_desktop.ingest.builtin import load_example
from pm_desktop.store.document import Document

TESTS = Path(__file__).resolve().parents[1]


def kill_mid_edit(path: Path, seed: int, delay: float) -> tuple[str, str | None]:
    """Start the child, kill -9 it after ``delay`` s; return (last committed, pending after it)."""
    env = dict(os.environ, PYTHONPATH=str(TESTS) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    proc = subprocess.Popen(
        [sys.executable, str(TESTS / "crash_child.py"), str(path), str(seed)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, text=True,
    )  # fmt: skip
    # Wait until the child is editing, then let it run a random while.
    first = proc.stdout.readline()
    assert first.startswith("committed"), proc.stderr.read()
    time.sleep(delay)
    proc.send_signal(signal.SIGKILL)
    out, _ = proc.communicate(timeout=30)
    committed, pending = first.split()[1], None
    for line in out.splitlines():
        word, _, value = line.partition(" ")
        if word == "committed" and len(value) == 64:
            committed, pending = value, None
        elif word == "pending" and len(value) == 64:
            pending = value
    return committed, pending


def check_after_kill(path: Path, committed: str, pending: str | None) -> None:
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    with Document.open(path) as doc:
        got = digest(doc.review)
    assert got in {committed, pending}, "an edit reported as committed was lost"


def _run_trials(tmp_path: Path, trials: int, seed: int) -> None:
    rng = random.Random(seed)
    ex = load_example()
    for trial in range(trials):
        path = tmp_path / f"crash-{trial}.pmreview"
        Document.create(path, ex.review, ex.blobs).close()
        committed, pending = kill_mid_edit(path, rng.randrange(2**32), rng.uniform(0.0, 0.4))
        check_after_kill(path, committed, pending)


def test_killing_the_app_mid_edit_loses_no_committed_edit(tmp_path):
    _run_trials(tmp_path, trials=5, seed=1)


@pytest.mark.slow
def test_two_hundred_random_kills_lose_nothing(tmp_path):
    _run_trials(tmp_path, trials=200, seed=2)
