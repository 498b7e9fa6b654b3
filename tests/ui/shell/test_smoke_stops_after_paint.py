"""``--smoke`` reports once the first paint is done and leaves: it builds neither the hidden
sections nor the coach's pane and runs no coach check. A user who stays gets all of them right
after the first paint, and the pane built then lists what the coach found."""

from __future__ import annotations

import json
import os
import subprocess
import sys

SMOKE_PROBE = """
import json, sys
import pm_desktop.ui.main_window as mw
from pm_desktop.ui.coach import index as coach_index_module

built, runs, windows = [], [], []
original_built = mw.MainWindow._built
original_init = mw.MainWindow.__init__
original_run = coach_index_module.CoachIndex._run

def _built(self, row):
    if self._slots[row].panel is None:
        built.append(self._slots[row].key)
    return original_built(self, row)

def _init(self, *args, **kwargs):
    original_init(self, *args, **kwargs)
    windows.append(self)

def _run(self, *args, **kwargs):
    runs.append(1)
    return original_run(self, *args, **kwargs)

mw.MainWindow._built = _built
mw.MainWindow.__init__ = _init
coach_index_module.CoachIndex._run = _run
from pm_desktop.cli import main
code = main(["--smoke", "--demo"])
print(json.dumps({
    "code": code,
    "built": built,
    "coach_runs": len(runs),
    "pane_built": windows[0].coach._pane is not None,
    "pane_module": "pm_desktop.ui.coach.pane" in sys.modules,
    "welcome_built": windows[0]._welcome is not None,
}))
"""


def test_smoke_reports_after_the_first_paint_without_the_work_for_a_user_who_stays(tmp_path):
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "HOME": str(tmp_path),
        "XDG_CONFIG_HOME": str(tmp_path / ".config"),
        "XDG_DATA_HOME": str(tmp_path / ".local" / "share"),
    }
    out = subprocess.run(
        [sys.executable, "-c", SMOKE_PROBE], capture_output=True, text=True, check=True, env=env
    ).stdout
    lines = out.strip().splitlines()
    report, probe = json.loads(lines[-2]), json.loads(lines[-1])
    assert report["painted"] is True and report["view"] == "review"
    assert report["paint_done_s"] >= report["first_paint_s"] >= report["startup_s"]
    assert probe == {
        "code": 0,
        "built": ["overview"],  # the section on screen, nothing hidden
        "coach_runs": 0,
        "pane_built": False,
        "pane_module": False,
        "welcome_built": False,  # --demo opens before the window shows: no welcome screen
    }


def test_a_user_who_stays_gets_every_section_and_the_coach_right_after_the_first_paint(
    prompts, qtbot
):
    from pm_desktop.ui.coach import coach_index
    from pm_desktop.ui.main_window import MainWindow
    from pm_desktop.ui.settings import Settings

    window = MainWindow(Settings(), prompts=prompts)
    prompts.parent = window
    qtbot.addWidget(window)
    window.files.open_example()
    index = coach_index(window.controller)
    assert window.coach._pane is None and index.held  # nothing of it before the paint
    window.show()
    qtbot.waitUntil(
        lambda: (
            all(slot.panel is not None for slot in window._slots)
            and window.coach._pane is not None
            and not index.held
            and not index.busy
        )
    )
    window.coach.set_open(True)
    pane = window.coach.pane
    assert pane.parent() is window.coach and window.coach.widget() is pane
    qtbot.waitUntil(pane.isVisible)
    listed = [
        entry.finding
        for group in ("review", "event", "why", "followup")
        for entry in pane.model.entries(group)
    ]
    found = index.findings()
    assert found  # the example has notes
    assert sorted(f.key for f in listed) == sorted(f.key for f in found)
    window.files.close_review()


def test_the_coach_pane_is_built_when_opened_even_before_the_first_paint(prompts, qtbot):
    """A pane remembered open (or opened at once) is built before it shows, never empty."""
    from pm_desktop.ui.main_window import MainWindow
    from pm_desktop.ui.settings import Settings

    window = MainWindow(Settings(), prompts=prompts)
    prompts.parent = window
    qtbot.addWidget(window)
    window.files.open_example()
    window.coach.action.trigger()  # View ▸ Review Coach
    assert window.coach._pane is not None and window.coach.widget() is window.coach._pane
    window.show()
    qtbot.waitUntil(window.coach.pane.isVisible)
    window.files.close_review()
