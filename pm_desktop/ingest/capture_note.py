"""Read one note typed in the capture window: markers, an optional back-dated time, the text.

``21:05 !impact Checkout errors`` and ``!impact ~21:05 Checkout errors`` mean the same: an
impact-start entry at 21:05 in the display zone (``~`` marks the time as approximate). The time
is today's in that zone, or yesterday's when today's would be in the future (a note written just
after midnight about 23:55). A wall time that DST makes ambiguous or skips is never guessed: the
caller is told, and the user adds the entry from the timeline, where both readings are offered.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass

from pm_desktop.domain import timeutil

from .timeline_formats import split_kind_prefix

_LEADING_TIME = re.compile(r"(~)?([01]?\d|2[0-3]):([0-5]\d)(?::([0-5]\d))?(?=\s|$)\s*")


class NoteTimeError(ValueError):
    """A leading time that cannot be read as one instant (one sentence for the user)."""


@dataclass(frozen=True, slots=True)
class CaptureNote:
    kind: str
    text: str
    time: str | None = None  # canonical UTC when the note named its own time
    approximate: bool = False


def _tidy(rest: str) -> str:
    return " ".join(rest.split()) if "\n" not in rest else rest.strip()


def read_note(text: str, now: str | None = None, zone: str = "UTC") -> CaptureNote:
    """Read markers (``!kind``) and one leading time, in any order, then the note's text.

    Without ``now`` a leading time is left in the text (nothing to date it against).
    """
    rest = text.strip()
    kind: str | None = None
    wall: tuple[bool, int, int, int] | None = None
    while rest:
        found, after = split_kind_prefix(rest)
        if found and kind is None:
            kind, rest = found, after.lstrip()
            continue
        m = _LEADING_TIME.match(rest)
        if m and wall is None and now is not None:
            wall = (bool(m.group(1)), int(m.group(2)), int(m.group(3)), int(m.group(4) or 0))
            rest = rest[m.end() :]
            continue
        break
    if wall is None:
        return CaptureNote(kind or "note", _tidy(rest))
    approximate, hour, minute, second = wall
    time = _back_date(hour, minute, second, now or "", zone)
    return CaptureNote(kind or "note", _tidy(rest), time, approximate)


def _back_date(hour: int, minute: int, second: int, now: str, zone: str) -> str:
    today = timeutil.in_zone(now, zone)
    shown = f"{hour:02d}:{minute:02d}" + (f":{second:02d}" if second else "")
    for days_back in (0, 1):
        day = today.date() - _dt.timedelta(days=days_back)
        wall = _dt.datetime(day.year, day.month, day.day, hour, minute, second)
        found = timeutil.resolve_local(wall, zone)
        if found.status == "ambiguous":
            raise NoteTimeError(
                f"{shown} happened twice in {zone} that night (the clocks went back); "
                "add this entry in the timeline to choose which."
            )
        if found.status == "nonexistent":
            raise NoteTimeError(
                f"{shown} did not happen in {zone} that night (the clocks went forward); "
                "check the time."
            )
        if timeutil.from_canonical(found.instant) <= timeutil.from_canonical(now):
            return found.instant
    raise NoteTimeError(f"{shown} is later than now; a note can only be back-dated.")
