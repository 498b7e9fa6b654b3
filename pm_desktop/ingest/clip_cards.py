"""Follow-up cards from the clipboard (Qt-free): copies of cards as JSON, and plain text that
becomes new cards, one per line.

The JSON payload holds each card in its codec's clipboard form (every field but id and order,
see :mod:`pm_desktop.domain.codec`). Pasting is forgiving about what people copy — bullet
lists, checklists, numbered lists, a field with a wrong value — and strict about what reaches
the review: control characters are dropped, over-long lines keep their full text in the
description, references must exist, and a huge paste is refused with a message instead of
flooding the board.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import replace

from pm_desktop.domain.card_numbers import add_cards
from pm_desktop.domain.codec import CLIPBOARD_LEAVES_OUT, TEXT, codec
from pm_desktop.domain.edits import Batch
from pm_desktop.domain.model import (
    FOLLOWUP_STATUSES,
    FOLLOWUP_TYPES,
    PRIORITIES,
    Criterion,
    FollowUp,
    Review,
    new_id,
)
from pm_desktop.domain.timeutil import is_valid_date

from .json_fields import read_fields_leniently

CARDS_JSON_MIME = "application/x-pm-desktop-followups+json"

MAX_PASTED_CARDS = 500
TITLE_LIMIT = 300  # longer pasted lines keep their whole text in the description
TEXT_LIMIT = 100_000

_BULLET = re.compile(r"^\s*(?:[-*•+‣◦▪]\s+|\d{1,3}[.)]\s+|\[[ xX]?\]\s*)+")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\ud800-\udfff]")
_CARDS = codec("followups")
# Pasted values a card may hold only from a fixed list; anything else takes the default.
_CHOICES: dict[str, tuple[str, ...]] = {
    "status": FOLLOWUP_STATUSES,
    "priority": PRIORITIES,
    "type": FOLLOWUP_TYPES,
}


def cards_payload(cards: Sequence[FollowUp]) -> bytes:
    payload = {"followups": [_CARDS.to_clipboard(c) for c in cards]}
    return json.dumps(payload, ensure_ascii=False).encode("utf-8")


def clean_line(line: str) -> str:
    """A pasted line without bullets, checkboxes, control characters or extra spaces."""
    line = _CONTROL.sub(" ", line.replace("\t", " "))
    return " ".join(_BULLET.sub("", line).split())


def _one_line(text: str, limit: int) -> str:
    return " ".join(_CONTROL.sub(" ", text)[:limit].split())


def _title_and_rest(line: str) -> tuple[str, str]:
    if len(line) <= TITLE_LIMIT:
        return line, ""
    cut = line.rfind(" ", 0, TITLE_LIMIT)
    cut = cut if cut > TITLE_LIMIT // 2 else TITLE_LIMIT
    return line[:cut].rstrip() + "…", line


def _appended(review: Review, cards: Sequence[FollowUp], label: str) -> Batch:
    """Add ``cards`` at the end of their columns, in order, as one undo step."""
    next_seq = {s: len(review.sorted_followups(s)) for s in FOLLOWUP_STATUSES}
    placed = []
    for card in cards:
        placed.append(replace(card, seq=next_seq[card.status], number=0))
        next_seq[card.status] += 1
    return add_cards(review, placed, label)


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
    values = read_fields_leniently(_CARDS, item, leave_out=CLIPBOARD_LEAVES_OUT)
    for f in _CARDS.fields:
        if f.kind == TEXT and f.name in values:
            values[f.name] = _CONTROL.sub(" ", values[f.name])[:TEXT_LIMIT]
        if f.name in _CHOICES and values.get(f.name) not in _CHOICES[f.name]:
            values[f.name] = f.fallback
    values["title"] = _one_line(values["title"], 10_000)
    if not values["title"]:
        return None
    values["owner"] = _one_line(values["owner"], 500)
    values["url"] = values["url"][:8192].strip()
    if not is_valid_date(values["due"]):
        values["due"] = ""
    criteria = (
        Criterion(_one_line(c.text, TEXT_LIMIT), c.done) for c in values["acceptance_criteria"]
    )
    values["acceptance_criteria"] = tuple(c for c in criteria if c.text)
    values["why_ids"] = tuple(w for w in values["why_ids"] if w in review.whys)
    return _CARDS.build({**values, "id": new_id()})


def cards_from_payload(review: Review, raw: bytes) -> tuple[Batch | None, str]:
    """Copies of cards copied from a board (this review or another one)."""
    try:
        data = json.loads(raw.decode("utf-8"))
        items = data["followups"] if isinstance(data, dict) else None
    except (ValueError, UnicodeDecodeError, KeyError, RecursionError):
        items = None
    if not isinstance(items, list):
        return None, "The copied cards could not be read; nothing was pasted."
    cards = [c for c in (_payload_card(i, review) for i in items[:MAX_PASTED_CARDS]) if c]
    if not cards:
        return None, "The copied cards had no titles; nothing was pasted."
    noun = "follow-up" if len(cards) == 1 else f"{len(cards)} follow-ups"
    return _appended(review, cards, f"Paste {noun}"), ""
