"""The values the coach hands out: findings in text, findings in a review, checklist items."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class TextFinding:
    """A finding inside one piece of text, for live markers in an editor.

    ``span`` is ``(start, end)`` in the text that was checked (Python string offsets).
    """

    rule: str
    span: tuple[int, int]
    text: str
    message: str
    suggestion: str
    severity: str

    @property
    def start(self) -> int:
        return self.span[0]

    @property
    def end(self) -> int:
        return self.span[1]


@dataclass(frozen=True, slots=True)
class Finding:
    """A finding in a review, placed on the item and field it was found in.

    ``key`` is stable while the matched text is unchanged; the review stores the keys a user chose
    to ignore in ``review.meta.coach_ignored``.
    """

    rule: str
    severity: str
    where_kind: str  # "review" | "event" | "why" | "followup"
    where_id: str | None
    field: str
    text: str
    message: str
    suggestion: str
    key: str
    span: tuple[int, int] | None = None  # where ``text`` sits in the field, for text rules

    def to_dict(self) -> dict[str, Any]:
        """The ``check --json`` shape of DESIGN.md, plus ``field`` and ``key``."""
        return {
            "rule": self.rule,
            "severity": self.severity,
            "where": {"kind": self.where_kind, "id": self.where_id},
            "text": self.text,
            "message": self.message,
            "suggestion": self.suggestion,
            "field": self.field,
            "key": self.key,
        }


@dataclass(frozen=True, slots=True)
class ChecklistItem:
    """One line of the overview's checklist. ``hint`` says what to do while it is not done."""

    key: str
    label: str
    done: bool
    hint: str
    severity: str


def finding_key(rule: str, where_kind: str, where_id: str | None, field: str, text: str) -> str:
    """``rule:kind:id:hash`` — the hash covers the field and the matched text, so editing the
    sentence brings an ignored finding back, and the same words elsewhere are not ignored."""
    digest = hashlib.sha256(f"{field}\x00{text}".encode("utf-8", "surrogatepass")).hexdigest()
    return f"{rule}:{where_kind}:{where_id or ''}:{digest[:12]}"
