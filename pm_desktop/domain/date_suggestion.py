"""The incident date the timeline suggests, offered to the user and never set on its own."""

from __future__ import annotations

from . import timeutil
from .model import Review


def suggested_incident_date(review: Review) -> str:
    """The earliest event's date (``YYYY-MM-DD``) in the display zone, or ``""``.

    Only while the incident date is not set and every event has a time: an untimed entry may be
    the earliest, so a guess from the others could be wrong.
    """
    if review.meta.incident_date or not review.events:
        return ""
    times = [event.time for event in review.events.values()]
    if any(t is None for t in times):
        return ""
    first = min(times, key=lambda t: timeutil.from_canonical(t or ""))
    try:
        return timeutil.in_zone(first or "", review.meta.display_tz).date().isoformat()
    except timeutil.TimeError:
        return ""
