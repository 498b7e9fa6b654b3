"""Editable checklists for the follow-up editor: acceptance criteria and linked why nodes.

Signals (:class:`CriteriaEditor`): ``changed()`` — a criterion was added, removed, moved,
ticked or retyped.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pm_desktop.domain.model import MAX_LINE, Criterion, Review
from pm_desktop.domain.palette import WHY_SWATCHES

ID_ROLE = Qt.ItemDataRole.UserRole + 1


class CriteriaEditor(QWidget):
    """A list of criteria: tick with Space or a click, retype with F2 or a double-click, reorder
    with the buttons or by dragging."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.list = QListWidget()
        self.list.setAccessibleName("Acceptance criteria")
        self.list.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.list.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.list.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.SelectedClicked
        )
        self.list.setWordWrap(True)
        # Bound methods, not lambdas capturing self: PySide ties a bound method's connection to
        # the receiver's lifetime; a lambda keeps the widget alive past its C++ deletion.
        self.list.itemChanged.connect(self._changed)
        self.list.model().rowsMoved.connect(self._changed)
        self.add_button = QPushButton("Add")
        self.add_button.setToolTip("Add a criterion: something anyone can check is true")
        self.remove_button = QPushButton("Remove")
        self.up_button = QPushButton("Up")
        self.down_button = QPushButton("Down")
        self.add_button.clicked.connect(self.add_new)
        self.remove_button.clicked.connect(self.remove_current)
        self.up_button.clicked.connect(self.move_up)
        self.down_button.clicked.connect(self.move_down)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.remove_button, self.up_button, self.down_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)

    def _changed(self, *_args: object) -> None:
        self.changed.emit()

    def add_new(self) -> None:
        """Add an empty criterion and start typing into it."""
        self.add("", edit=True)

    def move_up(self) -> None:
        self.move_current(-1)

    def move_down(self) -> None:
        self.move_current(1)

    def set_criteria(self, criteria: Iterable[Criterion]) -> None:
        self.list.clear()
        for criterion in criteria:
            self.add(criterion.text, criterion.done)

    def add(self, text: str, done: bool = False, *, edit: bool = False) -> QListWidgetItem:
        item = QListWidgetItem(text)
        item.setFlags(
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemIsEditable
            | Qt.ItemFlag.ItemIsUserCheckable
            | Qt.ItemFlag.ItemIsDragEnabled
        )
        item.setCheckState(Qt.CheckState.Checked if done else Qt.CheckState.Unchecked)
        self.list.addItem(item)
        if edit:
            self.list.setCurrentItem(item)
            self.list.editItem(item)
        self.changed.emit()
        return item

    def remove_current(self) -> None:
        row = self.list.currentRow()
        if row >= 0:
            self.list.takeItem(row)
            self.changed.emit()

    def move_current(self, delta: int) -> None:
        row = self.list.currentRow()
        target = row + delta
        if row < 0 or not 0 <= target < self.list.count():
            return
        item = self.list.takeItem(row)
        self.list.insertItem(target, item)
        self.list.setCurrentRow(target)
        self.changed.emit()

    def criteria(self) -> tuple[Criterion, ...]:
        """The criteria in list order; blank ones are left out, long ones cut to the limit."""
        out = []
        for row in range(self.list.count()):
            item = self.list.item(row)
            text = " ".join(item.text().split())[:MAX_LINE]
            if text:
                out.append(Criterion(text, item.checkState() == Qt.CheckState.Checked))
        return tuple(out)


class WhyPicker(QListWidget):
    """The review's why nodes to tick: root causes first (★), then every other node."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setAccessibleName("Root causes this follow-up addresses")
        self.setWordWrap(True)
        self.setUniformItemSizes(False)

    def set_review(self, review: Review, linked: Iterable[str]) -> None:
        self.clear()
        chosen = set(linked)
        roots = review.root_causes()
        others = [w for w in review.sorted_whys() if not w.root_cause]
        if roots:
            self._heading("Root causes")
            for node in roots:
                text = " ".join(node.text.split()) or "?"
                self._node(node.id, f"{WHY_SWATCHES['root_cause'].symbol} {text}", chosen)
        if others:
            self._heading("Other answers in the 5 whys")
            for node in others:
                depth = len(review.ancestors(node.id))
                text = " ".join(node.text.split()) or "?"
                level = "Problem" if depth == 0 else f"Why {depth}"
                self._node(node.id, f"{level} · {text}", chosen)
        if not roots and not others:
            self._heading("The 5 whys are still empty: add answers there first.")

    def _heading(self, text: str) -> None:
        item = QListWidgetItem(text)
        item.setFlags(Qt.ItemFlag.NoItemFlags)
        font = item.font()
        font.setBold(True)
        item.setFont(font)
        self.addItem(item)

    def _node(self, why_id: str, text: str, chosen: set[str]) -> None:
        item = QListWidgetItem(text)
        item.setData(ID_ROLE, why_id)
        item.setToolTip(text.strip())
        item.setFlags(
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemIsUserCheckable
        )
        item.setCheckState(Qt.CheckState.Checked if why_id in chosen else Qt.CheckState.Unchecked)
        self.addItem(item)

    def item_for(self, why_id: str) -> QListWidgetItem | None:
        for row in range(self.count()):
            if self.item(row).data(ID_ROLE) == why_id:
                return self.item(row)
        return None

    def checked_ids(self, keep_order: Iterable[str] = ()) -> tuple[str, ...]:
        """Ticked node ids: those in ``keep_order`` first (in that order), then new ones."""
        ticked = []
        for row in range(self.count()):
            item = self.item(row)
            why_id = item.data(ID_ROLE)
            if why_id and item.checkState() == Qt.CheckState.Checked:
                ticked.append(why_id)
        first = [w for w in keep_order if w in ticked]
        return tuple(first + [w for w in ticked if w not in first])
