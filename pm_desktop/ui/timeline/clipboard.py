"""Copying events out of the timeline, and reading our own copies back in.

Copied events become plain lines the paste parser reads back ("09:15 UTC — Alert fires"), under
a date line for each day, so a copy pasted into another review or a chat keeps its dates.
Alongside the text goes a private JSON format (``application/x-pm-events``, written and read by
:mod:`pm_desktop.ingest.clip_events`) that keeps every field of the events exactly when the copy
is pasted back into pm-desktop. Only the QMimeData glue and the time display live here.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QMimeData

from pm_desktop.domain.model import TimelineEvent
from pm_desktop.ingest.clip_events import EVENTS_MIME, events_payload, read_events_payload

from . import formatting

__all__ = ["EVENTS_MIME", "event_lines", "events_mime", "read_events_mime"]


def event_lines(events: Sequence[TimelineEvent], zone: str) -> str:
    """``HH:MM ZONE — text`` lines under a ``YYYY-MM-DD`` line for each day; events without a
    time come first as ``- text``. Further lines of a long text are indented below it."""
    zone = formatting.safe_zone(zone)
    lines: list[str] = []
    untimed = [e for e in events if e.time is None]
    for event in untimed:
        body = event.text.replace("\r", "").split("\n")
        lines.append(f"- {body[0]}".rstrip())
        lines.extend(f"    {more}" for more in body[1:] if more.strip())
    last_day = None
    for event in events:
        if event.time is None:
            continue
        shown = formatting.show_time(event.time, zone)
        if shown.day != last_day:
            lines.append(shown.full[:10])
            last_day = shown.day
        body = event.text.replace("\r", "").split("\n")
        clock = ("~" if event.approximate else "") + shown.clock
        lines.append(f"{clock} {zone} — {body[0]}".rstrip())
        lines.extend(f"    {more}" for more in body[1:] if more.strip())
    return "\n".join(lines) + ("\n" if lines else "")


def events_mime(events: Sequence[TimelineEvent], zone: str) -> QMimeData:
    mime = QMimeData()
    mime.setText(event_lines(events, zone))
    mime.setData(EVENTS_MIME, events_payload(events))
    return mime


def read_events_mime(mime: QMimeData) -> tuple[list[dict], str]:
    """The events in our private format as field values for ``ops.add_events`` (and a reason
    when some were dropped); see :func:`pm_desktop.ingest.clip_events.read_events_payload`."""
    return read_events_payload(bytes(mime.data(EVENTS_MIME).data()))
