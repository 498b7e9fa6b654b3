"""Finding a time zone by what people type: a city, an abbreviation, a region word.

The zone picker lists IANA names, but people think "PST", "IST", "pacific" or "Kolkata". This
module ranks zone names for a query and explains abbreviations that mean several places. Old
spellings kept by the tz database for compatibility (``Australia/ACT``, ``Asia/Calcutta``) are
hidden unless typed exactly: they would otherwise crowd out the names in use today.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

# Abbreviation → the places it is used for, most common reading first, with a short explanation.
ABBREVIATIONS: dict[str, tuple[tuple[str, str], ...]] = {
    "PST": (
        ("America/Los_Angeles", "Pacific Standard Time (UTC−08:00), US and Canada west coast"),
    ),
    "PDT": (
        ("America/Los_Angeles", "Pacific Daylight Time (UTC−07:00), US and Canada west coast"),
    ),
    "PT": (("America/Los_Angeles", "Pacific Time, standard or daylight"),),
    "MST": (
        ("America/Denver", "Mountain Standard Time (UTC−07:00)"),
        ("America/Phoenix", "Arizona keeps Mountain Standard Time all year"),
    ),
    "MDT": (("America/Denver", "Mountain Daylight Time (UTC−06:00)"),),
    "MT": (("America/Denver", "Mountain Time, standard or daylight"),),
    "CST": (
        ("America/Chicago", "Central Standard Time (UTC−06:00), North America"),
        ("Asia/Shanghai", "China Standard Time (UTC+08:00) uses the same letters"),
        ("America/Havana", "Cuba Standard Time (UTC−05:00) uses the same letters"),
    ),
    "CDT": (("America/Chicago", "Central Daylight Time (UTC−05:00), North America"),),
    "CT": (("America/Chicago", "Central Time, standard or daylight"),),
    "EST": (("America/New_York", "Eastern Standard Time (UTC−05:00), North America"),),
    "EDT": (("America/New_York", "Eastern Daylight Time (UTC−04:00), North America"),),
    "ET": (("America/New_York", "Eastern Time, standard or daylight"),),
    "AKST": (("America/Anchorage", "Alaska Standard Time (UTC−09:00)"),),
    "AKDT": (("America/Anchorage", "Alaska Daylight Time (UTC−08:00)"),),
    "HST": (("Pacific/Honolulu", "Hawaii Standard Time (UTC−10:00)"),),
    "AST": (
        ("America/Halifax", "Atlantic Standard Time (UTC−04:00)"),
        ("Asia/Riyadh", "Arabia Standard Time (UTC+03:00) uses the same letters"),
    ),
    "NST": (("America/St_Johns", "Newfoundland Standard Time (UTC−03:30)"),),
    "GMT": (
        ("UTC", "Greenwich Mean Time is UTC"),
        ("Europe/London", "the UK keeps GMT in winter and BST in summer"),
    ),
    "UTC": (("UTC", "Coordinated Universal Time"),),
    "BST": (
        ("Europe/London", "British Summer Time (UTC+01:00)"),
        ("Asia/Dhaka", "Bangladesh Standard Time (UTC+06:00) uses the same letters"),
    ),
    "IST": (
        ("Asia/Kolkata", "India Standard Time (UTC+05:30)"),
        ("Europe/Dublin", "Irish Standard Time (UTC+01:00, Ireland's summer time)"),
        ("Asia/Jerusalem", "Israel Standard Time (UTC+02:00)"),
    ),
    "WET": (("Europe/Lisbon", "Western European Time (UTC+00:00)"),),
    "WEST": (("Europe/Lisbon", "Western European Summer Time (UTC+01:00)"),),
    "CET": (
        ("Europe/Berlin", "Central European Time (UTC+01:00)"),
        ("Europe/Paris", "Central European Time (UTC+01:00)"),
        ("Europe/Madrid", "Central European Time (UTC+01:00)"),
        ("Europe/Rome", "Central European Time (UTC+01:00)"),
        ("Europe/Warsaw", "Central European Time (UTC+01:00)"),
    ),
    "EET": (
        ("Europe/Athens", "Eastern European Time (UTC+02:00)"),
        ("Europe/Helsinki", "Eastern European Time (UTC+02:00)"),
        ("Europe/Kyiv", "Eastern European Time (UTC+02:00)"),
        ("Europe/Bucharest", "Eastern European Time (UTC+02:00)"),
    ),
    "MSK": (("Europe/Moscow", "Moscow Time (UTC+03:00)"),),
    "PKT": (("Asia/Karachi", "Pakistan Standard Time (UTC+05:00)"),),
    "ICT": (("Asia/Bangkok", "Indochina Time (UTC+07:00)"), ("Asia/Ho_Chi_Minh", "Indochina Time")),
    "WIB": (("Asia/Jakarta", "Western Indonesia Time (UTC+07:00)"),),
    "SGT": (("Asia/Singapore", "Singapore Time (UTC+08:00)"),),
    "HKT": (("Asia/Hong_Kong", "Hong Kong Time (UTC+08:00)"),),
    "AWST": (("Australia/Perth", "Australian Western Standard Time (UTC+08:00)"),),
    "JST": (("Asia/Tokyo", "Japan Standard Time (UTC+09:00)"),),
    "KST": (("Asia/Seoul", "Korea Standard Time (UTC+09:00)"),),
    "ACST": (
        ("Australia/Adelaide", "Australian Central Standard Time (UTC+09:30)"),
        ("Australia/Darwin", "Australian Central Standard Time, no daylight saving"),
    ),
    "AEST": (
        ("Australia/Sydney", "Australian Eastern Standard Time (UTC+10:00)"),
        ("Australia/Melbourne", "Australian Eastern Standard Time (UTC+10:00)"),
        ("Australia/Brisbane", "Australian Eastern Standard Time, no daylight saving"),
    ),
    "NZST": (("Pacific/Auckland", "New Zealand Standard Time (UTC+12:00)"),),
    "BRT": (("America/Sao_Paulo", "Brasília Time (UTC−03:00)"),),
    "ART": (("America/Argentina/Buenos_Aires", "Argentina Time (UTC−03:00)"),),
}
# Summer-time spellings that mean the same places as their standard-time word.
for _summer, _standard in (
    ("CEST", "CET"), ("MEZ", "CET"), ("MESZ", "CET"), ("EEST", "EET"), ("ACDT", "ACST"),
    ("AEDT", "AEST"), ("NZDT", "NZST"), ("ADT", "AST"),
):  # fmt: skip
    ABBREVIATIONS[_summer] = ABBREVIATIONS[_standard]

# Everyday words for a region → the zones people mean by it.
REGION_WORDS: dict[str, tuple[str, ...]] = {
    "pacific": ("America/Los_Angeles", "America/Vancouver"),
    "mountain": ("America/Denver", "America/Edmonton", "America/Phoenix"),
    "central": ("America/Chicago", "America/Winnipeg", "Europe/Berlin"),
    "eastern": ("America/New_York", "America/Toronto"),
    "atlantic": ("America/Halifax",),
    "alaska": ("America/Anchorage",),
    "hawaii": ("Pacific/Honolulu",),
    "india": ("Asia/Kolkata",),
    "china": ("Asia/Shanghai",),
    "japan": ("Asia/Tokyo",),
    "korea": ("Asia/Seoul",),
    "uk": ("Europe/London",),
    "britain": ("Europe/London",),
    "england": ("Europe/London",),
    "ireland": ("Europe/Dublin",),
    "germany": ("Europe/Berlin",),
    "france": ("Europe/Paris",),
    "spain": ("Europe/Madrid",),
    "italy": ("Europe/Rome",),
    "netherlands": ("Europe/Amsterdam",),
    "poland": ("Europe/Warsaw",),
    "ukraine": ("Europe/Kyiv",),
    "israel": ("Asia/Jerusalem",),
    "brazil": ("America/Sao_Paulo",),
    "mexico": ("America/Mexico_City",),
    "australia": (
        "Australia/Sydney",
        "Australia/Melbourne",
        "Australia/Brisbane",
        "Australia/Perth",
    ),
    "new zealand": ("Pacific/Auckland",),
    "singapore": ("Asia/Singapore",),
    "bangalore": ("Asia/Kolkata",),
    "bengaluru": ("Asia/Kolkata",),
    "mumbai": ("Asia/Kolkata",),
    "delhi": ("Asia/Kolkata",),
    "san francisco": ("America/Los_Angeles",),
    "seattle": ("America/Los_Angeles",),
    "boston": ("America/New_York",),
    "washington": ("America/New_York",),
    "beijing": ("Asia/Shanghai",),
}

# Old spellings the tz database keeps for compatibility; shown only when typed exactly.
LEGACY_ALIASES: frozenset[str] = frozenset(
    {
        *(f"Australia/{n}" for n in (
            "ACT", "LHI", "NSW", "North", "Queensland", "South", "Tasmania", "Victoria", "West",
            "Yancowinna", "Canberra", "Currie")),
        *(f"Brazil/{n}" for n in ("Acre", "DeNoronha", "East", "West")),
        *(f"Canada/{n}" for n in (
            "Atlantic", "Central", "Eastern", "Mountain", "Newfoundland", "Pacific",
            "Saskatchewan", "Yukon")),
        "Chile/Continental", "Chile/EasterIsland",
        "Mexico/BajaNorte", "Mexico/BajaSur", "Mexico/General",
        *(f"US/{n}" for n in (
            "Alaska", "Aleutian", "Arizona", "Central", "East-Indiana", "Eastern", "Hawaii",
            "Indiana-Starke", "Michigan", "Mountain", "Pacific", "Samoa")),
        *(f"America/{n}" for n in (
            "Buenos_Aires", "Catamarca", "Cordoba", "Indianapolis", "Jujuy", "Knox_IN",
            "Louisville", "Mendoza", "Argentina/ComodRivadavia", "Atka", "Ensenada",
            "Fort_Wayne", "Porto_Acre", "Rosario", "Santa_Isabel", "Shiprock", "Godthab",
            "Coral_Harbour", "Virgin")),
        *(f"Pacific/{n}" for n in ("Samoa", "Enderbury", "Johnston", "Truk", "Yap", "Ponape")),
        *(f"Asia/{n}" for n in (
            "Chongqing", "Chungking", "Harbin", "Kashgar", "Tel_Aviv", "Calcutta", "Dacca",
            "Istanbul", "Katmandu", "Macao", "Rangoon", "Saigon", "Thimbu", "Ujung_Pandang",
            "Ulan_Bator", "Ashkhabad")),
        "Atlantic/Faeroe", "Atlantic/Jan_Mayen",
        *(f"Europe/{n}" for n in (
            "Belfast", "Tiraspol", "Kiev", "Nicosia", "Uzhgorod", "Zaporozhye")),
        "Africa/Asmera", "Africa/Timbuktu", "Antarctica/South_Pole",
    }
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class ZoneHit:
    name: str
    note: str = ""  # why this zone matches, for an abbreviation or a region word


_UNLISTED_PREFIXES = ("Etc/", "posix/", "right/", "SystemV/")


@lru_cache(maxsize=1)
def every_zone_name() -> frozenset[str]:
    """Every zone name the system's tz database knows (empty without one: UTC still works)."""
    try:
        import zoneinfo  # its tz path lookup loads sysconfig: only when zones are listed

        return frozenset(zoneinfo.available_timezones())
    except Exception:
        return frozenset()


@lru_cache(maxsize=1)
def listed_zone_names() -> tuple[str, ...]:
    """What zone pickers list: UTC first, then the region/city zones in use today (no legacy
    aliases, no ``Etc/`` or ``posix/`` copies)."""
    keep = sorted(
        n
        for n in every_zone_name()
        if "/" in n and not n.startswith(_UNLISTED_PREFIXES) and n not in LEGACY_ALIASES
    )
    return ("UTC", *keep)


def search_zones(query: str, names: Sequence[str], every_name: Iterable[str] = ()) -> list[ZoneHit]:
    """Zones for ``query``, best first.

    ``names`` is the list the picker shows (legacy aliases left out); ``every_name`` is every zone
    the system knows, so that a legacy alias typed exactly is still found. Order: the zones an
    abbreviation or a region word stands for (with the explanation), then a name typed exactly,
    then names whose city starts with the query, then names with a part that starts with it, then
    names that contain it anywhere.
    """
    q = " ".join(query.strip().split())
    if not q:
        return [ZoneHit(n) for n in names]
    known = set(names)
    hits: list[ZoneHit] = []
    seen: set[str] = set()

    def add(name: str, note: str = "") -> None:
        if name not in seen:
            seen.add(name)
            hits.append(ZoneHit(name, note))

    for name, note in ABBREVIATIONS.get(q.upper(), ()):
        if name in known:
            add(name, f"{q.upper()}: {note}")
    for name in REGION_WORDS.get(q.lower(), ()):
        if name in known:
            add(name, f"“{q}” usually means {name}")
    lowered = q.lower().replace(" ", "_")
    for name in every_name:
        if name.lower() == lowered and name not in known:
            add(name, "an older name the tz database keeps")
    exact, city, part, anywhere = [], [], [], []
    for name in names:
        low = name.lower()
        if low == lowered:
            exact.append(name)
            continue
        segments = low.split("/")
        if segments[-1].startswith(lowered):
            city.append(name)
        elif any(s.startswith(lowered) for s in segments):
            part.append(name)
        elif lowered in low:
            anywhere.append(name)
    for group in (exact, city, part, anywhere):
        for name in group:
            add(name)
    return hits
