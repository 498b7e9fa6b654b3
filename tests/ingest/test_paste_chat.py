"""Chat transcripts copied out of Slack or Teams become one entry per message, with its author.

The transcripts are written for these tests in the shapes the two apps produce when a channel is
selected and copied; each is also read with Windows line ends and trailing spaces.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest

from pm_desktop.ingest.timeline_text import parse_timeline

# (UTC instant, author, text)
Expected = tuple[tuple[str | None, str, str], ...]


@dataclass(frozen=True)
class Chat:
    story: str
    text: str
    expected: Expected
    default_date: dt.date = dt.date(2025, 3, 5)
    default_tz: str = "UTC"
    date_order: str | None = None


CHATS = (
    Chat(
        "slack_twelve_hour_headers_with_edits_reactions_and_a_follow_up",
        "Monday, March 3rd\n"
        "Mei Lin  10:42 AM\n"
        "checkout is throwing 502s (edited)\n"
        ":eyes: 2\n"
        "10:44 AM\n"
        "rolling back release 4.2 now\n"
        "Ravi Patel  10:47 AM\n"
        "error rate is back under 1%\n"
        ":white_check_mark: 1 :tada: 3\n"
        "PagerDuty  APP  10:48 AM\n"
        "Resolved: checkout-api 5xx\n",
        (
            ("2025-03-03T10:42:00Z", "Mei Lin", "checkout is throwing 502s"),
            ("2025-03-03T10:44:00Z", "Mei Lin", "rolling back release 4.2 now"),
            ("2025-03-03T10:47:00Z", "Ravi Patel", "error rate is back under 1%"),
            ("2025-03-03T10:48:00Z", "PagerDuty", "Resolved: checkout-api 5xx"),
        ),
    ),
    Chat(
        "teams_twenty_four_hour_headers_across_yesterday_and_today",
        "Yesterday\n"
        "Amara Okafor 23:58\n"
        "anyone else seeing login errors?\n"
        "Jonas Weber 23:59\n"
        "yes, since about 23:50\n"
        "Today\n"
        "Amara Okafor 00:05\n"
        "declaring an incident, I am IC\n",
        (
            ("2025-03-03T22:58:00Z", "Amara Okafor", "anyone else seeing login errors?"),
            ("2025-03-03T22:59:00Z", "Jonas Weber", "yes, since about 23:50"),
            ("2025-03-03T23:05:00Z", "Amara Okafor", "declaring an incident, I am IC"),
        ),
        default_date=dt.date(2025, 3, 4),
        default_tz="Europe/Berlin",
    ),
    Chat(
        "comma_headers_under_a_dated_divider_with_thread_summaries",
        "March 3rd, 2025\n"
        "Mei Lin, 10:42\n"
        "primary db is refusing connections\n"
        "2 replies\n"
        "View thread\n"
        "Tom O'Neil, 10:45\n"
        "on it, failing over\n",
        (
            ("2025-03-03T10:42:00Z", "Mei Lin", "primary db is refusing connections"),
            ("2025-03-03T10:45:00Z", "Tom O'Neil", "on it, failing over"),
        ),
        default_date=dt.date(2025, 6, 1),
    ),
    Chat(
        "bracketed_times_with_the_message_on_the_header_line",
        "[10:42] Mei Lin: db is down\n"
        "[10:43] Jo\u00e3o Souza: on it\n"
        "the replica is 40 s behind\n"
        "[10:50] Mei Lin: \U0001f44d\n",
        (
            ("2025-03-05T10:42:00Z", "Mei Lin", "db is down"),
            ("2025-03-05T10:43:00Z", "Jo\u00e3o Souza", "on it\nthe replica is 40 s behind"),
            ("2025-03-05T10:50:00Z", "Mei Lin", "\U0001f44d"),
        ),
    ),
    Chat(
        "teams_copy_with_a_month_first_date_in_the_bracket",
        "[3/3 10:42 AM] Mei Lin\nthe db is down\n[3/3 10:44 AM] Kofi Boateng\nfailing over to the standby\n",
        (
            ("2025-03-03T15:42:00Z", "Mei Lin", "the db is down"),
            ("2025-03-03T15:44:00Z", "Kofi Boateng", "failing over to the standby"),
        ),
        default_tz="America/New_York",
        date_order="md",
    ),
    Chat(
        "unicode_names_and_a_lower_case_handle_with_pm_times",
        "Zo\u00eb \u00c5ngstr\u00f6m  9:05 PM\nbackups failing on db-7\nmei.lin  9:07 PM\nlooking now\n",
        (
            ("2025-03-05T21:05:00Z", "Zo\u00eb \u00c5ngstr\u00f6m", "backups failing on db-7"),
            ("2025-03-05T21:07:00Z", "mei.lin", "looking now"),
        ),
    ),
    Chat(
        "teams_headers_with_the_day_word_before_the_time",
        "Mei Lin  Yesterday 10:42 PM\nthe db is down\nKofi Boateng  Today 1:05 AM\nfixed by the failover\n",
        (
            ("2025-03-05T04:42:00Z", "Mei Lin", "the db is down"),
            ("2025-03-05T07:05:00Z", "Kofi Boateng", "fixed by the failover"),
        ),
        default_tz="America/Chicago",
    ),
    Chat(
        "no_break_spaces_between_name_and_time",
        "Priya Nair\u00a0\u00a011:02 PM\ncache hit rate fell to 20%\n"
        "Sam Lee\u00a0\u00a011:04 PM\nflushing the bad keys\n",
        (
            ("2025-03-05T23:02:00Z", "Priya Nair", "cache hit rate fell to 20%"),
            ("2025-03-05T23:04:00Z", "Sam Lee", "flushing the bad keys"),
        ),
    ),
)


def _dress(text: str, how: str) -> str:
    if how == "trailing_spaces":
        return "\n".join(line + "  " if line else line for line in text.split("\n"))
    if how == "crlf":
        return text.replace("\n", "\r\n")
    return text


@pytest.mark.parametrize("how", ["as_copied", "trailing_spaces", "crlf"])
@pytest.mark.parametrize("chat", CHATS, ids=lambda c: c.story)
def test_chat_transcript_gives_one_entry_per_message_with_its_author(chat, how):
    result = parse_timeline(
        _dress(chat.text, how),
        default_date=chat.default_date,
        default_tz=chat.default_tz,
        date_order=chat.date_order,
    )
    assert [(e.time, e.author, e.text) for e in result.entries] == list(chat.expected)
    assert not any(e.problems for e in result.entries)


def test_follow_up_lines_without_a_header_belong_to_the_last_speaker():
    text = "Mei Lin  10:42 AM\nfirst message\nsecond message, no header\nRavi Patel  10:45 AM\nok\n"
    entries = parse_timeline(text, default_date=dt.date(2025, 3, 5)).entries
    assert [(e.author, e.text) for e in entries] == [
        ("Mei Lin", "first message\nsecond message, no header"),
        ("Ravi Patel", "ok"),
    ]


def test_an_edited_marker_alone_and_reaction_lines_are_dropped_but_the_words_stay():
    text = (
        "Mei Lin  10:42 AM\nthe queue is at 40k\n(edited)\n\U0001f440 3\n:+1::skin-tone-2: 2\n"
        "Ravi Patel  10:44 AM\nscaling the workers (edited)\n"
    )
    entries = parse_timeline(text, default_date=dt.date(2025, 3, 5)).entries
    assert [e.text for e in entries] == ["the queue is at 40k", "scaling the workers"]


def test_a_message_that_starts_with_a_time_is_words_not_a_new_entry():
    text = "Mei Lin  10:42 AM\n10:30 was when the deploy went out\nRavi Patel  10:44 AM\nagreed\n"
    entries = parse_timeline(text, default_date=dt.date(2025, 3, 5)).entries
    assert [(e.time, e.text) for e in entries] == [
        ("2025-03-05T10:42:00Z", "10:30 was when the deploy went out"),
        ("2025-03-05T10:44:00Z", "agreed"),
    ]


def test_a_timeline_with_a_stray_name_and_time_line_stays_a_timeline():
    text = "09:00 deploy started\n09:05 errors climb\nMei Lin 10:42\n09:10 rollback\n"
    entries = parse_timeline(text, default_date=dt.date(2025, 3, 5)).entries
    assert [(e.time, e.author) for e in entries] == [
        ("2025-03-05T09:00:00Z", ""),
        ("2025-03-05T09:05:00Z", ""),
        ("2025-03-05T09:10:00Z", ""),
    ]


def test_a_list_of_words_with_times_but_no_messages_is_not_read_as_a_chat():
    entries = parse_timeline("Deploy 10:42\nRollback 10:50\n", default_date=dt.date(2025, 3, 5))
    assert [e.author for e in entries.entries] == ["", ""]


def test_words_before_a_time_that_read_as_prose_are_not_a_speaker():
    text = "Mei Lin  10:42 AM\nwe will look again at 11:00\nRavi Patel  10:44 AM\nok\n"
    entries = parse_timeline(text, default_date=dt.date(2025, 3, 5)).entries
    assert [e.author for e in entries] == ["Mei Lin", "Ravi Patel"]
    assert entries[0].text == "we will look again at 11:00"


def test_messages_past_midnight_without_a_divider_move_to_the_next_day_and_say_so():
    text = "Mei Lin  11:58 PM\nstill failing\nRavi Patel  12:03 AM\nfixed by the restart\n"
    entries = parse_timeline(text, default_date=dt.date(2025, 3, 5)).entries
    assert [(e.time, e.author) for e in entries] == [
        ("2025-03-05T23:58:00Z", "Mei Lin"),
        ("2025-03-06T00:03:00Z", "Ravi Patel"),
    ]
    assert entries[1].problems == (
        "the clock goes back from 23:58 to 00:03: read as the next day (2025-03-06)",
    )
