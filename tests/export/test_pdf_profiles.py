"""The external profile: what a customer receives holds no names, no evidence, no links."""

from __future__ import annotations

import io
import re
from dataclasses import replace

import pytest
from pypdf import PdfReader
from test_pdf_hostile import all_text, image_objects, pdf_bytes, uris

from pm_desktop.domain.model import Person, Review, ReviewMeta, TimelineEvent
from pm_desktop.domain.redaction_patterns import EMAIL, LINK
from pm_desktop.export import ExportError
from pm_desktop.export.profiles import EXTERNAL_LABEL, apply_profile, get_profile
from pm_desktop.ingest.builtin import load_example

EVIDENCE_TITLES = [
    "checkout-api latency and orders-db CPU",
    "#inc-payments incident channel",
    "SUP-4821: integration customer reports failed checkouts",
    "Service health dashboard (payments)",
    "checkout-api error log excerpt",
    "Slow query found in pg_stat_statements",
    "psycopg.errors.QueryCanceled",
]


@pytest.fixture(scope="module")
def example():
    return load_example()


@pytest.fixture(scope="module")
def external(example) -> PdfReader:
    return PdfReader(io.BytesIO(pdf_bytes(example.review, example.blobs, "external")))


def name_parts(review: Review) -> set[str]:
    return {part for p in review.people.values() for part in p.name.split()}


def outline_titles(reader: PdfReader) -> list[str]:
    out: list[str] = []
    stack = list(reader.outline)
    while stack:
        item = stack.pop()
        if isinstance(item, list):
            stack.extend(item)
        else:
            out.append(item.title)
    return out


def test_external_pdf_names_no_participant(example, external):
    text = all_text(external)
    everything = " ".join([text, *outline_titles(external), *map(str, external.metadata.values())])
    for part in name_parts(example.review):
        assert not re.search(rf"(?<!\w){re.escape(part)}(?!\w)", everything), part
    # authors and event authors appear as teams
    assert "Payments and Platform teams" in text
    assert "DevOps" in text
    assert "Review assigned to" not in text  # a note event is internal


def test_external_pdf_holds_no_evidence_and_no_links(external):
    text = all_text(external)
    for title in EVIDENCE_TITLES:
        assert title not in text
    assert "Evidence" not in outline_titles(external)
    assert image_objects(external) == set()
    assert uris(external) == []
    assert "example-corp" not in text and "http" not in text


def test_external_pdf_keeps_what_customers_need(external):
    text = all_text(external)
    titles = outline_titles(external)
    assert any(t.endswith("Root causes") for t in titles)
    assert not any("Participants" in t or "Lessons" in t or "Tree 1" in t for t in titles)
    assert "No team owns reviewing query and schema changes" in text  # a root cause
    assert "Add the missing index and return orders-db to its usual size" in text  # a follow-up
    assert "Run the test suite's queries" not in text  # follow-up details stay internal
    assert EXTERNAL_LABEL in text


def test_internal_pdf_names_everyone(example):
    reader = PdfReader(io.BytesIO(pdf_bytes(example.review, example.blobs)))
    text = all_text(reader)
    for person in example.review.people.values():
        assert person.name in text


def test_scrubbing_replaces_names_links_and_addresses_with_teams():
    review = Review(
        meta=ReviewMeta(
            title="Outage", summary="Mei Lin paged Jonas; see https://x.example/a and mail a@b.io",
            authors="Mei Lin and the SRE team",
        )
    )  # fmt: skip
    review.people["a"] = Person("a", "Mei Lin", team="DevOps")
    review.people["b"] = Person("b", "Jonas Berg", team="Backend (payments)")
    review.events["e"] = TimelineEvent(
        "e", None, text="Mei restarted it", author="mei  lin", kind="action"
    )
    review.events["f"] = TimelineEvent("f", None, text="", author="DevOps", kind="action")
    review.events["g"] = TimelineEvent("g", None, text="", author="Somebody Else", kind="action")
    out = apply_profile(review, "external")
    assert out.meta.summary == (
        f"A member of the DevOps team paged a member of the Backend (payments) team; "
        f"see {LINK} and mail {EMAIL}"
    )
    assert out.meta.authors == "A member of the DevOps team and the SRE team"
    assert out.events["e"].text == "A member of the DevOps team restarted it"
    assert [out.events[k].author for k in "efg"] == ["DevOps", "DevOps", ""]
    assert out.people == {} and out.evidence == {} and out.blobs == {}
    assert review.meta.summary.startswith("Mei Lin")  # the original is untouched


def test_internal_profile_is_a_full_copy(example):
    out = apply_profile(example.review, "internal")
    assert out is not example.review
    assert out.counts() == example.review.counts()


def test_an_empty_confidentiality_label_becomes_the_external_label():
    review = Review(meta=ReviewMeta(confidentiality=""))
    assert apply_profile(review, "external").meta.confidentiality == EXTERNAL_LABEL
    review.meta = replace(review.meta, confidentiality="Customer copy")
    assert apply_profile(review, "external").meta.confidentiality == "Customer copy"


def test_unknown_profile_is_a_clear_error():
    with pytest.raises(ExportError, match="unknown export profile 'public'"):
        get_profile("public")
