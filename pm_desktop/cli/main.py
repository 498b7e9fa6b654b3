"""Argument parsing and error reporting for ``pm-desktop``."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from pm_desktop import __version__

from .errors import CliError

SUBCOMMANDS = (
    "demo",
    "info",
    "export",
    "import",
    "timeline",
    "check",
    "screenshot",
    "clean",
    "library",
    "merge",
    "intake",
)


def _gui_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="pm-desktop",
        description="Blameless incident postmortems, offline. Without a sub-command, opens the app.",
        epilog="Sub-commands: " + ", ".join(SUBCOMMANDS) + " (pm-desktop SUBCOMMAND --help).",
    )
    p.add_argument("file", nargs="?", help="a .pmreview file to open")
    p.add_argument(
        "--demo", action="store_true", help="open a fresh copy of the built-in example review"
    )
    p.add_argument(
        "--smoke",
        action="store_true",
        help="start, paint the main window once, print JSON timings, exit",
    )
    p.add_argument("--version", action="version", version=f"pm-desktop {__version__}")
    return p


def _command_parser() -> argparse.ArgumentParser:
    from . import headless  # here: the GUI's start-up does not need the headless commands

    p = argparse.ArgumentParser(prog="pm-desktop", description="pm-desktop headless commands")
    sub = p.add_subparsers(dest="command", required=True)

    s = sub.add_parser("demo", help="write the example review to a file")
    s.add_argument("out", help="where to write it (.pmreview)")
    s.add_argument("--force", action="store_true", help="replace OUT if it exists")

    s = sub.add_parser("info", help="title, counts and metrics of a review")
    s.add_argument("file")
    s.add_argument("--json", action="store_true", help="machine-readable output")

    s = sub.add_parser(
        "export", help="export a review (pdf, md, csv, json, html, docx, confluence)"
    )
    s.add_argument("file")
    s.add_argument(
        "-o",
        "--output",
        help="output file (its extension picks the format); default: next to FILE, "
        "named FILE-external for --profile external",
    )
    s.add_argument("--format", choices=headless.EXPORT_FORMATS, help="overrides the extension")
    s.add_argument("--profile", choices=("internal", "external"), default="internal")
    s.add_argument(
        "--force",
        action="store_true",
        help="replace OUTPUT even when it is not an earlier export of the same format",
    )
    s.add_argument(
        "--no-images",
        action="store_true",
        help="Markdown and Confluence: leave images out instead of writing them next to the file",
    )
    s.add_argument(
        "--tracker",
        choices=("jira", "linear", "github"),
        default="jira",
        help="CSV: the columns your tracker imports (default: jira)",
    )

    s = sub.add_parser("import", help="create a review from a JSON export")
    s.add_argument("input", help="the .json file")
    s.add_argument("-o", "--output", required=True, help="the .pmreview to create")
    s.add_argument("--force", action="store_true", help="replace OUTPUT if it exists")

    s = sub.add_parser("timeline", help="parse pasted timelines")
    tsub = s.add_subparsers(dest="timeline_command", required=True)
    t = tsub.add_parser("parse", help="parse a pasted timeline and print what was understood")
    t.add_argument("textfile", nargs="?", default="-", help="text file, or - for standard input")
    t.add_argument("--date", help="date for times without one (YYYY-MM-DD)")
    t.add_argument("--tz", default="UTC", help="zone for times without one (default UTC)")
    t.add_argument(
        "--date-order",
        choices=("md", "dm"),
        help="read numeric dates such as 11/02 month first (md) or day first (dm) when no date "
        "in the text settles it",
    )
    t.add_argument("--json", action="store_true")
    t = tsub.add_parser("add", help="parse a pasted timeline and add it to a review")
    t.add_argument("file", help="the .pmreview")
    t.add_argument("textfile", nargs="?", default="-", help="text file, or - for standard input")
    t.add_argument("--date", help="date for times without one (default: the incident date)")
    t.add_argument("--tz", help="zone for times without one (default: the review's display zone)")
    t.add_argument(
        "--date-order",
        choices=("md", "dm"),
        help="read numeric dates such as 11/02 month first (md) or day first (dm) when no date "
        "in the text settles it",
    )

    s = sub.add_parser("check", help="review coach: blame, vague follow-ups, missing pieces")
    s.add_argument("file")
    s.add_argument("--json", action="store_true")
    s.add_argument(
        "--profile",
        choices=("internal", "external"),
        default="internal",
        help="external: list what the customer version removes and what still looks doubtful",
    )

    s = sub.add_parser(
        "clean",
        help="copy a review someone sent into a new file with only our schema and checked data",
    )
    s.add_argument("file", help="the review file that was refused as untrusted")
    s.add_argument("-o", "--output", required=True, help="the new .pmreview to write")

    from . import library_cmds

    library_cmds.add_parser(sub)

    from . import merge_cmd

    merge_cmd.add_parser(sub)

    s = sub.add_parser(
        "intake",
        help="bring a Slack export, a PagerDuty log, an Opsgenie alert or a CSV into a review",
    )
    s.add_argument("sources", nargs="+", metavar="SOURCE", help="the files to bring in")
    s.add_argument(
        "--into", required=True, metavar="REVIEW", help="the .pmreview (created when missing)"
    )
    s.add_argument(
        "--from",
        dest="source_kind",
        choices=("slack", "pagerduty", "opsgenie", "csv", "auto"),
        default="auto",
        help="what the files are (default: tell from each file)",
    )
    s.add_argument(
        "--channel",
        action="append",
        default=[],
        metavar="NAME",
        help="Slack: a channel to bring in (repeat for more; default: all)",
    )
    s.add_argument("--since", metavar="ISO", help="leave out what happened before this time")
    s.add_argument("--until", metavar="ISO", help="leave out what happened after this time")
    s.add_argument(
        "--tz",
        metavar="ZONE",
        help="CSV: the zone of times written without one (default: the review's display zone)",
    )
    s.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="COL=FIELD",
        help="CSV: the column for a field (time, date, zone, text, author, kind); repeat",
    )
    s.add_argument(
        "--dry-run", action="store_true", help="show what would be added; change nothing"
    )
    s.add_argument("--json", action="store_true", help="machine-readable output")

    s = sub.add_parser("screenshot", help="render every main view to PNG (offscreen)")
    s.add_argument("file", nargs="?")
    s.add_argument("--demo", action="store_true")
    s.add_argument("--new", action="store_true", help="a brand-new review from the template")
    s.add_argument("--out", required=True, help="folder for the PNG files")
    s.add_argument("--size", default="1600x1000", help="window size, e.g. 1366x768")
    s.add_argument("--theme", default="all", help="light, dark, high-contrast or all")
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    try:
        if args_list and args_list[0] in SUBCOMMANDS:
            from . import headless

            args = _command_parser().parse_args(args_list)
            if args.command == "merge":
                from . import merge_cmd

                return merge_cmd.run(args)
            return headless.run(args)
        args = _gui_parser().parse_args(args_list)
        if args.demo and args.file:
            _gui_parser().error("give a FILE or --demo, not both")
        from .gui import run_gui  # Qt is imported only here

        return run_gui(args)
    except CliError as exc:
        print(f"pm-desktop: {exc}", file=sys.stderr)
        return exc.code
    except KeyboardInterrupt:
        print("pm-desktop: interrupted", file=sys.stderr)
        return 130
