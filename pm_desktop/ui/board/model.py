"""The board's Qt model: four columns (To do, In progress, Done, Won't do), each holding cards.

A two-level tree, so one model serves four list views (each shows one column through
``setRootIndex``) and a drag from one column to another is a drop on the same model. The model
is a thin adapter over the in-memory review: it keeps only the ordered card ids each column
shows (after the filter) and reads everything else from ``controller.review`` in ``data()``.

After every document change it brings its id lists in line with the review using row
removals, moves and insertions (never a reset), so selection and scroll positions survive edits
made elsewhere. Drops turn into one edit pushed through the controller (``moves.move_cards`` for
cards, ``clipboard.cards_from_text`` for dropped text).

Signals:

- ``synced()`` — the rows now match the review and filter (headers and counts can refresh).
"""

from __future__ import annotations

import datetime as _dt
import json
from dataclasses import dataclass, replace
from urllib.parse import urlsplit

from PySide6.QtCore import (
    QAbstractItemModel,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from pm_desktop.domain.board_filter import BoardFilter, Clock, due_state, due_words, today_in_zone
from pm_desktop.domain.board_moves import move_cards
from pm_desktop.domain.edits import Change, only_position_differs
from pm_desktop.domain.followup_quality import missing_parts
from pm_desktop.domain.links import classify_url, is_safe_url
from pm_desktop.domain.model import (
    FOLLOWUP_STATUS_LABELS,
    FOLLOWUP_STATUSES,
    FollowUp,
    Review,
)

from ..controller import DocumentController
from . import clipboard, coach_hints
from .clipboard import CARD_MIME

__all__ = [
    "CARD_MIME",
    "FOLLOWUP_STATUS_LABELS",
    "FOLLOWUP_STATUSES",
    "BoardModel",
    "CardView",
    "Roles",
]

TEXT_MIME = "text/plain"

_ROOT = QModelIndex()  # the invisible root (an immutable, invalid index)
_TOP = 0xFFFF  # internal id of a column item; a card's internal id is its column number

PRIORITY_LABELS = {"high": "High", "medium": "Medium", "low": "Low", "": ""}
TYPE_LABELS = {"mitigate": "Mitigate", "prevent": "Prevent", "process": "Process", "": ""}


class Roles:
    """Custom data roles (for cards unless noted)."""

    CardId = Qt.ItemDataRole.UserRole + 1
    Status = Qt.ItemDataRole.UserRole + 2  # cards and columns
    Owner = Qt.ItemDataRole.UserRole + 3
    Due = Qt.ItemDataRole.UserRole + 4  # "YYYY-MM-DD" or ""
    DueState = Qt.ItemDataRole.UserRole + 5  # filters.DUE_*
    Priority = Qt.ItemDataRole.UserRole + 6
    Type = Qt.ItemDataRole.UserRole + 7
    Progress = Qt.ItemDataRole.UserRole + 8  # (done, total)
    Causes = Qt.ItemDataRole.UserRole + 9  # [(why id, text, is root cause, status)]
    Url = Qt.ItemDataRole.UserRole + 10
    Hints = Qt.ItemDataRole.UserRole + 11  # missing parts, then coach wording hints
    View = Qt.ItemDataRole.UserRole + 12  # a CardView for the delegate
    Count = Qt.ItemDataRole.UserRole + 13  # columns: (shown, total)


@dataclass(frozen=True, slots=True)
class CardView:
    """Everything a card draws, derived from the review; cached per card (BoardModel.card_view)."""

    id: str
    title: str
    status: str
    owner: str
    due_text: str
    due_state: str
    priority: str
    type: str
    progress: tuple[int, int]
    causes: tuple[tuple[str, str, bool, str], ...]
    url: str
    url_safe: bool
    url_label: str
    missing: tuple[str, ...]
    wording: tuple[str, ...]
    description: str = ""
    criteria: tuple[tuple[str, bool], ...] = ()


def url_label(url: str) -> str:
    """A short name for a tracker link: the last path part (``PAY-1290``) or the host."""
    text = url.strip()
    if not is_safe_url(text):
        return text
    parts = urlsplit(text)
    if parts.scheme.lower() == "mailto":
        return parts.path
    last = [p for p in parts.path.split("/") if p]
    kind = classify_url(text)
    if last and kind.key in ("ticket", "code"):
        return f"{last[-1]} ({parts.hostname})"
    return parts.hostname or text


class BoardModel(QAbstractItemModel):
    synced = Signal()

    def __init__(
        self,
        controller: DocumentController,
        clock: Clock | None = None,
        parent=None,
    ):
        super().__init__(parent)
        self.controller = controller
        self._clock = clock
        self._filter = BoardFilter()
        self._rows: list[list[str]] = [[] for _ in FOLLOWUP_STATUSES]
        # card id → (the card without its position, what it draws); built lazily. A card's look
        # depends on the card, the why nodes, the people (coach) and today: see on_changed.
        self._views: dict[str, tuple[FollowUp, CardView]] = {}
        self._today = today_in_zone(controller.review.meta.display_tz, clock)
        controller.changed.connect(self.on_changed)
        controller.documentReplaced.connect(self.on_document_replaced)
        self.sync()

    # ------------------------------------------------------------------ state
    @property
    def review(self) -> Review:
        return self.controller.review

    @property
    def today(self) -> _dt.date:
        return self._today

    @property
    def filter(self) -> BoardFilter:
        return self._filter

    def set_filter(self, board_filter: BoardFilter) -> None:
        if board_filter != self._filter:
            self._filter = board_filter
            self.sync()

    def refresh_today(self) -> bool:
        """Re-read the clock (the date may have turned); True when the cards were restyled."""
        today = today_in_zone(self.review.meta.display_tz, self._clock)
        if today == self._today:
            return False
        self._today = today
        self._views.clear()
        self.sync()
        return True

    def column_ids(self, status: str) -> list[str]:
        """The card ids a column shows now, top to bottom."""
        return list(self._rows[FOLLOWUP_STATUSES.index(status)])

    def column_index(self, status: str) -> QModelIndex:
        return self.index(FOLLOWUP_STATUSES.index(status), 0)

    def card_index(self, card_id: str) -> QModelIndex:
        for column, ids in enumerate(self._rows):
            if card_id in ids:
                return self.createIndex(ids.index(card_id), 0, column)
        return QModelIndex()

    def card_id(self, index: QModelIndex) -> str | None:
        if not index.isValid() or index.internalId() == _TOP:
            return None
        ids = self._rows[index.internalId()]
        return ids[index.row()] if 0 <= index.row() < len(ids) else None

    def total_count(self, status: str) -> int:
        return len(self.review.sorted_followups(status))

    # ------------------------------------------------------------------ keeping in line
    def on_document_replaced(self) -> None:
        self._views.clear()
        self._today = today_in_zone(self.review.meta.display_tz, self._clock)
        self.sync()

    def on_changed(self, change: Change) -> None:
        if change.fields & {"display_tz"}:
            self._today = today_in_zone(self.review.meta.display_tz, self._clock)
        everything = bool(
            change.touches("whys")  # chips and the "not linked to a root cause" hint
            or change.touches("people")  # the coach's blame check knows people's names
            or change.fields & {"display_tz", "coach_ignored"}
        )
        if everything:
            self._views.clear()
            self.sync()
        elif change.touches("followups"):
            self.sync(restyle=self._look_changed(change.ids("followups", kinds="au")))

    def _look_changed(self, ids: set[str]) -> set[str]:
        """Of ``ids``, the cards whose look may differ from the one last drawn: a move
        renumbers its columns, and those cards only changed place (their rows move)."""
        cards = self.review.followups
        out: set[str] = set()
        for card_id in ids:
            cached = self._views.get(card_id)
            card = cards.get(card_id)
            if cached is None or card is None or not only_position_differs(cached[0], card):
                out.add(card_id)
        return out

    def _wanted(self) -> list[list[str]]:
        review = self.review
        return [
            [
                c.id
                for c in review.sorted_followups(status)
                if self._filter.matches(c, review, self._today)
            ]
            for status in FOLLOWUP_STATUSES
        ]

    def sync(self, restyle: set[str] | None = None) -> None:
        """Bring the rows in line with the review and filter, then restyle the cards in
        ``restyle`` (None: every card)."""
        for gone in self._views.keys() - self.review.followups.keys():
            del self._views[gone]
        wanted = self._wanted()
        for column, ids in enumerate(self._rows):
            keep = set(wanted[column])
            parent = self.index(column, 0)
            for row in range(len(ids) - 1, -1, -1):
                if ids[row] not in keep:
                    self.beginRemoveRows(parent, row, row)
                    del ids[row]
                    self.endRemoveRows()
        for column, ids in enumerate(self._rows):
            parent = self.index(column, 0)
            for row, card_id in enumerate(wanted[column]):
                if row < len(ids) and ids[row] == card_id:
                    continue
                if card_id in ids:
                    source = ids.index(card_id)
                    self.beginMoveRows(parent, source, source, parent, row)
                    ids.insert(row, ids.pop(source))
                    self.endMoveRows()
                else:
                    self.beginInsertRows(parent, row, row)
                    ids.insert(row, card_id)
                    self.endInsertRows()
        for column, ids in enumerate(self._rows):
            top = self.index(column, 0)
            self.dataChanged.emit(top, top, [])
            if restyle is None and ids:
                first, last = (
                    self.createIndex(0, 0, column),
                    self.createIndex(len(ids) - 1, 0, column),
                )
                self.dataChanged.emit(first, last, [])
            elif restyle:
                for row, card_id in enumerate(ids):
                    if card_id in restyle:
                        index = self.createIndex(row, 0, column)
                        self.dataChanged.emit(index, index, [])
        self.synced.emit()

    # ------------------------------------------------------------------ structure
    def index(self, row: int, column: int, parent=_ROOT) -> QModelIndex:
        if column != 0 or row < 0:
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, 0, _TOP) if row < len(FOLLOWUP_STATUSES) else QModelIndex()
        if parent.internalId() != _TOP or parent.column() != 0:
            return QModelIndex()
        col = parent.row()
        if row >= len(self._rows[col]):
            return QModelIndex()
        return self.createIndex(row, 0, col)

    def parent(self, index=None):  # type: ignore[override]
        if index is None:  # QObject.parent()
            return super().parent()
        if not index.isValid() or index.internalId() == _TOP:
            return QModelIndex()
        return self.createIndex(index.internalId(), 0, _TOP)

    def rowCount(self, parent=_ROOT) -> int:  # noqa: N802 - Qt's name
        if not parent.isValid():
            return len(FOLLOWUP_STATUSES)
        if parent.column() != 0 or parent.internalId() != _TOP:
            return 0
        return len(self._rows[parent.row()])

    def columnCount(self, parent=_ROOT) -> int:  # noqa: N802 - Qt's name
        return 1

    def hasChildren(self, parent=_ROOT) -> bool:  # noqa: N802 - Qt's name
        return self.rowCount(parent) > 0

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        writable = not self.controller.read_only
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if index.internalId() == _TOP:
            flags = Qt.ItemFlag.ItemIsEnabled
            return flags | Qt.ItemFlag.ItemIsDropEnabled if writable else flags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if writable:
            flags |= Qt.ItemFlag.ItemIsDragEnabled
        return flags

    # ------------------------------------------------------------------ data
    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        if index.internalId() == _TOP:
            return self._column_data(index.row(), role)
        card_id = self.card_id(index)
        card = self.review.followups.get(card_id) if card_id else None
        if card is None:
            return None
        return self._card_data(card, role)

    def _column_data(self, column: int, role: int):
        status = FOLLOWUP_STATUSES[column]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return FOLLOWUP_STATUS_LABELS[status]
        if role == Roles.Status:
            return status
        if role == Roles.Count:
            return len(self._rows[column]), self.total_count(status)
        return None

    def _card_data(self, card: FollowUp, role: int):
        if role == Qt.ItemDataRole.DisplayRole:
            return card.title
        if role == Roles.CardId:
            return card.id
        if role == Roles.Status:
            return card.status
        if role == Roles.Owner:
            return card.owner
        if role == Roles.Due:
            return card.due
        if role == Roles.DueState:
            return due_state(card, self._today)
        if role == Roles.Priority:
            return card.priority
        if role == Roles.Type:
            return card.type
        if role == Roles.Progress:
            return card.criteria_progress
        if role == Roles.Causes:
            return list(self._causes(card))
        if role == Roles.Url:
            return card.url
        if role == Roles.Hints:
            view = self.card_view(card)
            return [*view.missing, *view.wording]
        if role == Roles.View:
            return self.card_view(card)
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._accessible_text(self.card_view(card))
        return None

    def _causes(self, card: FollowUp) -> tuple[tuple[str, str, bool, str], ...]:
        out = []
        for why_id in card.why_ids:
            node = self.review.whys.get(why_id)
            if node is not None:
                text = " ".join(node.text.split()) or "?"
                out.append((node.id, text, node.root_cause, node.status))
        return tuple(out)

    def card_view(self, card: FollowUp) -> CardView:
        """What the delegate draws for ``card`` (cached until the next change)."""
        key = replace(card, seq=0)  # moving a card up or down does not change its look
        cached = self._views.get(card.id)
        if cached is not None and cached[0] == key:
            return cached[1]
        view = self._build_view(card)
        self._views[card.id] = (key, view)
        return view

    def _build_view(self, card: FollowUp) -> CardView:
        url = card.url.strip()
        return CardView(
            id=card.id,
            title=" ".join(card.title.split()),
            status=card.status,
            owner=" ".join(card.owner.split()),
            due_text=due_words(card, self._today),
            due_state=due_state(card, self._today),
            priority=PRIORITY_LABELS.get(card.priority, card.priority),
            type=TYPE_LABELS.get(card.type, card.type),
            progress=card.criteria_progress,
            causes=self._causes(card),
            url=url,
            url_safe=is_safe_url(url),
            url_label=url_label(url) if url else "",
            missing=tuple(missing_parts(card, self.review)),
            wording=tuple(coach_hints.wording_hints(self.review, card.id)),
            description=card.description.strip(),
            criteria=tuple(
                (" ".join(c.text.split()), c.done)
                for c in card.acceptance_criteria
                if c.text.strip()
            ),
        )

    @staticmethod
    def _accessible_text(view: CardView) -> str:
        done, total = view.progress
        bits = [view.title, f"owner {view.owner}" if view.owner else "no owner", view.due_text]
        if view.priority:
            bits.append(f"{view.priority} priority")
        if total:
            bits.append(f"{done} of {total} acceptance criteria met")
        bits.extend(f"needs attention: {m}" for m in view.missing)
        return ". ".join(bits)

    # ------------------------------------------------------------------ drag and drop
    def supportedDropActions(self) -> Qt.DropAction:  # noqa: N802 - Qt's name
        return Qt.DropAction.MoveAction | Qt.DropAction.CopyAction

    def supportedDragActions(self) -> Qt.DropAction:  # noqa: N802 - Qt's name
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:  # noqa: N802 - Qt's name
        return [CARD_MIME, TEXT_MIME]

    def mimeData(self, indexes) -> QMimeData:  # noqa: N802 - Qt's name
        ids = []
        for index in indexes:
            card_id = self.card_id(index)
            if card_id and card_id not in ids:
                ids.append(card_id)
        return clipboard.cards_mime(self.review, ids, with_ids=True)

    @staticmethod
    def dragged_ids(data: QMimeData) -> list[str]:
        if not data.hasFormat(CARD_MIME):
            return []
        try:
            ids = json.loads(bytes(data.data(CARD_MIME).data()).decode("utf-8"))
        except (ValueError, UnicodeDecodeError):
            return []
        if not isinstance(ids, list):
            return []
        return [i for i in ids if isinstance(i, str)]

    def _drop_target(self, row: int, parent: QModelIndex) -> tuple[str, int] | None:
        """(status, row among the shown cards) for a drop, or None when it is not on a column."""
        if not parent.isValid():
            return None
        if parent.internalId() != _TOP:  # dropped on a card: in front of it
            return FOLLOWUP_STATUSES[parent.internalId()], parent.row()
        column = parent.row()
        shown = len(self._rows[column])
        return FOLLOWUP_STATUSES[column], shown if row < 0 or row > shown else row

    def canDropMimeData(self, data, action, row, column, parent) -> bool:  # noqa: N802
        if self.controller.read_only or self._drop_target(row, parent) is None:
            return False
        if any(i in self.review.followups for i in self.dragged_ids(data)):
            return True
        return data.hasText() and bool(data.text().strip())

    def dropMimeData(self, data, action, row, column, parent) -> bool:  # noqa: N802
        if not self.canDropMimeData(data, action, row, column, parent):
            return False
        target = self._drop_target(row, parent)
        assert target is not None
        status, at = target
        ids = [i for i in self.dragged_ids(data) if i in self.review.followups]
        if ids:
            return self.move_to(ids, status, at)
        edit, problem = clipboard.cards_from_text(self.review, data.text(), status)
        if problem:
            self.controller.error.emit(problem)
        return edit is not None and self.controller.push(edit) is not None

    def move_to(self, ids: list[str], status: str, row: int) -> bool:
        """Move cards so they show at ``row`` of ``status``'s shown cards; one undo step."""
        shown = self._rows[FOLLOWUP_STATUSES.index(status)]
        before = next((i for i in shown[row:] if i not in ids), None)
        after = None
        if before is None:
            after = next((i for i in reversed(shown[:row]) if i not in ids), None)
        edit = move_cards(self.review, ids, status, before=before, after=after)
        if not edit.edits:
            return True
        return self.controller.push(edit) is not None

    def persistent(self, card_id: str) -> QPersistentModelIndex:
        return QPersistentModelIndex(self.card_index(card_id))
