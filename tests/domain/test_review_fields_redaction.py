"""The review fields added for the report (trigger, detection, response, recovery, affected
services and regions, attendees) go through the one redaction engine like every other text."""

from __future__ import annotations

from dataclasses import replace

import pytest

from pm_desktop.domain.customer_version import customer_check, customer_review
from pm_desktop.domain.model import Person, RedactedSpan, Review, ReviewMeta
from pm_desktop.domain.redaction import redacted_review

SECRET = "AKIA" + "ABCDEFGHIJKLMNOP"
TEXTS = ("trigger", "detection", "response", "recovery", "affected_services", "affected_regions")


@pytest.fixture
def review() -> Review:
    r = Review(
        meta=ReviewMeta(
            title="Outage",
            trigger=f"Mei Lin rotated the key {SECRET} at 09:00.",
            detection="@mlin saw the graph on grafana.corp.internal and paged.",
            response="Mei Lin and the database team rolled back; see PAY-1290.",
            recovery="Back at 09:40 after a restart of db-7.corp.internal.",
            affected_services="checkout, payments-db.corp.internal",
            affected_regions="EU (Frankfurt)",
            attendees="Mei Lin, Jonas Berg",
            meeting_date="2025-03-13",
        )
    )
    r.people["m"] = Person("m", "Mei Lin", "DevOps on-call", "DevOps", handles=("@mlin",))
    r.people["j"] = Person("j", "Jonas Berg", "Backend engineer", "Backend")
    return r


def test_the_internal_copy_loses_secrets_and_marked_text_in_the_new_fields(review):
    review.redactions["r"] = RedactedSpan("r", "Frankfurt")
    out = redacted_review(review).meta
    assert SECRET not in out.trigger and "Mei Lin rotated the key" in out.trigger
    assert "Frankfurt" not in out.affected_regions and out.affected_regions.startswith("EU")
    assert out.attendees == "Mei Lin, Jonas Berg"  # names stay inside the team


def test_the_customer_copy_names_no_one_and_keeps_no_internal_reference(review):
    out = customer_review(review).meta
    joined = " ".join(getattr(out, name) for name in TEXTS)
    for gone in ("Mei", "Lin", "mlin", SECRET, "corp.internal", "PAY-1290"):
        assert gone not in joined, gone
    assert "rotated the key" in out.trigger and out.affected_regions == "EU (Frankfurt)"
    assert out.attendees == ""
    assert out.meeting_date == "2025-03-13"


def test_the_customer_check_lists_the_new_fields_and_the_attendees(review):
    found = customer_check(review)
    fields = {f.place.field for f in found}
    assert {"trigger", "detection", "response", "recovery", "affected_services"} <= fields
    assert any(f.place.field == "attendees" and f.action == "removed" for f in found)


def test_the_meeting_texts_lose_secrets_in_every_export(review):
    review.meta = replace(
        review.meta,
        opening_statement=f"Key for the demo: {SECRET}",
        lessons_learned=f"Rotate {SECRET} monthly",
        facilitator="Mei Lin",
    )
    out = redacted_review(review).meta
    assert SECRET not in out.opening_statement + out.lessons_learned
    assert out.opening_statement.startswith("Key for the demo:")
    assert out.facilitator == "Mei Lin"
