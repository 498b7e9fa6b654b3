"""Child process: the batch paths at scale, each in a fresh process.

    scale_child.py add N DIR         `pm-desktop timeline add` of an N-line paste to the example
    scale_child.py spaces K          parse one pasted line with K spaces between two words
    scale_child.py export FILE OUT   write FILE's internal JSON export to OUT (setup, not timed)
    scale_child.py import JSON DIR   `pm-desktop import JSON`: seconds and this process's peak RSS

Each prints one JSON line. Runs the CLI in-process (after import), as a user's command would
spend its time after start-up.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import resource
import sys
import time
from pathlib import Path

from common import emit
from core_child import paste_text


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _quiet_main(argv: list[str]) -> int:
    from pm_desktop.cli import main

    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        return main(argv)


def add(lines: int, folder: Path) -> dict:
    folder.mkdir(parents=True, exist_ok=True)
    review = folder / f"add-{lines}.pmreview"
    pasted = folder / f"add-{lines}.txt"
    review.unlink(missing_ok=True)
    pasted.write_text(paste_text(lines), encoding="utf-8")
    if _quiet_main(["demo", str(review)]) != 0:
        raise SystemExit("demo failed")
    started = time.perf_counter()
    code = _quiet_main(["timeline", "add", str(review), str(pasted), "--date", "2025-03-10"])
    seconds = time.perf_counter() - started
    if code != 0:
        raise SystemExit(f"timeline add exited {code}")
    review.unlink()
    return {"seconds": seconds, "lines": lines}


def spaces(count: int) -> dict:
    from pm_desktop.ingest.timeline_text import parse_timeline

    text = "09:15 checkout" + " " * count + "errors\n09:16 recovered"
    started = time.perf_counter()
    result = parse_timeline(text, default_date=dt.date(2025, 3, 10), default_tz="UTC")
    return {"seconds": time.perf_counter() - started, "entries": len(result.entries)}


def export(file: Path, out: Path) -> dict:
    if _quiet_main(["export", str(file), "-o", str(out), "--force"]) != 0:
        raise SystemExit("export failed")
    return {"bytes": out.stat().st_size}


def import_(json_file: Path, folder: Path) -> dict:
    import pm_desktop.cli.headless  # noqa: F401 - the modules a user's command loads first

    folder.mkdir(parents=True, exist_ok=True)
    out = folder / "imported.pmreview"
    out.unlink(missing_ok=True)
    before = _peak_mb()
    started = time.perf_counter()
    code = _quiet_main(["import", str(json_file), "-o", str(out)])
    seconds = time.perf_counter() - started
    if code != 0:
        raise SystemExit(f"import exited {code}")
    out.unlink()
    return {
        "seconds": seconds,
        "peak_mb": _peak_mb(),
        "before_mb": before,
        "file_mb": json_file.stat().st_size / 2**20,
    }


if __name__ == "__main__":
    mode, *args = sys.argv[1:]
    if mode == "add":
        emit(add(int(args[0]), Path(args[1])))
    elif mode == "spaces":
        emit(spaces(int(args[0])))
    elif mode == "export":
        emit(export(Path(args[0]), Path(args[1])))
    elif mode == "import":
        emit(import_(Path(args[0]), Path(args[1])))
    else:
        raise SystemExit(f"unknown mode {mode!r}")
