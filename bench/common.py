"""What the benchmark's parent and its child processes share: paths, child start-up, statistics.

Every measurement that starts Qt or builds a PDF runs in a child process (``run_child``), so
start-up, imports and memory are real and one measurement cannot warm the next. Children print
one JSON object as their last line of standard output; the parent turns their raw samples into
medians and spreads.

Children run with compiled bytecode cached under ``bench/.cache/pyc`` (an installed app has its
``.pyc`` files; a source checkout with ``PYTHONDONTWRITEBYTECODE`` set would otherwise recompile
every module at every start and the start-up numbers would measure the compiler).
"""

from __future__ import annotations

import json
import math
import os
import random
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BENCH = REPO / "bench"
CACHE = BENCH / ".cache"
RESULTS = BENCH / "results"
SPAWN_ENV = "PM_BENCH_SPAWN"  # wall-clock time at which the parent started the child


class ChildError(RuntimeError):
    """A child process failed; the message ends with the tail of its error output."""


def child_env() -> dict[str, str]:
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(CACHE / "pyc")
    env["QT_QPA_PLATFORM"] = "offscreen"
    env["QT_SCALE_FACTOR"] = "1"
    env["PYTHONPATH"] = os.pathsep.join(
        p for p in (str(REPO), str(BENCH), env.get("PYTHONPATH", "")) if p
    )
    return env


def run_child(script: str, *args: str, timeout: float = 600) -> dict:
    """Run ``bench/<script>`` with ``args``; return the JSON object it printed last."""
    env = child_env()
    env[SPAWN_ENV] = repr(time.time())
    started = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, str(BENCH / script), *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    lines = [line for line in proc.stdout.splitlines() if line.startswith("{")]
    if proc.returncode != 0 or not lines:
        tail = "\n".join(proc.stderr.strip().splitlines()[-15:])
        raise ChildError(f"{script} {' '.join(args)} exited with {proc.returncode}\n{tail}")
    result = json.loads(lines[-1])
    result.setdefault("process_wall_s", time.perf_counter() - started)  # start to exit
    return result


def emit(result: dict) -> None:
    """A child's answer: one JSON line on standard output (with the process's peak RSS)."""
    import resource

    result.setdefault("peak_rss_mib", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    print(json.dumps(result), flush=True)


def seconds_since_spawn() -> float:
    """In a child: wall time since the parent started it (0 when run by hand)."""
    spawn = os.environ.get(SPAWN_ENV)
    return max(0.0, time.time() - float(spawn)) if spawn else 0.0


# --------------------------------------------------------------------------- statistics


def percentile(values: Sequence[float], q: float) -> float:
    """The ``q``-th percentile (0–100), linear between the closest ranks."""
    data = sorted(values)
    if not data:
        return math.nan
    pos = (len(data) - 1) * q / 100
    low, high = math.floor(pos), math.ceil(pos)
    return data[low] + (data[high] - data[low]) * (pos - low)


def summary(values: Sequence[float]) -> dict[str, float]:
    """Median, extremes and the relative spread ((max - min) / median) of repeated runs."""
    data = [float(v) for v in values]
    med = statistics.median(data)
    return {
        "median": med,
        "min": min(data),
        "max": max(data),
        "spread": (max(data) - min(data)) / med if med else 0.0,
        "n": len(data),
    }


def cpu_reference() -> float:
    """Seconds for a fixed pure-Python workload (sorting, hashing, string building).

    Measured next to the things it normalises, it tells how fast this shared machine is right
    now; results quote it so two runs can be compared."""
    rng = random.Random(7)
    started = time.perf_counter()
    items = [(rng.random(), str(i)) for i in range(20_000)]
    items.sort()
    table = {name: value for value, name in items}
    text = "".join(name for name in table if name.endswith("7"))
    _ = hash(text)
    return time.perf_counter() - started


def best_cpu_reference(repeat: int = 5) -> float:
    return min(cpu_reference() for _ in range(repeat))
