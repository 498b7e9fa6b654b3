"""Any CSV (a monitoring export, a spreadsheet) → timeline entries, through a column mapping.

The mapping says which column holds each field: ``time`` (required), ``date`` (when the date
sits in its own column), ``zone`` (a zone name, abbreviation or offset per row), ``text``
(required), ``author`` and ``kind``. :func:`guess_mapping` proposes one from the header;
the user confirms or changes it (the app remembers it per header set; the CLI takes
``--map COL=FIELD``).

Times are read with the domain's time helpers and explicit zone rules: a time with an offset
or ``Z`` is that instant; otherwise the row's zone column, else the zone the user chose, is the
zone of the wall-clock time; numbers of 10 or 13 digits are seconds or milliseconds since the
epoch (UTC). Dates like 03/04/2026 are read day-first or month-first as the column shows (a
first number above 12 means day-first, a second above 12 month-first); a column that never
says is refused for those rows rather than guessed. A time that does not exist or happens
twice (daylight saving) and a time without a date stay untimed with a warning: nothing is
invented.
"""

from __future__ import annotations

import csv
import datetime as _dt
import io
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from pm_desktop.domain import timeutil
from pm_desktop.domain.model import EVENT_KINDS
from pm_desktop.domain.time_input import parse_time_input, scan_stamp
from pm_desktop.domain.zonewords import resolve_zone_word

from .entries import IntakeEntry, IntakeError, IntakePerson, IntakeResult, clean_text, one_line
from .safe_files import decode_text, read_bytes

FIELDS: tuple[str, ...] = ("time", "date", "zone", "text", "author", "kind")
MAX_ROWS = 200_000
_GUESSES: dict[str, tuple[str, ...]] = {
    "time": ("timestamp", "time", "datetime", "created_at", "created", "when", "occurred", "at"),
    "date": ("date", "day"),
    "zone": ("zone", "timezone", "time zone", "tz", "offset", "utc offset"),
    "text": ("text", "message", "description", "summary", "event", "note", "details", "what"),
    "author": ("author", "user", "who", "by", "owner", "person", "name", "responder"),
    "kind": ("kind", "type", "category", "event type"),
}
_KIND_WORDS = {
    "trigger": "detected",
    "triggered": "detected",
    "alert": "detected",
    "detect": "detected",
    "ack": "acknowledged",
    "acknowledge": "acknowledged",
    "mitigate": "mitigated",
    "resolve": "resolved",
    "closed": "resolved",
    "close": "resolved",
    "impact": "impact_start",
    "impact start": "impact_start",
    "comms": "communication",
    "update": "communication",
}
_NUMERIC_DATE_RE = re.compile(r"^(\d{1,2})[/.](\d{1,2})[/.](\d{4})\b")
_EPOCH_RE = re.compile(r"^\d{10}(\d{3})?(\.\d+)?$")


@dataclass(frozen=True, slots=True)
class CsvTable:
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


def read_table(path: Path) -> CsvTable:
    return parse_table(decode_text(read_bytes(path), str(path)), str(path))


def parse_table(text: str, where: str) -> CsvTable:
    if "\x00" in text:
        raise IntakeError(f"{where}: is not a text file")
    sample = text[:20_000]
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(sample, ",;\t|")
    except csv.Error:
        dialect = csv.excel
    csv.field_size_limit(1_000_000)
    try:
        rows = []
        for n, row in enumerate(csv.reader(io.StringIO(text), dialect)):
            if n > MAX_ROWS:
                raise IntakeError(f"{where}: has more than {MAX_ROWS:,} rows")
            rows.append(tuple(cell.strip() for cell in row))
    except csv.Error as exc:
        raise IntakeError(f"{where}: cannot be read as CSV ({exc})") from None
    rows = [r for r in rows if any(r)]
    if not rows:
        raise IntakeError(f"{where}: is empty")
    header = tuple(one_line(h, 80) for h in rows[0])
    if len(header) < 2:
        raise IntakeError(
            f"{where}: has a single column; a timeline needs at least a time and a text"
        )
    return CsvTable(header, tuple(rows[1:]))


def guess_mapping(header: Sequence[str]) -> dict[str, str]:
    """Column → field for the columns whose names say what they hold (each field once)."""
    mapping: dict[str, str] = {}
    taken: set[str] = set()
    for field in FIELDS:
        for col in header:
            name = col.strip().casefold().replace("_", " ")
            if col in mapping or field in taken:
                continue
            if name in _GUESSES[field] or name.replace(" ", "_") in _GUESSES[field]:
                mapping[col] = field
                taken.add(field)
    return mapping


def parse_map_options(values: Sequence[str], header: Sequence[str], where: str) -> dict[str, str]:
    """``COL=FIELD`` strings (the CLI's ``--map``) → a mapping, checked against the header."""
    mapping: dict[str, str] = {}
    for value in values:
        col, eq, field = value.rpartition("=")
        if not eq or not col:
            raise IntakeError(f'--map {value}: write it as COLUMN=FIELD, e.g. "Created=time"')
        if field not in FIELDS:
            raise IntakeError(f"--map {value}: FIELD is one of {', '.join(FIELDS)}")
        if col not in header:
            raise IntakeError(f"{where}: has no column {col!r}; it has {', '.join(header)}")
        mapping[col] = field
    return mapping


def header_key(header: Sequence[str]) -> str:
    """The same for the same set of column names, whatever their order (remembering a mapping)."""
    return "\x1f".join(sorted(h.casefold() for h in header))


def _kind(value: str) -> str:
    word = value.strip().casefold().replace("-", " ")
    if word.replace(" ", "_") in EVENT_KINDS:
        return word.replace(" ", "_")
    return _KIND_WORDS.get(word, "note")


def _day_first(values: Sequence[str]) -> bool | None:
    first = second = False
    for value in values:
        m = _NUMERIC_DATE_RE.match(value)
        if m:
            first |= int(m.group(1)) > 12
            second |= int(m.group(2)) > 12
    if first != second:
        return first
    return None


@dataclass(frozen=True, slots=True)
class CsvOptions:
    mapping: Mapping[str, str]
    zone: str = "UTC"  # for times written without a zone
    default_date: _dt.date | None = None  # for times written without a date
    since: str | None = None
    until: str | None = None


def read_time(
    value: str, zone_cell: str, options: CsvOptions, day_first: bool | None
) -> tuple[str | None, str, str]:
    """One cell → (canonical instant or None, zone it was read in, warning)."""
    raw = value.strip()
    if not raw:
        return None, options.zone, "no time"
    if _EPOCH_RE.match(raw):
        seconds = float(raw) / (1000 if len(raw.split(".")[0]) == 13 else 1)
        moment = _dt.datetime.fromtimestamp(int(seconds), _dt.UTC)
        return timeutil.to_canonical(moment), "UTC", ""
    try:
        return timeutil.parse_instant(raw), "UTC", ""
    except timeutil.TimeError:
        pass
    zone = options.zone
    if zone_cell.strip():
        resolved = resolve_zone_word(zone_cell.strip())
        if resolved is None:
            return None, zone, f"unknown zone {zone_cell.strip()[:40]!r}"
        zone = resolved
    m = _NUMERIC_DATE_RE.match(raw)
    if m:
        if day_first is None:
            return None, zone, f"{m.group(0)} could be day-first or month-first"
        day, month = (m.group(1), m.group(2)) if day_first else (m.group(2), m.group(1))
        raw = f"{m.group(3)}-{int(month):02d}-{int(day):02d}{raw[m.end() :]}"
    stamp = scan_stamp(raw, 0, loose_clock=True)
    if stamp is not None and stamp.date_kind is None and options.default_date is None:
        return None, zone, "a time without a date (map a date column or give a date)"
    reading = parse_time_input(
        raw, default_date=options.default_date or _dt.date(2000, 1, 1), zone=zone
    )
    if reading.status == "ok":
        return reading.instant, reading.zone, ""
    return None, reading.zone, reading.message or reading.status


def csv_entries(table: CsvTable, options: CsvOptions, name: str) -> IntakeResult:
    by_field = {field: col for col, field in options.mapping.items()}
    for required in ("time", "text"):
        if required not in by_field:
            raise IntakeError(
                f"{name}: say which column holds the {required} "
                f"(columns: {', '.join(table.header)})"
            )
    index = {field: table.header.index(col) for field, col in by_field.items()}

    def cell(row: tuple[str, ...], field: str) -> str:
        i = index.get(field)
        return row[i] if i is not None and i < len(row) else ""

    times = [
        (cell(r, "date") + " " + cell(r, "time")).strip() if "date" in index else cell(r, "time")
        for r in table.rows
    ]
    day_first = _day_first(times)
    source = f"csv:{one_line(name, 120)}"
    entries: list[IntakeEntry] = []
    people: dict[str, IntakePerson] = {}
    skipped: dict[str, int] = {}
    for n, (row, when) in enumerate(zip(table.rows, times, strict=True)):
        text = clean_text(cell(row, "text"))
        if not text:
            skipped["rows without text"] = skipped.get("rows without text", 0) + 1
            continue
        instant, zone, warning = read_time(when, cell(row, "zone"), options, day_first)
        if instant and (
            (options.since and instant < options.since)
            or (options.until and instant > options.until)
        ):
            skipped["outside the time range"] = skipped.get("outside the time range", 0) + 1
            continue
        author = one_line(cell(row, "author"), 120)
        if author:
            people.setdefault(author, IntakePerson(author))
        entries.append(
            IntakeEntry(
                instant,
                text,
                zone,
                author,
                _kind(cell(row, "kind")),
                source,
                key=f"row-{n + 2}",
                warning=f"row {n + 2}: {warning}" if warning else "",
            )
        )
    untimed = sum(1 for e in entries if e.time is None)
    warnings = (f"{untimed} row(s) have no usable time: check them",) if untimed else ()
    return IntakeResult(
        tuple(entries), tuple(people.values()), skipped, warnings, f"CSV, {len(table.rows)} rows"
    )


def read_csv(path: Path, options: CsvOptions) -> IntakeResult:
    return csv_entries(read_table(path), options, path.name)
