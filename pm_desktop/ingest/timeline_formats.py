"""The shapes of pasted timelines: line prefixes, separators, tables, titles, text clean-up and
the event-kind guess.

Kept apart from the parser's state machine (``timeline_text``) so each can be read on its own.
Every pattern here is anchored or bounded: the parser only ever looks at the first
:data:`DETECT_CHARS` characters of a line when searching for a time, so a pasted 1 MB log line
costs a slice, not a regex blow-up.
"""

from __future__ import annotations

import datetime as _dt
import html
import re
from functools import lru_cache

from pm_desktop.domain import timeutil
from pm_desktop.domain.model import EVENT_KINDS
from pm_desktop.domain.time_input import Stamp, scan_stamp, stamp_date
from pm_desktop.domain.zonewords import resolve_zone_word

DETECT_CHARS = 200
_I = re.IGNORECASE

# --------------------------------------------------------------------------- lines and characters

_LINE_BREAK_RE = re.compile(r"\r\n|\r|\n")
# C0/C1 control characters (except tab, which becomes a space), and the BOM.
_CONTROL_TABLE: dict[int, str | None] = {
    c: None for c in (*range(0, 9), *range(11, 32), *range(0x7F, 0xA0), 0xFEFF)
}
_CONTROL_TABLE[9] = " "
_CONTROL_TABLE[0x2028] = " "
_CONTROL_TABLE[0x2029] = " "


def split_lines(text: str) -> list[str]:
    """Lines as an editor numbers them (only CR, LF and CRLF end a line)."""
    return _LINE_BREAK_RE.split(text)


_CONTROL_RE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ufeff\u2028\u2029\t]")


def strip_controls(line: str) -> str:
    """Drop control characters (a tab becomes a space); most lines have none."""
    return line.translate(_CONTROL_TABLE) if _CONTROL_RE.search(line) else line


# --------------------------------------------------------------------------- around a stamp

# Structure at the start of a line: quotes, bullets, numbering, task boxes.
BULLET_RE = re.compile(
    r"\s*(?:>\s*)*(?:(?:[-*+\u2022\u00b7\u2023\u25aa\u25e6]|\d{1,3}[.)])\s+)?(?:\[[ xX]\]\s+)?"
)
# What may stand between the bullet and a time: emphasis, an opening bracket, "At", "Posted ...".
STAMP_LEAD_RE = re.compile(
    r"(?:[*_`]{1,3}\s*)?[\[(]?\s*(?:[*_`]{1,3})?\s*"
    r"(?:(?:posted|updated)(?:\s+(?:about|over|almost|less\s+than)?\s*(?:\d+|an?|one)\s+[a-z]+\s+ago)?[.,]?\s+"
    r"|(?:at|on)\s+)?",
    _I,
)
# Between a stamp and its text: closing emphasis/brackets and one separator ("-", "—", ":", "|" ...).
# Emphasis is only taken as a closer right after the stamp, so "09:15 - **Deploy**" keeps its
# own bold markers for the text clean-up to pair.
AFTER_STAMP_RE = re.compile(
    r"[*_`]{0,3}[\])]?[*_`]{0,3}\s*(?:(?:->|=>|-{1,3}(?!\S)|[\u2013\u2014:|,>=]|\.(?=\s))\s*)?"
)
# A range's second time: "11:32-13:05", "13:37 – 02:00", "10:00 to 10:45".
RANGE_SEP_RE = re.compile(r"\s*(?:-{1,2}|[\u2013\u2014]|to\b|until\b|till\b|through\b)\s*", _I)
# What may remain on a line that holds only a stamp (status pages put it under the message).
STAMP_ONLY_REST_RE = re.compile(r"[\s*_`\])\-\u2013\u2014:|,.\u00b7]*$")
HEADING_RE = re.compile(r"\s{0,3}(#{1,6})\s+(.*)$")

# Capital words that follow a time in real timelines and are not time zones.
NOT_ZONES = frozenset(
    "AI ALB ALERT AM API AWS BGP CD CDN CEO CI CPU CRIT CTO DB DEBUG DNS ELB ERROR ETA EU FATAL "
    "FYI GC GCP GPU HR HTTP IC INFO IO IP IT JVM K8S LB LDAP MFA ML NB NLB NOC NOTE OK ON OOM OPS "
    "PDF PM PR QA RAM RDS SLO SLA SOC SQL SRE SSH SSL SSO TLS TODO UI UK US UX VM VP VPN WARN".split()
)
_UNKNOWN_ZONE_SHAPE_RE = re.compile(r"[A-Z]{2,5}$|[A-Z][A-Za-z_]+(?:/[A-Za-z0-9_+\-]+){1,2}$")
_FOLLOWS_ZONE_RE = re.compile(r"[\s*_`]*(?:[\])]|[-\u2013\u2014:|,>]|$)")


def looks_like_unknown_zone(word: str, after: str) -> bool:
    """Is an unrecognised capital word after a time meant as a zone? (``09:15 XYZ - ...``)"""
    if word in NOT_ZONES or not _UNKNOWN_ZONE_SHAPE_RE.match(word):
        return False
    return "/" in word or bool(_FOLLOWS_ZONE_RE.match(after))


def scan_line(content: str) -> Stamp | None:
    """The stamp a line starts with, looking past bullets, emphasis, "[", "At", "Posted ..."."""
    det = content[:DETECT_CHARS]
    if det[:1].isdigit():  # the usual "09:15 ..." needs no prefix handling
        stamp = scan_stamp(det, 0)
        if stamp is not None:
            return stamp
    bullet = BULLET_RE.match(det)
    pos = bullet.end() if bullet else 0
    lead = STAMP_LEAD_RE.match(det, pos)
    return scan_stamp(det, lead.end() if lead else pos)


# --------------------------------------------------------------------------- dates and instants

_OFFSET_ZONE_RE = re.compile(r"^([+-])(\d{2}):(\d{2})$")
# The order of numeric dates (11/02) is read over the whole paste in ``timeline_headings``.


def as_datetime(canonical: str) -> _dt.datetime:
    """A stored instant as a plain aware datetime (cheap to subtract, unlike pendulum's)."""
    return _dt.datetime.fromisoformat(canonical)


@lru_cache(maxsize=256)
def _fixed_offset(zone: str) -> _dt.timedelta | None:
    if zone == timeutil.UTC:
        return _dt.timedelta(0)
    m = _OFFSET_ZONE_RE.match(zone)
    if not m:
        return None
    minutes = int(m.group(2)) * 60 + int(m.group(3))
    return _dt.timedelta(minutes=-minutes if m.group(1) == "-" else minutes)


def fixed_zone_instant(wall: _dt.datetime, zone: str) -> str | None:
    """Canonical instant of a wall-clock time in UTC or a fixed offset; None for other zones.

    The same answer ``timeutil.resolve_local`` gives, without its per-call cost: a 10,000-line
    paste is mostly UTC times.
    """
    offset = _fixed_offset(zone)
    if offset is None:
        return None
    return (wall - offset).isoformat(timespec="seconds") + "Z"  # "YYYY-MM-DDTHH:MM:SS" + "Z"


# --------------------------------------------------------------------------- tables

RULE_RE = re.compile(r"\s{0,3}(?:[-*_]\s*){3,}$")
TABLE_SEP_RE = re.compile(r"\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$")
_CELL_SPLIT_RE = re.compile(r"(?<!\\)\|")


def is_table_row(line: str, in_table: bool) -> bool:
    stripped = line.lstrip()
    return stripped.startswith("|") and stripped.count("|") >= 2 or (in_table and "|" in line)


def table_cells(line: str) -> list[str]:
    """The cells of a pipe-table row, outer pipes removed, ``\\|`` kept as a literal pipe."""
    cells = _CELL_SPLIT_RE.split(line.strip())
    if cells and not cells[0].strip():
        cells = cells[1:]
    if cells and not cells[-1].strip():
        cells = cells[:-1]
    return [c.strip().replace("\\|", "|") for c in cells]


def table_stamp_and_text(cells: list[str]) -> tuple[str | None, str]:
    """(the row's date and time as one string, the other cells joined) for a table row.

    A cell counts as a stamp only when it holds nothing else ("2019-11-29", "12:00 UTC",
    "11:32-13:05"); only the first four cells are looked at.
    """
    date_cell = time_cell = None
    used: set[int] = set()
    cleaned = [clean_text(c) for c in cells]
    for i, probe in enumerate(cleaned[:4]):
        stamp = scan_stamp(probe[:DETECT_CHARS])
        if stamp is None:
            continue
        tail = probe[stamp.end :]
        sep = RANGE_SEP_RE.match(probe, stamp.end) if stamp.has_time else None
        second = scan_stamp(probe[:DETECT_CHARS], sep.end()) if sep else None
        if second is not None and second.has_time:
            tail = probe[second.end :]
        if tail.strip(" *_`.,:;-"):
            continue
        if stamp.has_time and time_cell is None:
            time_cell = probe
            used.add(i)
        elif not stamp.has_time and stamp.date_kind and date_cell is None:
            date_cell = probe
            used.add(i)
    text = " \u2014 ".join(t for i, t in enumerate(cleaned) if t and i not in used)
    if time_cell is not None and date_cell is not None:
        combined = scan_stamp(f"{date_cell} {time_cell}")
        if combined is not None and combined.has_time and combined.date_kind is not None:
            return f"{date_cell} {time_cell}", text
    return time_cell if time_cell is not None else date_cell, text


# --------------------------------------------------------------------------- titles


# "Incident timeline ...", "Payment outage timeline ...", "(all times in UTC)", "times are in PST".
# "timeline" must be among the first words so prose that mentions a timeline stays text.
_TITLE_HINT_RE = re.compile(
    r"^\W*(?:[\w'-]+\s+){0,2}(?:timeline|chronology)\b|\ball\s+times\b|^\W*times\b|\(\s*times\b",
    _I,
)
_TIMELINE_ONLY_RE = re.compile(
    r"\W*(?:incident\s+|detailed\s+)?(?:timeline|chronology)(?:\s+of\s+(?:the\s+)?events)?\W*$", _I
)
_TITLE_ZONE_RES = (
    # "all times in UTC", "Times are PST", "(times shown in Europe/Berlin)"; only this form is
    # explicit enough to report an unknown word.
    re.compile(
        r"(?:\ball\s+times?|^\W*times?|\(\s*times?)\s+(?:are\s+|is\s+|shown\s+|given\s+|listed\s+)?"
        r"(?:in\s+)?(?:the\s+)?([A-Za-z][A-Za-z0-9_/+\-:]{0,40})",
        _I,
    ),
    re.compile(r"\(\s*([A-Za-z][A-Za-z0-9_/+\-:]{0,40})\s*\)"),
    re.compile(r"\btime\s+([A-Z]{1,5})\b"),
)
_MONTH_ALT = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
# A date anywhere in a title line; the scanner then reads it from where it starts.
DATE_ANYWHERE_RE = re.compile(
    r"(?<![\w/.-])(?:(?:19|20|21)\d{2}[-/.][01]?\d[-/.][0-3]?\d"
    r"|[0-3]?\d(?:st|nd|rd|th)?[ \-]+" + _MONTH_ALT + r"\b"
    r"|" + _MONTH_ALT + r"\.?\s+[0-3]?\d(?!\d)"
    r"|(?:19|20|21)\d{2}\s+" + _MONTH_ALT + r"\b)",
    _I,
)


def title_date(text: str, near: _dt.date) -> _dt.date | None:
    """The first date written anywhere in a title line (year filled in from ``near``)."""
    m = DATE_ANYWHERE_RE.search(text[:DETECT_CHARS])
    if not m:
        return None
    stamp = scan_stamp(text[:DETECT_CHARS], m.start())
    return stamp_date(stamp, near) if stamp else None


def is_title_line(text: str, heading: bool) -> bool:
    """A line that names the timeline (and maybe its date and zone) rather than an event."""
    if len(text) > 160:
        return False
    return heading or bool(_TITLE_HINT_RE.search(text))


def is_bare_timeline_title(text: str) -> bool:
    return bool(_TIMELINE_ONLY_RE.match(text))


def title_zone(text: str) -> tuple[str | None, str | None]:
    """(zone, word) declared by a title such as "(all times in UTC)"; (None, word) if unknown."""
    for pattern in _TITLE_ZONE_RES:
        for m in pattern.finditer(text):
            word = m.group(1).rstrip(".,:;")
            zone = resolve_zone_word(word)
            if zone is not None:
                return zone, word
            if pattern is _TITLE_ZONE_RES[0] and word.isupper() and 2 <= len(word) <= 5:
                return None, word
    return None, None


# --------------------------------------------------------------------------- text clean-up

_BR_RE = re.compile(r"<br\s*/?>", _I)
_ENTITY_RE = re.compile(r"&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_CODE_SPAN_RE = re.compile(r"(`[^`\n]{0,500}`)")
# The emphasised text may not contain its own marker character, so a search never runs past
# the next marker: linear time even on a megabyte of " __a __a ...".
_BOLD_RE = re.compile(
    r"\*\*(?=[^\s*])([^*\n]{1,300}?)(?<=[^\s*])\*\*|__(?=[^\s_])([^_\n]{1,300}?)(?<=[^\s_])__"
)
_ITALIC_STAR_RE = re.compile(r"(?<![\w*])\*(?=[^\s*])([^*\n]{1,300}?)(?<=[^\s*])\*(?![\w*])")
_ITALIC_UNDER_RE = re.compile(r"(?<![\w_])_(?=[^\s_])([^_\n]{1,300}?)(?<=[^\s_])_(?![\w_])")
_STRAY_LEAD_RE = re.compile(r"(?:\*\*|__)\s*")
_SPACES_RE = re.compile(r"[ \u00a0]{2,}")


def _strip_stray_edges(line: str) -> str:
    """Drop a lone ``**``/``__`` at either end. Not a ``\\s*(?:\\*\\*|__)$`` regex: that one retries
    at every position of a long run of spaces (quadratic; 64k spaces took 24 s)."""
    lead = _STRAY_LEAD_RE.match(line)
    if lead:
        line = line[lead.end() :]
    if line.endswith(("**", "__")):
        line = line[:-2].rstrip()
    return line


def _unemphasize(text: str) -> str:
    parts = _CODE_SPAN_RE.split(text)
    for i in range(0, len(parts), 2):  # odd indexes are `code` and stay as written
        part = _BOLD_RE.sub(lambda m: m.group(1) or m.group(2), parts[i])
        part = _ITALIC_STAR_RE.sub(r"\1", part)
        parts[i] = _ITALIC_UNDER_RE.sub(r"\1", part)
    return "".join(parts)


_NEEDS_CLEANING_RE = re.compile(r"[<&*_`\n\u00a0]|  ")


def clean_text(text: str) -> str:
    """Entry text as people want to read it: no markdown emphasis, entities decoded, <br> as
    a line break, runs of spaces collapsed."""
    if not _NEEDS_CLEANING_RE.search(text):
        return text.strip()
    text = _BR_RE.sub("\n", text)
    text = _ENTITY_RE.sub(lambda m: html.unescape(m.group(0)), text)
    lines = []
    for line in text.split("\n"):
        line = _strip_stray_edges(_unemphasize(line))
        lines.append(_SPACES_RE.sub(" ", line).strip())
    return "\n".join(lines).strip()


_LEADING_SEP_RE = re.compile(r"(?:-{1,3}|[\u2013\u2014:|])\s+")


def strip_leading_separator(text: str) -> str:
    """Drop a separator that only showed up once entities were decoded (``&mdash; text``)."""
    m = _LEADING_SEP_RE.match(text)
    return text[m.end() :] if m else text


def clean_line(line: str) -> str:
    """A line of text with no time: bullets and quote markers dropped, then :func:`clean_text`."""
    m = BULLET_RE.match(line)
    return clean_text(line[m.end() :] if m else line)


# --------------------------------------------------------------------------- kinds

_KIND_ALIASES = {"impact": "impact_start", "ack": "acknowledged", "comms": "communication"}
KIND_PREFIX_RE = re.compile(r"!([a-z_]+)\b\s*", _I)

# Status-page update labels at the start of an entry.
_STATUS_LABEL_RE = re.compile(
    r"(investigating|identified|monitoring|resolved|update|completed|verifying)\s*(?:[-\u2013\u2014:]|$)",
    _I,
)
_STATUS_KINDS = {
    "investigating": "acknowledged",
    "identified": "observation",
    "monitoring": "mitigated",
    "verifying": "mitigated",
    "resolved": "resolved",
    "completed": "resolved",
    "update": "communication",
}


def _rule(phrases: str, starts: str) -> re.Pattern[str]:
    """One word-anchored alternation: much faster than many ``\b``-led branches.

    ``starts`` holds every letter a phrase can begin with: the search skips other places with
    one look (a pattern that begins with ``\b`` tries every branch at every character).
    ``tests/ingest/test_kind_rules.py`` checks that no phrase begins with another letter.
    """
    return re.compile(r"(?=[" + starts + r"])\b(?:" + phrases + ")")


# Checked in this order; the first that matches wins. Kept narrow on purpose: a wrong kind
# moves a metric, while "note" only leaves it for the reviewer to set. Text is lower-cased.
_KIND_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("resolved", _rule(
        r"resolved\b(?<!not resolved)(?<!n't resolved)|incident (?:is )?closed\b"
        r"|closed the incident\b|all[- ]clear\b|fully (?:recovered|restored|operational)\b"
        r"|back to normal\b|operating normally\b|recovery complete\b",
        starts="abcfior",
    )),
    ("mitigated", _rule(
        r"mitigat|partially restored\b|service (?:is )?restored\b|restored service\b"
        r"|workaround (?:is )?(?:applied|in place|deployed)\b|error rates? (?:drop|recover|return)"
        r"|improv(?:es|ed)\b|recovering\b|stabili[sz]ed\b|a fix has been (?:implemented|deployed)\b",
        starts="aeimprsw",
    )),
    ("acknowledged", _rule(
        r"acknowledg|ack(?:ed|'d)\b|incident (?:declared|opened|created)\b"
        r"|declared (?:an |the )?incident\b|(?:began|begins|started|starts) investigat"
        r"|investigation (?:begins|began|started|starts)\b|took (?:ownership|command)\b"
        r"|incident commander\b|joined the (?:call|bridge|incident)\b",
        starts="abdijst",
    )),
    ("detected", _rule(
        r"alerts? (?:fired|firing|fires|triggered|went off|raised)|(?:fired|triggered) (?:an? )?alert"
        r"|alerted\b|pag(?:ed|ing)\b|pagerduty\b|opsgenie\b|alarm|detected\b"
        r"|first (?:customer )?reports?\b|reported by\b",
        starts="adfoprt",
    )),
    ("impact_start", _rule(
        r"impact (?:began|begins|started|starts)\b|start of (?:the )?impact\b"
        r"|outage (?:began|begins|started|starts)\b"
        r"|(?:began|begins|started|starts) (?:failing|returning errors|to fail|erroring|timing out)"
        r"|(?:errors|failures|timeouts) (?:began|begin|started|start)\b|first errors?\b"
        r"|(?:customers?|users?) (?:were |are )?(?:unable|could not|cannot|can't)\b"
        r"|went down\b|became unavailable\b",
        starts="bcefiostuw",
    )),
    ("communication", _rule(
        r"status ?page\b|communicat|announce|notif(?:ied|y|ication)\b|e-?mail(?:ed)?\b"
        r"|posted (?:an )?update\b|customer update\b|update (?:posted|sent|published)\b"
        r"|stakeholders?\b|tweet",
        starts="acenpstu",
    )),
    ("action", _rule(
        r"(?:re)?deploy(?:ed|ing|s)\b|roll(?:ed|ing|s) back\b"
        r"|rollback (?:complete|completed|started|initiated|done)\b"
        r"|(?:revert|restart|reboot|drain|kill|block|cordon)(?:ed|ing|s)\b"
        r"|scal(?:ed|ing|es) (?:up|out|down|in)\b|fail(?:ed|ing|s) over\b|hotfix"
        r"|(?:dis|en)abl(?:ed|ing|es)\b|(?:in|de)creas(?:ed|ing|es)\b|migrated\b"
        r"|(?:patch|flush|switch)(?:ed|ing|es)\b|applied\b"
        r"|(?:purg|terminat|execut|rotat|throttl|resiz|upgrad|downgrad)(?:ed|ing|es)\b",
        starts="abcdefhikmprstu",
    )),
    ("observation", _rule(
        r"(?:logs?|metrics?|graphs?|dashboards?|traces?) (?:show|indicate|reveal)|observ"
        r"|we (?:see|saw)\b|spik|utili[sz]ation\b|latency\b|cpu\b|identif|confirm|appears?\b"
        r"|seems?\b|root cause\b|investigat|complain",
        starts="acdgilmorstuw",
    )),
)  # fmt: skip


def _any_kind(rules: tuple[tuple[str, re.Pattern[str]], ...]) -> re.Pattern[str]:
    """All rules in one zero-width search: at each word start, group n+1 is the first rule n
    whose phrases match there. Nothing is consumed, so every word start is tried, and the
    lowest rule over all of them is the one a search rule by rule would have found first.
    One pass over the text instead of up to one per rule (a 10,000-line paste)."""
    starts: set[str] = set()
    branches = []
    for _kind, pattern in rules:
        src = pattern.pattern  # "(?=[starts])\b(?:phrases)", as _rule builds it
        head, phrases = src.split(r"\b(?:", 1)
        starts.update(head[len("(?=[") : -len("])")])
        branches.append(f"{head}({phrases[:-1]})")
    combined = re.compile(r"(?=[" + "".join(sorted(starts)) + r"])\b(?=" + "|".join(branches) + ")")
    if combined.groups != len(rules):  # a phrase with its own capturing group would shift them
        raise ValueError("kind phrases must use (?:...) groups only")
    return combined


_ANY_KIND_RE = _any_kind(_KIND_RULES)


def split_kind_prefix(text: str) -> tuple[str | None, str]:
    """``"!mitigated Rolled back"`` -> ``("mitigated", "Rolled back")``; unknown prefixes stay."""
    m = KIND_PREFIX_RE.match(text)
    if not m:
        return None, text
    word = m.group(1).lower()
    kind = _KIND_ALIASES.get(word, word)
    if kind not in EVENT_KINDS:
        return None, text
    return kind, text[m.end() :]


def guess_kind(text: str) -> str:
    """A conservative guess at the event kind from its words; ``"note"`` when unsure.

    A leading ``!kind`` (``!detected``, ``!mitigated``, ``!ack`` ...) states the kind outright.
    """
    if not isinstance(text, str):
        return "note"
    head = text.lstrip()[:300]
    explicit, head = split_kind_prefix(head)
    if explicit:
        return explicit
    m = _STATUS_LABEL_RE.match(head)
    if m:
        return _STATUS_KINDS[m.group(1).lower()]
    return kind_in_words(head.lower())


# No phrase holds a digit, and a digit stands for a letter of a word either way (``\b``), so
# the kind never depends on which digits a line has: "pod 7, p95 1234 ms" reads as "pod 0, p00
# 0000 ms". Long pastes repeat the same words with other numbers, so the answer is kept per
# such text.
_DIGITS_AS_ZERO = str.maketrans("123456789", "000000000")


def kind_in_words(lowered: str) -> str:
    """The first rule of :data:`_KIND_RULES` whose phrases occur in lower-cased text, in one
    pass; ``"note"`` when none does. Only texts of a line's usual length are kept (a paste
    of long lines must not leave megabytes behind in the cache)."""
    if len(lowered) > _KEPT_TEXT:
        return _kind_in_words.__wrapped__(lowered)
    return _kind_in_words(lowered.translate(_DIGITS_AS_ZERO))


_KEPT_TEXT = 400


@lru_cache(maxsize=4096)
def _kind_in_words(lowered: str) -> str:
    best = len(_KIND_RULES)
    for m in _ANY_KIND_RE.finditer(lowered):  # every word start where some rule matches
        best = min(best, (m.lastindex or 1) - 1)  # group n+1 is rule n; the lowest one there
        if best == 0:
            break
    return _KIND_RULES[best][0] if best < len(_KIND_RULES) else "note"


def kind_rule_by_rule(lowered: str) -> str:
    """:func:`kind_in_words` one rule's search after the other: the slow reference the tests
    hold the one-pass search to."""
    for kind, pattern in _KIND_RULES:
        if pattern.search(lowered):
            return kind
    return "note"
