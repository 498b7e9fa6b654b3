"""File ▸ Merge review…: the preview of a merge, with a choice for every conflict.

The dialog shows what the plan (:func:`pm_desktop.domain.merge.plan_merge`) would do: how many
items of each kind come in, how many duplicates become one, and one row per item both files
changed, with both versions side by side and a "Keep mine" / "Take theirs" choice. It changes
nothing itself; :func:`run_merge` applies the plan as one undo step once the user says Merge.

Signals: none beyond QDialog's.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pm_desktop.domain import timeutil
from pm_desktop.domain.merge import KIND_NOUNS, Conflict, Key, MergePlan, describe_conflict
from pm_desktop.domain.wording import counted
from pm_desktop.ingest import merge_review
from pm_desktop.store.document import Document, OpenError, StoreError

KEEP_MINE, TAKE_THEIRS = "Keep mine", "Take theirs"
SHOWN_CHARS = 200


def _value_text(value: Any, field: str, zone: str) -> str:
    if value is None or value == "" or value == ():
        return "(empty)"
    if field == "time" and isinstance(value, str):
        return f"{timeutil.format_time(value, zone)} {timeutil.zone_label(zone, value)}"
    if isinstance(value, tuple):
        value = ", ".join(str(getattr(v, "text", v)) for v in value)
    text = " ".join(str(value).split())
    return text if len(text) <= SHOWN_CHARS else text[: SHOWN_CHARS - 1] + "…"


def version_text(conflict: Conflict, mine: bool, zone: str) -> str:
    """One version of a conflicting item: each differing field and its value."""
    if conflict.collection == "review":
        return _value_text(conflict.mine if mine else conflict.theirs, conflict.key, zone)
    item = conflict.mine if mine else conflict.theirs
    names = conflict.differing_fields()
    if len(names) == 1:
        return _value_text(getattr(item, names[0]), names[0], zone)
    return "\n".join(
        f"{n.replace('_', ' ')}: {_value_text(getattr(item, n), n, zone)}" for n in names
    )


def item_label(conflict: Conflict, zone: str) -> str:
    """The first column: which item, and which of its fields differ."""
    name = describe_conflict(conflict, zone, fields=False)
    if conflict.collection == "events":  # its text is in the next two columns already
        name = name.split(" “", 1)[0]
    name = name[:1].upper() + name[1:]
    if conflict.collection == "review":
        return name
    differ = ", ".join(f.replace("_", " ") for f in conflict.differing_fields())
    return f"{name}\nDiffers in: {differ}" if differ else name


class MergeDialog(QDialog):
    """The preview. After ``exec()``, :meth:`take_theirs` says which conflicts take the other
    file's version."""

    def __init__(self, plan: MergePlan, zone: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.plan = plan
        self.setWindowTitle(f"Merge {plan.name}")
        self.setObjectName("mergeDialog")
        layout = QVBoxLayout(self)

        self.summary_label = QLabel(self._summary_text())
        self.summary_label.setWordWrap(True)
        self.summary_label.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.summary_label)
        layout.addSpacing(8)

        self.conflict_label = QLabel()
        self.conflict_label.setWordWrap(True)
        self.conflict_label.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.conflict_label)
        self.table = QTableWidget(len(plan.conflicts), 4, self)
        self.table.setHorizontalHeaderLabels(["Item", "This review", plan.name, "Choice"])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        for column in (0, 1, 2):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)
        # A check box per row rather than a combo box: thousands of combo widgets take seconds
        # to build, items cost nothing. Unticked keeps this review's version.
        for row, conflict in enumerate(plan.conflicts):
            self.table.setItem(row, 0, QTableWidgetItem(item_label(conflict, zone)))
            self.table.setItem(row, 1, QTableWidgetItem(version_text(conflict, True, zone)))
            self.table.setItem(row, 2, QTableWidgetItem(version_text(conflict, False, zone)))
            choice = QTableWidgetItem(TAKE_THEIRS)
            choice.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
            choice.setCheckState(Qt.CheckState.Unchecked)
            choice.setToolTip("Tick to take the other file's version of this item")
            self.table.setItem(row, 3, choice)
        self.table.itemChanged.connect(self._choice_changed)
        layout.addWidget(self.table, 1)
        self.table.setVisible(bool(plan.conflicts))

        row_of_buttons = QHBoxLayout()
        self.all_mine = QPushButton("Keep all mine")
        self.all_theirs = QPushButton("Take all theirs")
        self.all_mine.clicked.connect(lambda: self._choose_all(False))
        self.all_theirs.clicked.connect(lambda: self._choose_all(True))
        for button in (self.all_mine, self.all_theirs):
            button.setVisible(len(plan.conflicts) > 1)
            row_of_buttons.addWidget(button)
        row_of_buttons.addStretch(1)
        layout.addLayout(row_of_buttons)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.merge_button = self.buttons.addButton("Merge", QDialogButtonBox.ButtonRole.AcceptRole)
        self.merge_button.setEnabled(bool(plan.edits or plan.conflicts))
        self.merge_button.setDefault(True)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self._update_conflict_label()
        self.resize(900, 420 if plan.conflicts else 200)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        # Row heights follow the wrapped text only once the columns have their widths.
        self.table.resizeRowsToContents()

    def _summary_text(self) -> str:
        plan = self.plan
        if not plan.added_total:
            lines = [f"Nothing new comes in from {plan.name}: everything in it is here already."]
        else:
            kinds = [
                counted(plan.added[kind], *KIND_NOUNS[kind])
                for kind in KIND_NOUNS
                if plan.added[kind]
            ]
            lines = [f"From {plan.name} this review gets {', '.join(kinds)}."]
        if plan.duplicates and plan.edits:
            lines.append(
                f"{counted(plan.duplicates, 'item')} written in both files "
                "(the same moment, person or screenshot) become one, keeping both authors."
            )
        lines.append("Everything comes in as one step: Edit ▸ Undo takes the whole merge back.")
        return "\n\n".join(lines)

    def _update_conflict_label(self) -> None:
        n = len(self.plan.conflicts)
        if not n:
            self.conflict_label.setText("No item was changed differently in the two files.")
            return
        theirs = len(self.take_theirs())
        self.conflict_label.setText(
            f"{counted(n, 'item')} changed differently in the two files. Unticked rows keep "
            f"this review's version, ticked rows take {self.plan.name}'s "
            f"({counted(n - theirs, 'mine', 'mine')}, {theirs} theirs)."
        )

    def _choice_changed(self, item: QTableWidgetItem) -> None:
        if item.column() == 3:
            self._update_conflict_label()

    def _choose_all(self, theirs: bool) -> None:
        for row in range(self.table.rowCount()):
            self.choose(row, theirs)

    def choose(self, row: int, theirs: bool) -> None:
        state = Qt.CheckState.Checked if theirs else Qt.CheckState.Unchecked
        item = self.table.item(row, 3)
        if item.checkState() != state:
            item.setCheckState(state)

    def choice_text(self, row: int) -> str:
        """``Keep mine`` or ``Take theirs``: what the row's box means now."""
        checked = self.table.item(row, 3).checkState() == Qt.CheckState.Checked
        return TAKE_THEIRS if checked else KEEP_MINE

    def take_theirs(self) -> set[Key]:
        return {
            conflict.ref
            for row, conflict in enumerate(self.plan.conflicts)
            if self.table.item(row, 3).checkState() == Qt.CheckState.Checked
        }


def run_merge(
    document: Document,
    path: str | Path,
    ask: Callable[[MergeDialog], bool],
    push: Callable[[Any], Any],
    parent: QWidget | None = None,
) -> str:
    """Read ``path``, show the preview through ``ask`` and, when it says yes, apply the merge
    with ``push`` (the controller's, so it is one undo step). Returns the line for the status
    bar ("" when cancelled); raises :class:`OpenError`/:class:`StoreError` with one line."""
    with merge_review.read_other(document, path) as other:
        plan = merge_review.plan(document, other)
        dialog = MergeDialog(plan, document.review.meta.display_tz, parent)
        try:
            if not ask(dialog):
                return ""
            taken = dialog.take_theirs()
        finally:
            dialog.deleteLater()
        change = merge_review.apply(document, other, plan, taken, push=push)
    if change is None:
        return ""
    return f"Merged {plan.name}: {plan.summary(len(taken))}"


__all__ = ["MergeDialog", "OpenError", "StoreError", "run_merge", "version_text"]
