"""The findings pane as a side pane of the main window: View ▸ Review Coach (Ctrl+Shift+C).

Open or closed is remembered between runs. The pane is hidden on the welcome screen and during
presentation mode (where the coach shows nothing at all: the index goes quiet, so markers and
the checklist disappear too). A quiet count in the status bar opens it.

Clicking a note shows its item: timeline events, why nodes and follow-ups through
``MainWindow.reveal``; review-level notes on the Overview, whose ``focus_field`` puts the cursor
in the field (selecting the matched words) or on the checklist line.

The pane itself (its list, delegate and model) is built when first needed: when the dock opens,
or by the main window right after its first paint. A window that starts with the pane closed
imports and builds none of it before its first picture.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QCloseEvent, QKeySequence, QResizeEvent, QShowEvent
from PySide6.QtWidgets import QDockWidget, QToolButton

from pm_desktop.domain.coach import Finding

from .index import KIND_COLLECTION, coach_index

if TYPE_CHECKING:  # pragma: no cover
    from ..main_window import MainWindow
    from .pane import CoachPane

OPEN_KEY = "view/coach_open"
WIDTH_KEY = "view/coach_width"
SHORTCUT = "Ctrl+Shift+C"


class CoachDock(QDockWidget):
    def __init__(self, window: MainWindow):
        super().__init__("Review Coach", window)
        self.setObjectName("CoachDock")
        self.main = window
        self.index = coach_index(window.controller)
        self._pane: CoachPane | None = None
        self.setAllowedAreas(
            Qt.DockWidgetArea.LeftDockWidgetArea | Qt.DockWidgetArea.RightDockWidgetArea
        )
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self)
        self._presenting = False
        self._sized = False
        self.hide()

        self.action = self.toggleViewAction()
        self.action.setText("Review &Coach")
        self.action.setShortcut(QKeySequence(SHORTCUT))
        self.action.setStatusTip("Notes on blaming wording, hindsight, vague follow-ups and gaps")
        self.action.triggered.connect(self._remember)

        self.status_button = QToolButton()
        self.status_button.setObjectName("CoachStatus")
        self.status_button.setAutoRaise(True)
        self.status_button.setToolTip(f"Show or hide the review coach ({SHORTCUT})")
        self.status_button.clicked.connect(lambda: self.set_open(not self.isVisible()))
        window.statusBar().addPermanentWidget(self.status_button, 0)

        self.index.updated.connect(self._update_status)
        window.controller.documentReplaced.connect(self._on_document_replaced)
        self._on_document_replaced()

    @property
    def pane(self) -> CoachPane:
        """The findings pane, built (and its module imported) on first use."""
        if self._pane is None:
            from .pane import CoachPane

            pane = CoachPane(self.main.controller, self.index)
            pane.revealRequested.connect(self.reveal)
            self._pane = pane
            self.setWidget(pane)
        return self._pane

    # ------------------------------------------------------------------ open / closed
    def remembered_open(self) -> bool:
        value = self.main.settings.store.value(OPEN_KEY, False)
        if isinstance(value, str):
            return value.strip().lower() in ("1", "true", "yes")
        return bool(value)

    def set_open(self, on: bool) -> None:
        """Open or close the pane as the user asked (remembered)."""
        self.main.settings.store.setValue(OPEN_KEY, bool(on))
        self._show(on)

    def _remember(self, checked: bool) -> None:
        self.main.settings.store.setValue(OPEN_KEY, bool(checked))
        self._show(checked)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        self.main.settings.store.setValue(OPEN_KEY, False)  # the title bar's close button
        super().closeEvent(event)

    def _show(self, on: bool) -> None:
        allowed = self.main.has_document and not self._presenting
        if on and allowed:
            self.pane  # noqa: B018 - built before it is shown
        self.setVisible(on and allowed)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        self.pane  # noqa: B018 - shown some other way (its View menu entry, a restored layout)
        super().showEvent(event)
        if not self._sized:
            QTimer.singleShot(0, self._fit_width)  # once the window has its own size

    def _fit_width(self) -> None:
        """The remembered width, else about a quarter of the window (a readable column)."""
        if self._sized or not self.main.isVisible() or self.isFloating() or not self.isVisible():
            return
        self._sized = True
        stored = self.main.settings.store.value(WIDTH_KEY, 0)
        try:
            width = int(stored)  # type: ignore[arg-type]
        except (TypeError, ValueError):
            width = 0
        if not 240 <= width <= 1200:
            width = max(300, min(460, round(self.main.width() * 0.25)))
        width = min(width, self.main.width() // 2)
        self.main.resizeDocks([self], [width], Qt.Orientation.Horizontal)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        if self._sized and self.isVisible() and not self.isFloating():
            self.main.settings.store.setValue(WIDTH_KEY, self.width())

    def _on_document_replaced(self) -> None:
        has = self.main.has_document
        self.action.setEnabled(has)
        self._show(self.remembered_open())
        self._update_status()

    def set_presenting(self, on: bool) -> None:
        """Presentation mode shows nothing from the coach."""
        self._presenting = on
        self.index.set_quiet(on)
        self._show(self.remembered_open())

    def _update_status(self) -> None:
        has = self.main.has_document
        self.status_button.setVisible(has)
        if not has:
            return
        count = self.index.note_count()
        if self.index.busy and not count:
            self.status_button.setText("Coach: reading…")
        elif count:
            self.status_button.setText(f"Coach: {count} note{'s' if count != 1 else ''}")
        else:
            self.status_button.setText("Coach: no notes")

    # ------------------------------------------------------------------ showing a note's item
    def reveal(self, finding: Finding) -> bool:
        """Show the item ``finding`` is about (see the module docstring)."""
        window = self.main
        if finding.where_kind == "review":
            if not window.show_panel("overview"):
                return False
            focus = getattr(window.panel("overview"), "focus_field", None)
            return bool(focus(finding.field, finding.span)) if callable(focus) else False
        collection = KIND_COLLECTION.get(finding.where_kind)
        if collection is None or not finding.where_id:
            return False
        return window.reveal(collection, finding.where_id)
