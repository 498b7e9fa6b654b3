"""Fixtures for the timeline editor: a panel on the example review, a frozen clock and a DST
chooser that answers instead of a person."""

from __future__ import annotations

import datetime as dt

import pytest

# 12 March 2025, 10:07:30 UTC — the morning of the example incident.
FROZEN = dt.datetime(2025, 3, 12, 10, 7, 30, tzinfo=dt.UTC)


class RecordingChooser:
    """Answers the DST question with the reading at ``pick`` (0 earlier, 1 later, None cancel)
    and records what it was asked."""

    def __init__(self, pick: int | None = 1):
        self.pick = pick
        self.asked = []

    def __call__(self, result, parent):
        self.asked.append(result)
        return None if self.pick is None else result.choices[self.pick]


@pytest.fixture
def frozen_clock():
    return lambda: FROZEN


@pytest.fixture
def chooser():
    return RecordingChooser()


@pytest.fixture
def panel(qtbot, controller, frozen_clock, chooser):
    from pm_desktop.ui.timeline import TimelinePanel

    widget = TimelinePanel(controller, clock=frozen_clock, chooser=chooser)
    qtbot.addWidget(widget)
    widget.resize(1300, 900)
    widget.show()
    qtbot.waitExposed(widget)
    return widget
