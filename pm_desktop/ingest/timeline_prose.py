"""Times written inside a sentence after its date, and clock times that cannot exist.

Narrative postmortems put the date first and the time a few words later::

    March 3, starting around 16:20 UTC, the queue stopped draining.
    On 2024-05-07 at approximately 14:05 PDT the primary lost its disk.

The date starts the line; a clock time follows within a short phrase (no sentence end between
them). "around", "about", "approximately", "roughly", "circa" or "~" before it mark the entry
approximate. The sentence is kept whole as the entry's text.

A time that cannot be on a clock (``19:75``, ``25:10``, ``13:05 PM``) and a date with no time at
all are never turned into a made-up time: the entry stays untimed and the paste says why, naming
the line.
"""

from __future__ import annotations

import re

from pm_desktop.domain.time_input import Stamp, scan_stamp

PROSE_GAP_CHARS = 48  # the most text between a date and its time within one phrase

# The next clock-like number after the date: "16:20", "4:20 pm", "4pm".
_CLOCK_AHEAD_RE = re.compile(r"(?<![\d:.,/])\d{1,2}(?::\d{2}|\s?[ap]\.?m\b)", re.IGNORECASE)
_APPROX_WORD_RE = re.compile(
    r"(?:~|\u2248|\b(?:around|about|approx\.?|approximately|roughly|circa|ca\.|some\s?time"
    r"|shortly\s+(?:before|after)|just\s+(?:before|after))(?![\w]))",
    re.IGNORECASE,
)
_GAP_STOP_RE = re.compile(r"[.;!?](?:\s|$)|\d")
# A clock-shaped time at the start of text (after bullets, a bracket or "at"): "19:75", "25:10".
# The first character of a line that may start with a clock time ("19:75", "- 25:10", "at 24:10").
CLOCK_STARTS = frozenset("0123456789>-*+\u2022[(_`aA")
_CLOCK_SHAPE_RE = re.compile(
    r"\s*(?:>\s*)*(?:[-*+\u2022]\s+|\d{1,3}[.)]\s+)?[\[(*_`]{0,3}\s*(?:at\s+)?"
    r"(\d{1,2}):(\d{2})(?![\d:])(?:\s?([ap])\.?m\b)?",
    re.IGNORECASE,
)


def time_after_date(content: str, date: Stamp) -> Stamp | None:
    """``date`` (a stamp without a clock) with the time the phrase after it names, or None.

    The returned stamp ends where the date ends, so the caller keeps the sentence as text.
    """
    window = content[date.end : date.end + PROSE_GAP_CHARS + 20]
    m = _CLOCK_AHEAD_RE.search(window)
    if m is None or m.start() > PROSE_GAP_CHARS:
        return None
    gap = window[: m.start()]
    if _GAP_STOP_RE.search(gap):
        return None  # another sentence or another number comes first
    clock = scan_stamp(window, m.start())
    if clock is None or not clock.has_time or clock.date_kind is not None:
        return None
    approximate = clock.approximate or bool(_APPROX_WORD_RE.search(gap))
    return date._replace(
        hour=clock.hour,
        minute=clock.minute,
        second=clock.second,
        zone_word=clock.zone_word,
        approximate=date.approximate or approximate,
        time_start=date.end,
        time_end=date.end,
        zone_start=date.end,
    )


def impossible_clock(text: str) -> str | None:
    """The clock time ``text`` starts with when no clock can show it ("19:75"), else None."""
    head = text[:80]
    if head.lstrip()[:1] not in CLOCK_STARTS:
        return None  # most lines without a time start with a word
    m = _CLOCK_SHAPE_RE.match(head)
    if m is None:
        return None
    hour, minute, half = int(m.group(1)), int(m.group(2)), m.group(3)
    bad = minute > 59 or hour > 23 or (half is not None and not 1 <= hour <= 12)
    return m.group(0).strip(" [(*_`>-+\u2022") if bad else None


def date_alone(content: str, date: Stamp, text: str) -> tuple[str, str]:
    """(the entry's text with its date kept in front, why it has no time) for a date written
    without a clock time (``2025-03-10: vendor notice``, ``2025-03-10 19:75 ...``)."""
    written = content[date.start : date.end].strip(" ,:;")
    bad = impossible_clock(content[date.end :].lstrip(" ,:-\u2013\u2014"))
    why = f"{bad} is not a time of day" if bad else f"{written} has no time of day"
    return (f"{written} \u2014 {text}" if text else written), why
