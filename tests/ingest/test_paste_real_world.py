"""More of the shapes real postmortems are written in: times at the end of headings and list
items, a date followed by prose and then the time, clock times that cannot exist, dates without
a time, and status pages listed newest first. Every guess is reported; no time is invented.

Each case is also read with Windows line ends and with trailing spaces.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest

from pm_desktop.ingest.timeline_text import parse_timeline

# (UTC instant or None, approximate, text)
Expected = tuple[tuple[str | None, bool, str], ...]


@dataclass(frozen=True)
class Case:
    story: str
    text: str
    expected: Expected
    default_date: dt.date = dt.date(2024, 11, 5)
    default_tz: str = "UTC"
    date_order: str | None = None
    warnings: tuple[str, ...] = ()


ORDER_NOTE = (
    "dates such as 11/02 could be day/month or month/day and no date in the text settles it; "
)

HEADINGS = (
    Case(
        "markdown_headings_with_us_dates_and_ranges_across_days",
        "## Timeline\n"
        "### Detection (11/02 05:55)\n"
        "Pager fired for checkout latency.\n"
        "### Mitigation (11/02 06:10 - 11/02 07:30)\n"
        "Rolled back release 4.2.\n"
        "### Recovery (11/02 23:10 to 11/03 01:00)\n"
        "Queues drained.\n",
        (
            (
                "2024-11-02T05:55:00Z",
                False,
                "Detection (11/02 05:55)\nPager fired for checkout latency.",
            ),
            (
                "2024-11-02T06:10:00Z",
                False,
                "Mitigation (11/02 06:10 - 11/02 07:30)\nRolled back release 4.2.",
            ),
            (
                "2024-11-02T23:10:00Z",
                False,
                "Recovery (11/02 23:10 to 11/03 01:00)\nQueues drained.",
            ),
        ),
        date_order="md",
        warnings=(ORDER_NOTE + "read month first, the default order",),
    ),
    Case(
        "en_dash_range_starting_late_and_ending_the_next_day",
        "### Recovery (11/02 22:40 \u2013 11/03 01:00)\nTraffic moved back to us-east-1.\n",
        (
            (
                "2024-11-02T22:40:00Z",
                False,
                "Recovery (11/02 22:40 \u2013 11/03 01:00)\nTraffic moved back to us-east-1.",
            ),
        ),
        date_order="md",
        warnings=(ORDER_NOTE + "read month first, the default order",),
    ),
    Case(
        "a_day_above_twelve_settles_month_first_for_the_whole_paste",
        "- Start (11/02 06:10 PST)\n- Paged the database team (11/02 06:25 PST)\n- End (11/13 01:00 PST)\n",
        (
            ("2024-11-02T14:10:00Z", False, "Start (11/02 06:10 PST)"),
            ("2024-11-02T14:25:00Z", False, "Paged the database team (11/02 06:25 PST)"),
            ("2024-11-13T09:00:00Z", False, "End (11/13 01:00 PST)"),
        ),
        date_order="dm",  # the paste wins over the default
    ),
    Case(
        "a_day_above_twelve_settles_day_first_for_the_whole_paste",
        "1. Outage begins (03/02 09:00)\n2. Fixed (14/02 10:30)\n",
        (
            ("2025-02-03T09:00:00Z", False, "Outage begins (03/02 09:00)"),
            ("2025-02-14T10:30:00Z", False, "Fixed (14/02 10:30)"),
        ),
        default_date=dt.date(2025, 2, 20),
        date_order="md",
    ),
    Case(
        "no_break_spaces_and_twelve_hour_range_with_the_zone_at_its_end",
        "### Failover (3/14\u00a09:05 PM \u2013 3/15\u00a01:10 AM EDT)\n",
        (
            (
                "2025-03-15T01:05:00Z",
                False,
                "Failover (3/14\u00a09:05 PM \u2013 3/15\u00a01:10 AM EDT)",
            ),
        ),
        default_date=dt.date(2025, 3, 20),
    ),
    Case(
        "bold_title_and_numbered_item_with_month_names_and_no_year",
        "**Rollback** (Mar 3, 16:20 to 16:45 UTC)\n1. Detection (Mar 3, 15:55 UTC)\n",
        (
            ("2025-03-03T16:20:00Z", False, "Rollback (Mar 3, 16:20 to 16:45 UTC)"),
            ("2025-03-03T15:55:00Z", False, "Detection (Mar 3, 15:55 UTC)"),
        ),
        default_date=dt.date(2025, 3, 20),
    ),
    Case(
        "headings_copied_from_a_rendered_page_lose_their_hashes",
        "Incident review: checkout outage\n"
        "Detection (Nov 2, 05:55 EST)\n"
        "The latency alert paged the on-call engineer.\n"
        "Failover to the standby region (Nov 2, 06:40 EST)\n",
        (
            (None, False, "Incident review: checkout outage"),
            (
                "2024-11-02T10:55:00Z",
                False,
                "Detection (Nov 2, 05:55 EST)\nThe latency alert paged the on-call engineer.",
            ),
            ("2024-11-02T11:40:00Z", False, "Failover to the standby region (Nov 2, 06:40 EST)"),
        ),
    ),
    Case(
        "approximate_time_in_the_parenthesis",
        "## Customers notice (11/02 ~06:30)\n",
        (("2024-11-02T06:30:00Z", True, "Customers notice (11/02 ~06:30)"),),
        date_order="md",
        warnings=(ORDER_NOTE + "read month first, the default order",),
    ),
)

PROSE = (
    Case(
        "month_name_date_then_starting_around_the_time",
        "March 3, starting around 16:20 UTC, the queue stopped draining.",
        (("2025-03-03T16:20:00Z", True, "starting around 16:20 UTC, the queue stopped draining."),),
        default_date=dt.date(2025, 3, 5),
    ),
    Case(
        "iso_date_then_at_approximately_with_a_us_zone",
        "On 2024-05-07 at approximately 14:05 PDT the primary lost its disk.",
        (("2024-05-07T21:05:00Z", True, "at approximately 14:05 PDT the primary lost its disk."),),
    ),
    Case(
        "ordinal_date_then_an_exact_twelve_hour_time",
        "On May 7th, at 2:05 pm PDT, the replica was promoted.",
        (("2025-05-07T21:05:00Z", False, "at 2:05 pm PDT, the replica was promoted."),),
        default_date=dt.date(2025, 5, 9),
    ),
    Case(
        "no_comma_and_a_twelve_hour_time_in_pacific_time_crossing_utc_midnight",
        "On March 3 around 4pm PT, checkout slowed down",
        (("2025-03-04T00:00:00Z", True, "around 4pm PT, checkout slowed down"),),
        default_date=dt.date(2025, 3, 5),
    ),
    Case(
        "day_month_year_then_shortly_after_in_central_european_time",
        "3 March 2025, shortly after 09:40 CET, customers reported 500s",
        (("2025-03-03T08:40:00Z", True, "shortly after 09:40 CET, customers reported 500s"),),
    ),
    Case(
        "em_dash_and_a_tilde_before_the_time",
        "March 3 \u2014 at ~16:20 the queue grew past 40k",
        (("2025-03-03T16:20:00Z", True, "at ~16:20 the queue grew past 40k"),),
        default_date=dt.date(2025, 3, 5),
    ),
    Case(
        "a_time_in_the_next_sentence_is_not_the_date_s_time",
        "March 3, the team met. Then at 16:20 it broke again.",
        ((None, False, "March 3 \u2014 the team met. Then at 16:20 it broke again."),),
        default_date=dt.date(2025, 3, 5),
        warnings=("line 1: March 3 has no time of day; the entry is left without a time",),
    ),
)

UNTIMED = (
    Case(
        "impossible_clocks_stay_untimed_and_are_not_joined_to_the_entry_above",
        "09:00 deploy of 4.2 started\n19:75 cache flushed\n- 25:10 UTC failover\n13:05 PM pager quiet\n",
        (
            ("2024-11-05T09:00:00Z", False, "deploy of 4.2 started"),
            (None, False, "19:75 cache flushed"),
            (None, False, "25:10 UTC failover"),
            (None, False, "13:05 PM pager quiet"),
        ),
        warnings=(
            "no date in the text; times read on 2024-11-05",
            "line 2: 19:75 is not a time of day; the entry is left without a time",
            "line 3: 25:10 is not a time of day; the entry is left without a time",
            "line 4: 13:05 PM is not a time of day; the entry is left without a time",
        ),
    ),
    Case(
        "a_date_with_an_impossible_clock",
        "2025-03-03 24:30 db restarted",
        ((None, False, "2025-03-03 \u2014 24:30 db restarted"),),
        warnings=("line 1: 24:30 is not a time of day; the entry is left without a time",),
    ),
    Case(
        "dates_without_times_in_lines_and_tables_never_become_midnight",
        "2025-03-10: vendor announced the rotation\n"
        "| Date | Event |\n|---|---|\n| 2025-03-11 | rotation tested in staging |\n"
        "| 2025-03-12 | 09:00 | production rotation |\n",
        (
            (None, False, "2025-03-10 \u2014 vendor announced the rotation"),
            (None, False, "2025-03-11 \u2014 rotation tested in staging"),
            ("2025-03-12T09:00:00Z", False, "production rotation"),
        ),
        warnings=(
            "line 1: 2025-03-10 has no time of day; the entry is left without a time",
            "line 4: 2025-03-11 has no time of day; the entry is left without a time",
        ),
    ),
)

STATUS_PAGES = (
    Case(
        "status_updates_with_the_time_under_each_newest_first",
        "Resolved - This incident has been resolved.\nMar 3, 17:05 UTC\n"
        "Monitoring - A fix is out and error rates are falling.\nMar 3, 16:40 UTC\n"
        "Identified - A bad cache node was found.\nMar 3, 16:10 UTC\n"
        "Investigating - We are looking into failed logins.\nMar 3, 15:55 UTC\n",
        (
            ("2025-03-03T15:55:00Z", False, "Investigating - We are looking into failed logins."),
            ("2025-03-03T16:10:00Z", False, "Identified - A bad cache node was found."),
            (
                "2025-03-03T16:40:00Z",
                False,
                "Monitoring - A fix is out and error rates are falling.",
            ),
            ("2025-03-03T17:05:00Z", False, "Resolved - This incident has been resolved."),
        ),
        default_date=dt.date(2025, 3, 5),
        warnings=("the updates run newest first (as on a status page); listed oldest first",),
    ),
    Case(
        "statuspage_io_copy_with_posted_lines_and_a_title_on_top",
        "Elevated API errors\n\n"
        "Resolved\nThis incident has been resolved.\nPosted 2 days ago. Mar 03, 2025 - 09:55 PST\n\n"
        "Monitoring\nA fix has been implemented.\nPosted 2 days ago. Mar 03, 2025 - 09:20 PST\n\n"
        "Investigating\nWe are investigating errors.\nPosted 2 days ago. Mar 03, 2025 - 08:41 PST\n",
        (
            (None, False, "Elevated API errors"),
            ("2025-03-03T16:41:00Z", False, "Investigating\nWe are investigating errors."),
            ("2025-03-03T17:20:00Z", False, "Monitoring\nA fix has been implemented."),
            ("2025-03-03T17:55:00Z", False, "Resolved\nThis incident has been resolved."),
        ),
        warnings=("the updates run newest first (as on a status page); listed oldest first",),
    ),
)


def _dress(text: str, how: str) -> str:
    if how == "trailing_spaces":
        return "\n".join(line + " \t " if line else line for line in text.split("\n"))
    if how == "crlf":
        return text.replace("\n", "\r\n")
    return text


@pytest.mark.parametrize("how", ["as_written", "trailing_spaces", "crlf"])
@pytest.mark.parametrize("case", HEADINGS + PROSE + UNTIMED + STATUS_PAGES, ids=lambda c: c.story)
def test_real_world_shape_reads_at_exact_instants_without_invented_times(case, how):
    result = parse_timeline(
        _dress(case.text, how),
        default_date=case.default_date,
        default_tz=case.default_tz,
        date_order=case.date_order,
    )
    assert [(e.time, e.approximate, e.text) for e in result.entries] == list(case.expected)
    assert result.warnings == case.warnings


@pytest.mark.parametrize(
    ("order", "expected", "note"),
    [
        ("md", "2024-11-02T06:10:00Z", "read month first, the default order"),
        ("dm", "2025-02-11T06:10:00Z", "read day first, the default order"),
        (None, "2024-11-02T06:10:00Z", "each read as the date nearer the others"),
    ],
)
def test_an_unsettled_numeric_date_follows_the_default_order_and_says_so_once(
    order, expected, note
):
    text = "- Start (11/02 06:10)\n- Update (11/02 06:40)\n"
    result = parse_timeline(text, default_date=dt.date(2024, 11, 5), date_order=order)
    assert result.entries[0].time == expected
    assert result.warnings == (ORDER_NOTE + note,)


def test_status_words_become_kinds_on_a_status_page():
    case = STATUS_PAGES[0]
    entries = parse_timeline(case.text, default_date=case.default_date).entries
    assert [e.kind for e in entries] == ["acknowledged", "observation", "mitigated", "resolved"]


def test_an_untimed_entry_keeps_the_lines_below_it():
    result = parse_timeline(
        "19:75 cache flushed\nby hand, on every node", default_date=dt.date(2025, 3, 5)
    )
    assert [(e.time, e.text) for e in result.entries] == [
        (None, "19:75 cache flushed\nby hand, on every node")
    ]
    assert result.entries[0].problems == ("19:75 is not a time of day; left without a time",)


@pytest.mark.parametrize(
    "line",
    [
        "- Checked the dashboards (see graph 2)",
        "### Follow-ups (owner: Mei)",
        "- Capacity was 3/4 of normal (11/02)",
        "March 3: 3 nodes failed at 10:00",
    ],
)
def test_lines_that_only_look_like_these_shapes_get_no_time(line):
    entries = parse_timeline(line, default_date=dt.date(2025, 3, 5)).entries
    assert [e.time for e in entries] == [None]
