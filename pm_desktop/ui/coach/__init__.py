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

from .dock import CoachDock
from .index import CoachIndex, coach_index
from .model import FindingsModel
from .pane import CoachPane

__all__ = ["CoachDock", "CoachIndex", "CoachPane", "FindingsModel", "coach_index"]
