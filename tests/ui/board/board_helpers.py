"""Small helpers shared by the board tests (importable: tests/ui/board is on sys.path)."""

from __future__ import annotations


def card_id(review, title_start: str) -> str:
    """The id of the example card whose title starts with ``title_start``."""
    matches = [c.id for c in review.followups.values() if c.title.startswith(title_start)]
    assert len(matches) == 1, title_start
    return matches[0]


def column_titles(review, status: str) -> list[str]:
    return [c.title for c in review.sorted_followups(status)]
