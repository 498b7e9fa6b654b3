"""Chat transcripts copied out of Slack or Teams, read one message at a time with its author.

A copied channel looks like a header line with the speaker's name and a clock time, then the
message lines, with day dividers between the days::

    Monday, March 3rd
    Mei Lin  10:42 AM
    checkout is throwing 502s (edited)
    :eyes: 2
    10:44
    rolling back now
    Ravi Patel, 10:47
    error rate back under 1%

Headers come in the shapes Slack and Teams produce: ``Name  10:42 AM``, ``Name, 10:42``,
``Name 10:42``, ``[10:42] Name: message`` and ``[3/3 10:42 AM] Name``. A bare clock time under a
message (Slack shows one for a follow-up message) starts a new message by the same speaker; lines
without a header belong to the last speaker. "(edited)" markers, reaction counts and thread
summaries are not part of what was said and are dropped.

The parser (``timeline_text``) asks :func:`looks_like_chat` once per paste and then hands every
line to :func:`read_chat_line`; this module only classifies, the parser places times on dates.
Every check here is a bounded slice, a split or an anchored pattern: linear in the input.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pm_desktop.domain.time_input import Stamp, scan_stamp
from pm_desktop.ingest.timeline_formats import DETECT_CHARS

HEADER_CHARS = 90  # a header is a name and a time; longer lines are messages
DETECT_LINES = 400  # non-blank lines looked at to decide whether a paste is a chat
_NAME_WORDS = 4

# A header ends in a clock time ("10:42", "10:42 AM", "[10:42 AM]"): checked on the last
# characters before any stamp is read, so ordinary lines cost one short search.
_CLOCK_AT_END_RE = re.compile(r"\d:\d\d(?::\d\d)?(?:\s?[AaPp]\.?[Mm]\.?)?\]?$")
_BRACKET_RE = re.compile(r"\s*\[([^\[\]]{3,40})\]\s*")
_BARE_TIME_RE = re.compile(r"\s*\[?\s*\d{1,2}:\d{2}(?::\d{2})?(?:\s?[AaPp]\.?[Mm]\.?)?\s*\]?\s*$")
_EDITED_RE = re.compile(r"\s*\((?:edited|bearbeitet|modifié|editado)\)\s*$", re.IGNORECASE)
# Reactions as Slack copies them (":eyes: 2", ":+1::skin-tone-2: 3") or as emoji with a count.
_REACTION_CODES_RE = re.compile(r"\s*(?::[\w+\-']{1,40}:(?:\s{0,3}\d{1,4})?\s*){1,20}$")
_REACTION_EMOJI_RE = re.compile(
    r"\s*(?:[\u2600-\u27bf\U0001f000-\U0001faff][\ufe0f\u200d\U0001f3fb-\U0001f3ff]{0,4}"
    r"\s{0,3}\d{1,4}\s*){1,20}$"
)
_THREAD_NOISE_RE = re.compile(
    r"\s*(?:\d{1,4}\s+repl(?:y|ies)\b.{0,60}|view thread|last reply\b.{0,60}|new messages?"
    r"|also sent to the channel|replied to a thread:?.{0,80}|\d{1,4}\s+new messages?)\s*$",
    re.IGNORECASE,
)
_DAY_WORDS = {"today": 0, "yesterday": -1}
# Words that start a line with a time at its end but are not anybody's name.
_NOT_NAME_WORDS = frozenset(
    "today yesterday tomorrow monday tuesday wednesday thursday friday saturday sunday mon tue "
    "wed thu fri sat sun january february march april may june july august september october "
    "november december jan feb mar apr jun jul aug sep sept oct nov dec investigating "
    "identified monitoring resolved update updated posted completed scheduled verifying at by "
    "since until till from around about approx approximately before after to the a an on in "
    "of and or for with was is are were we it started ended began until".split()
)
_BOT_TAGS = frozenset(("APP", "BOT", "App", "Bot"))


@dataclass(frozen=True, slots=True)
class ChatLine:
    """What one line of a chat transcript is.

    ``role`` is "header" (a new message: ``stamp`` and ``author``, maybe ``text`` on the same
    line), "more" (a follow-up message by the last speaker, at ``stamp``), "day" (a divider:
    ``stamp`` holds its date, or ``day_shift`` counts days from the paste's anchor date),
    "noise" (dropped) or "text" (a line of the current message, ``text`` cleaned of markers).
    """

    role: str
    stamp: Stamp | None = None
    author: str = ""
    text: str = ""
    day_shift: int | None = None


def _without_edited(text: str) -> str:
    """The message without a trailing "(edited)"; only the end is searched, so a long line of
    spaces costs one slice, not a search from every position."""
    if not text.endswith(")"):
        return text
    cut = max(0, len(text) - 40)
    m = _EDITED_RE.search(text, cut)
    return text[: m.start()] if m else text


def _is_name_word(word: str, first: bool) -> bool:
    if not word[:1].isalpha() or word.lower().rstrip(".,:") in _NOT_NAME_WORDS:
        return False
    if first and word[:1].islower():  # "mei.lin" or "jdoe" as a handle: one word, no prose
        return True
    return word[:1].isupper() or not first


def _name(words: list[str]) -> str | None:
    """The speaker's name from the words before the time, or None when they read as prose."""
    if words and words[-1] in _BOT_TAGS and len(words) > 1:
        words = words[:-1]  # "PagerDuty APP 10:42 AM": the tag is not part of the name
    if not 1 <= len(words) <= _NAME_WORDS:
        return None
    if words[0][:1].islower() and len(words) > 1:
        return None  # "back at", "done by": lower-case prose, not a name
    if not all(_is_name_word(w, i == 0) for i, w in enumerate(words)):
        return None
    return " ".join(words).rstrip(",:")


def _whole_stamp(text: str) -> Stamp | None:
    """A stamp with a clock time that is all of ``text`` (brackets and spaces aside)."""
    text = text.strip().strip("[]").strip()
    if not text or len(text) > 40:
        return None
    stamp = scan_stamp(text, 0)
    if stamp is None or not stamp.has_time or text[stamp.end :].strip(" ,"):
        return None
    return stamp


def _trailing_header(line: str) -> ChatLine | None:
    """``Mei Lin  10:42 AM``, ``Mei Lin, 10:42``, ``Mei Lin 10:42``, ``Mei Lin  [10:42 AM]``,
    ``Mei Lin  Yesterday 10:42 AM``."""
    words = line.replace(",", " , ").split()
    # The time takes the last one to five words ("10:42", "10:42 AM", "Mar 3rd at 10:42 AM").
    for size in (1, 2, 3, 4, 5):
        if size >= len(words):
            break
        stamp = _whole_stamp(" ".join(words[-size:]))
        if stamp is None:
            continue
        head = [w for w in words[:-size] if w != ","]
        shift = _DAY_WORDS.get(head[-1].lower()) if head else None
        if shift is not None:
            head = head[:-1]  # Teams: "Mei Lin Yesterday 10:42 AM"
        name = _name(head)
        if name is not None:
            return ChatLine("header", stamp, name, day_shift=shift)
    return None


def _bracket_header(line: str) -> ChatLine | None:
    """``[10:42] Mei Lin: message`` or ``[3/3 10:42 AM] Mei Lin``."""
    m = _BRACKET_RE.match(line)
    if not m:
        return None
    stamp = _whole_stamp(m.group(1))
    if stamp is None:
        return None
    rest = line[m.end() :]
    speaker, colon, message = rest.partition(":")
    if not colon:
        speaker, message = rest, ""
    name = _name(speaker.split())
    if name is None:
        return None
    return ChatLine("header", stamp, name, _without_edited(message.strip()))


def header(line: str) -> ChatLine | None:
    """The header a line is, if it is one."""
    if len(line) > HEADER_CHARS:
        return None
    stripped = line.strip()
    if stripped[:1] == "[":
        return _bracket_header(stripped)
    if _CLOCK_AT_END_RE.search(stripped, max(0, len(stripped) - 14)):
        return _trailing_header(stripped)
    return None


def looks_like_chat(lines: list[str]) -> bool:
    """Is this paste a chat transcript? Two messages or more under a header, and more of them
    than lines that start with a time. A header only counts with its message under it (or on
    it), so a list such as "Deploy 10:42" / "Rollback 10:50" stays what it was."""
    messages = stamped = seen = 0
    waiting = False  # a header was seen and its message has not come yet
    for line in lines:
        stripped = line[:DETECT_CHARS].strip()
        if not stripped:
            continue
        seen += 1
        if seen > DETECT_LINES:
            break
        if _BARE_TIME_RE.match(stripped):
            continue  # a follow-up's time: a chat's and a status page's alike
        found = header(stripped)
        if found is not None:
            messages += bool(found.text)
            waiting = not found.text
            continue
        messages += waiting
        waiting = False
        stamped += stripped[:1].isdigit()
        if stamped > messages + 40:
            return False  # a timeline: lines start with their times
    return messages >= 2 and messages > stamped


def read_chat_line(line: str) -> ChatLine:
    """Classify one non-blank line of a chat transcript."""
    stripped = line.strip()
    if _BARE_TIME_RE.match(stripped):
        stamp = _whole_stamp(stripped)
        if stamp is not None:
            return ChatLine("more", stamp)
    found = header(stripped)
    if found is not None:
        return found
    lowered = stripped.lower()
    if lowered in _DAY_WORDS:
        return ChatLine("day", day_shift=_DAY_WORDS[lowered])
    if len(stripped) <= 60:
        divider = scan_stamp(stripped[:DETECT_CHARS], 0)
        if divider is not None and not divider.has_time and divider.date_kind is not None:
            if not stripped[divider.end :].strip(" ,.-\u2013\u2014"):
                return ChatLine("day", divider)
    if len(stripped) <= 300 and (
        _EDITED_RE.fullmatch(stripped)
        or _THREAD_NOISE_RE.match(stripped)
        or _REACTION_CODES_RE.match(stripped)
        or _REACTION_EMOJI_RE.match(stripped)
    ):
        return ChatLine("noise")
    return ChatLine("text", text=_without_edited(stripped))
