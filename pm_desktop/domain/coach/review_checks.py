"""The coach applied to a whole review: text findings placed on their items, follow-up
completeness, and the overview's checklist.

Order of :func:`review_findings`: the review's own fields and checklist first, then timeline events
in time order, why nodes tree by tree, follow-ups in board order. Within an item, fields in the
order an editor shows them, then position in the text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from ..followup_quality import (
    MISSING_CRITERIA,
    MISSING_DUE,
    MISSING_OWNER,
    MISSING_ROOT_CAUSE,
    missing_parts,
)
from ..model import FollowUp, Review, TimelineEvent, WhyNode
from ..prompts import is_untouched
from . import rules as R
from .findings import ChecklistItem, Finding, TextFinding, finding_key
from .matching import participant_tokens, scan

KINDS: tuple[str, ...] = ("review", "event", "why", "followup")
REVIEW_TEXT_FIELDS: tuple[str, ...] = (
    "title",
    "summary",
    "impact",
    "trigger",
    "detection",
    "response",
    "recovery",
    "lessons_went_well",
    "lessons_went_wrong",
    "lessons_got_lucky",
)
_PART_FIELDS = {
    MISSING_OWNER: "owner",
    MISSING_DUE: "due",
    MISSING_CRITERIA: "acceptance_criteria",
    MISSING_ROOT_CAUSE: "why_ids",
}
_MEASURABLE = re.compile(R.SPECIFIC_MARKERS[0] + "|" + "|".join(R.SPECIFIC_MARKERS[1:]), re.I)
_EXCERPT = 160


def _excerpt(text: str) -> str:
    one_line = " ".join(text.split())
    return one_line if len(one_line) <= _EXCERPT else one_line[: _EXCERPT - 1] + "…"


def is_written(review: Review, field: str) -> bool:
    """A field counts as written when it holds more than blanks or the template's prompt."""
    return not is_untouched(field, getattr(review.meta, field, ""))


def _participants(review: Review) -> frozenset[str]:
    return participant_tokens(tuple(p.name for p in review.sorted_people()))


def _from_text(
    found: list[TextFinding], kind: str, item_id: str | None, field: str
) -> Iterator[Finding]:
    for f in found:
        yield Finding(
            rule=f.rule,
            severity=f.severity,
            where_kind=kind,
            where_id=item_id,
            field=field,
            text=f.text,
            message=f.message,
            suggestion=f.suggestion,
            key=finding_key(f.rule, kind, item_id, field, f.text),
            span=f.span,
        )


# ------------------------------------------------------------------------------ per item


def _review_level(
    review: Review, people: frozenset[str], checklist: list[ChecklistItem] | None = None
) -> Iterator[Finding]:
    for field in REVIEW_TEXT_FIELDS:
        if field == "title" or is_written(review, field):
            yield from _from_text(
                scan(getattr(review.meta, field), people, "text"), "review", None, field
            )
    for item in completeness(review) if checklist is None else checklist:
        if item.done or item.key == "root_followups":
            continue  # per root cause, on the why node
        rule = next(r for r in R.CHECKLIST if r.key == item.key)
        yield Finding(
            rule="review_incomplete",
            severity=item.severity,
            where_kind="review",
            where_id=None,
            field=item.key,
            text="",
            message=rule.message,
            suggestion=item.hint,
            key=finding_key("review_incomplete", "review", None, item.key, ""),
        )


def _event(event: TimelineEvent, people: frozenset[str]) -> Iterator[Finding]:
    yield from _from_text(scan(event.text, people, "event"), "event", event.id, "text")


def _covered(review: Review) -> set[str]:
    """Ids of why nodes that at least one follow-up (not dropped) addresses."""
    return {w for f in review.followups.values() if f.status != "dropped" for w in f.why_ids}


def _why(node: WhyNode, people: frozenset[str], covered: set[str]) -> Iterator[Finding]:
    yield from _from_text(scan(node.text, people, "why"), "why", node.id, "text")
    if node.root_cause and node.id not in covered:
        rule = next(r for r in R.CHECKLIST if r.key == "root_followups")
        text = _excerpt(node.text)
        yield Finding(
            rule="review_incomplete",
            severity=rule.severity,
            where_kind="why",
            where_id=node.id,
            field="followups",
            text=text,
            message=rule.message,
            suggestion=rule.hint,
            key=finding_key("review_incomplete", "why", node.id, "followups", text),
        )


def _followup(review: Review, card: FollowUp, people: frozenset[str]) -> Iterator[Finding]:
    active = card.status != "dropped"
    criteria = [c.text for c in card.acceptance_criteria if c.text.strip()]
    measurable = any(_MEASURABLE.search(t) for t in (card.description, *criteria))
    deliverable = bool(criteria) or bool(card.due)
    title_context = "followup" if active else "why"  # dropped cards: language only
    yield from _from_text(
        scan(
            card.title,
            people,
            title_context,
            measurable_elsewhere=measurable,
            deliverable_elsewhere=deliverable,
        ),
        "followup",
        card.id,
        "title",
    )
    body_context = "text" if active else "why"
    yield from _from_text(
        scan(card.description, people, body_context, measurable_elsewhere=measurable),
        "followup",
        card.id,
        "description",
    )
    for i, criterion in enumerate(card.acceptance_criteria):
        yield from _from_text(
            scan(criterion.text, people, body_context),
            "followup",
            card.id,
            f"acceptance_criteria[{i}]",
        )
    if card.status in ("done", "dropped"):
        return  # history: nothing left to assign or schedule
    title = _excerpt(card.title)
    for part in missing_parts(card, review):
        advice = R.FOLLOWUP_PARTS[part]
        field = _PART_FIELDS[part]
        yield Finding(
            rule="followup_incomplete",
            severity=advice.severity,
            where_kind="followup",
            where_id=card.id,
            field=field,
            text=title,
            message=advice.message,
            suggestion=advice.suggestion,
            key=finding_key("followup_incomplete", "followup", card.id, field, part),
        )


# ------------------------------------------------------------------------------ public


def _visible(findings: Iterator[Finding], review: Review, include_ignored: bool) -> list[Finding]:
    if include_ignored:
        return list(findings)
    ignored = set(review.meta.coach_ignored)
    return [f for f in findings if f.key not in ignored]


def review_findings(review: Review, *, include_ignored: bool = False) -> list[Finding]:
    """Every finding in the review, review-level first, then items in display order.

    Findings whose key is in ``review.meta.coach_ignored`` are left out unless
    ``include_ignored``.
    """
    people = _participants(review)

    def all_findings() -> Iterator[Finding]:
        yield from _review_level(review, people)
        for event in review.sorted_events():
            yield from _event(event, people)
        covered = _covered(review)
        for node in review.sorted_whys():
            yield from _why(node, people, covered)
        for card in review.sorted_followups():
            yield from _followup(review, card, people)

    return _visible(all_findings(), review, include_ignored)


def findings_for(
    review: Review, kind: str, item_id: str | None, *, include_ignored: bool = False
) -> list[Finding]:
    """The findings of one item, for markers on timeline rows, why nodes and cards.

    ``kind`` is "event", "why", "followup" or "review" (``item_id`` None). An unknown id gives
    an empty list: the item may have just been deleted.
    """
    if kind not in KINDS:
        raise ValueError(f"unknown item kind {kind!r}; expected one of {KINDS}")
    people = _participants(review)
    if kind == "review":
        found = _review_level(review, people)
    elif kind == "event":
        event = review.events.get(item_id or "")
        found = _event(event, people) if event else iter(())
    elif kind == "why":
        node = review.whys.get(item_id or "")
        found = _why(node, people, _covered(review)) if node else iter(())
    else:
        card = review.followups.get(item_id or "")
        found = _followup(review, card, people) if card else iter(())
    return _visible(found, review, include_ignored)


@dataclass(frozen=True, slots=True)
class EventFacts:
    """All the checklist reads of the timeline: the kinds present, and whether every event
    with a time names its zone. A caller that follows the review edit by edit (the window's
    coach index) keeps these up to date and passes them in, instead of a pass over every event
    at each change."""

    kinds: frozenset[str]
    zoned: bool


def event_facts(review: Review) -> EventFacts:
    kinds: set[str] = set()
    zoned = True
    for e in review.events.values():
        kinds.add(e.kind)
        if zoned and e.time and not e.tz.strip():
            zoned = False
    return EventFacts(frozenset(kinds), zoned)


def review_level(
    review: Review, events: EventFacts | None = None, *, include_ignored: bool = False
) -> tuple[list[Finding], list[ChecklistItem]]:
    """The review-level findings and the checklist, from one checklist pass (what
    ``findings_for(review, "review")`` and :func:`completeness` give separately)."""
    checklist = completeness(review, events)
    found = _review_level(review, _participants(review), checklist)
    return _visible(found, review, include_ignored), checklist


def completeness(review: Review, events: EventFacts | None = None) -> list[ChecklistItem]:
    """The overview's checklist, in the order of :data:`rules.CHECKLIST`; ``events`` are the
    timeline's :func:`event_facts` when the caller has them."""
    facts = event_facts(review) if events is None else events
    kinds, zoned = facts.kinds, facts.zoned
    # Only how many root causes there are, and which, matters here: no tree order needed.
    roots = [w for w in review.whys.values() if w.root_cause]
    covered = _covered(review)
    uncovered = [w for w in roots if w.id not in covered]
    functions = {
        (p.team or p.role).strip().casefold()
        for p in review.people.values()
        if (p.team or p.role).strip()
    }
    lessons = ("lessons_went_well", "lessons_went_wrong", "lessons_got_lucky")
    done = {
        "summary": is_written(review, "summary"),
        "impact": is_written(review, "impact"),
        "trigger": is_written(review, "trigger"),
        "impact_start": "impact_start" in kinds,
        "detected": "detected" in kinds,
        "resolved": "resolved" in kinds,
        # Several contributing factors explain an incident as well as one root cause does.
        "root_cause": bool(roots) or any(w.contributing for w in review.whys.values()),
        "root_followups": bool(roots) and not uncovered,
        "functions": len(functions) >= 2,
        "time_zone": bool(review.meta.display_tz.strip()) and zoned,
        "lessons": any(is_written(review, f) for f in lessons),
    }
    hints = {r.key: r.hint for r in R.CHECKLIST}
    if uncovered:
        n = len(uncovered)
        hints["root_followups"] = (
            f"{n} root cause{'s' if n != 1 else ''} without a follow-up: " + hints["root_followups"]
        )
    return [
        ChecklistItem(r.key, r.label, done[r.key], hints[r.key], r.severity) for r in R.CHECKLIST
    ]
