"""The coach never raises, on random text and random reviews, and copes with huge input."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from review_strategies import reviews

from pm_desktop.domain.coach import (
    CONTEXTS,
    completeness,
    findings_for,
    review_findings,
    text_findings,
)
from pm_desktop.domain.coach.matching import SCANNERS
from pm_desktop.domain.coach.prefilter import lead
from pm_desktop.domain.coach.rules import CHECKLIST

WORDS = st.sampled_from(
    [
        "Dana", "forgot", "should", "have", "had", "if", "the", "Zoë's", "fault", "by", "be",
        "more", "careful", "improve", "monitoring", "Investigate", "’", "'", "-", ".", "\n",
        "human", "error", "obviously", "on-call", "engineer", "Kafka", "failed", "to", "😀",
        "数据库", "Привет", "<b>", "x<y", "\u0301", "made", "a", "mistake", " ",
    ]
)  # fmt: skip
phrases = st.lists(WORDS, max_size=40).map(" ".join)
any_text = st.one_of(st.text(max_size=300), phrases)


@settings(max_examples=300, deadline=None)
@given(any_text, st.sampled_from(CONTEXTS), st.lists(st.text(max_size=20), max_size=3))
def test_text_findings_never_raise_and_spans_point_at_their_text(text, context, people):
    for f in text_findings(text, people=people, context=context):
        assert 0 <= f.start < f.end <= len(text)
        assert text[f.start : f.end] == f.text
        assert f.severity in ("warning", "info")


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(reviews())
def test_review_findings_never_raise_on_random_reviews(drawn):
    review, _blobs = drawn
    findings = review_findings(review, include_ignored=True)
    for f in findings:
        assert f.to_dict()["where"]["kind"] == f.where_kind
    assert len(completeness(review)) == len(CHECKLIST)
    for event_id in review.events:
        findings_for(review, "event", event_id)
    for why_id in review.whys:
        findings_for(review, "why", why_id)
    for card_id in review.followups:
        findings_for(review, "followup", card_id)


def test_a_hundred_thousand_characters_are_checked_without_trouble():
    # No timing here (bench/ measures speed); this proves the patterns finish on big input.
    pasted = {
        "log": "2025-03-12T09:24:51Z ERROR checkout-api failed to authorize order=ord_8F3k2\n",
        "blame": "Dana forgot. ",
        "improve": "improve monitoring and ",
        "conditional": "if the ",
        "modal": "should have been ",
        "names": "Xx Yy Zz ",
        "punctuation": ".,;:!?'’-",
        "harm": "Dana wiped the data ",
        "takeaways": "Next steps: fix the cache, ",
        "judged work": "Dana's bad patch ",
        "group": "the developers were too slow to ",
        "inverted": "had Dana waited ",
    }
    for name, unit in pasted.items():
        text = (unit * (100_000 // len(unit) + 1))[:100_000]
        found = text_findings(text, people=("Dana Whitfield",), context="followup")
        assert all(text[f.start : f.end] == f.text for f in found), name
    assert len(text_findings("Dana forgot. " * 7_700, people=("Dana Whitfield",))) == 7_700


def _plain(pattern: re.Pattern[str]) -> re.Pattern[str]:
    source = pattern.pattern
    if source.startswith("(?=["):
        source = source[source.index("])") + 2 :]
    return re.compile(source, pattern.flags)


def test_every_scanner_got_its_first_character_shortcut():
    assert all(s.plain.pattern.startswith("(?=[") for s in SCANNERS)
    assert all(s.folded.pattern.startswith("(?=[") for s in SCANNERS)


@settings(max_examples=300, deadline=None)
@given(any_text)
def test_matching_the_lower_cased_text_finds_what_ignoring_case_finds(text):
    norm = text.replace("’", "'")
    low = norm.lower()
    if len(low) != len(norm):
        return  # the scanners then run the case-insensitive pattern on the text itself
    for scanner in SCANNERS:
        plain = [m.span() for m in scanner.plain.finditer(norm)]
        assert [m.span() for m in scanner.folded.finditer(low)] == plain, scanner.plain.pattern


@pytest.mark.parametrize(
    "text", ["Dana FORGOT the key.", "NOBODY BOTHERED TO CHECK.", "İstanbul: Dana forgot it."]
)
def test_case_does_not_change_what_the_coach_finds(text):
    assert [f.rule for f in text_findings(text, people=("Dana",))] == ["blame"]


@settings(max_examples=200, deadline=None)
@given(any_text)
def test_first_character_shortcut_never_changes_a_match(text):
    text = text.replace("’", "'")
    for pattern in (s.plain for s in SCANNERS):
        fast = [m.span() for m in pattern.finditer(text)]
        assert fast == [m.span() for m in _plain(pattern).finditer(text)], pattern.pattern[:60]


def test_shortcut_falls_back_to_nothing_when_a_pattern_can_start_anywhere():
    assert lead(r"\w+ forgot") == ""  # a category: no small set of first characters
    assert lead(r"(?:a|)b") == "(?=[ab])"
    assert lead(r"x?") == ""  # can match empty
