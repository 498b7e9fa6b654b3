"""The coach on whole reviews: the example, a deliberately poor review, the template and ignores."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from pm_desktop.domain.coach import (
    RULES,
    completeness,
    findings_for,
    review_findings,
)
from pm_desktop.domain.coach.rules import CHECKLIST, TEMPLATE_PROMPTS
from pm_desktop.domain.model import Review, TimelineEvent
from pm_desktop.ingest.builtin import load_builtin, load_example, resource_root
from pm_desktop.ingest.json_import import parse_review_bytes

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
DESIGN_KEYS = {"rule", "severity", "where", "text", "message", "suggestion"}


@pytest.fixture(scope="module")
def example() -> Review:
    return load_example().review


@pytest.fixture(scope="module")
def poor() -> Review:
    return parse_review_bytes((FIXTURES / "poor-review.json").read_bytes()).review


def by_rule(findings) -> dict[str, list]:
    out: dict[str, list] = {}
    for f in findings:
        out.setdefault(f.rule, []).append(f)
    return out


# ------------------------------------------------------------------------------ the example


def test_example_review_has_no_blame_and_only_a_gentle_note(example):
    findings = review_findings(example)
    assert not [f for f in findings if f.rule in ("blame", "normative", "vague_followup")]
    # The latency-alert card addresses detection, not a root cause: worth a look, not a warning.
    assert [(f.rule, f.field, f.severity) for f in findings] == [
        ("followup_incomplete", "why_ids", "info")
    ]
    assert findings[0].text == "Alert on sustained payment latency sooner"


def test_example_review_ticks_every_checklist_item(example):
    items = completeness(example)
    assert [i.key for i in items] == [r.key for r in CHECKLIST]
    assert all(i.done for i in items), [i.label for i in items if not i.done]


# ------------------------------------------------------------------------------ the poor review


def test_poor_review_gets_useful_findings_of_every_rule(poor):
    found = by_rule(review_findings(poor))
    assert set(found) == set(RULES)
    blamed = {(f.where_kind, f.text) for f in found["blame"]}
    assert ("event", "Dana ignored") in blamed
    assert ("why", "Human error") in blamed
    assert ("why", "Dana was careless") in blamed
    # the judging word inside "Dana was careless" is covered by the blame finding
    assert all(f.text != "careless" for f in found["normative"])
    assert {f.text for f in found["vague_followup"]} >= {
        "be more careful",
        "Be more careful",
        "Improve monitoring",
        "Look into config validation",
    }
    missing = {(f.text, f.field) for f in found["followup_incomplete"]}
    assert ("Be more careful with config changes", "owner") in missing
    assert ("Improve monitoring", "why_ids") in missing
    gaps = {f.field for f in found["review_incomplete"]}
    assert {"impact", "detected", "resolved", "functions", "followups"} <= gaps


def test_poor_review_root_cause_without_follow_up_is_marked_on_its_why_node(poor):
    (gap,) = [f for f in review_findings(poor) if f.field == "followups"]
    assert gap.where_kind == "why"
    assert poor.whys[gap.where_id].root_cause
    assert gap in findings_for(poor, "why", gap.where_id)


def test_findings_are_sorted_review_first_then_items_in_display_order(poor):
    findings = review_findings(poor)
    kinds = [f.where_kind for f in findings]
    order = {"review": 0, "event": 1, "why": 2, "followup": 3}
    assert kinds == sorted(kinds, key=order.__getitem__)
    event_order = [e.id for e in poor.sorted_events()]
    seen = [f.where_id for f in findings if f.where_kind == "event"]
    assert seen == sorted(seen, key=event_order.index)


def test_to_dict_has_exactly_the_design_keys_plus_field_and_key(poor):
    for f in review_findings(poor):
        d = f.to_dict()
        assert DESIGN_KEYS <= set(d) <= DESIGN_KEYS | {"field", "key"}
        assert set(d["where"]) == {"kind", "id"}
        assert d["severity"] in ("warning", "info")
        json.dumps(d)


def test_findings_for_an_item_are_that_items_share_of_the_review(poor):
    everything = review_findings(poor)
    items = [("review", None)]
    items += [("event", i) for i in poor.events]
    items += [("why", i) for i in poor.whys]
    items += [("followup", i) for i in poor.followups]
    collected = []
    for kind, item_id in items:
        collected += findings_for(poor, kind, item_id)
    assert sorted(collected, key=lambda f: f.key) == sorted(everything, key=lambda f: f.key)
    assert findings_for(poor, "event", "no-such-id") == []
    with pytest.raises(ValueError, match="unknown item kind"):
        findings_for(poor, "evidence", "x")


# ------------------------------------------------------------------------------ ignoring


def test_ignored_findings_are_left_out_unless_asked_for(poor):
    before = review_findings(poor)
    target = next(f for f in before if f.rule == "blame" and f.where_kind == "event")
    quiet = poor.copy()
    quiet.meta = replace(poor.meta, coach_ignored=(target.key,))
    after = review_findings(quiet)
    assert target not in after and len(after) == len(before) - 1
    assert target in review_findings(quiet, include_ignored=True)
    assert target not in findings_for(quiet, "event", target.where_id)


def test_keys_follow_the_matched_text_and_the_item():
    review = Review()
    for i, text in enumerate(["Dana forgot the key.", "Dana forgot the key."]):
        review.events[f"e{i}"] = TimelineEvent(f"e{i}", None, text=text, seq=i)
    a, b = review_findings(review, include_ignored=True)[-2:]
    assert a.key != b.key  # same words, different event
    review.events["e0"] = replace(review.events["e0"], text="Dana forgot the key again.")
    again = findings_for(review, "event", "e0")[0]
    assert again.key == a.key  # same matched span "Dana forgot"
    review.events["e0"] = replace(review.events["e0"], text="Dana ignored the key.")
    assert findings_for(review, "event", "e0")[0].key != a.key


# ------------------------------------------------------------------------------ completeness


def test_empty_review_lists_every_gap_with_a_hint():
    items = {i.key: i for i in completeness(Review())}
    assert not items["impact"].done and "who was affected" in items["impact"].hint.lower()
    assert not items["root_cause"].done and not items["root_followups"].done
    assert all(i.hint and i.label for i in items.values())


def test_one_team_only_is_called_out(poor):
    functions = next(i for i in completeness(poor) if i.key == "functions")
    assert not functions.done and functions.severity == "info"


def test_root_cause_covered_only_by_a_dropped_follow_up_still_needs_one(example):
    review = example.copy()
    root = next(w for w in review.root_causes() if review.followups_for_why(w.id))
    for card in review.followups_for_why(root.id):
        review.followups[card.id] = replace(card, status="dropped")
    item = next(i for i in completeness(review) if i.key == "root_followups")
    assert not item.done and item.hint.startswith("1 root cause without a follow-up")


# ------------------------------------------------------------------------------ the template


def test_template_loads_as_a_fresh_draft_with_an_empty_problem_statement():
    review = load_builtin("templates/standard.json").review
    assert (review.meta.title, review.meta.status, review.meta.display_tz) == (
        "Untitled review",
        "draft",
        "UTC",
    )
    (root,) = review.why_roots()
    assert root.text == "" and not root.root_cause
    assert not review.events and not review.people and not review.followups


def test_template_stores_no_prompt_and_its_fields_count_as_unwritten():
    review = load_builtin("templates/standard.json").review
    for field in TEMPLATE_PROMPTS:
        assert getattr(review.meta, field) == "", field
    findings = review_findings(review)
    # the prompts themselves never trip a language rule; every gap is reported
    assert {f.rule for f in findings} == {"review_incomplete"}
    gaps = {f.field for f in findings}
    assert {"summary", "impact", "lessons", "root_cause"} <= gaps


def test_an_old_template_prompt_still_counts_as_unwritten():
    review = load_builtin("templates/standard.json").review
    review.meta = replace(review.meta, **TEMPLATE_PROMPTS)
    gaps = {f.field for f in review_findings(review)}
    assert {"summary", "impact", "lessons"} <= gaps


def test_a_written_field_replaces_the_prompt():
    review = load_builtin("templates/standard.json").review
    review.meta = replace(review.meta, impact="About 3,000 logins failed for 25 minutes.")
    assert next(i for i in completeness(review) if i.key == "impact").done


# ------------------------------------------------------------------------------ the guide


def test_guide_covers_every_topic_in_scannable_sections():
    text = resource_root().joinpath("guide", "postmortem-guide.md").read_text(encoding="utf-8")
    headings = [line.lstrip("#").strip().lower() for line in text.splitlines() if line[:1] == "#"]
    for topic in (
        "when to hold",
        "capture",
        "timeline",
        "time zones",
        "blameless",
        "5-whys",
        "follow-ups",
        "worked example",
        "response",
        "before the meeting",
        "after the meeting",
    ):
        assert any(topic in h for h in headings), topic
    paragraphs = [
        p for p in text.split("\n\n") if p.strip() and p.lstrip()[:1] not in "#-|0123456789"
    ]
    assert max(len(p) for p in paragraphs) < 500, "keep paragraphs short"
    assert "<" not in text.replace("<=", ""), "plain Markdown, no raw HTML"


def test_guide_rewrites_are_quiet_and_the_originals_are_flagged():
    from pm_desktop.domain.coach import text_findings

    text = resource_root().joinpath("guide", "postmortem-guide.md").read_text(encoding="utf-8")
    rows = [line for line in text.splitlines() if line.startswith('| "')]
    assert len(rows) >= 4
    for row in rows:
        before, after = (cell.strip().strip('"') for cell in row.strip("|").split("|"))
        assert text_findings(before, context="why"), before
        assert not text_findings(after, context="why"), after


def test_ignoring_goes_through_the_edit_path_and_survives_reopening(example_document):
    from pm_desktop.domain.edits import set_field
    from pm_desktop.store.document import Document

    (note,) = review_findings(example_document.review)
    ignored = (*example_document.review.meta.coach_ignored, note.key)
    example_document.apply(set_field(example_document.review, "coach_ignored", ignored))
    assert review_findings(example_document.review) == []
    path = example_document.path
    example_document.close()
    with Document.open(path, read_only=True) as again:
        assert review_findings(again.review) == []
        assert review_findings(again.review, include_ignored=True) == [note]


def test_followup_incomplete_names_each_missing_part_and_is_quiet_on_a_complete_card(example):
    from pm_desktop.domain.model import Criterion, FollowUp

    review = example.copy()
    root = review.root_causes()[0]
    full = FollowUp(
        "card-full",
        "Reject configs without a signing key in CI",
        acceptance_criteria=(Criterion("CI fails on a config without a key"),),
        owner="Jonas Berg",
        due="2025-04-04",
        why_ids=(root.id,),
    )
    review.followups[full.id] = full
    assert findings_for(review, "followup", full.id) == []
    review.followups[full.id] = replace(full, owner=" ")
    (only,) = findings_for(review, "followup", full.id)
    assert (only.rule, only.field, only.severity) == ("followup_incomplete", "owner", "warning")
    review.followups[full.id] = replace(full, owner="", status="done")
    assert findings_for(review, "followup", full.id) == []  # history, nothing to assign


def test_review_incomplete_fires_on_a_removed_detection_and_is_quiet_otherwise(example):
    assert not [f for f in review_findings(example) if f.rule == "review_incomplete"]
    review = example.copy()
    detected = next(e for e in review.events.values() if e.kind == "detected")
    review.events[detected.id] = replace(detected, kind="observation")
    (gap,) = [f for f in review_findings(review) if f.rule == "review_incomplete"]
    assert (gap.where_kind, gap.where_id, gap.field) == ("review", None, "detected")
    assert gap.message.startswith("No event marks the detection")
