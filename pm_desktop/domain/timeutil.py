"""The one place where pm-desktop handles time (through pendulum).

Instants are stored as canonical UTC strings, ``YYYY-MM-DDTHH:MM:SSZ`` (second precision, so the
strings sort in time order), plus the zone they were entered in. Zones are IANA names
(``Europe/Berlin``), ``UTC``, or fixed offsets written ``+05:30`` / ``-08:00``.

Traps this module exists to avoid (all measured, see DESIGN.md):

- ``pendulum.parse("09:15")`` means *today in UTC*: we never parse bare clock times with pendulum.
- naive input means UTC to pendulum: we always say which zone a wall-clock time is in.
- ``strict=False`` turns unknown zone words into UTC: we map zone words ourselves, explicitly.
- pendulum picks ``fold=1`` at a DST overlap and shifts non-existent times silently:
  :func:`resolve_local` reports both cases so the caller can ask the user.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from types import ModuleType
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pendulum
else:

    class _Pendulum(ModuleType):
        """pendulum, imported when first used (with dateutil it costs ~25 ms and ~8 MB at
        start-up, and the first view needs neither: checking a stored time, UTC and fixed
        offsets go without it). The first attribute read imports it and takes its place."""

        def __getattr__(self, name: str) -> Any:
            import pendulum as module

            globals()["pendulum"] = module
            return getattr(module, name)

    pendulum = _Pendulum("pendulum")

CANONICAL_RE = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$")
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_OFFSET_RE = re.compile(r"^(?:UTC|GMT)?\s*([+-])(\d{1,2})(?::?(\d{2}))?$", re.IGNORECASE)

UTC = "UTC"


class TimeError(ValueError):
    """A time, date or zone the user gave cannot be understood. The message says why."""


# --------------------------------------------------------------------------- zones


def offset_name(seconds: int) -> str:
    """``-28800`` → ``-08:00``."""
    sign = "-" if seconds < 0 else "+"
    seconds = abs(seconds)
    return f"{sign}{seconds // 3600:02d}:{seconds % 3600 // 60:02d}"


@lru_cache(maxsize=512)
def _zone(name: str) -> pendulum.Timezone | pendulum.FixedTimezone:
    if not isinstance(name, str) or not name.strip():
        raise TimeError("no time zone given")
    text = name.strip()
    if text.upper() in _UTC_WORDS:
        return pendulum.UTC
    m = _OFFSET_RE.match(text)
    if m:
        sign, hours, minutes = m.group(1), int(m.group(2)), int(m.group(3) or 0)
        if hours > 14 or minutes >= 60:
            raise TimeError(f"{name!r} is not a valid UTC offset")
        seconds = (hours * 3600 + minutes * 60) * (-1 if sign == "-" else 1)
        return pendulum.FixedTimezone(seconds, name=offset_name(seconds))
    if len(text) > 64 or not re.match(r"^[A-Za-z][A-Za-z0-9_+\-/]*$", text):
        raise TimeError(f"{name!r} is not a time zone name")
    from pendulum.tz.exceptions import InvalidTimezone

    try:
        return pendulum.timezone(text)
    except (InvalidTimezone, ValueError, OSError, KeyError) as exc:
        raise TimeError(f"unknown time zone {name!r}") from exc


def zone(name: str) -> pendulum.Timezone | pendulum.FixedTimezone:
    """The tzinfo for a zone name; raises :class:`TimeError` for anything unknown."""
    return _zone(name)


_UTC_WORDS = frozenset({"UTC", "Z", "GMT", "ETC/UTC", "ZULU"})


def _is_utc_word(name: object) -> bool:
    # UTC needs no zone object (nor pendulum): most reviews are shown in it
    return isinstance(name, str) and name.strip().upper() in _UTC_WORDS


def normalize_zone(name: str) -> str:
    """Canonical spelling of a zone: ``utc`` → ``UTC``, ``GMT+8`` → ``+08:00``."""
    if _is_utc_word(name):
        return UTC
    tz = _zone(name)
    if tz is pendulum.UTC:
        return UTC
    return tz.name


def is_valid_zone(name: str) -> bool:
    if _is_utc_word(name):
        return True
    try:
        _zone(name)
    except TimeError:
        return False
    return True


def local_zone_name() -> str:
    """The machine's zone as an IANA name, or UTC when it cannot be told."""
    from pendulum.tz.local_timezone import get_local_timezone

    try:
        name = get_local_timezone().name
    except Exception:  # pendulum raises several kinds on odd systems
        return UTC
    return name if is_valid_zone(name) else UTC


# --------------------------------------------------------------------------- instants


# Stored times and dates stay inside these years: far enough for any incident, and far from the
# calendar's edges, where shifting a time into a display zone would overflow.
MIN_YEAR, MAX_YEAR = 1900, 2200
YEAR_RANGE_TEXT = f"years {MIN_YEAR}–{MAX_YEAR} only"


def year_in_range(text: object) -> bool:
    """The first four characters of a stored time or date are a year inside the range."""
    return isinstance(text, str) and text[:4].isdigit() and MIN_YEAR <= int(text[:4]) <= MAX_YEAR


def to_canonical(moment: _dt.datetime) -> str:
    """An aware datetime → ``YYYY-MM-DDTHH:MM:SSZ`` (seconds truncated). A moment the calendar
    cannot shift to UTC is a :class:`TimeError`; the stored-years rule is checked where times
    come in (:func:`parse_instant`, :func:`is_canonical`), not here, so display math may pad."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise TimeError("a time without a zone cannot be stored; say which zone it is in")
    try:
        utc = moment.astimezone(_dt.UTC)
    except OverflowError:
        raise TimeError(f"{moment.isoformat()} is out of range ({YEAR_RANGE_TEXT})") from None
    return f"{utc.year:04d}-{utc.month:02d}-{utc.day:02d}T{utc:%H:%M:%S}Z"


def is_canonical(text: object) -> bool:
    # Checked for every stored time when a review opens: no pendulum object is built here.
    if not isinstance(text, str) or not CANONICAL_RE.fullmatch(text):  # "$" allows a "\n"
        return False
    if not year_in_range(text):
        return False
    try:
        _dt.datetime.fromisoformat(text[:-1])  # ASCII digits only, and a real date and time
    except ValueError:
        return False
    return True


def _canonical_wall(text: str) -> _dt.datetime:
    """A stored instant's date and time (naive, UTC); :class:`TimeError` unless canonical."""
    if not isinstance(text, str) or not CANONICAL_RE.fullmatch(text):
        raise TimeError(f"{text!r} is not a UTC time of the form YYYY-MM-DDTHH:MM:SSZ")
    try:
        # fromisoformat and the plain constructor: ten times faster than strptime and
        # pendulum.instance, which mattered for 20,000 events
        return _dt.datetime.fromisoformat(text[:-1])
    except ValueError as exc:
        raise TimeError(f"{text!r} is not a real date and time") from exc


@lru_cache(maxsize=65536)
def from_canonical(text: str) -> pendulum.DateTime:
    """Parse a stored instant. Accepts only the canonical form."""
    m = _canonical_wall(text)
    return pendulum.DateTime(
        m.year, m.month, m.day, m.hour, m.minute, m.second, tzinfo=pendulum.UTC
    )


def parse_instant(text: str) -> str:
    """Full ISO 8601 *with* an offset or ``Z`` → canonical UTC. Naive input is refused."""
    if not isinstance(text, str):
        raise TimeError("a time must be text")
    raw = text.strip()
    if CANONICAL_RE.match(raw):
        _canonical_wall(raw)  # a real date and time (no pendulum object needed to say so)
        if not year_in_range(raw):
            raise TimeError(f"{raw!r} is out of range ({YEAR_RANGE_TEXT})")
        return raw
    if not re.match(
        r"^\d{4}-\d{2}-\d{2}[T ]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})$", raw
    ):
        raise TimeError(f"{text!r} is not an ISO 8601 time with a zone offset")
    try:
        moment = _dt.datetime.fromisoformat(raw.replace(" ", "T", 1).replace("Z", "+00:00"))
    except ValueError as exc:
        raise TimeError(f"{text!r} is not a real date and time") from exc
    canonical = to_canonical(moment)
    if not year_in_range(canonical):
        raise TimeError(f"{text} is out of range ({YEAR_RANGE_TEXT})")
    return canonical


def now_canonical(clock: Callable[[], _dt.datetime] | None = None) -> str:
    """Now, as a canonical UTC string. ``clock`` lets tests freeze time."""
    moment = clock() if clock else _dt.datetime.now(_dt.UTC)
    return to_canonical(moment)


def in_zone(canonical: str, zone_name: str) -> pendulum.DateTime:
    return from_canonical(canonical).in_tz(_zone(zone_name))


# The all-digit formats pendulum's ``format`` is asked for most, written without it for UTC:
# the same text (tests/domain/test_format_time_utc.py), and no pendulum for the first view of a
# review shown in UTC.
def _ymd(m: _dt.datetime) -> str:
    return f"{m.year}-{m.month:02d}-{m.day:02d}"  # pendulum does not pad the year


_UTC_FORMATS: dict[str, Callable[[_dt.datetime], str]] = {
    "YYYY-MM-DD HH:mm": lambda m: f"{_ymd(m)} {m.hour:02d}:{m.minute:02d}",
    "YYYY-MM-DD HH:mm:ss": lambda m: f"{_ymd(m)} {m.hour:02d}:{m.minute:02d}:{m.second:02d}",
    "YYYY-MM-DD": _ymd,
    "HH:mm": lambda m: f"{m.hour:02d}:{m.minute:02d}",
    "HH:mm:ss": lambda m: f"{m.hour:02d}:{m.minute:02d}:{m.second:02d}",
}


def format_time(canonical: str | None, zone_name: str, fmt: str = "YYYY-MM-DD HH:mm") -> str:
    """Show a stored instant in a display zone. ``None`` (untimed) shows as an em dash."""
    if canonical is None:
        return "—"
    plain = _UTC_FORMATS.get(fmt)
    if plain is not None and _is_utc_word(zone_name):
        return plain(_canonical_wall(canonical))
    return in_zone(canonical, zone_name).format(fmt)


def utc_offset(moment: _dt.datetime) -> _dt.timedelta:
    """The offset of an aware datetime (every datetime this module hands out is aware)."""
    offset = moment.utcoffset()
    if offset is None:
        raise TimeError("a time without a zone has no offset")
    return offset


def zone_label(zone_name: str, at: str | None = None) -> str:
    """What to print next to times: ``UTC``, ``Europe/Berlin (UTC+01:00)``, ``-08:00``."""
    name = normalize_zone(zone_name)
    if name == UTC or name.startswith(("+", "-")):
        return name if name == UTC else f"UTC{name}"
    moment = from_canonical(at) if at else pendulum.now(pendulum.UTC)
    offset = int(utc_offset(moment.in_tz(_zone(name))).total_seconds())
    return f"{name} (UTC{offset_name(offset)})"


def zone_has_rules(zone_name: str) -> bool:
    """A named zone whose offset can change (``Europe/Berlin``), not ``UTC`` or ``+05:30``."""
    try:
        name = normalize_zone(zone_name)
    except TimeError:
        return False
    return name != UTC and not name.startswith(("+", "-"))


def in_repeated_hour(canonical: str, zone_name: str) -> bool:
    """True when the wall-clock time of this instant in the zone happens twice (the hour the
    clocks go back): ``02:30`` alone does not say which of the two it was."""
    tz = zone(zone_name)
    moment = _dt.datetime.fromtimestamp(from_canonical(canonical).timestamp(), tz)
    wall = moment.replace(tzinfo=None)
    return (
        wall.replace(tzinfo=tz, fold=0).utcoffset() != wall.replace(tzinfo=tz, fold=1).utcoffset()
    )


def parse_date(text: str) -> _dt.date:
    if not isinstance(text, str) or not DATE_RE.match(text.strip()):
        raise TimeError(f"{text!r} is not a date of the form YYYY-MM-DD")
    try:
        day = _dt.date.fromisoformat(text.strip())
    except ValueError as exc:
        raise TimeError(f"{text!r} is not a real date") from exc
    if not MIN_YEAR <= day.year <= MAX_YEAR:
        raise TimeError(f"{text!r} is out of range ({YEAR_RANGE_TEXT})")
    return day


def is_valid_date(text: object) -> bool:
    try:
        parse_date(text)  # type: ignore[arg-type]
    except TimeError:
        return False
    return True


def duration_text(seconds: float) -> str:
    """``2700`` → ``45 min``; ``5400`` → ``1 h 30 min``; ``90000`` → ``1 d 1 h``; a year or
    more in years and days (365-day years): ``125 y 100 d``."""
    seconds = int(round(seconds))
    if seconds < 0:
        return "−" + duration_text(-seconds)
    if seconds < 60:
        return f"{seconds} s"
    minutes = seconds // 60
    if minutes < 60:
        return f"{minutes} min"
    hours, minutes = divmod(minutes, 60)
    if hours < 24:
        return f"{hours} h {minutes} min" if minutes else f"{hours} h"
    days, hours = divmod(hours, 24)
    if days >= 365:  # "45725 d 1 h" means nothing to anyone: years and days
        years, days = divmod(days, 365)
        return f"{years} y {days} d" if days else f"{years} y"
    return f"{days} d {hours} h" if hours else f"{days} d"


def seconds_between(start: str, end: str) -> float:
    # both in UTC: plain datetimes give the same difference without building pendulum objects
    return (_canonical_wall(end) - _canonical_wall(start)).total_seconds()


# --------------------------------------------------------------------------- wall clock → instant


@dataclass(frozen=True, slots=True)
class LocalResolution:
    """What a wall-clock time in a zone means.

    ``status`` is ``"ok"`` (one instant), ``"ambiguous"`` (a DST overlap: ``choices`` holds the
    earlier and the later instant) or ``"nonexistent"`` (skipped by a DST gap: ``choices`` holds
    the instant read with the offset before the gap and the one after it). The caller asks the
    user which one was meant; nothing is chosen silently.
    """

    status: str
    choices: tuple[str, ...]
    zone: str

    @property
    def instant(self) -> str:
        if self.status != "ok":
            raise TimeError(
                f"the time is {self.status} in {self.zone}; choose one of {self.choices}"
            )
        return self.choices[0]


def resolve_local(wall: _dt.datetime, zone_name: str) -> LocalResolution:
    """Read a naive wall-clock datetime in ``zone_name``; report DST overlaps and gaps."""
    if wall.tzinfo is not None:
        raise TimeError("resolve_local takes a wall-clock time without a zone")
    tz = _zone(zone_name)
    name = normalize_zone(zone_name)
    naive = wall.replace(microsecond=0)
    if isinstance(tz, pendulum.FixedTimezone) or tz is pendulum.UTC:
        return LocalResolution("ok", (to_canonical(naive.replace(tzinfo=tz)),), name)
    from pendulum.tz.exceptions import AmbiguousTime, NonExistingTime

    try:
        tz.convert(naive.replace(fold=0), raise_on_unknown_times=True)
    except AmbiguousTime:
        pass
    except NonExistingTime:
        offsets = sorted(
            {
                utc_offset(tz.convert(naive - _dt.timedelta(hours=3))),
                utc_offset(tz.convert(naive + _dt.timedelta(hours=3))),
            }
        )
        choices = tuple(
            to_canonical((naive - off).replace(tzinfo=_dt.UTC)) for off in reversed(offsets)
        )
        return LocalResolution("nonexistent", choices, name)
    early = tz.convert(naive.replace(fold=0))
    late = tz.convert(naive.replace(fold=1))
    if early.utcoffset() != late.utcoffset():
        first, second = sorted({to_canonical(early), to_canonical(late)})
        return LocalResolution("ambiguous", (first, second), name)
    return LocalResolution("ok", (to_canonical(early),), name)


def epoch_seconds(canonical: str) -> int:
    """Seconds since 1970 of a stored instant (for bucketing and distances between many times
    without building a pendulum object for each)."""
    return int(from_canonical(canonical).timestamp())
