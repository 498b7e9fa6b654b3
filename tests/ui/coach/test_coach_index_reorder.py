"""Moving cards renumbers whole columns; the coach index checks again only what was reworded,
and its findings stay exactly the coach's findings for the review."""

from __future__ import annotations


def test_a_move_checks_no_renumbered_card_again_and_findings_stay_right(poor_controller):
    from pm_desktop.domain.coach import review_findings
    from pm_desktop.domain.edits import update
    from pm_desktop.domain.ops import move_followup
    from pm_desktop.ui.coach import coach_index

    ctl = poor_controller
    index = coach_index(ctl)
    index.flush()
    checked: list[tuple[str, str]] = []
    original = index._check

    def counting(kind: str, item_id: str) -> None:
        checked.append((kind, item_id))
        original(kind, item_id)

    index._check = counting  # type: ignore[method-assign]
    cards = ctl.review.sorted_followups()
    assert len(cards) >= 3
    moved = cards[-1]
    ctl.push(move_followup(ctl.review, moved.id, moved.status, 0))  # to the top of its column
    index.flush()
    assert checked == []  # only positions changed
    assert index.findings() == review_findings(ctl.review)

    card = ctl.review.followups[cards[0].id]
    ctl.push(update(card, title="Someone should have been more careful"))
    index.flush()
    assert ("followup", card.id) in checked
    assert index.findings() == review_findings(ctl.review)
