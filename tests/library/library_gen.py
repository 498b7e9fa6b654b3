"""A generated library of varied reviews, for the library's tests and its benchmark.

Deterministic (one seed): review ``i`` gets a date, severity, status, services, people with
teams, a timeline with response milestones, evidence, a why tree with root causes and
contributing factors, and follow-ups. Some texts are planted so tests know exact answers:

- every review's first event says ``incident number {i:04d}`` (so ``"number 0042"`` finds one);
- reviews with ``i % 10 == 3`` hold an evidence snippet mentioning ``kraken-queue overflow``;
- reviews with ``i % 7 == 0`` have a root cause about the connection pool of ``ledger-db``.

Files are written straight through the store's schema and row writer (no fsync: these are test
files), so 2,000 of them take seconds, not minutes.
"""

from __future__ import annotations

import datetime as dt
import random
import sqlite3
from pathlib import Path

from sqlite_utils import Database

from pm_desktop.domain.model import (
    Criterion,
    Evidence,
    FollowUp,
    Person,
    Review,
    ReviewMeta,
    TimelineEvent,
    WhyNode,
)
from pm_desktop.store.persist import write_review
from pm_desktop.store.schema import upgrade

SERVICES = (
    "checkout",
    "search",
    "ledger-db",
    "auth",
    "notifications",
    "cdn",
    "billing",
    "api-gateway",
)
TEAMS = ("Payments", "Platform", "Identity", "Growth", "Data")
NAMES = ("Amara Okafor", "Mei Lin", "Jonas Berg", "Priya Natarajan", "Lucía Fernández",
         "Tomasz Nowak", "Ngozi Eze", "Kenji Watanabe", "Sofia Rossi", "Omar Haddad")  # fmt: skip
CATEGORIES = ("process", "tooling", "monitoring", "capacity", "testing", "design")
FAILURES = ("latency spike", "error burst", "partial outage", "stale cache", "failed deploy",
            "certificate expiry", "queue backlog")  # fmt: skip
FACTORS = (
    "The change was rolled out to every region at once",
    "On-call had no runbook for this alert",
    "A retry storm amplified the first failures",
    "Capacity planning used last year's peak",
    "The staging environment lacked production data volumes",
    "Two teams each assumed the other owned the migration",
    "Dashboards showed averages that hid the slow tail",
    "The feature flag defaulted to on for new tenants",
    "Alert thresholds had been raised during an earlier noisy week",
    "The vendor status page lagged the real outage",
    "A manual step in the release checklist was skipped under time pressure",
)
START = dt.date(2025, 1, 6)
TODAY = dt.date(2026, 12, 1)  # the day the tests pretend it is
COUNT = 200  # reviews in the tests' generated library


def _iso(moment: dt.datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def review_for(i: int) -> Review:
    rng = random.Random(i * 7919 + 17)
    date = START + dt.timedelta(days=(i * 3) % 690)
    services = tuple(rng.sample(SERVICES, rng.choice((1, 1, 2))))
    if i % 7 == 0 and "ledger-db" not in services:
        services = (*services[:1], "ledger-db")
    failure = FAILURES[i % len(FAILURES)]
    people = [
        Person(f"p{i}-{k}", name, team=TEAMS[(i + k) % len(TEAMS)], role="responder", seq=k)
        for k, name in enumerate(rng.sample(NAMES, 3))
    ]
    meta = ReviewMeta(
        title=f"{services[0].capitalize()} {failure} #{i}",
        incident_date=date.isoformat(),
        severity=("SEV1", "SEV2", "SEV3", "SEV4")[i % 4],
        status=("draft", "in_review", "final")[i % 3],
        summary=f"Customers of {services[0]} saw a {failure} for part of the day.",
        impact=f"About {rng.randint(1, 40)}% of requests to {services[0]} failed.",
        authors=people[0].name,
        affected_services=", ".join(services),
    )
    review = Review(meta=meta)
    review.people = {p.id: p for p in people}
    start = dt.datetime(date.year, date.month, date.day, 9, 0) + dt.timedelta(minutes=i % 50)
    # TTD, TTA, TTM, TTR in minutes: varied but known (tests recompute them from the files).
    ttd, tta = 2 + i % 13, 1 + i % 5
    ttm = ttd + tta + 10 + i % 30
    ttr = ttm + 20 + i % 45
    milestones = [
        ("impact_start", 0, f"Impact starts: incident number {i:04d} on {services[0]}"),
        ("detected", ttd, f"Alert fired for {services[0]} {failure}"),
        ("acknowledged", ttd + tta, f"{people[1].name} acknowledged the page"),
        ("mitigated", ttm, "Traffic moved to the healthy region"),
        ("resolved", ttr, "Fix deployed and error rate back to normal"),
    ]
    for k, (kind, minutes, text) in enumerate(milestones):
        event = TimelineEvent(
            f"e{i}-{k}",
            _iso(start + dt.timedelta(minutes=minutes)),
            "UTC",
            text,
            kind,
            people[k % 3].name,
            seq=k,
        )
        review.events[event.id] = event
    for k in range(rng.randint(2, 6)):
        event = TimelineEvent(
            f"e{i}-n{k}",
            _iso(start + dt.timedelta(minutes=3 + k * 4)),
            "UTC",
            f"Looked at dashboards for {rng.choice(SERVICES)} ({k})",
            "observation",
            seq=10 + k,
        )
        review.events[event.id] = event
    snippet = f"ERROR pool exhausted after {rng.randint(10, 99)} retries"
    if i % 10 == 3:
        snippet += "\nWARN kraken-queue overflow detected on shard 7"
    review.evidence[f"v{i}-0"] = Evidence(
        f"v{i}-0", "text", f"Log from {services[0]}", text=snippet, seq=1
    )
    review.evidence[f"v{i}-1"] = Evidence(
        f"v{i}-1", "link", "Dashboard", url=f"https://grafana.example.com/d/{i}", seq=2
    )
    root = WhyNode(f"w{i}-0", None, f"Why did {services[0]} have a {failure}?", seq=1)
    cause_text = (
        "The connection pool of ledger-db was too small for the peak"
        if i % 7 == 0
        else f"Nobody owned the {rng.choice(('runbook', 'alert', 'dashboard'))} for {services[0]}"
    )
    cause = WhyNode(
        f"w{i}-1",
        root.id,
        cause_text,
        root_cause=True,
        status="confirmed",
        category=CATEGORIES[i % len(CATEGORIES)],
        seq=2,
    )
    factor = WhyNode(
        f"w{i}-2",
        root.id,
        FACTORS[i % len(FACTORS)],
        contributing=True,
        category=CATEGORIES[(i + 2) % len(CATEGORIES)],
        seq=3,
    )
    review.whys = {w.id: w for w in (root, cause, factor)}
    for k in range(2 + i % 4):
        status = ("todo", "doing", "done", "dropped", "done")[(i + k) % 5]
        due = date + dt.timedelta(days=14 + 7 * k)
        card = FollowUp(
            f"f{i}-{k}",
            f"Follow-up {k} for incident {i:04d}: guard {services[0]}",
            owner=people[k % 3].name,
            due=due.isoformat(),
            status=status,
            priority=("high", "medium", "low")[k % 3],
            acceptance_criteria=(
                Criterion("Alert exists", k % 2 == 0),
                Criterion("Runbook updated"),
            ),
            why_ids=(cause.id,),
            seq=k,
        )
        review.followups[card.id] = card
    return review


def write_file(path: Path, review: Review) -> Path:
    """A valid review file, written without the app's fsyncs (test data only)."""
    conn = sqlite3.connect(str(path), isolation_level=None)
    try:
        conn.execute("PRAGMA auto_vacuum = INCREMENTAL")
        conn.execute("PRAGMA journal_mode = DELETE")
        conn.execute("PRAGMA synchronous = OFF")
        upgrade(Database(conn))
        conn.execute("BEGIN")
        write_review(conn, review, {})
        conn.execute("COMMIT")
    finally:
        conn.close()
    return path


def make_library(folder: Path, count: int) -> list[Path]:
    """``count`` reviews in ``folder``, spread over team subfolders like a shared drive."""
    paths = []
    for i in range(count):
        sub = folder / TEAMS[i % len(TEAMS)].lower() / str(2025 + (i * 3 % 690) // 365)
        sub.mkdir(parents=True, exist_ok=True)
        paths.append(write_file(sub / f"incident-{i:04d}.pmreview", review_for(i)))
    return paths


def mtime(path: Path) -> int:
    return path.stat().st_mtime_ns
