"""Where the capture window goes: fully on its screen, and off any dialog's buttons.

The window stays on top while the user works in the main window, so a dialog that opens under
it could have its OK button hidden. It takes a corner of the available screen area (never
under a task bar), preferring one that covers no dialog at all, then one that covers no button.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize
from PySide6.QtWidgets import QAbstractButton, QDialog, QWidget

from .. import screen_area

MARGIN = 16


def corners(area: QRect, size: QSize, margin: int = MARGIN) -> list[QRect]:
    """The four corner spots for a window of ``size`` inside ``area``: top right first."""
    w = min(size.width(), area.width())
    h = min(size.height(), area.height())
    left = area.left() + min(margin, max(0, area.width() - w))
    right = area.left() + max(0, area.width() - w - margin)
    top = area.top() + min(margin, max(0, area.height() - h))
    bottom = area.top() + max(0, area.height() - h - margin)
    return [
        QRect(QPoint(right, top), QSize(w, h)),
        QRect(QPoint(right, bottom), QSize(w, h)),
        QRect(QPoint(left, top), QSize(w, h)),
        QRect(QPoint(left, bottom), QSize(w, h)),
    ]


def _overlap(a: QRect, b: QRect) -> int:
    both = a.intersected(b)
    return 0 if both.isEmpty() else both.width() * both.height()


def best_spot(
    area: QRect, size: QSize, dialogs: list[QRect], buttons: list[QRect], current: QRect | None
) -> QRect:
    """The spot covering no button, then no dialog, then the least of them; the current
    place wins a tie when it is fully on screen."""
    spots = corners(area, size)
    if current is not None and area.contains(current):
        spots.insert(0, current)

    def cost(spot: QRect) -> tuple[int, int, int]:
        on_buttons = sum(_overlap(spot, b) for b in buttons)
        on_dialogs = sum(_overlap(spot, d) for d in dialogs)
        return (on_buttons > 0, on_dialogs > 0, on_buttons + on_dialogs)

    return min(spots, key=cost)


def _global_rect(widget: QWidget) -> QRect:
    return QRect(widget.mapToGlobal(QPoint(0, 0)), widget.size())


def dialog_rects(dialog: QDialog) -> tuple[QRect, list[QRect]]:
    """A dialog's frame and its visible buttons, in screen coordinates."""
    buttons = [
        _global_rect(b) for b in dialog.findChildren(QAbstractButton) if b.isVisibleTo(dialog)
    ]
    return dialog.frameGeometry(), buttons


def place(window: QWidget, dialogs: list[QDialog] | None = None) -> None:
    """Move ``window`` fully onto its screen's available area, clear of ``dialogs``' buttons."""
    area = screen_area.available(window)
    frame = window.frameGeometry()
    extra = QSize(frame.width() - window.width(), frame.height() - window.height())
    frames, buttons = [], []
    for dialog in dialogs or []:
        outline, its_buttons = dialog_rects(dialog)
        frames.append(outline)
        buttons += its_buttons
    current = frame if window.isVisible() else None
    spot = best_spot(area, frame.size(), frames, buttons, current)
    inner = QSize(spot.width() - extra.width(), spot.height() - extra.height())
    if inner != window.size():
        window.resize(inner)
    window.move(spot.topLeft())
