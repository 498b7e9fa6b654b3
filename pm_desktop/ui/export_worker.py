"""Exports run off the UI thread so the window never freezes.

The worker gets a *snapshot* of the review (later edits do not change it) and opens its own
read-only blob connection inside the thread (SQLite connections belong to one thread). Progress
goes to a QProgressDialog; its Cancel button sets a flag that the exporter's progress callback
turns into :class:`~pm_desktop.export.ExportCancelled`, so a cancelled export stops at its next
progress report and leaves no file behind.

PDF exports of a saved review go one step further: the worker thread only waits while a separate
process exports a copy of the file made when the export starts
(:func:`pm_desktop.export.isolated.run_isolated`). In a thread of the app, reportlab held the
interpreter lock long enough to freeze the window for up to 0.6 s at a time on a large review
(see docs/performance.md), and its memory stayed with the app afterwards.
"""

from __future__ import annotations

import importlib.util
import threading
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QThread, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

from pm_desktop.domain.model import Review
from pm_desktop.export import FORMATS, run_export

FORMAT_LABELS = {
    "pdf": "PDF",
    "md": "Markdown",
    "csv": "CSV",
    "json": "JSON",
    "html": "HTML",
    "docx": "Word",
    "confluence": "Confluence",
}
FORMAT_SUFFIX = {fmt: f".{fmt}" for fmt in FORMAT_LABELS} | {"confluence": ".xml"}
# Formats exported in a separate process when the review's file is known (slow, memory-hungry).
ISOLATED_FORMATS = frozenset({"pdf"})
FORMAT_FILTERS = {
    "pdf": "PDF documents (*.pdf)",
    "md": "Markdown (*.md)",
    "csv": "CSV spreadsheets (*.csv)",
    "json": "pm-desktop JSON (*.json)",
    "html": "Web pages (*.html *.htm)",
    "docx": "Word documents (*.docx)",
    "confluence": "Confluence storage format (*.xml)",
}


def format_available(fmt: str) -> bool:
    """True when this build has the exporter for ``fmt`` (checked without importing it)."""
    target = FORMATS.get(fmt)
    if target is None:
        return False
    try:
        return importlib.util.find_spec(target.split(":")[0]) is not None
    except (ImportError, ValueError):
        return False


class ExportTask(QObject):
    """One export, run by :meth:`run` in a worker thread.

    Signals: ``progressed(int percent, str message)``, ``succeeded(str path)``,
    ``failed(str message)``, ``cancelled()``, and ``done()`` after any of the last three.
    """

    progressed = Signal(int, str)
    succeeded = Signal(str)
    failed = Signal(str)
    cancelled = Signal()
    done = Signal()

    def __init__(
        self,
        fmt: str,
        review: Review,
        open_reader: Callable[[], object],
        out: Path,
        profile: str = "internal",
        source: Path | None = None,
        tracker: str = "jira",
        related: tuple = (),
    ):
        super().__init__()
        self.related = related  # earlier reviews the library relates to this one (PDF)
        self.fmt, self.review, self.out, self.profile = fmt, review, Path(out), profile
        self.tracker = tracker
        self.source = Path(source) if source is not None else None
        self._open_reader = open_reader
        self._cancel = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancel_requested(self) -> bool:
        return self._cancel.is_set()

    def _progress(self, fraction: float, message: str) -> None:
        if self._cancel.is_set():
            from pm_desktop.export.job import ExportCancelled

            raise ExportCancelled()
        self.progressed.emit(int(max(0.0, min(1.0, fraction)) * 100), message)

    @Slot()
    def run(self) -> None:
        # The export's own code loads with the first export, not with the window.
        from pm_desktop.export.isolated import run_isolated
        from pm_desktop.export.job import ExportCancelled, ExportError, ExportJob

        reader = None
        try:
            if self._cancel.is_set():
                raise ExportCancelled()
            if self.source is not None and self.fmt in ISOLATED_FORMATS:
                run_isolated(
                    self.fmt, self.source, self.out, self.profile,
                    self._progress, self._cancel.is_set, self.related,
                )  # fmt: skip
            else:
                reader = self._open_reader()
                job = ExportJob(
                    self.review, reader.read, self.out, self.profile, progress=self._progress,
                    related=self.related, tracker=self.tracker,
                )  # fmt: skip
                run_export(self.fmt, job)
        except ExportCancelled:
            self.cancelled.emit()
        except ExportError as exc:
            self.failed.emit(str(exc))
        except OSError as exc:
            where = exc.filename or str(self.out)
            self.failed.emit(f"{where}: {exc.strerror or exc}")
        except ModuleNotFoundError:
            label = FORMAT_LABELS.get(self.fmt, self.fmt)
            self.failed.emit(f"{label} export is not available in this version of pm-desktop.")
        except Exception as exc:  # an exporter bug must not take the app down with it
            self.failed.emit(
                f"{self.out}: the export stopped on a fault in pm-desktop ({exc}); please report it"
            )
        else:
            self.succeeded.emit(str(self.out))
        finally:
            if reader is not None:
                reader.close()
            self.done.emit()


class ExportRunner(QObject):
    """Starts exports on a worker thread and shows their progress.

    Signals: ``finished(str path)`` (success), ``failed(str message)``, ``cancelled()``.
    """

    finished = Signal(str)
    failed = Signal(str)
    cancelled = Signal()

    def __init__(self, parent_widget: QWidget | None = None):
        super().__init__(parent_widget)
        self._parent_widget = parent_widget
        self._thread: QThread | None = None
        self._task: ExportTask | None = None
        self.dialog: QProgressDialog | None = None

    @property
    def busy(self) -> bool:
        return self._thread is not None

    def start(
        self,
        fmt: str,
        review: Review,
        open_reader: Callable[[], object],
        out: Path,
        profile: str = "internal",
        *,
        show_progress: bool = True,
        source: Path | None = None,
        tracker: str = "jira",
        related: tuple = (),
    ) -> ExportTask:
        """Start an export of ``review``. With ``source`` (the review's file), a PDF is made in
        a separate process from a copy of that file taken now (see the module docstring)."""
        if self._thread is not None:
            raise RuntimeError("an export is already running")
        task = ExportTask(
            fmt, review, open_reader, out, profile, source, tracker=tracker, related=related
        )
        thread = QThread(self)
        task.moveToThread(thread)
        thread.started.connect(task.run)
        task.progressed.connect(self._on_progress, Qt.ConnectionType.QueuedConnection)
        task.succeeded.connect(self.finished, Qt.ConnectionType.QueuedConnection)
        task.failed.connect(self.failed, Qt.ConnectionType.QueuedConnection)
        task.cancelled.connect(self.cancelled, Qt.ConnectionType.QueuedConnection)
        task.done.connect(thread.quit)
        thread.finished.connect(self._on_thread_finished)
        self._thread, self._task = thread, task
        if show_progress:
            label = FORMAT_LABELS.get(fmt, fmt)
            dialog = QProgressDialog(
                f"Exporting {label} to {out.name}…", "Cancel", 0, 100, self._parent_widget
            )
            dialog.setWindowTitle("Export")
            dialog.setWindowModality(Qt.WindowModality.WindowModal)
            dialog.setMinimumDuration(300)
            dialog.setAutoClose(False)
            dialog.setAutoReset(False)
            dialog.setValue(0)
            dialog.canceled.connect(self.cancel)
            self.dialog = dialog
        thread.start()
        return task

    def cancel(self) -> None:
        if self._task is not None:
            self._task.cancel()
            if self.dialog is not None:
                self.dialog.setLabelText("Cancelling…")

    def wait(self, timeout_ms: int = 30000) -> bool:
        """Block until the worker is done (used when the window closes)."""
        thread = self._thread
        return True if thread is None else thread.wait(timeout_ms)

    def _on_progress(self, percent: int, message: str) -> None:
        if self.dialog is not None and not (self._task and self._task.cancel_requested):
            self.dialog.setValue(percent)
            if message:
                self.dialog.setLabelText(message[:120])

    def _on_thread_finished(self) -> None:
        thread, task = self._thread, self._task
        self._thread, self._task = None, None
        if self.dialog is not None:
            self.dialog.canceled.disconnect(self.cancel)
            self.dialog.close()
            self.dialog.deleteLater()
            self.dialog = None
        if task is not None:
            task.deleteLater()
        if thread is not None:
            thread.deleteLater()
