"""The panels the main window shows, in navigation order (Ctrl+1 … Ctrl+N).

Each entry is a :class:`~pm_desktop.ui.panel.Panel` subclass; the window builds one of each with
the shared controller. Presentation mode walks them in this order too.
"""

from __future__ import annotations

from .board import BoardPanel
from .evidence import EvidencePanel
from .overview import OverviewPanel
from .panel import Panel
from .timeline import TimelinePanel
from .whys import WhysPanel

PANEL_CLASSES: list[type[Panel]] = [
    OverviewPanel,
    TimelinePanel,
    EvidencePanel,
    WhysPanel,
    BoardPanel,
]
