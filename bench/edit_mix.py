"""A deterministic stream of the edits people make most, for the edit→commit measurement.

The mix, against the review as it is at each step: typing in an event's text (40 %), adding an
event (10 %), rewording a why (15 %), renaming a follow-up (10 %), dragging a card to another
column (15 %; the column is renumbered, so this is a batch of a few hundred row updates on the
large review) and editing the summary (10 %).
"""

from __future__ import annotations

import random
from collections.abc import Iterator

from pm_desktop.domain import ops
from pm_desktop.domain.edits import Edit, set_field, update
from pm_desktop.domain.model import FOLLOWUP_STATUSES, Review

MIX = (
    ("event text", 40),
    ("add event", 10),
    ("why text", 15),
    ("follow-up title", 10),
    ("move card", 15),
    ("summary", 10),
)


def edits(review: Review, count: int, seed: int = 11) -> Iterator[tuple[str, Edit]]:
    """``count`` (kind, edit) pairs; each is built from the review as it is when asked for."""
    rng = random.Random(seed)
    kinds = [k for k, _ in MIX]
    weights = [w for _, w in MIX]
    event_ids = sorted(review.events)
    why_ids = sorted(review.whys)
    card_ids = sorted(review.followups)
    for i in range(count):
        kind = rng.choices(kinds, weights)[0]
        if kind == "event text" or (kind == "why text" and not why_ids):
            event = review.events[rng.choice(event_ids)]
            yield "event text", update(event, text=f"{event.text[:60]} (checked {i})")
        elif kind == "add event":
            base = review.events[rng.choice(event_ids)]
            yield kind, ops.add_event(review, base.time, f"Note added during the review {i}")
        elif kind == "why text":
            node = review.whys[rng.choice(why_ids)]
            yield kind, update(node, text=f"{node.text[:60]} [{i}]")
        elif kind == "follow-up title" and card_ids:
            card = review.followups[rng.choice(card_ids)]
            yield kind, update(card, title=f"{card.title[:50]} ({i})")
        elif kind == "move card" and card_ids:
            card = review.followups[rng.choice(card_ids)]
            target = rng.choice([s for s in FOLLOWUP_STATUSES if s != card.status])
            yield kind, ops.move_followup(review, card.id, target, rng.randint(0, 5))
        else:
            yield "summary", set_field(review, "summary", f"Summary, revision {i}.")
