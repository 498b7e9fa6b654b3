"""Thumbnails of evidence pictures, loaded lazily, off the UI thread, and never made twice.

:meth:`ThumbnailCache.get` answers from memory only (it is called while cards paint, and Qt
models never run SQL per ``data()`` call). A miss queues the picture; the queue is worked after
the paint: a thumbnail already kept in the review file is read back, otherwise the picture's
bytes are read once and shrunk by :func:`pm_desktop.ingest.thumbnails.make_thumbnail` in a
worker thread, and the PNG is written to the file (``Document.put_thumbnail``) so the next
opening costs nothing. Only cards that are painted ask, so a review with hundreds of
screenshots decodes just the ones on screen.

Signals:

- ``ready(str)`` — the thumbnail of this blob (sha256) is now in memory, or failed for good.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, QThreadPool, QTimer, Signal
from PySide6.QtGui import QImage

from pm_desktop.ingest.thumbnails import THUMB_SIZE, ThumbnailError, make_thumbnail
from pm_desktop.store.document import Document

from .pixels import stored_image

MEMORY_LIMIT = 600  # thumbnails kept in memory (about 150 MB at most)


class _Relay(QObject):
    """Carries a worker's result back to the UI thread (queued connection)."""

    done = Signal(object)  # (generation, sha, png bytes or None, error text)


class _Job(QRunnable):
    def __init__(self, relay: _Relay, generation: int, sha: str, data: bytes, size: int):
        super().__init__()
        self.relay, self.generation, self.sha, self.data, self.size = (
            relay,
            generation,
            sha,
            data,
            size,
        )

    def run(self) -> None:
        try:
            png, error = make_thumbnail(self.data, self.size), ""
        except ThumbnailError as exc:
            png, error = None, str(exc)
        except Exception:  # a worker must never take the app down
            png, error = None, "the preview could not be made"
        self.data = b""
        try:
            self.relay.done.emit((self.generation, self.sha, png, error))
        except RuntimeError:  # the cache went away while we worked
            pass


class ThumbnailCache(QObject):
    ready = Signal(str)

    def __init__(
        self,
        document: Callable[[], Document | None],
        size: int = THUMB_SIZE,
        *,
        threaded: bool = True,
        parent: QObject | None = None,
    ):
        super().__init__(parent)
        self._document = document
        self.size = size
        self._images: OrderedDict[str, QImage] = OrderedDict()
        self._failed: dict[str, str] = {}
        self._queued: list[str] = []
        self._busy: set[str] = set()
        self._generation = 0
        self._relay = _Relay(self)
        self._relay.done.connect(self._finished)
        self._pool: QThreadPool | None = None
        if threaded:
            self._pool = QThreadPool(self)
            self._pool.setMaxThreadCount(
                max(1, min(2, QThreadPool.globalInstance().maxThreadCount()))
            )
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.work)

    # ------------------------------------------------------------------ asking
    def get(self, sha: str) -> QImage | None:
        """The thumbnail from memory, or None (then it is queued and ``ready`` follows)."""
        image = self._images.get(sha)
        if image is not None:
            self._images.move_to_end(sha)
            return image
        if sha not in self._failed and sha not in self._busy and sha not in self._queued:
            self._queued.append(sha)
            self._timer.start()
        return None

    def problem(self, sha: str) -> str:
        """Why a picture has no preview ("" when it has one or is still coming)."""
        return self._failed.get(sha, "")

    def pending(self) -> bool:
        return bool(self._queued or self._busy)

    def clear(self) -> None:
        """Forget everything (another document is open); late results are ignored."""
        self._generation += 1
        self._images.clear()
        self._failed.clear()
        self._queued.clear()
        self._busy.clear()

    def wait(self, msecs: int = 30000) -> None:
        """Let running workers finish (tests, closing)."""
        if self._pool is not None:
            self._pool.waitForDone(msecs)

    def settle(self, msecs: int = 30000) -> None:
        """Serve every queued request now and take in the results (screenshots, tests)."""
        self._timer.stop()
        self.work()
        self.wait(msecs)
        QCoreApplication.sendPostedEvents(self)

    # ------------------------------------------------------------------ working
    def work(self) -> None:
        """Serve the queued requests: from the file when kept there, else make them."""
        doc = self._document()
        queued, self._queued = self._queued, []
        for sha in queued:
            if doc is None or doc.closed:
                return
            if sha in self._images or sha in self._busy:
                continue
            try:
                stored = doc.thumbnail(sha, self.size)
            except Exception:  # a damaged cache row is remade, not fatal
                stored = None
            if stored is not None and self._keep(sha, stored):
                self.ready.emit(sha)
                continue
            try:
                data = doc.read_blob(sha)
            except Exception:
                self._fail(sha, "the picture's data is missing from the file")
                continue
            self._busy.add(sha)
            if self._pool is None:
                _Job(self._relay, self._generation, sha, data, self.size).run()
            else:
                self._pool.start(_Job(self._relay, self._generation, sha, data, self.size))

    def _finished(self, result: tuple[int, str, bytes | None, str]) -> None:
        generation, sha, png, error = result
        if generation != self._generation:
            return
        self._busy.discard(sha)
        if png is None or not self._keep(sha, png):
            self._fail(sha, error or "the preview could not be made")
            return
        doc = self._document()
        if doc is not None and not doc.closed:
            try:
                doc.put_thumbnail(sha, self.size, png)
            except Exception:  # the file may have gone read-only; memory still has it
                pass
        self.ready.emit(sha)

    def _keep(self, sha: str, png: bytes) -> bool:
        # Cached thumbnails come from the file too: they are decoded like any stored picture,
        # and one larger than a thumbnail is refused (and remade from the picture).
        image, _ = stored_image(png, fit=(self.size, self.size))
        if image is None or max(image.width(), image.height()) > self.size:
            return False
        self._images[sha] = image
        while len(self._images) > MEMORY_LIMIT:
            self._images.popitem(last=False)
        return True

    def _fail(self, sha: str, message: str) -> None:
        self._failed[sha] = message
        self.ready.emit(sha)
