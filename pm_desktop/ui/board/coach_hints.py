"""The review coach's notes on how a card is worded (blame, hindsight, vague promises such as
"be more careful"), shown on the card under its completeness hints.

Completeness itself ("no owner"…) comes from :func:`followup_quality.missing_parts`, which the
coach also uses; its ``followup_incomplete`` findings are therefore left out here so a card never
says the same thing twice. Findings the team chose to ignore stay hidden (the coach does that).
"""

from __future__ import annotations

from pm_desktop.domain.coach import RULE_LABELS, findings_for
from pm_desktop.domain.model import Review

COMPLETENESS_RULES = frozenset({"followup_incomplete", "review_incomplete"})
EXCERPT = 60


def wording_hints(review: Review, card_id: str) -> list[str]:
    """One short line per wording finding: ``Vague follow-up: “be more careful”``."""
    out = []
    for finding in findings_for(review, "followup", card_id):
        if finding.rule in COMPLETENESS_RULES:
            continue
        label = RULE_LABELS.get(finding.rule, finding.rule)
        text = " ".join(finding.text.split())
        if len(text) > EXCERPT:
            text = text[: EXCERPT - 1] + "…"
        line = f"{label}: “{text}”" if text else label
        if line not in out:
            out.append(line)
    return out
