"""What a follow-up still lacks before it can be acted on.

One definition, used by the board's quality hints, the review coach and the PDF, so they never
disagree about what "complete" means.
"""

from __future__ import annotations

from .model import FollowUp, Review

MISSING_OWNER = "no owner"
MISSING_DUE = "no due date"
MISSING_CRITERIA = "no acceptance criteria"
MISSING_ROOT_CAUSE = "not linked to a root cause"


def missing_parts(card: FollowUp, review: Review | None = None) -> list[str]:
    """The parts a follow-up lacks, in a fixed order. Dropped cards lack nothing."""
    if card.status == "dropped":
        return []
    missing = []
    if not card.owner.strip():
        missing.append(MISSING_OWNER)
    if not card.due:
        missing.append(MISSING_DUE)
    if not any(c.text.strip() for c in card.acceptance_criteria):
        missing.append(MISSING_CRITERIA)
    if review is not None and not any(
        (node := review.whys.get(w)) is not None and node.root_cause for w in card.why_ids
    ):
        missing.append(MISSING_ROOT_CAUSE)
    return missing
