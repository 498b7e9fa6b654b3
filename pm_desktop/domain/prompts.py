"""What a new review asks for in each field: hints shown in grey, never stored as content.

Reviews made before this module stored the template's instructions as the fields' text, so an
untouched review exported its instructions as its summary. :func:`forget_template_prompts` turns
that exact old text back into an empty field when a review is loaded.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from .model import Review, WhyNode

# The hint for each review field; the overview shows it in an empty editor.
HINTS: dict[str, str] = {
    "summary": "In three or four sentences: what happened, what users saw, what stopped it, and "
    "what we are changing. Someone who missed the incident should understand it from this "
    "paragraph alone.",
    "impact": "Who was affected (customers, internal teams, partners), how many or how much "
    "(requests, payments, tickets, revenue), for how long (start and end, with the time zone), "
    "and what was not affected.",
    "lessons_went_well": "What helped: signals that caught the problem, people who spotted it, "
    "tools and runbooks that worked, decisions that shortened the outage.",
    "lessons_went_wrong": "Where the system or the process let us down: late or missing alerts, "
    "unclear ownership, slow escalation, gaps in testing or review. Describe conditions, not "
    "people.",
    "lessons_got_lucky": "What limited the damage by chance rather than by design: the time of "
    "day, who happened to be online, traffic that was lower than usual.",
    "trigger": "What set the incident off: a release, a traffic peak, a changed setting, a "
    "failing supplier. The trigger is when it started; the root causes are why it could.",
    "detection": "How we found out: which alert, customer report or person noticed, when, and "
    "how long after the impact began.",
    "response": "What we did once we knew: who was called in, what was tried, how customers and "
    "colleagues were kept informed.",
    "recovery": "How the service came back: the fix or workaround, when users felt relief, and "
    "what was left to do afterwards.",
}
# Fields whose hint older templates stored as text (the later fields never had stored prompts).
TEMPLATE_FIELDS: tuple[str, ...] = (
    "summary", "impact", "lessons_went_well", "lessons_went_wrong", "lessons_got_lucky",
)  # fmt: skip

# The hint for a problem statement (a why node without a parent).
PROBLEM_HINT = (
    "Problem statement: what failed, for whom, and between which times? "
    "One factual sentence, no names."
)

# The exact texts older templates stored as content; a field holding one of them is untouched.
OLD_FIELD_PROMPTS: dict[str, frozenset[str]] = {
    field: frozenset({HINTS[field]}) for field in TEMPLATE_FIELDS
}
OLD_PROBLEM_PROMPTS: frozenset[str] = frozenset({PROBLEM_HINT})


def is_old_prompt(field: str, value: str) -> bool:
    """Whether ``value`` is the instruction text an older template stored in ``field``."""
    return value.strip() in OLD_FIELD_PROMPTS.get(field, frozenset())


def is_untouched(field: str, value: str) -> bool:
    """A field is untouched when it holds only blanks or an older template's instructions."""
    return not value.strip() or is_old_prompt(field, value)


def forget_template_prompts(review: Review) -> bool:
    """Empty every field (and problem statement) that still holds an older template's text.

    Changes ``review`` in place and says whether anything changed. Only the exact old text
    counts: a prompt the user edited, even slightly, is the user's text.
    """
    changed = False
    cleared: dict[str, Any] = {
        field: ""
        for field in OLD_FIELD_PROMPTS
        if is_old_prompt(field, getattr(review.meta, field, ""))
    }
    if cleared:
        review.meta = replace(review.meta, **cleared)
        changed = True
    for node in list(review.whys.values()):
        if node.parent_id is None and node.text.strip() in OLD_PROBLEM_PROMPTS:
            review.whys[node.id] = _emptied(node)
            changed = True
    return changed


def _emptied(node: WhyNode) -> WhyNode:
    return replace(node, text="")
