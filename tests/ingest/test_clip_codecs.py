"""The clipboard codecs in ingest: copies carry every field of their entity and paste back as
the same values; damaged copies are left out, never trusted."""

from __future__ import annotations

import json
from dataclasses import replace

from pm_desktop.domain.model import Criterion, FollowUp, Review, TimelineEvent, WhyNode
from pm_desktop.ingest.clip_cards import cards_from_payload, cards_payload
from pm_desktop.ingest.clip_events import events_payload, read_events_payload


def test_copied_events_keep_every_field_but_id_and_order():
    event = TimelineEvent(
        "e1", "2025-03-12T09:15:00Z", "Europe/Berlin", "Alert fires", "detected", "Mei", True, 7,
        turning_point=True, open_question="Why late?", source="slack:#inc-payments",
    )  # fmt: skip
    entries, reason = read_events_payload(events_payload([event]))
    assert reason == ""
    assert entries == [
        {
            "time": "2025-03-12T09:15:00Z",
            "tz": "Europe/Berlin",
            "text": "Alert fires",
            "kind": "detected",
            "author": "Mei",
            "approximate": True,
            "turning_point": True,
            "open_question": "Why late?",
            "source": "slack:#inc-payments",
        }
    ]


def test_damaged_copied_events_are_counted_and_left_out():
    raw = json.dumps(
        [
            {"time": "yesterday", "text": "bad time"},
            {"kind": "panic", "text": "bad kind"},
            {"tz": "Mars/Olympus", "text": "bad zone"},
            {"author": "x" * 500, "text": "long author"},
            {"approximate": "yes", "text": "bad flag"},
            7,
            {"time": None, "text": "fine"},
        ]
    ).encode()
    entries, reason = read_events_payload(raw)
    assert [e["text"] for e in entries] == ["fine"]
    assert entries[0]["kind"] == "note" and entries[0]["tz"] == "UTC"
    assert reason == "6 copied events were damaged and left out"


def test_garbage_instead_of_copied_events_is_one_reason():
    assert read_events_payload(b"\xff\xfe not json") == ([], "the copied events could not be read")
    assert read_events_payload(b'{"events": []}') == ([], "the copied events could not be read")


def test_copied_cards_paste_back_with_every_field_and_new_ids():
    review = Review()
    review.whys["w1"] = WhyNode("w1", None, "Pool exhausted")
    card = FollowUp(
        "f1", "Alert on pool use", "Page at 80%", (Criterion("fires", True), Criterion("doc")),
        "Ana", "2025-04-01", "doing", "high", "prevent", ("w1",), "https://t.example/1", 9, 4,
    )  # fmt: skip
    edit, message = cards_from_payload(review, cards_payload([card]))
    assert message == "" and edit is not None
    (pasted,) = [e.entity for e in edit.edits if hasattr(e, "entity")]
    # A pasted card is a new card: its own id, the end of its column, the review's next number.
    assert pasted.id != card.id and pasted.seq == 0 and pasted.number == 1
    assert replace(pasted, id=card.id, seq=card.seq, number=card.number) == card


def test_copied_cards_lose_links_to_whys_the_review_does_not_have():
    card = FollowUp("f1", "Fix it", why_ids=("gone",))
    edit, _ = cards_from_payload(Review(), cards_payload([card]))
    assert edit is not None and edit.edits[0].entity.why_ids == ()


def test_a_copied_branch_keeps_contributing_factors_and_every_other_field():
    from pm_desktop.ingest import clip_whys

    review = Review()
    review.whys["w1"] = WhyNode("w1", None, "Checkout failed")
    review.whys["w2"] = WhyNode(
        "w2", "w1", "Pool exhausted", True, "confirmed", "capacity", (), 0, contributing=True
    )
    edit = clip_whys.paste_branch_json(review, None, clip_whys.branch_to_json(review, "w1"))
    root, child = (e.entity for e in edit.edits)
    assert child.parent_id == root.id and root.parent_id is None
    assert replace(child, id="w2", parent_id="w1") == review.whys["w2"]
