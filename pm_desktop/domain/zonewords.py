"""Zone words people write next to times, mapped explicitly to zone names.

Why a hand-written table: a parser that "knows" abbreviations (pendulum with ``strict=False``,
dateutil, ...) quietly reads a word it does not know as UTC, and a timeline that is off by eight
hours is worse than one that says "I could not read this zone". Here an unknown word gives ``None``
and the caller reports it.

Rules the table follows:

- A stated abbreviation is a *fixed offset*. Someone who wrote ``PDT`` meant UTC-7 at that moment,
  whatever the calendar says, so ``PDT`` is ``-07:00`` and ``PST`` is ``-08:00``.
- The generic North American words without S/D (``PT``, ``ET``, ...) do not say which offset was in
  force, so they map to the IANA zone and follow daylight saving time.
- Several abbreviations mean different places; each entry notes the reading chosen.
"""

from __future__ import annotations

import re
from functools import lru_cache

from pm_desktop.domain import timeutil

# Upper-case word -> zone name (UTC, fixed offset "+HH:MM", or an IANA name).
ZONE_WORDS: dict[str, str] = {
    # Universal time and its spellings.
    "UTC": "UTC",
    "GMT": "UTC",
    "Z": "UTC",
    "UT": "UTC",
    "UCT": "UTC",
    "ZULU": "UTC",
    # North America, standard and daylight variants as fixed offsets.
    "PST": "-08:00",
    "PDT": "-07:00",
    "MST": "-07:00",
    "MDT": "-06:00",
    # CST is read as US Central Standard Time; China Standard Time (+08:00) shares the letters.
    "CST": "-06:00",
    "CDT": "-05:00",
    "EST": "-05:00",
    "EDT": "-04:00",
    "AKST": "-09:00",
    "AKDT": "-08:00",
    "HST": "-10:00",
    "NST": "-03:30",
    "NDT": "-02:30",
    # Generic names: the writer did not say standard or daylight, so follow the IANA zone.
    "PT": "America/Los_Angeles",
    "MT": "America/Denver",
    "CT": "America/Chicago",
    "ET": "America/New_York",
    # Europe.
    "WET": "+00:00",
    "WEST": "+01:00",
    # BST is read as British Summer Time; Bangladesh Standard Time (+06:00) shares the letters.
    "BST": "+01:00",
    "CET": "+01:00",
    "CEST": "+02:00",
    "MEZ": "+01:00",
    "MESZ": "+02:00",
    "EET": "+02:00",
    "EEST": "+03:00",
    "MSK": "+03:00",
    # Asia and Oceania.
    # IST is read as India Standard Time; Irish Standard Time (+01:00) and Israel Standard Time
    # (+02:00) use the same letters. Write an offset or an IANA name when it matters.
    "IST": "+05:30",
    "PKT": "+05:00",
    "ICT": "+07:00",
    "WIB": "+07:00",
    "SGT": "+08:00",
    "HKT": "+08:00",
    "AWST": "+08:00",
    "JST": "+09:00",
    "KST": "+09:00",
    "ACST": "+09:30",
    "ACDT": "+10:30",
    "AEST": "+10:00",
    "AEDT": "+11:00",
    "NZST": "+12:00",
    "NZDT": "+13:00",
    # South America.
    "BRT": "-03:00",
    "ART": "-03:00",
}

# Deliberately left out because the letters are shared by zones far apart:
# AST (Atlantic -04:00 / Arabia +03:00), SST (Samoa / Singapore), GST (Gulf / South Georgia).

# "UTC+5", "GMT-08:00", "UTC +05:30", "+0530", "−7" (unicode minus), "Z+1" is not accepted.
_OFFSET_WORD_RE = re.compile(
    r"^(?:UTC|GMT|UT)?\s*([+\-\u2212])\s*(\d{1,2})(?:(?::|h)?(\d{2}))?$", re.IGNORECASE
)
_IANA_SHAPE_RE = re.compile(r"^[A-Za-z][A-Za-z0-9_+\-]*(?:/[A-Za-z0-9_+\-]+){1,2}$")


@lru_cache(maxsize=1)
def _iana_by_lower() -> dict[str, str]:
    """Lower-case IANA name -> its proper spelling, so ``europe/berlin`` is understood."""
    try:
        import zoneinfo  # its tz path lookup loads sysconfig: only when a name is looked up

        names = zoneinfo.available_timezones()
    except Exception:  # a system without a tz database: fall back to exact spellings only
        return {}
    return {name.lower(): name for name in names}


def _offset_zone(sign: str, hours: str, minutes: str | None) -> str | None:
    h, m = int(hours), int(minutes or 0)
    if h > 14 or m >= 60:
        return None
    if h == 0 and m == 0:
        return timeutil.UTC
    sign = "-" if sign in ("-", "\u2212") else "+"
    text = f"{sign}{h:02d}:{m:02d}"
    try:
        return timeutil.normalize_zone(text)
    except timeutil.TimeError:
        return None


@lru_cache(maxsize=1024)
def resolve_zone_word(word: str) -> str | None:
    """The normalized zone name for a zone word, or ``None`` when the word is not known.

    Accepts the abbreviations in :data:`ZONE_WORDS` (any letter case), UTC/GMT offsets
    (``UTC+2``, ``GMT-08:00``, ``+05:30``) and IANA names (``Europe/Berlin``, also in lower case).
    An unknown word is never read as UTC.
    """
    if not isinstance(word, str):
        return None
    text = word.strip()
    if text.startswith("(") and text.endswith(")"):
        text = text[1:-1].strip()
    if not text or len(text) > 64:
        return None
    known = ZONE_WORDS.get(text.upper())
    if known is not None:
        return known
    m = _OFFSET_WORD_RE.match(text)
    if m:
        return _offset_zone(m.group(1), m.group(2), m.group(3))
    if _IANA_SHAPE_RE.match(text):
        spelled = _iana_by_lower().get(text.lower(), text)
        try:
            return timeutil.normalize_zone(spelled)
        except timeutil.TimeError:
            return None
    return None


def is_zone_word(word: str) -> bool:
    """True when :func:`resolve_zone_word` understands ``word``."""
    return resolve_zone_word(word) is not None
