"""The Timeline panel: the spine of the review, where it usually starts.

From top to bottom: the display zone ("All times in UTC", one click to switch) with the
response times (TTD, TTA, TTM, TTR) beside it; a collapsible chart of the events by kind with
the incident's phases shaded; a tool row (add, paste a timeline, delete, search, kinds); and the
table of events in time order, edited in place. Every change is one undoable edit through the
controller; the table and chart refresh from ``controller.changed``.

Keys: Insert or Ctrl+Enter adds an event a minute after the selected one (or now); Ctrl+Shift+V
opens the paste preview; Delete removes the selected events; Enter or F2 edits.

Signals:

- ``eventSelected(str)`` — the selected event's id, or "" when none is selected (the main window
  can let the evidence panel follow it).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QItemSelectionModel, QMimeData, Qt, Signal
from PySide6.QtGui import QAction, QFont, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from pm_desktop.domain import ops
from pm_desktop.domain.edits import Change, set_field
from pm_desktop.domain.metrics import MILESTONES
from pm_desktop.domain.model import EVENT_KINDS

from .. import themes, typography
from ..controller import DocumentController
from ..key_hints import with_shortcuts
from ..panel import Panel
from . import clipboard, symbols
from .chart import TimelineChart
from .delegates import TimelineDelegate
from .editing import Chooser, Clock, TimeCommitter, new_event_edit
from .far_moment import FarMomentBar
from .metrics_bar import MetricsBar
from .model import COLUMNS, TimelineFilter, TimelineModel
from .paste_preview import PastePreviewDialog
from .presentation import PresentCard
from .table import TimelineTable
from .zone import ZoneSwitcher

ADD_TIP = "Add an event a minute after the selected one, or now"
PASTE_TIP = "Paste timeline lines from a chat, wiki or document and check them before adding"


class TimelinePanel(Panel):
    key = "timeline"
    title = "Timeline"

    eventSelected = Signal(str)

    def __init__(
        self,
        controller: DocumentController,
        parent: QWidget | None = None,
        *,
        clock: Clock | None = None,
        chooser: Chooser | None = None,
    ):
        super().__init__(controller, parent)
        self.setObjectName("TimelinePanel")
        self.clock = clock
        self.committer = TimeCommitter(controller, chooser, clock, self)
        self.committer.dialog_parent = self
        self._header_inputs: dict[str, tuple[str | None, str, str]] = {}  # id -> time, kind, zone
        self._header_zones: dict[str, int] = {}  # zone -> events entered in it
        self.far_bar = FarMomentBar()
        self.committer.farMoment.connect(self.far_bar.ask)
        self.far_bar.putBack.connect(self.committer.put_back)
        self.model = TimelineModel(controller, self.committer, self)
        self.model.message.connect(self.show_message)
        self.model.synced.connect(self._after_sync)
        self.delegate = TimelineDelegate(self)
        self.paste_dialog: PastePreviewDialog | None = None
        self._presenting = False
        self._present_id: str | None = None
        self._last_emitted: str | None = None

        self.zone_switcher = typography.mark(ZoneSwitcher(), 1.15, QFont.Weight.DemiBold)
        self.zone_switcher.zoneChosen.connect(self.set_display_zone)
        self.metrics = MetricsBar()
        self.chart = TimelineChart()
        self.chart.eventClicked.connect(self.select_event)
        self.chart_toggle = QToolButton()
        self.chart_toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.chart_toggle.clicked.connect(
            lambda: self._show_chart(not self.chart.isVisibleTo(self))
        )
        self.present_card = PresentCard()
        self.present_card.hide()

        self.table = TimelineTable()
        self.table.setModel(self.model)
        self.table.setItemDelegate(self.delegate)
        self.table.deleteRequested.connect(self.delete_selection)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.table.selectionModel().currentRowChanged.connect(self._selection_changed)

        self._build_tools()
        self._build_layout()
        self._build_actions()
        themes.notifier().themeChanged.connect(self._on_theme)
        typography.apply(self)
        self.table.fit_to_font()
        self.on_document_replaced()

    # ------------------------------------------------------------------ building
    def _build_tools(self) -> None:
        self.add_button = QToolButton()
        self.add_button.setText("Add event")
        self.add_button.clicked.connect(self.add_event)
        self.paste_button = QToolButton()
        self.paste_button.setText("Paste timeline…")
        self.paste_button.clicked.connect(self.open_paste_preview)
        self.delete_button = QToolButton()
        self.delete_button.setText("Delete")
        self.delete_button.setToolTip("Delete the selected events (Delete)")
        self.delete_button.clicked.connect(self.delete_selection)
        self.search = QLineEdit()
        self.search.setPlaceholderText("Search events and people")
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName("Search the timeline")
        self.search.setToolTip(
            "Words and \"phrases\" are found anywhere in an event. source:slack, source:paste "
            "or author:mei show only the events from that source or by that person."
        )
        self.search.textChanged.connect(lambda _t: self._apply_filter())
        self.kind_button = QToolButton()
        self.kind_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.kind_button.setAccessibleName("Show kinds")
        self.kind_menu = QMenu(self.kind_button)
        self.kind_actions: dict[str, QAction] = {}
        show_all = self.kind_menu.addAction("Show every kind")
        show_all.triggered.connect(self.clear_filter_kinds)
        self.kind_menu.addSeparator()
        for kind in EVENT_KINDS:
            action = self.kind_menu.addAction(symbols.kind_icon(kind), symbols.kind_label(kind))
            action.setCheckable(True)
            action.toggled.connect(lambda _on: self._apply_filter())
            self.kind_actions[kind] = action
        self.kind_button.setMenu(self.kind_menu)
        self.kind_button.setText("All kinds")
        self.kind_button.setToolTip("Show only some kinds of event")
        self.count_label = QLabel("")
        self.count_label.setProperty("role", "muted")
        self.message_label = QLabel("")
        self.message_label.setProperty("role", "problem")
        self.message_label.setWordWrap(True)
        self.message_label.setTextFormat(Qt.TextFormat.PlainText)
        self.message_label.hide()

    def _build_layout(self) -> None:
        self.header = QGridLayout()
        self.header.setContentsMargins(12, 8, 12, 0)
        self.header.setHorizontalSpacing(12)
        self.header.setVerticalSpacing(4)
        self._header_wide: bool | None = None
        self.tools = QWidget()
        tools = QHBoxLayout(self.tools)
        tools.setContentsMargins(12, 0, 12, 0)
        for button in (self.add_button, self.paste_button, self.delete_button):
            tools.addWidget(button)
        tools.addSpacing(16)
        tools.addWidget(self.search, 1)
        tools.addWidget(self.kind_button)
        tools.addSpacing(8)
        tools.addWidget(self.count_label)
        tools.addSpacing(8)
        tools.addWidget(self.chart_toggle)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addLayout(self.header)
        for widget in (self.chart, self.present_card, self.tools, self.message_label, self.far_bar):
            box = QHBoxLayout()
            box.setContentsMargins(
                0 if widget is self.tools else 12, 0, 0 if widget is self.tools else 12, 0
            )
            box.addWidget(widget)
            layout.addLayout(box)
        layout.addWidget(self.table, 1)
        self._arrange_header()
        self._show_chart(True)

    def _arrange_header(self) -> None:
        """Zone and response times on one line when they fit, else the times go below."""
        room = self.width() - 24
        wide = self.zone_switcher.sizeHint().width() + self.metrics.sizeHint().width() + 24 <= room
        if wide == self._header_wide:
            return
        self._header_wide = wide
        self.header.removeWidget(self.zone_switcher)
        self.header.removeWidget(self.metrics)
        self.header.addWidget(self.zone_switcher, 0, 0, Qt.AlignmentFlag.AlignLeft)
        if wide:
            self.header.addWidget(self.metrics, 0, 1, Qt.AlignmentFlag.AlignRight)
        else:
            self.header.addWidget(self.metrics, 1, 0, Qt.AlignmentFlag.AlignLeft)
        self.header.setColumnStretch(1, 1 if wide else 0)

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self._arrange_header()

    def _build_actions(self) -> None:
        context = Qt.ShortcutContext.WidgetWithChildrenShortcut
        self.add_action = QAction("Add event", self)
        self.add_action.setShortcuts([QKeySequence(Qt.Key.Key_Insert), QKeySequence("Ctrl+Return")])
        self.add_action.setShortcutContext(context)
        self.add_action.triggered.connect(self.add_event)
        self.paste_action = QAction("Paste timeline…", self)
        self.paste_action.setShortcut(QKeySequence("Ctrl+Shift+V"))
        self.paste_action.setShortcutContext(context)
        self.paste_action.triggered.connect(self.open_paste_preview)
        self.addActions([self.add_action, self.paste_action])
        self.add_button.setToolTip(with_shortcuts(ADD_TIP, self.add_action))
        self.paste_button.setToolTip(with_shortcuts(PASTE_TIP, self.paste_action))

    # ------------------------------------------------------------------ refresh
    def on_changed(self, change: Change) -> None:
        self.message_label.hide()  # an edit went through: an older complaint no longer applies
        self.far_bar.follow(self.controller.review)
        events = change.touches("events")
        if events or "display_tz" in change.fields:
            if "display_tz" in change.fields or self._header_inputs_changed(change):
                self._refresh_header()
            self.chart.apply_change(self.controller.review, change)
        elif change.touches("evidence") and self._presenting:
            self._show_present()
        if change.touches("people"):
            self._refresh_people()

    def on_document_replaced(self) -> None:
        events = self.controller.review.events.values()
        self._header_inputs = {e.id: (e.time, e.kind, e.tz) for e in events}
        self._header_zones = {}
        for _time, _kind, tz in self._header_inputs.values():
            self._header_zones[tz] = self._header_zones.get(tz, 0) + 1
        self.message_label.hide()
        self.far_bar.retire()
        self._refresh_header()
        self.chart.set_review(self.controller.review)
        self._refresh_people()
        self._refresh_state()
        self._after_sync()

    def _header_inputs_changed(self, change: Change) -> bool:
        """Did ``change`` touch what the header reads of events? Both the zone caption and the
        metrics read every event, so they are recomputed only when an event's part in them
        changed: a milestone, a time at or beyond either end of the timeline, or a zone that
        appears or disappears. Rewording an event, or adding a note inside the timeline in a
        zone already used, leaves them as they are."""
        events = self.controller.review.events
        seen, zones = self._header_inputs, self._header_zones
        first, last = self.zone_switcher.time_span()
        moved = False
        for event_id in change.ids("events"):
            event = events.get(event_id)
            now = None if event is None else (event.time, event.kind, event.tz)
            before = seen.get(event_id)
            if before == now:
                continue
            for side, step in ((before, -1), (now, 1)):
                if side is None:
                    continue
                time, kind, tz = side
                count = zones.get(tz, 0) + step
                moved |= count == 0 or (step > 0 and count == 1)  # a zone came or went
                moved |= kind in MILESTONES
                moved |= time is not None and not (first is not None and first < time < last)
                if count:
                    zones[tz] = count
                else:
                    zones.pop(tz, None)
            if now is None:
                seen.pop(event_id, None)
            else:
                seen[event_id] = now
        return moved

    def _refresh_header(self) -> None:
        review = self.controller.review
        self.zone_switcher.show_review(review)
        self.metrics.refresh(review)

    def _refresh_people(self) -> None:
        review = self.controller.review
        names = [p.name for p in review.sorted_people()]
        names += sorted({e.author for e in review.events.values() if e.author} - set(names))
        self.delegate.people = names

    def _refresh_state(self) -> None:
        writable = not self.controller.read_only
        for widget in (self.add_button, self.paste_button, self.delete_button):
            widget.setEnabled(writable)
        self.add_action.setEnabled(writable)
        self.paste_action.setEnabled(writable)
        self.table.setEditTriggers(
            self.table.EDIT_TRIGGERS
            if writable and not self._presenting
            else QAbstractItemView.EditTrigger.NoEditTriggers
        )

    def _after_sync(self) -> None:
        model = self.model
        shown, total = model.rowCount(), model.total_count()
        if model.filter().active:
            self.count_label.setText(f"{shown:,} of {total:,} events")
        else:
            self.count_label.setText(f"{total:,} event{'s' if total != 1 else ''}")
        self._selection_changed()
        if self._presenting:
            self._show_present()

    def _on_theme(self, _name: str = "") -> None:
        self.model.refresh_look()
        self.chart.update()
        self._refresh_header()
        for kind, action in self.kind_actions.items():
            action.setIcon(symbols.kind_icon(kind))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        super().changeEvent(event)
        if typography.is_font_change(event):
            typography.apply(self)
            self.model.refresh_look()
            self._header_wide = None
            self._arrange_header()
        elif event.type() == QEvent.Type.PaletteChange:
            self.model.refresh_look()

    def show_message(self, text: str) -> None:
        """A sentence above the table (and on the status bar through ``controller.error``)."""
        self.message_label.setText(text)
        self.message_label.setVisible(bool(text))
        if text:
            self.controller.error.emit(text)

    def _show_chart(self, on: bool) -> None:
        self.chart.setVisible(on)
        self.chart_toggle.setText("Hide chart" if on else "Show chart")
        self.chart_toggle.setArrowType(Qt.ArrowType.UpArrow if on else Qt.ArrowType.DownArrow)

    # ------------------------------------------------------------------ zone
    def set_display_zone(self, zone: str) -> bool:
        """Show every time in ``zone``: one undoable change of the review's display zone."""
        review = self.controller.review
        if zone == review.meta.display_tz:
            return True
        return (
            self.controller.push(set_field(review, "display_tz", zone, "Change display time zone"))
            is not None
        )

    # ------------------------------------------------------------------ selection
    def selected_ids(self) -> list[str]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        ids = [self.model.event_id(r) for r in rows]
        return [i for i in ids if i]

    def current_id(self) -> str | None:
        index = self.table.currentIndex()
        if index.isValid() and self.table.selectionModel().isRowSelected(index.row()):
            return self.model.event_id(index.row())
        ids = self.selected_ids()
        return ids[0] if ids else None

    def _selection_changed(self, *_args) -> None:
        ids = self.selected_ids()
        self.chart.set_selected(ids)
        current = self.current_id() or ""
        if current != self._last_emitted:
            self._last_emitted = current
            self.eventSelected.emit(current)

    def select_event(self, event_id: str) -> bool:
        """Select and show one event (clearing a filter that hides it)."""
        if event_id not in self.controller.review.events:
            return False
        if self.model.row_of(event_id) < 0:
            self.clear_filter()
        index = self.model.index_of(event_id)
        if not index.isValid():
            return False
        self.table.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.table.scrollTo(
            index,
            QAbstractItemView.ScrollHint.PositionAtCenter
            if self._presenting
            else QAbstractItemView.ScrollHint.EnsureVisible,
        )
        return True

    # ------------------------------------------------------------------ filter
    def _apply_filter(self) -> None:
        kinds = frozenset(k for k, a in self.kind_actions.items() if a.isChecked())
        self.model.set_filter(TimelineFilter(self.search.text(), kinds))
        if not kinds:
            self.kind_button.setText("All kinds")
        elif len(kinds) == 1:
            self.kind_button.setText(symbols.kind_label(next(iter(kinds))))
        else:
            self.kind_button.setText(f"{len(kinds)} kinds")

    def clear_filter_kinds(self) -> None:
        for action in self.kind_actions.values():
            action.blockSignals(True)
            action.setChecked(False)
            action.blockSignals(False)
        self._apply_filter()

    def set_kind_filter(self, kinds: set[str]) -> None:
        for kind, action in self.kind_actions.items():
            action.blockSignals(True)
            action.setChecked(kind in kinds)
            action.blockSignals(False)
        self._apply_filter()

    def clear_filter(self) -> None:
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        self.clear_filter_kinds()

    # ------------------------------------------------------------------ editing
    def add_event(self) -> str | None:
        """A new event a minute after the selected one (or now); the text cell opens for typing."""
        if self.controller.read_only:
            return None
        if self.model.filter().active:
            self.clear_filter()
        edit, event_id = new_event_edit(self.controller.review, self.current_id(), self.clock)
        if not self.controller.push(edit):
            return None
        self.select_event(event_id)
        index = self.model.index_of(event_id, COLUMNS.index("text"))
        if index.isValid() and not self._presenting:
            # NoUpdate: a held Ctrl (from Ctrl+Enter) must not toggle the new row's selection off
            self.table.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.NoUpdate
            )
            self.table.edit(index)
        return event_id

    def can_delete(self) -> bool:
        return not self.controller.read_only and bool(self.selected_ids())

    def delete_selection(self) -> None:
        ids = self.selected_ids()
        if not ids or self.controller.read_only:
            return
        first_row = min(self.model.row_of(i) for i in ids)
        if self.controller.push(ops.delete_events(self.controller.review, ids)):
            row = min(first_row, self.model.rowCount() - 1)
            if row >= 0:
                self.table.selectRow(row)

    def copy_selection(self) -> QMimeData | None:
        ids = self.selected_ids()
        if not ids:
            return None
        review = self.controller.review
        events = [review.events[i] for i in ids]
        return clipboard.events_mime(events, review.meta.display_tz)

    def paste(self, mime: QMimeData) -> bool:
        """Our own copied events are added as they were; any other text opens the preview."""
        if self.controller.read_only or mime is None:
            return False
        if mime.hasFormat(clipboard.EVENTS_MIME):
            entries, reason = clipboard.read_events_mime(mime)
            if entries:
                label = f"Paste {len(entries)} timeline event{'s' if len(entries) != 1 else ''}"
                drafts = [ops.EventDraft(**entry) for entry in entries]
                change = self.controller.push(ops.add_events(self.controller.review, drafts, label))
                if change:
                    self.select_event(change.added_in_order(self.controller.review, "events")[0])
            if reason:
                self.show_message(f"Pasted with a warning: {reason}.")
            return bool(entries or reason)
        if mime.hasText() and mime.text().strip():
            self.open_paste_preview(mime.text())
            return True
        return False

    def open_paste_preview(self, text: str | None = None) -> PastePreviewDialog:
        """Show the paste preview for ``text`` (the clipboard's text when None). Non-blocking:
        the dialog adds the events itself when the user confirms."""
        if text is None or not isinstance(text, str):
            mime = QGuiApplication.clipboard().mimeData()
            text = mime.text() if mime is not None and mime.hasText() else ""
        if self.paste_dialog is not None:
            self.paste_dialog.close()
        dialog = PastePreviewDialog(self.controller, text, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda d=dialog: self._pasted(d.added_ids))
        dialog.destroyed.connect(lambda *_a: self._forget_dialog(dialog))
        self.paste_dialog = dialog
        dialog.open()
        return dialog

    def _forget_dialog(self, dialog: PastePreviewDialog) -> None:
        if self.paste_dialog is dialog:
            self.paste_dialog = None

    def _pasted(self, ids: list[str]) -> None:
        if ids:
            self.select_event(ids[0])
            self.show_message("")

    # ------------------------------------------------------------------ Edit menu & links
    def find(self, text: str) -> bool:
        """Filter the table to events whose text or author contains ``text``."""
        self.search.setText(text)
        return self.model.rowCount() > 0

    def select_item(self, collection: str, item_id: str) -> bool:
        if collection != "events":
            return False
        return self.select_event(item_id)

    # ------------------------------------------------------------------ presentation
    def set_presentation(self, on: bool, scale: float = 1.6) -> None:
        self._presenting = on
        if on:
            self.setFont(typography.scaled(QApplication.font(), scale))
            self._present_id = self.current_id() or next(iter(self.model.ids()), None)
        else:
            self.setFont(QFont())
            self._present_id = None
        self.chart.set_scale(scale if on else 1.0)
        self.tools.setVisible(not on)
        self.present_card.setVisible(on)
        # The room follows the chart and the current event's card; the table would only push
        # them past the bottom of a small screen.
        self.table.setVisible(not on)
        self._refresh_state()
        self._show_present()

    def presented_event(self) -> str | None:
        return self._present_id if self._presenting else None

    def set_presentation_scale(self, scale: float) -> None:
        if not self._presenting:
            return
        self.setFont(typography.scaled(QApplication.font(), scale))
        self.chart.set_scale(scale)
        self._show_present()

    def present_step(self, delta: int) -> bool:
        if not self._presenting:
            return False
        ids = self.model.ids()
        if not ids:
            return False
        row = self.model.row_of(self._present_id) if self._present_id else -1
        target = row + delta if row >= 0 else 0
        if not 0 <= target < len(ids):
            return False
        self._present_id = ids[target]
        self._show_present()
        return True

    def _show_present(self) -> None:
        current = self._present_id if self._presenting else None
        if current is not None and current not in self.controller.review.events:
            current = self._present_id = next(iter(self.model.ids()), None)
        self.model.set_current(current)
        self.chart.set_current(current)
        if not self._presenting:
            return
        ids = self.model.ids()
        row = self.model.row_of(current) if current else -1
        self.present_card.show_event(self.controller.review, current, max(0, row), len(ids))
        if current:
            self.select_event(current)
