"""Pasted timelines, in the shapes real postmortems use, become timed entries with every guess
reported."""

import datetime as dt
from dataclasses import dataclass

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pm_desktop.domain import timeutil
from pm_desktop.ingest import timeline_formats as fmt
from pm_desktop.ingest.timeline_text import ParsedEntry, ParseResult, guess_kind, parse_timeline

DAY = dt.date(2025, 3, 12)

SEED_TIMELINE = """\
Incident Timeline — 12 March 2025 (all times in UTC)
09:15 — Alert triggered: Payment service response time exceeds 5s threshold
09:18 — Engineering team notified via team channel
09:25 — Initial investigation begins. Logs indicate database queries timing out
09:35 — Customer support reports increase in payment failure complaints
09:40 — DevOps/Backend checks database server metrics: CPU and I/O utilization spiked at 95%
09:45 — Hotfix deployed: temporarily increase database instance size to relieve load (in reality DB instance size change could involve additional downtime)
09:50 — Response time improves; service partially restored
10:05 — Team continues root cause analysis; identifies recent schema migration as possible cause
10:20 — Communication sent to all stakeholders (sales, support, product) explaining the incident and temporary fix
10:30 — Database migration rollback plan drafted in case issues persist
11:00 — Monitoring confirms system stable; customer complaints drop
11:15 — Postmortem assigned and kickoff scheduled for next day
"""


@dataclass(frozen=True)
class Paste:
    """A pasted snippet and what each entry must come out as: (time, text)."""

    story: str
    text: str
    expected: tuple[tuple[str | None, str], ...]
    default_date: dt.date | None = DAY
    default_tz: str = "UTC"


PASTES = [
    Paste(
        "em_dash_lines_from_a_wiki",
        "09:02 — Canary of search-indexer 4.2 starts\n09:11 — p95 latency on /search above 1.5s",
        (
            ("2025-03-12T09:02:00Z", "Canary of search-indexer 4.2 starts"),
            ("2025-03-12T09:11:00Z", "p95 latency on /search above 1.5s"),
        ),
    ),
    Paste(
        "utc_suffix_and_hyphen",
        "14:20 UTC - Kafka consumer lag on orders topic passes 2M\n14:26 UTC - consumers restarted",
        (
            ("2025-03-12T14:20:00Z", "Kafka consumer lag on orders topic passes 2M"),
            ("2025-03-12T14:26:00Z", "consumers restarted"),
        ),
    ),
    Paste(
        "at_full_date_with_comma",
        "At 2017/01/31 18:00 UTC, the replica on db-west-2 stopped applying WAL.",
        (("2017-01-31T18:00:00Z", "the replica on db-west-2 stopped applying WAL."),),
    ),
    Paste(
        "chat_log_brackets",
        "[11:42] maria: failing over redis-sessions to the standby\n[11:47] tom: failover done",
        (
            ("2025-03-12T11:42:00Z", "failing over redis-sessions to the standby"),  # by maria
            ("2025-03-12T11:47:00Z", "failover done"),
        ),
    ),
    Paste(
        "markdown_bullets_with_bold_stamps",
        "- **16:58 UTC** - Config push to `edge-proxy` begins\n"
        "- **17:03 UTC** - 502s from the EU PoPs\n"
        "* **17:09 UTC** — push *halted* by the on-call",
        (
            ("2025-03-12T16:58:00Z", "Config push to `edge-proxy` begins"),
            ("2025-03-12T17:03:00Z", "502s from the EU PoPs"),
            ("2025-03-12T17:09:00Z", "push halted by the on-call"),
        ),
    ),
    Paste(
        "github_style_headings_with_paragraphs",
        "### 2018 October 21 22:52 UTC\n\n"
        "The link between two data centres dropped for 43 seconds.\n"
        "Writes kept arriving on both sides.\n\n"
        "Orchestration started a failover.\n\n"
        "### 2018 October 21 22:54 UTC\n\n"
        "Monitoring paged the on-call engineers.\n",
        (
            (
                "2018-10-21T22:52:00Z",
                "The link between two data centres dropped for 43 seconds.\n"
                "Writes kept arriving on both sides.\n\nOrchestration started a failover.",
            ),
            ("2018-10-21T22:54:00Z", "Monitoring paged the on-call engineers."),
        ),
    ),
    Paste(
        "pipe_table_with_date_and_time_columns",
        "| Date       | Time (UTC) | Event                                   |\n"
        "|------------|------------|-----------------------------------------|\n"
        "| 2019-11-29 | 11:32      | Rollout of billing-api v88 &amp; migrations |\n"
        "| 2019-11-29 | 11:40      | 5xx above 2%<br>PagerDuty fires          |\n",
        (
            ("2019-11-29T11:32:00Z", "Rollout of billing-api v88 & migrations"),
            ("2019-11-29T11:40:00Z", "5xx above 2%\nPagerDuty fires"),
        ),
    ),
    Paste(
        "table_whose_header_names_the_zone",
        "| Time (PST) | What happened | Who |\n| :--- | :--- | --- |\n"
        "| 09:05 | Webhook deliveries start timing out | |\n| **09:12** | Page sent | PagerDuty |",
        (
            ("2025-03-12T17:05:00Z", "Webhook deliveries start timing out"),
            ("2025-03-12T17:12:00Z", "Page sent \u2014 PagerDuty"),
        ),
    ),
    Paste(
        "range_without_spaces",
        "11:32-13:05 elevated 5xx on checkout-api",
        (("2025-03-12T11:32:00Z", "11:32-13:05 \u2014 elevated 5xx on checkout-api"),),
    ),
    Paste(
        "range_across_midnight_with_zone_after_the_end",
        "13:37 \u2013 02:00 UTC nightly batch paused",
        (("2025-03-12T13:37:00Z", "13:37 \u2013 02:00 UTC \u2014 nightly batch paused"),),
    ),
    Paste(
        "twelve_hour_clock_with_dots_and_pst",
        "6:00 a.m. PST — first tickets about failed logins",
        (("2025-03-12T14:00:00Z", "first tickets about failed logins"),),
    ),
    Paste(
        "month_day_twelve_hour_gmt_plus_eight",
        "Jan 5, 12:52 AM GMT+8 — Singapore support escalates",
        (("2025-01-04T16:52:00Z", "Singapore support escalates"),),
    ),
    Paste(
        "compact_pm_clock",
        "9:15pm - traffic on the CDN back to baseline",
        (("2025-03-12T21:15:00Z", "traffic on the CDN back to baseline"),),
    ),
    Paste(
        "status_page_stamp_below_each_message",
        "Resolved - This incident has been resolved.\nNov 29, 2019 - 14:36 UTC\n\n"
        "Monitoring - A fix is out and we are watching error rates.\nNov 29, 2019 - 13:50 UTC\n",
        (
            ("2019-11-29T14:36:00Z", "Resolved - This incident has been resolved."),
            ("2019-11-29T13:50:00Z", "Monitoring - A fix is out and we are watching error rates."),
        ),
    ),
    Paste(
        "status_page_posted_ago_lines",
        "Identified\nThe faulty load balancer pool was found.\n"
        "Posted 3 days ago. Jan 05, 2024 - 16:10 UTC\n",
        (("2024-01-05T16:10:00Z", "Identified\nThe faulty load balancer pool was found."),),
    ),
    Paste(
        "approximate_with_plus",
        "2019-11-29 12:00+ maintenance window opened",
        (("2019-11-29T12:00:00Z", "maintenance window opened"),),
    ),
    Paste(
        "approximate_ish_and_tilde",
        "22:10 queue depth on mailer starts to grow\n23:00-ish first bounce reports\n~23:10 mailer paused",
        (
            ("2025-03-12T22:10:00Z", "queue depth on mailer starts to grow"),
            ("2025-03-12T23:00:00Z", "first bounce reports"),
            ("2025-03-12T23:10:00Z", "mailer paused"),
        ),
    ),
    Paste(
        "approximate_about",
        "about 10:05 someone restarted the ingest workers",
        (("2025-03-12T10:05:00Z", "someone restarted the ingest workers"),),
    ),
    Paste(
        "date_only_rows",
        "2025-03-10: vendor announced the certificate rotation\n"
        "March 11 - rotation tested in staging\n"
        "March 12 09:00 production rotation",
        (
            (None, "2025-03-10 \u2014 vendor announced the certificate rotation"),
            (None, "March 11 \u2014 rotation tested in staging"),
            ("2025-03-12T09:00:00Z", "production rotation"),
        ),
    ),
    Paste(
        "lines_without_time_join_the_entry_above",
        "08:40 - disk alarm on logs-03\n  the volume had grown 40 GB overnight\n08:55 - volume extended",
        (
            ("2025-03-12T08:40:00Z", "disk alarm on logs-03\nthe volume had grown 40 GB overnight"),
            ("2025-03-12T08:55:00Z", "volume extended"),
        ),
    ),
    Paste(
        "leading_lines_without_time_stay_untimed",
        "Notes from the bridge call\n10:00 call opened",
        ((None, "Notes from the bridge call"), ("2025-03-12T10:00:00Z", "call opened")),
    ),
    Paste(
        "date_heading_then_times",
        "## 12 March 2025\n\n21:50 backup job starts\n22:30 backup job fails",
        (
            ("2025-03-12T21:50:00Z", "backup job starts"),
            ("2025-03-12T22:30:00Z", "backup job fails"),
        ),
        default_date=None,
    ),
    Paste(
        "bold_weekday_date_lines_split_the_days",
        "**Wednesday, March 12, 2025**\n- 18:00 freeze announced\n\n"
        "**Thursday, March 13, 2025**\n- 08:30 freeze lifted",
        (
            ("2025-03-12T18:00:00Z", "freeze announced"),
            ("2025-03-13T08:30:00Z", "freeze lifted"),
        ),
        default_date=None,
    ),
    Paste(
        "iso_8601_with_offsets",
        "2025-03-12T09:15:00+01:00 pods OOMKilled in payments\n2025-03-12T08:20:30Z HPA scaled out",
        (
            ("2025-03-12T08:15:00Z", "pods OOMKilled in payments"),
            ("2025-03-12T08:20:30Z", "HPA scaled out"),
        ),
    ),
    Paste(
        "application_log_lines",
        "2025-03-12 09:15:00,123 WARN pool exhausted\n2025-03-12 09:15:07,004 ERROR request aborted",
        (
            ("2025-03-12T09:15:00Z", "WARN pool exhausted"),
            ("2025-03-12T09:15:07Z", "ERROR request aborted"),
        ),
    ),
    Paste(
        "numbered_list_and_quotes",
        "1. 07:58 cron job on billing-batch starts\n> 08:03 invoices stuck in pending",
        (
            ("2025-03-12T07:58:00Z", "cron job on billing-batch starts"),
            ("2025-03-12T08:03:00Z", "invoices stuck in pending"),
        ),
    ),
    Paste(
        "slack_copy_with_twelve_hour_brackets",
        "[9:20 AM] priya: rolling back the feature flag\n[9:31 AM] priya: flag off everywhere",
        (
            ("2025-03-12T09:20:00Z", "rolling back the feature flag"),  # the author is priya
            ("2025-03-12T09:31:00Z", "flag off everywhere"),
        ),
    ),
    Paste(
        "iana_zone_after_the_time",
        "09:30 Europe/Berlin - Frankfurt edge drops TLS handshakes",
        (("2025-03-12T08:30:00Z", "Frankfurt edge drops TLS handshakes"),),
    ),
    Paste(
        "eastern_daylight_time_and_gmt",
        "10:05 EDT - upstream DNS provider degraded\n14:20 GMT - provider confirms fix",
        (
            ("2025-03-12T14:05:00Z", "upstream DNS provider degraded"),
            ("2025-03-12T14:20:00Z", "provider confirms fix"),
        ),
    ),
    Paste(
        "central_european_summer_time",
        "2025-06-03 11:00 CEST: failover drill begins\n2025-06-03 11:40 CEST: drill ends",
        (
            ("2025-06-03T09:00:00Z", "failover drill begins"),
            ("2025-06-03T09:40:00Z", "drill ends"),
        ),
    ),
    Paste(
        "zulu_suffix_on_the_clock",
        "13:05Z origin shield saturated",
        (("2025-03-12T13:05:00Z", "origin shield saturated"),),
    ),
    Paste(
        "generic_pacific_time_follows_dst",
        "10:45 AM PT — support flags login failures",
        (("2025-03-12T17:45:00Z", "support flags login failures"),),
    ),
    Paste(
        "default_zone_for_a_team_in_india",
        "14:00 deploy of ledger-service\n14:30 rollback",
        (
            ("2025-03-12T08:30:00Z", "deploy of ledger-service"),
            ("2025-03-12T09:00:00Z", "rollback"),
        ),
        default_tz="Asia/Kolkata",
    ),
    Paste(
        "stamp_line_above_its_text",
        "09:15 UTC\nAlert fired for checkout latency\n\n09:20 UTC\nOn-call joined the bridge",
        (
            ("2025-03-12T09:15:00Z", "Alert fired for checkout latency"),
            ("2025-03-12T09:20:00Z", "On-call joined the bridge"),
        ),
    ),
    Paste(
        "day_first_dates_told_apart_by_a_day_over_twelve",
        "25/03/2025 09:00 freeze starts\n03/04/2025 10:00 freeze ends",
        (("2025-03-25T09:00:00Z", "freeze starts"), ("2025-04-03T10:00:00Z", "freeze ends")),
    ),
]


@pytest.mark.parametrize("paste", PASTES, ids=lambda p: p.story)
def test_pasted_timeline_reads_each_entry_at_its_instant(paste):
    result = parse_timeline(
        paste.text, default_date=paste.default_date, default_tz=paste.default_tz
    )
    assert [(e.time, e.text) for e in result.entries] == list(paste.expected)
    for entry in result.entries:
        assert entry.time is None or timeutil.is_canonical(entry.time)
        assert not any("could not be read" in w for w in result.warnings)


def test_the_seed_articles_timeline_gives_its_twelve_entries():
    result = parse_timeline(SEED_TIMELINE)
    assert len(result.entries) == 12
    first, last = result.entries[0], result.entries[-1]
    assert (first.time, first.line) == ("2025-03-12T09:15:00Z", 2)
    assert last.time == "2025-03-12T11:15:00Z"
    assert [e.time[11:16] for e in result.entries] == [
        "09:15", "09:18", "09:25", "09:35", "09:40", "09:45",
        "09:50", "10:05", "10:20", "10:30", "11:00", "11:15",
    ]  # fmt: skip
    assert all(e.tz == "UTC" and not e.problems for e in result.entries)
    assert first.text.startswith("Alert triggered: Payment service")
    assert result.unparsed_lines == () and result.warnings == ()
    kinds = {e.time[11:16]: e.kind for e in result.entries}
    assert kinds["09:15"] == "detected"
    assert kinds["09:50"] == "mitigated"
    assert kinds["10:20"] == "communication"


def test_seed_title_sets_date_and_zone_even_when_the_review_is_elsewhere():
    result = parse_timeline(SEED_TIMELINE, default_date=dt.date(2030, 1, 1), default_tz="-08:00")
    assert result.entries[0].time == "2025-03-12T09:15:00Z"
    assert result.entries[0].tz == "UTC"


def test_pasted_github_style_timeline_keeps_midnight_crossing():
    text = (
        "#### 2018 October 21 23:40 UTC\n\nReplication queue keeps growing.\n\n"
        "#### 00:05 UTC\n\nRead traffic moved to the primary region.\n"
    )
    result = parse_timeline(text)
    assert [e.time for e in result.entries] == ["2018-10-21T23:40:00Z", "2018-10-22T00:05:00Z"]
    assert "read as the next day (2018-10-22)" in result.entries[1].problems[0]
    assert result.unparsed_lines == ()  # paragraphs under a heading are its text


def test_small_step_back_stays_on_the_day_and_is_flagged_out_of_order():
    result = parse_timeline(
        "10:40 cache flushed\n10:32 (noted late) alert had fired", default_date=DAY
    )
    assert result.entries[1].time == "2025-03-12T10:32:00Z"
    assert result.entries[1].problems == ("out of order: 8 min earlier than the entry above",)


def test_new_years_eve_rolls_into_the_next_year():
    result = parse_timeline(
        "Dec 31 23:50 — certificate for api.example.org about to expire\n"
        "00:10 — TLS handshakes failing\n00:25 — renewed certificate deployed",
        default_date=dt.date(2025, 1, 1),
    )
    assert [e.time for e in result.entries] == [
        "2024-12-31T23:50:00Z",
        "2025-01-01T00:10:00Z",
        "2025-01-01T00:25:00Z",
    ]


def test_unknown_zone_word_is_reported_and_read_in_the_default_zone():
    result = parse_timeline(
        "09:15 XYZ - replica lag above 30s", default_date=DAY, default_tz="+02:00"
    )
    entry = result.entries[0]
    assert entry.time == "2025-03-12T07:15:00Z"
    assert entry.tz == "+02:00"
    assert entry.problems == ("unknown zone 'XYZ' - read as the default zone +02:00",)


def test_capital_words_after_a_time_are_text_not_zones():
    result = parse_timeline("09:20 API latency alarms\n09:25 DB - failover", default_date=DAY)
    assert [e.text for e in result.entries] == ["API latency alarms", "DB - failover"]
    assert all(not e.problems for e in result.entries)


def test_ambiguous_dst_time_takes_the_earlier_reading_and_says_so():
    result = parse_timeline("All times in Europe/Berlin\n2025-10-26 02:30 nightly backup started")
    entry = result.entries[0]
    assert entry.time == "2025-10-26T00:30:00Z"
    assert entry.tz == "Europe/Berlin"
    assert entry.problems == (
        "DST: 02:30 happens twice in Europe/Berlin on 2025-10-26; took the earlier (CEST)",
    )


def test_skipped_dst_time_takes_the_earlier_reading_and_says_so():
    result = parse_timeline("2025-03-30 02:30 Europe/Berlin - cron fired", default_date=DAY)
    entry = result.entries[0]
    assert entry.time == "2025-03-30T00:30:00Z"
    assert "does not exist in Europe/Berlin" in entry.problems[0]


def test_no_date_anywhere_uses_today_and_warns():
    result = parse_timeline("09:15 alert\n09:20 ack", default_tz="UTC")
    today = timeutil.now_canonical()[:10]
    assert result.entries[0].time[:10] in {
        today,
        (dt.date.fromisoformat(today) - dt.timedelta(days=1)).isoformat(),
    }
    assert result.warnings[0].startswith("no date given; times read on today's date")


def test_review_date_is_used_and_mentioned_when_the_text_has_none():
    result = parse_timeline("09:15 alert", default_date=DAY)
    assert result.warnings == ("no date in the text; times read on 2025-03-12",)


def test_untimed_lines_are_listed_and_never_dropped():
    text = "Summary line\n09:15 alert\ndetails that follow\n09:20 ack"
    attached = parse_timeline(text, default_date=DAY)
    assert attached.unparsed_lines == (1, 3)
    assert attached.entries[1].text == "alert\ndetails that follow"
    assert attached.entries[1].raw == "09:15 alert\ndetails that follow"
    separate = parse_timeline(text, default_date=DAY, attach_untimed=False)
    assert [(e.line, e.time) for e in separate.entries] == [
        (1, None),
        (2, "2025-03-12T09:15:00Z"),
        (3, None),
        (4, "2025-03-12T09:20:00Z"),
    ]


def test_table_continuation_row_joins_the_row_above():
    text = "| Time | Event |\n|---|---|\n| 11:40 | 5xx above 2% |\n| | nobody acked for 12 min |"
    result = parse_timeline(text, default_date=DAY)
    assert result.entries[0].text == "5xx above 2%\nnobody acked for 12 min"
    assert result.unparsed_lines == (4,)


@pytest.mark.parametrize(
    ("line", "approximate"),
    [
        ("~14:10 graphs flatline", True),
        ("23:00-ish queue backs up", True),
        ("2019-11-29 12:00+ window opens", True),
        ("about 10:05 workers restarted", True),
        ("10:05 workers restarted", False),
    ],
)
def test_rough_times_are_flagged_approximate(line, approximate):
    assert parse_timeline(line, default_date=DAY).entries[0].approximate is approximate


def test_date_only_row_is_marked_and_left_untimed_never_at_a_made_up_midnight():
    result = parse_timeline("2025-03-10: vendor notice received", default_tz="-05:00")
    entry = result.entries[0]
    assert entry.date_only and entry.time is None and entry.tz == "-05:00"
    assert entry.text == "2025-03-10 \u2014 vendor notice received"
    assert result.warnings == ("line 1: 2025-03-10 has no time of day; the entry is left without a time",)


def test_status_page_newest_first_is_noted_once():
    text = (
        "Resolved - All clear.\nNov 29, 14:36 UTC\n\nMonitoring - Fix deployed.\nNov 29, 13:50 UTC\n\n"
        "Investigating - Elevated errors.\nNov 29, 12:05 UTC"
    )
    result = parse_timeline(text, default_date=dt.date(2019, 12, 2))
    assert [e.kind for e in result.entries] == ["acknowledged", "mitigated", "resolved"]
    assert [e.line for e in result.entries] == [7, 4, 1]  # oldest first
    assert [w for w in result.warnings if "newest first" in w] == [
        "the updates run newest first (as on a status page); listed oldest first"
    ]


def test_explicit_kind_prefix_wins_and_is_removed():
    entry = parse_timeline(
        "09:15 !mitigated traffic drained from eu-west-1", default_date=DAY
    ).entries[0]
    assert (entry.kind, entry.text) == ("mitigated", "traffic drained from eu-west-1")


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("This incident has been resolved.", "resolved"),
        ("Error rate is back to normal", "resolved"),
        ("Service partially restored after the rollback", "mitigated"),
        ("On-call acknowledged the page", "acknowledged"),
        ("Alert fired: disk 95% on logs-03", "detected"),
        ("Customers unable to log in", "impact_start"),
        ("Status page updated for EU customers", "communication"),
        ("Rolled back to v41", "action"),
        ("Logs show connection resets from the proxy", "observation"),
        ("Lunch ordered for the bridge", "note"),
        ("!detected customer email", "detected"),
        ("!ack", "acknowledged"),
    ],
)
def test_kind_guess_is_conservative(text, kind):
    assert guess_kind(text) == kind


def test_a_negated_resolution_is_not_read_as_resolved():
    assert guess_kind("The first restart had not resolved it") != "resolved"


def test_markup_is_cleaned_but_code_and_identifiers_survive():
    entry = parse_timeline(
        "09:15 - **Deploy** of `__init__` fix to snake_case_service &amp; *friends*<br/>second line",
        default_date=DAY,
    ).entries[0]
    assert entry.text == "Deploy of `__init__` fix to snake_case_service & friends\nsecond line"


def test_prose_mentioning_a_timeline_and_a_date_is_kept_as_text():
    text = "09:15 alert\nWe changed the timeline on 12 March 2025 to include the vendor call"
    result = parse_timeline(text, default_date=DAY)
    assert result.entries[0].text.endswith("to include the vendor call")
    assert result.unparsed_lines == (2,)


@pytest.mark.parametrize(
    "line", ["Response times in EU were twice the usual", "## Response times in the EU region"]
)
def test_lines_about_response_times_are_text_not_titles(line):
    result = parse_timeline(f"09:15 alert\n{line}", default_date=DAY)
    assert result.entries[0].text == f"alert\n{line.lstrip('# ')}"
    assert result.warnings == ("no date in the text; times read on 2025-03-12",)


@pytest.mark.parametrize(
    ("title", "zone"),
    [
        ("Timeline (all times in PST)", "-08:00"),
        ("All times are in Europe/Berlin.", "Europe/Berlin"),
        ("Times in UTC", "UTC"),
        ("## Timeline of events (CEST)", "+02:00"),
    ],
)
def test_a_title_sets_the_zone_for_the_lines_below(title, zone):
    entry = parse_timeline(f"{title}\n10:00 first page", default_date=DAY).entries[0]
    assert entry.tz == zone


def test_a_title_with_an_unknown_zone_is_warned_about():
    result = parse_timeline("Timeline (all times in XYZ)\n10:00 first page", default_date=DAY)
    assert result.entries[0].tz == "UTC"
    assert any("unknown zone 'XYZ' in the title" in w for w in result.warnings)


def test_entity_dash_after_the_stamp_is_a_separator_not_text():
    entries = parse_timeline(
        "**09:40 UTC** &mdash; rollback started\n09:45 -5% error rate \u2014 recovering",
        default_date=DAY,
    ).entries
    assert [e.text for e in entries] == ["rollback started", "-5% error rate \u2014 recovering"]


def test_kind_comes_from_the_first_line_not_the_details_below():
    entry = parse_timeline(
        "09:15 DNS change went out\nalert fired later", default_date=DAY
    ).entries[0]
    assert entry.kind == "note"


def test_huge_line_keeps_its_full_text():
    tail = "x" * 50_000
    entry = parse_timeline(f"09:15 - {tail}", default_date=DAY).entries[0]
    assert entry.time == "2025-03-12T09:15:00Z" and entry.text == tail


def test_time_buried_far_into_a_line_is_not_taken_as_a_stamp():
    result = parse_timeline("y" * 300 + " 09:15 not a stamp", default_date=DAY)
    assert result.entries[0].time is None


def test_unknown_default_zone_is_warned_about():
    result = parse_timeline("09:15 alert", default_date=DAY, default_tz="Not/AZone")
    assert result.entries[0].time == "2025-03-12T09:15:00Z"
    assert any("unknown default zone" in w for w in result.warnings)


def test_empty_paste_gives_nothing():
    assert parse_timeline("") == ParseResult((), (), ())


def test_entry_is_a_frozen_value():
    entry = ParsedEntry(line=1, time=None, tz="UTC", text="x")
    with pytest.raises(AttributeError):
        entry.text = "y"  # type: ignore[misc]


@given(
    wall=st.datetimes(min_value=dt.datetime(1900, 1, 2), max_value=dt.datetime(2199, 12, 30)),
    zone=st.sampled_from(["UTC", "+05:30", "-08:00", "+14:00", "-12:00", "+00:00"]),
)
def test_fixed_zone_shortcut_agrees_with_timeutil(wall, zone):
    wall = wall.replace(microsecond=0)
    expected = timeutil.resolve_local(wall, zone)
    assert fmt.fixed_zone_instant(wall, zone) == expected.choices[0]
    assert fmt.fixed_zone_instant(wall, "Europe/Berlin") is None


# Random characters mixed with the pieces stamps are made of, so the odd text reaches the parser's
# deeper branches (tables, headings, zones, ranges) and not only the "no time here" path.
_PIECES = [
    "09:15", "9:15pm", "23:59", "2025-03-12", "Mar 12", "12 March 2025", "31/12/2024", " PST",
    " XYZ", " Europe/Berlin", " GMT+8", " | ", "|---|", "<br>", "&amp;", "### ", "**", "~",
    "-ish", "+", " - ", "\u2013", "Posted 2 days ago. ", "!detected ", "\n", "\r\n", "\x00",
]  # fmt: skip
_ODD_TEXT = st.lists(st.one_of(st.text(max_size=20), st.sampled_from(_PIECES)), max_size=60).map(
    "".join
)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(
    text=_ODD_TEXT,
    default_date=st.one_of(st.none(), st.dates()),
    default_tz=st.sampled_from(
        ["UTC", "Europe/Berlin", "-08:00", "America/Sao_Paulo", "bogus", ""]
    ),
    attach=st.booleans(),
)
def test_any_paste_parses_without_raising(text, default_date, default_tz, attach):
    result = parse_timeline(
        text, default_date=default_date, default_tz=default_tz, attach_untimed=attach
    )
    assert isinstance(result, ParseResult)
    assert not any("could not be read" in w for w in result.warnings), result.warnings
    line_count = len(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"))
    for entry in result.entries:
        assert 1 <= entry.line <= line_count
        assert entry.time is None or timeutil.is_canonical(entry.time)
        assert "\x00" not in entry.text
    assert all(1 <= n <= line_count for n in result.unparsed_lines)
