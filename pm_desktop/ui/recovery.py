"""Untitled reviews left behind by an earlier run (a crash, a power cut, a forced quit).

Untitled reviews are written to the app-data folder from their first keystroke, so nothing typed
is lost; on the next start they are offered back: open it, save it somewhere, or discard it.
A review still open in a running pm-desktop holds its lock and is not offered.

Signals of :class:`RecoveryDialog`: ``openRequested(str path)`` — the user chose to open one
(the dialog closes); ``saveRequested(str path)`` — keep one at a place the user picks.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pm_desktop.domain.wording import counted
from pm_desktop.store.document import (
    AlreadyOpenError,
    Document,
    OpenError,
    StoreError,
    find_untitled,
)
from pm_desktop.store.lock import FileLock
from pm_desktop.store.recover import remove_review

from . import typography
from .welcome import TwoLineEntry, set_entry_widgets


@dataclass(frozen=True)
class LeftOver:
    path: Path
    title: str
    modified: _dt.datetime
    counts: dict[str, int] = field(default_factory=dict)
    problem: str = ""

    @property
    def summary(self) -> str:
        when = self.modified.strftime("%Y-%m-%d %H:%M")
        if self.problem:
            return f"last changed {when} — {self.problem}"
        c = self.counts
        parts = [
            counted(c.get("events", 0), "timeline event"),
            counted(c.get("whys", 0), "why", "whys"),
            counted(c.get("followups", 0), "follow-up"),
        ]
        return f"last changed {when} · " + ", ".join(parts)


def is_in_use(path: Path) -> bool:
    """True while a running pm-desktop (this one included) has the review open."""
    lock = FileLock(path)
    try:
        lock.acquire()
    except AlreadyOpenError:
        return True
    except OSError:
        return False
    lock.release()
    return False


def leftover_reviews(folder: Path) -> list[LeftOver]:
    """Untitled reviews in ``folder`` that no running instance has open, newest first."""
    found = []
    for path in find_untitled(folder):
        if is_in_use(path):
            continue
        try:
            modified = _dt.datetime.fromtimestamp(path.stat().st_mtime)
        except OSError:
            continue
        try:
            with Document.open(path, read_only=True) as doc:
                found.append(LeftOver(path, doc.review.meta.title, modified, doc.review.counts()))
        except (OpenError, StoreError, OSError) as exc:
            problem = str(exc).split(": ", 1)[-1]
            found.append(LeftOver(path, path.name, modified, problem=problem))
    return found


def discard_leftover(path: Path) -> bool:
    """Delete a left-behind review with its journal (and nothing else), under its lock.
    False if it is in use after all."""
    return remove_review(path)


class RecoveryDialog(QDialog):
    openRequested = Signal(str)
    saveRequested = Signal(str)

    def __init__(self, items: list[LeftOver], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Recover unsaved reviews")
        intro = QLabel(
            "These reviews were never saved under a name, and pm-desktop closed before you "
            "decided what to do with them. Nothing in them was lost."
        )
        intro.setWordWrap(True)
        self.list = QListWidget()
        self.list.setProperty("entries", True)
        self.list.setAccessibleName("Unsaved reviews")
        self.open_button = QPushButton("Open")
        self.save_button = QPushButton("Save As…")
        self.discard_button = QPushButton("Discard…")
        self.later_button = QPushButton("Decide later")
        self.open_button.setDefault(True)
        buttons = QHBoxLayout()
        for b in (self.open_button, self.save_button, self.discard_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.later_button)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)
        self.open_button.clicked.connect(lambda: self._act(self.open_item))
        self.save_button.clicked.connect(lambda: self._act(self.save_item))
        self.discard_button.clicked.connect(lambda: self._act(self._confirm_discard))
        self.later_button.clicked.connect(self.reject)
        self.list.itemActivated.connect(lambda item: self.open_item(self._path(item)))
        self.set_items(items)
        self.resize(620, 380)

    # ------------------------------------------------------------------ content
    def set_items(self, items: list[LeftOver]) -> None:
        self.list.clear()
        for entry in items:
            item = QListWidgetItem()
            item.setData(Qt.ItemDataRole.UserRole, str(entry.path))
            item.setData(Qt.ItemDataRole.AccessibleTextRole, f"{entry.title}, {entry.summary}")
            item.setToolTip(str(entry.path))
            self.list.addItem(item)
            self.list.setItemWidget(item, TwoLineEntry(entry.title, entry.summary))
        typography.apply(self)
        set_entry_widgets(self.list)
        if self.list.count():
            self.list.setCurrentRow(0)
        self._update_buttons()

    def paths(self) -> list[str]:
        return [self._path(self.list.item(i)) for i in range(self.list.count())]

    @staticmethod
    def _path(item: QListWidgetItem) -> str:
        return str(item.data(Qt.ItemDataRole.UserRole))

    def _update_buttons(self) -> None:
        has = self.list.count() > 0
        for b in (self.open_button, self.save_button, self.discard_button):
            b.setEnabled(has)

    def _act(self, action) -> None:  # noqa: ANN001 - a bound method taking a path
        item = self.list.currentItem()
        if item is not None:
            action(self._path(item))

    def _remove(self, path: str) -> None:
        for i in range(self.list.count()):
            if self._path(self.list.item(i)) == path:
                self.list.takeItem(i)
                break
        self._update_buttons()
        if self.list.count() == 0:
            self.accept()

    # ------------------------------------------------------------------ actions
    def open_item(self, path: str) -> None:
        self.openRequested.emit(path)
        self.accept()

    def save_item(self, path: str) -> None:
        self.saveRequested.emit(path)
        if not Path(path).exists():  # saved elsewhere: the scratch copy is gone
            self._remove(path)

    def _confirm_discard(self, path: str) -> None:
        answer = QMessageBox.question(
            self,
            "Discard review",
            "Delete this unsaved review for good? This cannot be undone.",
            QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer == QMessageBox.StandardButton.Discard:
            self.discard_item(path)

    def discard_item(self, path: str) -> bool:
        if discard_leftover(Path(path)):
            self._remove(path)
            return True
        return False
