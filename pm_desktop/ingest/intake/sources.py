"""Which importer reads a file, and the options they share (the CLI and the app both use it).

``auto`` looks at the file: a ZIP is a Slack export; JSON with PagerDuty log entries or an
Opsgenie alert is that; ``.csv``/``.tsv``/``.txt`` is a CSV. Anything else is one sentence
asking for ``--from``.
"""

from __future__ import annotations

import datetime as _dt
import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .csv_source import CsvOptions, csv_entries, guess_mapping, parse_map_options, read_table
from .entries import IntakeError, IntakeResult
from .opsgenie import alert_of, opsgenie_entries
from .pagerduty import log_entries_of, pagerduty_entries
from .safe_files import read_json
from .slack import SlackOptions, read_slack_export

SOURCES: tuple[str, ...] = ("slack", "pagerduty", "opsgenie", "csv")
SOURCE_LABELS = {
    "slack": "Slack export",
    "pagerduty": "PagerDuty log",
    "opsgenie": "Opsgenie alert",
    "csv": "CSV",
}


@dataclass(frozen=True, slots=True)
class IntakeOptions:
    kind: str = "auto"
    channels: tuple[str, ...] = ()
    since: str | None = None
    until: str | None = None
    zone: str = "UTC"
    default_date: _dt.date | None = None
    map_args: tuple[str, ...] = ()  # COL=FIELD
    mapping: Mapping[str, str] | None = field(default=None)  # a mapping chosen in the app


def detect(path: Path) -> str:
    """The importer for ``path`` (never guesses from the name alone for JSON)."""
    if not path.exists():
        raise IntakeError(f"{path}: no such file")
    if path.is_dir():
        raise IntakeError(f"{path}: is a folder; give the export's ZIP file")
    suffix = path.suffix.casefold()
    if suffix in (".csv", ".tsv", ".txt"):
        return "csv"
    if suffix == ".zip" or zipfile.is_zipfile(path):
        return "slack"
    if suffix == ".json":
        data = read_json(path)
        if log_entries_of(data) is not None:
            return "pagerduty"
        if alert_of(data) is not None:
            return "opsgenie"
        raise IntakeError(
            f"{path}: is JSON but neither a PagerDuty log nor an Opsgenie alert "
            "(a review's JSON export is brought in with `pm-desktop import`)"
        )
    raise IntakeError(
        f"{path}: cannot tell what this file is; say --from slack|pagerduty|opsgenie|csv"
    )


def read_source(path: Path, options: IntakeOptions) -> tuple[str, IntakeResult]:
    """Read one file with the importer ``options.kind`` names (or the detected one)."""
    kind = detect(path) if options.kind == "auto" else options.kind
    if kind not in SOURCES:
        raise IntakeError(f"--from {kind}: choose one of {', '.join(SOURCES)} or auto")
    if not path.is_file():
        raise IntakeError(f"{path}: no such file")
    if kind == "slack":
        slack = SlackOptions(options.channels, options.since, options.until)
        return kind, read_slack_export(path, slack)
    if kind == "pagerduty":
        return kind, pagerduty_entries(read_json(path), str(path), options.since, options.until)
    if kind == "opsgenie":
        return kind, opsgenie_entries(read_json(path), str(path), options.since, options.until)
    table = read_table(path)
    mapping = dict(options.mapping) if options.mapping is not None else guess_mapping(table.header)
    mapping.update(parse_map_options(options.map_args, table.header, str(path)))
    mapping = _one_column_per_field(mapping)
    csv_options = CsvOptions(
        mapping, options.zone, options.default_date, options.since, options.until
    )
    return kind, csv_entries(table, csv_options, path.name)


def _one_column_per_field(mapping: dict[str, str]) -> dict[str, str]:
    """A later ``--map`` for a field wins over a guessed column for the same field."""
    by_field: dict[str, str] = {}
    for col, fld in mapping.items():
        by_field[fld] = col
    return {col: fld for fld, col in by_field.items()}


def read_sources(paths: Sequence[Path], options: IntakeOptions) -> list[tuple[str, IntakeResult]]:
    """Every file read before anything is changed: one bad file and nothing is imported."""
    return [read_source(p, options) for p in paths]
