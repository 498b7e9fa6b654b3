"""Deterministic generator of the reference *large* review used by the benchmarks.

20,000 timeline events over three days entered in mixed zones, 2,000 evidence items (200 of them
1920×1080 screenshots with real detail: charts, text and gradients, no two alike), 1,000 why nodes
in 10 trees, 1,000 follow-ups and 30 participants. Same seed, same file.

    python bench/make_large.py OUT.pmreview [--screenshots 200] [--events 20000]
                               [--evidence 2000] [--trees 10] [--followups 1000]

The extra sizes exist for ``bench/run.py --quick`` (a small review that exercises the same code).
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import io
import math
import random
import sys
import time
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from pm_desktop.domain import timeutil
from pm_desktop.domain.model import (
    EVENT_KINDS,
    FOLLOWUP_STATUSES,
    FOLLOWUP_TYPES,
    PRIORITIES,
    WHY_CATEGORIES,
    BlobInfo,
    Criterion,
    Evidence,
    FollowUp,
    Person,
    Review,
    ReviewMeta,
    TimelineEvent,
    WhyNode,
)
from pm_desktop.store.document import Document

ZONES = ["UTC", "Europe/Berlin", "America/New_York", "Asia/Tokyo", "America/Los_Angeles", "+05:30"]
SYSTEMS = [
    "checkout-api",
    "orders-db",
    "payments-gateway",
    "auth-service",
    "search",
    "kafka",
    "redis",
    "cdn",
]
VERBS = [
    "latency rising on",
    "errors from",
    "restarted",
    "scaled",
    "paged owner of",
    "rolled back",
    "drained",
    "inspected",
]
FIRST = [
    "Amara",
    "Mei",
    "Jonas",
    "Priya",
    "Tomás",
    "Sofia",
    "Lukas",
    "Zoë",
    "Kenji",
    "Aisha",
    "Ravi",
    "Elena",
    "Omar",
    "Hana",
    "Jakub",
]
LAST = [
    "Okafor",
    "Lin",
    "Berg",
    "Natarajan",
    "Herrera",
    "Marchetti",
    "Weber",
    "Dubois",
    "Sato",
    "Khan",
]
START = dt.datetime(2025, 3, 10, 0, 0, tzinfo=dt.UTC)


def _uuid(rng: random.Random) -> str:
    return "%08x-%04x-4%03x-%04x-%012x" % (  # noqa: UP031 - fixed-width hex fields
        rng.getrandbits(32), rng.getrandbits(16), rng.getrandbits(12),
        0x8000 | rng.getrandbits(14), rng.getrandbits(48),
    )  # fmt: skip


def screenshot(rng: random.Random, font: ImageFont.FreeTypeFont, n: int) -> bytes:
    """A 1920×1080 dashboard-like PNG: gradient header, grid, noisy series, labels."""
    img = Image.new("RGB", (1920, 1080), (17, 18, 23))
    draw = ImageDraw.Draw(img)
    for y in range(0, 64):
        shade = 20 + y // 3
        draw.line((0, y, 1920, y), fill=(shade, shade + 2, shade + 8))
    draw.text(
        (24, 18), f"{rng.choice(SYSTEMS)} · incident view #{n}", font=font, fill=(220, 220, 220)
    )
    for panel in range(4):
        x0, y0 = 24 + (panel % 2) * 948, 90 + (panel // 2) * 490
        draw.rectangle((x0, y0, x0 + 924, y0 + 466), fill=(24, 27, 31), outline=(44, 48, 54))
        draw.text(
            (x0 + 14, y0 + 10),
            f"{rng.choice(SYSTEMS)} {rng.choice(['p95', 'errors', 'cpu', 'qps'])}",
            font=font,
            fill=(200, 200, 200),
        )
        for gy in range(6):
            yy = y0 + 60 + gy * 70
            draw.line((x0 + 60, yy, x0 + 904, yy), fill=(44, 48, 54))
            draw.text((x0 + 14, yy - 8), str(100 - gy * 20), font=font, fill=(140, 140, 140))
        value = rng.uniform(20, 60)
        points = []
        for i in range(420):
            value = max(
                2, min(98, value + rng.gauss(0, 3) + (8 if 180 < i < 240 else 0) * math.sin(i / 9))
            )
            points.append((x0 + 60 + i * 2, y0 + 410 - value * 3.5))
        colour = rng.choice([(255, 152, 48), (115, 191, 105), (87, 148, 242), (242, 73, 92)])
        draw.line(points, fill=colour, width=2)
        for _ in range(12):
            tx, ty = x0 + rng.randint(70, 860), y0 + rng.randint(70, 400)
            draw.text(
                (tx, ty),
                rng.choice(["deploy", "alert", "p99", "GC", "retry"]),
                font=font,
                fill=(90, 100, 110),
            )
    buf = io.BytesIO()
    img.save(buf, "PNG", compress_level=6)
    return buf.getvalue()


def build(
    events: int = 20_000,
    screenshots: int = 200,
    seed: int = 20250312,
    *,
    evidence: int = 2000,
    trees: int = 10,
    followups: int = 1000,
) -> tuple[Review, dict[str, bytes]]:
    rng = random.Random(seed)
    review = Review(meta=ReviewMeta(
        title="Three-day degradation of checkout across regions (benchmark)", incident_date="2025-03-10",
        severity="SEV1", status="in_review", summary="Generated review for benchmarks. " * 20,
        impact="Generated impact text. " * 20, display_tz="UTC", authors="Benchmark generator",
    ))  # fmt: skip
    blobs: dict[str, bytes] = {}
    people = []
    for i in range(30):
        p = Person(_uuid(rng), f"{rng.choice(FIRST)} {rng.choice(LAST)}", rng.choice(["SRE", "Backend", "Support", "Sales", "Product"]),
                   rng.choice(["Payments", "Platform", "Support", "Sales"]), "Helped during the incident.", i)  # fmt: skip
        review.people[p.id] = p
        people.append(p)
    span = 3 * 24 * 3600
    fractions = {
        "impact_start": 0.02,
        "detected": 0.10,
        "acknowledged": 0.12,
        "mitigated": 0.60,
        "resolved": 0.95,
    }
    milestones = {int(events * f): kind for kind, f in fractions.items()}
    event_ids = []
    for i in range(events):
        when = START + dt.timedelta(seconds=int(span * i / events) + rng.randint(0, 30))
        kind = milestones.get(i) or rng.choice(EVENT_KINDS[5:])
        e = TimelineEvent(
            _uuid(rng), timeutil.to_canonical(when), rng.choice(ZONES),
            f"{rng.choice(VERBS)} {rng.choice(SYSTEMS)} ({i})", kind, rng.choice(people).name, rng.random() < 0.05, i,
        )  # fmt: skip
        review.events[e.id] = e
        event_ids.append(e.id)
    font = ImageFont.truetype(
        str(Path(__file__).resolve().parents[1] / "resources" / "fonts" / "DejaVuSans.ttf"), 15
    )
    for i in range(max(evidence, screenshots)):
        links = tuple(rng.sample(event_ids, rng.randint(0, 2)))
        if i < screenshots:
            data = screenshot(rng, font, i)
            sha = hashlib.sha256(data).hexdigest()
            review.blobs[sha] = BlobInfo(sha, "image/png", len(data), 1920, 1080)
            blobs[sha] = data
            item = Evidence(_uuid(rng), "image", f"Dashboard capture {i}", "", "", "", sha, "image/png", f"capture-{i}.png",
                            timeutil.to_canonical(START + dt.timedelta(minutes=i * 20)), "UTC", rng.choice(people).name, links, i)  # fmt: skip
        elif i % 2:
            item = Evidence(_uuid(rng), "link", f"Ticket {i}", url=f"https://example-corp.atlassian.net/browse/OPS-{i}",
                            event_ids=links, seq=i)  # fmt: skip
        else:
            item = Evidence(_uuid(rng), "text", f"Log excerpt {i}", text="\n".join(
                f"2025-03-10T0{j % 10}:00:00Z ERROR {rng.choice(SYSTEMS)} request failed id={rng.getrandbits(40):x}" for j in range(30)
            ), event_ids=links, seq=i)  # fmt: skip
        review.evidence[item.id] = item
    for t in range(trees):
        root = WhyNode(
            _uuid(rng), None, f"Problem statement {t}: checkout slow in region {t}", seq=t
        )
        review.whys[root.id] = root
        nodes = [root]
        for i in range(99):
            parent = (
                nodes[rng.randrange(max(0, len(nodes) - 8), len(nodes))]
                if rng.random() < 0.7
                else rng.choice(nodes)
            )
            node = WhyNode(_uuid(rng), parent.id, f"Because {rng.choice(SYSTEMS)} {rng.choice(VERBS)} the dependency ({t}.{i})",
                           rng.random() < 0.15, rng.choice(["possible", "confirmed"]), rng.choice(WHY_CATEGORIES), (), i)  # fmt: skip
            review.whys[node.id] = node
            nodes.append(node)
    why_ids = list(review.whys)
    per_column: dict[str, int] = {}
    for i in range(followups):
        status = rng.choice(FOLLOWUP_STATUSES)
        seq = per_column.get(status, 0)
        per_column[status] = seq + 1
        card = FollowUp(
            _uuid(rng), f"Follow-up {i}: harden {rng.choice(SYSTEMS)}", "Generated.",
            tuple(Criterion(f"criterion {k}", rng.random() < 0.5) for k in range(rng.randint(0, 4))),
            rng.choice(people).name, f"2025-04-{rng.randint(1, 28):02d}", status, rng.choice(PRIORITIES),
            rng.choice(FOLLOWUP_TYPES), (rng.choice(why_ids),), "", seq,
        )  # fmt: skip
        review.followups[card.id] = card
    return review, blobs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--events", type=int, default=20_000)
    parser.add_argument("--screenshots", type=int, default=200)
    parser.add_argument("--evidence", type=int, default=2000, help="evidence items in all")
    parser.add_argument("--trees", type=int, default=10, help="why trees of 100 nodes")
    parser.add_argument("--followups", type=int, default=1000)
    args = parser.parse_args(argv)
    started = time.perf_counter()
    review, blobs = build(
        args.events,
        args.screenshots,
        evidence=args.evidence,
        trees=args.trees,
        followups=args.followups,
    )
    if args.out.exists():
        args.out.unlink()
    Document.create(args.out, review, blobs).close()
    size = args.out.stat().st_size
    print(
        f"wrote {args.out} ({size / 1e6:.0f} MB) in {time.perf_counter() - started:.1f} s",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
