"""The panels the main window shows, in navigation order (Ctrl+1 … Ctrl+N).

Each entry is a :class:`~pm_desktop.ui.panel.Panel` subclass; the window builds one of each with
the shared controller. Presentation mode walks them in this order too.
"""

from __future__ import annotations

from .overview import OverviewPanel
from .panel import Panel

PANEL_CLASSES: list[type[Panel]] = [OverviewPanel]
