"""The internal PDF names the earlier reviews the library relates to this one; the customer
version never does."""

from __future__ import annotations

from pypdf import PdfReader

from pm_desktop.domain.recurrence import Profile, Relation
from pm_desktop.export.pdf import build_pdf
from pm_desktop.ingest.builtin import load_example

RELATED = (
    Relation(
        Profile("/reviews/a.pmreview", "2024-11-02", "Orders database <saturated> again"),
        ("service orders-db", "similar cause"),
        2.5,
    ),
    Relation(Profile("/reviews/b.pmreview", "", "Slow checkout & retries"), ("similar cause",), 1.4),
)


def _text(path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def test_the_internal_pdf_lists_related_earlier_reviews_with_their_reasons(tmp_path):
    ex = load_example()
    out = tmp_path / "review.pdf"
    build_pdf(ex.review, ex.blobs.__getitem__, out, related=RELATED)
    text = _text(out)
    assert "Seen before" in text
    assert "Also seen in 2 earlier reviews" in text
    assert "Orders database <saturated> again (2024-11-02)" in text
    assert "service orders-db; similar cause" in text
    assert "Slow checkout & retries (no date)" in text


def test_no_relations_or_the_customer_version_leave_the_section_out(tmp_path):
    ex = load_example()
    plain, customer = tmp_path / "plain.pdf", tmp_path / "customer.pdf"
    build_pdf(ex.review, ex.blobs.__getitem__, plain)
    build_pdf(ex.review, ex.blobs.__getitem__, customer, "external", related=RELATED)
    assert "Seen before" not in _text(plain)
    assert "Seen before" not in _text(customer) and "Orders database" not in _text(customer)
