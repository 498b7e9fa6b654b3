"""Fixtures for the follow-up board: a panel on the example review with a frozen clock."""

from __future__ import annotations

import datetime as dt

import pytest

# 24 March 2025, 10:00 UTC: in the example review, "Name an owning team" (due 21 Mar) is
# overdue, "Alert on … sooner" (25 Mar) and the PR template card (28 Mar) are due soon,
# "Fail CI…" (18 Apr) and "Write down…" (4 Apr) are fine.
FROZEN = dt.datetime(2025, 3, 24, 10, 0, tzinfo=dt.UTC)


@pytest.fixture
def frozen_clock():
    return lambda: FROZEN


@pytest.fixture
def board(qtbot, controller, frozen_clock):
    from pm_desktop.ui.board import BoardPanel

    panel = BoardPanel(controller, clock=frozen_clock)
    qtbot.addWidget(panel)
    panel.resize(1400, 900)
    panel.show()
    qtbot.waitExposed(panel)
    return panel
