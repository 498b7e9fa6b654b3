"""Helpers shared by the timeline tests (tests/ui/timeline is on sys.path)."""

from __future__ import annotations


def event_id(review, text_start: str) -> str:
    """The id of the event whose text starts with ``text_start``."""
    found = [e.id for e in review.events.values() if e.text.startswith(text_start)]
    assert len(found) == 1, text_start
    return found[0]


def column(model, name: str) -> int:
    from pm_desktop.ui.timeline.model import COLUMNS

    return COLUMNS.index(name)


def shown(model, name: str, role=None) -> list:
    from PySide6.QtCore import Qt

    col = column(model, name)
    role = Qt.ItemDataRole.DisplayRole if role is None else role
    return [model.index(r, col).data(role) for r in range(model.rowCount())]
