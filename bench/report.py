"""Results of a benchmark run: one :class:`Row` per number, the printed table and the JSON file.

Every row carries its baseline — a related quantity measured in the same run on the same machine
(a bare window, a plain SQLite commit, a single-pass PDF, a fixed CPU workload…) — so the ratio
means something on a shared, noisy machine. A target is either a limit on the value itself or on
the ratio; rows without a target are context.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import platform
import subprocess
import sys
from dataclasses import asdict, dataclass, field
from pathlib import Path

from common import REPO


@dataclass
class Row:
    id: str
    name: str
    value: float
    unit: str  # "s", "ms", "MB", "MiB", "pages", "×"
    spread: float | None = None  # (max - min) / median over repetitions
    n: int = 1
    baseline: float | None = None
    baseline_name: str = ""
    target: float | None = None
    target_on: str = "value"  # "value" or "ratio"
    enforce: bool = True
    extra: dict = field(default_factory=dict)

    @property
    def ratio(self) -> float | None:
        if self.baseline in (None, 0):
            return None
        return self.value / self.baseline

    @property
    def passed(self) -> bool | None:
        if self.target is None or not self.enforce:
            return None
        measured = self.ratio if self.target_on == "ratio" else self.value
        return None if measured is None else measured <= self.target

    def target_text(self) -> str:
        if self.target is None:
            return ""
        if self.target_on == "ratio":
            return f"≤ {self.target:g}×"
        return f"≤ {fmt(self.target, self.unit)}"

    def as_dict(self) -> dict:
        out = asdict(self)
        out["ratio"] = self.ratio
        out["target_text"] = self.target_text()
        out["pass"] = self.passed
        return out


def fmt(value: float | None, unit: str) -> str:
    if value is None:
        return ""
    if unit == "s":
        return f"{value:.3f} s" if value < 10 else f"{value:.1f} s"
    if unit == "ms":
        return f"{value:.2f} ms" if value < 10 else f"{value:.1f} ms"
    if unit in ("MB", "MiB"):
        return f"{value:.0f} {unit}"
    if unit == "pages":
        return f"{value:.0f} pages"
    return f"{value:.3g} {unit}"


def table(rows: list[Row]) -> str:
    head = ("measurement", "median", "spread", "baseline", "ratio", "target", "result")
    lines = []
    for row in rows:
        result = {True: "pass", False: "MISS", None: ""}[row.passed]
        if row.target is not None and not row.enforce:
            result = "(not enforced)"
        lines.append(
            (
                row.name,
                fmt(row.value, row.unit),
                f"{row.spread * 100:.0f}% (n={row.n})" if row.spread is not None else "",
                f"{fmt(row.baseline, row.unit)} {row.baseline_name}".strip()
                if row.baseline is not None
                else "",
                f"{row.ratio:.2f}×" if row.ratio is not None else "",
                row.target_text(),
                result,
            )
        )
    widths = [max(len(str(x)) for x in col) for col in zip(head, *lines, strict=False)]
    out = [" | ".join(h.ljust(w) for h, w in zip(head, widths, strict=True))]
    out.append("-+-".join("-" * w for w in widths))
    out += [" | ".join(c.ljust(w) for c, w in zip(line, widths, strict=True)) for line in lines]
    return "\n".join(out)


def markdown_table(rows: list[Row]) -> str:
    """The same table for docs/performance.md."""
    out = [
        "| # | Measurement | Median | Spread | Baseline | Ratio | Target | Result |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for i, row in enumerate(rows, 1):
        result = {True: "pass", False: "**miss**", None: "—"}[row.passed]
        base = f"{fmt(row.baseline, row.unit)} ({row.baseline_name})" if row.baseline else "—"
        spread = f"{row.spread * 100:.0f} % (n={row.n})" if row.spread is not None else "—"
        ratio = f"{row.ratio:.2f}×" if row.ratio is not None else "—"
        out.append(
            f"| {i} | {row.name} | {fmt(row.value, row.unit)} | {spread} | {base} | {ratio} "
            f"| {row.target_text() or '—'} | {result} |"
        )
    return "\n".join(out)


def _git(*args: str) -> str:
    try:
        return subprocess.run(
            ["git", *args], cwd=REPO, capture_output=True, text=True, check=True
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return ""


def machine() -> dict:
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        import PySide6
        from PySide6.QtCore import qVersion

        qt = f"PySide6 {PySide6.__version__} / Qt {qVersion()}"
    except ImportError:
        qt = ""
    import reportlab

    try:
        load = os.getloadavg()
    except OSError:
        load = None
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "load_average": load,
        "memory_mb": _memory_mb(),
        "platform": platform.platform(),
        "python": sys.version.split()[0],
        "qt": qt,
        "reportlab": reportlab.Version,
    }


def _memory_mb() -> int | None:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return int(line.split()[1]) // 1024
    except OSError:
        pass
    return None


def write_json(path: Path, rows: list[Row], meta: dict) -> None:
    commit = _git("rev-parse", "HEAD")
    dirty = bool(_git("status", "--porcelain", "--untracked-files=no"))
    data = {
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "commit": commit,
        "commit_dirty": dirty,
        "machine": machine(),
        **meta,
        "measurements": [row.as_dict() for row in rows],
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=2) + "\n")
