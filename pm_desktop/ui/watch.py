"""A read-only window follows the file its owner keeps changing.

When another window (ours or another pm-desktop's) has a review open for writing, this window
shows it read-only. Every edit the owner makes is committed to the file at once, so watching the
file is enough: on a change (debounced, because one edit touches the file more than once) the
review is opened again, read-only, and the selection in each panel is kept where its item still
exists. A reload that fails (the owner mid-write) is tried once more a moment later.

Signals:

- ``reloaded()`` — the window now shows the file as it is on disk.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication, QWidget

from pm_desktop.domain.model import ENTITY_TYPES
from pm_desktop.store.document import Document, OpenError, StoreError
from pm_desktop.store.opening import UntrustedFile

from .controller import DocumentController

RELOAD_FAILURES = (OpenError, StoreError, UntrustedFile, OSError, sqlite3.Error, ValueError)

DEBOUNCE_MS = 400
RETRY_MS = 1500


def same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return False


def owner_window(path: Path, asking: QWidget | None = None) -> QWidget | None:
    """The window of this app that has ``path`` open for writing, if there is one."""
    for widget in QApplication.topLevelWidgets():
        controller = getattr(widget, "controller", None)
        if widget is asking or not isinstance(controller, DocumentController):
            continue
        doc = controller.document
        if doc is not None and not doc.read_only and same_file(doc.path, path):
            return widget
    return None


def bring_forward(window: QWidget) -> None:
    if window.isMinimized():
        window.showNormal()
    window.show()
    window.raise_()
    window.activateWindow()


class ReadOnlyFollower(QObject):
    """Reloads a read-only review when its file changes (see the module docstring)."""

    reloaded = Signal()

    def __init__(
        self,
        controller: DocumentController,
        panels: Callable[[], Iterable[object]] = tuple,
        parent: QObject | None = None,
    ):
        super().__init__(parent)
        self.controller = controller
        self._panels = panels
        self._watcher = QFileSystemWatcher(self)
        self._watcher.fileChanged.connect(self._on_file_changed)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.reload)
        self._retried = False
        controller.documentReplaced.connect(self._follow)

    @property
    def watched(self) -> list[str]:
        return self._watcher.files()

    def _follow(self) -> None:
        if self._watcher.files():
            self._watcher.removePaths(self._watcher.files())
        doc = self.controller.document
        if doc is not None and doc.read_only and not doc.untitled and doc.path.exists():
            self._watcher.addPath(str(doc.path))

    def _on_file_changed(self, path: str) -> None:
        # A file replaced by rename drops out of the watch list: watch its new inode again.
        if path not in self._watcher.files() and Path(path).exists():
            self._watcher.addPath(path)
        self._retried = False
        self._timer.start(DEBOUNCE_MS)

    def reload(self) -> bool:
        """Open the file again, read-only, keeping the selection; False when it cannot be."""
        old = self.controller.document
        if old is None or not old.read_only or old.untitled:
            return False
        try:
            fresh = Document.open(old.path, read_only=True)
        except RELOAD_FAILURES:
            if not self._retried:
                self._retried = True
                self._timer.start(RETRY_MS)
            return False
        kept = self._selection()
        self.controller.set_document(fresh)
        old.close()
        self._restore(kept)
        self.reloaded.emit()
        return True

    def _selection(self) -> list[tuple[object, list[str]]]:
        kept = []
        for panel in self._panels():
            ids = getattr(panel, "selected_ids", None)
            if callable(ids):
                kept.append((panel, list(ids())))
        return kept

    def _restore(self, kept: list[tuple[object, list[str]]]) -> None:
        review = self.controller.review
        for panel, ids in kept:
            for item_id in ids:
                where = next((c for c in ENTITY_TYPES if item_id in review.collection(c)), None)
                if where is not None and panel.select_item(where, item_id):  # type: ignore[attr-defined]
                    break
