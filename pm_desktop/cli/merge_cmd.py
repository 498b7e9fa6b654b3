"""``pm-desktop merge REVIEW OTHER... [-o OUT] [--prefer ours|theirs]``.

Every other file is opened and checked before anything changes, then merged one after the other
(each one edit). Conflicts keep this file's version unless ``--prefer theirs``; they are listed
under the one summary line so nobody loses track of them.
"""

from __future__ import annotations

import argparse
import contextlib
from collections import Counter
from pathlib import Path

from pm_desktop.domain.merge import MergePlan, describe_conflict
from pm_desktop.ingest import merge_review
from pm_desktop.store.document import AlreadyOpenError, Document, OpenError, StoreError

from .errors import CliError


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    s = sub.add_parser("merge", help="bring colleagues' review files into one")
    s.add_argument("review", help="the .pmreview to merge into")
    s.add_argument("others", nargs="+", metavar="OTHER", help="review files to bring in")
    s.add_argument(
        "-o",
        "--output",
        help="write the merged review to this new file and leave REVIEW untouched",
    )
    s.add_argument("--force", action="store_true", help="replace OUTPUT if it exists")
    s.add_argument(
        "--prefer",
        choices=("ours", "theirs"),
        default="ours",
        help="which version of an item both files changed is kept (default: ours)",
    )


def _open_target(args: argparse.Namespace) -> Document:
    if not args.output:
        return Document.open(args.review)
    out = Path(args.output)
    if out.is_dir():
        raise CliError(f"{out}: is a folder")
    if out.exists() and not args.force:
        raise CliError(f"{out}: already exists; pass --force to replace it")
    if out.exists() and Path(args.review).exists() and out.samefile(args.review):
        raise CliError(f"{out}: is REVIEW itself; leave out -o to merge into it")
    source = Document.open(args.review, read_only=True)
    try:
        source.save_as(out)
    except BaseException:
        source.close()
        raise
    return source


def run(args: argparse.Namespace) -> int:
    try:
        return _run(args)
    except (OpenError, StoreError, AlreadyOpenError) as exc:
        raise CliError(str(exc)) from exc
    except OSError as exc:
        where = exc.filename or args.output or args.review
        raise CliError(f"{where}: {exc.strerror or exc}") from exc


def _run(args: argparse.Namespace) -> int:
    doc = _open_target(args)
    with contextlib.ExitStack() as stack:
        stack.callback(doc.close)
        if doc.read_only:
            reason = doc.read_only_reason or "opened read-only"
            raise CliError(
                f"{doc.path}: is read-only ({reason}); nothing was merged; "
                "use -o OUT to write the merged review to a new file"
            )
        # Check every file before anything changes: a refused one leaves the review as it was.
        others = [stack.enter_context(merge_review.read_other(doc, p)) for p in args.others]
        prefer_theirs = args.prefer == "theirs"
        plans: list[MergePlan] = []
        for other in others:
            merge = merge_review.plan(doc, other)
            merge_review.apply(doc, other, merge, prefer_theirs=prefer_theirs)
            plans.append(merge)
    total = _total(plans)
    taken = len(total.conflicts) if prefer_theirs else 0
    print(total.summary(taken))
    zone = doc.review.meta.display_tz
    verdict = "taken from theirs" if prefer_theirs else "kept as ours"
    for merge in plans:
        for conflict in merge.conflicts:
            print(f"  {merge.name}: {describe_conflict(conflict, zone)}: {verdict}")
    return 0


def _total(plans: list[MergePlan]) -> MergePlan:
    if len(plans) == 1:
        return plans[0]
    names = ", ".join(p.name for p in plans)
    total = MergePlan(name=names, source="")
    total.added = sum((p.added for p in plans), Counter())
    total.duplicates = sum(p.duplicates for p in plans)
    total.conflicts = [c for p in plans for c in p.conflicts]
    return total


__all__ = ["add_parser", "run"]
