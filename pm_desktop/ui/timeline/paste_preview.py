"""The paste preview: see what a pasted timeline will become before it is added.

The pasted text stays editable on the left; the parsed entries are on the right with their
times in the chosen zone, an editable kind, the text and anything the parser had to guess.
Lines without a time are tinted in both places. Changing the default date, the zone or the text
parses again (once per pause in typing). Parsing always runs in a worker thread: the dialog shows
how far it has read, stays responsive, and a newer parse or closing the dialog stops the older
one within a few hundred lines. "Add" pushes ONE undoable edit with every included entry.
"""

from __future__ import annotations

import datetime as _dt
import threading
from concurrent.futures import Future, ThreadPoolExecutor

from PySide6.QtCore import QCoreApplication, QLocale, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QSplitter,
    QStyledItemDelegate,
    QTableView,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from pm_desktop.domain import ops, timeutil
from pm_desktop.ingest.timeline_text import ParseCancelled, ParseResult, parse_timeline

from .. import themes, typography
from ..controller import DocumentController
from . import formatting
from .delegates import KindCombo
from .paste_model import PREVIEW_COLUMNS, PastePreviewModel
from .zone import understand_zone, zone_names

HIGHLIGHT_LIMIT = 3000  # unparsed lines tinted in the text box (more would only slow it down)
PARSE_DELAY_MS = 300


def locale_date_order(locale: QLocale | None = None) -> str | None:
    """How the user's locale writes numeric dates: "md" (11/02 is 2 November, as in the US),
    "dm" (11 February), or None when it starts with the year and says nothing about 11/02."""
    short = (locale or QLocale()).dateFormat(QLocale.FormatType.ShortFormat)
    month, day, year = short.find("M"), short.find("d"), short.find("y")
    if month < 0 or day < 0 or 0 <= year < min(month, day):
        return None
    return "md" if month < day else "dm"


class KindDelegate(QStyledItemDelegate):
    """A kind cell edited with the kind drop-down (the paste and import previews)."""

    def createEditor(self, parent, option, index):  # noqa: N802 - Qt's name
        return KindCombo(parent)

    def setEditorData(self, editor, index):  # noqa: N802 - Qt's name
        editor.set_kind(str(index.data(Qt.ItemDataRole.EditRole)))

    def setModelData(self, editor, model, index):  # noqa: N802 - Qt's name
        model.setData(index, editor.kind(), Qt.ItemDataRole.EditRole)


class _Relay(QObject):
    """Carries a worker's result to the UI thread (queued by Qt across threads)."""

    parsed = Signal(int, object)
    progress = Signal(int, int, int)  # generation, lines read, lines


class PastePreviewDialog(QDialog):
    """Signals: none beyond QDialog's. After ``accept()``, :attr:`added_ids` holds the new
    events' ids (empty when the edit was refused)."""

    def __init__(
        self,
        controller: DocumentController,
        text: str = "",
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.controller = controller
        self.setWindowTitle("Paste a timeline")
        self.added_ids: list[str] = []
        self.result: ParseResult | None = None
        self._generation = 0
        self.date_order = locale_date_order()  # for 11/02 when nothing in the paste settles it
        self._shown = 0  # the generation whose result the preview shows
        self._pending: Future | None = None
        self._stop = threading.Event()  # set to stop the parse under way
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="timeline-parse")
        self._relay = _Relay(self)
        self._relay.parsed.connect(self._on_parsed)
        self._relay.progress.connect(self._on_progress)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.parse_now)
        review = controller.review

        self.date_field = QLineEdit(review.meta.incident_date)
        self.date_field.setPlaceholderText("YYYY-MM-DD")
        self.date_field.setToolTip(
            "The day for times written without a date. A date in the text (a title such as "
            "“Timeline — 12 March 2025”) wins over it."
        )
        self.date_field.setAccessibleName("Default date")
        self.date_field.setMaximumWidth(self.fontMetrics().horizontalAdvance("0000-00-00") * 2)
        self.zone_field = QComboBox()
        self.zone_field.setEditable(True)
        self.zone_field.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.zone_field.addItems(list(zone_names()))
        completer = QCompleter(list(zone_names()), self.zone_field)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.zone_field.setCompleter(completer)
        self.zone_field.setEditText(formatting.safe_zone(review.meta.display_tz))
        self.zone_field.setToolTip(
            "The zone for times written without one. A zone in the text (UTC, PST, +05:30, "
            "Europe/Berlin) wins over it."
        )
        self.zone_field.setAccessibleName("Default time zone")
        self.zone_field.setMinimumWidth(
            self.fontMetrics().horizontalAdvance("America/Los_Angeles") + 60
        )

        self.text_box = QPlainTextEdit()
        # Wrapped: a long pasted line must be readable here, not cut at the pane's edge.
        self.text_box.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.text_box.setPlaceholderText(
            "Paste or type timeline lines here, for example:\n"
            "09:15 UTC — Alert fires for checkout latency\n09:18 — On-call acknowledges"
        )
        self.text_box.setAccessibleName("Pasted text")
        self.text_box.setPlainText(text)
        self.model = PastePreviewModel(self)
        self.table = QTableView()
        self.table.setAccessibleName("What the pasted text becomes")
        self.table.setModel(self.model)
        self.table.setItemDelegateForColumn(PREVIEW_COLUMNS.index("kind"), KindDelegate(self.table))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.SelectedClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        em = self.fontMetrics().horizontalAdvance("M")
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        widths = (("include", 4), ("line", 4), ("time", 12), ("kind", 12), ("text", 24))
        for column, width in widths:
            self.table.setColumnWidth(PREVIEW_COLUMNS.index(column), em * width)

        self.summary = typography.mark(QLabel(""), 1.0, QFont.Weight.DemiBold)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.progress = QProgressBar()
        self.progress.setAccessibleName("Reading the pasted text")
        self.progress.setTextVisible(False)
        self.progress.setMaximumHeight(self.fontMetrics().height() // 2 + 4)
        self.progress.hide()
        self.warnings = QLabel("")
        self.warnings.setProperty("role", "problem")
        self.warnings.setWordWrap(True)
        self.warnings.setTextFormat(Qt.TextFormat.PlainText)
        self.all_button = QPushButton("Include all")
        self.none_button = QPushButton("Include none")
        self.all_button.clicked.connect(lambda: self._include_all(True))
        self.none_button.clicked.connect(lambda: self._include_all(False))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.add_button = self.buttons.addButton("Add", QDialogButtonBox.ButtonRole.AcceptRole)
        self.add_button.setDefault(True)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self._build_layout()

        self.date_field.textChanged.connect(lambda _t: self.schedule_parse())
        self.zone_field.editTextChanged.connect(lambda _t: self.schedule_parse())
        self.text_box.textChanged.connect(self.schedule_parse)
        self.model.dataChanged.connect(lambda *_a: self._update_summary())
        typography.apply(self)
        self.resize(1180, 640)
        self.parse_now()

    def _build_layout(self) -> None:
        fields = QHBoxLayout()
        fields.addWidget(QLabel("Default date"))
        fields.addWidget(self.date_field)
        fields.addSpacing(12)
        fields.addWidget(QLabel("Default zone"))
        fields.addWidget(self.zone_field)
        fields.addStretch(1)
        fields.addWidget(self.all_button)
        fields.addWidget(self.none_button)
        left = QWidget()
        left_box = QVBoxLayout(left)
        left_box.setContentsMargins(0, 0, 0, 0)
        left_box.addWidget(QLabel("Pasted text"))
        left_box.addWidget(self.text_box)
        right = QWidget()
        right_box = QVBoxLayout(right)
        right_box.setContentsMargins(0, 0, 0, 0)
        right_box.addWidget(self.summary)
        right_box.addWidget(self.progress)
        right_box.addWidget(self.table)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(left)
        split.addWidget(right)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 3)
        layout = QVBoxLayout(self)
        layout.addLayout(fields)
        layout.addWidget(split, 1)
        layout.addWidget(self.warnings)
        layout.addWidget(self.buttons)

    # ------------------------------------------------------------------ parsing
    def defaults(self) -> tuple[_dt.date | None, str, list[str]]:
        """The default date and zone from the fields, and what is wrong with them."""
        problems = []
        date = None
        raw_date = self.date_field.text().strip()
        if raw_date:
            try:
                date = timeutil.parse_date(raw_date)
            except timeutil.TimeError as exc:
                problems.append(f"Default date: {exc}; using the dates in the text, else today.")
        zone = understand_zone(self.zone_field.currentText())
        if zone is None:
            problems.append(
                f"Default zone: “{self.zone_field.currentText()[:60]}” is not a time zone; using UTC."
            )
            zone = timeutil.UTC
        return date, zone, problems

    def schedule_parse(self) -> None:
        self._timer.start(PARSE_DELAY_MS)

    def parse_now(self) -> None:
        """Parse the text with the current defaults, in the worker thread; the result arrives
        through :meth:`_on_parsed` (an older parse still running is told to stop)."""
        self._timer.stop()
        self._stop.set()
        self._generation += 1
        generation = self._generation
        text = self.text_box.toPlainText()
        date, zone, _problems = self.defaults()
        lines = text.count("\n") + 1
        self.summary.setText(f"Reading {lines:,} line{'s' if lines != 1 else ''} …")
        self.progress.setRange(0, max(lines, 1))
        self.progress.setValue(0)
        self.progress.show()
        self.add_button.setEnabled(False)
        relay = self._relay
        order = self.date_order
        stop = self._stop = threading.Event()

        def progress(done: int, total: int) -> None:
            if stop.is_set():
                raise ParseCancelled
            if done:
                relay.progress.emit(generation, done, total)

        def work() -> None:
            try:
                result = parse_timeline(
                    text, default_date=date, default_tz=zone, date_order=order, progress=progress
                )
            except ParseCancelled:
                return
            if not stop.is_set():
                relay.parsed.emit(generation, (result, zone))

        self._pending = self._pool.submit(work)

    def is_parsing(self) -> bool:
        """True until the current text's parse is shown."""
        return self._timer.isActive() or self._shown != self._generation

    def wait_for_parse(self) -> None:
        """Block until the current text is parsed and shown (scripts and tests; the window
        itself never waits: Add is disabled until the result is in)."""
        if self._timer.isActive():
            self.parse_now()
        if self._pending is not None:
            self._pending.result()
        QCoreApplication.processEvents()  # deliver the worker's queued result

    def _on_progress(self, generation: int, done: int, total: int) -> None:
        if generation == self._generation:
            self.progress.setRange(0, max(total, 1))
            self.progress.setValue(done)

    def _on_parsed(self, generation: int, payload: object) -> None:
        if generation != self._generation:
            return  # an older parse finished after a newer one started
        self._shown = generation
        self.progress.hide()
        result, zone = payload  # type: ignore[misc]
        self.result = result
        self.model.set_result(result, zone)
        self._highlight_unparsed(result)
        notes = list(self.defaults()[2]) + [w[0].upper() + w[1:] for w in result.warnings]
        self.warnings.setText("\n".join(f"• {n}" for n in notes[:8]))
        self.warnings.setVisible(bool(notes))
        self._update_summary()

    def _highlight_unparsed(self, result: ParseResult) -> None:
        doc = self.text_box.document()
        fmt = QTextCharFormat()
        fmt.setBackground(QColor(themes.colors().warning_bg))
        fmt.setProperty(QTextCharFormat.Property.FullWidthSelection, True)
        selections = []
        for line in result.unparsed_lines[:HIGHLIGHT_LIMIT]:
            block = doc.findBlockByNumber(line - 1)
            if not block.isValid():
                continue
            sel = QTextEdit.ExtraSelection()
            sel.cursor = QTextCursor(block)
            sel.format = fmt
            selections.append(sel)
        self.text_box.setExtraSelections(selections)

    def _update_summary(self) -> None:
        model = self.model
        total = model.rowCount()
        chosen = model.included_count()
        timed = sum(1 for r in range(total) if model.entry(r).time is not None)
        check = sum(1 for r in range(total) if model.needs_attention(r))
        parts = [f"{total:,} entries ({timed:,} with a time)"]
        if check:
            parts.append(f"{check:,} to check (tinted)")
        self.summary.setText(" · ".join(parts))
        self.add_button.setText(f"Add {chosen:,} event{'s' if chosen != 1 else ''}")
        self.add_button.setEnabled(chosen > 0 and not self.controller.read_only)

    def _include_all(self, on: bool) -> None:
        self.model.set_all_included(on)
        self._update_summary()

    # ------------------------------------------------------------------ adding
    def accept(self) -> None:
        if self.is_parsing():
            self.wait_for_parse()
        entries = self.model.events_to_add()
        if not entries:
            return
        review = self.controller.review
        label = f"Paste {len(entries)} timeline event{'s' if len(entries) != 1 else ''}"
        change = self.controller.push(ops.add_events(review, entries, label))
        if change is None:
            return
        self.added_ids = change.added_in_order(review, "events")
        super().accept()

    def done(self, code: int) -> None:
        self._timer.stop()
        self._generation += 1
        self._stop.set()  # the worker stops within PROGRESS_EVERY lines
        self._pool.shutdown(wait=True, cancel_futures=True)
        super().done(code)
