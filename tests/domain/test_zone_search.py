"""Finding a zone by what people type: abbreviations, region words, cities; no legacy clutter."""

from __future__ import annotations

import pytest

from pm_desktop.domain.zone_search import (
    LEGACY_ALIASES,
    every_zone_name,
    listed_zone_names,
    search_zones,
)

NAMES = listed_zone_names()
EVERY = every_zone_name()


def names_for(query: str) -> list[str]:
    return [h.name for h in search_zones(query, NAMES, EVERY)]


@pytest.mark.parametrize(
    ("typed", "first"),
    [
        ("PST", "America/Los_Angeles"),
        ("pdt", "America/Los_Angeles"),
        ("CET", "Europe/Berlin"),
        ("CEST", "Europe/Berlin"),
        ("IST", "Asia/Kolkata"),
        ("BST", "Europe/London"),
        ("EST", "America/New_York"),
        ("JST", "Asia/Tokyo"),
        ("pacific", "America/Los_Angeles"),
        ("Pacific", "America/Los_Angeles"),
        ("kolk", "Asia/Kolkata"),
        ("new york", "America/New_York"),
        ("New_York", "America/New_York"),
        ("europe/berlin", "Europe/Berlin"),
    ],
)
def test_what_people_type_finds_the_zone_they_mean_first(typed, first):
    assert names_for(typed)[0] == first


@pytest.mark.parametrize(
    ("typed", "places"),
    [
        ("IST", {"Asia/Kolkata", "Europe/Dublin", "Asia/Jerusalem"}),
        ("BST", {"Europe/London", "Asia/Dhaka"}),
        ("CST", {"America/Chicago", "Asia/Shanghai"}),
    ],
)
def test_an_abbreviation_of_several_places_lists_each_with_its_explanation(typed, places):
    hits = [h for h in search_zones(typed, NAMES, EVERY) if h.note]
    assert places <= {h.name for h in hits}
    assert all(h.note.startswith(f"{typed}: ") and len(h.note) > len(typed) + 10 for h in hits)


def test_pacific_puts_the_us_west_coast_before_pacific_islands():
    found = names_for("pacific")
    assert found.index("America/Los_Angeles") < found.index("Pacific/Apia")


def test_a_city_that_starts_with_the_query_comes_before_one_that_merely_contains_it():
    found = names_for("lin")
    assert found.index("Australia/Lindeman") < found.index("Europe/Berlin")
    assert found.index("Australia/Lindeman") < found.index("Europe/Dublin")


@pytest.mark.parametrize(
    "alias", ["Australia/ACT", "Chile/Continental", "Asia/Calcutta", "US/Pacific"]
)
def test_legacy_aliases_are_hidden_unless_typed_exactly(alias):
    if alias not in EVERY:
        pytest.skip(f"this tz database has no {alias}")
    assert alias not in NAMES
    assert alias not in names_for(alias.split("/")[-1][:3])
    assert names_for(alias)[0] == alias


def test_the_list_starts_with_utc_and_keeps_real_cities():
    assert NAMES[0] == "UTC"
    assert {"Europe/Berlin", "America/Los_Angeles", "Asia/Kolkata"} <= set(NAMES)
    assert not set(NAMES) & LEGACY_ALIASES
    assert not any(n.startswith(("Etc/", "posix/", "right/")) for n in NAMES)


def test_nothing_typed_lists_everything_and_nonsense_lists_nothing():
    assert names_for("") == list(NAMES)
    assert names_for("Mars/Olympus") == []
