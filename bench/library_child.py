"""Child process: the library over a generated folder of reviews.

    library_child.py FOLDER COUNT QUERIES_REPEAT

Generates COUNT reviews into FOLDER when it does not hold them yet (kept between runs: the
generator is deterministic), then, with a fresh index in a temporary data folder: a cold scan
(every file read), a re-scan with nothing changed, and searches (a fixed mix of rare and common
words, phrases and one-letter words, each repeated). Peak memory is this process's peak resident
set (``ru_maxrss``) after the cold scan, which includes Python and the imports.
"""

from __future__ import annotations

import os
import resource
import sys
import tempfile
import time
from pathlib import Path

from common import REPO, emit

sys.path.insert(0, str(REPO / "tests" / "library"))

QUERIES = (
    "kraken-queue overflow", "pool exhausted", '"number 0042"', "ledger-db pool", "checkout",
    "dashboard", "region at once", "Mei Lin", "runbook", "alert fired", "retries", "guard auth",
    "incident 1999", "stale cache", "zz-not-there", "a", "latency spike", "backlog",
)  # fmt: skip


def main(folder: Path, count: int, repeat: int) -> dict:
    from library_gen import make_library

    from pm_desktop.library.library import Library

    marker = folder / f".generated-{count}"
    generated_s = 0.0
    if not marker.exists():
        started = time.perf_counter()
        make_library(folder, count)
        marker.write_text("done")
        generated_s = time.perf_counter() - started
    with tempfile.TemporaryDirectory(prefix="pm-bench-library-") as tmp:
        with Library(Path(tmp) / "library-index.sqlite") as library:
            library.add_folders([folder])
            started = time.perf_counter()
            cold = library.scan()
            cold_s = time.perf_counter() - started
            rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            rescans = []
            for _ in range(3):
                started = time.perf_counter()
                again = library.scan()
                rescans.append(time.perf_counter() - started)
            searches, cpu = [], []
            hits = {}
            for _ in range(repeat):
                for query in QUERIES:
                    started, cpu_started = time.perf_counter(), time.process_time()
                    found = library.search(query)
                    searches.append(time.perf_counter() - started)
                    cpu.append(time.process_time() - cpu_started)
                    hits[query] = len(found)
    return {
        "generated_s": generated_s,
        "cold_s": cold_s,
        "read": cold.read,
        "rescan_samples": rescans,
        "rescan_read": again.read,
        "search_samples": searches,
        "search_cpu_samples": cpu,
        "load_average": os.getloadavg()[0],
        "hits": hits,
        "rss_mb": rss_mb,
    }


if __name__ == "__main__":
    emit(main(Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])))
