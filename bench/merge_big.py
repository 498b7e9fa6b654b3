"""How long merging two big responders' files takes (not part of `make bench` yet).

    python bench/merge_big.py [EVENTS]      default 20,000 events per file

Two copies of one review, each with EVENTS events of its own over a day, a third of which the
other responder also wrote (the same moment, a few seconds apart, reworded a little). Prints the
time to read the other file, to plan, and to apply the merge as one edit, and the same again for
merging the same file twice (which must change nothing).
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from pathlib import Path

from pm_desktop.domain.model import Review, ReviewMeta, TimelineEvent
from pm_desktop.ingest import merge_review
from pm_desktop.store.document import Document

WORDS = (
    "checkout errors rise on eu nodes rollback started queue depth paged on-call database "
    "failover latency cache warm restarted pods traffic shifted status page updated"
).split()


def _text(rng: random.Random) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(6, 14)))


def _at(second: int) -> str:
    return f"2026-11-02T{second // 3600:02d}:{second // 60 % 60:02d}:{second % 60:02d}Z"


def build(folder: Path, n: int) -> tuple[Path, Path]:
    rng = random.Random(4812)
    mine, theirs = (
        Review(meta=ReviewMeta(title="Big merge")),
        Review(meta=ReviewMeta(title="Big merge")),
    )
    for i in range(n):
        second = rng.randrange(0, 86_000)
        text = _text(rng)
        mine.events[f"m{i}"] = TimelineEvent(f"m{i}", _at(second), text=text, author="Mei", seq=i)
        if i % 3 == 0:  # the same moment, written by Ana a little later and a little longer
            theirs.events[f"a{i}"] = TimelineEvent(
                f"a{i}", _at(second + 40), text=text + " ok", author="Ana", seq=i
            )
        else:
            theirs.events[f"a{i}"] = TimelineEvent(
                f"a{i}", _at(rng.randrange(0, 86_000)), text=_text(rng), author="Ana", seq=i
            )
    a, b = folder / "mei.pmreview", folder / "ana.pmreview"
    Document.create(a, mine).close()
    Document.create(b, theirs).close()
    return a, b


def main() -> int:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 20_000
    with tempfile.TemporaryDirectory() as tmp:
        a, b = build(Path(tmp), n)
        with Document.open(a) as doc:
            for round_ in ("first", "again"):
                t0 = time.perf_counter()
                other = merge_review.read_other(doc, b)
                t1 = time.perf_counter()
                plan = merge_review.plan(doc, other)
                t2 = time.perf_counter()
                merge_review.apply(doc, other, plan)
                t3 = time.perf_counter()
                other.close()
                print(
                    f"{round_}: {n:,} + {n:,} events: read {t1 - t0:.2f} s, plan {t2 - t1:.2f} s, "
                    f"apply {t3 - t2:.2f} s — {plan.summary()}"
                )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
