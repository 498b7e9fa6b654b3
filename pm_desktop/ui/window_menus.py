"""The main window's actions and menus: File, Edit, View, Help.

Kept apart from the window so the window reads as layout and behaviour. Standard keys come from
``QKeySequence.StandardKey`` so each platform gets its own conventions. Undo/Redo are the undo
stack's own actions, whose text names what they would undo ("Undo Edit title").
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMenu

from pm_desktop import APP_NAME

from . import themes
from .export_worker import FORMAT_LABELS, format_available
from .intake import IMPORT_KINDS

if TYPE_CHECKING:  # pragma: no cover
    from .main_window import MainWindow

SK = QKeySequence.StandardKey


class WindowMenus:
    """Builds and owns the window's actions. Attributes are the actions (tests trigger them)."""

    def __init__(self, window: MainWindow):
        self.window = window
        w = window
        files = w.files
        bar = w.menuBar()

        # ------------------------------------------------------------------ File
        self.file_menu = bar.addMenu("&File")
        self.new_action = self._act("&New Review", w.new_review, SK.New, menu=self.file_menu)
        self.new_action.setStatusTip("A new review from the standard template")
        self.new_blank_action = self._act(
            "New &Blank Review", lambda: w.new_review(False), menu=self.file_menu
        )
        self.open_action = self._act("&Open…", files.open_dialog, SK.Open, menu=self.file_menu)
        self.recent_menu = QMenu("Open &Recent", w)
        self.recent_menu.aboutToShow.connect(self.fill_recent_menu)
        self.file_menu.addMenu(self.recent_menu)
        self.example_action = self._act(
            "Open the E&xample", files.open_example, menu=self.file_menu
        )
        self.recover_action = self._act(
            "Recover &Unsaved Reviews…", self.recover, menu=self.file_menu
        )
        self.library_action = self._act("&Library…", w.show_library, menu=self.file_menu)
        self.library_action.setShortcut(QKeySequence("Ctrl+L"))
        self.library_action.setStatusTip(
            "Every review in your team's folders: search, follow-ups, trends"
        )
        self.file_menu.addSeparator()
        self.save_action = self._act("&Save", files.save, SK.Save, menu=self.file_menu)
        self.save_as_action = self._act("Save &As…", files.save_as, SK.SaveAs, menu=self.file_menu)
        if not self.save_as_action.shortcuts():
            self.save_as_action.setShortcut(QKeySequence("Ctrl+Shift+S"))
        self.import_menu = QMenu("&Import", w)
        self.import_actions: dict[str, QAction] = {}
        for kind, (label, _filter) in IMPORT_KINDS.items():
            self.import_actions[kind] = self._act(
                label, lambda k=kind: w.imports.start(k), menu=self.import_menu
            )
        self.import_menu.setToolTipsVisible(True)
        self.file_menu.addMenu(self.import_menu)
        self.export_menu = QMenu("&Export", w)
        self.export_actions: dict[str, QAction] = {}
        for fmt in FORMAT_LABELS:
            action = self._act(
                f"{FORMAT_LABELS[fmt]}…",
                lambda _c=False, f=fmt: files.export(f),
                menu=self.export_menu,
            )
            self.export_actions[fmt] = action
        self.export_actions["pdf"].setShortcut(QKeySequence("Ctrl+E"))
        self.export_menu.addSeparator()
        self.customer_action = self._act(
            "&Customer version…", files.check_customer_version, menu=self.export_menu
        )
        self.customer_action.setToolTip(
            "Check what a customer would read, redact what must not go, then export"
        )
        self.file_menu.addMenu(self.export_menu)
        self.merge_action = self._act("&Merge Review…", files.merge_review, menu=self.file_menu)
        self.merge_action.setStatusTip(
            "Bring in a colleague's copy of this review or their own notes, as one undo step"
        )
        self.file_menu.addSeparator()
        self.close_action = self._act(
            "&Close Review", files.close_review, SK.Close, menu=self.file_menu
        )
        self.quit_action = self._act("&Quit", w.close, SK.Quit, menu=self.file_menu)
        if not self.quit_action.shortcuts():
            self.quit_action.setShortcut(QKeySequence("Ctrl+Q"))

        # ------------------------------------------------------------------ Edit
        self.edit_menu = bar.addMenu("&Edit")
        stack = w.controller.undo_stack
        self.undo_action = stack.createUndoAction(w, "Undo")
        self.undo_action.setShortcuts(QKeySequence.keyBindings(SK.Undo))
        self.redo_action = stack.createRedoAction(w, "Redo")
        self.redo_action.setShortcuts(QKeySequence.keyBindings(SK.Redo))
        self.edit_menu.addAction(self.undo_action)
        self.edit_menu.addAction(self.redo_action)
        self.edit_menu.addSeparator()
        self.cut_action = self._act("Cu&t", w.edit_cut, SK.Cut, menu=self.edit_menu)
        self.copy_action = self._act("&Copy", w.edit_copy, SK.Copy, menu=self.edit_menu)
        self.paste_action = self._act("&Paste", w.edit_paste, SK.Paste, menu=self.edit_menu)
        self.delete_action = self._act("&Delete", w.edit_delete, SK.Delete, menu=self.edit_menu)
        self.edit_menu.addSeparator()
        self.find_action = self._act("&Find…", w.show_find, SK.Find, menu=self.edit_menu)

        # ------------------------------------------------------------------ View
        self.view_menu = bar.addMenu("&View")
        self.goto_actions: list[QAction] = []
        for i, (key, title) in enumerate(w.panel_keys):
            action = self._act(
                f"Go to {title}",
                lambda _c=False, k=key: w.go_to_panel(k),
                menu=self.view_menu,
            )
            if i < 9:
                action.setShortcut(QKeySequence(f"Ctrl+{i + 1}"))
            self.goto_actions.append(action)
        self.view_menu.addSeparator()
        self.present_action = self._act(
            "&Presentation Mode", lambda: w.enter_presentation(), menu=self.view_menu
        )
        self.present_action.setShortcut(QKeySequence("F5"))
        self.capture_action = self._act(
            "&Capture Window", w.captureRequested.emit, menu=self.view_menu
        )
        self.capture_action.setShortcut(QKeySequence("Ctrl+Shift+N"))
        self.capture_action.setStatusTip("A small window for jotting notes during an incident")
        self.coach_action = w.coach.action
        self.view_menu.addAction(self.coach_action)
        self.view_menu.addSeparator()
        self.theme_menu = self.view_menu.addMenu("&Theme")
        self.theme_group = QActionGroup(w)
        self.theme_group.setExclusive(True)
        self.theme_actions: dict[str, QAction] = {}
        for name in themes.CHOICES:
            action = self._act(
                themes.CHOICE_LABELS[name],
                lambda _c=False, n=name: w.set_theme(n),
                menu=self.theme_menu,
            )
            action.setCheckable(True)
            self.theme_group.addAction(action)
            self.theme_actions[name] = action
        self.zoom_in_action = self._act("&Larger Text", w.zoom_in, menu=self.view_menu)
        self.zoom_in_action.setShortcuts(
            [QKeySequence("Ctrl+="), *QKeySequence.keyBindings(SK.ZoomIn)]
        )
        self.zoom_out_action = self._act(
            "&Smaller Text", w.zoom_out, SK.ZoomOut, menu=self.view_menu
        )
        self.zoom_reset_action = self._act("&Normal Text Size", w.zoom_reset, menu=self.view_menu)
        self.zoom_reset_action.setShortcut(QKeySequence("Ctrl+0"))

        # ------------------------------------------------------------------ Help
        self.help_menu = bar.addMenu("&Help")
        self.guide_action = self._act(
            "Postmortem &Guide", w.show_guide, SK.HelpContents, menu=self.help_menu
        )
        self.shortcuts_action = self._act(
            "&Keyboard Shortcuts", w.show_shortcuts, menu=self.help_menu
        )
        self.shortcuts_action.setShortcut(QKeySequence("Ctrl+/"))
        self.about_action = self._act(f"&About {APP_NAME}", w.show_about, menu=self.help_menu)
        self.update_theme_checks()

    def _act(self, text, slot, key=None, *, menu: QMenu) -> QAction:  # noqa: ANN001
        action = QAction(text, self.window)
        if key is not None:
            action.setShortcuts(QKeySequence.keyBindings(key))
        action.triggered.connect(lambda _checked=False: slot())
        menu.addAction(action)
        return action

    # ------------------------------------------------------------------ state
    def update_enabled(self) -> None:
        w = self.window
        has = w.has_document
        writable = has and not w.controller.read_only
        for action in (
            self.save_action,
            self.save_as_action,
            self.close_action,
            self.find_action,
            self.present_action,
            *self.goto_actions,
        ):
            action.setEnabled(has)
        self.capture_action.setEnabled(writable)
        self.merge_action.setEnabled(writable)
        self.import_menu.setEnabled(writable)
        for fmt, action in self.export_actions.items():
            action.setEnabled(has and format_available(fmt))
            if not format_available(fmt):
                action.setToolTip("Not available in this version")
        self.export_menu.setEnabled(has)

    def update_theme_checks(self) -> None:
        current = themes.current_choice()
        for name, action in self.theme_actions.items():
            action.setChecked(name == current)

    def fill_recent_menu(self) -> None:
        menu = self.recent_menu
        menu.clear()
        paths = self.window.settings.recent_files()
        for i, path in enumerate(paths):
            p = Path(path)
            action = menu.addAction(f"&{i + 1}  {p.name}   —   {p.parent}" if i < 9 else p.name)
            action.triggered.connect(lambda _c=False, f=path: self.window.files.open_path(f))
        if not paths:
            menu.addAction("No recent reviews").setEnabled(False)
        else:
            menu.addSeparator()
            menu.addAction("Clear the List", self._clear_recent)

    def _clear_recent(self) -> None:
        self.window.settings.clear_recent()
        self.window.files.recentChanged.emit()

    def recover(self) -> None:
        if self.window.files.offer_recovery() == 0:
            self.window.statusBar().showMessage("There are no unsaved reviews to recover", 5000)

    def shortcut_groups(self) -> list[tuple[str, list[QAction]]]:
        return [
            ("File", self.file_menu.actions()),
            ("File ▸ Import", self.import_menu.actions()),
            ("File ▸ Export", self.export_menu.actions()),
            ("Edit", self.edit_menu.actions()),
            ("View", self.view_menu.actions()),
            ("Help", self.help_menu.actions()),
        ]
