"""What every panel (Overview, Timeline, Evidence, 5 Whys, Follow-ups) offers the main window.

A panel is a QWidget that reads ``controller.review`` and pushes edits through
``controller.push``. It refreshes itself from ``controller.changed`` (only what it shows) and
rebuilds on ``controller.documentReplaced``. The main window routes the Edit menu (Delete, Copy,
Paste, Find) and presentation mode to the current panel through the methods below; a panel
overrides the ones it supports.
"""

from __future__ import annotations

from PySide6.QtCore import QMimeData
from PySide6.QtWidgets import QWidget

from pm_desktop.domain.edits import Change

from .controller import DocumentController


class Panel(QWidget):
    #: key used in settings and screenshots ("timeline"), and the navigation label
    key: str = ""
    title: str = ""

    def __init__(self, controller: DocumentController, parent: QWidget | None = None):
        super().__init__(parent)
        self.controller = controller
        controller.changed.connect(self.on_changed)
        controller.documentReplaced.connect(self.on_document_replaced)

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

    def settle(self) -> None:
        """Finish background work (thumbnails…) so a screenshot shows the final picture."""

    # ------------------------------------------------------------------ presentation mode
    def presentation_widget(self) -> QWidget | None:
        """A widget shown full screen in presentation mode (None: show the panel itself).
        Asked after ``set_presentation(True, scale)``."""
        return None

    def present_step(self, delta: int) -> bool:
        """Arrow keys in presentation mode: step ``delta`` items. False when at either end."""
        return False

    def set_presentation(self, on: bool, scale: float = 1.6) -> None:
        """Enter or leave presentation rendering (large type, editing chrome hidden)."""
