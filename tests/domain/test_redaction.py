"""The redaction engine on its own: names in every form, references by shape, secrets always."""

from __future__ import annotations

from dataclasses import replace

import pytest

from pm_desktop.domain.customer_version import customer_check, customer_review, target_month
from pm_desktop.domain.model import (
    Person,
    RedactedSpan,
    Review,
    ReviewMeta,
    TimelineEvent,
    WhyNode,
)
from pm_desktop.domain.redaction import Place, Redactor, fold, redacted_review


@pytest.fixture
def review() -> Review:
    r = Review(meta=ReviewMeta(title="Outage"))
    r.people["a"] = Person("a", "Amara Okafor", "Incident lead, manager", "Engineering")
    r.people["m"] = Person("m", "Mei Lin", "DevOps on-call", "DevOps", handles=("@mlin",))
    r.people["j"] = Person("j", "Jonas Berg", "Backend engineer", "Backend (payments)")
    r.people["t"] = Person("t", "Tomás Herrera", "", "Sales")
    r.people["w"] = Person("w", "王芳", "Support lead", "Support")
    r.people["x"] = Person("x", "Will Hope", "", "")
    return r


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("amara okafor paged MEI LIN", "The incident lead paged the DevOps on-call engineer"),
        ("owned by amara", "owned by the incident lead"),
        ("Jonas-Berg fixed it", "The backend engineer fixed it"),
        ("Dr. Okafor agreed", "The incident lead agreed"),
        ("then J. Berg wrote it", "then the backend engineer wrote it"),
        ("Berg, Jonas wrote it", "The backend engineer wrote it"),
        ("Toma\u0301s Herrera called", "A member of the Sales team called"),
        ("TOMAS called", "A member of the Sales team called"),
        ("ask @mlin or mlin", "ask the DevOps on-call engineer or the DevOps on-call engineer"),
        ("Mei / Mei Lin restarted it", "The DevOps on-call engineer restarted it"),
        ("客服由王芳负责。", "客服由the support lead负责。"),
        ("Meier is not Mei", "Meier is not the DevOps on-call engineer"),
        ("we will hope for the best", "we will hope for the best"),
        ("Will Hope said so", "A team member said so"),
    ],
)
def test_people_are_found_in_every_form_and_replaced_once(review, text, expected):
    assert Redactor(review, external=True).text(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("see grafana.example-corp.com/d/abc.", "see [internal link]."),
        ("at https://x.example-corp.com/a?b=1, then", "at [internal link], then"),
        ("from 10.0.3.12.", "from [internal address]."),
        ("peer fe80::1ff:fe23:4567:890a down", "peer [internal address] down"),
        ("in \\\\fs01\\share\\logs now", "in [internal path] now"),
        ("read /var/log/app/x.log", "read [internal path]"),
        ("PAY-1291 in #inc-payments", "[internal ticket] in [internal channel]"),
        ("mail ops@example-corp.com", "mail [e-mail address]"),
        ("host pay-db-03 and web-01", "host [internal host] and [internal host]"),
        ("This SEV2 hit us", "This major-severity hit us"),
    ],
)
def test_internal_references_go_by_shape(review, text, expected):
    assert Redactor(review, external=True).text(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "UTF-8 and ISO-8601 on x86-64, at 09:15:00 and/or 24/7, see RFC-7231 and CVE-2024-1234",
        "p95 above 5 s; 31 % failed; top-10 merchants",
        "config.yaml and main.py changed",
    ],
)
def test_ordinary_text_is_left_alone(review, text):
    assert Redactor(review, external=True).text(text) == text


def test_a_public_domain_stays(review):
    review.meta = replace(review.meta, public_domains=("status.example.com",))
    red = Redactor(review, external=True)
    assert red.text("see https://status.example.com/x") == "see https://status.example.com/x"
    assert red.text("see status.example.com/incidents/1") == "see status.example.com/incidents/1"
    assert red.text("see intranet.example.com") == "see [internal link]"


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("password=hunter2 done", "password=[redacted] done"),
        ("api_key: 'abc def'", "api_key: [redacted]"),
        ("Authorization: Bearer abcdefghijklmnop1234", "Authorization: Bearer [redacted]"),
        ("key AKIAIOSFODNN7EXAMPLE", "key [redacted]"),
        ("t eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.abcdefghij x", "t [redacted] x"),
        ("-----BEGIN PRIVATE KEY-----\nabc\n-----END PRIVATE KEY-----", "[redacted]"),
        ("db postgres://app:s3cret@db/x", "db postgres://[redacted]@db/x"),
    ],
)
def test_secrets_go_from_every_profile(review, text, kept):
    assert Redactor(review, external=False).text(text) == kept


def test_text_marked_by_the_user_is_redacted_where_it_applies(review):
    review.events["e"] = TimelineEvent("e", None, text="The vendor Acme failed us", kind="action")
    review.redactions["r"] = RedactedSpan("r", "Acme", "events", "e", "text")
    internal = redacted_review(review)
    assert internal.events["e"].text == "The vendor [redacted] failed us"
    red = Redactor(review, external=False)
    assert red.text("Acme elsewhere", Place("review", "", "summary")) == "Acme elsewhere"
    review.redactions["r"] = RedactedSpan("r", "ACME")
    assert Redactor(review, external=False).text("acme anywhere") == "[redacted] anywhere"


def test_the_customer_version_keeps_only_confirmed_causes_and_no_notes(review):
    review.events["n"] = TimelineEvent("n", None, text="Review assigned to Amara", kind="note")
    review.events["o"] = TimelineEvent("o", None, text="Amara paged", kind="action")
    review.whys["r"] = WhyNode("r", None, "Problem")
    review.whys["c"] = WhyNode("c", "r", "Known cause", True, "confirmed")
    review.whys["g"] = WhyNode("g", "r", "A guess", True, "possible")
    out = customer_review(review)
    assert list(out.events) == ["o"] and out.events["o"].text == "The incident lead paged"
    assert list(out.whys) == ["c"]
    assert out.people == {} and out.evidence == {}


def test_the_check_lists_removals_and_doubtful_words(review):
    review.meta = replace(
        review.meta, summary="Mei Lin saw PAY-12 from Contoso on orders-db; card 4111111111111111"
    )
    found = customer_check(review)
    by_text = {f.text: f for f in found}
    assert by_text["Mei Lin"].action == "replaced"
    assert by_text["PAY-12"].action == "removed"
    assert by_text["Contoso"].action == "suspicious"
    assert by_text["4111111111111111"].category == "number like an account"
    assert by_text["orders-db"].category == "maybe a host or service name"
    assert by_text["Mei Lin"].place == Place("review", "", "summary")
    assert by_text["Mei Lin"].to_dict()["where"] == {"kind": "review", "id": "", "field": "summary"}


def test_folding_ignores_case_accents_and_unicode_form():
    assert fold("TOMÁS") == fold("Toma\u0301s") == "tomas"
    assert fold("ΝΊΚΟΣ") == fold("νικος")


def test_target_month():
    assert target_month("2025-04-18") == "April 2025"
    assert target_month("") == ""
