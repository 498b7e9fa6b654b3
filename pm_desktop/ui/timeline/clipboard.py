"""Copying events out of the timeline, and reading our own copies back in.

Copied events become plain lines the paste parser reads back ("09:15 UTC — Alert fires"), under
a date line for each day, so a copy pasted into another review or a chat keeps its dates. Alongside the text goes a private JSON format
(``application/x-pm-events``) that keeps kind, author, zone and approximate flags exactly when
the copy is pasted back into pm-desktop.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from PySide6.QtCore import QMimeData

from pm_desktop.domain import timeutil
from pm_desktop.domain.model import EVENT_KINDS, MAX_TEXT, TimelineEvent
from pm_desktop.domain.wording import counted

from . import formatting

EVENTS_MIME = "application/x-pm-events"
MAX_PASTED_EVENTS = 50_000


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
    payload = [
        {
            "time": e.time,
            "tz": e.tz,
            "text": e.text,
            "kind": e.kind,
            "author": e.author,
            "approximate": e.approximate,
        }
        for e in events
    ]
    mime.setData(EVENTS_MIME, json.dumps(payload, ensure_ascii=False).encode("utf-8"))
    return mime


def read_events_mime(mime: QMimeData) -> tuple[list[dict], str]:
    """The events in our private format as dicts for ``ops.add_events`` (and a reason when some
    were dropped). Anything malformed is skipped, never trusted."""
    try:
        value = json.loads(bytes(mime.data(EVENTS_MIME).data()).decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return [], "the copied events could not be read"
    if not isinstance(value, list):
        return [], "the copied events could not be read"
    out: list[dict] = []
    skipped = 0
    for item in value[:MAX_PASTED_EVENTS]:
        entry = _clean(item)
        if entry is None:
            skipped += 1
        else:
            out.append(entry)
    reason = f"{counted(skipped, 'copied event')} {'was' if skipped == 1 else 'were'} damaged and left out" if skipped else ""
    return out, reason


def _clean(item: object) -> dict | None:
    if not isinstance(item, dict):
        return None
    time = item.get("time")
    if time is not None and not timeutil.is_canonical(time):
        return None
    tz = item.get("tz", "UTC")
    if not isinstance(tz, str) or not timeutil.is_valid_zone(tz):
        return None
    text = item.get("text", "")
    kind = item.get("kind", "note")
    author = item.get("author", "")
    if not isinstance(text, str) or len(text) > MAX_TEXT or kind not in EVENT_KINDS:
        return None
    if not isinstance(author, str) or len(author) > 200:
        return None
    return {
        "time": time,
        "tz": timeutil.normalize_zone(tz),
        "text": text,
        "kind": kind,
        "author": author,
        "approximate": bool(item.get("approximate", False)),
    }
