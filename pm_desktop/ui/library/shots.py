"""Screenshots of the library window (``pm-desktop screenshot``): a small demo library is made
from the built-in example, with dates, severities, services, response times and follow-up
states varied, so every page has something to show."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from pathlib import Path

from pm_desktop.domain import timeutil
from pm_desktop.domain.model import Review
from pm_desktop.ingest.builtin import load_example
from pm_desktop.store.document import Document

from .window import LibraryWindow

SERVICES = (("checkout-api", "orders-db"), ("search",), ("checkout-api",), ("auth", "cdn"),
            ("orders-db",), ("notifications",))  # fmt: skip
TITLES = ("Card payments failing during the morning peak", "Search results stale for an hour",
          "Checkout timeouts after a config push", "Login failures behind the CDN",
          "Orders database failover took too long", "Push notifications delayed")  # fmt: skip
STATUSES = ("todo", "doing", "done", "done", "dropped")
# Root causes (text, category) of each kind of incident; the first kind keeps the example's.
CAUSES = (
    (),
    (("The index rebuild job had no alert when it stalled", "monitoring"),
     ("Nobody looked at the search freshness dashboard on weekends", "ownership")),
    (("Config pushes skipped the canary stage", "process"),
     ("The timeout default was copied from a test environment", "testing")),
    (("The CDN certificate rotation was a manual step", "tooling"),
     ("Login health checks did not go through the CDN", "monitoring")),
    (("Failover had never been rehearsed with production data sizes", "testing"),
     ("Replica lag was not part of the failover decision", "design")),
    (("The push provider's rate limit was not known to the team", "knowledge"),
     ("Retries had no backoff and piled up behind the limit", "design")),
)  # fmt: skip


def _variant(base: Review, k: int, today: dt.date) -> Review:
    review = base.copy()
    day = today - dt.timedelta(days=20 + 19 * (23 - k))
    shift = (day - dt.date.fromisoformat(base.meta.incident_date)).days * 86400
    stretch = 0.5 + (k * 37 % 100) / 60
    start = timeutil.from_canonical(min(e.time for e in base.events.values() if e.time))
    for event in base.events.values():
        if event.time is None:
            continue
        t = timeutil.from_canonical(event.time)
        offset = (t - start).total_seconds() * stretch
        moved = start.add(seconds=shift + offset)
        review.events[event.id] = dataclasses.replace(event, time=timeutil.to_canonical(moved))
    for n, card in enumerate(base.sorted_followups()):
        due = (
            dt.date.fromisoformat(card.due) + dt.timedelta(days=shift // 86400)
            if card.due
            else None
        )
        review.followups[card.id] = dataclasses.replace(
            card,
            status=STATUSES[(k + n) % len(STATUSES)] if k < 20 else card.status,
            due=due.isoformat() if due else "",
        )
    roots = [w for w in base.sorted_whys() if w.root_cause]
    for node, (text, category) in zip(roots, CAUSES[k % len(CAUSES)], strict=False):
        review.whys[node.id] = dataclasses.replace(node, text=text, category=category)
    for node in roots[len(CAUSES[k % len(CAUSES)]) :] if CAUSES[k % len(CAUSES)] else ():
        review.whys[node.id] = dataclasses.replace(node, root_cause=False, category="")
    review.meta = dataclasses.replace(
        base.meta,
        title=f"{TITLES[k % len(TITLES)]}" + (f" ({k // len(TITLES) + 1})" if k >= 6 else ""),
        incident_date=day.isoformat(),
        severity=("SEV2", "SEV3", "SEV1", "SEV3", "SEV2", "SEV4")[k % 6],
        status=("final", "final", "in_review", "final", "draft")[k % 5],
        affected_services=", ".join(SERVICES[k % len(SERVICES)]),
    )
    return review


def make_demo_library(folder: Path, count: int = 24) -> list[Path]:
    example = load_example()
    today = dt.date.today()
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for k in range(count):
        review = _variant(example.review, k, today)
        path = folder / f"{review.meta.incident_date} {review.meta.title}.pmreview"
        Document.create(path, review, example.blobs).close()
        paths.append(path)
    return paths


def library_screens(
    index_path: Path, folder: Path, save: Callable[[object, str], None], theme: str,
    size: tuple[int, int],
) -> None:  # fmt: skip
    """Save ``<theme>-library-<page>.png`` for each page of the library window."""
    if not folder.exists():
        make_demo_library(folder)
    window = LibraryWindow(index_path)
    try:
        window.resize(*size)
        window.show()
        if window.library is not None and not window.library.folders():
            window.library.add_folders([folder])
        if window.library is not None:
            window.library.scan()
        window.refresh()
        window.table.selectRow(0)
        save(window, f"{theme}-library-reviews")
        window.focus_search()
        window.search_page.box.setText("latency alert")
        window.search_page.run()
        save(window, f"{theme}-library-search")
        window.tabs.setCurrentWidget(window.followups_page)
        save(window, f"{theme}-library-followups")
        window.tabs.setCurrentWidget(window.trends_page)
        save(window, f"{theme}-library-trends")
    finally:
        window.close()
        window.deleteLater()
