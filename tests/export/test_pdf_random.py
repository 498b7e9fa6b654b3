"""Any valid review exports: random unicode, 5,000-character words, empty everything."""

from __future__ import annotations

import io
from dataclasses import replace

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader
from review_strategies import reviews
from test_pdf_hostile import pdf_bytes

from pm_desktop.domain.model import Review

LONG_WORDS = ["x" * 5000, "数" * 5000, "😀" * 5000, "Ж-" * 2500, "a_b/" * 1250]


@st.composite
def stressed_reviews(draw) -> tuple[Review, dict[str, bytes]]:
    """A random review; sometimes one long word goes into every kind of field."""
    review, blobs = draw(reviews())
    if draw(st.booleans()):
        word = draw(st.sampled_from(LONG_WORDS))
        review.meta = replace(
            review.meta, title=word, summary=word, authors=word, confidentiality=word
        )
        for collection, field in (
            ("events", "text"), ("events", "author"), ("whys", "text"), ("followups", "title"),
            ("followups", "owner"), ("people", "name"), ("people", "contribution"),
            ("evidence", "title"), ("evidence", "text"), ("evidence", "url"),
        ):  # fmt: skip
            items = getattr(review, collection)
            for key in list(items)[:2]:
                items[key] = replace(items[key], **{field: word})
    return review, blobs


@settings(
    max_examples=25,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(stressed_reviews(), st.sampled_from(["internal", "external"]))
@example((Review(), {}), "internal")
@example((Review(), {}), "external")
def test_random_reviews_always_export(case, profile):
    review, blobs = case
    data = pdf_bytes(review, blobs, profile)
    reader = PdfReader(io.BytesIO(data))
    total = len(reader.pages)
    assert total >= 2  # the title page, then contents and sections running on
    last = " ".join((reader.pages[-1].extract_text() or "").split())
    assert f"Page {total} of {total}" in last
