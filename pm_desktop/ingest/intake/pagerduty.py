"""PagerDuty incident log entries → timeline entries.

The file is what the API (``GET /incidents/{id}/log_entries``) or an export gives: an object
with a ``log_entries`` list, or the bare list. Each entry has ``created_at``, a ``type``, a
``summary``, and the ``agent`` (who or what acted) and ``channel`` (how) as references with a
``summary``. Kinds follow the pager's own words: a trigger is when the problem was detected,
an acknowledgement when someone took it, a resolve when the pager closed it, an annotation a
note; paging, escalating and assigning are actions; anything else is an observation.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pm_desktop.domain import timeutil

from .entries import IntakeEntry, IntakeError, IntakePerson, IntakeResult, clean_text, one_line
from .safe_files import read_json

KINDS = {
    "trigger_log_entry": "detected",
    "acknowledge_log_entry": "acknowledged",
    "resolve_log_entry": "resolved",
    "annotate_log_entry": "note",
}
ACTIONS = {
    "notify_log_entry",
    "escalate_log_entry",
    "assign_log_entry",
    "reach_trigger_limit_log_entry",
    "reach_ack_limit_log_entry",
    "snooze_log_entry",
    "unacknowledge_log_entry",
    "urgency_change_log_entry",
    "priority_change_log_entry",
    "reassign_log_entry",
}


def log_entries_of(data: Any) -> list[Any] | None:
    """The list of log entries in a parsed file, or None when it is not a PagerDuty log."""
    if isinstance(data, dict):
        data = data.get("log_entries")
    if not isinstance(data, list):
        return None
    if data and not any(
        isinstance(e, dict) and str(e.get("type", "")).endswith("_log_entry") for e in data
    ):
        return None
    return data


def read_pagerduty(path: Path, since: str | None = None, until: str | None = None) -> IntakeResult:
    return pagerduty_entries(read_json(path), str(path), since, until)


def _summary(ref: Any) -> str:
    return one_line(ref.get("summary"), 120) if isinstance(ref, dict) else ""


def pagerduty_entries(
    data: Any, where: str, since: str | None = None, until: str | None = None
) -> IntakeResult:
    items = log_entries_of(data)
    if items is None:
        raise IntakeError(
            f"{where}: is not a PagerDuty log (expected a list of log entries, or an object "
            'with "log_entries")'
        )
    stamps = [str(e.get("created_at", "")) for e in items if isinstance(e, dict)]
    if len(stamps) > 1 and stamps[0] > stamps[-1]:
        items = list(reversed(items))  # newest first (as the web UI lists them): same-second
        # entries then keep the order they happened in after the sort by time below
    entries: list[IntakeEntry] = []
    people: dict[str, IntakePerson] = {}
    skipped: dict[str, int] = {}
    bad = 0
    for n, item in enumerate(items):
        if not isinstance(item, dict):
            bad += 1
            continue
        try:
            instant = timeutil.parse_instant(str(item.get("created_at", "")))
        except timeutil.TimeError:
            bad += 1
            continue
        if (since and instant < since) or (until and instant > until):
            skipped["outside the time range"] = skipped.get("outside the time range", 0) + 1
            continue
        kind_word = str(item.get("type", ""))
        kind = KINDS.get(kind_word) or ("action" if kind_word in ACTIONS else "observation")
        agent, channel = item.get("agent"), item.get("channel")
        author = _summary(agent) or _summary(channel)
        text = clean_text(item.get("summary"))
        if kind_word == "annotate_log_entry":
            note = _summary(channel) if isinstance(channel, dict) else ""
            content = clean_text(channel.get("content")) if isinstance(channel, dict) else ""
            text = content or note or text
        if not text:
            text = kind_word.replace("_log_entry", "").replace("_", " ").capitalize()
        if isinstance(agent, dict) and str(agent.get("type", "")).startswith("user") and author:
            handles = tuple(
                one_line(agent[k], 120) for k in ("email",) if isinstance(agent.get(k), str)
            )
            people.setdefault(author, IntakePerson(author, handles))
        key = one_line(item.get("id"), 80) or f"entry-{n}"
        entries.append(IntakeEntry(instant, text, "UTC", author, kind, "pagerduty", key=key))
    warnings = (f"{bad} log entries without a readable time were left out",) if bad else ()
    entries.sort(key=lambda e: e.time or "")
    return IntakeResult(
        tuple(entries),
        tuple(people.values()),
        skipped,
        warnings,
        f"PagerDuty log, {len(items)} entries",
    )
