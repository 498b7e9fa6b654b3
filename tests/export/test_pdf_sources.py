"""The internal PDF's Sources appendix counts items per source and author; the customer version
has no such appendix and names no author and no channel."""

from __future__ import annotations

import io

from intake_fixture_files import FIXTURES, slack_zip
from pypdf import PdfReader
from test_pdf_hostile import all_text, pdf_bytes

from pm_desktop.domain.customer_version import customer_review
from pm_desktop.domain.model import Review, WhyNode
from pm_desktop.domain.provenance import source_counts, source_label
from pm_desktop.ingest.intake.opsgenie import read_opsgenie
from pm_desktop.ingest.intake.plan import import_result
from pm_desktop.ingest.intake.slack import read_slack_export


def _imported(tmp_path) -> Review:
    review = Review()
    for result in (
        read_slack_export(slack_zip(tmp_path)),
        read_opsgenie(FIXTURES / "opsgenie-alert.json"),
    ):
        import_result(review, result)[0].apply(review)
    review.whys["w"] = WhyNode(
        "w", None, "Why did checkout slow down?", source="typed", author="Mei Lin"
    )
    return review


def test_source_counts_per_source_with_authors(tmp_path):
    counts = {c.label: c for c in source_counts(_imported(tmp_path))}
    assert set(counts) == {
        "Slack #inc-checkout",
        "Slack #eng-db",
        "Slack #ops-alerts",
        "Opsgenie",
        "Typed",
    }
    checkout = counts["Slack #inc-checkout"]
    assert (checkout.events, checkout.evidence, checkout.whys) == (7, 2, 0)
    assert checkout.authors == (("Mei Lin", 4), ("Arjun Rao", 3), ("Sam Okafor", 2))
    assert counts["Typed"].whys == 1
    assert counts["Opsgenie"].authors == (("", 3), ("Arjun Rao", 3), ("Mei Lin", 1))


def test_source_labels():
    assert source_label("slack:#inc-db") == "Slack #inc-db"
    assert source_label("csv:pager.csv") == "CSV pager.csv"
    assert source_label("capture") == "Capture window"
    assert source_label("") == "Not recorded"


def test_internal_pdf_has_the_sources_appendix(tmp_path):
    text = all_text(PdfReader(io.BytesIO(pdf_bytes(_imported(tmp_path), {}))))
    assert "Sources" in text and "Written by" in text
    assert "Slack #inc-checkout 7 2 0 Mei Lin (4), Arjun Rao (3), Sam Okafor (2)" in text


def test_external_pdf_has_no_sources_no_authors_no_channels(tmp_path):
    review = _imported(tmp_path)
    text = all_text(PdfReader(io.BytesIO(pdf_bytes(review, {}, "external"))))
    assert "Written by" not in text
    for leak in ("inc-checkout", "ops-alerts", "Mei Lin", "Arjun Rao", "Sam Okafor"):
        assert leak not in text
    customer = customer_review(review, "External")
    assert {e.source for e in customer.events.values()} <= {"slack", "opsgenie"}
    assert all(w.author == "" for w in customer.whys.values())
