"""What an import adds: duplicates marked, one edit for all, people with handles, links as
evidence; the same export twice adds nothing; undo restores the review exactly."""

from __future__ import annotations

from intake_fixture_files import FIXTURES, slack_zip

from pm_desktop.domain.model import Person, Review, TimelineEvent
from pm_desktop.ingest.intake.entries import IntakeEntry, IntakeLink, IntakePerson
from pm_desktop.ingest.intake.pagerduty import read_pagerduty
from pm_desktop.ingest.intake.plan import import_result, intake_edit, plan_intake
from pm_desktop.ingest.intake.slack import read_slack_export


def test_slack_import_adds_events_people_and_links_in_one_edit(tmp_path):
    review = Review()
    result = read_slack_export(slack_zip(tmp_path))
    edit, summary = import_result(review, result, "Import Slack")
    before = review.copy()
    edit.apply(review)
    assert summary.line() == "added 13 events, 3 people, 3 links; 0 duplicates skipped"
    assert len(review.events) == 13 and len(review.evidence) == 3
    assert sorted((p.name, p.handles) for p in review.people.values()) == [
        ("Arjun Rao", ("@arjun",)),
        ("Mei Lin", ("@mei.lin",)),
        ("Sam Okafor", ("@sam.o",)),
    ]
    rollback = next(e for e in review.events.values() if e.text.startswith("Rolled back"))
    (link,) = review.evidence_for_event(rollback.id)
    assert (link.kind, link.url, link.captured_by, link.source, link.captured_at) == (
        "link",
        "https://acme.slack.com/archives/C01INC/p1764546000000100",
        "Arjun Rao",
        "slack:#inc-checkout",
        "2026-11-30T23:40:00Z",
    )
    edit.inverse().apply(review)
    assert review.events == before.events and review.people == before.people
    assert review.evidence == before.evidence


def test_the_same_export_twice_adds_nothing_the_second_time(tmp_path):
    review = Review()
    result = read_slack_export(slack_zip(tmp_path))
    import_result(review, result)[0].apply(review)
    edit, summary = import_result(review, result)
    assert summary.line() == "added 0 events, 0 people, 0 links; 13 duplicates skipped"
    edit.apply(review)
    assert len(review.events) == 13


def test_duplicates_are_same_text_within_two_minutes_ignoring_case_and_spacing():
    review = Review()
    review.events["a"] = TimelineEvent("a", "2026-11-30T22:00:00Z", text="Restarted  the Workers")
    entries = [
        IntakeEntry("2026-11-30T22:01:59Z", "restarted the workers"),  # same moment, same words
        IntakeEntry("2026-11-30T22:02:01Z", "Restarted the workers"),  # 2 min 1 s from "a" …
        IntakeEntry("2026-11-30T22:30:00Z", "Restarted the workers"),  # a second restart
        IntakeEntry(None, "Wrote to support"),
        IntakeEntry(None, "wrote to support"),
    ]
    planned = plan_intake(review, entries)
    # … but within two minutes of the entry before it, which the import already holds
    assert [p.duplicate for p in planned] == [True, True, False, False, True]


def test_pagerduty_repeats_within_the_same_minute_count_as_duplicates():
    result = read_pagerduty(FIXTURES / "pagerduty-log.json")
    edit, summary = import_result(Review(), result)
    assert (summary.events, summary.duplicates, summary.people) == (26, 14, 2)


def test_a_known_person_gains_handles_instead_of_a_second_entry():
    review = Review()
    review.people["p"] = Person("p", "Mei Lin", handles=("mei",))
    entry = IntakeEntry("2026-11-30T22:00:00Z", "hello", author="Mei Lin")
    edit, summary = intake_edit(review, [entry], [IntakePerson("Mei Lin", ("@mei.lin",))])
    edit.apply(review)
    assert summary.people == 0
    assert list(review.people.values()) == [Person("p", "Mei Lin", handles=("mei", "@mei.lin"))]


def test_a_link_the_review_already_holds_is_not_added_again():
    review = Review()
    link = IntakeLink("https://example.com/x", "x")
    first = IntakeEntry("2026-11-30T22:00:00Z", "one", links=(link,))
    second = IntakeEntry("2026-11-30T22:10:00Z", "two", links=(link,))
    edit, summary = intake_edit(review, [first, second])
    edit.apply(review)
    assert summary.links == 1 and len(review.evidence) == 1
