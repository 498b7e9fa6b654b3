"""What every panel (Overview, Timeline, Evidence, 5 Whys, Follow-ups) offers the main window.

A panel is a QWidget that reads ``controller.review`` and pushes edits through
``controller.push``. It refreshes itself from ``controller.changed`` (only what it shows) and
rebuilds on ``controller.documentReplaced``. The main window routes the Edit menu (Delete, Copy,
Paste, Find) and presentation mode to the current panel through the methods below; a panel
overrides the ones it supports.

A panel that is a hidden page of a stack (the main window shows one panel at a time) does not
refresh at every edit: it notes what changed and catches up when it is shown again, or when the
window calls it while it is hidden (so another panel's request, the Edit menu or presentation
mode always find it up to date). With a large review open this keeps each keystroke's commit from
paying for four invisible panels. The catch-up is one ``on_changed`` with the changes merged
(:meth:`Change.merged`), or one ``on_document_replaced`` when another review was opened meanwhile.

Which calls catch up is explicit: the methods of this class the window calls (listed in
:data:`WINDOW_CALLS`, also when a panel overrides them), and any other method a panel marks with
:func:`catches_up` because the window or another panel's gesture calls it (the evidence panel's
``filter_to_event``). A panel's other public methods are plain methods.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QMimeData, QObject
from PySide6.QtWidgets import QStackedWidget, QWidget

from pm_desktop.domain.edits import Change

from .controller import DocumentController

_presenting = 0  # presentation windows open: panels borrowed by them never defer


def set_presenting(on: bool) -> None:
    """Presentation mode shows widgets borrowed from panels that stay hidden pages."""
    global _presenting
    _presenting = max(0, _presenting + (1 if on else -1))


class _ShowWatch(QObject):
    """Catches the panel becoming a visible page before the panel itself sees the event."""

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() in (QEvent.Type.ShowToParent, QEvent.Type.Show):
            obj.catch_up()
        return False


def catches_up(method: Callable[..., Any]) -> Callable[..., Any]:
    """Mark a panel method called from outside the panel: it applies pending changes first."""
    if getattr(method, "_catches_up", False):
        return method

    @functools.wraps(method)
    def wrapper(self: Panel, *args: Any, **kwargs: Any) -> Any:
        self.catch_up()
        return method(self, *args, **kwargs)

    wrapper._catches_up = True  # type: ignore[attr-defined]
    return wrapper


class Panel(QWidget):
    #: key used in settings and screenshots ("timeline"), and the navigation label
    key: str = ""
    title: str = ""

    def __init_subclass__(cls, **kwargs: Any) -> None:
        """A panel's own versions of the window's calls (:data:`WINDOW_CALLS`) catch up first,
        like the ones they replace."""
        super().__init_subclass__(**kwargs)
        for name in WINDOW_CALLS:
            value = vars(cls).get(name)
            if inspect.isfunction(value):
                setattr(cls, name, catches_up(value))

    def __init__(self, controller: DocumentController, parent: QWidget | None = None):
        super().__init__(parent)
        self.controller = controller
        self._pending: Change | None = None
        self._pending_replace = False
        self._show_watch = _ShowWatch(self)
        self.installEventFilter(self._show_watch)
        controller.changed.connect(self._deliver_change)
        controller.documentReplaced.connect(self._deliver_replace)

    # ------------------------------------------------------------------ deferred refresh
    def is_deferring(self) -> bool:
        """True while the panel is a hidden page of a stack (not the one being looked at)."""
        return (
            _presenting == 0 and self.isHidden() and isinstance(self.parentWidget(), QStackedWidget)
        )

    def _deliver_change(self, change: Change) -> None:
        if self._pending_replace:
            return
        if self._pending is not None:
            self._pending = self._pending.merged(change)
        elif self.is_deferring():
            self._pending = change
        else:
            self.on_changed(change)

    def _deliver_replace(self) -> None:
        if self.is_deferring():
            self._pending, self._pending_replace = None, True
            return
        self._pending, self._pending_replace = None, False
        self.on_document_replaced()

    def catch_up(self) -> None:
        """Apply what changed while the panel was hidden (nothing when it is up to date)."""
        if not hasattr(self, "_pending"):
            return  # called while the panel is still being built
        if self._pending_replace:
            self._pending_replace = False
            self._pending = None
            self.on_document_replaced()
        elif self._pending is not None:
            change, self._pending = self._pending, None
            self.on_changed(change)

    # ------------------------------------------------------------------ refresh
    def on_changed(self, change: Change) -> None:
        """Refresh what this panel shows of ``change`` (default: rebuild)."""
        self.on_document_replaced()

    def on_document_replaced(self) -> None:
        """Rebuild from ``self.controller.review``."""

    # ------------------------------------------------------------------ Edit menu
    def can_delete(self) -> bool:
        return False

    def delete_selection(self) -> None:
        pass

    def copy_selection(self) -> QMimeData | None:
        return None

    def paste(self, mime: QMimeData) -> bool:
        """Handle a paste; return True when the panel used it."""
        return False

    def find(self, text: str) -> None:
        """Filter or highlight ``text`` (the window's Find bar)."""

    def select_item(self, collection: str, item_id: str) -> bool:
        """Show and select an item (from the coach's findings or another panel's link)."""
        return False

    def focus_widget(self) -> QWidget | None:
        """Where the keyboard goes when the section is chosen with Ctrl+1 … Ctrl+N (None: the
        panel itself). A panel may also prepare it, e.g. select a first item."""
        return None

    def settle(self) -> None:
        """Finish background work (thumbnails…) so a screenshot shows the final picture."""

    # ------------------------------------------------------------------ presentation mode
    def presentation_widget(self) -> QWidget | None:
        """A widget shown full screen in presentation mode (None: show the panel itself).
        Asked after ``set_presentation(True, scale)``."""
        return None

    def presented_event(self) -> str | None:
        """The timeline moment this section shows in presentation mode (the facilitator's kit
        ties parked ideas and turning points to it)."""
        return None

    def present_step(self, delta: int) -> bool:
        """Arrow keys in presentation mode: step ``delta`` items. False when at either end."""
        return False

    def set_presentation(self, on: bool, scale: float = 1.6) -> None:
        """Enter or leave presentation rendering (large type, editing chrome hidden)."""

    def set_presentation_scale(self, scale: float) -> None:
        """While presenting, the type size changed (Ctrl+= / Ctrl+-, another screen): resize the
        text and keep everything else — the step reached, the widget shown — as it is."""


# What the main window, presentation mode and screenshots call on a panel that may be hidden.
WINDOW_CALLS: tuple[str, ...] = (
    "can_delete",
    "delete_selection",
    "copy_selection",
    "paste",
    "find",
    "select_item",
    "focus_widget",
    "settle",
    "presentation_widget",
    "presented_event",
    "present_step",
    "set_presentation",
    "set_presentation_scale",
)
for _name in WINDOW_CALLS:
    setattr(Panel, _name, catches_up(getattr(Panel, _name)))
