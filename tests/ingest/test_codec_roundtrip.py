"""Every field of every entity survives the JSON interchange and the file, because every form
comes from the entity codec. The sample below sets each field away from its default, and a test
checks that it does: a field added to the model without a sample value fails here first."""

from __future__ import annotations

import hashlib
import json

import pytest
from review_strategies import png_bytes

from pm_desktop.domain import codec as c
from pm_desktop.domain.model import (
    COLLECTIONS,
    BlobInfo,
    Criterion,
    Evidence,
    FollowUp,
    ParkingItem,
    Person,
    RedactedSpan,
    RedactionBox,
    Review,
    ReviewMeta,
    TimelineEvent,
    WhyNode,
)
from pm_desktop.export.json_export import review_to_json
from pm_desktop.ingest.json_import import parse_review_text
from pm_desktop.store.document import Document

PNG = png_bytes(12, 8, 3)
SHA = hashlib.sha256(PNG).hexdigest()


def _full_review() -> Review:
    review = Review(
        meta=ReviewMeta(
            title="Checkout outage",
            incident_date="2025-03-12",
            severity="SEV2",
            status="in_review",
            summary="Payments failed for 40 minutes.",
            impact="About 3% of orders failed.",
            lessons_went_well="Rollback was quick.",
            lessons_went_wrong="The alert was silent.",
            lessons_got_lucky="Low traffic hour.",
            display_tz="Europe/Berlin",
            confidentiality="Confidential",
            authors="Mei Lin",
            coach_ignored=("vague_followup",),
            facilitator="Sam",
            note_taker="Ana",
            opening_statement="We look at systems, not people.",
            lessons_learned="Test the alert.",
            public_domains=("status.example.com",),
            review_id="3c9e5b1a-7d2f-4e8a-b6c4-0f1d2e3a4b5c",
            last_followup_number="3",
            trigger="A config push at 09:00.",
            detection="The latency alert paged on call.",
            response="On call rolled back the push.",
            recovery="Payments recovered at 09:40.",
            affected_services="checkout, payments",
            affected_regions="EU",
            meeting_date="2025-03-13",
            attendees="Mei Lin, Ana",
            created="2025-03-12T10:00:00Z",
            changed="2025-03-14T08:30:00Z",
            status_history=("2025-03-13T16:00:00Z in_review",),
        )
    )
    entities = [
        Person("p1", "Mei Lin", "on call", "payments", "ran the rollback", 4, ("@mei", "mei@x.io")),
        TimelineEvent(
            "e1",
            "2025-03-12T09:15:00Z",
            "Europe/Berlin",
            "Alert fires",
            "detected",
            "Mei Lin",
            True,
            7,
            True,
            "Why was the alert late?",
            "slack:#inc-payments",
        ),  # fmt: skip
        Evidence(
            "v1",
            "image",
            "Dashboard",
            "red at 09:14",
            "https://grafana.example/d/1",
            "p99 up",
            SHA,
            "image/png",
            "dash.png",
            "2025-03-12T09:16:00Z",
            "America/New_York",
            "Ana",
            ("e1",),
            3,
            "capture",
        ),  # fmt: skip
        WhyNode(
            "w1",
            None,
            "Checkout failed",
            True,
            "confirmed",
            "tooling",
            ("v1",),
            2,
            True,
            "merged:ana.pmreview",
            "Ana",
        ),  # fmt: skip
        WhyNode("w2", "w1", "Pool exhausted", False, "possible", "capacity", (), 5, False),
        FollowUp(
            "f1",
            "Alert on pool use",
            "Page at 80%",
            (Criterion("alert fires", True), Criterion("runbook", False)),
            "Ana",
            "2025-04-01",
            "doing",
            "high",
            "prevent",
            ("w1",),
            "https://tracker.example/1",
            6,
            3,
        ),  # fmt: skip
        ParkingItem("k1", "Add a canary", "e1", "f1", 8),
        RedactedSpan("r1", "Project Falcon", "events", "e1", "text", 9),
        RedactionBox("b1", "v1", 1, 2, 3, 4, 10),
    ]
    for entity in entities:
        review.collection(entity.collection)[entity.id] = entity
    review.blobs[SHA] = BlobInfo(SHA, "image/png", len(PNG), 12, 8)
    return review


@pytest.mark.parametrize("collection", COLLECTIONS)
def test_the_sample_sets_every_field_away_from_its_default(collection):
    entities = list(_full_review().collection(collection).values())
    assert entities, f"no sample {collection}"
    for f in c.codec(collection).fields:
        if f.name == "id":
            continue
        values = {getattr(e, f.name) for e in entities}
        assert values - {f.fallback}, f"{collection}.{f.name} keeps its default in the sample"


def test_the_sample_sets_every_review_field_away_from_its_default():
    meta, default = _full_review().meta, ReviewMeta()
    for name in c.META_FIELDS:
        assert getattr(meta, name) != getattr(default, name), f"review.{name} keeps its default"


def test_json_export_then_import_keeps_every_review_field_with_the_recorded_history():
    """``created`` and ``changed`` are left out of equality, so they are compared as JSON."""
    review = _full_review()
    again = parse_review_text(review_to_json(review, {SHA: PNG}.__getitem__)).review
    assert c.meta_to_json(again.meta) == c.meta_to_json(review.meta)
    assert again.meta.created == "2025-03-12T10:00:00Z"
    assert again.meta.status_history == ("2025-03-13T16:00:00Z in_review",)


def test_json_export_then_import_keeps_every_field_of_every_entity():
    review = _full_review()
    text = review_to_json(review, {SHA: PNG}.__getitem__)
    again = parse_review_text(text)
    for collection in COLLECTIONS:
        assert again.review.collection(collection) == review.collection(collection), collection
    assert again.review.meta == review.meta
    assert again.blobs == {SHA: PNG}
    assert review_to_json(again.review, again.blobs.__getitem__) == text


def test_the_json_keeps_the_documented_names():
    data = json.loads(review_to_json(_full_review(), {SHA: PNG}.__getitem__))
    assert data["whys"][0]["contributing_factor"] is True
    assert "contributing" not in data["whys"][0]
    assert data["followups"][0]["acceptance_criteria"] == ["alert fires", "runbook"]
    assert data["followups"][0]["acceptance_done"] == [True, False]
    assert data["parking_lot"][0]["followup_id"] == "f1"
    assert data["redaction_boxes"][0]["w"] == 3
    evidence = data["evidence"][0]
    assert evidence["event_id"] == "e1" and "blob" not in evidence
    assert evidence["data_base64"]


def test_the_file_keeps_every_field_of_every_entity(tmp_path):
    review = _full_review()
    Document.create(tmp_path / "all.pmreview", review, {SHA: PNG}).close()
    doc = Document.open(tmp_path / "all.pmreview")
    try:
        for collection in COLLECTIONS:
            assert doc.review.collection(collection) == review.collection(collection), collection
        assert doc.review.meta == review.meta
        assert c.meta_to_json(doc.review.meta) == c.meta_to_json(review.meta)
    finally:
        doc.close()
