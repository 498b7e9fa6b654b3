"""The review coach in the window: a findings pane, markers and the overview's checklist.

- :func:`coach_index` — the one :class:`CoachIndex` per controller: the coach's findings and
  checklist, updated once per event-loop turn after edits, incrementally. Markers (timeline rows,
  why nodes) and the overview's checklist read it; ``set_quiet(True)`` blanks them for
  presentation mode.
- :class:`CoachPane` — the notes grouped by where they are, with Show, Ignore for this item and
  Show ignored / Stop ignoring; :class:`FindingsModel` is its Qt model.
- :class:`CoachDock` — the pane as the main window's side pane (View ▸ Review Coach).
- :mod:`.look` — severity words and marks, marker icons and tooltips.
"""

from typing import TYPE_CHECKING, Any

from .dock import CoachDock
from .index import CoachIndex, coach_index

if TYPE_CHECKING:  # pragma: no cover
    from .model import FindingsModel
    from .pane import CoachPane

__all__ = ["CoachDock", "CoachIndex", "CoachPane", "FindingsModel", "coach_index"]


def __getattr__(name: str) -> Any:
    # The pane and its model load with the pane (after the first paint), not with the window.
    if name == "CoachPane":
        from .pane import CoachPane

        return CoachPane
    if name == "FindingsModel":
        from .model import FindingsModel

        return FindingsModel
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
