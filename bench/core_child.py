"""Child process: measurements without Qt — the edit path, the tree layout, the paste parser.

    core_child.py load FILE REPEAT   Document.open of FILE (read-only: read rows, check them)
    core_child.py apply FILE N       N edits through Document.apply on a copy of FILE
    core_child.py layout N REPEAT    tidy layout of an N-node forest, REPEAT times
    core_child.py parse LINES REPEAT parse a pasted timeline of LINES lines, REPEAT times
    core_child.py check FILE REPEAT  `pm-desktop check FILE --json` in-process, REPEAT times

Each prints its raw samples (seconds) and the baseline measured in the same process.
"""

from __future__ import annotations

import random
import sqlite3
import sys
import time
from pathlib import Path

from common import best_cpu_reference, emit
from dataset import scratch_copy


def load(file: Path, repeat: int) -> dict:
    from pm_desktop.store.document import Document

    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        doc = Document.open(file, read_only=True)
        samples.append(time.perf_counter() - started)
        doc.close()
    return {"samples": samples}


def apply_edits(file: Path, count: int) -> dict:
    from edit_mix import edits

    from pm_desktop.store.document import Document

    with scratch_copy(file) as copy:
        doc = Document.open(copy)
        samples: list[float] = []
        kinds: dict[str, list[float]] = {}
        try:
            for kind, edit in edits(doc.review, count):
                started = time.perf_counter()
                doc.apply(edit)
                took = time.perf_counter() - started
                samples.append(took)
                kinds.setdefault(kind, []).append(took)
        finally:
            doc.close()
        # Baseline: the bare SQLite cost of one committed one-row update, same file and pragmas.
        conn = sqlite3.connect(str(copy), isolation_level=None)
        conn.execute("PRAGMA journal_mode = DELETE")
        conn.execute("PRAGMA synchronous = FULL")
        ids = [row[0] for row in conn.execute("SELECT id FROM event LIMIT 500")]
        raw: list[float] = []
        for i in range(count):
            started = time.perf_counter()
            conn.execute("BEGIN IMMEDIATE")
            conn.execute("UPDATE event SET text = ? WHERE id = ?", (f"raw {i}", ids[i % len(ids)]))
            conn.execute("COMMIT")
            raw.append(time.perf_counter() - started)
        conn.close()
    return {"samples": samples, "by_kind": kinds, "baseline": raw}


def forest(n: int, seed: int = 3) -> list:
    """``n`` boxes of varied sizes in ten trees, shaped like real why trees (deep and bushy)."""
    from pm_desktop.domain.tree_layout import LayoutNode

    rng = random.Random(seed)
    nodes: list[LayoutNode] = []
    per_tree = max(1, n // 10)
    for i in range(n):
        if i % per_tree == 0:
            parent = None
        elif rng.random() < 0.7:
            parent = nodes[rng.randrange(max(i - 8, i - i % per_tree), i)].id
        else:
            parent = nodes[rng.randrange(i - i % per_tree, i)].id
        nodes.append(LayoutNode(f"n{i}", parent, rng.uniform(90, 260), rng.uniform(40, 110), i))
    return nodes


def layout(n: int, repeat: int) -> dict:
    from pm_desktop.domain.tree_layout import layout_forest

    nodes = forest(n)
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        result = layout_forest(nodes)
        samples.append(time.perf_counter() - started)
    assert len(result.boxes) == n
    return {"samples": samples, "baseline": [best_cpu_reference()]}


PASTE_SHAPES = (
    "{hh:02d}:{mm:02d} — {text}",
    "{hh:02d}:{mm:02d} UTC - {text}",
    "[{hh:02d}:{mm:02d}] {who}: {text}",
    "- **{hh:02d}:{mm:02d} UTC** - {text}",
    "| {hh:02d}:{mm:02d} | {text} |",
    "2025-03-{day:02d} {hh:02d}:{mm:02d}:{ss:02d} +01:00 {text}",
    "  continued: {text}",
)


def paste_text(lines: int, seed: int = 5) -> str:
    rng = random.Random(seed)
    out = ["Incident timeline — 10 March 2025 (all times in UTC)"]
    minute = 0
    for i in range(lines - 1):
        minute += rng.choice((0, 1, 1, 2))
        hh, mm = (minute // 60) % 24, minute % 60
        shape = PASTE_SHAPES[i % len(PASTE_SHAPES)]
        out.append(
            shape.format(
                hh=hh, mm=mm, ss=rng.randint(0, 59), day=10 + minute // 1440,
                who=rng.choice(("maria", "tom", "kenji")),
                text=f"checkout-api p95 {rng.randint(200, 4000)} ms, restarted pod {i}",
            )
        )  # fmt: skip
    return "\n".join(out)


def parse(lines: int, repeat: int) -> dict:
    import datetime as dt

    from pm_desktop.ingest.timeline_text import parse_timeline

    text = paste_text(lines)
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        result = parse_timeline(text, default_date=dt.date(2025, 3, 10), default_tz="UTC")
        samples.append(time.perf_counter() - started)
    return {
        "samples": samples,
        "baseline": [best_cpu_reference()],
        "entries": len(result.entries),
        "chars": len(text),
    }


def check(file: Path, repeat: int) -> dict:
    """The ``check`` command as the CLI runs it (open read-only, coach, JSON out), timed after
    import. The coach caches results per text, so the cache is emptied before every run: each
    sample is what a fresh ``pm-desktop check`` process spends after start-up."""
    import argparse
    import contextlib
    import io

    from pm_desktop.cli.headless import cmd_check
    from pm_desktop.domain.coach import matching

    samples: list[float] = []
    findings = 0
    for _ in range(repeat):
        matching._scan.cache_clear()
        out = io.StringIO()
        started = time.perf_counter()
        with contextlib.redirect_stdout(out):
            cmd_check(argparse.Namespace(file=str(file), json=True, profile="internal"))
        samples.append(time.perf_counter() - started)
        findings = out.getvalue().count('"rule":')
    return {"samples": samples, "findings": findings}


if __name__ == "__main__":
    mode, *args = sys.argv[1:]
    if mode == "load":
        emit(load(Path(args[0]), int(args[1])))
    elif mode == "apply":
        emit(apply_edits(Path(args[0]), int(args[1])))
    elif mode == "layout":
        emit(layout(int(args[0]), int(args[1])))
    elif mode == "parse":
        emit(parse(int(args[0]), int(args[1])))
    elif mode == "check":
        emit(check(Path(args[0]), int(args[1])))
    else:
        raise SystemExit(f"unknown mode {mode!r}")
