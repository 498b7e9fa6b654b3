"""The measurements: each runs its child processes and returns table rows.

Repetitions come from :class:`Plan` (several in a full run, one in ``--quick``). Where a number
is compared with a baseline, both are taken in the same run and, for start-up, interleaved, so a
burst of load from another process on this shared machine hits both.
"""

from __future__ import annotations

import statistics
import tempfile
from dataclasses import dataclass
from pathlib import Path

from common import percentile, run_child, summary
from dataset import Sizes
from report import Row


@dataclass(frozen=True)
class Plan:
    sizes: Sizes
    large: Path
    example: Path
    quick: bool

    def reps(self, full: int) -> int:
        return 1 if self.quick else full


def _row(id_: str, name: str, samples: list[float], unit: str, scale: float = 1.0, **kw) -> Row:
    s = summary([v * scale for v in samples])
    return Row(id_, name, s["median"], unit, spread=s["spread"], n=s["n"], **kw)


def startup(plan: Plan) -> list[Row]:
    """1–2: a bare QMainWindow and ``--smoke --demo``, interleaved, until first paint."""
    if not plan.quick:  # the first start compiles and caches bytecode: not counted
        run_child("startup_child.py", "bare")
        run_child("startup_child.py", "smoke")
    bare, smoke, parts, bare_wall, smoke_wall, bare_rss, smoke_rss = ([] for _ in range(7))
    for _ in range(plan.reps(7)):
        result = run_child("startup_child.py", "bare")
        bare.append(result["first_paint_s"])
        bare_wall.append(result["process_wall_s"])
        bare_rss.append(result["peak_rss_mib"])
        result = run_child("startup_child.py", "smoke")
        smoke.append(result["first_paint_s"])
        smoke_wall.append(result["process_wall_s"])
        smoke_rss.append(result["peak_rss_mib"])
        parts.append(result["smoke"])
    bare_row = _row("startup_bare", "Bare QMainWindow shown and painted", bare, "s")
    keys = ("window_s", "open_s", "paint_s")
    smoke_row = _row(
        "startup_smoke", "`--smoke --demo` until first paint", smoke, "s",
        baseline=bare_row.value, baseline_name="bare window", target=2.5, target_on="ratio",
        extra={k: statistics.median(p[k] for p in parts) for k in keys},
    )  # fmt: skip
    bare_wall_row = _row("startup_bare_process", "Bare window: whole process", bare_wall, "s")
    return [
        bare_row,
        smoke_row,
        bare_wall_row,
        _row(
            "startup_smoke_process", "`--smoke --demo`: whole process (start → exit)",
            smoke_wall, "s", baseline=bare_wall_row.value, baseline_name="bare window process",
            target=4.0, target_on="ratio",
        ),
        _row(
            "startup_smoke_rss", "`--smoke --demo`: peak memory (RSS)", smoke_rss, "MiB",
            baseline=statistics.median(bare_rss), baseline_name="bare window", target=100.0,
        ),
    ]  # fmt: skip


def opening(plan: Plan) -> list[Row]:
    """3: open the large review in a running app, until the main window has painted it."""
    ui, calls = [], []
    for _ in range(plan.reps(5)):
        result = run_child("startup_child.py", "open", str(plan.large))
        if not result["opened"]:
            raise RuntimeError(f"the large review did not open: {result['errors']}")
        ui.append(result["open_to_paint_s"])
        calls.append(result["open_call_s"])
    load = run_child("core_child.py", "load", str(plan.large), str(plan.reps(5)))["samples"]
    cold = [
        run_child("startup_child.py", "smoke", str(plan.large))["first_paint_s"]
        for _ in range(plan.reps(3))
    ]
    load_row = _row("open_load", "Large review: Document.open alone (read + check)", load, "s")
    return [
        load_row,
        _row(
            "open_large", "Large review: open → first paint (running app)", ui, "s",
            baseline=load_row.value, baseline_name="Document.open", target=1.0,
            extra={"open_call_s": statistics.median(calls)},
        ),
        _row(
            "open_large_cold", "Large review: `--smoke FILE` cold start → first paint", cold, "s",
        ),
    ]  # fmt: skip


def edits(plan: Plan) -> tuple[list[Row], list[dict]]:
    """4: edit → commit through Document.apply (p50/p95), several runs of all the edits."""
    runs = [
        run_child("core_child.py", "apply", str(plan.large), str(plan.sizes.edits))
        for _ in range(plan.reps(3))
    ]
    p50 = [percentile(r["samples"], 50) for r in runs]
    p95 = [percentile(r["samples"], 95) for r in runs]
    raw = [percentile(r["baseline"], 50) for r in runs]
    raw95 = [percentile(r["baseline"], 95) for r in runs]
    n = plan.sizes.edits
    kinds = {k: percentile(v, 50) * 1000 for k, v in runs[0]["by_kind"].items()}
    rows = [
        _row(
            "edit_p50", f"Edit → commit, Document.apply, p50 of {n:,}", p50, "ms", 1000,
            baseline=statistics.median(raw) * 1000, baseline_name="bare SQLite commit",
            target=2.0, extra={"p50_by_kind_ms": kinds},
        ),
        _row(
            "edit_p95", f"Edit → commit, Document.apply, p95 of {n:,}", p95, "ms", 1000,
            baseline=statistics.median(raw95) * 1000, baseline_name="bare SQLite commit",
        ),
    ]  # fmt: skip
    return rows, runs


FIRST_SHOW_TARGETS_MS = {"board": 100.0}


def ui(plan: Plan, apply_p50_ms: float, apply_p95_ms: float) -> list[Row]:
    """4 (controller), 5, 7 and first showing of each panel, with the main window open."""
    runs = [
        run_child("ui_child.py", str(plan.large), str(plan.sizes.edits), timeout=900)
        for _ in range(plan.reps(2))
    ]
    every = [[t for times in r["edits"].values() for t in times] for r in runs]
    n = plan.sizes.edits
    kinds = {k: round(percentile(v, 50) * 1000, 2) for k, v in runs[0]["edits"].items()}
    zone = [t for r in runs for t in r["zone"]]
    zone_base = [t for r in runs for t in r["zone_baseline"]]
    whys = [t for r in runs for t in r["whys"]]
    whys_base = [t for r in runs for t in r["whys_baseline"]]
    rows = [
        _row(
            "controller_p50", f"Edit → repainted, through the controller (window open), p50 of {n:,}",
            [percentile(e, 50) for e in every], "ms", 1000,
            baseline=apply_p50_ms, baseline_name="Document.apply p50", target=8.0,
            extra={"p50_by_kind_ms": kinds},
        ),
        _row(
            "controller_p95", f"Edit → repainted, through the controller (window open), p95 of {n:,}",
            [percentile(e, 95) for e in every], "ms", 1000,
            baseline=apply_p95_ms, baseline_name="Document.apply p95", target=16.0,
        ),
        _row(
            "zone_switch", f"Display-zone switch on {plan.sizes.events:,} rows → repainted",
            zone, "ms", 1000, baseline=statistics.median(zone_base) * 1000,
            baseline_name="plain repaint", target=100.0,
        ),
        _row(
            "whys_scene", f"5-whys scene build, {runs[0]['whys_nodes']:,} nodes", whys, "ms", 1000,
            baseline=statistics.median(whys_base) * 1000, baseline_name="tidy layout alone",
            target=100.0,
        ),
    ]  # fmt: skip
    for key in runs[0]["panels"]:
        rows.append(
            _row(
                f"first_show_{key}",
                f"First showing of the {key} panel → painted",
                [r["panels"][key] for r in runs],
                "ms",
                1000,
                target=FIRST_SHOW_TARGETS_MS.get(key),
            )
        )
    return rows


def layout(plan: Plan) -> list[Row]:
    """6: tidy layout of 1,000 and 10,000 nodes."""
    small, large = plan.sizes.layout_nodes
    a = run_child("core_child.py", "layout", str(small), str(plan.reps(9)))
    b = run_child("core_child.py", "layout", str(large), str(plan.reps(5)))
    first = _row(
        "layout_small", f"Tidy layout, {small:,} nodes", a["samples"], "ms", 1000,
        baseline=a["baseline"][0] * 1000, baseline_name="CPU reference", target=10.0,
    )  # fmt: skip
    return [
        first,
        _row(
            "layout_large", f"Tidy layout, {large:,} nodes", b["samples"], "ms", 1000,
            baseline=first.value * large / small, baseline_name=f"linear from {small:,}",
        ),
    ]  # fmt: skip


def parse(plan: Plan) -> list[Row]:
    """8: parse a pasted timeline."""
    lines = plan.sizes.paste_lines
    r = run_child("core_child.py", "parse", str(lines), str(plan.reps(3)))
    return [
        _row(
            "paste_parse", f"Parse a {lines:,}-line pasted timeline", r["samples"], "ms", 1000,
            baseline=r["baseline"][0] * 1000, baseline_name="CPU reference", target=200.0,
            extra={"entries": r["entries"], "chars": r["chars"]},
        )
    ]  # fmt: skip


def check(plan: Plan) -> list[Row]:
    """10: ``pm-desktop check --json`` in-process after import, the example and the large review."""
    small = run_child("core_child.py", "check", str(plan.example), str(plan.reps(9)))
    large = run_child("core_child.py", "check", str(plan.large), str(plan.reps(3)))
    return [
        _row(
            "check_example", "`check --json` of the example review (after import)",
            small["samples"], "ms", 1000, target=100.0,
            extra={"findings": small["findings"]},
        ),
        _row(
            "check_large", "`check --json` of the large review (after import)",
            large["samples"], "s", target=3.0, extra={"findings": large["findings"]},
        ),
    ]  # fmt: skip


def pdf(plan: Plan) -> list[Row]:
    """9: the example's PDF and the large review's PDF (time, pages, peak RSS) against the same
    story built in a single pass."""
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="pm-bench-pdf-") as tmp:
        out = Path(tmp)

        def runs(file: Path, mode: str, count: int) -> list[dict]:
            return [
                run_child("pdf_child.py", str(file), str(out / f"{mode}.pdf"), mode, timeout=900)
                for _ in range(count)
            ]

        ex_full, ex_single = [], []
        for _ in range(plan.reps(4)):  # interleaved, like the large review below
            ex_full += runs(plan.example, "full", 1)
            ex_single += runs(plan.example, "single", 1)
        rows.append(
            _row(
                "pdf_example", f"PDF of the example ({ex_full[0]['pages']} pages)",
                [r["seconds"] for r in ex_full], "s",
                baseline=statistics.median(r["seconds"] for r in ex_single),
                baseline_name="single pass",
            )
        )  # fmt: skip
        full, single = [], []
        for _ in range(plan.reps(3)):  # interleaved: a noisy minute hits both
            full += runs(plan.large, "full", 1)
            single += runs(plan.large, "single", 1)
        single_s = statistics.median(r["seconds"] for r in single)
        pair_ratios = [f["seconds"] / s["seconds"] for f, s in zip(full, single, strict=True)]
        rows.append(
            _row(
                "pdf_large", f"PDF of the large review ({full[0]['pages']:,} pages)",
                [r["seconds"] for r in full], "s", baseline=single_s,
                baseline_name="single pass", target=1.3, target_on="ratio",
                extra={"pages": full[0]["pages"], "bytes": full[0]["bytes"],
                       "single_pass_pages": single[0]["pages"],
                       "run_ratios": [round(r, 3) for r in pair_ratios]},
            )
        )  # fmt: skip
        rows.append(
            Row(
                "pdf_large_worst", f"PDF of the large review: worst of {len(pair_ratios)} runs "
                "in a row, each against the single pass run right after it",
                max(pair_ratios), "×", target=1.3,
                extra={"run_ratios": [round(r, 3) for r in pair_ratios]},
            )
        )  # fmt: skip
        rows.append(
            _row(
                "pdf_large_rss", "PDF of the large review: peak RSS",
                [r["peak_rss_mb"] for r in full], "MB",
                baseline=statistics.median(r["peak_rss_mb"] for r in single),
                baseline_name="single pass", target=300.0,
                extra={"rss_before_mb": statistics.median(r["rss_before_mb"] for r in full)},
            )
        )  # fmt: skip
    return rows


def export_gap(plan: Plan) -> list[Row]:
    """10: longest UI-thread stall while the GUI exports the large review's PDF."""
    with tempfile.TemporaryDirectory(prefix="pm-bench-gap-") as tmp:
        r = run_child("gap_child.py", str(plan.large), str(Path(tmp) / "gap.pdf"), timeout=900)
    return [
        Row(
            "export_gap", "Longest UI-thread gap during the GUI PDF export (10 ms timer)",
            r["gaps"][0] * 1000, "ms", baseline=r["idle_gaps"][0] * 1000,
            baseline_name="idle", target=100.0,
            extra={"over_100ms": r["over_100ms"], "ticks": r["ticks"], "export_s": r["export_s"],
                   "next_gaps_ms": [round(g * 1000, 1) for g in r["gaps"][1:8]]},
        )
    ]  # fmt: skip


def scale(plan: Plan) -> list[Row]:
    """11: the batch paths at scale — `timeline add` of a large paste (against the same command
    on an eighth of it, scaled linearly), a pasted line of 64k spaces, and the memory the JSON
    import adds to its process (peak RSS minus the RSS once the CLI's modules are loaded) against
    the size of the file it reads; the whole-process peak is kept beside it."""
    n = plan.sizes.timeline_add
    with tempfile.TemporaryDirectory(prefix="pm-bench-scale-") as tmp:
        folder = Path(tmp)
        small = [
            run_child("scale_child.py", "add", str(n // 8), str(folder))["seconds"]
            for _ in range(plan.reps(3))
        ]
        big = [
            run_child("scale_child.py", "add", str(n), str(folder))["seconds"]
            for _ in range(plan.reps(3))
        ]
        gaps = [
            run_child("scale_child.py", "spaces", "65536")["seconds"] for _ in range(plan.reps(5))
        ]
        exported = folder / "large.json"
        run_child("scale_child.py", "export", str(plan.large), str(exported))
        imports = [
            run_child("scale_child.py", "import", str(exported), str(folder))
            for _ in range(plan.reps(3))
        ]
    file_mb = imports[0]["file_mb"]
    small_row = statistics.median(small)
    return [
        _row(
            "timeline_add_large", f"`timeline add` of a {n:,}-line paste", big, "s",
            baseline=small_row * 8, baseline_name=f"8 × the {n // 8:,}-line add",
            target=5.0, extra={"ratio_target": "linear: about 1×"},
        ),
        _row(
            "paste_spaces", "Parse a pasted line with 65,536 spaces between two words",
            gaps, "ms", 1000, target=50.0,
        ),
        _row(
            "json_import_memory",
            f"`import` of the large review's JSON ({file_mb:.0f} MB): memory the import adds",
            [i["peak_mb"] - i["before_mb"] for i in imports], "MB",
            baseline=file_mb, baseline_name="the JSON file's size", target=3.0, target_on="ratio",
            extra={"seconds": statistics.median(i["seconds"] for i in imports),
                   "whole_process_peak_mb": statistics.median(i["peak_mb"] for i in imports),
                   "before_import_mb": statistics.median(i["before_mb"] for i in imports)},
        ),
    ]  # fmt: skip


def library(plan: Plan) -> list[Row]:
    """11: the library over generated reviews (2,000; 60 in --quick): cold index, re-scan with
    nothing changed, search p95, peak memory. The reviews are kept in bench/.cache between runs,
    under a name derived from the generator's and the file format's source."""
    import hashlib

    from common import CACHE, REPO

    count = 60 if plan.quick else 2_000
    sources = (
        REPO / "tests" / "library" / "library_gen.py",
        REPO / "pm_desktop" / "store" / "schema.py",
        REPO / "pm_desktop" / "domain" / "model.py",
    )
    key = hashlib.sha256(b"".join(p.read_bytes() for p in sources)).hexdigest()[:12]
    folder = CACHE / f"library-{count}-{key}"
    folder.mkdir(parents=True, exist_ok=True)
    result = run_child("library_child.py", str(folder), str(count), str(plan.reps(5)))
    searches = result["search_samples"]
    extra = {"reviews": count, "generated_s": round(result["generated_s"], 1)}
    return [
        Row("library_index_cold", f"Library: index {count:,} reviews, cold", result["cold_s"],
            "s", target=60.0, extra={**extra, "read": result["read"]}),
        _row("library_rescan", f"Library: re-scan {count:,} unchanged reviews",
             result["rescan_samples"], "s", target=2.0,
             extra={"read_again": result["rescan_read"]}),
        Row("library_search_p95", "Library: search p95 (18 queries, rare to common)",
            percentile(searches, 95) * 1000, "ms", n=len(searches), target=50.0,
            extra={"median_ms": round(statistics.median(searches) * 1000, 2),
                   "cpu_p95_ms": round(percentile(result["search_cpu_samples"], 95) * 1000, 2),
                   "load_average": round(result["load_average"], 1),
                   "hits": result["hits"]}),
        Row("library_rss", "Library: peak memory of the indexing process", result["rss_mb"],
            "MB", target=300.0),
    ]  # fmt: skip
