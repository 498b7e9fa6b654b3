"""The review coach: offline checks for blame, hindsight, vague follow-ups and gaps in a review.

Severities (two levels, see :mod:`.rules`):

- ``"warning"`` — likely to hurt the review: blame, judging words about people, vague
  takeaways, a follow-up without owner/date/criteria, a missing impact, detection, resolution
  or root cause.
- ``"info"`` — worth a second look, often fine once reread: hindsight phrases, words like
  "obviously", a follow-up not linked to a root cause, a missing summary or lessons.

Modules: the rules are data in :mod:`.rules` (patterns, messages, the checklist),
:mod:`.shapes` (sentence shapes: harm done by a person, judged work, teams judged, "nobody
bothered", generic follow-ups) and :mod:`.lexicon` (word lists); :mod:`.subjects` decides whether
a sentence's subject is a person, a group of people or neither; :mod:`.matching` applies the rules
to one text (:func:`text_findings`) with :mod:`.clauses` for the shapes; :mod:`.review_checks`
places them on a review's items and builds the checklist; :mod:`.prefilter` only makes the
patterns faster. Pure Python: no Qt, no storage.

Wiring: editors call :func:`text_findings` while typing (with the participants' names and the
context of the field), markers on timeline rows, why nodes and cards use :func:`findings_for`,
the overview uses :func:`completeness`, and "Ignore for this item" appends ``Finding.key`` to
``review.meta.coach_ignored`` through the ordinary edit path (``edits.set_field``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .findings import ChecklistItem, Finding, TextFinding
from .rules import RULE_LABELS, RULES, SEVERITIES

if TYPE_CHECKING:
    from .matching import CONTEXTS, text_findings
    from .review_checks import (
        EventFacts,
        completeness,
        event_facts,
        findings_for,
        review_findings,
        review_level,
    )

# The checks compile their patterns when their module is imported (tens of milliseconds); a
# window that shows the coach's labels and checklist items imports this package at start-up and
# runs the first check only after it has painted, so the checks load on first use.
_LAZY = {
    "CONTEXTS": "matching",
    "text_findings": "matching",
    "completeness": "review_checks",
    "EventFacts": "review_checks",
    "event_facts": "review_checks",
    "review_level": "review_checks",
    "findings_for": "review_checks",
    "review_findings": "review_checks",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from importlib import import_module

    value = getattr(import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value

__all__ = [
    "CONTEXTS",
    "RULES",
    "RULE_LABELS",
    "SEVERITIES",
    "ChecklistItem",
    "EventFacts",
    "Finding",
    "TextFinding",
    "completeness",
    "event_facts",
    "findings_for",
    "review_findings",
    "review_level",
    "text_findings",
]
