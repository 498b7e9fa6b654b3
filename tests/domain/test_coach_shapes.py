"""The sentence shapes of issue #23: each fires on its example and stays quiet on a near miss
that a careful facilitator would let stand. Examples are our own, not from the labelled set."""

from __future__ import annotations

import pytest

from pm_desktop.domain.coach import text_findings
from pm_desktop.domain.coach.shapes import (
    BLAME_BOTHER,
    BLAME_GROUP,
    BLAME_HARM,
    BLAME_JUDGED_WORK,
    VAGUE_GENERIC,
)

PEOPLE = ("Dana Whitfield", "Priya Natarajan", "Jonas Berg")


def found(text: str, context: str = "why") -> list[tuple[str, str]]:
    return [(f.rule, f.text) for f in text_findings(text, people=PEOPLE, context=context)]


def rules(text: str, context: str = "why") -> list[str]:
    return [rule for rule, _ in found(text, context)]


@pytest.mark.parametrize(
    ("text", "near_miss"),
    [
        (
            "Because Dana restored the old dump over the live orders table.",
            "Dana restored the old dump into a scratch schema to compare rows.",
        ),
        (
            "The trainee pointed the reindex job at the primary instead of the replica.",
            "The trainee pointed the reindex job at the replica.",
        ),
        (
            "Jonas inadvertently flushed every session key.",
            "Jonas flushed every session key after the leak was confirmed.",
        ),
        (
            "Priya switched off the rate limiter without asking the payments team.",
            "Priya switched off the rate limiter on the load-test tenant.",
        ),
        (
            "Because an engineer ran the purge against production.",
            "An engineer ran the purge against production as the runbook says.",
        ),
        ("Dana misrouted the webhook traffic.", "Dana rerouted the webhook traffic."),
        ("Jonas wiped the staging bucket's only backup.", "Jonas listed the staging bucket."),
        ("Priya let the signing key expire.", "Priya let the signing key rotate on schedule."),
        (
            "Dana truncated the audit table during the test.",
            "Dana truncated the scratch table during the test.",
        ),
        (
            "The admin silenced the replication alert.",
            "The admin tuned the replication alert.",
        ),
    ],
)
def test_a_person_doing_harm_is_blame_without_a_judging_verb(text, near_miss):
    assert rules(text) == ["blame"], found(text)
    assert rules(near_miss) == [], found(near_miss)


@pytest.mark.parametrize(
    ("text", "near_miss"),
    [
        ("The trigger was Dana's unreviewed config push.", "The fix was Dana's config push."),
        ("It came down to the trainee's sloppy cleanup.", "The trainee's cleanup freed 40 GB."),
        ("Root cause: Jonas's hasty rollback.", "Jonas's early rollback saved the queue."),
        ("Priya's bad query locked the table.", "Priya's bad feeling turned out right."),
    ],
)
def test_possessive_judged_work_is_blame_and_credit_is_not(text, near_miss):
    assert rules(text, "text") == ["blame"], found(text, "text")
    assert rules(near_miss, "text") == [], found(near_miss, "text")


@pytest.mark.parametrize(
    ("text", "near_miss"),
    [
        ("Support did not escalate quickly enough.", "Support escalated within six minutes."),
        ("The storage team was too slow to act.", "The storage failover was too slow to act."),
        ("The backend folks reacted way too late.", "The backend workers reacted to the lag."),
        ("QA failed to check the mobile build.", "The pipeline failed to check the build."),
        ("Management ignored the capacity request.", "Management approved the request."),
    ],
)
def test_a_team_judged_on_speed_or_care_is_blame(text, near_miss):
    assert rules(text) == ["blame"], found(text)
    assert rules(near_miss) == [], found(near_miss)


def test_the_on_call_rotation_is_people_but_a_key_rotation_is_not():
    assert rules("The pager rotation did not take the page seriously.") == ["blame"]
    assert rules("The key rotation was careless.") == ["normative"]


@pytest.mark.parametrize(
    ("text", "near_miss"),
    [
        ("Nobody bothered to read the release notes.", "Nobody bothered the on-call at night."),
        ("The team could not be bothered with a dry run.", "The team could not be reached."),
        ("No one in platform cared to look.", "No one in platform was paged."),
    ],
)
def test_not_bothering_is_blame_whoever_the_subject(text, near_miss):
    assert rules(text) == ["blame"], found(text)
    assert rules(near_miss) == [], found(near_miss)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Had the lock been taken, the jobs would not have collided.", ["counterfactual"]),
        ("The queue would never have filled with a bounded retry.", ["counterfactual"]),
        (
            "Had Jonas waited for the canary, users would not have noticed.",
            ["blame", "counterfactual"],
        ),
        ("A bigger disk would not have helped: the leak was unbounded.", []),
        ("The team had no dashboard for the queue.", []),
        ("Were we to lose the region, traffic would move in a minute.", []),
    ],
)
def test_inverted_and_negated_conditionals(text, expected):
    assert sorted(set(rules(text))) == expected, found(text)


@pytest.mark.parametrize(
    ("title", "specific"),
    [
        ("Fix the queue", "Fix the queue consumer so it acks after the write"),
        ("Revisit alerting", "Revisit alerting and page at 90 % disk"),
        ("Dig into the slowness", "Dig into the slowness and report back by Friday"),
        ("Clean up the alerts and fix the dashboards", "Delete the 12 alerts nobody owns"),
        ("Sort out the failover", "Rehearse the failover every quarter"),
        (
            "Take a closer look at the load balancer",
            "Move the load balancer health check to /ready",
        ),
    ],
)
def test_generic_verb_on_generic_object_is_a_vague_followup(title, specific):
    assert rules(title, "followup") == ["vague_followup"], found(title, "followup")
    assert rules(specific, "followup") == [], found(specific, "followup")


def test_generic_takeaways_after_a_label_in_a_longer_text():
    assert rules("Next steps: fix the cache and revisit the alerts.", "text") == ["vague_followup"]
    assert rules("Next steps: fix the cache key so tenants never share entries.", "text") == []
    assert rules("We had to fix the cache during the incident.", "text") == []


def test_each_new_finding_keeps_its_explanation_and_rewrite():
    cases = {
        "Jonas inadvertently flushed every session key.": BLAME_HARM,
        "Root cause: Jonas's hasty rollback.": BLAME_JUDGED_WORK,
        "Support did not escalate quickly enough.": BLAME_GROUP,
        "Nobody bothered to read the release notes.": BLAME_BOTHER,
    }
    for text, advice in cases.items():
        (finding,) = text_findings(text, people=PEOPLE, context="text")
        assert (finding.message, finding.suggestion, finding.severity) == (
            advice.message,
            advice.suggestion,
            advice.severity,
        )
        assert text[finding.start : finding.end] == finding.text
    (vague,) = text_findings("Fix the cache", context="followup")
    assert (vague.message, vague.suggestion) == (VAGUE_GENERIC.message, VAGUE_GENERIC.suggestion)


@pytest.mark.parametrize(
    "text",
    [
        "Priya disabled the noisy alert for one hour while the fix rolled out.",
        "At 10:05 Dana wiped the cache to clear the poisoned entries.",
        "Dana removed the bad node from the pool.",
        "Jonas dropped the stale replication slot, which freed 200 GB.",
        "Jonas committed the fix to the public status repository.",
        "Dana took the old cluster offline at 04:00 as planned.",
        "Dana ran the failover script against the production cluster, per the runbook.",
    ],
)
def test_meant_and_harmless_actions_of_people_stay_quiet(text):
    assert rules(text, "event") == [], found(text, "event")


def test_a_role_owning_the_work_is_a_person():
    assert rules("Because the intern's script used the wrong region.") == ["blame"]
    assert rules("Because the billing script used the wrong region.") == []


def test_an_investigation_that_ends_in_a_concrete_step_is_not_vague():
    assert rules("Review and merge the retry patch", "followup") == []
    assert rules("Review the retry patch", "followup") == ["vague_followup"]


@pytest.mark.parametrize(
    "text",
    [
        "Jonas killed the runaway query.",
        "Priya revoked the compromised token.",
        "Dana removed the replica from the load balancer.",
        "Priya dropped the connection pool size from 50 to 20.",
        "Jonas took the primary offline for maintenance.",
        "Dana rolled back the deploy instead of waiting for the hotfix.",
        "Priya pushed the fix straight to production with approval from the incident lead.",
    ],
)
def test_mitigation_steps_on_the_timeline_are_history_not_harm(text):
    assert rules(text, "event") == [], found(text, "event")


def test_the_same_destructive_step_given_as_a_cause_is_blame():
    assert rules("Because Jonas removed the replica from the load balancer.", "why") == ["blame"]
    assert rules("Jonas removed the replica from the load balancer.", "event") == []
