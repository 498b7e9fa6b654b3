"""A capture note: markers and a back-dating time in any order, read in the display zone."""

from __future__ import annotations

import pytest

from pm_desktop.ingest.capture_note import CaptureNote, NoteTimeError, read_note

NOW = "2025-03-12T21:30:00Z"


@pytest.mark.parametrize(
    "typed",
    [
        "21:05 !impact Checkout errors",
        "!impact 21:05 Checkout errors",
        "!impact  21:05:00 Checkout errors",
    ],
)
def test_a_leading_time_and_a_marker_in_any_order(typed):
    assert read_note(typed, NOW, "UTC") == CaptureNote(
        "impact_start", "Checkout errors", "2025-03-12T21:05:00Z"
    )


def test_seconds_and_approximate_times():
    assert read_note("~21:05 someone saw it", NOW, "UTC") == CaptureNote(
        "note", "someone saw it", "2025-03-12T21:05:00Z", approximate=True
    )
    assert read_note("21:05:30 !ack paged", NOW, "UTC").time == "2025-03-12T21:05:30Z"


def test_the_time_is_read_in_the_display_zone():
    # 22:05 in Berlin (UTC+1 in March) is 21:05 UTC
    assert read_note("22:05 rollback", NOW, "Europe/Berlin").time == "2025-03-12T21:05:00Z"


def test_a_time_later_than_now_means_yesterday():
    note = read_note("23:55 !detected alert", "2025-03-13T00:10:00Z", "UTC")
    assert note.time == "2025-03-12T23:55:00Z"


def test_without_a_time_or_a_clock_the_text_stays_whole():
    assert read_note("!mitigated rolled back", NOW, "UTC") == CaptureNote(
        "mitigated", "rolled back"
    )
    assert read_note("21:05 kept as text") == CaptureNote("note", "21:05 kept as text")
    assert read_note("2105 is a number", NOW, "UTC").time is None
    assert read_note("21:05pm is not a time", NOW, "UTC").time is None


def test_a_time_dst_makes_ambiguous_is_never_guessed():
    # 02:30 on 26 October 2025 happened twice in Berlin
    with pytest.raises(NoteTimeError, match="twice"):
        read_note("02:30 !ack paged", "2025-10-26T05:00:00Z", "Europe/Berlin")
    with pytest.raises(NoteTimeError, match="did not happen"):
        read_note("02:30 !ack paged", "2025-03-30T05:00:00Z", "Europe/Berlin")
