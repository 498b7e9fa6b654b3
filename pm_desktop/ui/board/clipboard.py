"""Cards to and from the clipboard (and drags): text people can paste anywhere, a JSON payload
that pastes back as copies, and plain text that becomes new cards (one per line).

The payload and the text reading live Qt-free in :mod:`pm_desktop.ingest.clip_cards`; here are
the QMimeData glue and the card as readable text.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from PySide6.QtCore import QMimeData

from pm_desktop.domain.edits import Batch
from pm_desktop.domain.model import FOLLOWUP_STATUS_LABELS, FollowUp, Review
from pm_desktop.export.csv_export import criteria_checklist, linked_causes
from pm_desktop.ingest.clip_cards import (
    CARDS_JSON_MIME,
    MAX_PASTED_CARDS,
    TITLE_LIMIT,
    cards_from_payload,
    cards_from_text,
    cards_payload,
    clean_line,
)

__all__ = [
    "CARDS_JSON_MIME",
    "CARD_MIME",
    "MAX_PASTED_CARDS",
    "TITLE_LIMIT",
    "card_text",
    "cards_from_text",
    "cards_mime",
    "clean_line",
    "paste_edit",
]

CARD_MIME = "application/x-pm-desktop-followup-ids"


def card_text(card: FollowUp, review: Review) -> str:
    """A card as plain text: what a person pastes into chat, a ticket or an e-mail."""
    facts = [f"Status: {FOLLOWUP_STATUS_LABELS.get(card.status, card.status)}"]
    facts.append(f"Owner: {card.owner.strip()}" if card.owner.strip() else "Owner: (none)")
    facts.append(f"Due: {card.due}" if card.due else "Due: (no date)")
    if card.priority:
        facts.append(f"Priority: {card.priority.capitalize()}")
    if card.type:
        facts.append(f"Type: {card.type.capitalize()}")
    lines = [" ".join(card.title.split()), " · ".join(facts)]
    if card.description.strip():
        lines += ["", card.description.strip()]
    checklist = criteria_checklist(card)
    if checklist:
        lines += ["", "Acceptance criteria:", checklist]
    causes = linked_causes(card, review)
    if causes:
        lines += ["", "Addresses:", *(f"- {c}" for c in causes)]
    if card.url.strip():
        lines += ["", f"Link: {card.url.strip()}"]
    return "\n".join(lines)


def cards_mime(review: Review, ids: Sequence[str], *, with_ids: bool) -> QMimeData:
    """Mime data for cards: text for anywhere, JSON for pasting copies, ids for moving."""
    cards = [review.followups[i] for i in ids if i in review.followups]
    mime = QMimeData()
    mime.setText("\n\n".join(card_text(c, review) for c in cards))
    mime.setData(CARDS_JSON_MIME, cards_payload(cards))
    if with_ids:
        mime.setData(CARD_MIME, json.dumps([c.id for c in cards]).encode("utf-8"))
    return mime


def paste_edit(review: Review, mime: QMimeData) -> tuple[Batch | None, str]:
    """What a paste on the board does: copies of copied cards, else one card per text line."""
    if mime.hasFormat(CARDS_JSON_MIME):
        return cards_from_payload(review, bytes(mime.data(CARDS_JSON_MIME).data()))
    if mime.hasText():
        return cards_from_text(review, mime.text())
    return None, ""
