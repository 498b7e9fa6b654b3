"""Zone words people type next to times map to explicit zones, and unknown words stay unknown."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pm_desktop.domain import timeutil
from pm_desktop.domain.zonewords import ZONE_WORDS, is_zone_word, resolve_zone_word


@pytest.mark.parametrize(
    ("word", "zone"),
    [
        ("UTC", "UTC"),
        ("utc", "UTC"),
        ("GMT", "UTC"),
        ("Z", "UTC"),
        ("(UTC)", "UTC"),
        ("PST", "-08:00"),
        ("PDT", "-07:00"),
        ("MST", "-07:00"),
        ("MDT", "-06:00"),
        ("CST", "-06:00"),
        ("CDT", "-05:00"),
        ("EST", "-05:00"),
        ("edt", "-04:00"),
        ("AKST", "-09:00"),
        ("HST", "-10:00"),
        ("CET", "+01:00"),
        ("CEST", "+02:00"),
        ("WET", "+00:00"),
        ("WEST", "+01:00"),
        ("EET", "+02:00"),
        ("EEST", "+03:00"),
        ("BST", "+01:00"),
        ("IST", "+05:30"),
        ("JST", "+09:00"),
        ("KST", "+09:00"),
        ("AEST", "+10:00"),
        ("AEDT", "+11:00"),
        ("NZST", "+12:00"),
        ("NZDT", "+13:00"),
        ("SGT", "+08:00"),
        ("HKT", "+08:00"),
        ("MSK", "+03:00"),
        ("BRT", "-03:00"),
    ],
)
def test_a_stated_abbreviation_is_the_fixed_offset_it_names(word, zone):
    assert resolve_zone_word(word) == zone


@pytest.mark.parametrize(
    ("word", "zone"),
    [
        ("UTC+2", "+02:00"),
        ("UTC-7", "-07:00"),
        ("GMT+8", "+08:00"),
        ("GMT-08:00", "-08:00"),
        ("UTC+05:30", "+05:30"),
        ("UTC +05:30", "+05:30"),
        ("+0530", "+05:30"),
        ("-03:00", "-03:00"),
        ("\u22127", "-07:00"),
        ("GMT+0", "UTC"),
    ],
)
def test_offsets_written_with_utc_or_gmt_become_fixed_zones(word, zone):
    assert resolve_zone_word(word) == zone


@pytest.mark.parametrize(
    ("word", "zone"),
    [
        ("Europe/Berlin", "Europe/Berlin"),
        ("europe/berlin", "Europe/Berlin"),
        ("America/Argentina/Buenos_Aires", "America/Argentina/Buenos_Aires"),
        ("Asia/Kolkata", "Asia/Kolkata"),
        ("PT", "America/Los_Angeles"),
        ("ET", "America/New_York"),
    ],
)
def test_named_regions_keep_their_daylight_saving_rules(word, zone):
    assert resolve_zone_word(word) == zone


@pytest.mark.parametrize(
    "word",
    ["XYZ", "", "   ", "Mars/Olympus", "UTC+15", "GMT+3:75", "AST", "PSTT", "09:15", "a" * 80],
)
def test_a_word_nobody_defined_is_unknown_and_never_utc(word):
    assert resolve_zone_word(word) is None
    assert not is_zone_word(word)


def test_every_table_entry_is_a_zone_timeutil_accepts():
    for word, zone in ZONE_WORDS.items():
        assert timeutil.normalize_zone(zone) == zone, word


@given(st.text(max_size=100))
def test_any_text_gives_a_valid_zone_or_none(text):
    zone = resolve_zone_word(text)
    assert zone is None or timeutil.is_valid_zone(zone)
