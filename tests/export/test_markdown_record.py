"""The Markdown export (and the HTML, Confluence and Word exports built from it) says what the
PDF says: the executive summary first, how the incident unfolded, communications, the action
table, the review meeting and the revision history; the customer version leaves out the same."""

from __future__ import annotations

import pytest
from test_markdown_export import check_tables, export

from pm_desktop.domain.model import Review
from pm_desktop.ingest.builtin import load_example


@pytest.fixture(scope="module")
def shipped():
    return load_example()


@pytest.fixture
def internal(tmp_path, shipped) -> str:
    return export(tmp_path, shipped.review, shipped.blobs, images=False)


def section(text: str, heading: str) -> str:
    start = text.index(f"\n{heading}\n")
    end = text.find("\n## ", start + 1)
    return text[start : end if end != -1 else len(text)]


def test_the_executive_summary_comes_before_the_contents(internal):
    assert internal.index("## Executive summary") < internal.index("**Contents**")
    summary = section(internal, "## Executive summary")
    for expected in (
        "| When | Wednesday 12 March 2025, 09:02 to 11:00 UTC: 1 h 58 min (resolved) |",
        "| Severity | SEV2 — Major: significant degradation for many customers |",
        "| Trigger | The first morning peak after Monday's release",
        "• Our pull-request checklist has no step for database impact",
        "| Fixes | 1 of 6 done · next due 2025-03-21: Name an owning team",
        "| **TTD** Time to detect | 13 min |",
    ):
        assert expected in summary, expected
    assert internal.count("Time to acknowledge") == 1  # the metrics are shown once
    check_tables(internal)


def test_the_new_sections_hold_their_content(internal, shipped):
    summary = section(internal, "## Summary and impact")
    assert "**Services affected:** Checkout, card payments" in summary
    assert "### Trigger\n\nThe first morning peak" in summary
    assert "**Detection:** A latency alert on checkout-api" in summary
    talks = section(internal, "## Communications")
    assert "| When (UTC) | From | What was said, and to whom |" in talks
    assert "| 2025-03-12 09:31 | Tomás Herrera | Sales relays" in talks
    followups = section(internal, "## Follow-ups")
    assert followups.index("### Action items") < followups.index("### To do (3)")
    assert "| Follow-up | Owner | Due | Priority | Status | Ticket |" in followups
    assert "PAY-1290" in followups
    people = section(internal, "## Participants")
    assert "### The review meeting\n\nHeld on Thursday 13 March 2025" in people
    assert "**Attendees:** Amara Okafor, Mei Lin" in people
    history = section(internal, "## Revision history")
    assert "| 2025-03-13 15:40 | Status set to “In review” |" in history
    assert "| 2025-03-14 16:05 | Last changed |" in history


def test_the_customer_version_leaves_out_the_same_as_the_pdf(tmp_path, shipped):
    text = export(tmp_path, shipped.review, shipped.blobs, profile="external")
    assert "| Severity | Major: significant degradation for many customers |" in text
    assert "next due March 2025" in text
    for gone in ("Attendees", "Action items", "PAY-1290", "Amara", "Okafor", "Tomás"):
        assert gone not in text, gone
    assert "## Communications" in text and "## Revision history" in text


def test_an_empty_review_says_what_is_missing(tmp_path):
    text = export(tmp_path, Review(), {})
    for expected in (
        "| What happened | *No summary written yet.* |",
        "| When | No timed events yet: start and end not recorded. |",
        "| Fixes | No follow-ups yet. |",
        "*No communication is recorded in the timeline.*",
        "**Detection:** *not described yet.*",
    ):
        assert expected in text, expected
