"""Knowing when Qt has *finished* painting, and how long the UI thread went without a turn.

:class:`PaintWatch` is an event filter on one widget. When the widget gets its first paint event
after :meth:`arm`, it posts a zero-delay timer; Qt paints a window and all its children in one
go, so that timer fires only once the whole repaint is done. ``done`` is that moment.

:class:`TickWatch` runs a 10 ms timer on the UI thread and records the gaps between its ticks: a
gap far above 10 ms means the UI thread (or the GIL) was held that long and the window froze.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget


class PaintWatch(QObject):
    def __init__(self, widget: QWidget):
        super().__init__()
        self.first: float | None = None
        self.done: float | None = None
        self._armed = True
        widget.installEventFilter(self)

    def arm(self) -> None:
        self.first = self.done = None
        self._armed = True

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt's name
        if self._armed and event.type() == QEvent.Type.Paint:
            self._armed = False
            self.first = time.perf_counter()
            QTimer.singleShot(0, self._finished)
        return False

    def _finished(self) -> None:
        self.done = time.perf_counter()

    def wait(self, timeout: float = 60.0) -> float:
        """Process events until the repaint is done; returns ``done`` (raises on timeout)."""
        app = QApplication.instance()
        deadline = time.perf_counter() + timeout
        while self.done is None:
            if time.perf_counter() > deadline:
                raise TimeoutError("the widget was not repainted")
            app.processEvents()
        return self.done


class TickWatch(QObject):
    def __init__(self, interval_ms: int = 10):
        super().__init__()
        self.ticks: list[float] = []
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(lambda: self.ticks.append(time.perf_counter()))

    def start(self) -> None:
        self.ticks = [time.perf_counter()]
        self.timer.start()

    def stop(self) -> list[float]:
        """The gaps between ticks, in seconds."""
        self.timer.stop()
        self.ticks.append(time.perf_counter())
        return [b - a for a, b in zip(self.ticks, self.ticks[1:], strict=False)]
