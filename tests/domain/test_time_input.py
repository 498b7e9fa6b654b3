"""What a person types into the timeline's time cell becomes the instant they meant, or a clear
question (DST) or a clear error - never a silent guess."""

import datetime as dt

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from pm_desktop.domain import timeutil
from pm_desktop.domain.time_input import TimeInput, parse_time_input

DAY = dt.date(2025, 3, 12)
SELECTED = "2025-03-12T10:00:00Z"


def read(text, zone="UTC", default_date=DAY, reference=SELECTED):
    return parse_time_input(text, default_date=default_date, zone=zone, reference=reference)


@pytest.mark.parametrize(
    ("typed", "zone", "instant", "entered_in"),
    [
        ("09:15", "UTC", "2025-03-12T09:15:00Z", "UTC"),
        ("9:15", "Europe/Berlin", "2025-03-12T08:15:00Z", "Europe/Berlin"),
        ("09:15:42", "UTC", "2025-03-12T09:15:42Z", "UTC"),
        ("9:15pm", "UTC", "2025-03-12T21:15:00Z", "UTC"),
        ("9:15 PM", "UTC", "2025-03-12T21:15:00Z", "UTC"),
        ("12:05 am", "UTC", "2025-03-12T00:05:00Z", "UTC"),
        ("9pm", "UTC", "2025-03-12T21:00:00Z", "UTC"),
        ("9.15", "UTC", "2025-03-12T09:15:00Z", "UTC"),
        ("0915", "UTC", "2025-03-12T09:15:00Z", "UTC"),
        ("yesterday 23:10", "UTC", "2025-03-11T23:10:00Z", "UTC"),
        ("today 08:00", "UTC", "2025-03-12T08:00:00Z", "UTC"),
        ("tomorrow 07:30", "UTC", "2025-03-13T07:30:00Z", "UTC"),
        ("23:10 yesterday", "UTC", "2025-03-11T23:10:00Z", "UTC"),
        ("2025-03-10 09:15", "UTC", "2025-03-10T09:15:00Z", "UTC"),
        ("2025/03/10 09:15", "UTC", "2025-03-10T09:15:00Z", "UTC"),
        ("Mar 10 09:15", "UTC", "2025-03-10T09:15:00Z", "UTC"),
        ("10 March 2025 09:15", "UTC", "2025-03-10T09:15:00Z", "UTC"),
        ("2025-03-12T09:15:00Z", "Europe/Berlin", "2025-03-12T09:15:00Z", "UTC"),
        ("2025-03-12T09:15:00+01:00", "UTC", "2025-03-12T08:15:00Z", "+01:00"),
        ("2025-03-12T09:15:00.250-0800", "UTC", "2025-03-12T17:15:00Z", "-08:00"),
        ("09:15 PST", "UTC", "2025-03-12T17:15:00Z", "-08:00"),
        ("09:15 pst", "UTC", "2025-03-12T17:15:00Z", "-08:00"),
        ("09:15 Europe/Berlin", "UTC", "2025-03-12T08:15:00Z", "Europe/Berlin"),
        ("09:15 (UTC)", "Asia/Tokyo", "2025-03-12T09:15:00Z", "UTC"),
        ("09:15 UTC+05:30", "UTC", "2025-03-12T03:45:00Z", "+05:30"),
        ("Jan 5, 12:52 AM GMT+8", "UTC", "2025-01-04T16:52:00Z", "+08:00"),
        ("6:00 a.m. PST", "UTC", "2025-03-12T14:00:00Z", "-08:00"),
    ],
)
def test_typed_time_becomes_the_instant_the_person_meant(typed, zone, instant, entered_in):
    result = read(typed, zone=zone)
    assert result == TimeInput("ok", (instant,), entered_in, "", False)


@pytest.mark.parametrize(
    ("typed", "instant"),
    [
        ("+5m", "2025-03-12T10:05:00Z"),
        ("+1h30m", "2025-03-12T11:30:00Z"),
        ("-10m", "2025-03-12T09:50:00Z"),
        ("+45s", "2025-03-12T10:00:45Z"),
        ("+ 2h", "2025-03-12T12:00:00Z"),
        ("+1d", "2025-03-13T10:00:00Z"),
    ],
)
def test_relative_time_counts_from_the_selected_event(typed, instant):
    result = read(typed, zone="Europe/Berlin")
    assert result.status == "ok"
    assert result.choices == (instant,)
    assert result.zone == "Europe/Berlin"


def test_relative_time_without_a_selected_event_asks_for_one():
    result = read("+5m", reference=None)
    assert result.status == "error"
    assert "select" in result.message


@pytest.mark.parametrize("typed", ["~09:15", "09:15-ish", "09:15?", "about 09:15", "around 9pm"])
def test_rough_times_are_marked_approximate(typed):
    result = read(typed)
    assert result.status == "ok"
    assert result.approximate


def test_fall_back_hour_offers_both_readings_and_explains():
    result = read("2025-10-26 02:30", zone="Europe/Berlin")
    assert result.status == "ambiguous"
    assert result.choices == ("2025-10-26T00:30:00Z", "2025-10-26T01:30:00Z")
    assert result.message == (
        "02:30 happens twice in Europe/Berlin on 2025-10-26; "
        "choose the first (CEST) or the second (CET)"
    )
    assert result.instant is None


def test_spring_forward_gap_offers_both_readings_and_explains():
    result = read("02:30", zone="Europe/Berlin", default_date=dt.date(2025, 3, 30))
    assert result.status == "nonexistent"
    assert result.choices == ("2025-03-30T00:30:00Z", "2025-03-30T01:30:00Z")
    assert "does not exist in Europe/Berlin on 2025-03-30" in result.message
    assert "01:30 CET" in result.message and "03:30 CEST" in result.message


def test_a_stated_abbreviation_is_not_affected_by_daylight_saving():
    # PST typed in summer still means UTC-8: the person said so.
    result = read("09:15 PST", default_date=dt.date(2025, 7, 1))
    assert result.choices == ("2025-07-01T17:15:00Z",)


def test_month_name_without_year_lands_nearest_the_review_date():
    result = read("Dec 31 23:50", default_date=dt.date(2025, 1, 2))
    assert result.choices == ("2024-12-31T23:50:00Z",)


@pytest.mark.parametrize(
    ("typed", "needle"),
    [
        ("", "type a time"),
        ("   ", "type a time"),
        ("09:15 XYZ", "unknown time zone 'XYZ'"),
        ("09:15 Mars/Olympus", "unknown time zone"),
        ("12/03 09:15", "day-first or month-first"),
        ("25:00", "not a time"),
        ("2025-02-30 10:00", "does not exist"),
        ("2025-03-12", "add a time of day"),
        ("lunchtime", "not a time"),
        ("yesterday 2025-03-01 10:00", "not both"),
        ("x" * 500, "too long"),
    ],
)
def test_text_that_is_not_a_time_gets_a_clear_error(typed, needle):
    result = read(typed)
    assert result.status == "error"
    assert result.choices == ()
    assert needle in result.message


def test_an_unknown_cell_zone_is_an_error_not_utc():
    result = read("09:15", zone="Nowhere/Special")
    assert result.status == "error"
    assert "Nowhere/Special" in result.message


@settings(max_examples=300)
@example(text="2000/1/1@0000", default_date=dt.date(1, 1, 1), zone="UTC", reference=None)
@given(
    text=st.text(max_size=60),
    default_date=st.dates(),
    zone=st.sampled_from(["UTC", "Europe/Berlin", "-08:00", "America/Sao_Paulo", "bogus"]),
    reference=st.one_of(st.none(), st.sampled_from([SELECTED, "0001-01-01T00:00:00Z", "nonsense"])),
)
def test_any_typing_gives_an_answer_and_never_raises(text, default_date, zone, reference):
    result = parse_time_input(text, default_date=default_date, zone=zone, reference=reference)
    assert result.status in {"ok", "ambiguous", "nonexistent", "error"}
    if result.status == "ok":
        assert len(result.choices) == 1
    elif result.status == "error":
        assert result.choices == () and result.message
    else:
        assert len(result.choices) == 2 and result.message
    for choice in result.choices:
        assert timeutil.is_canonical(choice)


@given(
    hour=st.integers(0, 23),
    minute=st.integers(0, 59),
    zone=st.sampled_from(["UTC", "+05:30", "Europe/Berlin", "America/New_York"]),
)
def test_plain_clock_times_agree_with_resolve_local(hour, minute, zone):
    wall = dt.datetime(2025, 6, 1, hour, minute)
    result = read(f"{hour:02d}:{minute:02d}", zone=zone, default_date=wall.date())
    expected = timeutil.resolve_local(wall, zone)
    assert (result.status, result.choices) == (expected.status, expected.choices)
