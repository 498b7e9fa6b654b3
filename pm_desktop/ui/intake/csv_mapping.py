"""The CSV step before the preview: which column is the time, the text, the author….

Each field (time, date, zone, text, author, kind) gets a drop-down of the file's columns, filled
from what was chosen last time for the same set of columns (kept in QSettings by
:func:`~pm_desktop.ingest.intake.csv_source.header_key`), else from the column names. The zone
for times written without one is chosen here too. A few rows of the file are shown under it.
"""

from __future__ import annotations

import hashlib
import json

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pm_desktop.ingest.intake.csv_source import FIELDS, CsvTable, guess_mapping, header_key

from .. import typography
from ..timeline.zone import understand_zone, zone_names

FIELD_LABELS = {
    "time": "Time (required)",
    "date": "Date, when it has its own column",
    "zone": "Zone or offset per row",
    "text": "What happened (required)",
    "author": "Who",
    "kind": "Kind",
}
NONE = "—"
SAMPLE_ROWS = 6


def _settings_key(header: tuple[str, ...]) -> str:
    digest = hashlib.sha256(header_key(header).encode("utf-8")).hexdigest()[:16]
    return f"intake/csv-map/{digest}"


def remembered_mapping(store: QSettings, header: tuple[str, ...]) -> dict[str, str] | None:
    raw = store.value(_settings_key(header), "", type=str)
    try:
        value = json.loads(raw) if raw else None
    except ValueError:
        return None
    if not isinstance(value, dict):
        return None
    return {c: f for c, f in value.items() if c in header and f in FIELDS}


def remember_mapping(store: QSettings, header: tuple[str, ...], mapping: dict[str, str]) -> None:
    store.setValue(_settings_key(header), json.dumps(mapping, ensure_ascii=False))


class CsvMappingDialog(QDialog):
    """Signals: none beyond QDialog's. :meth:`mapping` and :meth:`zone` after ``accept()``."""

    def __init__(
        self,
        table: CsvTable,
        name: str,
        store: QSettings,
        zone: str,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.setWindowTitle(f"Import CSV — columns of {name}")
        self.table = table
        self.store = store
        start = remembered_mapping(store, table.header) or guess_mapping(table.header)
        by_field = {f: c for c, f in start.items()}
        self.combos: dict[str, QComboBox] = {}
        form = QFormLayout()
        for field in FIELDS:
            combo = QComboBox()
            combo.addItem(NONE, "")
            for column in table.header:
                combo.addItem(column, column)
            combo.setCurrentIndex(max(0, combo.findData(by_field.get(field, ""))))
            combo.setAccessibleName(FIELD_LABELS[field])
            combo.currentIndexChanged.connect(lambda _i: self._check())
            self.combos[field] = combo
            form.addRow(FIELD_LABELS[field], combo)
        self.zone_field = QComboBox()
        self.zone_field.setEditable(True)
        self.zone_field.addItems(list(zone_names()))
        self.zone_field.setEditText(zone)
        self.zone_field.setAccessibleName("Zone of times written without one")
        self.zone_field.editTextChanged.connect(lambda _t: self._check())
        form.addRow("Zone of times written without one", self.zone_field)
        sample = QTableWidget(min(SAMPLE_ROWS, len(table.rows)), len(table.header))
        sample.setHorizontalHeaderLabels(list(table.header))
        for r, row in enumerate(table.rows[:SAMPLE_ROWS]):
            for c, value in enumerate(row[: len(table.header)]):
                sample.setItem(r, c, QTableWidgetItem(value[:200]))
        sample.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        sample.verticalHeader().hide()
        self.problem = QLabel("")
        self.problem.setProperty("role", "problem")
        self.problem.setTextFormat(Qt.TextFormat.PlainText)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText("Preview")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(QLabel(f"The first rows of {name}"))
        layout.addWidget(sample, 1)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        typography.apply(self)
        self.resize(820, 560)
        self._check()

    def mapping(self) -> dict[str, str]:
        out: dict[str, str] = {}
        for field, combo in self.combos.items():
            column = combo.currentData()
            if column:
                out[column] = field
        return out

    def zone(self) -> str | None:
        return understand_zone(self.zone_field.currentText())

    def _problems(self) -> list[str]:
        chosen = {f: c.currentData() for f, c in self.combos.items() if c.currentData()}
        problems = [f"Choose the {f} column." for f in ("time", "text") if f not in chosen]
        columns = list(chosen.values())
        if len(set(columns)) != len(columns):
            problems.append("A column can hold only one field.")
        if self.zone() is None:
            problems.append("The zone is not one I know (e.g. UTC, Europe/Berlin, +05:30).")
        return problems

    def _check(self) -> None:
        problems = self._problems()
        self.problem.setText(" ".join(problems))
        self.ok_button.setEnabled(not problems)

    def accept(self) -> None:
        if self._problems():
            return
        remember_mapping(self.store, self.table.header, self.mapping())
        super().accept()
