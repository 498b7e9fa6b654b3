"""Follow-up numbers: given on add, never given twice, undone with the add, kept by files."""

from __future__ import annotations

from dataclasses import replace

from pm_desktop.domain import ops
from pm_desktop.domain.card_numbers import give_identity, highest_number
from pm_desktop.domain.facilitation import park, parked_to_followups
from pm_desktop.domain.model import FollowUp, Review, WhyNode
from pm_desktop.ingest.clip_cards import cards_from_text


def _add(review: Review, title: str) -> FollowUp:
    edit = ops.add_followup(review, title)
    edit.apply(review)
    return review.followups[edit.edits[0].entity.id]


def test_cards_are_numbered_in_the_order_they_are_added():
    review = Review()
    numbers = [_add(review, f"Card {i}").number for i in range(3)]
    assert numbers == [1, 2, 3]
    assert review.meta.last_followup_number == "3"


def test_a_deleted_cards_number_is_not_given_again():
    review = Review()
    _add(review, "One")
    newest = _add(review, "Two")
    ops.delete_followups(review, [newest.id]).apply(review)
    assert highest_number(review) == 2
    assert _add(review, "Three").number == 3


def test_undoing_an_add_gives_the_number_back_with_the_card():
    review = Review()
    _add(review, "One")
    edit = ops.add_followup(review, "Two")
    edit.apply(review)
    edit.inverse().apply(review)
    assert review.meta.last_followup_number == "1" and len(review.followups) == 1
    assert _add(review, "Two again").number == 2


def test_every_way_of_adding_cards_numbers_them():
    review = Review()
    review.whys["w1"] = WhyNode("w1", None, "Checkout failed", root_cause=True)
    ops.create_followup_from_why(review, "w1").apply(review)
    edit, _ = cards_from_text(review, "Add a canary\nAlert on pool use")
    assert edit is not None
    edit.apply(review)
    park(review, "Rotate the keys").apply(review)
    parked_to_followups(review).apply(review)
    numbers = sorted(card.number for card in review.followups.values())
    assert numbers == [1, 2, 3, 4]
    assert review.meta.last_followup_number == "4"


def test_a_new_file_gets_an_id_and_numbers_for_cards_without_one_or_with_a_taken_one():
    review = Review()
    for card_id, number, seq in (("a", 0, 0), ("b", 5, 1), ("c", 5, 2), ("d", 0, 3)):
        review.followups[card_id] = FollowUp(card_id, card_id.upper(), seq=seq, number=number)
    give_identity(review)
    numbers = {card_id: card.number for card_id, card in review.followups.items()}
    assert numbers["b"] == 5 and sorted(numbers.values()) == [5, 6, 7, 8]
    assert review.meta.last_followup_number == "8" and len(review.meta.review_id) == 36
    again = replace(review.meta)
    give_identity(review)
    assert review.meta == again  # nothing changes a second time
