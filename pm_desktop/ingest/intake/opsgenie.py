"""An Opsgenie alert → timeline entries.

Accepted shapes: the alert as the API returns it (``{"data": {...alert...}}``) or the bare
alert, optionally with its ``logs`` and ``notes`` lists beside it or inside (each either a
list or ``{"data": [...]}``, as the API pages them). The alert's creation is when the problem
was detected; ``report.ackTime`` / ``report.closeTime`` (milliseconds after creation) give the
acknowledgement and the close, with ``acknowledgedBy`` / ``closedBy`` as authors. Notes are
notes by their owner; log lines are observations, except those that only repeat the
creation, acknowledgement or close already shown.
"""

from __future__ import annotations

import datetime as _dt
from pathlib import Path
from typing import Any

from pm_desktop.domain import timeutil

from .entries import IntakeEntry, IntakeError, IntakePerson, IntakeResult, clean_text, one_line
from .safe_files import read_json

_REPEATS = ("alert created", "alert acknowledged", "alert closed", "acknowledged by", "closed by")


def alert_of(data: Any) -> dict[str, Any] | None:
    """The alert object in a parsed file, or None when the file is not an Opsgenie alert."""
    if not isinstance(data, dict):
        return None
    for candidate in (data.get("alert"), data.get("data"), data):
        if (
            isinstance(candidate, dict)
            and "createdAt" in candidate
            and ("tinyId" in candidate or "message" in candidate)
        ):
            return candidate
    return None


def _listed(value: Any) -> list[Any]:
    if isinstance(value, dict):
        value = value.get("data")
    return value if isinstance(value, list) else []


def _after(start: str, millis: Any) -> str | None:
    if not isinstance(millis, int) or isinstance(millis, bool) or not 0 <= millis < 10**12:
        return None
    moment = timeutil.from_canonical(start) + _dt.timedelta(milliseconds=millis)
    return timeutil.to_canonical(moment)


def read_opsgenie(path: Path, since: str | None = None, until: str | None = None) -> IntakeResult:
    return opsgenie_entries(read_json(path), str(path), since, until)


def opsgenie_entries(
    data: Any, where: str, since: str | None = None, until: str | None = None
) -> IntakeResult:
    alert = alert_of(data)
    if alert is None:
        raise IntakeError(
            f'{where}: is not an Opsgenie alert (expected an alert with "createdAt" and "message")'
        )
    try:
        created = timeutil.parse_instant(str(alert.get("createdAt")))
    except timeutil.TimeError as exc:
        raise IntakeError(f"{where}: the alert's createdAt is not a time ({exc})") from None
    message = clean_text(alert.get("message")) or "Alert"
    tiny = one_line(str(alert.get("tinyId", "")), 20)
    name = f"Opsgenie alert #{tiny}" if tiny else "Opsgenie alert"
    entries: list[IntakeEntry] = [
        IntakeEntry(created, f"{name} created: {message}", kind="detected", key="created")
    ]
    people: dict[str, IntakePerson] = {}
    report: dict[str, Any] = alert["report"] if isinstance(alert.get("report"), dict) else {}
    for key, by, kind, verb in (
        ("ackTime", "acknowledgedBy", "acknowledged", "acknowledged"),
        ("closeTime", "closedBy", "resolved", "closed"),
    ):
        at = _after(created, report.get(key))
        if at is None:
            continue
        author = one_line(report.get(by), 120)
        entries.append(IntakeEntry(at, f"{name} {verb}", author=author, kind=kind, key=key))
        if author:
            people.setdefault(author, IntakePerson(author))
    for n, note in enumerate(_listed(alert.get("notes", data.get("notes")))):
        entry = _item(note, "note", "note", f"note-{n}")
        if entry is not None:
            entries.append(entry)
            if entry.author:
                people.setdefault(entry.author, IntakePerson(entry.author))
    for n, log in enumerate(_listed(alert.get("logs", data.get("logs")))):
        entry = _item(log, "log", "observation", f"log-{n}")
        if entry is not None and not entry.text.casefold().startswith(_REPEATS):
            entries.append(entry)
    skipped: dict[str, int] = {}
    kept = []
    for e in entries:
        if e.time and ((since and e.time < since) or (until and e.time > until)):
            skipped["outside the time range"] = skipped.get("outside the time range", 0) + 1
        else:
            kept.append(IntakeEntry(**{**_fields(e), "source": "opsgenie"}))
    kept.sort(key=lambda e: e.time or "")
    return IntakeResult(tuple(kept), tuple(people.values()), skipped, (), name)


def _fields(e: IntakeEntry) -> dict[str, Any]:
    return {f: getattr(e, f) for f in IntakeEntry.__dataclass_fields__}


def _item(value: Any, text_key: str, kind: str, key: str) -> IntakeEntry | None:
    if not isinstance(value, dict):
        return None
    try:
        at = timeutil.parse_instant(str(value.get("createdAt")))
    except timeutil.TimeError:
        return None
    text = clean_text(value.get(text_key))
    if not text:
        return None
    owner = one_line(value.get("owner"), 120)
    if owner.casefold() in ("system", "opsgenie"):
        owner = ""
    return IntakeEntry(at, text, author=owner, kind=kind, key=key)
