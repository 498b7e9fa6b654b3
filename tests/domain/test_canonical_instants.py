"""Stored instants: exactly ``YYYY-MM-DDTHH:MM:SSZ`` with ASCII digits and a real date and time.

Checked for every event when a review opens, so the check builds no pendulum object; the
parse it shares its rule with must agree with it on every input."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pm_desktop.domain import timeutil
from pm_desktop.domain.timeutil import TimeError


@pytest.mark.parametrize(
    "text",
    [
        "2025-03-12T09:15:00Z",
        "2024-02-29T23:59:59Z",
        "1900-01-01T00:00:00Z",
        "2200-12-31T23:59:59Z",
    ],
)
def test_real_instants_are_canonical_and_parse_to_utc(text):
    assert timeutil.is_canonical(text)
    moment = timeutil.from_canonical(text)
    assert moment.timezone_name == "UTC"
    assert timeutil.to_canonical(moment) == text


@pytest.mark.parametrize(
    "text",
    [
        "2025-02-29T10:00:00Z",  # not a leap year
        "2025-13-01T10:00:00Z",
        "2025-03-12T24:00:00Z",
        "2025-03-12T23:59:60Z",  # leap seconds are not stored
        "0000-01-01T00:00:00Z",
        "2025-03-12T09:15:00",  # no Z
        "2025-03-12 09:15:00Z",
        "٢٠٢٥-03-12T09:15:00Z",  # Arabic-Indic digits match \\d but are not canonical
        "2025-03-12T09:15:00Z\n",
        "",
        None,
        20250312,
    ],
)
def test_anything_else_is_refused_by_both(text):
    assert not timeutil.is_canonical(text)
    with pytest.raises(TimeError):
        timeutil.from_canonical(text)


@pytest.mark.parametrize(
    "text",
    [
        "0001-01-01T00:00:00Z",
        "9999-12-31T23:59:59Z",
        "1899-12-31T23:59:59Z",
        "2201-01-01T00:00:00Z",
        "9999-12-31T23:00:00-05:00",  # past the calendar's end once shifted to UTC
        "0001-01-01T00:30:00+05:00",  # before its start
    ],
)
def test_real_times_outside_the_stored_years_are_refused_with_the_range(text):
    assert not timeutil.is_canonical(text)
    with pytest.raises(TimeError, match="1900–2200"):
        timeutil.parse_instant(text)


@given(st.text(alphabet="0123456789-:TZ٣", min_size=18, max_size=22))
def test_the_check_and_the_parse_always_agree(text):
    try:
        timeutil.from_canonical(text)
        parsed = True
    except TimeError:
        parsed = False
    assert timeutil.is_canonical(text) == (parsed and timeutil.year_in_range(text))


def test_durations_of_a_year_or_more_read_in_years_and_days():
    from pm_desktop.domain.timeutil import duration_text

    assert duration_text(400 * 86400) == "1 y 35 d"
    assert duration_text(730 * 86400 + 3600) == "2 y"
    assert duration_text(364 * 86400 + 3600) == "364 d 1 h"
