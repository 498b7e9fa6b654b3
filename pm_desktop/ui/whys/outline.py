"""The worksheet view: the same why trees as an indented outline, for people who prefer text.

:class:`WhyOutlineModel` is a tree model over the in-memory review (no SQL per ``data()`` call).
It refreshes from the controller's changes: a change that keeps the shape of the trees (text,
flags, follow-ups) becomes ``dataChanged`` for the rows that differ; a change of shape resets
the model, and :class:`WhyOutlineView` restores what the user had folded and selected.

Editing the *Answer* column or ticking *Root cause* / *Confirmed* pushes an edit through the
controller, so the canvas shows it at once and undo covers it.

Signals (``WhyOutlineView``):

- ``currentNodeChanged(str)`` — the user selected a row (node id).
"""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractItemModel,
    QEvent,
    QModelIndex,
    QObject,
    QRect,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetrics
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QPlainTextEdit,
    QStyledItemDelegate,
    QTreeView,
    QWidget,
)

from pm_desktop.domain import whys
from pm_desktop.domain.edits import Change, update
from pm_desktop.domain.palette import DUE_SWATCHES
from pm_desktop.domain.whys import OutlineRow

from .. import themes

COLUMNS = ("Step", "Answer", "Root cause", "Confirmed", "Category", "Follow-ups", "Evidence")
STEP, ANSWER, ROOT, CONFIRMED, CATEGORY, FOLLOWUPS, EVIDENCE = range(len(COLUMNS))
NODE_ID_ROLE = Qt.ItemDataRole.UserRole + 1
NO_PARENT = QModelIndex()  # read-only default argument


class WhyOutlineModel(QAbstractItemModel):
    def __init__(self, controller, parent: QObject | None = None):
        super().__init__(parent)
        self.controller = controller
        self._rows: dict[str, OutlineRow] = {}
        self._children: dict[str | None, list[str]] = {}
        self._key: dict[str, int] = {}
        self._ids: dict[int, str] = {}
        self._load()

    # ------------------------------------------------------------------ mirror
    def _snapshot(self) -> tuple[dict[str, OutlineRow], dict[str | None, list[str]]]:
        rows = {r.id: r for r in whys.outline_rows(self.controller.review)}
        children: dict[str | None, list[str]] = {None: []}
        for row in rows.values():  # outline_rows is already in sibling order
            children.setdefault(row.parent_id, []).append(row.id)
        return rows, children

    def _load(self) -> None:
        self._rows, self._children = self._snapshot()
        for node_id in self._rows:
            if node_id not in self._key:
                key = len(self._key) + 1
                self._key[node_id] = key
                self._ids[key] = node_id

    def refresh(self, change: Change | None = None) -> None:
        if change is not None and not (change.touches("whys") or change.touches("followups")):
            return
        rows, children = self._snapshot()
        if children != self._children:
            self.beginResetModel()
            self._load()
            self.endResetModel()
            return
        old, self._rows = self._rows, rows
        for node_id, row in rows.items():
            if old.get(node_id) != row:
                left = self.index_for(node_id)
                right = left.siblingAtColumn(len(COLUMNS) - 1)
                self.dataChanged.emit(left, right, [])

    def reset(self) -> None:
        self.beginResetModel()
        self._key.clear()
        self._ids.clear()
        self._load()
        self.endResetModel()

    # ------------------------------------------------------------------ structure
    def node_id(self, index: QModelIndex) -> str | None:
        if not index.isValid():
            return None
        return self._ids.get(index.internalId())

    def index_for(self, node_id: str, column: int = 0) -> QModelIndex:
        row = self._rows.get(node_id)
        if row is None:
            return QModelIndex()
        siblings = self._children.get(row.parent_id, [])
        return self.createIndex(siblings.index(node_id), column, self._key[node_id])

    def index(self, row: int, column: int, parent: QModelIndex = NO_PARENT) -> QModelIndex:
        if parent.isValid() and parent.column() != 0:
            return QModelIndex()
        kids = self._children.get(self.node_id(parent), [])
        if 0 <= row < len(kids) and 0 <= column < len(COLUMNS):
            return self.createIndex(row, column, self._key[kids[row]])
        return QModelIndex()

    def parent(self, index: QModelIndex | None = None):  # type: ignore[override]
        if index is None:  # QObject.parent()
            return super().parent()
        node_id = self.node_id(index)
        if node_id is None:
            return QModelIndex()
        parent_id = self._rows[node_id].parent_id
        return QModelIndex() if parent_id is None else self.index_for(parent_id)

    def rowCount(self, parent: QModelIndex = NO_PARENT) -> int:  # noqa: N802 - Qt's name
        if parent.isValid() and parent.column() != 0:
            return 0
        return len(self._children.get(self.node_id(parent), []))

    def columnCount(self, parent: QModelIndex = NO_PARENT) -> int:  # noqa: N802 - Qt's name
        return len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            if 0 <= section < len(COLUMNS):
                return COLUMNS[section]
        return None

    # ------------------------------------------------------------------ data
    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.controller.read_only:
            return base
        if index.column() == ANSWER:
            return base | Qt.ItemFlag.ItemIsEditable
        if index.column() in (ROOT, CONFIRMED):
            return base | Qt.ItemFlag.ItemIsUserCheckable
        return base

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: C901
        node_id = self.node_id(index)
        if node_id is None:
            return None
        row = self._rows[node_id]
        col = index.column()
        R = Qt.ItemDataRole
        if role == NODE_ID_ROLE:
            return node_id
        if role == R.DisplayRole:
            return self._display(row, col)
        if role == R.EditRole and col == ANSWER:
            return row.text
        if role == R.CheckStateRole:
            if col == ROOT:
                return Qt.CheckState.Checked if row.root_cause else Qt.CheckState.Unchecked
            if col == CONFIRMED:
                confirmed = row.status == "confirmed"
                return Qt.CheckState.Checked if confirmed else Qt.CheckState.Unchecked
        if role == R.ToolTipRole and col == ANSWER:
            return row.text or "Not known yet: ask the room why."
        if role == R.ToolTipRole and col == FOLLOWUPS and row.needs_followup:
            return "This root cause has no follow-up yet. Create one so the fix has an owner."
        if role == R.FontRole and (row.depth == 0 or (col == ANSWER and row.root_cause)):
            font = QFont()
            font.setBold(True)
            return font
        if role == R.ForegroundRole and col == ANSWER and row.unknown:
            return QBrush(QColor(themes.colors().muted))
        if role == R.BackgroundRole and col == FOLLOWUPS and row.needs_followup:
            return QBrush(QColor(DUE_SWATCHES["soon"].dark))
        if role == R.ForegroundRole and col == FOLLOWUPS and row.needs_followup:
            return QBrush(QColor(themes.TREE.on_amber))
        if role == R.AccessibleTextRole:
            return f"{row.heading}: {self._display(row, ANSWER)}"
        return None

    def _display(self, row: OutlineRow, col: int) -> str | None:
        if col == STEP:
            return row.heading
        if col == ANSWER:
            return "? not known yet" if row.unknown else row.text
        if col == CATEGORY:
            return row.category
        if col == FOLLOWUPS:
            if row.needs_followup:
                return "⚠ needs a follow-up"
            return str(row.followups) if row.followups else ""
        if col == EVIDENCE:
            return str(row.evidence) if row.evidence else ""
        return None

    def setData(self, index: QModelIndex, value, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        node = self.controller.review.whys.get(self.node_id(index) or "")
        if node is None or not (
            self.flags(index) & (Qt.ItemFlag.ItemIsEditable | Qt.ItemFlag.ItemIsUserCheckable)
        ):
            return False
        col = index.column()
        if col == ANSWER and role == Qt.ItemDataRole.EditRole:
            text = str(value).strip()
            if text == node.text:
                return True
            return self.controller.push(update(node, label="Edit why", text=text)) is not None
        if role == Qt.ItemDataRole.CheckStateRole and col in (ROOT, CONFIRMED):
            checked = Qt.CheckState(value) == Qt.CheckState.Checked
            if col == ROOT:
                label = "Mark as root cause" if checked else "Unmark root cause"
                return (
                    self.controller.push(update(node, label=label, root_cause=checked)) is not None
                )
            status = "confirmed" if checked else "possible"
            label = "Mark why confirmed" if checked else "Mark why possible"
            return self.controller.push(update(node, label=label, status=status)) is not None
        return False


class AnswerDelegate(QStyledItemDelegate):
    """A multi-line editor for answers: Enter commits, Shift+Enter starts a new line."""

    def createEditor(self, parent: QWidget, option, index: QModelIndex) -> QWidget:  # noqa: N802
        editor = QPlainTextEdit(parent)
        editor.setTabChangesFocus(True)
        editor.installEventFilter(self)
        return editor

    def setEditorData(self, editor: QWidget, index: QModelIndex) -> None:  # noqa: N802
        editor.setPlainText(index.data(Qt.ItemDataRole.EditRole) or "")
        editor.selectAll()

    def setModelData(self, editor: QWidget, model, index: QModelIndex) -> None:  # noqa: N802
        model.setData(index, editor.toPlainText(), Qt.ItemDataRole.EditRole)

    def sizeHint(self, option, index: QModelIndex) -> QSize:  # noqa: N802 - Qt's name
        """Tall enough for the wrapped answer at the column's current width."""
        size = super().sizeHint(option, index)
        view = self.parent()
        width = view.columnWidth(ANSWER) - 10 if isinstance(view, QTreeView) else 400
        font = index.data(Qt.ItemDataRole.FontRole) or option.font
        text = index.data(Qt.ItemDataRole.DisplayRole) or ""
        bounds = QFontMetrics(font).boundingRect(
            QRect(0, 0, max(width, 40), 1_000_000), Qt.TextFlag.TextWordWrap, text
        )
        return QSize(size.width(), max(size.height(), bounds.height() + 8))

    def updateEditorGeometry(self, editor: QWidget, option, index: QModelIndex) -> None:  # noqa: N802
        rect = option.rect
        rect.setHeight(max(rect.height(), editor.fontMetrics().lineSpacing() * 3 + 10))
        editor.setGeometry(rect)

    def eventFilter(self, editor: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.KeyPress and isinstance(editor, QPlainTextEdit):
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                if event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
                    editor.insertPlainText("\n")
                else:
                    self.commitData.emit(editor)
                    self.closeEditor.emit(editor, QStyledItemDelegate.EndEditHint.NoHint)
                return True
        return super().eventFilter(editor, event)


class WhyOutlineView(QTreeView):
    currentNodeChanged = Signal(str)

    def __init__(self, model: WhyOutlineModel, parent: QWidget | None = None):
        super().__init__(parent)
        self._folded: set[str] = set()
        self._keep = ""
        self._quiet = False
        self.setModel(model)
        self.setItemDelegateForColumn(ANSWER, AnswerDelegate(self))
        self.setAlternatingRowColors(True)
        self.setWordWrap(True)
        self.setUniformRowHeights(False)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.SelectedClicked
        )
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(ANSWER, QHeaderView.ResizeMode.Stretch)
        # Fixed widths from the font, not ResizeToContents: that re-reads every row on every
        # change, which costs seconds on a big tree.
        fm = self.fontMetrics()
        pad = fm.averageCharWidth() * 3
        widths = {
            STEP: fm.horizontalAdvance("Why 10 · A1a") + 5 * self.indentation() + pad,
            ROOT: fm.horizontalAdvance(COLUMNS[ROOT]) + pad,
            CONFIRMED: fm.horizontalAdvance(COLUMNS[CONFIRMED]) + pad,
            CATEGORY: fm.horizontalAdvance("communication") + pad,
            FOLLOWUPS: fm.horizontalAdvance("⚠ needs a follow-up") + pad,
            EVIDENCE: fm.horizontalAdvance(COLUMNS[EVIDENCE]) + pad,
        }
        for col, width in widths.items():
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(col, width)
        header.sectionResized.connect(self._on_section_resized)
        model.modelAboutToBeReset.connect(self._before_reset)
        model.modelReset.connect(self._after_reset)
        self.collapsed.connect(self._on_collapsed)
        self.expanded.connect(self._on_expanded)
        self.selectionModel().currentRowChanged.connect(self._on_current)
        self.expandAll()

    def outline_model(self) -> WhyOutlineModel:
        return self.model()  # type: ignore[return-value]

    def _on_section_resized(self, section: int, _old: int, _new: int) -> None:
        if section == ANSWER:  # wrapped answers change height with the column's width
            self.scheduleDelayedItemsLayout()

    def _on_collapsed(self, index: QModelIndex) -> None:
        if not self._quiet:
            self._folded.add(self.outline_model().node_id(index) or "")

    def _on_expanded(self, index: QModelIndex) -> None:
        if not self._quiet:
            self._folded.discard(self.outline_model().node_id(index) or "")

    def _before_reset(self) -> None:
        self._keep = self.outline_model().node_id(self.currentIndex()) or ""

    def _after_reset(self) -> None:
        model = self.outline_model()
        folded = set(self._folded)
        self._quiet = True
        try:
            self.expandAll()
            for node_id in folded:
                index = model.index_for(node_id)
                if index.isValid():
                    self.collapse(index)
                else:
                    self._folded.discard(node_id)
            if self._keep:
                self.select_node(self._keep)
        finally:
            self._quiet = False

    def select_node(self, node_id: str) -> None:
        index = self.outline_model().index_for(node_id)
        if not index.isValid() or index == self.currentIndex():
            return
        was, self._quiet = self._quiet, True
        try:
            self.setCurrentIndex(index)
            self.scrollTo(index)
        finally:
            self._quiet = was

    def _on_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not self._quiet:
            self.currentNodeChanged.emit(self.outline_model().node_id(current) or "")
