"""The timeline table's Qt model: the review's events in time order, in the display zone.

A thin adapter over ``controller.review``. It keeps only the ordered event ids (all of them, and
the ones the filter shows) and reads every cell from the in-memory review in ``data()``, so a
20,000-event review costs a list of ids, and formatted times are made for the rows a view
actually paints (cached per display zone by :class:`~pm_desktop.domain.timefmt.ZoneFormatter`).

After every document change the rows are brought in line with the review by removals, one
layout change when the order moved (persistent indexes follow their events, so selection
survives a time edit) and insertions — never SQL, and a reset only when the filter changes.

Columns: time, gap from the previous timed event, kind, text, author, evidence count and source
(hidden until the header's menu shows it). The text
cell carries the review coach's marker when the coach has notes on the event (:mod:`.coach_marks`).
Day
changes are marked on the first row of each day (:attr:`Roles.DayCaption`) when the incident
spans several days in the display zone. Dropping evidence ids (``application/x-pm-evidence-ids``)
on a row links them to that event in one undoable edit.

Signals:

- ``synced()`` — the rows match the review and the filter again.
- ``message(str)`` — a sentence for the user (an edit was refused, a time could not be read).
"""

from __future__ import annotations

import bisect
import datetime as _dt

from PySide6.QtCore import (
    QAbstractTableModel,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import QApplication

from pm_desktop.domain import timefmt
from pm_desktop.domain.edits import Change
from pm_desktop.domain.model import Review, TimelineEvent
from pm_desktop.domain.provenance import source_label

from ..controller import DocumentController
from . import formatting, symbols
from .coach_marks import CoachMarksMixin
from .editing import EVIDENCE_IDS_MIME, TimeCommitter, decode_evidence_ids, field_edit, link_edit
from .rows import RowSyncMixin, TimelineFilter

COLUMNS: tuple[str, ...] = ("time", "gap", "kind", "text", "author", "evidence", "source")
HEADERS = {
    "time": "Time",
    "gap": "Gap",
    "kind": "Kind",
    "text": "What happened",
    "author": "Who",
    "evidence": "Evidence",
    "source": "Source",
}
HEADER_TIPS = {
    "time": "When it happened, in the review's display zone. Hover a time to see how it was entered.",
    "gap": "Time since the previous timed event.",
    "kind": "What sort of moment this is. Impact starts, detected, acknowledged, mitigated and "
    "resolved are the milestones the response times are measured from.",
    "text": "What happened, in plain words.",
    "author": "Who wrote or reported it.",
    "evidence": "Screenshots, links and snippets linked to the event. Drop evidence on a row to link it.",
    "source": "Where the event came from: typed, the capture window, a paste, or an import "
    "(Slack, PagerDuty, Opsgenie, CSV). Find with source:slack or author:mei.",
}
REORDER_LIMIT = 200  # more moved events than this: sort again
EDITABLE = frozenset({"time", "kind", "text", "author"})
_ROOT = QModelIndex()


class Roles:
    EventId = Qt.ItemDataRole.UserRole + 1
    DayCaption = Qt.ItemDataRole.UserRole + 2  # "Thu 13 Mar" on a day's first row, else ""
    Kind = Qt.ItemDataRole.UserRole + 3
    Untimed = Qt.ItemDataRole.UserRole + 4
    Current = Qt.ItemDataRole.UserRole + 5  # the event presentation mode is showing
    EvidenceCount = Qt.ItemDataRole.UserRole + 6
    LongGap = Qt.ItemDataRole.UserRole + 7  # the gap is an hour or more
    CoachNotes = Qt.ItemDataRole.UserRole + 8  # the coach's notes on the event (a tuple)


class TimelineModel(CoachMarksMixin, RowSyncMixin, QAbstractTableModel):
    synced = Signal()
    message = Signal(str)

    def __init__(
        self,
        controller: DocumentController,
        committer: TimeCommitter | None = None,
        parent=None,
    ):
        super().__init__(parent)
        self.controller = controller
        self.committer = committer or TimeCommitter(controller, parent=self)
        self.committer.message.connect(self.message)
        self._filter = TimelineFilter()
        self._all: list[str] = []
        self._pos: dict[str, int] | None = None
        self._all_keys: list[tuple] = []
        self._keys: dict[str, tuple] = {}
        self._rows: list[str] = []
        self._row_of: dict[str, int] | None = None
        self._clips: dict[str, int] = {}
        self._fmt = timefmt.ZoneFormatter(controller.review.meta.display_tz, controller.review)
        self._spans = False
        self._current: str | None = None
        self._fonts: dict[str, QFont] = {}
        controller.changed.connect(self.on_changed)
        controller.documentReplaced.connect(self.reset_from_review)
        self.reset_from_review()
        self._coach_column = COLUMNS.index("text")
        self._init_coach_marks()

    # ------------------------------------------------------------------ reading
    @property
    def review(self) -> Review:
        return self.controller.review

    @property
    def zone(self) -> str:
        return self._fmt.zone

    @property
    def spans_days(self) -> bool:
        return self._spans

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(COLUMNS)

    def event_id(self, row: int) -> str | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def event_at(self, index: QModelIndex | QPersistentModelIndex) -> TimelineEvent | None:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        return self.review.events.get(self._rows[index.row()])

    def row_of(self, event_id: str) -> int:
        if self._row_of is None:
            self._row_of = {eid: i for i, eid in enumerate(self._rows)}
        return self._row_of.get(event_id, -1)

    def index_of(self, event_id: str, column: int = 0) -> QModelIndex:
        row = self.row_of(event_id)
        return self.index(row, column) if row >= 0 else QModelIndex()

    def ids(self) -> list[str]:
        """The shown event ids, in order."""
        return list(self._rows)

    def all_ids(self) -> list[str]:
        return list(self._all)

    def total_count(self) -> int:
        return len(self._all)

    def evidence_count(self, event_id: str) -> int:
        return self._clips.get(event_id, 0)

    def shown_time(self, event: TimelineEvent) -> timefmt.ShownTime | None:
        return self._fmt.get(event)

    def gap_seconds(self, event_id: str) -> int | None:
        """Seconds since the previous timed event (in the whole timeline, not only the shown
        rows); None for the first event and for untimed ones."""
        pos = self._position(event_id)
        if pos <= 0:
            return None
        events = self.review.events
        event, prev = events.get(event_id), events.get(self._all[pos - 1])
        if event is None or prev is None or event.time is None or prev.time is None:
            return None
        return timefmt.epoch(event.time) - timefmt.epoch(prev.time)

    def day_caption(self, row: int) -> str:
        """The day label for a row that starts a new day, when the incident spans days."""
        if not self._spans:
            return ""
        events = self.review.events
        event = events.get(self._rows[row])
        shown = self._fmt.get(event) if event is not None else None
        if shown is None:
            return ""
        before = None
        if row > 0:
            prev = events.get(self._rows[row - 1])
            before = self._fmt.get(prev) if prev is not None else None
            if before is not None and before.day == shown.day:
                return ""
        year = _dt.date.fromordinal(shown.day).year
        if before is not None:
            other = before
        else:  # the first day says its year when the table reaches into another one
            last = events.get(self._rows[-1])
            other = self._fmt.get(last) if last is not None else None
        if other is not None and _dt.date.fromordinal(other.day).year != year:
            return f"{shown.caption} {year}"
        return shown.caption

    # ------------------------------------------------------------------ data
    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        event = self.review.events.get(self._rows[index.row()])
        if event is None:
            return None
        column = COLUMNS[index.column()]
        if role == Roles.EventId:
            return event.id
        if role == Roles.Kind:
            return event.kind
        if role == Roles.Untimed:
            return event.time is None
        if role == Roles.Current:
            return event.id == self._current
        if role == Roles.DayCaption:
            return self.day_caption(index.row())
        if role == Roles.EvidenceCount:
            return self._clips.get(event.id, 0)
        if role == Roles.LongGap:
            gap = self.gap_seconds(event.id)
            return gap is not None and gap >= 3600
        if role == Roles.CoachNotes:
            return self.coach_notes(event.id)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._display(event, column, index.row(), role)
        if role == Qt.ItemDataRole.EditRole:
            return self._edit_value(event, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(event, column)
        if role == Qt.ItemDataRole.DecorationRole:
            if column == "kind":
                return symbols.kind_icon(event.kind)
            if column == "evidence" and self._clips.get(event.id):
                return self._clip_icon()
            if column == "text":
                return self._coach_decoration(event.id)
            return None
        if role == Qt.ItemDataRole.FontRole:
            if column == "time" and event.time is None:
                return self._font("italic")
            if column == "gap" and self.data(index, Roles.LongGap):
                return self._font("bold")
            return None
        if role == Qt.ItemDataRole.ForegroundRole:
            if (column == "time" and event.time is None) or column == "gap":
                return _muted()
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if column == "gap":
                return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
            if column == "evidence":
                return Qt.AlignmentFlag.AlignCenter
            return Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        return None

    def _display(self, event: TimelineEvent, column: str, row: int, role: int) -> str:
        if column == "time":
            shown = self._fmt.get(event)
            if shown is None:
                return "no time"
            text = ("~" if event.approximate else "") + shown.clock
            if role == Qt.ItemDataRole.AccessibleTextRole:
                return f"{shown.caption} {text} {self.zone}"
            return text
        if column == "gap":
            gap = self.gap_seconds(event.id)
            return "" if gap is None else timefmt.gap_text(gap)
        if column == "kind":
            return symbols.kind_label(event.kind)
        if column == "text":
            return formatting.first_line(event.text)
        if column == "author":
            return event.author
        if column == "source":
            return source_label(event.source) if event.source else ""
        count = self._clips.get(event.id, 0)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{count} evidence items" if count != 1 else "1 evidence item"
        return str(count) if count else ""

    def _edit_value(self, event: TimelineEvent, column: str) -> str:
        if column == "time":
            shown = self._fmt.get(event)
            return shown.full if shown is not None else ""
        if column == "kind":
            return event.kind
        if column == "text":
            return event.text
        if column == "author":
            return event.author
        return self._display(event, column, 0, Qt.ItemDataRole.DisplayRole)

    def _tooltip(self, event: TimelineEvent, column: str) -> str | None:
        if column == "time":
            shown = self._fmt.get(event)
            if shown is None:
                return formatting.plain_tooltip(timefmt.entered_as(event))
            lines = [
                f"{shown.long_day}, {shown.clock} {self.zone} ({shown.offset})",
                timefmt.entered_as(event),
            ]
            if event.approximate:
                lines.append("The time is approximate.")
            return formatting.plain_tooltip("\n".join(lines))
        if column == "gap":
            gap = self.gap_seconds(event.id)
            if gap is None:
                return None
            prev = self.review.events.get(self._all[self._position(event.id) - 1])
            what = formatting.first_line(prev.text, 80) if prev is not None else ""
            return formatting.plain_tooltip(
                f"{timefmt.gap_text(gap)} after the previous event: {what}"
            )
        if column == "kind":
            return symbols.kind_label(event.kind)
        if column == "text":
            coach = self._coach_tooltip(event.id) or ""
            if "\n" in event.text or len(event.text) > 90:
                return coach + formatting.plain_tooltip(event.text)
            return coach or None
        if column == "evidence":
            items = self.review.evidence_for_event(event.id)
            if not items:
                return "No evidence linked. Drop evidence here to link it."
            names = [f"• {e.title or e.url or e.kind}" for e in items[:10]]
            if len(items) > 10:
                names.append(f"… and {len(items) - 10} more")
            return formatting.plain_tooltip("\n".join(names))
        return None

    def _font(self, style: str) -> QFont:
        font = self._fonts.get(style)
        if font is None:
            font = QFont(QApplication.font())
            font.setItalic(style == "italic")
            font.setBold(style == "bold")
            self._fonts[style] = font
        return font

    def _clip_icon(self):
        pal = QApplication.palette()
        return symbols.paperclip_icon(
            pal.color(QPalette.ColorRole.Text), pal.color(QPalette.ColorRole.HighlightedText)
        )

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ):  # noqa: N802
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(COLUMNS):
            return None
        column = COLUMNS[section]
        if role == Qt.ItemDataRole.DisplayRole:
            if column == "time":
                return f"Time ({self.zone})"
            return HEADERS[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            return HEADER_TIPS[column]
        if role == Qt.ItemDataRole.DecorationRole and column == "evidence":
            return self._clip_icon()
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if not self.controller.read_only:
            flags |= Qt.ItemFlag.ItemIsDropEnabled
            if COLUMNS[index.column()] in EDITABLE:
                flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    # ------------------------------------------------------------------ editing
    def setData(
        self,
        index: QModelIndex | QPersistentModelIndex,
        value,
        role: int = Qt.ItemDataRole.EditRole,
    ) -> bool:  # noqa: N802
        if role != Qt.ItemDataRole.EditRole or self.controller.read_only:
            return False
        event = self.event_at(index)
        if event is None:
            return False
        column = COLUMNS[index.column()]
        if column == "time":
            return self.committer.commit(event.id, "" if value is None else str(value))
        if column not in EDITABLE:
            return False
        edit, reason = field_edit(event, column, "" if value is None else value)
        if edit is None:
            if reason:
                self.message.emit(reason)
            return not reason
        return self.controller.push(edit) is not None

    # ------------------------------------------------------------------ evidence drops
    def mimeTypes(self) -> list[str]:  # noqa: N802
        return [EVIDENCE_IDS_MIME]

    def supportedDropActions(self) -> Qt.DropAction:  # noqa: N802
        return Qt.DropAction.CopyAction | Qt.DropAction.LinkAction | Qt.DropAction.MoveAction

    def _drop_target(self, row: int, parent: QModelIndex | QPersistentModelIndex) -> str | None:
        if parent.isValid():
            return self.event_id(parent.row())
        return self.event_id(row)

    def canDropMimeData(self, data: QMimeData, action, row: int, column: int, parent) -> bool:  # noqa: N802
        if self.controller.read_only or data is None or not data.hasFormat(EVIDENCE_IDS_MIME):
            return False
        return self._drop_target(row, parent) is not None

    def dropMimeData(self, data: QMimeData, action, row: int, column: int, parent) -> bool:  # noqa: N802
        if not self.canDropMimeData(data, action, row, column, parent):
            return False
        target = self._drop_target(row, parent)
        ids = decode_evidence_ids(data.data(EVIDENCE_IDS_MIME).data())
        if target is None or not ids:
            self.message.emit("Nothing to link: the drop did not carry evidence from this review.")
            return False
        edit, reason = link_edit(self.review, ids, target)
        if edit is None:
            self.message.emit(reason)
            return False
        return self.controller.push(edit) is not None

    # ------------------------------------------------------------------ filter and presentation
    def filter(self) -> TimelineFilter:
        return self._filter

    def set_filter(self, new: TimelineFilter) -> None:
        if new == self._filter:
            return
        self._filter = new
        self.beginResetModel()
        self._rows = self._visible()
        self._row_of = None
        self.endResetModel()
        self.synced.emit()

    def set_current(self, event_id: str | None) -> None:
        """Mark the event presentation mode is showing (drawn large by the delegate)."""
        old, self._current = self._current, event_id
        for eid in (old, event_id):
            row = self.row_of(eid) if eid else -1
            if row >= 0:
                self.dataChanged.emit(
                    self.index(row, 0), self.index(row, len(COLUMNS) - 1), [Roles.Current]
                )

    def refresh_look(self) -> None:
        """Theme or font changed: icons, colours and fonts are drawn again."""
        self._fonts.clear()
        self._emit_all(
            [
                Qt.ItemDataRole.DecorationRole,
                Qt.ItemDataRole.ForegroundRole,
                Qt.ItemDataRole.FontRole,
            ]
        )
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(COLUMNS) - 1)

    # ------------------------------------------------------------------ following the document
    def reset_from_review(self) -> None:
        self.beginResetModel()
        review = self.review
        self._fmt = timefmt.ZoneFormatter(review.meta.display_tz, review)
        self._rebuild_order()
        self._count_clips()
        self._rows = self._visible()
        self._row_of = None
        self._current = None
        self._update_span()
        self.endResetModel()
        self.synced.emit()

    def on_changed(self, change: Change) -> None:
        zone_changed = "display_tz" in change.fields and self._fmt.set_zone(
            self.review.meta.display_tz
        )
        clips_changed = change.touches("evidence")
        if clips_changed:
            self._count_clips()
        events = self.review.events
        added = change.ids("events", kinds="a")
        removed = change.ids("events", kinds="r")
        updated = change.ids("events", kinds="u")
        if not (added or removed or updated or zone_changed or clips_changed):
            return
        self._fmt.forget(removed)
        seconds_changed = self._fmt.follow(events, added | removed | updated)  # the seconds rule
        moved = {
            eid
            for eid in updated
            if eid in events and self._keys.get(eid) != events[eid].sort_key()
        }
        reorder = bool(added or removed or moved)
        if reorder:
            self._reorder(added | removed | moved)
        refilter = bool(updated and self._filter.active)
        if (added or removed) and not (moved or self._filter.active):
            self._add_and_remove_rows(added, removed, self._all, self._all_keys, self._keys)
        elif reorder or refilter:
            self._apply_rows(self._visible())
        spanned = self._spans
        self._update_span()
        if (
            reorder
            or refilter
            or zone_changed
            or clips_changed
            or seconds_changed
            or (spanned != self._spans)
        ):
            self._emit_all(None)  # gaps, day captions or every clock may have changed
        else:  # reworded in place: one keystroke repaints its row, not the page
            self._emit_rows(updated)
        if zone_changed:
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(COLUMNS) - 1)
        self.synced.emit()

    def _rebuild_order(self) -> None:
        ordered = self.review.sorted_events()
        self._all = [e.id for e in ordered]
        self._all_keys = [e.sort_key() for e in ordered]
        self._keys = dict(zip(self._all, self._all_keys, strict=True))
        self._pos = None

    def _reorder(self, ids: set[str]) -> None:
        """Put the changed events in their places in the full order: a binary search each,
        so one edit in 20,000 events does not sort them all again."""
        if len(ids) > REORDER_LIMIT:
            self._rebuild_order()
            return
        events = self.review.events
        for eid in ids:
            old = self._keys.pop(eid, None)
            if old is not None:
                i = bisect.bisect_left(self._all_keys, old)
                if i >= len(self._all) or self._all[i] != eid:
                    self._rebuild_order()  # never expected; the full sort is always right
                    return
                del self._all[i], self._all_keys[i]
            event = events.get(eid)
            if event is not None:
                key = event.sort_key()
                i = bisect.bisect_left(self._all_keys, key)
                self._all.insert(i, eid)
                self._all_keys.insert(i, key)
                self._keys[eid] = key
        self._pos = None

    def _position(self, event_id: str) -> int:
        if self._pos is None:
            self._pos = {eid: i for i, eid in enumerate(self._all)}
        return self._pos.get(event_id, -1)

    def _visible(self) -> list[str]:
        if not self._filter.active:
            return list(self._all)
        events, test = self.review.events, self._filter.matches
        return [eid for eid in self._all if test(events[eid])]

    def _count_clips(self) -> None:
        counts: dict[str, int] = {}
        for item in self.review.evidence.values():
            for eid in item.event_ids:
                counts[eid] = counts.get(eid, 0) + 1
        self._clips = counts

    def _update_span(self) -> None:
        events = self.review.events
        timed = [events[eid] for eid in (self._all[:1] + self._last_timed()) if eid in events]
        days = {s.day for s in (self._fmt.get(e) for e in timed) if s is not None}
        self._spans = len(days) > 1

    def _last_timed(self) -> list[str]:
        events = self.review.events
        for eid in reversed(self._all):
            if events[eid].time is not None:
                return [eid]
        return []


def _muted():
    return QApplication.palette().color(QPalette.ColorRole.PlaceholderText)
