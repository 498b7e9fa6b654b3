"""Scanning the library folders on a worker thread, with progress and cancel.

Signals of :class:`ScanRunner`: ``progressed(int done, int total, str path)``,
``finished(object report)`` (a :class:`~pm_desktop.library.scan.ScanReport`), ``failed(str)``.
"""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QThread, Signal

from pm_desktop.library.index import IndexError_
from pm_desktop.library.library import Library


class _ScanTask(QObject):
    progressed = Signal(int, int, str)
    succeeded = Signal(object)
    failed = Signal(str)
    done = Signal()

    def __init__(self, index_path: Path, stop: threading.Event):
        super().__init__()
        self._index_path = index_path
        self._stop = stop

    def run(self) -> None:
        try:
            # Its own connection: sqlite connections stay on the thread that uses them.
            with Library(self._index_path) as library:
                report = library.scan(progress=self.progressed.emit, cancelled=self._stop.is_set)
            self.succeeded.emit(report)
        except (IndexError_, OSError) as exc:
            self.failed.emit(str(exc))
        except Exception as exc:  # noqa: BLE001 - a scan must never take the window down
            self.failed.emit(f"the scan stopped ({type(exc).__name__}: {exc})")
        finally:
            self.done.emit()


class ScanRunner(QObject):
    progressed = Signal(int, int, str)
    finished = Signal(object)
    failed = Signal(str)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._thread: QThread | None = None
        self._task: _ScanTask | None = None
        self._stop = threading.Event()

    @property
    def busy(self) -> bool:
        return self._thread is not None

    def start(self, index_path: Path) -> bool:
        if self._thread is not None:
            return False
        self._stop = threading.Event()
        task = _ScanTask(index_path, self._stop)
        thread = QThread(self)
        task.moveToThread(thread)
        thread.started.connect(task.run)
        queued = Qt.ConnectionType.QueuedConnection
        task.progressed.connect(self.progressed, queued)
        task.succeeded.connect(self.finished, queued)
        task.failed.connect(self.failed, queued)
        task.done.connect(thread.quit)
        thread.finished.connect(self._cleanup)
        self._thread, self._task = thread, task
        thread.start()
        return True

    def cancel(self) -> None:
        self._stop.set()

    def wait(self, timeout_ms: int = 30000) -> bool:
        thread = self._thread
        return True if thread is None else thread.wait(timeout_ms)

    def _cleanup(self) -> None:
        thread, task = self._thread, self._task
        self._thread, self._task = None, None
        if task is not None:
            task.deleteLater()
        if thread is not None:
            thread.deleteLater()
