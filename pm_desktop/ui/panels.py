"""The panels the main window shows, in navigation order (Ctrl+1 … Ctrl+N).

Each entry names a :class:`~pm_desktop.ui.panel.Panel` subclass by module path, with its key and
title, so the window can show its navigation (and paint its first screen) before it imports and
builds the panels that are not on screen yet. Presentation mode walks them in this order too.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import Any

from .panel import Panel


@dataclass(frozen=True, slots=True)
class PanelSpec:
    key: str
    title: str
    target: str  # "package.module:ClassName"

    def load(self) -> type[Panel]:
        module_name, _, class_name = self.target.partition(":")
        cls = getattr(importlib.import_module(module_name), class_name)
        if cls.key != self.key:  # pragma: no cover - a wiring mistake, caught by the tests
            raise RuntimeError(f"{self.target} has key {cls.key!r}, expected {self.key!r}")
        return cls


PANEL_SPECS: tuple[PanelSpec, ...] = (
    PanelSpec("overview", "Overview", "pm_desktop.ui.overview:OverviewPanel"),
    PanelSpec("timeline", "Timeline", "pm_desktop.ui.timeline:TimelinePanel"),
    PanelSpec("evidence", "Evidence", "pm_desktop.ui.evidence:EvidencePanel"),
    PanelSpec("whys", "5 Whys", "pm_desktop.ui.whys:WhysPanel"),
    PanelSpec("board", "Follow-ups", "pm_desktop.ui.board:BoardPanel"),
)


def __getattr__(name: str) -> Any:
    """``PANEL_CLASSES``: every panel class, imported on first use."""
    if name == "PANEL_CLASSES":
        return [spec.load() for spec in PANEL_SPECS]
    raise AttributeError(name)
