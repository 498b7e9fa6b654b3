"""pm-desktop benchmark: what `make bench` runs.

    python bench/run.py                 the full run (about 8 minutes on 2 shared cores)
    python bench/run.py --quick         tiny sizes, one repetition, targets not enforced
    python bench/run.py --only pdf,gap  some measurements only (see --help for the names)

Generates the large reference review once (cached in bench/.cache, keyed by the generator's
source), runs every measurement in child processes, prints a table and writes
bench/results/latest.json. Numbers are compared with baselines measured in the same run; see
docs/performance.md for what each one means.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import measure  # noqa: E402 - needs the path above
from common import RESULTS, best_cpu_reference  # noqa: E402
from dataset import Sizes, example_review, large_review  # noqa: E402
from report import Row, markdown_table, table, write_json  # noqa: E402

NAMES = (
    "startup", "open", "edits", "layout", "parse", "check", "pdf", "gap", "scale", "library",
)  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="pm-desktop benchmark")
    parser.add_argument("--quick", action="store_true", help="tiny sizes, one repetition")
    parser.add_argument("--only", default="", help=f"comma-separated subset of {','.join(NAMES)}")
    parser.add_argument("--out", type=Path, default=None, help="JSON file to write")
    parser.add_argument("--markdown", action="store_true", help="also print a Markdown table")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a target is missed")
    args = parser.parse_args(argv)
    chosen = [n.strip() for n in args.only.split(",") if n.strip()] or list(NAMES)
    unknown = sorted(set(chosen) - set(NAMES))
    if unknown:
        parser.error(f"unknown measurement(s) {', '.join(unknown)}; choose from {', '.join(NAMES)}")

    started = time.perf_counter()
    sizes = Sizes.quick() if args.quick else Sizes()
    if set(chosen) <= {"library"}:  # the library makes its own reviews: no large one needed
        large, generated_s = example_review(), 0.0
    else:
        large, generated_s, generated = large_review(sizes)
        note = f"generated in {generated_s:.0f} s" if generated else "cached"
        print(f"large review: {large.name} ({large.stat().st_size / 1e6:.0f} MB, {note})", flush=True)
    plan = measure.Plan(sizes, large, example_review(), args.quick)
    cpu_before = best_cpu_reference()

    rows: list[Row] = []
    steps = {
        "startup": measure.startup,
        "open": measure.opening,
        "edits": lambda p: _edits(p),
        "layout": measure.layout,
        "parse": measure.parse,
        "check": measure.check,
        "pdf": measure.pdf,
        "gap": measure.export_gap,
        "scale": measure.scale,
        "library": measure.library,
    }
    for name in NAMES:
        if name not in chosen:
            continue
        t0 = time.perf_counter()
        print(f"… {name}", end="", flush=True)
        new = steps[name](plan)
        print(f" ({time.perf_counter() - t0:.0f} s)", flush=True)
        if args.quick:
            for row in new:
                row.enforce = False
        rows += new
    cpu_after = best_cpu_reference()
    total = time.perf_counter() - started

    print()
    print(table(rows))
    if args.markdown:
        print()
        print(markdown_table(rows))
    missed = [r for r in rows if r.passed is False]
    print(f"\n{len(missed)} target(s) missed · total {total:.0f} s")
    out = args.out or RESULTS / ("quick.json" if args.quick else "latest.json")
    write_json(
        out,
        rows,
        {
            "quick": args.quick,
            "total_s": total,
            "generation_s": generated_s,
            "large_review": {"file": large.name, "bytes": large.stat().st_size,
                             "events": sizes.events, "screenshots": sizes.screenshots},
            "cpu_reference_s": {"before": cpu_before, "after": cpu_after},
        },
    )  # fmt: skip
    print(f"wrote {out}")
    return 1 if args.strict and missed else 0


def _edits(plan: measure.Plan) -> list[Row]:
    rows, _runs = measure.edits(plan)
    p50, p95 = rows[0].value, rows[1].value
    return rows + measure.ui(plan, p50, p95)


if __name__ == "__main__":
    sys.exit(main())
