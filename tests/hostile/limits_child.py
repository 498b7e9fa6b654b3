"""Run in a child process by test_hostile_limits.py: builds the named hostile files, runs the
headless commands on each with process creation refused, and prints one JSON line: per case
the exit codes, the seconds and the peak resident memory while it ran.

Usage: python limits_child.py BASE FOLDER CASE...
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import resource
import signal
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from hostile_files import CASES, make  # noqa: E402

from pm_desktop.cli import main  # noqa: E402

CASE_SECONDS = 10


def _refuse(*args, **kwargs):
    raise AssertionError("a process was started")


class _Popen:
    def __init__(self, *args, **kwargs):
        _refuse()


def _timeout(signum, frame):
    raise TimeoutError(f"a case ran longer than {CASE_SECONDS} s")


def run() -> None:
    base, folder, names = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3:]
    subprocess.Popen = _Popen  # type: ignore[misc]
    for name in ("fork", "forkpty", "posix_spawn", "posix_spawnp", "system", "execv", "execve"):
        if hasattr(os, name):
            setattr(os, name, _refuse)
    signal.signal(signal.SIGALRM, _timeout)
    results = {}
    for name in names:
        path = make(CASES[name], base, folder / "in")
        out = folder / name
        out.mkdir()
        codes = []
        _reset_peak()
        start = time.monotonic()
        signal.alarm(CASE_SECONDS)
        for command in (
            ["info", str(path)],
            ["check", str(path)],
            ["export", str(path), "-o", str(out / "x.json")],
            ["export", str(path), "-o", str(out / "x.md")],
            ["export", str(path), "-o", str(out / "x.pdf")],
        ):
            with (
                contextlib.redirect_stderr(io.StringIO()),
                contextlib.redirect_stdout(io.StringIO()),
            ):
                codes.append(main(command))
        signal.alarm(0)
        results[name] = {
            "codes": codes,
            "seconds": round(time.monotonic() - start, 2),
            "peak_mb": _peak_mb(),
        }
    print(json.dumps({"results": results}))


def _reset_peak() -> None:
    """Start a new peak for the next case (Linux: writing 5 to clear_refs resets VmHWM)."""
    with contextlib.suppress(OSError):
        Path("/proc/self/clear_refs").write_text("5")


def _peak_mb() -> float:
    """The peak resident memory since the last reset: VmHWM where Linux gives it, else the
    process's whole peak, which bounds it from above."""
    try:
        status = Path("/proc/self/status").read_text()
    except OSError:
        status = ""
    for line in status.splitlines():
        if line.startswith("VmHWM:"):
            return round(int(line.split()[1]) / 1024, 1)
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


if __name__ == "__main__":
    run()
