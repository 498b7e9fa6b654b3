"""What the first view does not need is not imported with it: the main window, its file
actions and the overview (the section on screen at start-up) leave Pillow, pendulum, the
exporters (their job and runner too), sqlite-utils, the library (its extraction and the
recurrence profile too), the intake's readers, entries, worker pool and dialogs, the redaction
engine, the presentation mode (and its agenda clock) and the coach's patterns to the moment
they are used. Checked in a fresh interpreter (``sys.modules``), also after ``--smoke --demo``
has painted the example."""

from __future__ import annotations

import json
import os
import subprocess
import sys

DEFERRED = (
    "PIL",
    "pendulum",
    "reportlab",
    "sqlite_utils",
    "click",
    "importlib.metadata",
    "multiprocessing",
    "pm_desktop.export.pdf",
    "pm_desktop.library.library",
    "pm_desktop.ui.library.window",
    "pm_desktop.domain.redaction",
    "pm_desktop.domain.coach.matching",
    "pm_desktop.ingest.intake.sources",
    "pm_desktop.ui.intake.preview",
    "pm_desktop.ui.intake.csv_mapping",
    "pm_desktop.ui.timeline",
    "pm_desktop.ui.recovery",
    "pm_desktop.ui.dialogs",
    "zoneinfo",
    "pm_desktop.ui.coach.pane",
    "pm_desktop.ui.coach.delegate",
    "pm_desktop.ui.coach.model",
    "pm_desktop.export.job",
    "pm_desktop.export.isolated",
    "pm_desktop.domain.recurrence",
    "pm_desktop.library.extract",
    "pm_desktop.ui.presentation",
    "pm_desktop.ui.meeting_kit",
    "pm_desktop.ui.agenda",
    "pm_desktop.ingest.intake.entries",
    "concurrent.futures",
)


def test_the_first_view_imports_nothing_it_does_not_show():
    code = (
        "import json, sys\n"
        "import pm_desktop.ui.main_window, pm_desktop.ui.file_actions\n"
        "import pm_desktop.ui.overview.panel\n"
        f"print(json.dumps([m for m in {list(DEFERRED)!r} if m in sys.modules]))\n"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
    ).stdout
    assert json.loads(out.strip().splitlines()[-1]) == []


def test_painting_the_example_loads_neither_pillow_nor_pendulum(tmp_path):
    code = (
        "import json, sys\n"
        "from pm_desktop.cli import main\n"
        "code = main(['--smoke', '--demo'])\n"
        "print(json.dumps([code, 'PIL' in sys.modules, 'pendulum' in sys.modules]))\n"
        f"print(json.dumps([m for m in {list(DEFERRED)!r} if m in sys.modules]))\n"
    )
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "HOME": str(tmp_path),
        "XDG_CONFIG_HOME": str(tmp_path / ".config"),
        "XDG_DATA_HOME": str(tmp_path / ".local" / "share"),
    }
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
    ).stdout
    lines = out.strip().splitlines()
    assert json.loads(lines[-2]) == [0, False, False]
    assert json.loads(lines[-1]) == []


def test_after_start_the_source_lines_are_dropped_and_what_exists_is_frozen():
    code = (
        "import gc, json, linecache\n"
        "import pm_desktop.ui.main_window\n"
        "from pm_desktop.ui.app import settle_after_start\n"
        "kept = len(linecache.cache)\n"
        "settle_after_start()\n"
        "print(json.dumps([kept > 0, len(linecache.cache), gc.get_freeze_count() > 0]))\n"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
    ).stdout
    assert json.loads(out.strip().splitlines()[-1]) == [True, 0, True]
