"""Each coach rule fires on its own example and stays quiet on a near miss."""

from __future__ import annotations

import pytest

from pm_desktop.domain.coach import CONTEXTS, text_findings

PEOPLE = ("Dana Whitfield", "Priya Natarajan", "Jonas Berg", "Tomás Herrera", "Will Jordan")


def rules(text: str, context: str = "text", people=PEOPLE) -> list[str]:
    return [f.rule for f in text_findings(text, people=people, context=context)]


# ------------------------------------------------------------------------------ blame


@pytest.mark.parametrize(
    ("text", "near_miss"),
    [
        ("Dana forgot to rotate the signing key.", "Dana rotated the signing key."),
        ("Jonas broke the checkout build.", "Jonas broke the work into three tickets."),
        ("Priya ignored the second page.", "Priya acknowledged the second page."),
        ("Tomás missed the warning in the log.", "Tomás found the warning in the log."),
        ("Dana failed to check the replica lag.", "The job failed to check the replica lag."),
        ("It was a mistake by Jonas.", "Jonas found a mistake in the config."),
        ("The outage was Priya's fault.", "Priya's fix ended the outage."),
        ("Root cause: human error.", "Root cause: the error budget ran out."),
        ("The outage was caused by Dana's deploy.", "The outage was caused by a bad deploy."),
        ("Jonas's change took down the API.", "Jonas's change brought the API back."),
        ("Dana caused the outage.", "Dana took over the incident."),
    ],
)
def test_blame_fires_on_a_person_as_the_cause_and_not_on_a_near_miss(text, near_miss):
    assert rules(text, "event") == ["blame"]
    assert rules(near_miss, "event") == []


def test_neutral_sentences_about_people_stay_quiet():
    for text in (
        "Dana began investigating the queue",
        "Priya noticed the spike and paged on-call",
        "Jonas rolled back the release",
    ):
        assert rules(text, "event") == [], text


def test_failures_of_systems_and_processes_stay_quiet():
    for text in (
        "The deploy pipeline failed to run the migration check",
        "The alert fired late",
        "Kafka failed to rebalance after the restart",
        "Payments broke when the cache expired",
        "Postgres ignored the statement timeout",
        "On Monday the scheduler forgot in-flight jobs",
        "Monday's deploy broke checkout",
        "The March release caused a spike in 502s",
    ):
        assert rules(text, "why") == [], text


def test_a_participant_is_always_a_person_even_with_a_word_for_a_name():
    # "Will" is an English word and not a given name the coach knows; as a participant it is a
    # person, while the lower-case auxiliary is not.
    assert rules("Will broke the build.", "event") == ["blame"]
    assert rules("Will broke the build.", "event", people=()) == []
    assert rules("The migration will break the build.", "event") == []


@pytest.mark.parametrize(
    "text",
    [
        "Zoë forgot to renew the certificate.",
        "Łukasz broke the staging cluster.",
        "The failover was botched by Tomás.",
        "It was entirely Zoë’s fault.",  # curly apostrophe
        "The typo was Andrés' mistake.",  # possessive with a bare apostrophe
        "Because Kwabena ignored the capacity alert, the queue filled up.",  # unknown name
    ],
)
def test_unicode_names_and_possessives_are_people(text):
    assert rules(text, "why") == ["blame"]


def test_decomposed_accents_still_match_a_participant():
    decomposed = "Toma\u0301s forgot the rollback plan."
    assert rules(decomposed, "event") == ["blame"]


def test_unknown_capitalised_words_only_count_before_human_only_verbs():
    assert rules("Helios failed to start after the upgrade.", "why") == []
    assert rules("After the upgrade Helios forgot the lease.", "why") == ["blame"]
    # at the start of a sentence, a plural-looking word is more likely a thing than a name
    assert rules("Deploys ignored the lock during the freeze.", "why") == []
    assert rules("Fatima failed to check the lag.", "why") == ["blame"]  # a common given name


def test_roles_and_pronouns_count_as_people():
    assert rules("The intern deleted the wrong bucket.", "why") == ["blame"]
    assert rules("She forgot to post the status update.", "why") == ["blame"]
    assert rules("Someone on the team messed up the Helm values.", "why") == ["blame"]
    assert rules("The on-call engineer acknowledged the alert.", "event") == []


def test_person_with_should_have_is_reported_once_as_blame():
    found = text_findings("Jonas should have checked the plan.", people=PEOPLE, context="why")
    assert [(f.rule, f.text) for f in found] == [("blame", "Jonas should have checked")]
    assert "hindsight" in found[0].message


def test_judging_word_inside_blame_is_not_reported_twice():
    assert rules("Dana carelessly forgot the key.", "why") == ["blame"]
    assert rules("Dana was careless with the key.", "why") == ["blame"]
    assert rules("The key rotation was careless.", "why") == ["normative"]


# ------------------------------------------------------------------------------ counterfactual


@pytest.mark.parametrize(
    ("text", "near_miss"),
    [
        ("The canary should have caught it.", "The canary should catch it next time."),
        ("We could have rolled back sooner.", "We could not have known about the outage."),
        ("A test would have caught this.", "A cache would not have helped here."),
        ("If the job had run, the index would exist.", "If the job has a timeout, it stops."),
        ("Every service should've had an owner.", "Every service should have an owner."),
        ("It would have been caught in staging.", "It could have been much worse."),
    ],
)
def test_counterfactual_fires_on_hindsight_and_not_on_plain_modals(text, near_miss):
    assert rules(text, "why") == ["counterfactual"]
    assert rules(near_miss, "why") == []


def test_counterfactuals_are_info_and_suggest_a_rewrite():
    (found,) = text_findings("The canary should have caught it.", context="why")
    assert found.severity == "info"
    assert found.suggestion.startswith("State what happened")


# ------------------------------------------------------------------------------ normative


@pytest.mark.parametrize(
    ("text", "near_miss"),
    [
        ("The release process was sloppy.", "The release process had no rollback step."),
        ("Obviously the timeout was too low.", "The timeout was not obvious from the dashboard."),
        ("The fix was simply to restart the pod.", "The fix simplified the retry logic."),
        ("Leaving debug logging on was negligent.", "Debug logging stayed on for two days."),
        ("It was a rookie mistake.", "Careful analysis of the logs showed two failures."),
        ("The errors were clearly visible at 09:05.", "Label the dashboards clearly."),
    ],
)
def test_normative_fires_on_judging_words_and_not_on_a_near_miss(text, near_miss):
    assert rules(text) == ["normative"]
    assert rules(near_miss) == []


def test_judgements_of_people_warn_and_easy_words_inform():
    (sloppy,) = text_findings("The review was sloppy.")
    (obviously,) = text_findings("Obviously the review missed it.")
    assert (sloppy.severity, obviously.severity) == ("warning", "info")


# ------------------------------------------------------------------------------ vague follow-ups


@pytest.mark.parametrize(
    ("text", "near_miss"),
    [
        ("Be more careful with config", "Validate config files in CI before release"),
        ("Make sure this never happens again", "Make sure the canary runs before every release"),
        ("Prevent this from happening again", "Add a breaker to prevent this from happening again"),
        ("Improve monitoring", "Add an alert on p95 > 2 s for 3 min, owned by DevOps, by 25 March"),
        ("Investigate the connection pool", "Investigate pool sizing and write a proposal"),
        ("Look into the queue backlog", "Look into the queue backlog by 4 April"),
        ("Raise awareness of the deploy freeze", "Block deploys during the freeze in the pipeline"),
        ("Remind the team to check dashboards", "Link the dashboard from the deploy message"),
        ("Communicate better with support", "Post updates in #support-incidents every 30 min"),
        ("Try harder next time", "Try the new failover script in the next game day"),
    ],
)
def test_vague_followup_fires_on_effort_and_wishes_and_not_on_a_specific_action(text, near_miss):
    assert rules(text, "followup") == ["vague_followup"]
    assert rules(near_miss, "followup") == []


def test_investigation_wording_is_only_checked_in_followup_titles():
    assert rules("Dana began investigating the queue", "event") == []
    assert rules("Investigate the queue", "text") == []
    assert rules("Investigate the queue", "followup") == ["vague_followup"]


def test_effort_phrases_are_history_in_events():
    assert rules("Amara reminded the team to hold deploys.", "event") == []
    assert rules("Remind the team to hold deploys.", "text") == ["vague_followup"]


def test_improve_is_quiet_when_the_same_sentence_is_measurable():
    assert rules("Improve alerting: page at 80 % disk instead of 95 %.") == []
    assert rules("Improve alerting. Page at 80 % disk instead of 95 %.") == ["vague_followup"]


# ------------------------------------------------------------------------------ the API itself


def test_findings_carry_span_text_message_and_suggestion():
    text = "Summary: Dana forgot to renew the certificate."
    (found,) = text_findings(text, people=PEOPLE, context="why")
    assert text[found.start : found.end] == found.text == "Dana forgot"
    assert found.span == (9, 20)
    assert found.message.endswith(".") and found.suggestion


def test_every_finding_span_points_at_its_text():
    text = (
        "Obviously Dana forgot. We should have paused. Improve monitoring! "
        "Zoë’s mistake. Be more careful."
    )
    found = text_findings(text, people=("Zoë Laurent",), context="text")
    assert len(found) >= 5
    for f in found:
        assert text[f.start : f.end] == f.text


def test_unknown_context_is_refused_clearly():
    with pytest.raises(ValueError, match="unknown coach context"):
        text_findings("x", context="timeline")
    assert set(CONTEXTS) == {"text", "event", "why", "followup"}


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   \n\t",
        "<img src=/etc/passwd>",
        "x<y && y>z",
        "Привет, база данных упала в 09:15",
        "数据库在高峰期超时",
        "😀🔥💥 the deploy 💥",
        "'" * 50,
        "Dana's's's fault's",
    ],
)
def test_hostile_and_foreign_text_gives_no_false_alarm(text):
    assert rules(text) == []
