"""Key hints in tooltips come from the bound shortcuts, never typed a second time."""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence


def shortcut_text(action: QAction) -> str:
    """``Ins or Ctrl+Return``: the action's shortcuts as the platform writes them."""
    native = QKeySequence.SequenceFormat.NativeText
    return " or ".join(s.toString(native) for s in action.shortcuts() if not s.isEmpty())


def with_shortcuts(tip: str, action: QAction) -> str:
    """``tip (keys)`` when the action has shortcuts, else ``tip``."""
    keys = shortcut_text(action)
    return f"{tip} ({keys})" if keys else tip
