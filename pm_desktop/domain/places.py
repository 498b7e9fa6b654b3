"""Where a text lives in a review, for the redaction engine and the editors that mark text.

A module of its own so an editor can name its place without loading the engine's patterns
(:mod:`.redaction` compiles them at import), which only the first marked span or export needs.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Place:
    """Where a text lives: ``kind`` is review, people, events, evidence, whys or followups."""

    kind: str
    id: str
    field: str
