"""``pm-desktop intake``: bring other tools' records into a review, headless.

Every file is read and checked before the review is touched; one bad file and nothing is
imported. The review is created when it does not exist (not on a dry run). The summary line
goes to standard output, as scripts read it.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import json
from pathlib import Path
from typing import Any

from pm_desktop.domain import timeutil
from pm_desktop.domain.model import Review, ReviewMeta
from pm_desktop.domain.time_input import parse_time_input
from pm_desktop.domain.zonewords import resolve_zone_word
from pm_desktop.ingest.intake.entries import IntakeEntry, IntakeError
from pm_desktop.ingest.intake.plan import IntakeSummary, import_result, plan_intake
from pm_desktop.ingest.intake.sources import IntakeOptions, read_sources
from pm_desktop.store.document import Document

from .errors import CliError


def _zone(value: str) -> str:
    zone = resolve_zone_word(value.strip())
    if zone is None:
        raise CliError(f"--tz {value}: not a time zone (e.g. UTC, Europe/Berlin, +05:30)", code=2)
    return zone


def _bound(value: str | None, zone: str, flag: str, end: bool) -> str | None:
    """``--since``/``--until``: an ISO time with an offset, or a date or wall-clock time read in
    ``zone`` (a bare date is its first second for --since, its last for --until)."""
    if value is None:
        return None
    try:
        return timeutil.parse_instant(value)
    except timeutil.TimeError:
        pass
    try:
        day = timeutil.parse_date(value)
    except timeutil.TimeError:
        reading = parse_time_input(value, default_date=_dt.date.today(), zone=zone)
        if reading.status != "ok" or reading.instant is None:
            raise CliError(f"{flag} {value}: {reading.message or reading.status}", code=2) from None
        return reading.instant
    wall = _dt.datetime.combine(day, _dt.time(23, 59, 59) if end else _dt.time(0, 0))
    resolution = timeutil.resolve_local(wall, zone)
    return resolution.choices[-1 if end else 0]


def _entry_json(entry: IntakeEntry, duplicate: bool) -> dict[str, Any]:
    return {
        "time": entry.time,
        "tz": entry.tz,
        "text": entry.text,
        "kind": entry.kind,
        "author": entry.author,
        "source": entry.source,
        "reply": bool(entry.reply_to),
        "links": [{"url": link.url, "title": link.title} for link in entry.links],
        "duplicate": duplicate,
        "warning": entry.warning,
    }


def _summary_json(summary: IntakeSummary) -> dict[str, int]:
    return {
        "events": summary.events,
        "people": summary.people,
        "links": summary.links,
        "duplicates": summary.duplicates,
    }


def cmd_intake(args: argparse.Namespace) -> int:
    target = Path(args.into)
    if target.is_dir():
        raise CliError(f"{target}: is a folder", code=2)
    exists = target.exists()
    doc = Document.open(target, read_only=args.dry_run) if exists else None
    try:
        review = doc.review if doc is not None else Review()
        zone = _zone(args.tz) if args.tz else review.meta.display_tz
        default_date = (
            timeutil.parse_date(review.meta.incident_date) if review.meta.incident_date else None
        )
        options = IntakeOptions(
            kind=args.source_kind,
            channels=tuple(args.channel),
            since=_bound(args.since, zone, "--since", end=False),
            until=_bound(args.until, zone, "--until", end=True),
            zone=zone,
            default_date=default_date,
            map_args=tuple(args.map),
        )
        try:
            results = read_sources([Path(s) for s in args.sources], options)
        except IntakeError as exc:
            raise CliError(f"{exc}; nothing was changed") from exc
        if args.dry_run:
            return _dry_run(review, results, args.json)
        if doc is None:
            first = min((e.time for _k, r in results for e in r.entries if e.time), default=None)
            meta = ReviewMeta(incident_date=first[:10] if first else "")
            doc = Document.create(target, Review(meta=meta))
        total = IntakeSummary(0, 0, 0, 0)
        for _kind, result in results:
            edit, summary = import_result(doc.review, result, f"Import {result.label}")
            doc.apply(edit)
            total = IntakeSummary(
                total.events + summary.events,
                total.people + summary.people,
                total.links + summary.links,
                total.duplicates + summary.duplicates,
            )
        if args.json:
            print(json.dumps(_summary_json(total)))
        else:
            print(total.line())
        return 0
    finally:
        if doc is not None:
            doc.close()


def _dry_run(review: Review, results: list[Any], as_json: bool) -> int:
    work = review.copy()
    entries: list[dict[str, Any]] = []
    total = IntakeSummary(0, 0, 0, 0)
    for _kind, result in results:
        planned = plan_intake(work, result.entries)
        entries.extend(_entry_json(p.entry, p.duplicate) for p in planned)
        edit, summary = import_result(work, result)
        edit.apply(work)  # later files see what earlier ones would add
        total = IntakeSummary(
            total.events + summary.events,
            total.people + summary.people,
            total.links + summary.links,
            total.duplicates + summary.duplicates,
        )
    if as_json:
        print(
            json.dumps(
                {"summary": _summary_json(total), "entries": entries},
                ensure_ascii=False,
                indent=2,
            )
        )
    else:
        print("would have " + total.line() + " (dry run: nothing was changed)")
    return 0
