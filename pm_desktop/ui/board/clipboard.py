"""Cards to and from the clipboard (and drags): text people can paste anywhere, a JSON payload
that pastes back as copies, and plain text that becomes new cards (one per line).

Pasting is forgiving about what people copy — bullet lists, checklists, numbered lists — and
strict about what reaches the review: control characters are dropped, over-long lines keep their
full text in the description, and a huge paste is refused with a message instead of flooding
the board.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import replace

from PySide6.QtCore import QMimeData

from pm_desktop.domain.edits import AddEntity, Batch
from pm_desktop.domain.model import (
    FOLLOWUP_STATUS_LABELS,
    FOLLOWUP_STATUSES,
    FOLLOWUP_TYPES,
    PRIORITIES,
    Criterion,
    FollowUp,
    Review,
    new_id,
)
from pm_desktop.domain.timeutil import is_valid_date
from pm_desktop.export.csv_export import criteria_checklist, linked_causes

CARD_MIME = "application/x-pm-desktop-followup-ids"
CARDS_JSON_MIME = "application/x-pm-desktop-followups+json"

MAX_PASTED_CARDS = 500
TITLE_LIMIT = 300  # longer pasted lines keep their whole text in the description

_BULLET = re.compile(r"^\s*(?:[-*•+‣◦▪]\s+|\d{1,3}[.)]\s+|\[[ xX]?\]\s*)+")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\ud800-\udfff]")


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


def _card_payload(card: FollowUp) -> dict:
    return {
        "title": card.title,
        "description": card.description,
        "acceptance_criteria": [[c.text, c.done] for c in card.acceptance_criteria],
        "owner": card.owner,
        "due": card.due,
        "status": card.status,
        "priority": card.priority,
        "type": card.type,
        "why_ids": list(card.why_ids),
        "url": card.url,
    }


def cards_mime(review: Review, ids: Sequence[str], *, with_ids: bool) -> QMimeData:
    """Mime data for cards: text for anywhere, JSON for pasting copies, ids for moving."""
    cards = [review.followups[i] for i in ids if i in review.followups]
    mime = QMimeData()
    mime.setText("\n\n".join(card_text(c, review) for c in cards))
    payload = json.dumps({"followups": [_card_payload(c) for c in cards]}, ensure_ascii=False)
    mime.setData(CARDS_JSON_MIME, payload.encode("utf-8"))
    if with_ids:
        mime.setData(CARD_MIME, json.dumps([c.id for c in cards]).encode("utf-8"))
    return mime


def clean_line(line: str) -> str:
    """A pasted line without bullets, checkboxes, control characters or extra spaces."""
    line = _CONTROL.sub(" ", line.replace("\t", " "))
    return " ".join(_BULLET.sub("", line).split())


def _title_and_rest(line: str) -> tuple[str, str]:
    if len(line) <= TITLE_LIMIT:
        return line, ""
    cut = line.rfind(" ", 0, TITLE_LIMIT)
    cut = cut if cut > TITLE_LIMIT // 2 else TITLE_LIMIT
    return line[:cut].rstrip() + "…", line


def _appended(review: Review, cards: Sequence[FollowUp], label: str) -> Batch:
    """Add ``cards`` at the end of their columns, in order, as one undo step."""
    next_seq = {s: len(review.sorted_followups(s)) for s in FOLLOWUP_STATUSES}
    edits = []
    for card in cards:
        edits.append(AddEntity(replace(card, seq=next_seq[card.status])))
        next_seq[card.status] += 1
    return Batch(tuple(edits), label)


def cards_from_text(review: Review, text: str, status: str = "todo") -> tuple[Batch | None, str]:
    """One new card per non-empty line, in ``status``, as one undoable edit.

    Returns ``(edit, "")`` or ``(None, message)`` when nothing sensible can be made of ``text``.
    """
    if status not in FOLLOWUP_STATUSES:
        status = "todo"
    lines = [clean_line(raw) for raw in (text or "").splitlines()]
    lines = [line for line in lines if line]
    if not lines:
        return None, "Nothing to paste: the text has no line with words in it."
    if len(lines) > MAX_PASTED_CARDS:
        return None, (
            f"That text has {len(lines):,} lines; the board takes at most "
            f"{MAX_PASTED_CARDS} new cards at a time. Paste a shorter list."
        )
    cards = []
    for line in lines:
        title, rest = _title_and_rest(line)
        cards.append(FollowUp(id=new_id(), title=title, description=rest, status=status))
    noun = "follow-up" if len(cards) == 1 else f"{len(cards)} follow-ups"
    return _appended(review, cards, f"Paste {noun}"), ""


def _payload_card(item: object, review: Review) -> FollowUp | None:
    """A copy of a card from the JSON payload (new id, references that still exist)."""
    if not isinstance(item, dict):
        return None

    def text(key: str, limit: int = 100_000) -> str:
        value = item.get(key, "")
        return _CONTROL.sub(" ", value)[:limit] if isinstance(value, str) else ""

    title = " ".join(text("title", 10_000).split())
    if not title:
        return None
    criteria = []
    for entry in item.get("acceptance_criteria") or []:
        if isinstance(entry, list) and len(entry) == 2 and isinstance(entry[0], str):
            criteria.append(
                Criterion(" ".join(_CONTROL.sub(" ", entry[0]).split()), entry[1] is True)
            )
    status = text("status")
    priority = text("priority")
    kind = text("type")
    due = text("due")
    whys = item.get("why_ids") or []
    return FollowUp(
        id=new_id(),
        title=title,
        description=text("description"),
        acceptance_criteria=tuple(c for c in criteria if c.text),
        owner=" ".join(text("owner", 500).split()),
        due=due if is_valid_date(due) else "",
        status=status if status in FOLLOWUP_STATUSES else "todo",
        priority=priority if priority in PRIORITIES else "",
        type=kind if kind in FOLLOWUP_TYPES else "",
        why_ids=tuple(w for w in whys if isinstance(w, str) and w in review.whys),
        url=text("url", 8192).strip(),
    )


def cards_from_payload(review: Review, raw: bytes) -> tuple[Batch | None, str]:
    """Copies of cards copied from a board (this review or another one)."""
    try:
        data = json.loads(raw.decode("utf-8"))
        items = data["followups"] if isinstance(data, dict) else None
    except (ValueError, UnicodeDecodeError, KeyError):
        items = None
    if not isinstance(items, list):
        return None, "The copied cards could not be read; nothing was pasted."
    cards = [c for c in (_payload_card(i, review) for i in items[:MAX_PASTED_CARDS]) if c]
    if not cards:
        return None, "The copied cards had no titles; nothing was pasted."
    noun = "follow-up" if len(cards) == 1 else f"{len(cards)} follow-ups"
    return _appended(review, cards, f"Paste {noun}"), ""


def paste_edit(review: Review, mime: QMimeData) -> tuple[Batch | None, str]:
    """What a paste on the board does: copies of copied cards, else one card per text line."""
    if mime.hasFormat(CARDS_JSON_MIME):
        return cards_from_payload(review, bytes(mime.data(CARDS_JSON_MIME).data()))
    if mime.hasText():
        return cards_from_text(review, mime.text())
    return None, ""
