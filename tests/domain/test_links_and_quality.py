"""Links are recognised offline and only safe ones may open; follow-up completeness has one meaning."""

from __future__ import annotations

import pytest

from pm_desktop.domain.followup_quality import missing_parts
from pm_desktop.domain.links import classify_url, is_safe_url, looks_like_url
from pm_desktop.domain.model import Criterion, FollowUp


@pytest.mark.parametrize(
    ("url", "kind"),
    [
        ("https://acme.slack.com/archives/C024BE91L/p1741770900123456", "chat"),
        ("https://teams.microsoft.com/l/message/19:abc/1700000000", "chat"),
        ("https://acme.atlassian.net/browse/OPS-112", "ticket"),
        ("https://github.com/acme/payments/issues/881", "ticket"),
        ("https://linear.app/acme/issue/PAY-77", "ticket"),
        ("https://acme.zendesk.com/agent/tickets/48213", "ticket"),
        ("https://grafana.acme.internal/d/abc123/checkout", "dashboard"),
        ("https://app.datadoghq.com/dashboard/xyz-123", "dashboard"),
        ("https://acme.sentry.io/issues/4411/", "errors"),
        ("https://acme.pagerduty.com/incidents/Q1W2E3", "paging"),
        ("https://github.com/acme/payments/pull/1290", "code"),
        ("https://docs.google.com/document/d/1AbC/edit", "docs"),
        ("https://status.acme.com/", "web"),
        ("mailto:oncall@acme.com", "email"),
        ("javascript:alert(document.cookie)", "unsafe"),
        ("file:///etc/passwd", "unsafe"),
        ("data:text/html,<script>1</script>", "unsafe"),
        ("https://exa mple.com", "unsafe"),
        ("http://", "unsafe"),
    ],
)
def test_links_are_recognised_by_their_url(url, kind):
    assert classify_url(url).key == kind
    assert is_safe_url(url) == (kind != "unsafe")


def test_only_a_lone_safe_url_counts_as_a_link_paste():
    assert looks_like_url("  https://acme.slack.com/archives/C1/p2  ")
    assert not looks_like_url("see https://acme.slack.com/archives/C1/p2")
    assert not looks_like_url("javascript:alert(1)")


def test_follow_up_completeness():
    bare = FollowUp("f1", "Add an index")
    assert missing_parts(bare) == ["no owner", "no due date", "no acceptance criteria"]
    full = FollowUp(
        "f2",
        "Add an index",
        owner="Jonas",
        due="2025-04-01",
        acceptance_criteria=(Criterion("plan uses it"),),
    )
    assert missing_parts(full) == []
    assert missing_parts(FollowUp("f3", "Won't do", status="dropped")) == []


def test_example_follow_ups_that_miss_a_root_cause_are_told(example_document):
    review = example_document.review
    unlinked = [
        c
        for c in review.followups.values()
        if "not linked to a root cause" in missing_parts(c, review)
    ]
    assert {c.title for c in unlinked} == {
        "Add the missing index and return orders-db to its usual size",
        "Alert on sustained payment latency sooner",
    }
