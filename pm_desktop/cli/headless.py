"""The headless sub-commands. Each turns expected failures into :class:`CliError` (exit 1)."""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

from pm_desktop.domain import timeutil
from pm_desktop.domain.metrics import compute_metrics
from pm_desktop.domain.model import EVENT_KINDS
from pm_desktop.domain.wording import counted
from pm_desktop.export import ExportCancelled, ExportError, ExportJob, format_for, run_export
from pm_desktop.export.job import refuse_unsafe_target
from pm_desktop.ingest.builtin import load_example
from pm_desktop.ingest.json_import import ImportProblem, parse_review_bytes, read_review_file
from pm_desktop.store.cleaning import clean_copy
from pm_desktop.store.document import AlreadyOpenError, Document, OpenError, StoreError

from .errors import CliError
from .intake import cmd_intake

EXPORT_FORMATS = ("pdf", "md", "csv", "json", "html", "docx", "confluence")


def run(args: argparse.Namespace) -> int:
    handler = {
        "demo": cmd_demo,
        "info": cmd_info,
        "export": cmd_export,
        "import": cmd_import,
        "timeline": cmd_timeline,
        "check": cmd_check,
        "screenshot": cmd_screenshot,
        "clean": cmd_clean,
        "library": cmd_library,
        "intake": cmd_intake,
    }[args.command]
    try:
        return handler(args)
    except (OpenError, StoreError, AlreadyOpenError, ExportError) as exc:
        raise CliError(str(exc)) from exc
    except OSError as exc:
        # The file the command writes is the likeliest culprit (a full disk), then the one it reads.
        where = (
            exc.filename
            or getattr(args, "output", None)
            or getattr(args, "out", None)
            or getattr(args, "file", None)
            or "pm-desktop"
        )
        raise CliError(f"{where}: {exc.strerror or exc}") from exc


def cmd_library(args: argparse.Namespace) -> int:
    from . import library_cmds

    return library_cmds.run(args)


def _related_for_pdf(doc: Document, fmt: str, profile: str) -> tuple:
    """The internal PDF lists earlier related reviews of the library (when there is one)."""
    if fmt != "pdf" or profile != "internal":
        return ()
    from pm_desktop.library.library import related_earlier

    return tuple(related_earlier(doc.review, doc.path))


def _open_read_only(path: str) -> Document:
    return Document.open(path, read_only=True)


def _refuse_existing(path: Path, force: bool) -> None:
    if path.exists() and not force:
        raise CliError(f"{path}: already exists; pass --force to replace it")
    if path.is_dir():
        raise CliError(f"{path}: is a folder")


# ------------------------------------------------------------------------------ demo / import


def cmd_demo(args: argparse.Namespace) -> int:
    out = Path(args.out)
    _refuse_existing(out, args.force)
    example = load_example()
    Document.create(out, example.review, example.blobs, overwrite=args.force).close()
    print(f"wrote the example review to {out}", file=sys.stderr)
    return 0


def cmd_clean(args: argparse.Namespace) -> int:
    out = Path(args.output)
    report = clean_copy(args.file, out)
    print(f"wrote a cleaned copy of {args.file} to {out}: {report.summary()}", file=sys.stderr)
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    out = Path(args.output)
    _refuse_existing(out, args.force)
    try:
        if args.input == "-":
            imported = parse_review_bytes(sys.stdin.buffer.read())
        else:
            imported = read_review_file(args.input)
    except OSError as exc:
        raise CliError(f"{args.input}: {exc.strerror or exc}") from exc
    except ImportProblem as exc:
        raise CliError(f"{args.input}: {exc}; nothing was written") from exc
    Document.create(out, imported.review, imported.blobs, overwrite=args.force).close()
    return 0


# ------------------------------------------------------------------------------ info


def info_dict(doc: Document) -> dict[str, Any]:
    review = doc.review
    m = review.meta
    return {
        "path": str(doc.path),
        "title": m.title,
        "incident_date": m.incident_date,
        "severity": m.severity,
        "status": m.status,
        "display_tz": m.display_tz,
        "counts": review.counts()
        | {"root_causes": len(review.root_causes()), "blobs": len(review.blobs)},
        "metrics": {
            metric.key: {
                "label": metric.label,
                "seconds": metric.seconds,
                "text": metric.text,
                "problem": metric.problem,
            }
            for metric in compute_metrics(review)
        },
    }


def cmd_info(args: argparse.Namespace) -> int:
    with _open_read_only(args.file) as doc:
        data = info_dict(doc)
    if args.json:
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return 0
    c = data["counts"]
    lines = [
        data["title"],
        f"  incident date {data['incident_date'] or '—'} · severity {data['severity'] or '—'} · "
        f"status {data['status']} · times in {data['display_tz']}",
        f"  {c['events']} timeline events · {c['evidence']} evidence items · {c['whys']} whys "
        f"({c['root_causes']} root causes) · {c['followups']} follow-ups · {c['people']} participants",
    ]
    for key, metric in data["metrics"].items():
        note = f"  ({metric['problem']})" if metric["problem"] else ""
        lines.append(f"  {key} {metric['label'].lower()}: {metric['text']}{note}")
    print("\n".join(lines))
    return 0


# ------------------------------------------------------------------------------ export


def _default_output(args: argparse.Namespace) -> Path:
    from pm_desktop.export.profiles import default_stem

    source = Path(args.file)
    fmt = args.format or "pdf"
    ext = ".xml" if fmt == "confluence" else f".{fmt}"
    return source.with_name(default_stem(source.stem, args.profile) + ext)


def cmd_export(args: argparse.Namespace) -> int:
    out = Path(args.output) if args.output else _default_output(args)
    fmt = format_for(out.name, args.format)
    with _open_read_only(args.file) as doc:
        if out.exists() and out.resolve() == doc.path.resolve():
            raise CliError(f"{out}: is the review itself; choose another output file")
        if not args.force:
            refuse_unsafe_target(out, fmt)
        started = time.monotonic()
        shown = [False]

        def progress(fraction: float, message: str) -> None:
            if time.monotonic() - started > 1.0:
                shown[0] = True
                print(
                    f"\r{int(fraction * 100):3d}%  {message[:60]:<60}",
                    end="",
                    file=sys.stderr,
                    flush=True,
                )

        job = ExportJob(
            doc.snapshot(),
            doc.read_blob,
            out,
            args.profile,
            not args.no_images,
            progress,
            tracker=args.tracker,
            related=_related_for_pdf(doc, fmt, args.profile),
        )
        try:
            run_export(fmt, job)
        except ExportCancelled as exc:  # pragma: no cover - only the GUI cancels
            raise CliError(f"{out}: export cancelled") from exc
        finally:
            if shown[0]:
                print(file=sys.stderr)
    return 0


# ------------------------------------------------------------------------------ timeline


def _read_text(source: str) -> str:
    if source == "-":
        data = sys.stdin.buffer.read()
    else:
        try:
            data = Path(source).read_bytes()
        except OSError as exc:
            raise CliError(f"{source}: {exc.strerror or exc}") from exc
    if b"\x00" in data[:8192]:
        raise CliError(f"{source}: is not a text file")
    return data.decode("utf-8", errors="replace")


def _parse_args_date(value: str | None) -> Any:
    if not value:
        return None
    try:
        return timeutil.parse_date(value)
    except timeutil.TimeError as exc:
        raise CliError(f"--date: {exc}", code=2) from exc


def _parse_args_zone(value: str) -> str:
    from pm_desktop.domain.zonewords import resolve_zone_word

    zone = resolve_zone_word(value)
    if zone is None:
        raise CliError(f"--tz: unknown time zone {value!r}", code=2)
    return zone


def cmd_timeline(args: argparse.Namespace) -> int:
    from pm_desktop.ingest.timeline_text import parse_timeline

    if args.timeline_command == "parse":
        text = _read_text(args.textfile)
        result = parse_timeline(
            text,
            default_date=_parse_args_date(args.date),
            default_tz=_parse_args_zone(args.tz),
            date_order=args.date_order,
        )
        if args.json:
            out = [
                {
                    "time": e.time,
                    "tz": e.tz,
                    "text": e.text,
                    "author": e.author,
                    "line": e.line,
                    "kind": e.kind,
                    "approximate": e.approximate,
                    "problems": list(e.problems),
                }
                for e in result.entries
            ]
            print(json.dumps(out, ensure_ascii=False, indent=2))
        else:
            for e in result.entries:
                when = (
                    timeutil.format_time(e.time, e.tz, "YYYY-MM-DD HH:mm")
                    if e.time
                    else "(no time)"
                )
                flag = "~" if e.approximate else " "
                print(
                    f"{e.line:5d}  {when} {e.tz:<8}{flag} {e.text.splitlines()[0] if e.text else ''}"
                )
                for problem in e.problems:
                    print(f"       ! {problem}")
        for warning in result.warnings:
            print(f"pm-desktop: note: {warning}", file=sys.stderr)
        return 0

    # timeline add
    text = _read_text(args.textfile)
    doc = Document.open(args.file)
    try:
        meta = doc.review.meta
        default_date = _parse_args_date(args.date) or (
            timeutil.parse_date(meta.incident_date) if meta.incident_date else None
        )
        zone = _parse_args_zone(args.tz) if args.tz else meta.display_tz
        result = parse_timeline(
            text, default_date=default_date, default_tz=zone, date_order=args.date_order
        )
        from pm_desktop.domain.ops import EventDraft, add_events

        entries = [
            EventDraft(
                time=e.time,
                tz=e.tz,
                text=e.text,
                kind=e.kind if e.kind in EVENT_KINDS else "note",
                approximate=e.approximate,
                author=e.author,
                source="paste",
            )
            for e in result.entries
            if e.text.strip() or e.time
        ]
        if not entries:
            raise CliError(f"{args.textfile}: no timeline entries found; nothing was added")

        doc.apply(add_events(doc.review, entries, f"Add {counted(len(entries), 'pasted event')}"))
        print(f"added {counted(len(entries), 'event')} to {doc.path}", file=sys.stderr)
    finally:
        doc.close()
    return 0


# ------------------------------------------------------------------------------ check


def cmd_check(args: argparse.Namespace) -> int:
    if args.profile == "external":
        return _check_external(args)
    from pm_desktop.domain.coach import review_findings

    with _open_read_only(args.file) as doc:
        findings = review_findings(doc.review)
    if args.json:
        print(json.dumps([f.to_dict() for f in findings], ensure_ascii=False, indent=2))
        return 0
    if not findings:
        print("No findings: the review reads as blameless, complete and actionable.")
        return 0
    for f in findings:
        where = (
            f"{f.where_kind} {f.field}" if f.where_kind == "review" and f.field else f.where_kind
        )
        print(f"[{f.severity}] {f.rule} ({where}): {f.message}")
        if f.text:
            print(f"    “{f.text}”")
        if f.suggestion:
            print(f"    → {f.suggestion}")
    return 0


def _check_external(args: argparse.Namespace) -> int:
    from pm_desktop.domain.customer_version import customer_check

    with _open_read_only(args.file) as doc:
        findings = customer_check(doc.review)
    if args.json:
        print(json.dumps([f.to_dict() for f in findings], ensure_ascii=False, indent=2))
        return 0
    if not findings:
        print("Nothing to remove and nothing doubtful: the customer version is the review as is.")
        return 0
    for f in findings:
        where = f"{f.place.kind} {f.place.field}".strip()
        if f.action == "suspicious":
            print(f"[check] {f.category} ({where}): “{f.text}”")
        else:
            print(
                f"[{f.action}] {f.category} ({where}): “{f.text}” → {f.replacement or 'left out'}"
            )
    removed = sum(1 for f in findings if f.action != "suspicious")
    doubtful = len(findings) - removed
    print(f"{removed} removed or replaced, {doubtful} to look at before sending.")
    return 0


# ------------------------------------------------------------------------------ screenshot


def cmd_screenshot(args: argparse.Namespace) -> int:
    if sum((bool(args.file), bool(args.demo), bool(args.new))) != 1:
        raise CliError("screenshot: give a FILE, --demo or --new", code=2)
    from pm_desktop.ui.screenshots import take_screenshots  # Qt only here

    written = take_screenshots(
        args.file,
        demo=args.demo,
        out=Path(args.out),
        size=args.size,
        theme=args.theme,
        new=args.new,
    )
    for path in written:
        print(path)
    return 0
