"""Text helpers of the timeline's widgets: first lines, tooltips that stay literal.

Times are written by :mod:`pm_desktop.domain.timefmt` (the one formatter of the table, the chart
and every export); its names are offered here too, so the timeline's widgets keep one import.
"""

from __future__ import annotations

import html

from pm_desktop.domain.chart_data import milestones_only
from pm_desktop.domain.timefmt import (
    ShownTime,
    ZoneFormatter,
    entered_as,
    epoch,
    from_epoch,
    gap_text,
    local,
    long_day,
    offset_text,
    safe_zone,
    short_zone,
    show_time,
    zone_caption,
)

__all__ = [
    "ShownTime",
    "ZoneFormatter",
    "clip_tooltip",
    "entered_as",
    "epoch",
    "first_line",
    "from_epoch",
    "gap_text",
    "local",
    "long_day",
    "milestones_only",
    "offset_text",
    "plain_tooltip",
    "safe_zone",
    "short_zone",
    "show_time",
    "zone_caption",
]


def first_line(text: str, limit: int = 400) -> str:
    """The first line of a (possibly long, multi-line) text, with a mark when more follows."""
    head, sep, rest = text.partition("\n")
    more = bool(sep and rest.strip())
    if len(head) > limit:
        head, more = head[:limit], True
    return head + (" …" if more else "")


def clip_tooltip(text: str, limit: int = 1200) -> str:
    return text if len(text) <= limit else text[:limit] + " …"


def plain_tooltip(text: str, limit: int = 1200) -> str:
    """A tooltip that shows ``text`` literally. Qt reads any tooltip that looks like markup as
    rich text, so ``<img src=/etc/passwd>`` in an event would load a local file: escape it."""
    body = html.escape(clip_tooltip(text, limit)).replace("\n", "<br>")
    return f"<p style='white-space:pre-wrap'>{body}</p>"
