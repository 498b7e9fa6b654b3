"""The findings pane: the coach's notes for the whole review, grouped by where they are.

It states, it does not nag: a count at the top, the notes below, each with a way to go to the
item and a way to ignore it for that item (an undoable edit stored in the review, so the whole
team sees the same list). "Show ignored" lists ignored notes with "Stop ignoring".

The pane reads the shared :class:`~.index.CoachIndex` and only while it is shown; a hidden pane
catches up when it is shown again.

Signals: ``revealRequested(object)`` — show the item of this :class:`Finding` (the window
routes it to the panel that owns the item).
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPoint, Qt, Signal
from PySide6.QtGui import QAction, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QMenu,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from pm_desktop.domain.coach import Finding

from ..controller import DocumentController
from .delegate import IGNORE_TEXT, UNIGNORE_TEXT, FindingsView
from .index import CoachIndex, coach_index
from .model import GROUPS, FindingsModel, Roles

EMPTY_TEXT = (
    "Nothing to point out. No blaming or hindsight wording, no vague promises, and nothing "
    "essential missing."
)
BUSY_TEXT = "Reading the review…"
INTRO = "Click a note to go to it. Notes are suggestions; ignore any that do not fit."


class CoachPane(QWidget):
    revealRequested = Signal(object)

    def __init__(
        self,
        controller: DocumentController,
        index: CoachIndex | None = None,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.setObjectName("CoachPane")
        self.controller = controller
        self.index = index if index is not None else coach_index(controller)
        self.model = FindingsModel(self.index, self)
        self.view = FindingsView()
        self.view.setModel(self.model)
        self._folded: set[str] = set()
        self._dirty = True

        self.summary = QLabel("")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        font = self.summary.font()
        font.setBold(True)
        self.summary.setFont(font)
        self.intro = QLabel(INTRO)
        self.intro.setWordWrap(True)
        self.intro.setProperty("role", "muted")
        self.ignored_button = QToolButton()
        self.ignored_button.setCheckable(True)
        self.ignored_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.ignored_button.toggled.connect(self.set_show_ignored)
        self.empty = QLabel(EMPTY_TEXT)
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.empty.setProperty("role", "muted")
        self.empty.setContentsMargins(4, 12, 4, 4)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.view)
        self.stack.addWidget(self.empty)

        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.summary, 1)
        top.addWidget(self.ignored_button, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 6, 6)
        layout.setSpacing(6)
        layout.addLayout(top)
        layout.addWidget(self.intro)
        layout.addWidget(self.stack, 1)

        self.view.revealRequested.connect(self._reveal_index)
        self.view.toggleIgnoreRequested.connect(self._toggle_index)
        self.view.collapsed.connect(lambda i: self._folded.add(str(i.data(Roles.Group))))
        self.view.expanded.connect(lambda i: self._folded.discard(str(i.data(Roles.Group))))
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._context_menu)
        self.index.updated.connect(self._on_updated)
        controller.documentReplaced.connect(self._on_document_replaced)
        self._on_document_replaced()

    # ------------------------------------------------------------------ refresh
    def _on_document_replaced(self) -> None:
        self._folded.clear()
        if self.ignored_button.isChecked():
            self.ignored_button.setChecked(False)
        self._on_updated()

    def _on_updated(self) -> None:
        self._dirty = True
        if self.isVisible():
            self.refresh()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        if self._dirty:
            self.refresh()

    def refresh(self) -> None:
        """Read the index again (cheap: the index did the checking)."""
        self._dirty = False
        self.view.note_delegate.links = not self.controller.read_only
        self.model.refresh()
        for row, group in enumerate(GROUPS):
            count = self.model.count(group)
            self.view.setRowHidden(row, QModelIndex(), count == 0)
            if count and group not in self._folded:
                self.view.expand(self.model.index(row, 0))
        findings = self.index.findings()
        warnings = sum(1 for f in findings if f.severity == "warning")
        others = len(findings) - warnings
        if not findings:
            self.summary.setText("No notes" if not self.index.busy else BUSY_TEXT)
        else:
            bits = [f"{warnings} warning{'s' if warnings != 1 else ''}"] if warnings else []
            if others:
                bits.append(f"{others} worth a look")
            self.summary.setText(" · ".join(bits))
        ignored = len(self.index.ignored_findings())
        self.ignored_button.setText(f"Show ignored ({ignored})")
        self.ignored_button.setEnabled(bool(ignored) or self.ignored_button.isChecked())
        shown = bool(findings) or (self.model.show_ignored and ignored > 0)
        self.empty.setText(BUSY_TEXT if self.index.busy and not findings else EMPTY_TEXT)
        self.stack.setCurrentWidget(self.view if shown else self.empty)
        self.intro.setVisible(bool(findings))

    def set_show_ignored(self, on: bool) -> None:
        if self.ignored_button.isChecked() != on:
            self.ignored_button.setChecked(on)  # comes back here through toggled
            return
        self.model.set_show_ignored(on)
        self.refresh()
        if on and self.model.count("ignored"):
            self.view.scrollTo(self.model.group_index("ignored"))

    # ------------------------------------------------------------------ acting on a note
    def finding_at(self, index: QModelIndex) -> Finding | None:
        value = index.data(Roles.Finding) if index.isValid() else None
        return value if isinstance(value, Finding) else None

    def _reveal_index(self, index: QModelIndex) -> None:
        finding = self.finding_at(index)
        if finding is not None:
            self.revealRequested.emit(finding)

    def _toggle_index(self, index: QModelIndex) -> None:
        finding = self.finding_at(index)
        if finding is None:
            return
        if bool(index.data(Roles.Ignored)):
            self.stop_ignoring(finding)
        else:
            self.ignore(finding)

    def ignore(self, finding: Finding) -> bool:
        """Ignore ``finding`` for its item: one undoable edit of ``coach_ignored``."""
        edit = self.index.ignore_edit(finding)
        return edit is not None and self.controller.push(edit) is not None

    def stop_ignoring(self, finding: Finding) -> bool:
        edit = self.index.unignore_edit(finding)
        return edit is not None and self.controller.push(edit) is not None

    def _context_menu(self, pos: QPoint) -> None:
        index = self.view.indexAt(pos)
        finding = self.finding_at(index)
        if finding is None:
            return
        menu = QMenu(self)
        menu.addAction("Show", lambda: self.revealRequested.emit(finding))
        if not self.controller.read_only:
            if bool(index.data(Roles.Ignored)):
                menu.addAction(UNIGNORE_TEXT, lambda: self.stop_ignoring(finding))
            else:
                menu.addAction(IGNORE_TEXT, lambda: self.ignore(finding))
        if finding.suggestion:
            copy = QAction("Copy the Suggestion", menu)
            copy.triggered.connect(lambda: QApplication.clipboard().setText(finding.suggestion))
            menu.addAction(copy)
        menu.popup(self.view.viewport().mapToGlobal(pos))
