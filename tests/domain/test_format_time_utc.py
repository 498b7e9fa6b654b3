"""Times shown in UTC in the all-digit formats are written without pendulum (the first view
of a review then does not import it); the text is exactly pendulum's ``format``."""

from __future__ import annotations

import datetime as _dt
import subprocess
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pm_desktop.domain import timeutil

FORMATS = sorted(timeutil._UTC_FORMATS)
instants = st.datetimes(
    min_value=_dt.datetime(1, 1, 1), max_value=_dt.datetime(9999, 12, 31, 23, 59, 59)
).map(lambda m: f"{m.year:04d}-{m:%m-%dT%H:%M:%S}Z")


@given(instants, st.sampled_from(FORMATS), st.sampled_from(["UTC", "utc", " Z ", "GMT", "Zulu"]))
def test_the_plain_path_writes_what_pendulum_writes(canonical, fmt, zone):
    expected = timeutil.from_canonical(canonical).in_tz(timeutil.zone("UTC")).format(fmt)
    assert timeutil.format_time(canonical, zone, fmt) == expected


@pytest.mark.parametrize("fmt", FORMATS)
def test_other_zones_and_bad_input_behave_as_before(fmt):
    canonical = "2025-03-30T01:30:00Z"
    berlin = timeutil.in_zone(canonical, "Europe/Berlin").format(fmt)
    assert timeutil.format_time(canonical, "Europe/Berlin", fmt) == berlin
    assert timeutil.format_time(None, "UTC", fmt) == "—"
    for bad in ("2025-02-30T00:00:00Z", "2025-03-30 01:30", "٢٠٢٥-03-12T09:15:00Z"):
        with pytest.raises(timeutil.TimeError):
            timeutil.format_time(bad, "UTC", fmt)
    with pytest.raises(timeutil.TimeError):
        timeutil.format_time(canonical, "Mars/Olympus", fmt)


def test_utc_words_are_valid_and_normalised_like_before():
    for word in ("UTC", "utc", " Z ", "GMT", "Etc/UTC", "zulu"):
        assert timeutil.is_valid_zone(word) and timeutil.normalize_zone(word) == "UTC"
        assert timeutil.zone(word) is timeutil.zone("UTC")


def test_reading_a_review_shown_in_utc_needs_no_pendulum():
    code = (
        "import sys\n"
        "from pm_desktop.domain import timeutil\n"
        "assert timeutil.parse_instant('2025-03-12T09:15:00Z') == '2025-03-12T09:15:00Z'\n"
        "assert timeutil.format_time('2025-03-12T09:15:07Z', 'UTC') == '2025-03-12 09:15'\n"
        "assert timeutil.normalize_zone('utc') == 'UTC' and timeutil.is_valid_zone('UTC')\n"
        "print('pendulum' in sys.modules)\n"
        "timeutil.format_time('2025-03-12T09:15:07Z', 'Europe/Berlin')\n"
        "print('pendulum' in sys.modules)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.split() == ["False", "True"]


@given(instants, instants)
def test_seconds_between_is_pendulums_difference(start, end):
    expected = (timeutil.from_canonical(end) - timeutil.from_canonical(start)).total_seconds()
    assert timeutil.seconds_between(start, end) == expected


@given(st.integers(min_value=-2_000_000_000, max_value=7_000_000_000))
def test_wall_clocks_in_utc_are_the_same_without_pendulum(seconds):
    from pm_desktop.domain import timefmt

    mine = timefmt.local_at(seconds, "UTC")
    theirs = _dt.datetime.fromtimestamp(seconds, timeutil.zone("UTC"))
    assert mine == theirs and mine.timetuple()[:6] == theirs.timetuple()[:6]
    assert mine.utcoffset() == theirs.utcoffset() and mine.tzname() == theirs.tzname() == "UTC"
    assert timefmt.offset_text(mine) == timefmt.offset_text(theirs)
