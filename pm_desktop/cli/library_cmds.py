"""``pm-desktop library …``: index the review folders, search them, list follow-ups, trends.

The index lives in the app's data folder (``PM_DESKTOP_DATA`` to put it elsewhere). ``--json``
prints a list of objects, each with the review's ``path``.
"""

from __future__ import annotations

import argparse
import csv
import datetime as _dt
import json
import sys
from pathlib import Path
from typing import Any

from pm_desktop.domain import timeutil
from pm_desktop.domain.trends import METRIC_KEYS, compute
from pm_desktop.library.index import IndexError_
from pm_desktop.library.library import Library

from .errors import CliError


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    s = sub.add_parser("library", help="index review folders; search, follow-ups and trends")
    lsub = s.add_subparsers(dest="library_command", required=True)
    t = lsub.add_parser("index", help="add folders to the library and index every .pmreview")
    t.add_argument("dirs", nargs="+", metavar="DIR")
    t = lsub.add_parser("search", help="find text across every indexed review")
    t.add_argument("query")
    t.add_argument("--json", action="store_true")
    t.add_argument("--limit", type=int, default=200, help="at most this many hits (default 200)")
    t = lsub.add_parser("followups", help="follow-ups of every review, overdue first")
    t.add_argument("--open", action="store_true", help="only to-do and in-progress ones")
    t.add_argument("--overdue", action="store_true", help="only open ones past their due date")
    t.add_argument("--owner", default="", help="only this owner's (words of the name)")
    t.add_argument("--team", default="", help="only this team's (from the review's people)")
    out = t.add_mutually_exclusive_group()
    out.add_argument("--json", action="store_true")
    out.add_argument("--csv", action="store_true", help="CSV for a tracker import")
    t = lsub.add_parser("stats", help="response times and follow-up health over time")
    t.add_argument("--since", type=_date_arg, default=None, help="only incidents on or after")
    t.add_argument("--by", choices=("month", "quarter"), default="month")
    t.add_argument("--json", action="store_true", help="one object per review (path, metrics)")


def _date_arg(text: str) -> str:
    if not timeutil.is_valid_date(text):
        raise argparse.ArgumentTypeError(f"{text!r} is not a date (YYYY-MM-DD)")
    return text


def run(args: argparse.Namespace) -> int:
    try:
        with Library() as library:
            return {
                "index": _index,
                "search": _search,
                "followups": _followups,
                "stats": _stats,
            }[args.library_command](library, args)
    except IndexError_ as exc:
        raise CliError(str(exc)) from exc


def _empty_hint(library: Library) -> None:
    if not library.folders():
        print(
            "pm-desktop: the library has no folders yet; add one with "
            "“pm-desktop library index DIR”",
            file=sys.stderr,
        )


def _index(library: Library, args: argparse.Namespace) -> int:
    for d in args.dirs:
        p = Path(d)
        if not p.is_dir():
            raise CliError(f"{d}: {'no such folder' if not p.exists() else 'is not a folder'}")
    library.add_folders(args.dirs)
    report = library.scan()
    problems = library.problems()  # this scan's and the ones still there from earlier scans
    for problem in problems:
        print(f"{problem.path}: {problem.reason}", file=sys.stderr)
    report.problems = [(p.path, p.reason) for p in problems]
    print(report.summary() + f" in {report.seconds:.1f} s")
    return 0


def _search(library: Library, args: argparse.Namespace) -> int:
    hits = library.search(args.query, limit=max(1, args.limit))
    if args.json:
        print(json.dumps([h.as_json() for h in hits], ensure_ascii=False, indent=2))
        return 0
    if not hits:
        _empty_hint(library)
    for h in hits:
        text = h.snippet.text
        marked = ""
        last = 0
        for a, b in h.snippet.spans:
            marked += text[last:a] + "[" + text[a:b] + "]"
            last = b
        marked += text[last:]
        print(f"{h.path}  {h.kind} {h.item_id or ''}".rstrip() + f"\n    {marked}")
    return 0


def _followups(library: Library, args: argparse.Namespace) -> int:
    today = _dt.date.today()
    entries = library.followups(
        today, open_only=args.open, overdue_only=args.overdue, owner=args.owner, team=args.team
    )
    if args.json:
        print(json.dumps([e.as_json(today) for e in entries], ensure_ascii=False, indent=2))
        return 0
    if args.csv:
        from pm_desktop.library.queries import followup_csv_rows

        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerows(followup_csv_rows(entries, today))
        return 0
    if not entries:
        _empty_hint(library)
    for e in entries:
        flags = ", ".join(
            f for f, on in (("OVERDUE", e.overdue(today)), ("open > 90 days", e.stale(today))) if on
        )
        due = f"due {e.due}" if e.due else "no due date"
        owner = e.owner or "no owner"
        print(f"{e.status:<7} {due:<14} {owner:<20} {e.title}" + (f"  [{flags}]" if flags else ""))
        print(f"        {e.review_title} — {e.path}")
    return 0


def _stats(library: Library, args: argparse.Namespace) -> int:
    since = args.since or ""
    facts = [f for f in library.facts() if f.date and f.date >= since]
    if args.json:
        rows: list[dict[str, Any]] = []
        for f in sorted(facts, key=lambda f: (f.date, f.key)):
            counted = [c for c in f.followups if c.status != "dropped"]
            rows.append(
                {
                    "path": f.key,
                    "incident_date": f.date,
                    "severity": f.severity,
                    **{f"{k.lower()}_seconds": f.metrics.get(k) for k in METRIC_KEYS},
                    "followups": len(counted),
                    "followups_done": sum(1 for c in counted if c.status == "done"),
                    "followups_open": sum(1 for c in counted if c.status in ("todo", "doing")),
                }
            )
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    trends = compute(facts, by=args.by)
    if not trends.periods:
        _empty_hint(library)
        print("no dated reviews in the library" + (f" since {args.since}" if args.since else ""))
        return 0
    header = f"{'period':<9} {'incidents':>9} " + " ".join(f"{k:>8}" for k in METRIC_KEYS)
    print(header + f" {'done':>6} {'open age':>9}")
    counts = {c.period: c for c in trends.counts}
    for period in trends.periods:
        c = counts[period]
        cells = []
        for key in METRIC_KEYS:
            s = trends.metric(key).get(period)
            cells.append(f"{'—' if s is None else timeutil.duration_text(s.median):>8}")
        done = "—" if c.completion is None else f"{100 * c.completion:.0f}%"
        age = "—" if c.open_age_days is None else f"{c.open_age_days.median:.0f} d"
        print(f"{period:<9} {c.incidents:>9} " + " ".join(cells) + f" {done:>6} {age:>9}")
    print("medians; done = share of agreed follow-ups completed; open age = median days open")
    return 0
