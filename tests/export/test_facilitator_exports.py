"""Contributing factors, lessons learned, turning points, the parking lot and meeting roles in
the PDF and the Markdown; only the why nodes (redacted like any other) reach the external one."""

from __future__ import annotations

import dataclasses
import io

import pytest
from pypdf import PdfReader
from test_pdf_hostile import all_text, pdf_bytes

from pm_desktop.domain.model import ParkingItem
from pm_desktop.export import ExportJob, run_export
from pm_desktop.ingest.builtin import load_example

FACTOR = "The finance report had no load test before launch"


@pytest.fixture(scope="module")
def kit():
    example = load_example()
    review = example.review
    why = next(w for w in review.sorted_whys() if w.parent_id and not w.root_cause)
    review.whys[why.id] = dataclasses.replace(why, text=FACTOR, contributing=True)
    card = review.sorted_followups()[0]
    review.followups[card.id] = dataclasses.replace(card, why_ids=(*card.why_ids, why.id))
    event = review.sorted_events()[2]
    review.events[event.id] = dataclasses.replace(
        event, turning_point=True, open_question="What told the on-call it was the database?"
    )
    review.parking["p1"] = ParkingItem("p1", "Cap report queries at 30 seconds", event.id)
    review.meta = dataclasses.replace(
        review.meta,
        facilitator="Amara Okafor",
        note_taker="Mei Lin",
        lessons_learned="Peak traffic turns a slow query into an outage.",
    )
    return example, card


def test_the_pdf_lists_contributing_factors_and_the_meeting(kit):
    example, card = kit
    text = all_text(PdfReader(io.BytesIO(pdf_bytes(example.review, example.blobs))))
    assert "Contributing factors" in text and FACTOR in text
    after = text.split("Contributing factors", 1)[1]
    assert card.title[:30] in after  # the follow-up that addresses it
    for words in ("What we learned", "Peak traffic turns", "Turning points", "Open question",
                  "Parking lot", "Cap report queries", "Facilitator: Amara Okafor"):  # fmt: skip
        assert words in text, words


def test_the_external_pdf_keeps_the_factor_but_not_the_meeting(kit):
    """A confirmed contributing factor reaches the customer; a possible one is still a guess."""
    example, _card = kit
    review = example.review
    (factor,) = review.contributing_factors()
    review.whys[factor.id] = dataclasses.replace(factor, status="possible")
    text = all_text(PdfReader(io.BytesIO(pdf_bytes(review, example.blobs, "external"))))
    assert FACTOR not in text
    review.whys[factor.id] = dataclasses.replace(factor, status="confirmed")
    text = all_text(PdfReader(io.BytesIO(pdf_bytes(review, example.blobs, "external"))))
    assert "Contributing factors" in text and FACTOR in " ".join(text.split())
    for private in ("Parking lot", "Cap report queries", "Amara Okafor", "What told the on-call"):
        assert private not in text


def test_the_markdown_lists_them_too(kit, tmp_path):
    example, card = kit
    out = tmp_path / "review.md"
    run_export("md", ExportJob(example.review, example.blobs.__getitem__, out))
    text = out.read_text(encoding="utf-8")
    factors = text.split("Contributing factors", 1)[1]
    assert f"- ◆ {FACTOR}" in factors and card.title[:30] in factors
    assert "### Parking lot" in text and "- Cap report queries at 30 seconds" in text
    assert "Open question: What told the on-call it was the database?" in text
    turning = text.split("### Turning points", 1)[1]
    assert turning.lstrip().startswith("- **") and " UTC** " in turning  # the zone with the time
    assert "Facilitator: Amara Okafor · Note-taker: Mei Lin" in text
