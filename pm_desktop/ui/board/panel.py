"""The Follow-ups panel: the board of follow-up cards in four columns, with filters.

Cards move by drag and drop or from the keyboard (Ctrl+Left/Right: column, Ctrl+Up/Down:
position); Enter or a double-click opens the editor; a click on a root-cause chip asks the main
window to show that node in the 5 whys; a click on a tracker link opens it in the browser (only
http, https and mailto links, and only on that explicit click). Every change is one undoable edit
pushed through the controller.

Signals:

- ``showWhy(str)`` — show this why node in the 5-whys view (the main window wires it).
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import (
    QEvent,
    QItemSelection,
    QItemSelectionModel,
    QMimeData,
    QPointF,
    QRect,
    Qt,
    QTimer,
    QUrl,
    Signal,
)
from PySide6.QtGui import QDesktopServices, QFont
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QMenu,
    QVBoxLayout,
    QWidget,
)

from pm_desktop.domain import ops
from pm_desktop.domain.board_filter import BoardFilter, Clock
from pm_desktop.domain.board_moves import move_cards, neighbour_status
from pm_desktop.domain.edits import Change
from pm_desktop.domain.links import is_safe_url
from pm_desktop.domain.model import FOLLOWUP_STATUS_LABELS, FOLLOWUP_STATUSES
from pm_desktop.export.csv_export import followups_markdown

from .. import themes, typography
from ..controller import DocumentController
from ..panel import Panel
from . import clipboard
from .card import CardDelegate
from .columns import ColumnView, ColumnWidget
from .editor import FollowUpEditor
from .filter_bar import FilterBar
from .model import BoardModel, Roles

TODAY_CHECK_MS = 5 * 60 * 1000  # the date can turn while a review stays open overnight


class BoardPanel(Panel):
    key = "board"
    title = "Follow-ups"

    showWhy = Signal(str)

    def __init__(
        self,
        controller: DocumentController,
        parent: QWidget | None = None,
        *,
        clock: Clock | None = None,
    ):
        super().__init__(controller, parent)
        self.setObjectName("BoardPanel")
        self.model = BoardModel(controller, clock, self)
        controller.commitRequested.connect(self._commit_pending)
        self.delegate = CardDelegate(self)
        self.delegate.causeClicked.connect(self.showWhy)
        self.delegate.linkClicked.connect(self.open_link)
        self.selection = QItemSelectionModel(self.model, self)
        self._presenting = False
        self._scale = 1.0
        self._present_index = 0  # 0: every column; 1..4: one column
        self.editor: FollowUpEditor | None = None
        self._build()
        self.model.synced.connect(self._after_sync)
        themes.notifier().themeChanged.connect(self._restyle)
        self._timer = QTimer(self)
        self._timer.setInterval(TODAY_CHECK_MS)
        self._timer.timeout.connect(self.model.refresh_today)
        self._timer.start()
        self._after_sync()

    # ------------------------------------------------------------------ building
    def _build(self) -> None:
        # Slots are bound methods, never lambdas capturing self (see checklist.CriteriaEditor).
        self.toolbar = FilterBar()
        self.toolbar.newRequested.connect(self.new_card)
        self.toolbar.filtersChanged.connect(self._filters_changed)
        self.owner_combo = self.toolbar.owner_combo
        self.overdue_check = self.toolbar.overdue_check
        self.unlinked_check = self.toolbar.unlinked_check
        self.filter_label = self.toolbar.count_label

        self.columns: dict[str, ColumnWidget] = {}
        row = QHBoxLayout()
        row.setSpacing(12)
        for status in FOLLOWUP_STATUSES:
            column = ColumnWidget(self.model, status, self.delegate)
            view = column.view
            view.setSelectionModel(self.selection)
            view.moveRequested.connect(self.move_selection)
            view.focusNeighbour.connect(self.focus_column)
            view.editRequested.connect(self._edit_index)
            view.contextRequested.connect(self._context_menu)
            self.columns[status] = column
            row.addWidget(column, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.setSpacing(10)
        layout.addWidget(self.toolbar)
        layout.addLayout(row, 1)
        self.toolbar.fill_owners(self.controller.review)
        typography.apply(self)

    def view(self, status: str) -> ColumnView:
        return self.columns[status].view

    # ------------------------------------------------------------------ refresh
    def on_changed(self, change: Change) -> None:
        """The model follows the document itself; only the owner list needs a look here."""
        if change.touches("people") or change.touches("followups"):
            self.toolbar.fill_owners(self.controller.review)

    def on_document_replaced(self) -> None:
        if hasattr(self, "toolbar"):
            self.toolbar.fill_owners(self.controller.review)

    def _after_sync(self) -> None:
        self.delegate.forget_except(self.controller.review.followups)
        for column in self.columns.values():
            column.refresh_header()
        shown = sum(len(self.model.column_ids(s)) for s in FOLLOWUP_STATUSES)
        total = len(self.controller.review.followups)
        writable = not self.controller.read_only
        self.toolbar.show_counts(shown, total, self.model.filter.active, writable)

    def _restyle(self, _theme: str = "") -> None:
        detailed = self._presenting and self._present_index > 0
        self.delegate.set_scale(self._scale, detailed=detailed)
        for column in self.columns.values():
            column.refresh_header()
            column.view.doItemsLayout()
            column.view.viewport().update()

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().changeEvent(event)
        if typography.is_font_change(event) or event.type() == QEvent.Type.PaletteChange:
            if hasattr(self, "columns"):
                self._apply_header_fonts()
                self._restyle()

    # ------------------------------------------------------------------ filters
    def _filters_changed(self) -> None:
        self.model.set_filter(self.toolbar.board_filter(self.model.filter.text))

    def set_owner_filter(self, owner: str | None) -> None:
        """Show one person's cards (None: everyone, ``""``: cards nobody owns)."""
        self.toolbar.set_owner(owner)

    def clear_filters(self) -> None:
        """Show every card: the filter controls and the Find text are cleared."""
        self.toolbar.blockSignals(True)
        self.toolbar.clear()
        self.toolbar.blockSignals(False)
        self.model.set_filter(BoardFilter())

    # ------------------------------------------------------------------ selection
    def selected_ids(self) -> list[str]:
        """Selected cards in board order."""
        ids = {self.model.card_id(i) for i in self.selection.selectedIndexes()}
        return [c.id for c in self.controller.review.sorted_followups() if c.id in ids]

    def current_id(self) -> str | None:
        return self.model.card_id(self.selection.currentIndex())

    def select_cards(self, ids: list[str], current: str | None = None) -> None:
        """Select these cards, make ``current`` (default: the first) current, focus its column."""
        selection = QItemSelection()
        for card_id in ids:
            index = self.model.card_index(card_id)
            if index.isValid():
                selection.select(index, index)
        flags = QItemSelectionModel.SelectionFlag.ClearAndSelect
        self.selection.select(selection, flags)
        target = current if current in ids else (ids[0] if ids else None)
        index = self.model.card_index(target) if target else None
        if index is not None and index.isValid():
            self.selection.setCurrentIndex(index, QItemSelectionModel.SelectionFlag.NoUpdate)
            status = self.controller.review.followups[target].status
            self.view(status).scrollTo(index)
            self.view(status).setFocus(Qt.FocusReason.OtherFocusReason)

    def focus_column(self, status: str, delta: int) -> None:
        """Left/Right: the nearest shown column on that side, at about the same row."""
        row = max(0, self.selection.currentIndex().row())
        target = status
        while (target := neighbour_status(target, delta)) is not None:
            if self.columns[target].isVisible() or not self.isVisible():
                ids = self.model.column_ids(target)
                if ids:
                    self.select_cards([ids[min(row, len(ids) - 1)]])
                    return
                self.view(target).setFocus(Qt.FocusReason.OtherFocusReason)
                return

    # ------------------------------------------------------------------ moving
    def move_selection(self, dx: int, dy: int) -> bool:
        """Keyboard moves: ``dx`` changes column (to its end), ``dy`` moves one place."""
        ids = self.selected_ids()
        current = self.current_id()
        if not ids and current:
            ids = [current]
        if not ids or self.controller.read_only:
            return False
        review = self.controller.review
        lead = current if current in ids else ids[0]
        status = review.followups[lead].status
        if dx:
            target = neighbour_status(status, dx)
            if target is None:
                return False
            edit = move_cards(review, ids, target)
        else:
            shown = self.model.column_ids(status)
            same = [i for i in ids if i in shown]
            if not same:
                return False
            rows = [shown.index(i) for i in same]
            if dy < 0:
                if min(rows) == 0:
                    return False
                edit = move_cards(review, same, status, before=shown[min(rows) - 1])
            else:
                if max(rows) == len(shown) - 1:
                    return False
                edit = move_cards(review, same, status, after=shown[max(rows) + 1])
            ids = same
        ok = bool(edit.edits) and self.controller.push(edit) is not None
        self.select_cards(ids, lead)
        return ok

    def move_to_column(self, ids: list[str], status: str) -> bool:
        return self.controller.push(move_cards(self.controller.review, ids, status)) is not None

    # ------------------------------------------------------------------ editing
    def _edit_index(self, index) -> None:
        card_id = self.model.card_id(index)
        if card_id:
            self.open_editor(card_id)

    def new_card(self) -> FollowUpEditor | None:
        """The New follow-up button: the editor for a card in To do."""
        return self.open_editor(None)

    def _select_saved(self, card_id: str) -> None:
        self.select_cards([card_id])

    def _commit_pending(self) -> None:
        """The open follow-up form is saved (when it holds a change and a title) before the
        review closes or another panel is shown."""
        editor = self.editor
        if editor is not None and editor.isVisible() and editor.title_edit.text().strip():
            try:
                changed = editor.build_edit() is not None
            except LookupError:
                changed = False
            if changed:
                editor.save()

    def _editor_closed(self, _result: int) -> None:
        self.editor = None  # it deletes itself on close

    def open_editor(self, card_id: str | None, status: str = "todo") -> FollowUpEditor | None:
        """Open the editor (non-blocking) for a card, or for a new card when ``card_id`` is None."""
        if self.controller.read_only:
            self.controller.error.emit("This review is open read-only; the board cannot change.")
            return None
        self.editor = FollowUpEditor(
            self.controller, card_id, status=status, today=self.model.today, parent=self
        )
        self.editor.saved.connect(self._select_saved)
        self.editor.finished.connect(self._editor_closed)
        self.editor.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.editor.open()
        return self.editor

    def open_link(self, url: str) -> bool:
        """Open a card's tracker link in the system browser, only for http, https and mailto."""
        if not is_safe_url(url):
            self.controller.error.emit("That link is not a web or e-mail address; not opened.")
            return False
        return QDesktopServices.openUrl(QUrl(url.strip(), QUrl.ParsingMode.StrictMode))

    def part_rects(self, card_id: str) -> dict[str, list[tuple[QRect, str]]]:
        """Where a card's clickable parts are, in its column view's viewport coordinates:
        ``{"causes": [(rect, why id)…], "link": [(rect, url)]}`` (empty when not shown)."""
        out: dict[str, list[tuple[QRect, str]]] = {"causes": [], "link": []}
        index = self.model.card_index(card_id)
        card = self.controller.review.followups.get(card_id)
        if not index.isValid() or card is None:
            return out
        view = self.view(card.status)
        option = view.option_for(index)
        layout = self.delegate.layout_for(option, index.data(Roles.View))
        origin = QPointF(self.delegate.card_rect(option).topLeft())
        for rect, why_id, _text in layout.causes:
            out["causes"].append((rect.translated(origin).toRect(), why_id))
        if layout.link is not None:
            out["link"].append((layout.link[0].translated(origin).toRect(), layout.link[1]))
        return out

    # ------------------------------------------------------------------ context menu
    def card_menu(self, card_id: str) -> QMenu:
        """The right-click menu of a card (also reachable with the menu key). Each action
        carries what it does as data; one handler runs it."""
        review = self.controller.review
        card = review.followups[card_id]
        writable = not self.controller.read_only
        menu = QMenu(self)
        menu.triggered.connect(self._menu_triggered)

        def add(target: QMenu, text: str, data: tuple, enabled: bool = True) -> None:
            action = target.addAction(text)
            action.setData(data)
            action.setEnabled(enabled)

        add(menu, "Edit…", ("edit", card_id), writable)
        move = menu.addMenu("Move to")
        for status in FOLLOWUP_STATUSES:
            label = FOLLOWUP_STATUS_LABELS[status]
            add(move, label, ("move", card_id, status), writable and status != card.status)
        causes = menu.addMenu("Show in 5 whys")
        for why_id in card.why_ids:
            node = review.whys.get(why_id)
            if node is not None:
                text = " ".join(node.text.split()) or "?"
                add(causes, text if len(text) <= 70 else text[:69] + "…", ("why", why_id))
        causes.setEnabled(not causes.isEmpty())
        add(menu, "Open tracker link", ("link", card.url), is_safe_url(card.url))
        menu.addSeparator()
        add(menu, "Copy", ("copy",))
        add(menu, "Copy the board as a Markdown checklist", ("copy_md",))
        add(menu, "Delete", ("delete",), writable)
        return menu

    def _menu_triggered(self, action) -> None:
        data = action.data()
        if not isinstance(data, (tuple, list)) or not data:
            return
        kind, *args = data
        if kind == "edit":
            self.open_editor(args[0])
        elif kind == "move":
            self.move_to_column(self.selected_ids() or [args[0]], args[1])
        elif kind == "why":
            self.showWhy.emit(args[0])
        elif kind == "link":
            self.open_link(args[0])
        elif kind == "copy":
            self._copy_to_clipboard()
        elif kind == "copy_md":
            self.copy_board_markdown()
        elif kind == "delete":
            self.delete_selection()

    def _context_menu(self, index, global_pos) -> None:
        card_id = self.model.card_id(index)
        if card_id is None:
            return
        if card_id not in self.selected_ids():
            self.select_cards([card_id])
        menu = self.card_menu(card_id)
        menu.exec(global_pos)
        menu.deleteLater()

    def copy_board_markdown(self) -> str:
        """Put every card on the clipboard as a Markdown checklist (for chat or a wiki)."""
        text = followups_markdown(self.controller.review)
        QApplication.clipboard().setText(text)
        return text

    def _copy_to_clipboard(self) -> None:
        mime = self.copy_selection()
        if mime is not None:
            QApplication.clipboard().setMimeData(mime)

    # ------------------------------------------------------------------ Edit menu hooks
    def can_delete(self) -> bool:
        return bool(self.selected_ids()) and not self.controller.read_only

    def delete_selection(self) -> None:
        ids = self.selected_ids()
        if ids and not self.controller.read_only:
            self.controller.push(ops.delete_followups(self.controller.review, ids))

    def copy_selection(self) -> QMimeData | None:
        ids = self.selected_ids()
        if not ids:
            return None
        return clipboard.cards_mime(self.controller.review, ids, with_ids=False)

    def paste(self, mime: QMimeData) -> bool:
        """Copied cards paste as copies; text pastes as one To do card per line."""
        edit, problem = clipboard.paste_edit(self.controller.review, mime)
        if problem:
            self.controller.error.emit(problem)
        if edit is None:
            return bool(problem)
        if self.controller.read_only:
            self.controller.error.emit("This review is open read-only; nothing was pasted.")
            return True
        change = self.controller.push(edit)
        if change is not None:
            self.select_cards(change.added_in_order(self.controller.review, "followups"))
        return True

    def find(self, text: str) -> None:
        self.model.set_filter(replace(self.model.filter, text=text or ""))

    def select_item(self, collection: str, item_id: str) -> bool:
        card = self.controller.review.followups.get(item_id) if collection == "followups" else None
        if card is None:
            return False
        if not self.model.card_index(item_id).isValid():
            self.clear_filters()
        if self._presenting and self._present_index:
            self._present_index = FOLLOWUP_STATUSES.index(card.status) + 1
            self._show_columns()
        self.select_cards([item_id])
        return True

    # ------------------------------------------------------------------ presentation
    def set_presentation(self, on: bool, scale: float = 1.6) -> None:
        self._presenting = on
        self._scale = scale if on else 1.0
        self._present_index = 0
        self.toolbar.setVisible(not on)
        self._apply_header_fonts()
        self._show_columns()

    def set_presentation_scale(self, scale: float) -> None:
        if not self._presenting:
            return
        self._scale = scale
        self._apply_header_fonts()
        self._restyle()

    def _apply_header_fonts(self) -> None:
        """Column headers: their marked size normally, app size × scale when presenting."""
        typography.apply(self)
        if not self._presenting:
            return
        for column in self.columns.values():
            font = QFont(column.header.font())
            font.setPointSizeF(typography.app_base_point_size() * 1.15 * self._scale)
            font.setBold(True)
            column.header.setFont(font)

    def present_step(self, delta: int) -> bool:
        """Every column, then To do, In progress, Done, Won't do one at a time."""
        if not self._presenting:
            return False
        target = self._present_index + delta
        if not 0 <= target <= len(FOLLOWUP_STATUSES):
            return False
        self._present_index = target
        self._show_columns()
        return True

    def presented_statuses(self) -> list[str]:
        if not self._presenting or self._present_index == 0:
            return list(FOLLOWUP_STATUSES)
        return [FOLLOWUP_STATUSES[self._present_index - 1]]

    def _show_columns(self) -> None:
        shown = self.presented_statuses()
        for status, column in self.columns.items():
            column.setVisible(status in shown)
        self._restyle()
