"""Headings and list items that carry their time at the end, in parentheses, and the order of
numeric dates across a whole paste.

Many written postmortems title each phase with its time after the words::

    ### Recovery (11/02 06:10 – 11/03 01:00)
    - Detection (11/02 05:55 PST)
    **Rollback** (Mar 3, 16:20 to 16:45 UTC)
    Failover (11/02 06:40)

The last line is how a heading arrives when it is copied out of a rendered page (a wiki, a
shared document): the "#" is gone, so a short line that ends in a parenthesised time counts too.
The start of a range is the entry's time, also when the range runs into the next day; the
heading keeps its parenthesis as written so the end of the range is not lost.

Numeric dates (``11/02``) read month first in the US and day first nearly everywhere else. One
date in the paste with a number above 12 settles it for all of them; otherwise the caller's
default order is used and the paste says it had to assume one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pm_desktop.domain.time_input import Stamp, scan_stamp
from pm_desktop.ingest.timeline_formats import BULLET_RE, DETECT_CHARS, RANGE_SEP_RE, clean_text

# "a/b" with a year ("11/02/2024") or followed by a clock time ("11/02 06:10"): a date, not a
# fraction such as "3/4 of the nodes".
_NUMERIC_DATE_RE = re.compile(
    r"(?<![\d/])([0-3]?\d)/([0-3]?\d)(?:/(?:19|20|21)?\d{2}(?![\d/])|(?![\d/]),?[ T]?\d{1,2}:\d\d)"
)
_APPROX_INSIDE_RE = re.compile(
    r"(?<=\s)(?:~|\u2248|(?:about|around|approx\.?|approximately|circa|ca\.)\s)\s*(?=\d)", re.I
)
PLAIN_TITLE_CHARS = 120  # a line without "#" or a bullet this short may be a copied heading


@dataclass(frozen=True, slots=True)
class TrailingStamp:
    """The time found at the end of a heading or list item."""

    stamp: Stamp  # the start of the time or range, as read inside the parenthesis
    text: str  # the whole line, cleaned, parenthesis kept


def _inner_stamp(inner: str) -> Stamp | None:
    """A stamp or range that is all of ``inner`` (the text between the parentheses)."""
    inner = inner.strip()
    marked = _APPROX_INSIDE_RE.search(inner[:40])
    if marked:  # "11/02 ~06:30": the mark sits between the date and the clock
        inner = inner[: marked.start()] + " " + inner[marked.end() :]
    stamp = scan_stamp(inner, 0)
    if stamp is None or not stamp.has_time:
        return None
    if marked:
        stamp = stamp._replace(approximate=True)
    end = stamp.end
    sep = RANGE_SEP_RE.match(inner, end)
    if sep and sep.end() < len(inner):
        second = scan_stamp(inner, sep.end())
        if second is not None and second.has_time:
            end = second.end
            if stamp.zone_word is None and second.zone_word is not None:
                stamp = stamp._replace(zone_word=second.zone_word)  # "06:10-07:00 UTC"
    return stamp if not inner[end:].strip(" .,;") else None


def trailing_stamp(content: str, heading: bool) -> TrailingStamp | None:
    """The parenthesised time at the end of a heading, list item or short line, if any."""
    line = content.rstrip()
    if not line.endswith(")") or len(line) > DETECT_CHARS:
        return None
    bullet = BULLET_RE.match(line)
    listed = bullet is not None and bullet.end() > len(line) - len(line.lstrip())
    if not (heading or listed or len(line) <= PLAIN_TITLE_CHARS):
        return None
    open_at = line.rfind("(")
    if open_at <= 0:
        return None
    stamp = _inner_stamp(line[open_at + 1 : -1])
    if stamp is None:
        return None
    words = line[bullet.end() if bullet else 0 :]
    return TrailingStamp(stamp, clean_text(words))


def numeric_date_order(lines: list[str]) -> str | None:
    """ "dm" or "md" when a numeric date in the paste can only be read one way (13/02, 02/13),
    None when none settles it (or two of them disagree)."""
    day_first = month_first = False
    for line in lines:
        head = line[:DETECT_CHARS]
        if "/" not in head:
            continue
        for m in _NUMERIC_DATE_RE.finditer(head):
            a, b = int(m.group(1)), int(m.group(2))
            day_first |= a > 12 >= b
            month_first |= b > 12 >= a
    if day_first != month_first:
        return "dm" if day_first else "md"
    return None


def order_warning(a: int, b: int, default_order: str | None) -> str:
    """The paste's note when no date settles day/month order (said once per paste)."""
    how = {"md": "month first", "dm": "day first"}.get(default_order or "")
    read = f"read {how}, the default order" if how else "each read as the date nearer the others"
    return (
        f"dates such as {a:02d}/{b:02d} could be day/month or month/day and no date in the "
        f"text settles it; {read}"
    )
