"""What every importer hands back: entries to add, the people who wrote them, what was skipped.

An entry is one future timeline event with its UTC instant, the zone it was written in, its
author, kind and source (``slack:#inc-db``, ``pagerduty``…), and the links found with it
(Slack files, permalinks), which become link evidence attached to the event. Importers never
touch a review: :mod:`pm_desktop.ingest.intake.plan` decides what is new.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pm_desktop.domain.model import EVENT_KINDS, MAX_LINE


class IntakeError(ValueError):
    """A file cannot be brought in. ``str(error)`` is one sentence naming the file."""


@dataclass(frozen=True, slots=True)
class IntakeLink:
    """A link found with an entry (a shared file, the message's permalink)."""

    url: str
    title: str = ""


@dataclass(frozen=True, slots=True)
class IntakeEntry:
    """One future timeline event. ``time`` is canonical UTC (None: no usable time, with a
    ``warning`` saying why); ``reply_to`` is the key of the thread's first message (Slack)."""

    time: str | None
    text: str
    tz: str = "UTC"
    author: str = ""
    kind: str = "note"
    source: str = ""
    links: tuple[IntakeLink, ...] = ()
    key: str = ""  # the source's own id for the entry, unique within one import
    reply_to: str = ""
    warning: str = ""


@dataclass(frozen=True, slots=True)
class IntakePerson:
    """Someone who wrote entries: the name the entries carry and the handles to know them by."""

    name: str
    handles: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class IntakeResult:
    """An importer's reading of one file. ``skipped`` counts what was left out on purpose
    (joins, bot noise, outside the time range), by reason."""

    entries: tuple[IntakeEntry, ...]
    people: tuple[IntakePerson, ...] = ()
    skipped: dict[str, int] = field(default_factory=dict)
    warnings: tuple[str, ...] = ()
    label: str = ""  # what the file was read as ("Slack export, 3 channels")
    channels: tuple[str, ...] = ()  # Slack: every channel in the export (to choose from)


_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_LINE_BREAKS_RE = re.compile(r"[\r\n\u2028\u2029\x85]+")


def clean_text(value: object, limit: int = 100_000) -> str:
    """Message text as a review keeps it: control characters out, at most ``limit`` characters."""
    if not isinstance(value, str):
        return ""
    text = _CONTROL_RE.sub("", value.replace("\r\n", "\n")).strip()
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return text


def one_line(value: object, limit: int = 200) -> str:
    """A name, author or source: one line, no control characters, bounded."""
    if not isinstance(value, str):
        return ""
    text = _LINE_BREAKS_RE.sub(" ", _CONTROL_RE.sub("", value)).strip()
    return text[: min(limit, MAX_LINE)]


def checked_kind(kind: str) -> str:
    return kind if kind in EVENT_KINDS else "note"
