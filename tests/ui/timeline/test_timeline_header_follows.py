"""The timeline's header (zone caption with the first and last day, the response metrics)
reads every event; it is recomputed only when an edit changes what it shows, and then it says
exactly what a fresh look at the review says."""

from __future__ import annotations

import pytest

from pm_desktop.domain import ops
from pm_desktop.domain.edits import update


def _count_refreshes(panel, monkeypatch) -> list[int]:
    calls: list[int] = []
    real = panel._refresh_header
    monkeypatch.setattr(panel, "_refresh_header", lambda: calls.append(1) or real())
    return calls


def _header(panel) -> tuple:
    chips = tuple(chip.value_label.text() for chip in panel.metrics.chips.values())
    return panel.zone_switcher.text(), chips, tuple(panel.metrics.problems)


def _same_as_fresh(panel) -> None:
    shown = _header(panel)
    type(panel)._refresh_header(panel)  # the real one, not the counting stand-in
    assert _header(panel) == shown


def _middle(review):
    timed = [e for e in review.sorted_events() if e.time]
    return timed[len(timed) // 2]


def test_rewording_or_a_note_inside_the_timeline_leaves_the_header(panel, controller, monkeypatch):
    calls = _count_refreshes(panel, monkeypatch)
    review = controller.review
    note = next(e for e in review.sorted_events() if e.kind == "note" and e.time)
    controller.push(update(note, text="Reworded"))
    middle = _middle(controller.review)
    controller.push(ops.add_event(controller.review, middle.time, "A note", tz=middle.tz))
    assert calls == []
    _same_as_fresh(panel)


@pytest.mark.parametrize("what", ["milestone", "after the end", "before the start", "new zone"])
def test_what_the_header_shows_refreshes_it(panel, controller, monkeypatch, what):
    calls = _count_refreshes(panel, monkeypatch)
    review = controller.review
    timed = [e for e in review.sorted_events() if e.time]
    middle = _middle(review)
    if what == "milestone":
        edit = ops.add_event(review, middle.time, "Paged", kind="acknowledged", tz=middle.tz)
    elif what == "after the end":
        edit = ops.add_event(review, "2025-03-20T10:00:00Z", "Later", tz=middle.tz)
    elif what == "before the start":
        edit = ops.add_event(review, "2025-03-01T10:00:00Z", "Earlier", tz=middle.tz)
    else:
        edit = ops.add_event(review, middle.time, "From Nepal", tz="Asia/Kathmandu")
    controller.push(edit)
    assert calls == [1]
    _same_as_fresh(panel)
    controller.undo_stack.undo()  # the only event of its zone or at an end goes again
    assert len(calls) == 2
    _same_as_fresh(panel)
    assert timed
