"""The Evidence panel: everything captured during the incident, as cards, with a detail pane.

Screenshots, links, log snippets and files arrive by drag and drop (from a file manager, a
browser, a screenshot tool or a terminal), by Ctrl+V, by "Add files…" or by typing a link. One
drop or paste is ONE undoable edit; what cannot be added is listed in a banner, one line per
refused item, and nothing else changes. Cards drag onto timeline rows and why nodes to link them
(``EVIDENCE_MIME``); selecting an event in the timeline can filter the cards to it
(:meth:`EvidencePanel.filter_to_event`).

Links open in the system browser only on an explicit action (double-click or the button) and
only for http, https and mailto; attached files are never opened, only saved out.

Signals: none of its own (edits go through the controller; messages through ``controller.error``).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QItemSelectionModel, QMimeData, QModelIndex, Qt, QUrl, Slot
from PySide6.QtGui import QAction, QDesktopServices, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from pm_desktop.domain import ops
from pm_desktop.domain.edits import Change
from pm_desktop.domain.links import is_safe_url
from pm_desktop.domain.wording import counted
from pm_desktop.ingest import evidence_intake as intake
from pm_desktop.ingest.evidence_edits import build_edit, duplicate_edit, split_duplicates
from pm_desktop.ingest.evidence_intake import IntakeOptions, IntakeResult, is_text_mime

from .. import typography
from ..controller import DocumentController
from ..panel import Panel, catches_up
from . import drops
from .cards import CardDelegate
from .detail import EvidenceDetail, event_label
from .gallery import DropArea, MessageBanner
from .model import KIND_FILTERS, EvidenceFilter, EvidenceModel, captured_text
from .pixels import stored_image
from .presentation import EvidencePresentation
from .thumbs import ThumbnailCache
from .viewer import Chooser, ImageViewer, SnippetViewer, save_item_as

Opener = Callable[[QUrl], bool]
DETAIL_THUMB_SIZE = 512
FilesChooser = Callable[[QWidget | None], list[str]]


def _system_open(url: QUrl) -> bool:
    return QDesktopServices.openUrl(url)


def _native_files(parent: QWidget | None) -> list[str]:
    paths, _filter = QFileDialog.getOpenFileNames(parent, "Add files as evidence")
    return paths


CHIP_TEXT_WIDTH = 360  # pixels of the entry's text on the filter chip


class EvidencePanel(Panel):
    key = "evidence"
    title = "Evidence"

    def __init__(
        self,
        controller: DocumentController,
        parent: QWidget | None = None,
        *,
        opener: Opener | None = None,
        chooser: Chooser | None = None,
        files_chooser: FilesChooser | None = None,
        clock: intake.Clock | None = None,
        limit: int = intake.DEFAULT_LIMIT,
        threaded_thumbnails: bool = True,
    ):
        super().__init__(controller, parent)
        self.setObjectName("EvidencePanel")
        self.opener = opener or _system_open
        self.chooser = chooser
        self.files_chooser = files_chooser or _native_files
        self.clock = clock
        self.limit = limit
        self.capturer = ""  # who new items are recorded as captured by
        self.viewer: ImageViewer | SnippetViewer | None = None
        self.thumbs = ThumbnailCache(
            lambda: self.controller.document, threaded=threaded_thumbnails, parent=self
        )
        # the detail pane shows a larger preview of the one selected screenshot
        self.detail_thumbs = ThumbnailCache(
            lambda: self.controller.document,
            DETAIL_THUMB_SIZE,
            threaded=threaded_thumbnails,
            parent=self,
        )
        self.model = EvidenceModel(controller, self.thumbs, self)
        self.delegate = CardDelegate(self)
        self._presentation: EvidencePresentation | None = None
        self._build()
        self.detail_thumbs.ready.connect(self._thumb_ready)
        self.model.synced.connect(self._after_sync)
        self._after_sync()

    # ------------------------------------------------------------------ building
    def _build(self) -> None:
        self.add_button = QPushButton("Add files…")
        self.add_button.setToolTip("Attach screenshots, logs or other files (Insert)")
        self.add_button.clicked.connect(self.add_files)
        # Insert anywhere in the panel opens the file picker: adding evidence needs no mouse.
        insert = QAction("Add files…", self)
        insert.setShortcut(QKeySequence(Qt.Key.Key_Insert))
        insert.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        insert.triggered.connect(self.add_files)
        self.addAction(insert)
        self.insert_action = insert
        self.paste_button = QPushButton("Paste")
        self.paste_button.setToolTip("Add what is on the clipboard (Ctrl+V)")
        self.paste_button.clicked.connect(self.paste_clipboard)
        self.link_edit = QLineEdit()
        self.link_edit.setPlaceholderText("Paste a link or a log line, then press Enter")
        self.link_edit.setAccessibleName("Add a link or text")
        self.link_edit.returnPressed.connect(self._add_typed)
        self.kind_combo = QComboBox()
        self.kind_combo.setAccessibleName("Show evidence of kind")
        for value, label in KIND_FILTERS:
            self.kind_combo.addItem(label, value)
        self.kind_combo.currentIndexChanged.connect(self._filters_changed)
        self.search = QLineEdit()
        self.search.setPlaceholderText("Filter by title, note, text or address")
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName("Filter evidence")
        self.search.textChanged.connect(self._filters_changed)
        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        bar.addWidget(self.add_button)
        bar.addWidget(self.paste_button)
        bar.addWidget(self.link_edit, 2)
        bar.addSpacing(12)
        bar.addWidget(self.kind_combo)
        bar.addWidget(self.search, 1)
        self.toolbar = QWidget()
        self.toolbar.setLayout(bar)

        # The timeline row the cards are filtered to, as a chip that removes that filter.
        self.event_chip = QPushButton()
        self.event_chip.setProperty("role", "chip")
        self.event_chip.setToolTip("Show the evidence of every moment again")
        self.event_chip.setAccessibleDescription("Removes the filter to one timeline entry")
        self.event_chip.clicked.connect(lambda: self.filter_to_event(""))
        self.count_label = QLabel()
        self.count_label.setProperty("role", "muted")
        self.show_all = QPushButton("Show all evidence")
        self.show_all.clicked.connect(self.clear_filters)
        status = QHBoxLayout()
        status.setContentsMargins(0, 0, 0, 0)
        status.addWidget(self.event_chip)
        status.addStretch(1)
        status.addWidget(self.count_label)
        status.addWidget(self.show_all)

        self.banner = MessageBanner()
        self.drop_area = DropArea(self.model, self.delegate)
        self.drop_area.dropped.connect(self.add_from_mime)
        self.view = self.drop_area.view
        self.view.doubleClicked.connect(self._activated)
        self.view.openRequested.connect(self._activated)
        self.view.selectionModel().currentChanged.connect(self._current_changed)
        self.detail = EvidenceDetail(self.controller)
        self.detail.viewRequested.connect(self.open_item)
        self.detail.openLinkRequested.connect(self.open_link)
        self.detail.saveRequested.connect(self.save_item)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.drop_area)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([900, 440])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.setSpacing(8)
        layout.addWidget(self.toolbar)
        layout.addLayout(status)
        layout.addWidget(self.banner)
        layout.addWidget(self.splitter, 1)
        typography.apply(self)

    # ------------------------------------------------------------------ refresh
    def on_changed(self, change: Change) -> None:
        """The model and the detail pane follow the document themselves. Evidence added from
        elsewhere (the capture window, another panel) that the filter would hide shows the
        filters' removal instead of a "no evidence matches" page."""
        if self.model.filter.event_id and change.ids("events", kinds="r") & {
            self.model.filter.event_id
        }:
            self.filter_to_event("")
        added = change.ids("evidence", kinds="a")
        if added and self.model.filter.active:
            evidence = self.controller.review.evidence
            hidden = [
                i for i in added if i in evidence and not self.model.filter.accepts(evidence[i])
            ]
            if hidden:
                self.clear_filters()
                self.banner.show_message(
                    f"Showing all evidence: {counted(len(hidden), 'new item')} did not match the filter."
                )

    def on_document_replaced(self) -> None:
        if hasattr(self, "banner"):
            self.banner.clear()
            self.detail_thumbs.clear()
            self.filter_to_event("")
            if self._presentation is not None:
                self._presentation.clear_cache()

    def _after_sync(self) -> None:
        total = len(self.controller.review.evidence)
        shown = self.model.rowCount()
        evidence_filter = self.model.filter
        self.count_label.setText(f"Showing {shown} of {total}" if evidence_filter.active else "")
        self.show_all.setVisible(evidence_filter.active)
        event = self.controller.review.events.get(evidence_filter.event_id)
        self.event_chip.setVisible(event is not None)
        if event is not None:
            zone = self.controller.review.meta.display_tz
            label = event_label(event.time, zone, event.text, event.kind)
            # A long entry is shortened on the chip (the whole entry is in its tooltip): the chip
            # must never make the window wider than a small screen.
            metrics = self.event_chip.fontMetrics()
            short = metrics.elidedText(label, Qt.TextElideMode.ElideRight, CHIP_TEXT_WIDTH)
            self.event_chip.setText(f"Evidence for  {short}   ✕")
            self.event_chip.setToolTip(f"{label}\n\nShow the evidence of every moment again")
            self.event_chip.setAccessibleName(f"Remove the filter: evidence for {label}")
        writable = not self.controller.read_only
        for widget in (self.add_button, self.paste_button, self.link_edit):
            widget.setEnabled(writable)
        self.drop_area.set_state(total=total, shown=shown, writable=writable)
        if self.detail.item_id and self.detail.item_id not in self.controller.review.evidence:
            self.detail.show_item(None)

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().changeEvent(event)
        if typography.is_font_change(event) and hasattr(self, "view"):
            typography.apply(self)
            self.view.refresh_layout()

    # ------------------------------------------------------------------ filters
    def _filters_changed(self, *_args) -> None:
        self.model.set_filter(
            EvidenceFilter(
                text=self.search.text().strip(),
                kind=self.kind_combo.currentData() or "",
                event_id=self.model.filter.event_id,
            )
        )

    @Slot(str)
    @catches_up
    def filter_to_event(self, event_id: str) -> None:
        """Show only the evidence linked to this timeline event ("" shows everything)."""
        wanted = event_id if event_id in self.controller.review.events else ""
        f = self.model.filter
        self.model.set_filter(EvidenceFilter(text=f.text, kind=f.kind, event_id=wanted))
        self._after_sync()

    def clear_filters(self) -> None:
        for widget in (self.search, self.kind_combo):
            widget.blockSignals(True)
        self.search.clear()
        self.kind_combo.setCurrentIndex(0)
        for widget in (self.search, self.kind_combo):
            widget.blockSignals(False)
        self.model.set_filter(EvidenceFilter())
        self._after_sync()

    # ------------------------------------------------------------------ selection
    def selected_ids(self) -> list[str]:
        chosen = {self.model.id_at(i) for i in self.view.selectionModel().selectedIndexes()}
        return [i for i in self.model.ids() if i in chosen]

    def current_id(self) -> str | None:
        return self.model.id_at(self.view.currentIndex())

    def select_ids(self, ids: list[str]) -> None:
        selection = self.view.selectionModel()
        selection.clearSelection()
        first: QModelIndex | None = None
        for evidence_id in ids:
            index = self.model.index_of(evidence_id)
            if index.isValid():
                selection.select(index, QItemSelectionModel.SelectionFlag.Select)
                first = first or index
        if first is not None:
            selection.setCurrentIndex(first, QItemSelectionModel.SelectionFlag.NoUpdate)
            self.view.scrollTo(first)
            self.detail.show_item(self.model.id_at(first))
            self._feed_detail_thumbnail()

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.detail.show_item(self.model.id_at(current))
        self._feed_detail_thumbnail()

    def _feed_detail_thumbnail(self) -> None:
        item = self.detail.item
        if item is not None and item.kind == "image" and item.blob:
            self.detail.set_thumbnail(self.detail_thumbs.get(item.blob))

    def _thumb_ready(self, sha: str) -> None:
        item = self.detail.item
        if item is not None and item.blob == sha:
            self.detail.set_thumbnail(self.detail_thumbs.get(sha))

    def settle(self) -> None:
        self.settle_thumbnails()

    def settle_thumbnails(self) -> None:
        """Make the previews of the cards painted so far, now (before a screenshot)."""
        self.thumbs.settle()
        self.detail_thumbs.settle()

    # ------------------------------------------------------------------ adding
    def options(self) -> IntakeOptions:
        return IntakeOptions(
            limit=self.limit, clock=self.clock, zone=self.controller.review.meta.display_tz
        )

    def add_from_mime(self, mime: QMimeData) -> list[str]:
        """A drop or a paste: everything usable becomes evidence in one undoable edit."""
        return self.add_result(drops.intake_mime(mime, self.options()))

    def add_result(self, result: IntakeResult) -> list[str]:
        """Store the drafts' bytes, push one edit, select what was added, list what was not."""
        doc = self.controller.document
        if doc is None or self.controller.read_only:
            self.banner.show_message("This review is open read-only; nothing was added.")
            return []
        review = self.controller.review
        fresh, known = split_duplicates(review, result.drafts)
        lines = [f"• {r.message}" for r in result.rejections]
        lines += [f"• {d.source}: already in the evidence as “{e.title}”" for d, e in known]
        added: list[str] = []
        if fresh:
            try:
                edit = build_edit(review, fresh, doc.put_blob, captured_by=self.capturer)
            except Exception as exc:  # the file could not take the bytes (disk full…)
                lines.append(f"• nothing was added: {exc}")
            else:
                change = self.controller.push(edit)
                if change is not None:
                    added = change.added_in_order(review, "evidence")
        if lines:
            head = "Not added:" if not added else f"Added {len(added)}; not added:"
            self.banner.show_message("\n".join([head, *lines]))
            self.controller.error.emit(
                f"{counted(len(lines), 'item')} could not be added to the evidence"
            )
        else:
            self.banner.clear()
        if added:
            if not all(self.model.index_of(i).isValid() for i in added):
                self.clear_filters()
            self.select_ids(added)
        elif known:
            self.select_ids([e.id for _d, e in known])
        return added

    def add_files(self) -> list[str]:
        paths = self.files_chooser(self)
        if not paths:
            return []
        result = IntakeResult()
        for path in paths:
            result.extend(intake.intake_path(path, self.options()))
        return self.add_result(intake.limit_drop(result))

    def paste_clipboard(self) -> bool:
        mime = QApplication.clipboard().mimeData()
        return self.paste(mime) if mime is not None else False

    def _add_typed(self) -> None:
        text = self.link_edit.text()
        if text.strip() and self.add_result(intake.intake_text(text, self.options())):
            self.link_edit.clear()

    # ------------------------------------------------------------------ opening
    def _activated(self, index: QModelIndex) -> None:
        evidence_id = self.model.id_at(index)
        if evidence_id:
            self.open_item(evidence_id)

    def open_item(self, evidence_id: str) -> None:
        """The explicit "look at it" action: viewer, browser (safe links only) or Save as."""
        review = self.controller.review
        item = review.evidence.get(evidence_id)
        doc = self.controller.document
        if item is None or doc is None:
            return
        when = captured_text(item, review.meta.display_tz)
        caption = f"{item.title} · captured {when}" if when else item.title
        if item.kind == "link":
            self.open_link(evidence_id)
            return
        if item.kind == "image" and item.blob:
            self.viewer = ImageViewer(
                item, doc.read_blob(item.blob), caption, read_blob=doc.read_blob,
                chooser=self.chooser, controller=self.controller, parent=self,
            )  # fmt: skip
        elif item.kind == "text":
            self.viewer = SnippetViewer(
                item, item.text, caption, chooser=self.chooser, controller=self.controller,
                parent=self,
            )  # fmt: skip
        elif item.kind == "file" and item.blob and is_text_mime(item.mime):
            text = doc.read_blob(item.blob).decode("utf-8", "replace")
            self.viewer = SnippetViewer(
                item, text, caption, read_blob=doc.read_blob, chooser=self.chooser, parent=self
            )
        else:
            self.save_item(evidence_id)
            return
        self.viewer.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.viewer.show()

    def open_link(self, evidence_id: str) -> bool:
        """Open a link item in the browser: only http, https and mailto, only when asked."""
        item = self.controller.review.evidence.get(evidence_id)
        if item is None or item.kind != "link" or not is_safe_url(item.url):
            self.controller.error.emit("Only web and e-mail links are opened; this one is not.")
            return False
        return bool(self.opener(QUrl(item.url.strip(), QUrl.ParsingMode.StrictMode)))

    def save_item(self, evidence_id: str) -> str:
        item = self.controller.review.evidence.get(evidence_id)
        doc = self.controller.document
        if item is None or doc is None:
            return ""
        path, problem = save_item_as(
            self, item, doc.read_blob, self.chooser, review=self.controller.review
        )
        if problem:
            self.banner.show_message(problem)
        return path

    # ------------------------------------------------------------------ Edit menu hooks
    def can_delete(self) -> bool:
        return bool(self.selected_ids()) and not self.controller.read_only

    def delete_selection(self) -> None:
        ids = self.selected_ids()
        if ids and not self.controller.read_only:
            self.controller.push(ops.delete_evidence(self.controller.review, ids))

    def copy_selection(self) -> QMimeData | None:
        ids = self.selected_ids()
        if not ids:
            return None
        review = self.controller.review
        items = [review.evidence[i] for i in ids]
        text = "\n\n".join(
            e.url if e.kind == "link" else e.text if e.kind == "text" else e.title for e in items
        )
        mime = drops.evidence_mime(ids, text)
        doc = self.controller.document
        if len(items) == 1 and items[0].kind == "image" and items[0].blob and doc is not None:
            image, _ = stored_image(doc.read_blob(items[0].blob))
            if image is not None:
                mime.setImageData(image)
        return mime

    def paste(self, mime: QMimeData) -> bool:
        """Ctrl+V: copied cards paste as copies; anything else follows the drop rules."""
        if mime is None:
            return False
        if self.controller.read_only:
            self.banner.show_message("This review is open read-only; nothing was pasted.")
            return True
        review = self.controller.review
        own = [i for i in drops.evidence_ids(mime) if i in review.evidence]
        if own:
            edit = duplicate_edit(review, own)
            change = self.controller.push(edit)
            if change is not None:
                self.select_ids(change.added_in_order(review, "evidence"))
            return True
        if not drops.can_take(drops.without_own(mime)):
            return False
        self.add_from_mime(drops.without_own(mime))
        return True

    def find(self, text: str) -> None:
        self.search.setText(text or "")

    def select_item(self, collection: str, item_id: str) -> bool:
        if collection != "evidence" or item_id not in self.controller.review.evidence:
            return False
        if not self.model.index_of(item_id).isValid():
            self.clear_filters()
            self.filter_to_event("")
        self.select_ids([item_id])
        self.view.setFocus(Qt.FocusReason.OtherFocusReason)
        return True

    # ------------------------------------------------------------------ presentation
    def _blob_reader(self) -> Callable[[str], bytes] | None:
        doc = self.controller.document
        return doc.read_blob if doc is not None and not doc.closed else None

    def presentation_widget(self) -> QWidget | None:
        if self._presentation is None:
            self._presentation = EvidencePresentation(self._blob_reader, self)
            self._presentation.hide()
        return self._presentation

    def set_presentation(self, on: bool, scale: float = 1.6) -> None:
        view = self.presentation_widget()
        assert isinstance(view, EvidencePresentation)
        if on:
            ids = self.model.ids()
            current = self.current_id()
            view.show_ids(self.controller.review, ids, ids.index(current) if current in ids else 0)
        else:
            view.clear_cache()

    def present_step(self, delta: int) -> bool:
        if self._presentation is None:
            return False
        moved = self._presentation.step(delta)
        if moved and self._presentation.current_id():
            self.select_ids([self._presentation.current_id() or ""])
        return moved
