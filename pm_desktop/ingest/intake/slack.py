"""A Slack export ZIP → timeline entries.

The export holds ``users.json``, ``channels.json`` and one folder per channel with one JSON file
per day (``2026-11-30.json``), each a list of messages with ``ts`` (seconds since the epoch),
``user``, ``text``, ``thread_ts``, ``files`` and a ``subtype`` for anything that is not a plain
message.

What becomes an entry, and why:

- A person's message: one entry, author = the person's real name (their handle is kept on the
  participant, so redaction knows it), in the zone their Slack profile gives (else UTC).
- Thread replies stay with their parent: they follow it, in order, and read "(in thread) …".
- Joins, leaves and channel topic/purpose/name changes are left out: they are about the channel,
  not the incident. Deleted messages are left out too.
- An edit (``message_changed``) replaces the text of the message it edits; the message keeps its
  own time, so the record shows what was finally said when it was first said.
- Bot messages are kept (an alert posted by a bot is often the first sign of trouble), as
  observations by the bot's name; a bot repeating the same text in the same channel within
  :data:`BOT_REPEAT_SECONDS` is left out as noise.
- Shared files become link evidence on the entry; a message's permalink, when the export has
  one, too.
- Mentions ``<@U123>``, channel links ``<#C123|name>``, links ``<https://x|label>`` and
  ``<!here>`` are written out as people read them; ``&amp;`` ``&lt;`` ``&gt;`` are decoded.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath
from typing import Any

from pm_desktop.domain import timeutil

from .entries import (
    IntakeEntry,
    IntakeError,
    IntakeLink,
    IntakePerson,
    IntakeResult,
    clean_text,
    one_line,
)
from .safe_files import SafeArchive, open_archive

BOT_REPEAT_SECONDS = 15 * 60
_DAY_FILE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}\.json$")
_CHANNEL_NOISE = {
    "channel_join",
    "channel_leave",
    "group_join",
    "group_leave",
    "channel_topic",
    "channel_purpose",
    "channel_name",
    "group_topic",
    "group_purpose",
    "group_name",
    "channel_archive",
    "channel_unarchive",
    "pinned_item",
    "unpinned_item",
    "reminder_add",
}
_SPECIAL_RE = re.compile(r"<([^<>\n]{1,2000})>")


@dataclass(frozen=True, slots=True)
class SlackUser:
    id: str
    name: str  # the name entries carry
    handle: str
    zone: str = "UTC"
    bot: bool = False


@dataclass(frozen=True, slots=True)
class SlackOptions:
    """Which channels (names without ``#``; empty = all) and which instants (canonical UTC,
    inclusive) to bring in."""

    channels: tuple[str, ...] = ()
    since: str | None = None
    until: str | None = None


def read_slack_export(path: Path, options: SlackOptions | None = None) -> IntakeResult:
    options = options or SlackOptions()
    with open_archive(path) as archive:
        return _read(archive, path, options)


def _read(archive: SafeArchive, path: Path, options: SlackOptions) -> IntakeResult:
    if not archive.has("users.json"):
        raise IntakeError(
            f"{path}: has no users.json, so it is not a Slack export (export the workspace or "
            "channel again from Slack's admin pages)"
        )
    users = _users(archive.read_json("users.json"), path)
    channel_ids, channel_names = _channels(archive, path)
    wanted = _wanted_channels(channel_names, options.channels, path)
    skipped: dict[str, int] = {}
    entries: list[IntakeEntry] = []
    warnings: list[str] = []
    for channel in wanted:
        raw = _channel_messages(archive, channel, path)
        entries.extend(
            _channel_entries(raw, channel, users, channel_ids, options, skipped, warnings)
        )
    authors = {e.author for e in entries}
    people = tuple(
        IntakePerson(u.name, tuple(h for h in (f"@{u.handle}",) if u.handle != u.name))
        for u in sorted(users.values(), key=lambda u: u.name.casefold())
        if u.name in authors and not u.bot
    )
    label = f"Slack export, {len(wanted)} of {len(channel_names)} channels"
    return IntakeResult(
        tuple(entries), people, skipped, tuple(warnings), label, tuple(channel_names)
    )


# ------------------------------------------------------------------------------ directory


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _users(data: Any, path: Path) -> dict[str, SlackUser]:
    if not isinstance(data, list):
        raise IntakeError(f"{path}: users.json is not a list of users")
    users: dict[str, SlackUser] = {}
    for item in data:
        if not isinstance(item, dict) or not isinstance(item.get("id"), str):
            continue
        profile = _dict(item.get("profile"))
        handle = one_line(item.get("name"), 80)
        name = (
            one_line(profile.get("real_name"), 120)
            or one_line(item.get("real_name"), 120)
            or one_line(profile.get("display_name"), 120)
            or handle
            or one_line(item["id"], 40)
        )
        zone = item["tz"] if isinstance(item.get("tz"), str) else "UTC"
        if not timeutil.is_valid_zone(zone):
            zone = "UTC"
        bot = item.get("is_bot") is True or item.get("is_app_user") is True
        users[item["id"]] = SlackUser(item["id"], name, handle or name, zone, bot)
    return users


def _channels(archive: SafeArchive, path: Path) -> tuple[dict[str, str], list[str]]:
    """Channel ids → names (from channels.json), and the channel folders the export holds."""
    ids: dict[str, str] = {}
    if archive.has("channels.json"):
        data = archive.read_json("channels.json")
        if not isinstance(data, list):
            raise IntakeError(f"{path}: channels.json is not a list of channels")
        for item in data:
            if isinstance(item, dict) and isinstance(item.get("id"), str):
                ids[item["id"]] = one_line(item.get("name"), 80)
    folders = sorted(
        {
            PurePosixPath(name).parts[0]
            for name in archive.names()
            if len(PurePosixPath(name).parts) == 2 and _DAY_FILE_RE.match(PurePosixPath(name).name)
        }
    )
    return ids, folders


def _wanted_channels(names: list[str], asked: Iterable[str], path: Path) -> list[str]:
    if not names:
        raise IntakeError(f"{path}: holds no channel folders with day files")
    asked = [a.strip().lstrip("#") for a in asked if a.strip()]
    if not asked:
        return names
    missing = [a for a in asked if a not in names]
    if missing:
        raise IntakeError(
            f"{path}: has no channel #{missing[0]}; it has " + ", ".join(f"#{n}" for n in names)
        )
    return [n for n in names if n in asked]


def _channel_messages(archive: SafeArchive, channel: str, path: Path) -> list[dict[str, Any]]:
    messages: list[dict[str, Any]] = []
    for name in sorted(archive.names()):
        parts = PurePosixPath(name).parts
        if len(parts) != 2 or parts[0] != channel or not _DAY_FILE_RE.match(parts[1]):
            continue
        data = archive.read_json(name)
        if not isinstance(data, list):
            raise IntakeError(f"{path}: {name} is not a list of messages")
        messages.extend(m for m in data if isinstance(m, dict))
    return messages


# ------------------------------------------------------------------------------ messages


def ts_instant(value: Any) -> str | None:
    """A Slack ``ts`` ("1764495123.000200") → canonical UTC, None when it is not one."""
    if not isinstance(value, str) or not re.fullmatch(r"\d{9,11}(\.\d{1,6})?", value):
        return None
    seconds = int(value.split(".")[0])
    try:
        moment = _dt.datetime.fromtimestamp(seconds, _dt.UTC)
    except (OverflowError, OSError, ValueError):
        return None
    canonical = timeutil.to_canonical(moment)
    return canonical if timeutil.year_in_range(canonical) else None


def _ts_key(value: Any) -> float:
    try:
        return float(value)
    except (TypeError, ValueError):
        return 0.0


def _channel_entries(
    raw: list[dict[str, Any]],
    channel: str,
    users: dict[str, SlackUser],
    channel_ids: dict[str, str],
    options: SlackOptions,
    skipped: dict[str, int],
    warnings: list[str],
) -> list[IntakeEntry]:
    def skip(reason: str) -> None:
        skipped[reason] = skipped.get(reason, 0) + 1

    # Edits first: the final text of each edited message, by its ts.
    edited: dict[str, str] = {}
    deleted: set[str] = set()
    messages: list[dict[str, Any]] = []
    for m in raw:
        subtype = m.get("subtype")
        if subtype == "message_changed" and isinstance(m.get("message"), dict):
            inner = m["message"]
            if isinstance(inner.get("ts"), str) and isinstance(inner.get("text"), str):
                edited[inner["ts"]] = inner["text"]
            skip("edits (the final text is kept)")
        elif subtype == "message_deleted":
            if isinstance(m.get("deleted_ts"), str):
                deleted.add(m["deleted_ts"])
            skip("deleted messages")
        else:
            messages.append(m)
    messages.sort(key=lambda m: _ts_key(m.get("ts")))

    source = f"slack:#{channel}"
    last_bot_text: dict[str, tuple[str, float]] = {}
    entries: list[IntakeEntry] = []
    bad_times = 0
    for m in messages:
        subtype = m.get("subtype")
        ts: str = m["ts"] if isinstance(m.get("ts"), str) else ""
        if subtype in _CHANNEL_NOISE:
            skip("joins and channel changes")
            continue
        if ts in deleted:
            skip("deleted messages")
            continue
        instant = ts_instant(ts)
        if instant is None:
            bad_times += 1
            continue
        if (options.since and instant < options.since) or (
            options.until and instant > options.until
        ):
            skip("outside the time range")
            continue
        text = render_text(edited.get(ts, m.get("text")), users, channel_ids)
        uid = m["user"] if isinstance(m.get("user"), str) else ""
        user = users.get(uid)
        is_bot = subtype == "bot_message" or "bot_id" in m or (user is not None and user.bot)
        if is_bot:
            bot_name = (
                (user.name if user else "")
                or one_line(m.get("username"), 80)
                or one_line(_dict(m.get("bot_profile")).get("name"), 80)
                or "bot"
            )
            author = bot_name if bot_name.endswith("(bot)") else f"{bot_name} (bot)"
            previous = last_bot_text.get(author)
            if previous and previous[0] == text and _ts_key(ts) - previous[1] < BOT_REPEAT_SECONDS:
                skip("repeated bot messages")
                continue
            last_bot_text[author] = (text, _ts_key(ts))
            zone, kind = "UTC", "observation"
        else:
            author = user.name if user else one_line(uid, 40)
            zone, kind = (user.zone if user else "UTC"), "note"
        links = _links(m)
        if not text and not links:
            skip("empty messages")
            continue
        thread = m.get("thread_ts") if isinstance(m.get("thread_ts"), str) else ""
        reply_to = f"{channel}/{thread}" if thread and thread != ts else ""
        if reply_to:
            text = f"(in thread) {text}"
        entries.append(
            IntakeEntry(
                time=instant,
                text=text or (links[0].title if links else ""),
                tz=zone,
                author=author,
                kind=kind,
                source=source,
                links=links,
                key=f"{channel}/{ts}",
                reply_to=reply_to,
            )
        )
    if bad_times:
        warnings.append(f"#{channel}: {bad_times} message(s) without a readable time were left out")
    return thread_order(entries)


def thread_order(entries: list[IntakeEntry]) -> list[IntakeEntry]:
    """Messages in time order, each thread's replies right after their parent (a reply whose
    parent is not in the range stays where its time puts it)."""
    keys = {e.key for e in entries}
    replies: dict[str, list[IntakeEntry]] = {}
    top: list[IntakeEntry] = []
    for e in entries:
        if e.reply_to and e.reply_to in keys:
            replies.setdefault(e.reply_to, []).append(e)
        else:
            top.append(e if not e.reply_to else replace(e, reply_to=""))
    out: list[IntakeEntry] = []
    for e in top:
        out.append(e)
        out.extend(replies.get(e.key, ()))
    return out


def _links(m: dict[str, Any]) -> tuple[IntakeLink, ...]:
    links: list[IntakeLink] = []
    files = m["files"] if isinstance(m.get("files"), list) else []
    for f in files[:50]:
        if not isinstance(f, dict):
            continue
        url = f.get("permalink") or f.get("url_private")
        if isinstance(url, str) and url.startswith(("https://", "http://")):
            title = one_line(f.get("title"), 200) or one_line(f.get("name"), 200) or "Slack file"
            links.append(IntakeLink(one_line(url, 2000), title))
    permalink = m.get("permalink")
    if isinstance(permalink, str) and permalink.startswith(("https://", "http://")):
        links.append(IntakeLink(one_line(permalink, 2000), "Slack message"))
    return tuple(links)


def render_text(value: Any, users: dict[str, SlackUser], channel_ids: dict[str, str]) -> str:
    """Slack's markup as people read it: ``<@U1>`` → ``@Mei Lin``, ``<#C1|db>`` → ``#db``,
    ``<https://x|label>`` → ``label (https://x)``, ``<!here>`` → ``@here``."""
    if not isinstance(value, str):
        return ""

    def one(m: re.Match[str]) -> str:
        body = m.group(1)
        target, _bar, label = body.partition("|")
        if target.startswith("@"):
            user = users.get(target[1:])
            return "@" + (user.name if user else (label or target[1:]))
        if target.startswith("#"):
            return "#" + (label or channel_ids.get(target[1:], target[1:]))
        if target.startswith("!"):
            if target.startswith("!subteam^"):
                return label or "@team"
            if target.startswith("!date^"):
                return label or target
            return "@" + target[1:]
        if target.startswith("mailto:"):
            return label or target[7:]
        if label and label != target:
            return f"{label} ({target})"
        return target

    text = _SPECIAL_RE.sub(one, value)
    text = text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
    return clean_text(text)
