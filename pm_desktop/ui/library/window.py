"""File ▸ Library (Ctrl+L): every review under the team's folders.

Pages: the reviews (sortable, filterable, with the earlier reviews each one resembles), search
across all of them, follow-ups of every review, trends. The folders are chosen here; scans run
on a worker thread (:mod:`.worker`) with progress and a Cancel button, and the index lives in
the app's data folder. The window never writes a review: opening one (a search hit, a
follow-up) goes through the main window, which keeps the one-writer-per-file rule.

Signals: ``openRequested(str path, str kind, str item_id)``.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from PySide6.QtCore import QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QMainWindow,
    QProgressBar,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from pm_desktop.domain.model import REVIEW_STATUS_LABELS
from pm_desktop.domain.recurrence import summary
from pm_desktop.domain.search import Query
from pm_desktop.library.index import IndexError_
from pm_desktop.library.library import Library
from pm_desktop.library.scan import ScanReport

from .models import PATH_ROLE, SORT_ROLE, ReviewsModel
from .tabs import FollowupsPage, SearchPage, TrendsPage
from .worker import ScanRunner


class ReviewFilter(QSortFilterProxyModel):
    """Words (title, services, authors; the Find rules), severity and status."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.query = Query.parse("")
        self.severity = ""
        self.status = ""
        self.setSortRole(SORT_ROLE)

    def set_filter(self, text: str, severity: str, status: str) -> None:
        self.beginFilterChange()
        self.query, self.severity, self.status = Query.parse(text), severity, status
        self.endFilterChange()

    def filterAcceptsRow(self, row: int, parent) -> bool:  # noqa: N802, ANN001 - Qt's name
        model = self.sourceModel()
        if not isinstance(model, ReviewsModel) or not 0 <= row < len(model.rows):
            return True
        r = model.rows[row]
        if self.severity and r.severity != self.severity:
            return False
        if self.status and r.status != self.status:
            return False
        return self.query.test_texts([r.title, " ".join(r.services), r.authors, r.date])


class LibraryWindow(QMainWindow):
    openRequested = Signal(str, str, str)

    def __init__(self, index_path: Path, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Library — pm-desktop")
        self.setObjectName("LibraryWindow")
        self.resize(1200, 780)
        self.index_path = index_path
        self.library: Library | None = None
        self.runner = ScanRunner(self)
        self.runner.progressed.connect(self._progress)
        self.runner.finished.connect(self._scanned)
        self.runner.failed.connect(self._failed)

        # --- folders and scanning
        self.folders = QLabel()
        self.folders.setWordWrap(True)
        add = QPushButton("Add Folder…")
        add.clicked.connect(self.choose_folder)
        self.remove_button = QPushButton("Remove Folder…")
        self.remove_button.clicked.connect(self.choose_folder_to_remove)
        self.scan_button = QPushButton("Scan Now")
        self.scan_button.clicked.connect(self.scan)
        self.progress = QProgressBar()
        self.progress.setTextVisible(True)
        self.progress.hide()
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.clicked.connect(self.runner.cancel)
        self.cancel_button.hide()
        self.status = QLabel()
        self.status.setProperty("role", "muted")
        top = QHBoxLayout()
        top.addWidget(self.folders, 1)
        for w in (self.progress, self.cancel_button, add, self.remove_button, self.scan_button):
            top.addWidget(w)

        # --- pages
        self.tabs = QTabWidget()
        self.tabs.addTab(self._reviews_page(), "Reviews")
        self.search_page = SearchPage()
        self.followups_page = FollowupsPage()
        self.trends_page = TrendsPage()
        self.problems = QListWidget()
        self.problems.setWordWrap(True)
        self.tabs.addTab(self.search_page, "Search")
        self.tabs.addTab(self.followups_page, "Follow-ups")
        self.tabs.addTab(self.trends_page, "Trends")
        self.tabs.addTab(self.problems, "Cannot Be Used")
        for page in (self.search_page, self.followups_page):
            page.openRequested.connect(self.openRequested)
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.addLayout(top)
        layout.addWidget(self.status)
        layout.addWidget(self.tabs, 1)
        self.setCentralWidget(central)
        find = self.addAction("Search the Library")
        find.setShortcut(QKeySequence.StandardKey.Find)
        find.triggered.connect(self.focus_search)
        self.open_index()

    def _reviews_page(self) -> QWidget:
        self.filter_box = QLineEdit()
        self.filter_box.setPlaceholderText("Filter by title, service, author or date")
        self.filter_box.setClearButtonEnabled(True)
        self.severity_filter = QComboBox()
        self.severity_filter.addItem("Every severity", "")
        for sev in ("SEV1", "SEV2", "SEV3", "SEV4"):
            self.severity_filter.addItem(sev, sev)
        self.status_filter = QComboBox()
        self.status_filter.addItem("Every status", "")
        for key, label in REVIEW_STATUS_LABELS.items():
            self.status_filter.addItem(label, key)
        self.model = ReviewsModel(self)
        self.proxy = ReviewFilter(self)
        self.proxy.setSourceModel(self.model)
        self.filter_box.textChanged.connect(self._filter)
        self.severity_filter.currentIndexChanged.connect(self._filter)
        self.status_filter.currentIndexChanged.connect(self._filter)
        self.table = QTableView()
        self.table.setObjectName("LibraryReviews")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(
            lambda index: self.openRequested.emit(index.data(PATH_ROLE), "review", "")
        )
        self.table.activated.connect(
            lambda index: self.openRequested.emit(index.data(PATH_ROLE), "review", "")
        )
        self.table.selectionModel().currentRowChanged.connect(self._show_related)
        self.related = QLabel()
        self.related.setWordWrap(True)
        self.related.setTextFormat(Qt.TextFormat.RichText)
        bar = QHBoxLayout()
        bar.addWidget(self.filter_box, 1)
        bar.addWidget(self.severity_filter)
        bar.addWidget(self.status_filter)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.related)
        return page

    # ------------------------------------------------------------------ index and folders
    def open_index(self) -> None:
        try:
            self.library = Library(self.index_path)
        except IndexError_ as exc:
            self.status.setText(str(exc))
            return
        self.refresh()

    def refresh(self) -> None:
        library = self.library
        if library is None:
            return
        folders = library.folders()
        self.remove_button.setEnabled(bool(folders))
        self.scan_button.setEnabled(bool(folders) and not self.runner.busy)
        self.folders.setText(
            "Folders: " + " · ".join(folders)
            if folders
            else "No folders yet. Add the folders where your team keeps its review files."
        )
        self.model.set_rows(library.reviews())
        self.proxy.sort(self.proxy.sortColumn(), self.proxy.sortOrder())
        problems = library.problems()
        self.problems.clear()
        for p in problems:
            self.problems.addItem(f"{p.path}\n    {p.reason}")
        self.tabs.setTabText(
            4, f"Cannot Be Used ({len(problems)})" if problems else "Cannot Be Used"
        )
        for page in (self.search_page, self.followups_page, self.trends_page):
            page.refresh(library)

    def add_folders(self, paths: list[str]) -> None:
        if self.library is not None and paths:
            self.library.add_folders(paths)
            self.refresh()
            self.scan()

    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Add a folder of reviews to the library")
        if folder:
            self.add_folders([folder])

    def choose_folder_to_remove(self) -> None:
        if self.library is None:
            return
        folders = self.library.folders()
        folder, ok = QInputDialog.getItem(
            self,
            "Remove a folder",
            "Forget this folder (its files stay as they are):",
            folders,
            0,
            False,
        )
        if ok and folder:
            self.library.remove_folder(folder)
            self.scan()

    # ------------------------------------------------------------------ scanning
    def scan(self) -> bool:
        if self.library is None or not self.runner.start(self.index_path):
            return False
        self.scan_button.setEnabled(False)
        self.progress.setRange(0, 0)
        self.progress.show()
        self.cancel_button.show()
        self.status.setText("Looking for review files…")
        return True

    def _progress(self, done: int, total: int, path: str) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        self.progress.setFormat(f"{done} of {total}")
        if path:
            self.status.setText(f"Reading {Path(path).name}")

    def _scan_ended(self) -> None:
        self.progress.hide()
        self.cancel_button.hide()

    def _scanned(self, report: ScanReport) -> None:
        self._scan_ended()
        self.status.setText(report.summary() + f" in {report.seconds:.1f} s.")
        self.refresh()

    def _failed(self, message: str) -> None:
        self._scan_ended()
        self.status.setText(message)
        self.refresh()

    # ------------------------------------------------------------------ reviews page
    def _filter(self) -> None:
        self.proxy.set_filter(
            self.filter_box.text(),
            self.severity_filter.currentData(),
            self.status_filter.currentData(),
        )

    def _show_related(self, current, _previous=None) -> None:  # noqa: ANN001 - QModelIndex
        if self.library is None or not current.isValid():
            self.related.clear()
            return
        relations = self.library.related_to(current.data(PATH_ROLE))
        if not relations:
            self.related.setText("No earlier review looks related.")
            return
        items = "".join(
            f"<li>{escape(r.other.title)} ({escape(r.other.date)}): {escape('; '.join(r.reasons))}</li>"
            for r in relations[:5]
        )
        more = f"<br>…and {len(relations) - 5} more." if len(relations) > 5 else ""
        head = summary(relations).capitalize()
        self.related.setText(f"<b>{escape(head)}</b><ul style='margin:0'>{items}</ul>{more}")

    def focus_search(self) -> None:
        self.tabs.setCurrentWidget(self.search_page)
        self.search_page.box.setFocus()
        self.search_page.box.selectAll()

    def closeEvent(self, event) -> None:  # noqa: N802, ANN001 - Qt's name
        self.runner.cancel()
        self.runner.wait()
        super().closeEvent(event)
