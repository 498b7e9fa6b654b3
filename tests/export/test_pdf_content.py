"""What the PDF says and in what order: the executive summary on page 1, the sections good
postmortem templates carry, and what the customer version leaves out (text read back with pypdf
and pypdfium2; no Qt)."""

from __future__ import annotations

import dataclasses
import io
import re

import pytest
from pypdf import PdfReader
from test_pdf_hostile import all_text, pdf_bytes

from pm_desktop.domain.model import Person, Review, ReviewMeta, TimelineEvent
from pm_desktop.ingest.builtin import load_example


def flat(text: str) -> str:
    return " ".join(text.split())


def page_text(reader: PdfReader, index: int) -> str:
    return flat(reader.pages[index].extract_text() or "")


@pytest.fixture(scope="module")
def example():
    return load_example()


@pytest.fixture(scope="module")
def internal(example) -> PdfReader:
    return PdfReader(io.BytesIO(pdf_bytes(example.review, example.blobs)))


@pytest.fixture(scope="module")
def external(example) -> PdfReader:
    return PdfReader(io.BytesIO(pdf_bytes(example.review, example.blobs, "external")))


# ------------------------------------------------------------------------------ page 1


def test_page_one_is_an_executive_summary_of_the_example(internal):
    front = page_text(internal, 0)
    for expected in (
        "Card payments failing during the morning peak",
        "Executive summary",
        "What happened For about 48 minutes on 12 March 2025",
        "Who was affected Between 09:02 and 09:50 UTC roughly 31 %",
        "Services: Checkout, card payments",
        "Regions: Europe (most failures)",
        "Wednesday 12 March 2025, 09:02 to 11:00 UTC: 1 h 58 min (resolved)",
        "SEV2 — Major: significant degradation for many customers",
        "Trigger The first morning peak after Monday's release",
        "Root causes",
        "A: Our pull-request checklist has no step for database impact",
        "C: No team owns reviewing query and schema changes",
        "1 of 6 done",
        "next due 2025-03-21: Name an owning team for the payments database",
        "Written in a blameless spirit",
        "TTD · Time to detect 13 min",
        "TTR · Time to resolve 1 h 58 min",
    ):
        assert expected in front, expected


def test_the_metric_cards_are_shown_once(internal):
    pages = [page_text(internal, i) for i in range(len(internal.pages))]
    assert [i for i, text in enumerate(pages) if "Time to acknowledge" in text] == [0]


def test_an_empty_review_gets_a_first_page_that_says_what_is_missing():
    reader = PdfReader(io.BytesIO(pdf_bytes(Review(), {})))
    front = page_text(reader, 0)
    for expected in (
        "Untitled review",
        "What happened No summary written yet.",
        "Who was affected No impact described yet.",
        "When No timed events yet: start and end not recorded.",
        "Severity Not set yet.",
        "Trigger Not described yet.",
        "Root causes No root cause or contributing factor identified yet.",
        "Fixes No follow-ups yet.",
        "Contents",  # a short document lists its sections under the summary
        "1 Summary and impact",
        "Revision history",
    ):
        assert expected in front, expected


def test_an_open_incident_says_it_has_no_end_and_factors_stand_in_for_causes(example):
    review = example.review.copy()
    for event in list(review.events.values()):
        if event.kind in ("mitigated", "resolved"):
            del review.events[event.id]
    for node in list(review.whys.values()):
        review.whys[node.id] = dataclasses.replace(
            node, root_cause=False, contributing=node.root_cause
        )
    front = page_text(PdfReader(io.BytesIO(pdf_bytes(review, example.blobs))), 0)
    assert "Started Wednesday 12 March 2025, 09:02 (UTC); no end recorded yet." in front
    assert "Contributing factors" in front
    assert "Our pull-request checklist has no step for database impact" in front


# ------------------------------------------------------------------------------ new sections


def test_trigger_detection_response_and_recovery_are_in_the_summary_section(internal):
    text = all_text(internal)
    summary = text[text.index("1 Summary and impact") : text.index("2 Timeline")]
    assert "Services affected: Checkout, card payments" in summary
    assert "1.3 Trigger The first morning peak after Monday's release" in summary
    assert "1.4 Detection, response and recovery Detection: A latency alert" in summary
    assert "Response: The on-call engineer acknowledged at 09:18" in summary
    assert "Recovery: Resizing the orders-db instance one class up" in summary


def test_communications_list_every_communication_event_with_its_time(internal, example):
    text = all_text(internal)
    section = text[text.index("3 Communications") : text.index("4 Evidence")]
    assert "2 messages to customers, colleagues or partners" in section
    for event in example.review.sorted_events():
        if event.kind == "communication":
            assert flat(event.text)[:60] in section
            assert event.time[:10] + " " + event.time[11:16] in section
    assert "Tomás Herrera" in section and "Sofia Marchetti" in section


def test_the_action_table_comes_before_the_detailed_cards(internal):
    text = all_text(internal)
    followups = text[text.index("6 Follow-ups") : text.index("7 Lessons")]
    table = followups[followups.index("6.1 Action items") : followups.index("6.2 To do (3)")]
    assert "Follow-up Owner Due Priority Status Ticket" in table
    assert re.search(r"Add a database-impact section to the.*?Jonas Berg 2025-03-28", table)
    assert "PAY-1290" in table and "PAY-1288" in table
    assert table.count("overdue") == 5  # every open card is past due when exported today
    assert "Evaluate a caching layer" in table and "Won't do" in table


def test_the_meeting_and_the_revision_history_are_printed(internal):
    text = all_text(internal)
    assert "8.1 The review meeting Held on Thursday 13 March 2025" in text
    assert "Attendees: Amara Okafor, Mei Lin, Jonas Berg" in text
    history = text[re.search(r"\d+ Revision history", text).start() :]  # the last section
    assert "2025-03-12 11:20 (UTC) Review created" in history
    assert "2025-03-13 15:40 (UTC) Status set to “In review”" in history
    assert "2025-03-14 16:05 (UTC) Last changed" in history


# ------------------------------------------------------------------------------ customer version


def test_the_customer_first_page_writes_the_severity_out_and_names_no_one(external, example):
    front = page_text(external, 0)
    assert "Severity Major: significant degradation for many customers" in front
    assert "SEV2" not in front
    assert "next due March 2025: Name an owning team" in front  # a month, not our date
    assert "overdue" not in front
    text = all_text(external)
    for person in example.review.people.values():
        for part in person.name.split():
            assert part not in text, part
    assert "Attendees" not in text and "The review meeting" not in text
    assert "PAY-1290" not in text and "atlassian" not in text
    assert "Action items" not in text


def test_the_new_fields_go_through_the_redaction_engine(example):
    review = example.review.copy()
    review.people["p-x"] = Person("p-x", "Quentin Quokka", handles=("@qquokka",))
    secret = "ghp_" + "a1B2" * 9
    review.meta = dataclasses.replace(
        review.meta,
        trigger=f"Quentin Quokka pushed a config with token {secret}.",
        detection="@qquokka saw the alert on grafana.internal.example.",
        response="Quentin Quokka paged the database team.",
        recovery="Rolled back by Quentin Quokka.",
        affected_services="payments-api.internal.example",
        attendees="Quentin Quokka, Mei Lin",
    )
    inside = all_text(PdfReader(io.BytesIO(pdf_bytes(review, example.blobs))))
    assert secret not in inside and "Quentin Quokka pushed a config" in inside
    outside = all_text(PdfReader(io.BytesIO(pdf_bytes(review, example.blobs, "external"))))
    for gone in (
        "Quentin",
        "Quokka",
        "qquokka",
        secret,
        "grafana.internal",
        "payments-api.internal",
    ):
        assert gone not in outside, gone
    assert "pushed a config" in outside  # the sentence stays, the name does not


def test_a_review_without_communications_says_so():
    review = Review(meta=ReviewMeta(title="Quiet"))
    review.events["e1"] = TimelineEvent(
        "e1", "2025-01-02T10:00:00Z", text="Disk full", kind="detected"
    )
    text = all_text(PdfReader(io.BytesIO(pdf_bytes(review, {}))))
    assert "No communication is recorded in the timeline" in text
