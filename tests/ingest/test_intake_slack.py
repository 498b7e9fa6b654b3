"""A Slack export of three channels over two days (threads, an edit, joins, a bot, files)
becomes exactly these entries."""

from __future__ import annotations

import pytest
from intake_fixture_files import slack_zip

from pm_desktop.ingest.intake.entries import IntakeError
from pm_desktop.ingest.intake.slack import SlackOptions, read_slack_export, render_text

EXPECTED = [
    # (UTC instant, zone, author, kind, source, text, reply, links)
    ("2026-11-30T22:10:00Z", "Europe/London", "Arjun Rao", "note", "slack:#eng-db",
     "Migration 0142 added an index on orders without CONCURRENTLY", False, []),
    ("2026-11-30T22:15:00Z", "America/New_York", "Sam Okafor", "note", "slack:#eng-db",
     "locks.txt", False, ["https://files.slack.com/files-pri/T1-F02/locks.txt"]),
    ("2026-12-01T00:05:00Z", "Europe/London", "Arjun Rao", "note", "slack:#eng-db",
     "Index rebuilt concurrently; lock waits gone", False, []),
    ("2026-11-30T22:02:10Z", "Asia/Singapore", "Mei Lin", "note", "slack:#inc-checkout",
     "Checkout latency is up, p99 over 4s since about 21:55. Looking. cc @Arjun Rao", False, []),
    ("2026-11-30T22:03:00Z", "Europe/London", "Arjun Rao", "note", "slack:#inc-checkout",
     "(in thread) I see it too in #eng-db: lock waits on the orders table", True, []),
    ("2026-11-30T22:05:00Z", "Asia/Singapore", "Mei Lin", "note", "slack:#inc-checkout",
     "(in thread) Paging the database on-call now", True, []),
    ("2026-11-30T22:04:30Z", "America/New_York", "Sam Okafor", "note", "slack:#inc-checkout",
     "Opened the dashboard checkout board (https://grafana.example.com/d/checkout)", False,
     ["https://acme.slack.com/files/U03SAM/F01/p99.png"]),
    ("2026-11-30T23:40:00Z", "Europe/London", "Arjun Rao", "note", "slack:#inc-checkout",
     "Rolled back migration 0142 & restarted the workers", False,
     ["https://acme.slack.com/archives/C01INC/p1764546000000100"]),
    ("2026-12-01T00:15:00Z", "Asia/Singapore", "Mei Lin", "note", "slack:#inc-checkout",
     "Latency back to normal. Watching it for 30 min.", False, []),
    ("2026-12-01T00:50:00Z", "Asia/Singapore", "Mei Lin", "note", "slack:#inc-checkout",
     "@here resolved; review on Thursday", False, []),
    ("2026-11-30T21:56:00Z", "UTC", "PagerBot (bot)", "observation", "slack:#ops-alerts",
     "[FIRING] checkout p99 > 2s", False, []),
    ("2026-11-30T22:30:00Z", "UTC", "PagerBot (bot)", "observation", "slack:#ops-alerts",
     "[FIRING] checkout p99 > 2s", False, []),
    ("2026-12-01T00:12:00Z", "UTC", "PagerBot (bot)", "observation", "slack:#ops-alerts",
     "[RESOLVED] checkout p99 > 2s", False, []),
]  # fmt: skip


def _rows(result):
    return [
        (
            e.time,
            e.tz,
            e.author,
            e.kind,
            e.source,
            e.text,
            bool(e.reply_to),
            [x.url for x in e.links],
        )
        for e in result.entries
    ]


def test_slack_export_gives_exact_entries_with_threads_after_their_parent(tmp_path):
    result = read_slack_export(slack_zip(tmp_path))
    assert _rows(result) == EXPECTED
    assert result.skipped == {
        "joins and channel changes": 3,
        "edits (the final text is kept)": 1,
        "repeated bot messages": 1,
    }
    assert result.channels == ("eng-db", "inc-checkout", "ops-alerts")


def test_slack_people_are_the_humans_who_wrote_with_their_handles(tmp_path):
    result = read_slack_export(slack_zip(tmp_path))
    assert [(p.name, p.handles) for p in result.people] == [
        ("Arjun Rao", ("@arjun",)),
        ("Mei Lin", ("@mei.lin",)),
        ("Sam Okafor", ("@sam.o",)),
    ]  # the bot and Quinn (who wrote nothing) are not participants


def test_slack_export_inside_a_top_folder_reads_the_same(tmp_path):
    flat = read_slack_export(slack_zip(tmp_path))
    nested_dir = tmp_path / "nested"
    nested_dir.mkdir()
    nested = read_slack_export(slack_zip(nested_dir, top_folder="acme Slack export"))
    assert _rows(nested) == _rows(flat)


def test_slack_channels_and_time_range_choose_what_comes_in(tmp_path):
    options = SlackOptions(
        channels=("#inc-checkout",), since="2026-11-30T22:04:00Z", until="2026-11-30T23:59:59Z"
    )
    result = read_slack_export(slack_zip(tmp_path), options)
    assert [(e.time, e.text[:24]) for e in result.entries] == [
        ("2026-11-30T22:04:30Z", "Opened the dashboard che"),
        ("2026-11-30T22:05:00Z", "(in thread) Paging the d"),
        ("2026-11-30T23:40:00Z", "Rolled back migration 01"),
    ]
    # a reply whose parent is outside the range is no longer marked as following it
    assert [bool(e.reply_to) for e in result.entries] == [False, False, False]
    assert result.skipped["outside the time range"] == 4


def test_unknown_channel_names_the_ones_there_are(tmp_path):
    with pytest.raises(IntakeError, match=r"no channel #random; it has #eng-db, #inc-checkout"):
        read_slack_export(slack_zip(tmp_path), SlackOptions(channels=("random",)))


def test_missing_users_json_is_one_clear_sentence(tmp_path):
    with pytest.raises(IntakeError, match="has no users.json, so it is not a Slack export"):
        read_slack_export(slack_zip(tmp_path, leave_out="users.json"))


@pytest.mark.parametrize(
    ("markup", "shown"),
    [
        ("ping <@U01MEI>", "ping @Mei Lin"),
        ("ping <@U77|ghost>", "ping @ghost"),
        ("see <#C03DB>", "see #eng-db"),
        ("see <#C03DB|db-room>", "see #db-room"),
        (
            "<https://x.example/a?b=1&amp;c=2|the runbook>",
            "the runbook (https://x.example/a?b=1&c=2)",
        ),
        ("<https://x.example>", "https://x.example"),
        ("<!channel> <!subteam^S1|@dba> go", "@channel @dba go"),
        ("a &lt;b&gt; &amp; c", "a <b> & c"),
        ("<mailto:a@b.example|a@b.example>", "a@b.example"),
    ],
)
def test_slack_markup_is_written_out_as_people_read_it(markup, shown):
    from pm_desktop.ingest.intake.slack import SlackUser

    users = {"U01MEI": SlackUser("U01MEI", "Mei Lin", "mei.lin")}
    assert render_text(markup, users, {"C03DB": "eng-db"}) == shown
