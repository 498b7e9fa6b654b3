"""A review survives the process being killed at any moment: every change acknowledged as saved
is in the file, the file is sound, and the next open leaves no journal, lock or part file.

The trials (tests/crash_trials.py) open files after a kill only through the app's own code path
(``Document.open`` and the command line). A plain ``sqlite3.connect`` first would roll back a
hot journal itself and hide an open path that cannot."""

from __future__ import annotations

import random

import pytest
from crash_trials import KINDS, run_trials


def plan(counts: dict[str, int], seed: int) -> list[tuple[str, int]]:
    rng = random.Random(seed)
    trials = [(kind, rng.randrange(2**31)) for kind, n in counts.items() for _ in range(n)]
    rng.shuffle(trials)  # the slow GUI trials spread over both workers
    return trials


def test_killing_the_app_mid_edit_loses_no_committed_edit(tmp_path):
    assert run_trials(plan({"edits": 5}, seed=1), tmp_path) == []


@pytest.mark.parametrize("kind", [k for k in KINDS if k not in ("edits", "gui")])
def test_killing_a_command_at_any_moment_leaves_a_sound_file_and_no_leftovers(tmp_path, kind):
    assert run_trials(plan({kind: 3}, seed=2), tmp_path) == []


# 1,000 kills in all: random edit streams through Document.apply, `timeline add`, `import`,
# `export` (JSON, CSV, Markdown, PDF), Save As, and keystrokes into the real window.
THOUSAND = {"edits": 480, "timeline": 120, "import": 120, "export": 120, "saveas": 120, "gui": 40}


@pytest.mark.slow
def test_a_thousand_random_kills_lose_nothing(tmp_path):
    assert sum(THOUSAND.values()) == 1000
    failures = run_trials(plan(THOUSAND, seed=3), tmp_path)
    assert failures == [], "\n".join(failures[:20])
