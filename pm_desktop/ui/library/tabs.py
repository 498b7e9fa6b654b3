"""The library window's pages: search, follow-ups and trends. Each reads from a
:class:`~pm_desktop.library.library.Library` the window hands it in :meth:`refresh`.

Signals: ``openRequested(str path, str kind, str item_id)`` on the search and follow-up pages
(kind is the library's item kind: ``event``, ``why``, ``followup``…; "" for the review itself).
"""

from __future__ import annotations

import csv
import datetime as _dt
from html import escape

from PySide6.QtCore import QSortFilterProxyModel, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from pm_desktop.domain.metrics import METRIC_DEFS
from pm_desktop.domain.trends import (
    DEFINITIONS,
    METRIC_KEYS,
    SEVERITY_ALL,
    Spread,
    Trends,
    compute,
    csv_rows,
)
from pm_desktop.library.library import Library
from pm_desktop.library.queries import SearchHit, followup_csv_rows, followups

from .chart import DAY_STEPS, CountsChart, MetricChart, days_text
from .models import ID_ROLE, PATH_ROLE, SORT_ROLE, FollowupsModel

KIND_LABELS = {
    "review": "Review",
    "event": "Timeline",
    "evidence": "Evidence",
    "why": "5 whys",
    "followup": "Follow-up",
    "parking": "Parking lot",
    "person": "Participant",
}


def write_csv(parent: QWidget, title: str, name: str, rows: list[list[str]]) -> str | None:
    path, _f = QFileDialog.getSaveFileName(parent, title, name, "CSV files (*.csv)")
    if not path:
        return None
    try:
        with open(path, "w", newline="", encoding="utf-8-sig") as fh:
            csv.writer(fh).writerows(rows)
    except OSError as exc:
        QMessageBox.warning(parent, title, f"{path}: {exc.strerror or exc}")
        return None
    return path


def hit_html(hit: SearchHit) -> str:
    text, out, last = hit.snippet.text, [], 0
    for a, b in hit.snippet.spans:
        out.append(escape(text[last:a]) + "<b><u>" + escape(text[a:b]) + "</u></b>")
        last = b
    out.append(escape(text[last:]))
    where = escape(f"{hit.title} · {hit.date or 'no date'} · {KIND_LABELS.get(hit.kind, hit.kind)}")
    return f"<div style='opacity:0.75'>{where}</div><div>{''.join(out)}</div>"


class SearchPage(QWidget):
    openRequested = Signal(str, str, str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.library: Library | None = None
        self.box = QLineEdit()
        self.box.setPlaceholderText(
            "Search every review: titles, summaries, timelines, whys, follow-ups, evidence…"
        )
        self.box.setClearButtonEnabled(True)
        self.count = QLabel()
        self.count.setProperty("role", "muted")
        self.results = QListWidget()
        self.results.setWordWrap(True)
        self.results.setAccessibleName("Search results")
        self.results.itemActivated.connect(self._activated)
        self.results.itemDoubleClicked.connect(self._activated)
        self.hits: list[SearchHit] = []
        self._timer = QTimer(self, singleShot=True, interval=200)
        self._timer.timeout.connect(self.run)
        self.box.textChanged.connect(lambda _t: self._timer.start())
        self.box.returnPressed.connect(self.run)
        layout = QVBoxLayout(self)
        layout.addWidget(self.box)
        layout.addWidget(self.count)
        layout.addWidget(self.results, 1)

    def refresh(self, library: Library) -> None:
        self.library = library
        self.run()

    def run(self) -> None:
        self._timer.stop()
        self.results.clear()
        self.hits = [] if self.library is None else self.library.search(self.box.text())
        for hit in self.hits:
            item = QListWidgetItem()
            label = QLabel(hit_html(hit))
            label.setTextFormat(Qt.TextFormat.RichText)
            label.setContentsMargins(6, 4, 6, 4)
            label.setToolTip(hit.path)
            item.setSizeHint(label.sizeHint())
            item.setData(Qt.ItemDataRole.UserRole, hit)
            self.results.addItem(item)
            self.results.setItemWidget(item, label)
        text = self.box.text().strip()
        if not text:
            self.count.setText("Type to search. Double-click a result to open the review there.")
        elif not self.hits:
            self.count.setText("Nothing found.")
        else:
            more = " (the first 200)" if len(self.hits) >= 200 else ""
            self.count.setText(f"{len(self.hits)} places found{more}.")

    def _activated(self, item: QListWidgetItem) -> None:
        hit: SearchHit = item.data(Qt.ItemDataRole.UserRole)
        self.openRequested.emit(hit.path, hit.kind, hit.item_id)


class FollowupsPage(QWidget):
    openRequested = Signal(str, str, str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.library: Library | None = None
        self.open_only = QCheckBox("Open only")
        self.open_only.setChecked(True)
        self.overdue_only = QCheckBox("Overdue only")
        self.owner = QLineEdit()
        self.owner.setPlaceholderText("Owner")
        self.team = QLineEdit()
        self.team.setPlaceholderText("Team")
        self.words = QLineEdit()
        self.words.setPlaceholderText("Words in the title or review")
        export = QPushButton("Export CSV…")
        export.clicked.connect(self.export_csv)
        for w in (self.open_only, self.overdue_only):
            w.toggled.connect(self.apply)
        for w in (self.owner, self.team, self.words):
            w.setClearButtonEnabled(True)
            w.textChanged.connect(self.apply)
        bar = QHBoxLayout()
        for w in (self.open_only, self.overdue_only, self.owner, self.team, self.words):
            bar.addWidget(w)
        bar.addStretch(1)
        bar.addWidget(export)
        self.model = FollowupsModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setSortIndicatorShown(True)
        self.table.verticalHeader().hide()
        self.table.doubleClicked.connect(self._open)
        self.table.activated.connect(self._open)
        self.summary = QLabel()
        self.summary.setProperty("role", "muted")
        hint = QLabel(
            "Overdue first. Double-click a follow-up to open its review and edit it there "
            "(one person changes a review at a time)."
        )
        hint.setProperty("role", "muted")
        hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.summary)
        layout.addWidget(hint)

    def refresh(self, library: Library) -> None:
        self.library = library
        self.apply()

    def entries(self) -> list:
        if self.library is None:
            return []
        from pm_desktop.library.queries import select_followups

        return select_followups(
            followups(self.library.conn),
            self.model.today,
            open_only=self.open_only.isChecked(),
            overdue_only=self.overdue_only.isChecked(),
            owner=self.owner.text(),
            team=self.team.text(),
            text=self.words.text(),
        )

    def apply(self) -> None:
        self.model.today = _dt.date.today()
        rows = self.entries()
        self.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # keep the board order
        self.model.set_rows(rows)
        today = self.model.today
        overdue = sum(1 for e in rows if e.overdue(today))
        stale = sum(1 for e in rows if e.stale(today))
        self.summary.setText(
            f"{len(rows)} follow-ups · {overdue} overdue · {stale} open more than 90 days "
            "after their incident"
        )

    def export_csv(self) -> None:
        rows = followup_csv_rows(self.model.rows, self.model.today)
        write_csv(self, "Export follow-ups", "follow-ups.csv", rows)

    def _open(self, index) -> None:  # noqa: ANN001 - QModelIndex
        self.openRequested.emit(
            index.data(PATH_ROLE), "followup", index.siblingAtColumn(0).data(ID_ROLE)
        )


class TrendsPage(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.library: Library | None = None
        self.trends: Trends | None = None
        self.metric = QComboBox()
        for key, label, *_rest in METRIC_DEFS:
            self.metric.addItem(f"{key} — {label}", key)
        self.severity = QComboBox()
        self.severity.addItem("Every severity", SEVERITY_ALL)
        for sev in ("SEV1", "SEV2", "SEV3", "SEV4"):
            self.severity.addItem(sev, sev)
        self.period = QComboBox()
        self.period.addItem("By month", "month")
        self.period.addItem("By quarter", "quarter")
        export = QPushButton("Export CSV…")
        export.clicked.connect(self.export_csv)
        for combo in (self.metric, self.severity):
            combo.currentIndexChanged.connect(self.draw)
        self.period.currentIndexChanged.connect(self.recompute)
        bar = QHBoxLayout()
        for w in (self.metric, self.severity, self.period):
            bar.addWidget(w)
        bar.addStretch(1)
        bar.addWidget(export)
        self.metric_chart = MetricChart()
        self.counts_chart = CountsChart()
        self.age_chart = MetricChart()
        self.age_chart.steps, self.age_chart.label = DAY_STEPS, days_text
        self.definitions = QLabel()
        self.definitions.setWordWrap(True)
        self.definitions.setTextFormat(Qt.TextFormat.RichText)
        inner = QWidget()
        column = QVBoxLayout(inner)
        column.addWidget(self.metric_chart, 3)
        column.addWidget(self.counts_chart, 2)
        column.addWidget(self.age_chart, 2)
        column.addWidget(self.definitions)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(scroll, 1)

    def refresh(self, library: Library) -> None:
        self.library = library
        self.recompute()

    def recompute(self) -> None:
        facts = [] if self.library is None else self.library.facts()
        self.trends = compute(facts, by=self.period.currentData())
        self.counts_chart.set_trends(self.trends)
        day = 86_400.0  # the chart reads seconds; ages are whole days
        ages = {
            c.period: Spread(a.n, a.median * day, a.low * day, a.high * day)
            for c in self.trends.counts
            if (a := c.open_age_days) is not None
        }
        self.age_chart.set_values(
            "Follow-ups still open: days since their incident (median and middle half)",
            self.trends.periods,
            ages,
        )
        self.draw()

    def draw(self) -> None:
        if self.trends is None:
            return
        key = self.metric.currentData()
        severity = self.severity.currentData()
        label = self.metric.currentText().split(" — ")[1]
        which = "every severity" if severity == SEVERITY_ALL else severity
        self.metric_chart.set_values(
            f"{label}: median (line) and middle half (band), {which}",
            self.trends.periods,
            self.trends.metric(key, severity),
        )
        names = (*METRIC_KEYS, "spread", "incidents", "completion", "age")
        self.definitions.setText("<br>".join(escape(DEFINITIONS[n]) for n in names))

    def export_csv(self) -> None:
        if self.trends is not None:
            write_csv(self, "Export trends", "trends.csv", csv_rows(self.trends))
