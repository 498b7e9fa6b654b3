"""Copied timeline events in our private clipboard format, both ways (Qt-free).

The payload is a JSON list of events in their codec's clipboard form (every field but id and
order, see :mod:`pm_desktop.domain.codec`), so a field added to events is copied without a
change here. Reading is careful: the clipboard may hold anything, and a damaged event is left
out and counted, never trusted.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from pm_desktop.domain.codec import CLIPBOARD_LEAVES_OUT, codec
from pm_desktop.domain.model import TimelineEvent
from pm_desktop.domain.validate import ValidationError, check_entity
from pm_desktop.domain.wording import counted

from .json_fields import ImportProblem, read_fields

EVENTS_MIME = "application/x-pm-events"
MAX_PASTED_EVENTS = 50_000
MAX_AUTHOR = 200

_EVENTS = codec("events")


def events_payload(events: Sequence[TimelineEvent]) -> bytes:
    payload = [_EVENTS.to_clipboard(e) for e in events]
    return json.dumps(payload, ensure_ascii=False).encode("utf-8")


def read_events_payload(raw: bytes) -> tuple[list[dict[str, Any]], str]:
    """The events in our private format as field values for ``ops.add_events`` (and a reason
    when some were dropped)."""
    try:
        value = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return [], "the copied events could not be read"
    if not isinstance(value, list):
        return [], "the copied events could not be read"
    out: list[dict[str, Any]] = []
    skipped = 0
    for item in value[:MAX_PASTED_EVENTS]:
        entry = _checked(item)
        if entry is None:
            skipped += 1
        else:
            out.append(entry)
    reason = (
        f"{counted(skipped, 'copied event')} {'was' if skipped == 1 else 'were'} damaged and left out"
        if skipped
        else ""
    )
    return out, reason


def _checked(item: object) -> dict[str, Any] | None:
    if not isinstance(item, dict):
        return None
    try:
        values = read_fields(_EVENTS, item, "", 0, leave_out=CLIPBOARD_LEAVES_OUT)
        check_entity(_EVENTS.build({"id": "pasted", **values}))
    except (ImportProblem, ValidationError):
        return None
    if len(values["author"]) > MAX_AUTHOR:
        return None
    return values
