"""The import preview: what a file brings, before anything is added.

Every entry is a row with its time (in the review's display zone), author, source, kind, text
and what to check; entries the review already holds are marked and unticked. A Slack export
shows its channels as tick boxes, and every import can be narrowed to a time range (read in
the display zone, or with a zone written after the time). "Add" pushes ONE undoable edit with
the ticked entries, the people who wrote them and their links.
"""

from __future__ import annotations

import datetime as _dt

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from pm_desktop.domain import timeutil
from pm_desktop.domain.provenance import source_label
from pm_desktop.domain.time_input import parse_time_input
from pm_desktop.domain.wording import counted
from pm_desktop.ingest.intake.entries import IntakeResult
from pm_desktop.ingest.intake.plan import intake_edit, plan_intake

from .. import typography
from ..controller import DocumentController
from ..timeline import formatting
from ..timeline.paste_preview import KindDelegate
from .preview_model import COLUMNS, IntakePreviewModel


class IntakePreviewDialog(QDialog):
    """Signals: none beyond QDialog's. After ``accept()``, :attr:`added_ids` holds the new
    events' ids and :attr:`summary` the summary line."""

    def __init__(
        self,
        controller: DocumentController,
        result: IntakeResult,
        title: str,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.controller = controller
        self.result = result
        self.added_ids: list[str] = []
        self.summary = ""
        self.setWindowTitle(f"Import — {title}")
        review = controller.review
        self.zone = formatting.safe_zone(review.meta.display_tz)
        self.model = IntakePreviewModel(plan_intake(review, result.entries), self.zone, self)

        self.source_boxes: dict[str, QCheckBox] = {}
        sources = list(dict.fromkeys(e.source for e in result.entries))
        if len(sources) > 1:
            for source in sources:
                box = QCheckBox(source_label(source))
                box.setChecked(True)
                box.toggled.connect(lambda _on: self.apply_scope())
                self.source_boxes[source] = box
        self.since_field = QLineEdit()
        self.until_field = QLineEdit()
        for field, name in ((self.since_field, "From"), (self.until_field, "To")):
            field.setPlaceholderText("YYYY-MM-DD HH:MM")
            field.setAccessibleName(f"{name} time")
            field.setToolTip(
                f"Leave out entries outside this range. Read in {self.zone} unless a zone is "
                "written after the time (UTC, PST, +05:30)."
            )
            field.setMinimumWidth(self.fontMetrics().horizontalAdvance("YYYY-MM-DD HH:MM") + 40)
            field.editingFinished.connect(self.apply_scope)

        self.table = QTableView()
        self.table.setAccessibleName("What the file brings")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.SelectedClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.table.setItemDelegateForColumn(COLUMNS.index("kind"), KindDelegate(self.table))
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.table.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(COLUMNS.index("text"), QHeaderView.ResizeMode.Stretch)

        self.summary_label = typography.mark(QLabel(""), 1.0, QFont.Weight.DemiBold)
        self.summary_label.setTextFormat(Qt.TextFormat.PlainText)
        self.notes = QLabel("")
        self.notes.setProperty("role", "muted")
        self.notes.setWordWrap(True)
        self.notes.setTextFormat(Qt.TextFormat.PlainText)
        self.problem = QLabel("")
        self.problem.setProperty("role", "problem")
        self.problem.setTextFormat(Qt.TextFormat.PlainText)
        self.problem.hide()
        self.all_button = QPushButton("Tick all")
        self.none_button = QPushButton("Tick none")
        self.all_button.clicked.connect(lambda: self._tick_all(True))
        self.none_button.clicked.connect(lambda: self._tick_all(False))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.add_button = self.buttons.addButton("Add", QDialogButtonBox.ButtonRole.AcceptRole)
        self.add_button.setDefault(True)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self._build_layout()
        self.model.dataChanged.connect(lambda *_a: self._update_summary())
        self.model.modelReset.connect(self._update_summary)
        self._show_notes()
        typography.apply(self)
        self.fit_columns()
        self.resize(1240, 680)
        self._update_summary()

    def _build_layout(self) -> None:
        layout = QVBoxLayout(self)
        if self.source_boxes:
            row = QHBoxLayout()
            row.addWidget(QLabel("Sources"))
            for box in self.source_boxes.values():
                row.addWidget(box)
            row.addStretch(1)
            layout.addLayout(row)
        scope = QHBoxLayout()
        scope.addWidget(QLabel("From"))
        scope.addWidget(self.since_field)
        scope.addWidget(QLabel("To"))
        scope.addWidget(self.until_field)
        scope.addWidget(QLabel(self.zone))
        scope.addStretch(1)
        scope.addWidget(self.all_button)
        scope.addWidget(self.none_button)
        layout.addLayout(scope)
        layout.addWidget(self.problem)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.notes)
        layout.addWidget(self.buttons)

    def fit_columns(self) -> None:
        """Widths for the table's font: whole times, names and sources up to a limit."""
        fm = self.table.fontMetrics()
        em = fm.horizontalAdvance("M")
        entries = self.result.entries[:2000]

        def widest(texts, floor: int, cap: int) -> int:  # noqa: ANN001
            width = max((fm.horizontalAdvance(t) for t in texts), default=0)
            return max(floor, min(cap, width + 24))

        widths = {
            "include": fm.horizontalAdvance("Add") + 24,
            "time": fm.horizontalAdvance("0000-00-00 00:00") + 24,
            "author": widest({e.author for e in entries}, em * 5, em * 14),
            "source": widest({source_label(e.source) for e in entries}, em * 6, em * 14),
            "kind": fm.horizontalAdvance("Communication") + fm.height() + 30,
            "note": em * 16,
        }
        for column, width in widths.items():
            self.table.setColumnWidth(COLUMNS.index(column), width)

    # ------------------------------------------------------------------ scope
    def scope(self) -> tuple[set[str] | None, str | None, str | None, list[str]]:
        sources = (
            {s for s, box in self.source_boxes.items() if box.isChecked()}
            if self.source_boxes
            else None
        )
        problems = []
        bounds: list[str | None] = []
        for field, end, name in ((self.since_field, False, "From"), (self.until_field, True, "To")):
            text = field.text().strip()
            if not text:
                bounds.append(None)
                continue
            try:
                bounds.append(_read_bound(text, self._first_day(), self.zone, end))
            except ValueError as exc:
                problems.append(f"{name}: {exc}")
                bounds.append(None)
        return sources, bounds[0], bounds[1], problems

    def _first_day(self) -> _dt.date:
        first = next((e.time for e in self.result.entries if e.time), None)
        return timeutil.parse_date(first[:10]) if first else _dt.date.today()

    def apply_scope(self) -> None:
        sources, since, until, problems = self.scope()
        self.problem.setText("\n".join(problems))
        self.problem.setVisible(bool(problems))
        self.model.set_scope(sources, since, until)

    def _tick_all(self, on: bool) -> None:
        self.model.set_all(on)
        self._update_summary()

    def _show_notes(self) -> None:
        parts = [self.result.label] if self.result.label else []
        for reason, count in self.result.skipped.items():
            parts.append(f"{count:,} left out: {reason}")
        parts.extend(self.result.warnings)
        self.notes.setText(" · ".join(parts))

    def _update_summary(self) -> None:
        shown, ticked, duplicates = self.model.counts()
        parts = [counted(shown, "entry", "entries")]
        if duplicates:
            parts.append(f"{duplicates:,} already in the review (unticked)")
        self.summary_label.setText(" · ".join(parts))
        self.add_button.setText(f"Add {counted(ticked, 'event')}")
        self.add_button.setEnabled(ticked > 0 and not self.controller.read_only)

    # ------------------------------------------------------------------ adding
    def accept(self) -> None:
        entries = self.model.chosen()
        if not entries:
            return
        review = self.controller.review
        edit, summary = intake_edit(
            review, entries, self.result.people, f"Import {counted(len(entries), 'event')}"
        )
        change = self.controller.push(edit)
        if change is None:
            return
        self.added_ids = change.added_in_order(review, "events")
        self.summary = summary.line()
        super().accept()


def _read_bound(text: str, day: _dt.date, zone: str, end: bool) -> str:
    """A range end typed by the user → canonical UTC (a bare date covers the whole day)."""
    try:
        date = timeutil.parse_date(text)
    except timeutil.TimeError:
        reading = parse_time_input(text, default_date=day, zone=zone)
        if reading.status != "ok" or reading.instant is None:
            raise ValueError(reading.message or f"{text!r} is not a time") from None
        return reading.instant
    wall = _dt.datetime.combine(date, _dt.time(23, 59, 59) if end else _dt.time(0, 0))
    return timeutil.resolve_local(wall, zone).choices[-1 if end else 0]
