"""The main window: navigation on the left, the panels, menus, status bar, and the stage for
presentation mode.

One window shows one review. Without a review it shows the welcome screen. The Edit menu is
routed to the focused text field when there is one (so Copy in a field copies text) and to the
current panel's hooks otherwise; Undo/Redo always use the review's undo stack.

The review coach is a side pane (:class:`~.coach.CoachDock`, View ▸ Review Coach).

Signals: ``captureRequested()`` — View ▸ Capture window (Ctrl+Shift+N); whoever builds the
capture window connects to it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QItemSelectionModel, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from pm_desktop import APP_NAME

from . import icons, screen_area, themes, typography
from .coach import CoachDock, coach_index
from .controller import DocumentController
from .edit_routing import EditRouting
from .export_notice import ExportNotice, open_exported, show_folder
from .file_actions import FileActions, Prompts
from .findbar import FindBar
from .intake import ImportActions
from .panel import Panel
from .pending import commit_item_view_editors
from .settings import Settings
from .watch import ReadOnlyFollower
from .welcome import REVIEW_SUFFIX, dropped_files
from .welcome_host import WelcomeHost
from .window_menus import WindowMenus

if TYPE_CHECKING:  # Help's dialogs and the presentation load when first opened
    from .agenda import Clock
    from .dialogs import GuideDialog, ShortcutsDialog
    from .presentation import PresentationWindow

ZOOM_STEP = 1.1
NAV_SCALE = 1.1


@dataclass(eq=False)
class _Slot:
    """One section: known by key and title from the start, its panel built on first use."""

    key: str
    title: str
    source: Any  # a Panel class, or a panels.PanelSpec to import it from
    panel: Panel | None = None
    placeholder: QWidget = field(default_factory=QWidget)


class MainWindow(WelcomeHost, EditRouting, QMainWindow):
    captureRequested = Signal()

    def __init__(
        self,
        settings: Settings | None = None,
        panel_classes: list[type[Panel]] | None = None,
        prompts: Prompts | None = None,
        clock: Clock | None = None,
    ):
        super().__init__()
        if panel_classes is None:
            from .panels import PANEL_SPECS

            self._slots = [_Slot(spec.key, spec.title, spec) for spec in PANEL_SPECS]
        else:
            self._slots = [_Slot(cls.key, cls.title, cls) for cls in panel_classes]
        self.settings = settings or Settings()
        self.prompts = prompts or Prompts(self)
        self.controller = DocumentController(parent=self)
        self.files = FileActions(self.controller, self.settings, self.prompts, self)
        self.imports = ImportActions(self.controller, self.settings, self)
        # A read-only review follows the changes its owner saves.
        self.follower = ReadOnlyFollower(self.controller, self._built_panels, self)
        self.presentation: PresentationWindow | None = None
        self._clock = clock
        self._guide: GuideDialog | None = None
        self.setWindowIcon(icons.app_icon())
        self.setAcceptDrops(True)

        self._welcome = self._welcome_page = None  # built when first shown (not with a file)
        self._painted_once = False
        self._closed = False
        self._build_workspace()
        if panel_classes is not None:
            self.panels  # noqa: B018 - explicit classes (tests) are built at once
        self.pages = QStackedWidget()
        self.pages.addWidget(self.workspace)
        self.setCentralWidget(self.pages)
        self._build_status_bar()
        self.coach = CoachDock(self)
        # The coach's first check (and the loading of its patterns) waits for the first paint.
        coach_index(self.controller).hold()
        self.menus = WindowMenus(self)

        c = self.controller
        c.documentReplaced.connect(self._on_document_replaced)
        c.changed.connect(self._on_changed)
        c.pathChanged.connect(lambda _p: self._update_title())
        c.error.connect(self.show_error_message)
        c.commitRequested.connect(lambda: commit_item_view_editors(self))
        c.undo_stack.cleanChanged.connect(lambda clean: self.setWindowModified(not clean))
        self.files.message.connect(lambda text: self.statusBar().showMessage(text, 8000))
        self.imports.message.connect(lambda text: self.statusBar().showMessage(text, 8000))
        self.files.recentChanged.connect(self._refresh_recent)
        self.find_bar.findRequested.connect(self._find)
        self.find_bar.closed.connect(self._find_closed)
        themes.notifier().themeChanged.connect(self._on_theme_changed)
        self.captureRequested.connect(self.open_capture)
        self._capture = None

        geometry = self.settings.geometry()
        if not geometry or not self.restoreGeometry(geometry):
            self.resize(1360, 880)
        self._refresh_recent()
        self._on_document_replaced()

    # ------------------------------------------------------------------ panels, built lazily
    @property
    def panel_keys(self) -> list[tuple[str, str]]:
        """(key, title) of every section, without building any panel."""
        return [(slot.key, slot.title) for slot in self._slots]

    @property
    def panels(self) -> list[Panel]:
        """Every panel, built now if it was not yet."""
        return [self._built(row) for row in range(len(self._slots))]

    def _built_panels(self) -> list[Panel]:
        return [slot.panel for slot in self._slots if slot.panel is not None]

    def panel(self, key: str) -> Panel | None:
        row = next((i for i, slot in enumerate(self._slots) if slot.key == key), None)
        return None if row is None else self._built(row)

    def _built(self, row: int) -> Panel:
        """The panel of ``row``: imported and built on first use, then put in its page."""
        slot = self._slots[row]
        if slot.panel is None:
            cls = slot.source if isinstance(slot.source, type) else slot.source.load()
            panel = cls(self.controller)
            slot.panel = panel
            current = self.stack.currentIndex() == row
            self.stack.insertWidget(row, panel)
            self.stack.removeWidget(slot.placeholder)
            slot.placeholder.deleteLater()
            if current:
                self.stack.setCurrentIndex(row)
            self._wire_panel(panel)
        return slot.panel

    def _build_remaining_panels(self) -> None:
        """After the first paint: build one more hidden panel per turn of the event loop, so the
        window answers at once and every section is ready a moment later."""
        row = next((i for i, slot in enumerate(self._slots) if slot.panel is None), None)
        if row is None or self._closed:
            return  # all built, or nobody will look at them any more
        self._built(row)
        QTimer.singleShot(0, self, self._build_remaining_panels)

    def event(self, event: QEvent) -> bool:
        # The hidden panels are built once the window has painted for the first time.
        if event.type() == QEvent.Type.Paint and not self._painted_once:
            self._painted_once = True
            QTimer.singleShot(0, self, self._build_remaining_panels)
            QTimer.singleShot(0, self, self._release_coach)
        return super().event(event)

    def stop_after_paint(self) -> None:
        """Nobody will look at this window again (it is closing, or ``--smoke`` has its first
        paint): what the window queued for a user who stays — building the hidden sections, the
        coach's first check — does not start. A section asked for is still built on demand."""
        self._closed = True

    def _release_coach(self) -> None:
        """After the first paint the coach's pane is built and its first check runs, unless the
        window was closed meanwhile (``--smoke`` stops once painted): nobody would read them."""
        if not self._closed:
            self.coach.pane  # noqa: B018 - the findings pane, ready before it is opened
            coach_index(self.controller).release()

    def _wire_panel(self, panel: Panel) -> None:
        """Panels never talk to each other; the window relays the few cross-panel gestures."""
        if panel.key == "timeline" and hasattr(panel, "eventSelected"):

            def follow(event_id: str) -> None:
                # Only a selection the user makes in the timeline filters the evidence; stepping
                # through events in presentation mode must not hide the evidence section.
                if self.presentation is None and self.current_panel() is panel:
                    evidence = self.panel("evidence")
                    if evidence is not None and hasattr(evidence, "filter_to_event"):
                        evidence.filter_to_event(event_id)

            panel.eventSelected.connect(follow)
        if panel.key == "overview" and hasattr(panel, "recurrence"):
            panel.recurrence.libraryRequested.connect(self.show_library)
        if panel.key == "board" and hasattr(panel, "showWhy"):
            panel.showWhy.connect(lambda why_id: self.reveal("whys", why_id))

    def reveal(self, collection: str, item_id: str) -> bool:
        """Show the panel that owns ``collection`` and select the item there."""
        key = {
            "events": "timeline",
            "evidence": "evidence",
            "whys": "whys",
            "followups": "board",
        }.get(collection, "overview")
        panel = self.panel(key)
        if panel is None or not self.show_panel(key):
            return False
        return panel.select_item(collection, item_id)

    def open_capture(self) -> None:
        """View ▸ Capture window: a small always-on-top window for notes during an incident."""
        if not self.has_document:
            self.new_review(template=False)
        from .timeline.capture import open_capture_window

        window = open_capture_window(self.controller, self)
        if window is not self._capture:
            window.message.connect(self._show_status)
            self._capture = window

    def _show_status(self, text: str) -> None:
        self.statusBar().showMessage(text, 6000)

    # ------------------------------------------------------------------ layout
    def _build_workspace(self) -> None:
        self.nav = QListWidget()
        self.nav.setObjectName("NavList")
        self.nav.setAccessibleName("Sections")
        self.nav.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.nav.setUniformItemSizes(True)
        self.stack = QStackedWidget()
        for slot in self._slots:
            self.stack.addWidget(slot.placeholder)
            QListWidgetItem(slot.title, self.nav)
        self.nav.currentRowChanged.connect(self._on_nav_row)

        self.banner = QFrame()
        self.banner.setObjectName("Banner")
        self.banner_label = QLabel("")
        self.banner_label.setWordWrap(True)
        self.banner_button = QPushButton("Save As…")
        self.banner_button.clicked.connect(self.files.save_as)
        row = QHBoxLayout(self.banner)
        row.setContentsMargins(14, 8, 14, 8)
        row.addWidget(self.banner_label, 1)
        row.addWidget(self.banner_button)
        self.banner.hide()

        self.find_bar = FindBar()
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.setSpacing(0)
        banner_holder = QVBoxLayout()
        banner_holder.setContentsMargins(12, 10, 12, 0)
        banner_holder.addWidget(self.banner)
        right_layout.addLayout(banner_holder)
        right_layout.addWidget(self.stack, 1)
        right_layout.addWidget(self.find_bar)
        self.workspace = QWidget()
        layout = QHBoxLayout(self.workspace)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.nav)
        layout.addWidget(right, 1)
        self._fit_nav()
        self._tint_nav()

    def _fit_nav(self) -> None:
        # Only the navigation's own font: panels size their text themselves.
        self.nav.setFont(typography.scaled(self.font(), NAV_SCALE))
        metrics = self.nav.fontMetrics()
        widest = max([metrics.horizontalAdvance(title) for _key, title in self.panel_keys] + [80])
        size = max(20, metrics.height())
        self.nav.setIconSize(QSize(size, size))
        # text + icon + item padding and margins (see themes.stylesheet) + breathing room
        pad_v, pad_h = themes.NAV_ITEM_PADDING
        margin_v, margin_h = themes.NAV_ITEM_MARGIN
        width = widest + size + 2 * pad_h + 2 * margin_h + 48
        self.nav.setFixedWidth(width)
        # Each row says its own height: the list measured rows before the style sheet was
        # polished and then drew each highlight over its neighbours.
        row = QSize(width - 2 * margin_h, size + 2 * (pad_v + margin_v) + 2)
        for index in range(self.nav.count()):
            self.nav.item(index).setSizeHint(row)
        self.nav.doItemsLayout()

    def _on_theme_changed(self, _name: str) -> None:
        self._tint_nav()
        self.menus.update_theme_checks()

    def _tint_nav(self) -> None:
        colors = themes.colors()
        for row, (key, _title) in enumerate(self.panel_keys):
            item = self.nav.item(row)
            if item is not None:
                item.setIcon(icons.nav_icon(key, colors.text, colors.accent_text))

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        self.path_label = QLabel("")
        self.path_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.state_label = QLabel("")
        self.export_notice = ExportNotice()
        self.export_notice.openRequested.connect(open_exported)
        self.export_notice.showFolderRequested.connect(show_folder)
        self.files.exported.connect(self.export_notice.show_export)
        bar.addPermanentWidget(self.export_notice, 0)
        bar.addPermanentWidget(self.path_label, 0)
        bar.addPermanentWidget(self.state_label, 0)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        super().changeEvent(event)
        if typography.is_font_change(event) and hasattr(self, "workspace"):
            self._fit_nav()

    # ------------------------------------------------------------------ state
    @property
    def has_document(self) -> bool:
        return self.controller.document is not None

    def current_panel(self) -> Panel | None:
        widget = self.stack.currentWidget()
        return widget if isinstance(widget, Panel) else None

    def show_panel(self, key: str) -> bool:
        for row, (slot_key, _title) in enumerate(self.panel_keys):
            if slot_key == key:
                self.nav.setCurrentRow(row, QItemSelectionModel.SelectionFlag.ClearAndSelect)
                return True
        return False

    def go_to_panel(self, key: str) -> bool:
        """Ctrl+1 … Ctrl+N: show the section and put the keyboard in it, ready to work."""
        if not self.show_panel(key):
            return False
        panel = self.current_panel()
        if panel is not None and self.has_document:
            target = panel.focus_widget() or panel
            target.setFocus(Qt.FocusReason.ShortcutFocusReason)
        return True

    def _on_nav_row(self, row: int) -> None:
        self.controller.commit_pending_edits()
        if 0 <= row < len(self._slots):
            self._built(row)
            self.stack.setCurrentIndex(row)
            self.settings.set_last_panel(self._slots[row].key)
            if self.find_bar.isVisible():
                self._find(self.find_bar.text())

    def _on_document_replaced(self) -> None:
        doc = self.controller.document
        if doc is not None:
            self.pages.setCurrentWidget(self.workspace)
        elif self._welcome is not None or (self.isVisible() and not self._closed):
            self._show_welcome()
        # else: not shown yet (showEvent builds the welcome if there is still no review), or
        # closing (--smoke, or the window's last review): nobody will see it
        # A new list has a current row but no selection: choose (and highlight) a section once.
        if doc is not None and not self.nav.selectedItems() and self._slots:
            last = self.settings.last_panel()
            if not self.show_panel(last):
                self.nav.setCurrentRow(0, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        if doc is None:
            self.find_bar.close_bar()
        self.setWindowModified(False)
        self._update_title()
        self._update_status()
        self.menus.update_enabled()

    def _on_changed(self, _change: object) -> None:
        self._update_title()
        if self.controller.document is not None and not self.controller.read_only:
            self.state_label.setText("✓ All changes saved")

    def _update_title(self) -> None:
        doc = self.controller.document
        if doc is None:
            self.setWindowTitle(APP_NAME)
            return
        name = doc.review.meta.title or "Untitled review"
        if doc.untitled:
            name = f"{name} (not yet saved under a name)"
        else:
            name = f"{doc.path.name} — {name}"
        if doc.read_only:
            name += " (read-only)"
        self.setWindowTitle(f"{name}[*] — {APP_NAME}")
        self._update_status()

    def _update_status(self) -> None:
        doc = self.controller.document
        if doc is None:
            self.path_label.setText("")
            self.state_label.setText("")
            self.banner.hide()
            return
        where = (
            "Untitled · autosaved · Ctrl+S keeps it as a file of your own"
            if doc.untitled
            else str(doc.path)
        )
        self.path_label.setText(where)
        self.path_label.setToolTip(str(doc.path))
        if doc.read_only:
            self.state_label.setText("Read-only")
            reason = f" ({doc.read_only_reason})" if doc.read_only_reason else ""
            self.banner_label.setText(
                f"This review is open read-only{reason}. You can read and export it; "
                "to change it, save a copy with Save As."
            )
            self.banner.show()
        else:
            self.state_label.setText("✓ All changes saved")
            self.banner.hide()

    def new_review(self, template: bool = True) -> bool:
        """A new review, with the title selected so typing names it."""
        if not self.files.new_review(template):
            return False
        if self.show_panel("overview"):
            panel = self.current_panel()
            if panel is not None:
                panel.select_item("review", "title")
        return True

    def show_error_message(self, text: str) -> None:
        self.statusBar().showMessage(f"⚠ {text}", 12000)

    def show_find(self) -> None:
        if self.has_document:
            self.find_bar.open_bar()

    def _find(self, text: str) -> None:
        panel = self.current_panel()
        if panel is not None:
            self.find_bar.show_result(panel.find(text))

    def _find_closed(self) -> None:
        panel = self.current_panel()
        if panel is not None:
            panel.find("")
            panel.setFocus()

    # ------------------------------------------------------------------ view
    def set_theme(self, name: str) -> None:
        app = QApplication.instance()
        themes.apply_theme(app, name)
        self.settings.set_theme(name)
        self.menus.update_theme_checks()

    def set_zoom(self, zoom: float) -> None:
        self.settings.set_zoom(zoom)
        typography.set_text_zoom(self.settings.zoom())
        self.statusBar().showMessage(f"Text size {round(self.settings.zoom() * 100)} %", 3000)

    def zoom_in(self) -> None:
        self.set_zoom(self.settings.zoom() * ZOOM_STEP)

    def zoom_out(self) -> None:
        self.set_zoom(self.settings.zoom() / ZOOM_STEP)

    def zoom_reset(self) -> None:
        self.set_zoom(1.0)

    def enter_presentation(self, *, fullscreen: bool = True) -> PresentationWindow | None:
        if not self.has_document or not self._slots or self.presentation is not None:
            return self.presentation
        from .presentation import PresentationWindow  # loads when the meeting first starts

        self.find_bar.close_bar()
        self.coach.set_presenting(True)
        start = max(0, self.nav.currentRow())
        self.presentation = PresentationWindow(
            self.panels,
            self.settings,
            start=start,
            clock=self._clock,
            room=screen_area.geometry(self),
            controller=self.controller,
        )
        self.presentation.closed.connect(self._on_presentation_closed)
        self.presentation.start(fullscreen=fullscreen)
        return self.presentation

    def _on_presentation_closed(self) -> None:
        self.presentation = None
        self.coach.set_presenting(False)
        row = max(0, self.nav.currentRow())
        self.stack.setCurrentIndex(row)
        # Panels come back from room-sized type; the window must not keep a size they asked for
        # on the way (its status bar, with the save state, would be off a small screen).
        self._fit_after_presentation()
        # Fonts and styles settle over the next event-loop turns (the theme may just have
        # switched back): measure again once they have.
        QTimer.singleShot(0, self._fit_after_presentation)
        self.activateWindow()
        self.raise_()

    def _fit_after_presentation(self) -> None:
        """Forget the sizes measured in room-sized type and stay inside the screen."""
        screen_area.forget_layout_sizes(self.pages)
        screen_area.keep_inside(self)

    # ------------------------------------------------------------------ help
    def show_shortcuts(self) -> ShortcutsDialog:
        from .dialogs import ShortcutsDialog

        dialog = ShortcutsDialog(self.menus.shortcut_groups(), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

    def show_guide(self) -> GuideDialog:
        if self._guide is None:
            from .dialogs import GuideDialog

            self._guide = GuideDialog(self)
        self._guide.show()
        self._guide.raise_()
        return self._guide

    def show_about(self) -> None:
        from .dialogs import AboutDialog

        AboutDialog(self).exec()

    # ------------------------------------------------------------------ files dropped on the window
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 - Qt's name
        files = dropped_files(event.mimeData())
        if any(f.lower().endswith(REVIEW_SUFFIX) for f in files):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 - Qt's name
        files = [f for f in dropped_files(event.mimeData()) if f.lower().endswith(REVIEW_SUFFIX)]
        if files:
            event.acceptProposedAction()
            self.files.open_path(files[0])
        else:
            event.ignore()

    def show_library(self) -> None:
        """File ▸ Library: every review under the team's folders (ui/library)."""
        from .library.opener import show_library

        show_library(self)

    # ------------------------------------------------------------------ closing
    def open_path(self, path: str | Path, read_only: bool | None = None) -> bool:
        return self.files.open_path(str(path), read_only)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        if self.presentation is not None:
            self.presentation.leave()
        if not self.files.close_review():
            event.ignore()
            return
        self.settings.set_geometry(bytes(self.saveGeometry()))
        self.settings.sync()
        if self._guide is not None:
            self._guide.close()
        self.stop_after_paint()
        event.accept()
