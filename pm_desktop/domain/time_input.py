"""What a person types into a time cell, read without guessing.

The timeline editor lets people type times the way they say them (``9:15pm``, ``+5m``,
``yesterday 23:10``, ``09:15 PST``). Generic date parsers are not used on this text: they read a bare
``09:15`` as today in UTC, and an unknown zone word as UTC, without saying so. Here every accepted
form is an explicit pattern, zone words go through :mod:`zonewords`, and a wall-clock time that DST
makes ambiguous or skips is handed back with both readings so the UI can ask.

Numeric day/month dates such as ``12/03`` are refused: half the world reads them the other way
round. Dates are typed ``2025-03-12``, ``2025/03/12``, with a month name (``Mar 12``, ``12 March``)
or day-first with dots and a full year (``12.03.2025``), which only reads one way.

The low-level stamp scanner here (:func:`scan_stamp`) is shared with the pasted-timeline parser in
``pm_desktop.ingest`` so that both read dates, clocks and zones the same way.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass
from typing import NamedTuple

from pm_desktop.domain import timeutil
from pm_desktop.domain.zonewords import resolve_zone_word

MONTHS = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "may": 5,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}

_I = re.IGNORECASE
_MONTH = (
    r"(?P<mon>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b\.?"
)
_YEAR = r"(?P<y>(?:19|20|21)\d{2})(?![\d:])"
_DAY = r"(?P<d>[0-3]?\d)(?:st|nd|rd|th)?(?![\d:])"

# Dates, tried in this order at the scan position. The kind tells the caller how sure we are.
_DATES: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "iso",
        re.compile(
            r"(?P<y>(?:19|20|21)\d{2})(?P<s>[-/.])(?P<m>[01]?\d)(?P=s)(?P<d>[0-3]?\d)(?!\d)"
        ),
    ),
    ("name", re.compile(r"(?P<y>(?:19|20|21)\d{2})[ ,]+" + _MONTH + r"\s*" + _DAY, _I)),
    ("name", re.compile(_MONTH + r"\s*" + _DAY + r"(?:(?:,\s*|\s+)" + _YEAR + r")?", _I)),
    ("name", re.compile(_DAY + r"[ \-]*" + _MONTH + r"(?:(?:,\s*|[ \-]+)" + _YEAR + r")?", _I)),
    ("dotted", re.compile(r"(?P<d>[0-3]?\d)\.(?P<m>[01]?\d)\.(?P<y>(?:19|20|21)\d{2})(?!\d)")),
    (
        "numeric",
        re.compile(r"(?P<a>[0-3]?\d)/(?P<b>[0-3]?\d)(?:/(?P<y>(?:19|20|21)?\d{2}))?(?![\d/])"),
    ),
)
# Only the month-first form starts with a letter; sorting them spares pointless matches.
_DATES_BY_LETTER = (_DATES[2],)
_DATES_BY_DIGIT = tuple(d for i, d in enumerate(_DATES) if i != 2)
_CLOCK_START_RE = re.compile(r"\d{1,2}:\d")
_WEEKDAY_RE = re.compile(
    r"(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|sday|rsday|urday)?\.?,?\s+", _I
)
_APPROX_PREFIX_RE = re.compile(
    r"(?:~|\u2248|(?:about|around|approx\.?|approximately|roughly|circa|ca\.)(?=[\s\d]))\s*", _I
)
_DATE_TIME_SEP_RE = re.compile(r"(?:T|\s*(?:,|@|at\b|-|\u2013|\u2014)\s*|\s+)", _I)
_AMPM = r"(?:\s?(?P<ap>[ap])\.?\s?m\b\.?)"
_TIME_COLON_RE = re.compile(
    r"(?P<h>[0-2]?\d):(?P<mi>[0-5]\d)(?::(?P<s>[0-6]\d)(?:[.,]\d{1,9})?)?(?!\d)" + _AMPM + "?", _I
)
_TIME_AMPM_RE = re.compile(r"(?P<h>[01]?\d)" + _AMPM, _I)
_TIME_DOT_RE = re.compile(r"(?P<h>[0-2]?\d)\.(?P<mi>[0-5]\d)(?!\d)" + _AMPM + "?", _I)
_TIME_COMPACT_RE = re.compile(r"(?P<h>[0-2]\d)(?P<mi>[0-5]\d)(?!\d)")
_CLOCKS = (_TIME_COLON_RE, _TIME_AMPM_RE)
_LOOSE_CLOCKS = (*_CLOCKS, _TIME_DOT_RE, _TIME_COMPACT_RE)
_ATTACHED_Z_RE = re.compile(r"Z(?![A-Za-z0-9])")
_ATTACHED_OFFSET_RE = re.compile(r"[+\-\u2212](?:0\d|1[0-4]):?(?:00|15|30|45)(?!\d)")
_APPROX_SUFFIX_RE = re.compile(r"(?:\s?-?\s?ish\b|\?|\+(?!\s?\d))", _I)
# A zone after the clock: "UTC", "(PST)", "GMT+8", "UTC+05:30", "-0800", "Europe/Berlin".
_ZONE_RE = re.compile(
    r"\s*(?P<open>\()?\s*(?P<zone>"
    r"(?:UTC|GMT|utc|gmt)\s?[+\-\u2212]\s?\d{1,2}(?::?\d{2})?(?!\d)"
    r"|(?<=[\s(])[+\-\u2212]\d{2}:?\d{2}(?!\d)"
    r"|[A-Z][A-Za-z_]+(?:/[A-Za-z][A-Za-z0-9_+\-]*){1,2}"
    r"|utc|gmt|[A-Z]{1,5}"
    r")(?![A-Za-z0-9/])\s*(?P<close>\))?"
)


class Stamp(NamedTuple):
    """A date and/or clock time found at the start of some text (before any zone is applied).

    A named tuple rather than a frozen dataclass: as immutable, and built five times faster,
    which a 10,000-line paste (one stamp a line, some lines several) feels. Change one field
    with ``stamp._replace(...)``.
    """

    start: int
    end: int  # index just after the stamp (and its zone word, if any)
    date_kind: str | None  # "iso", "name", "dotted", "numeric" or None
    year: int | None
    month: int | None
    day: int | None
    numeric: tuple[int, int] | None  # the two numbers of an "a/b" date, order unknown
    hour: int | None  # 0-23, already adjusted for am/pm
    minute: int
    second: int
    zone_word: str | None  # as written
    approximate: bool
    time_start: int  # where the clock starts (== end of the date when there is none)
    time_end: int  # just after the clock, before any zone word
    zone_start: int  # where the zone word starts (== end when there is none)

    @property
    def has_time(self) -> bool:
        return self.hour is not None


def _clock(m: re.Match[str]) -> tuple[int, int, int] | None:
    """Hour, minute, second of a clock match, or None when it is not a real time."""
    hour = int(m.group("h"))
    gd = m.groupdict()
    minute = int(gd.get("mi") or 0)
    second = min(int(gd.get("s") or 0), 59)  # a leap second is read as :59
    ap = gd.get("ap")
    if ap:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if ap.lower() == "p" else 0)
    if hour > 23:
        return None
    return hour, minute, second


def scan_stamp(text: str, pos: int = 0, *, loose_clock: bool = False) -> Stamp | None:
    """Read a date and/or a clock time starting exactly at ``pos``; None when there is neither.

    ``loose_clock`` also accepts ``9.15`` and ``0915`` (sensible in a time cell, too risky in
    pasted prose where "3.5 hours" or "2019 was..." would turn into times).
    """
    start = pos
    if pos >= len(text) or not (text[pos].isalnum() or text[pos] in "~\u2248"):
        return None  # every stamp starts with a digit, a letter or "~"
    approximate = False
    if not text[pos].isdigit():
        m = _APPROX_PREFIX_RE.match(text, pos)
        if m:
            approximate, pos = True, m.end()
        m = _WEEKDAY_RE.match(text, pos)
        if m and m.end() < len(text) and text[m.end()].isalnum():
            pos = m.end()
    date_kind = year = month = day = numeric = None
    date_end = pos
    # "09:15" cannot start a date: skip the date patterns for the most common case.
    if pos >= len(text) or _CLOCK_START_RE.match(text, pos):
        dates: tuple[tuple[str, re.Pattern[str]], ...] = ()
    else:
        dates = _DATES_BY_DIGIT if text[pos].isdigit() else _DATES_BY_LETTER
    for kind, pattern in dates:
        dm = pattern.match(text, pos)
        if not dm:
            continue
        gd = dm.groupdict()
        year = int(gd["y"]) if gd.get("y") else None
        if year is not None and year < 100:
            year += 2000
        if kind == "numeric":
            numeric = (int(gd["a"]), int(gd["b"]))
        else:
            day = int(gd["d"])
            month = MONTHS[gd["mon"][:3].lower()] if gd.get("mon") else int(gd["m"])
            if not (1 <= month <= 12 and 1 <= day <= 31):
                continue
        date_kind, date_end = kind, dm.end()
        break
    # The clock: right at pos when there is no date, else after a separator.
    at = pos
    if date_kind is not None:
        sep = _DATE_TIME_SEP_RE.match(text, date_end)
        at = sep.end() if sep else date_end
        if sep and sep.group(0) in ("T", "t") and date_kind != "iso":
            at = date_end  # "T" only joins an ISO date to its time
    time_start = date_end
    clock = cm = None
    for pattern in _LOOSE_CLOCKS if loose_clock else _CLOCKS:
        cm = pattern.match(text, at)
        if cm and (clock := _clock(cm)) is not None:
            time_start = at
            break
        cm = None
    if date_kind is None and cm is None:
        return None
    if date_kind == "numeric" and cm is None and year is None:
        return None  # "3/4 of the nodes" is not a date
    end = cm.end() if cm else date_end
    time_end = zone_start = end
    zone_word = None
    if cm:
        iso_like = date_kind == "iso" and (
            text[date_end : date_end + 1] == "T" or cm.groupdict().get("s")
        )
        zm = _ATTACHED_Z_RE.match(text, end)
        om = _ATTACHED_OFFSET_RE.match(text, end) if iso_like else None
        if zm:
            zone_word, end = "Z", zm.end()
        elif om:
            zone_word, end = om.group(0).replace("\u2212", "-"), om.end()
        am = _APPROX_SUFFIX_RE.match(text, end)
        if am:
            approximate, end = True, am.end()
        zone_start = end if zone_word is None else time_end
        if zone_word is None:
            zm2 = _ZONE_RE.match(text, end)
            # "(PST" without its ")" is not taken; "PST)" leaves the ")" to the caller.
            if zm2 and not (zm2.group("open") and not zm2.group("close")):
                zone_word = zm2.group("zone")
                end = zm2.end() if zm2.group("open") else zm2.end("zone")
                am = _APPROX_SUFFIX_RE.match(text, end)
                if am:
                    approximate, end = True, am.end()
    hour, minute, second = clock if clock else (None, 0, 0)
    # By position, in field order: a named tuple built by keyword costs five times as much.
    return Stamp(
        start, end, date_kind, year, month, day, numeric, hour, minute, second, zone_word,
        approximate, time_start, time_end, zone_start,
    )  # fmt: skip


def closest_year(month: int, day: int, near: _dt.date) -> _dt.date | None:
    """The date with this month and day nearest to ``near`` (so Dec 31 next to Jan 2 is last year)."""
    best: _dt.date | None = None
    for year in (near.year - 1, near.year, near.year + 1):
        try:
            candidate = _dt.date(year, month, day)
        except (ValueError, OverflowError):
            continue
        if best is None or abs((candidate - near).days) < abs((best - near).days):
            best = candidate
    return best


def stamp_date(stamp: Stamp, near: _dt.date) -> _dt.date | None:
    """The calendar date a stamp names (year filled in from ``near``), or None if not a real date.

    Numeric ``a/b`` dates are not handled here; the caller decides their order.
    """
    if stamp.month is None or stamp.day is None:
        return None
    if stamp.year is None:
        return closest_year(stamp.month, stamp.day, near)
    try:
        return _dt.date(stamp.year, stamp.month, stamp.day)
    except ValueError:
        return None


def zone_label_at(canonical: str, zone: str) -> str:
    """Short name of the offset in force at an instant: ``CEST``, or ``UTC+04:00`` when unnamed."""
    try:
        local = timeutil.in_zone(canonical, zone)
        name = local.tzname() or ""
        if name.isalpha():
            return name
        return "UTC" + timeutil.offset_name(int(timeutil.utc_offset(local).total_seconds()))
    except Exception:  # the label is decoration; never fail on it
        return zone


def dst_message(resolution: timeutil.LocalResolution, wall: _dt.datetime) -> str:
    """A sentence explaining an ambiguous or skipped wall-clock time, naming both readings."""
    clock = f"{wall:%H:%M}"
    day = wall.date().isoformat()
    zone = resolution.zone
    first, second = resolution.choices[0], resolution.choices[-1]
    if resolution.status == "ambiguous":
        return (
            f"{clock} happens twice in {zone} on {day}; choose the first "
            f"({zone_label_at(first, zone)}) or the second ({zone_label_at(second, zone)})"
        )
    if resolution.status == "nonexistent":
        a, b = (timeutil.in_zone(c, zone) for c in (first, second))
        return (
            f"{clock} does not exist in {zone} on {day} (the clocks jump forward); choose "
            f"{a:%H:%M} {zone_label_at(first, zone)} or {b:%H:%M} {zone_label_at(second, zone)}"
        )
    return ""


# --------------------------------------------------------------------------- the time cell


@dataclass(frozen=True, slots=True)
class TimeInput:
    """The outcome of reading a time cell.

    ``choices`` holds canonical UTC instants: one when ``status`` is ``"ok"``, the earlier and the
    later reading when it is ``"ambiguous"`` or ``"nonexistent"``, none on ``"error"``.
    """

    status: str
    choices: tuple[str, ...]
    zone: str
    message: str = ""
    approximate: bool = False

    @property
    def instant(self) -> str | None:
        return self.choices[0] if self.status == "ok" else None


_RELATIVE_RE = re.compile(
    r"^(?P<sign>[+\-\u2212])\s*(?P<parts>(?:\d{1,6}\s*(?:days?|d|hours?|hrs?|h|minutes?|mins?|m|seconds?|secs?|s)\s*)+)$",
    _I,
)
_RELATIVE_PART_RE = re.compile(r"(\d{1,6})\s*([a-z]+)", _I)
_DAY_WORD_RE = re.compile(
    r"^(yesterday|today|tomorrow)\b[\s,]*|[\s,]+(yesterday|today|tomorrow)$", _I
)
_DAY_SHIFT = {"yesterday": -1, "today": 0, "tomorrow": 1}
_ZONE_TOKEN_RE = re.compile(r"^\(?[A-Za-z][A-Za-z0-9_/+\-:\u2212]{0,63}\)?$")
_CONTROL_RE = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_EXAMPLES = "09:15, 9:15pm, +5m, yesterday 23:10, 2025-03-12 09:15 or Mar 12 09:15 PST"


def _error(zone: str, message: str) -> TimeInput:
    return TimeInput("error", (), zone, message)


def _relative(m: re.Match[str], zone: str, reference: str | None) -> TimeInput:
    if reference is None:
        return _error(
            zone, "a relative time such as +5m needs an event to count from; select one first"
        )
    try:
        base = timeutil.from_canonical(reference)
    except timeutil.TimeError:
        return _error(zone, f"the reference time {reference!r} is not a stored UTC time")
    units = {"d": 86400, "h": 3600, "m": 60, "s": 1}
    seconds = 0
    for amount, unit in _RELATIVE_PART_RE.findall(m.group("parts")):
        seconds += int(amount) * units[unit[0].lower()]
    if seconds > 366 * 86400:
        return _error(zone, "a relative time can move at most a year")
    if m.group("sign") != "+":
        seconds = -seconds
    try:
        instant = timeutil.to_canonical(base + _dt.timedelta(seconds=seconds))
    except (OverflowError, ValueError, timeutil.TimeError):
        return _error(zone, "that relative time falls outside the calendar")
    if not timeutil.year_in_range(instant):
        return _error(zone, f"that time is out of range ({timeutil.YEAR_RANGE_TEXT})")
    return TimeInput("ok", (instant,), zone)


def parse_time_input(
    text: str, *, default_date: _dt.date, zone: str, reference: str | None = None
) -> TimeInput:
    """Read what was typed into a time cell. Never raises.

    ``default_date`` is the date a bare clock time falls on (and what "yesterday" and "today" count
    from); ``zone`` is the zone a time without a zone word is read in; ``reference`` is the
    canonical instant that ``+5m`` / ``-1h30m`` count from.
    """
    try:
        return _parse(text, default_date=default_date, zone=zone, reference=reference)
    except Exception as exc:  # a safety net: the cell shows the message instead of crashing
        return _error(str(zone), f"could not read this time ({type(exc).__name__})")


def _parse(text: str, *, default_date: _dt.date, zone: str, reference: str | None) -> TimeInput:
    zone_name = str(zone)
    raw = _CONTROL_RE.sub(" ", text if isinstance(text, str) else "").strip()
    if not raw:
        return _error(zone_name, f"type a time, for example {_EXAMPLES}")
    if len(raw) > 120:
        return _error(zone_name, "that is too long for a time; type something like 09:15 or +5m")
    rel = _RELATIVE_RE.match(raw)
    if rel:
        return _relative(rel, zone_name, reference)

    day_shift: int | None = None
    dw = _DAY_WORD_RE.search(raw)
    if dw:
        day_shift = _DAY_SHIFT[(dw.group(1) or dw.group(2)).lower()]
        raw = (raw[: dw.start()] + " " + raw[dw.end() :]).strip()

    stamp = scan_stamp(raw, 0, loose_clock=True)
    zone_word = stamp.zone_word if stamp else None
    rest = raw[stamp.end :].strip() if stamp else raw
    if stamp is not None and rest and zone_word is None and _ZONE_TOKEN_RE.match(rest):
        zone_word, rest = rest, ""  # "09:15 pst", "09:15 europe/berlin": any letter case here
    if stamp is None or rest:
        return _error(zone_name, f"{raw!r} is not a time I can read; try {_EXAMPLES}")
    if stamp.date_kind == "numeric":
        written = raw[stamp.start : stamp.time_start].strip()
        return _error(
            zone_name,
            f"{written} could be read day-first or month-first; write the date as "
            "YYYY-MM-DD or with a month name (12 Mar)",
        )
    if not stamp.has_time:
        return _error(zone_name, "add a time of day, for example 2025-03-12 09:15")

    # The zone: a word typed with the time wins over the cell's zone.
    if zone_word is not None:
        resolved = resolve_zone_word(zone_word)
        if resolved is None:
            return _error(
                zone_name,
                f"unknown time zone {zone_word!r}; use e.g. UTC, PST, +05:30 or Europe/Berlin",
            )
        zone_name = resolved
    else:
        try:
            zone_name = timeutil.normalize_zone(zone_name)
        except timeutil.TimeError as exc:
            return _error(zone_name, str(exc))

    # The date: typed, or shifted from the default by yesterday/today/tomorrow.
    if stamp.date_kind is not None:
        if day_shift is not None:
            return _error(zone_name, "give either a date or yesterday/today/tomorrow, not both")
        date = stamp_date(stamp, default_date)
        if date is None:
            return _error(zone_name, "that date does not exist in the calendar")
    else:
        try:
            date = default_date + _dt.timedelta(days=day_shift or 0)
        except OverflowError:
            return _error(zone_name, "that date falls outside the calendar")

    wall = _dt.datetime(
        date.year, date.month, date.day, stamp.hour or 0, stamp.minute, stamp.second
    )
    try:
        resolution = timeutil.resolve_local(wall, zone_name)
    except (timeutil.TimeError, OverflowError, ValueError) as exc:
        return _error(zone_name, f"cannot place that time in {zone_name}: {exc}")
    if not all(timeutil.year_in_range(choice) for choice in resolution.choices):
        return _error(zone_name, f"that time is out of range ({timeutil.YEAR_RANGE_TEXT})")
    return TimeInput(
        resolution.status,
        resolution.choices,
        zone_name,
        dst_message(resolution, wall),
        stamp.approximate,
    )
