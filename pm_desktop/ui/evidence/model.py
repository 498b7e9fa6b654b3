"""The evidence list as a Qt model: one row per item the filter lets through, in capture order.

A thin adapter over ``controller.review.evidence``: it keeps the ordered ids it shows and builds a
:class:`CardView` (what a card draws) from the in-memory review in ``data()``. Pictures come from
the :class:`~.thumbs.ThumbnailCache` by blob id, lazily — only rows that are painted ask for
theirs — so no SQL runs in ``data()`` and no full picture is decoded to show the panel.

After a document change the rows are brought in line by removals and insertions (a reset only
when the order itself changed), so selection survives edits made elsewhere. A drag of rows
carries ``EVIDENCE_MIME`` (a JSON list of ids) for the timeline and the 5 whys.

Signals:

- ``synced()`` — the rows now match the review and the filter.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import (
    QAbstractListModel,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from pm_desktop.domain import timeutil
from pm_desktop.domain.edits import Change
from pm_desktop.domain.links import classify_url, is_safe_url
from pm_desktop.domain.model import Evidence, Review
from pm_desktop.domain.search import Query
from pm_desktop.domain.time_input import zone_label_at
from pm_desktop.ingest.evidence_intake import is_text_mime, size_text

from ..controller import DocumentController
from .drops import EVIDENCE_MIME, evidence_mime
from .thumbs import ThumbnailCache

KIND_LABELS = {"image": "Screenshot", "link": "Link", "text": "Snippet", "file": "File"}
KIND_FILTERS = (
    ("", "All kinds"),
    ("image", "Screenshots"),
    ("link", "Links"),
    ("text", "Snippets"),
    ("file", "Files"),
)
PREVIEW_LINES = 9


class Roles:
    Id = Qt.ItemDataRole.UserRole + 1
    Kind = Qt.ItemDataRole.UserRole + 2
    View = Qt.ItemDataRole.UserRole + 3  # a CardView
    Thumb = Qt.ItemDataRole.UserRole + 4  # QImage or None (images only; asks lazily)
    ThumbProblem = Qt.ItemDataRole.UserRole + 5  # why there is no preview ("" = none/coming)


@dataclass(frozen=True, slots=True)
class CardView:
    """Everything a card shows, computed from the review."""

    id: str
    kind: str
    title: str
    kind_label: str  # "Screenshot", "Chat thread", "Snippet", "File"
    link_kind: str  # classify_url key for links ("" otherwise)
    captured: str  # "2025-03-12 09:25 UTC" or ""
    captured_by: str
    linked: int  # timeline events it is linked to
    url: str
    url_safe: bool
    preview: tuple[str, ...]  # snippet lines / file facts
    blob: str | None
    filename: str
    mime: str
    size: int
    pixels: tuple[int, int]
    note: str


def captured_text(item: Evidence, zone: str) -> str:
    if not item.captured_at:
        return ""
    try:
        shown = timeutil.format_time(item.captured_at, zone, "YYYY-MM-DD HH:mm")
    except (timeutil.TimeError, ValueError):
        return item.captured_at
    return f"{shown} {zone_label_at(item.captured_at, zone)}"


def card_view(review: Review, item: Evidence) -> CardView:
    info = review.blobs.get(item.blob) if item.blob else None
    link_kind, label, safe = "", KIND_LABELS.get(item.kind, item.kind), False
    preview: tuple[str, ...] = ()
    if item.kind == "link":
        kind = classify_url(item.url)
        link_kind, label, safe = kind.key, kind.label, is_safe_url(item.url)
    elif item.kind == "text":
        preview = tuple(line.expandtabs(4)[:200] for line in item.text.split("\n")[:PREVIEW_LINES])
    elif item.kind == "file":
        preview = (
            item.filename or "file",
            size_text(info.size) if info else "",
            "text" if is_text_mime(item.mime) else (item.mime or ""),
        )
    return CardView(
        id=item.id,
        kind=item.kind,
        title=item.title or item.filename or item.url or "Untitled",
        kind_label=label,
        link_kind=link_kind,
        captured=captured_text(item, review.meta.display_tz),
        captured_by=item.captured_by,
        linked=sum(1 for e in item.event_ids if e in review.events),
        url=item.url,
        url_safe=safe,
        preview=preview,
        blob=item.blob,
        filename=item.filename,
        mime=item.mime,
        size=info.size if info else 0,
        pixels=(info.width, info.height) if info else (0, 0),
        note=item.note,
    )


@dataclass(frozen=True, slots=True)
class EvidenceFilter:
    """Which evidence the panel shows: a Find text (:mod:`pm_desktop.domain.search`, over the
    title, note, snippet, URL, file name and capturer), a kind and a linked event."""

    text: str = ""
    kind: str = ""
    event_id: str = ""
    query: Query = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "query", Query.parse(self.text))

    @property
    def active(self) -> bool:
        return bool(self.query or self.kind or self.event_id)

    def accepts(self, item: Evidence) -> bool:
        if self.kind and item.kind != self.kind:
            return False
        if self.event_id and self.event_id not in item.event_ids:
            return False
        return self.query.test(item)


class EvidenceModel(QAbstractListModel):
    synced = Signal()

    def __init__(
        self,
        controller: DocumentController,
        thumbs: ThumbnailCache,
        parent=None,
    ):
        super().__init__(parent)
        self.controller = controller
        self.thumbs = thumbs
        self._filter = EvidenceFilter()
        self._ids: list[str] = []
        self._views: dict[str, CardView] = {}
        thumbs.ready.connect(self._thumb_ready)
        controller.changed.connect(self.on_changed)
        controller.documentReplaced.connect(self._replaced)
        self.sync()

    # ------------------------------------------------------------------ state
    @property
    def review(self) -> Review:
        return self.controller.review

    @property
    def filter(self) -> EvidenceFilter:
        return self._filter

    def set_filter(self, evidence_filter: EvidenceFilter) -> None:
        if evidence_filter != self._filter:
            self._filter = evidence_filter
            self.sync()

    def ids(self) -> list[str]:
        return list(self._ids)

    def id_at(self, index: QModelIndex | QPersistentModelIndex) -> str | None:
        if not index.isValid() or not 0 <= index.row() < len(self._ids):
            return None
        return self._ids[index.row()]

    def index_of(self, evidence_id: str) -> QModelIndex:
        try:
            return self.index(self._ids.index(evidence_id), 0)
        except ValueError:
            return QModelIndex()

    def view(self, evidence_id: str) -> CardView | None:
        view = self._views.get(evidence_id)
        if view is None:
            item = self.review.evidence.get(evidence_id)
            if item is None:
                return None
            view = self._views[evidence_id] = card_view(self.review, item)
        return view

    # ------------------------------------------------------------------ keeping in line
    def _replaced(self) -> None:
        self.thumbs.clear()
        self._views.clear()
        self.beginResetModel()
        self._ids = self._wanted()
        self.endResetModel()
        self.synced.emit()

    def on_changed(self, change: Change) -> None:
        # A card reads of the timeline only how many of its events exist: rewording or moving
        # an event changes no card; adding or removing one changes the cards that name it.
        came_or_went = change.ids("events", kinds="ar")
        linking: set[str] = set()
        if came_or_went:
            linking = {
                e.id for e in self.review.evidence.values() if came_or_went & set(e.event_ids)
            }
        if "display_tz" in change.fields:
            self._views.clear()
        else:
            for evidence_id in change.ids("evidence") | linking:
                self._views.pop(evidence_id, None)
        if change.touches("evidence") or linking:
            self.sync(changed=change.ids("evidence", kinds="u") | linking)
        if "display_tz" in change.fields and self._ids:
            # Which items show, and in what order, depends on the evidence alone (the filter
            # reads the item itself): the rows stay; what they say of their events repaints.
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._ids) - 1, 0), [])

    def _wanted(self) -> list[str]:
        return [e.id for e in self.review.sorted_evidence() if self._filter.accepts(e)]

    def sync(self, changed: set[str] | None = None, every: bool = False) -> None:
        """Bring the rows in line with the review; ``changed`` rows (or ``every`` row) repaint."""
        wanted = self._wanted()
        keep = set(wanted)
        for row in range(len(self._ids) - 1, -1, -1):
            if self._ids[row] not in keep:
                self.beginRemoveRows(QModelIndex(), row, row)
                del self._ids[row]
                self.endRemoveRows()
        present = set(self._ids)
        if [i for i in wanted if i in present] != self._ids:
            self.beginResetModel()  # the order itself changed
            self._ids = wanted
            self.endResetModel()
        else:
            for row, evidence_id in enumerate(wanted):
                if evidence_id not in present:
                    self.beginInsertRows(QModelIndex(), row, row)
                    self._ids.insert(row, evidence_id)
                    self.endInsertRows()
        if self._ids and every:
            # one signal for all rows: per-row signals cost 2,000 emits on a large review
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._ids) - 1, 0), [])
        elif self._ids and changed:
            for row in [r for r, i in enumerate(self._ids) if i in changed]:
                index = self.index(row, 0)
                self.dataChanged.emit(index, index, [])
        self.synced.emit()

    def _thumb_ready(self, sha: str) -> None:
        for row, evidence_id in enumerate(self._ids):
            item = self.review.evidence.get(evidence_id)
            if item is not None and item.blob == sha:
                index = self.index(row, 0)
                self.dataChanged.emit(
                    index, index, [Roles.Thumb, Roles.ThumbProblem, Qt.ItemDataRole.DecorationRole]
                )

    # ------------------------------------------------------------------ Qt model API
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._ids)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0):
        evidence_id = self.id_at(index)
        if evidence_id is None:
            return None
        view = self.view(evidence_id)
        if view is None:
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return view.title
        if role == Qt.ItemDataRole.ToolTipRole:
            parts = [view.title, f"{view.kind_label} · {view.captured or 'time not known'}"]
            if view.url:
                parts.append(view.url if view.url_safe else f"{view.url} (kept as text)")
            if view.note:
                parts.append(view.note[:300])
            return "\n".join(parts)
        if role == Roles.Id:
            return view.id
        if role == Roles.Kind:
            return view.kind
        if role == Roles.View:
            return view
        if role in (Roles.Thumb, Qt.ItemDataRole.DecorationRole):
            if view.kind != "image" or not view.blob:
                return None
            return self.thumbs.get(view.blob)
        if role == Roles.ThumbProblem:
            return self.thumbs.problem(view.blob) if view.blob else ""
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemIsDragEnabled
            | Qt.ItemFlag.ItemNeverHasChildren
        )

    def mimeTypes(self) -> list[str]:  # noqa: N802
        return [EVIDENCE_MIME]

    def supportedDragActions(self) -> Qt.DropAction:  # noqa: N802
        return Qt.DropAction.LinkAction | Qt.DropAction.CopyAction

    def mimeData(self, indexes) -> QMimeData | None:  # noqa: N802
        ids = [i for i in (self.id_at(x) for x in indexes) if i]
        ordered = [i for i in self._ids if i in set(ids)]
        if not ordered:
            return None
        text = "\n".join(
            (v.url if v.kind == "link" else v.title)
            for v in (self.view(i) for i in ordered)
            if v is not None
        )
        return evidence_mime(ordered, text)
