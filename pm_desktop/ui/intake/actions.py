"""File ▸ Import ▸ Slack export… / PagerDuty log… / Opsgenie alert… / CSV….

Choose a file, read it off the UI thread (a progress box with Cancel after a moment; every
check of :mod:`pm_desktop.ingest.intake` applies: a bad file is one sentence and nothing
changes), map a CSV's columns, then the preview adds what is ticked.

Signals: ``message(str)`` — a line for the status bar after an import.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QCoreApplication, QEventLoop, QObject, Qt, Signal
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox, QProgressDialog, QWidget

from pm_desktop.domain import timeutil

from ..controller import DocumentController
from ..settings import Settings

if TYPE_CHECKING:  # the readers and dialogs load on the first import, not with the window
    from concurrent.futures import ThreadPoolExecutor

    from pm_desktop.ingest.intake.entries import IntakeResult
    from pm_desktop.ingest.intake.sources import IntakeOptions

    from .csv_mapping import CsvMappingDialog
    from .preview import IntakePreviewDialog

T = TypeVar("T")
QUICK_SECONDS = 0.3  # a read shorter than this shows no progress box

IMPORT_KINDS: dict[str, tuple[str, str]] = {
    "slack": ("&Slack export…", "Slack exports (*.zip);;All files (*)"),
    "pagerduty": ("&PagerDuty log…", "JSON (*.json);;All files (*)"),
    "opsgenie": ("&Opsgenie alert…", "JSON (*.json);;All files (*)"),
    "csv": ("&CSV…", "CSV and text (*.csv *.tsv *.txt);;All files (*)"),
}


def read_source(path: Path, options: IntakeOptions) -> tuple[str, IntakeResult]:
    """The intake's reader for ``path`` (imported here on first use: the window is built
    before anyone imports anything)."""
    from pm_desktop.ingest.intake.sources import read_source as read

    return read(path, options)


class ImportActions(QObject):
    message = Signal(str)

    def __init__(self, controller: DocumentController, settings: Settings, parent: QWidget) -> None:
        super().__init__(parent)
        self.controller = controller
        self.settings = settings
        self.window = parent
        self.dialog: IntakePreviewDialog | None = None
        # Replaced in tests: the file chooser, the error box and the CSV mapping step.
        self.choose_file: Callable[[str], str | None] = self._choose_file
        self.error: Callable[[str], None] = self._error
        self.map_csv: Callable[[CsvMappingDialog], bool] = lambda d: (
            d.exec() == QDialog.DialogCode.Accepted
        )
        self._executor: ThreadPoolExecutor | None = None  # made with the first read
        self.progress: QProgressDialog | None = None
        parent.destroyed.connect(lambda *_a: self._stop_pool())

    @property
    def _pool(self) -> ThreadPoolExecutor:
        if self._executor is None:
            from concurrent.futures import ThreadPoolExecutor

            self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="intake-read")
        return self._executor

    def _stop_pool(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=False, cancel_futures=True)

    def _choose_file(self, kind: str) -> str | None:
        title = IMPORT_KINDS[kind][0].replace("&", "").rstrip("…")
        path, _ = QFileDialog.getOpenFileName(
            self.window, f"Import {title}", self.settings.last_folder(), IMPORT_KINDS[kind][1]
        )
        return path or None

    def _error(self, text: str) -> None:
        QMessageBox.warning(self.window, "Import", text)

    def start(self, kind: str, path: str | None = None) -> IntakePreviewDialog | None:
        """Import a file of ``kind``: choose it (unless ``path``), read it, show the preview."""
        if self.controller.document is None or self.controller.read_only:
            return None
        path = path or self.choose_file(kind)
        if not path:
            return None
        from pm_desktop.ingest.intake.entries import IntakeError

        try:
            result = self._read(kind, Path(path))
        except IntakeError as exc:
            self.error(f"{exc}.\n\nNothing was changed.")
            return None
        if result is None:
            return None
        if not result.entries:
            self.error(f"{path}: holds nothing to add.\n\nNothing was changed.")
            return None
        from pm_desktop.ingest.intake.sources import SOURCE_LABELS

        return self.preview(result, f"{SOURCE_LABELS[kind]} {Path(path).name}")

    def _read(self, kind: str, path: Path) -> IntakeResult | None:
        from pm_desktop.ingest.intake.csv_source import CsvOptions, csv_entries, read_table
        from pm_desktop.ingest.intake.sources import IntakeOptions

        from .csv_mapping import CsvMappingDialog

        meta = self.controller.review.meta
        date = timeutil.parse_date(meta.incident_date) if meta.incident_date else None
        if kind != "csv":
            return self._in_background(
                lambda: read_source(path, IntakeOptions(kind=kind))[1], f"Reading {path.name} …"
            )
        table = self._in_background(lambda: read_table(path), f"Reading {path.name} …")
        if table is None:
            return None
        step = CsvMappingDialog(table, path.name, self.settings.store, meta.display_tz, self.window)
        if not self.map_csv(step):
            return None
        options = CsvOptions(step.mapping(), step.zone() or "UTC", date)
        return csv_entries(table, options, path.name)

    def _in_background(self, work: Callable[[], T], label: str) -> T | None:
        """Run ``work`` off the UI thread; while it runs (past a moment) a window-modal
        progress box with Cancel keeps the window painting. None when cancelled (the worker's
        result is then dropped; reading changes nothing, so there is nothing to undo)."""
        from concurrent.futures import wait

        future = self._pool.submit(work)
        done, _pending = wait([future], timeout=QUICK_SECONDS)
        if not done:
            box = QProgressDialog(label, "Cancel", 0, 0, self.window)
            box.setWindowTitle("Import")
            box.setWindowModality(Qt.WindowModality.WindowModal)
            box.setMinimumDuration(0)
            box.show()
            self.progress = box
            try:
                while not future.done():
                    QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
                    if box.wasCanceled():
                        self.message.emit("Import cancelled; nothing was changed.")
                        return None
                    wait([future], timeout=0.05)
            finally:
                self.progress = None
                box.close()
                box.deleteLater()
        return future.result()

    def preview(self, result: IntakeResult, title: str) -> IntakePreviewDialog:
        from .preview import IntakePreviewDialog

        if self.dialog is not None:
            self.dialog.close()
        dialog = IntakePreviewDialog(self.controller, result, title, self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda d=dialog: self.message.emit(d.summary))
        dialog.destroyed.connect(lambda *_a: self._forget(dialog))
        self.dialog = dialog
        dialog.open()
        return dialog

    def _forget(self, dialog: IntakePreviewDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None
