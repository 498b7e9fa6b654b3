"""The timeline editor: table, chart, paste preview and the capture window.

What the main window uses:

- :class:`TimelinePanel` — the panel (key ``"timeline"``); signal ``eventSelected(str)``.
- :func:`open_capture_window` — View → Capture window (Ctrl+Shift+N).
- :data:`EVIDENCE_IDS_MIME` — the drag format evidence cards use to be linked to an event.
"""

from .capture import CaptureWindow, open_capture_window
from .editing import EVIDENCE_IDS_MIME
from .panel import TimelinePanel

__all__ = ["EVIDENCE_IDS_MIME", "CaptureWindow", "TimelinePanel", "open_capture_window"]
