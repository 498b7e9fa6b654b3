"""Where a window may be: the one place the app asks for a screen's size.

Presentation mode sizes its type from the screen it fills, and the main window keeps itself
inside the screen it is on. Both ask here, so a test can stand in a projector of any size
(:func:`forced`) on a machine whose only screen is the offscreen platform's.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from PySide6.QtCore import QRect
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLayout, QWidget

_forced: QRect | None = None

# Presentation body text is this fraction of the screen height: 27 px at 1080, 18 px at 720.
ROOM_LINES = 40


def room_body_px(screen_height: int) -> float:
    """The size of presentation body text on a screen this tall (at the default type size)."""
    return max(screen_height, 1) / ROOM_LINES


@contextlib.contextmanager
def forced(rect: QRect) -> Iterator[QRect]:
    """Within the block every window is on one screen of ``rect`` (no task bar)."""
    global _forced
    before, _forced = _forced, QRect(rect)
    try:
        yield QRect(rect)
    finally:
        _forced = before


def is_forced() -> bool:
    return _forced is not None


def _screen_of(widget: QWidget | None):  # noqa: ANN202 - QScreen | None
    screen = widget.screen() if widget is not None else None
    return screen or QGuiApplication.primaryScreen()


def geometry(widget: QWidget | None = None) -> QRect:
    """The whole screen ``widget`` is on (what a full-screen window covers)."""
    if _forced is not None:
        return QRect(_forced)
    screen = _screen_of(widget)
    return screen.geometry() if screen is not None else QRect(0, 0, 1280, 720)


def available(widget: QWidget | None = None) -> QRect:
    """The part of that screen a normal window may use (without task bars and docks)."""
    if _forced is not None:
        return QRect(_forced)
    screen = _screen_of(widget)
    return screen.availableGeometry() if screen is not None else QRect(0, 0, 1280, 720)


def keep_inside(window: QWidget) -> None:
    """Shrink and move a top-level ``window`` (frame included) into its available screen."""
    if window.isMaximized() or window.isFullScreen():
        return
    area = available(window)
    frame = window.frameGeometry()
    inner = window.geometry()
    extra_w = frame.width() - inner.width()
    extra_h = frame.height() - inner.height()
    width = min(inner.width(), max(1, area.width() - extra_w))
    height = min(inner.height(), max(1, area.height() - extra_h))
    if (width, height) != (inner.width(), inner.height()):
        window.resize(width, height)
    frame = window.frameGeometry()
    x = min(max(frame.x(), area.left()), area.right() + 1 - frame.width())
    y = min(max(frame.y(), area.top()), area.bottom() + 1 - frame.height())
    if (x, y) != (frame.x(), frame.y()):
        window.move(x, y)


def forget_layout_sizes(root: QWidget) -> None:
    """Make every layout under ``root`` (nested ones too) measure its items again.

    A hidden page's size changes do not reach the layouts above it, so after a font change
    while hidden they keep asking for the old sizes."""
    for each in (root, *root.findChildren(QWidget)):
        if each.layout() is not None:
            _invalidate(each.layout())


def _invalidate(layout: QLayout) -> None:
    for index in range(layout.count()):
        item = layout.itemAt(index)
        if item is None:
            continue
        item.invalidate()
        if item.layout() is not None:
            _invalidate(item.layout())
    layout.invalidate()
