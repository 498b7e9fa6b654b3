"""The main window's welcome screen, built the first time it is shown or asked for.

A window that starts with a review (a file, ``--demo``) never builds it, so its first paint does
not pay for the welcome card, its buttons and its recent-files list. Every way to reach the welcome
screen goes through ``welcome`` / ``welcome_page``, which build it first.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QFrame, QScrollArea, QStackedWidget

from .welcome import WelcomeWidget

if TYPE_CHECKING:
    from .controller import DocumentController
    from .file_actions import FileActions
    from .settings import Settings


class WelcomeHost:
    """Mixin for the main window: ``pages`` holds the workspace, and the welcome page once built."""

    _welcome: WelcomeWidget | None
    _welcome_page: QScrollArea | None
    pages: QStackedWidget
    controller: DocumentController
    files: FileActions
    settings: Settings

    # provided by the main window
    new_review: Any
    show_library: Any

    @property
    def welcome(self) -> WelcomeWidget:
        if self._welcome is None:
            self._build_welcome()
        assert self._welcome is not None
        return self._welcome

    @property
    def welcome_page(self) -> QScrollArea:
        if self._welcome_page is None:
            self._build_welcome()
        assert self._welcome_page is not None
        return self._welcome_page

    def _build_welcome(self) -> None:
        welcome = WelcomeWidget()
        # On a short screen the welcome card scrolls instead of making the window taller.
        page = QScrollArea()
        page.setWidgetResizable(True)
        page.setFrameShape(QFrame.Shape.NoFrame)
        page.setWidget(welcome)
        self._welcome, self._welcome_page = welcome, page
        self.pages.insertWidget(0, page)
        welcome.newRequested.connect(self.new_review)
        welcome.openRequested.connect(self.files.open_dialog)
        welcome.exampleRequested.connect(self.files.open_example)
        welcome.recentRequested.connect(self.files.open_path)
        welcome.fileDropped.connect(self.files.open_path)
        welcome.libraryRequested.connect(self.show_library)
        welcome.set_recent(self.settings.recent_files())
        if self.controller.document is None:
            self._show_welcome()

    def _show_welcome(self) -> None:
        """Make the welcome screen the current page, its first action focused."""
        self.pages.setCurrentWidget(self.welcome_page)
        self.welcome.focus_first()

    def _refresh_recent(self) -> None:
        if self._welcome is not None:  # an unbuilt welcome reads the list when it is built
            self._welcome.set_recent(self.settings.recent_files())

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        # Shown without a review: the welcome screen is built (once) before it is painted.
        if self.controller.document is None and self._welcome is None:
            self._build_welcome()
        super().showEvent(event)  # type: ignore[misc]
