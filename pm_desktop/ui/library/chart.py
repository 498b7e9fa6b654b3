"""Trend charts drawn with QPainter: readable from the back of a meeting room.

:class:`MetricChart` shows one response metric per period: the middle half of the incidents as
a band (25th to 75th percentile) and the median as a line with dots. :class:`CountsChart` shows
incidents per period as bars and follow-up completion as a line on a 0–100 % scale. Empty
periods stay on the axis as gaps, so a quiet month is visible as one.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from pm_desktop.domain import timeutil
from pm_desktop.domain.trends import Spread, Trends

LINE = QColor(25, 90, 200)
BARS = QColor(120, 144, 156)
DONE = QColor(46, 125, 50)


class _Chart(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setMinimumHeight(220)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.periods: tuple[str, ...] = ()
        self.title = ""

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(720, 320)

    def _font(self, scale: float, bold: bool = False) -> QFont:
        font = QFont(self.font())
        font.setPointSizeF(max(8.0, self.font().pointSizeF() * scale))
        font.setBold(bold)
        return font

    def _frame(self, p: QPainter) -> QRectF:
        """The plot area after the title, axis labels and margins."""
        p.setFont(self._font(1.25, True))
        p.setPen(self.palette().text().color())
        p.drawText(QRectF(12, 6, self.width() - 24, 30), Qt.AlignmentFlag.AlignLeft, self.title)
        return QRectF(78, 44, max(10, self.width() - 78 - 60), max(10, self.height() - 44 - 52))

    def _x(self, area: QRectF, i: int) -> float:
        n = max(1, len(self.periods))
        return area.left() + area.width() * (i + 0.5) / n

    def _x_labels(self, p: QPainter, area: QRectF) -> None:
        p.setFont(self._font(1.0))
        p.setPen(self.palette().text().color())
        step = max(1, len(self.periods) // 12 + (1 if len(self.periods) % 12 else 0))
        for i, period in enumerate(self.periods):
            if i % step:
                continue
            x = self._x(area, i)
            p.drawText(
                QRectF(x - 45, area.bottom() + 6, 90, 24), Qt.AlignmentFlag.AlignHCenter, period
            )

    def _band(self) -> QColor:
        """The median's colour, see-through: stronger on a dark background to stay visible."""
        band = QColor(LINE)
        dark = self.palette().window().color().lightness() < 128
        band.setAlpha(130 if dark else 70)
        return band

    def _empty(self, p: QPainter) -> None:
        p.setFont(self._font(1.1))
        p.setPen(self.palette().placeholderText().color())
        p.drawText(
            self.rect(), Qt.AlignmentFlag.AlignCenter, "No dated reviews with this measure yet"
        )


MINUTE, HOUR, DAY = 60.0, 3600.0, 86400.0
# Grid steps a reader counts in without effort: round minutes, hours, days.
DURATION_STEPS = (
    tuple(m * MINUTE for m in (1, 2, 5, 10, 15, 30))
    + tuple(h * HOUR for h in (1, 2, 3, 6, 12))
    + tuple(d * DAY for d in (1, 2, 7, 14, 30, 60, 90, 180, 365))
)
DAY_STEPS = tuple(d * DAY for d in (1, 2, 5, 7, 14, 30, 60, 90, 180, 365))


def days_text(seconds: float) -> str:
    return f"{seconds / DAY:.0f} d"


def nice_top(top: float, steps: tuple[float, ...], lines: int = 5) -> tuple[float, float]:
    """The smallest listed grid step that covers ``top`` in at most ``lines`` steps, and the
    axis top it gives."""
    for step in steps:
        if top <= step * lines:
            return step, step * max(1, -(-top // step))
    step = steps[-1] * max(1, -(-top // (steps[-1] * lines)))
    return step, step * max(1, -(-top // step))


class MetricChart(_Chart):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.values: dict[str, Spread] = {}
        self.steps: tuple[float, ...] = DURATION_STEPS
        self.label = timeutil.duration_text

    def set_values(self, title: str, periods: tuple[str, ...], values: dict[str, Spread]) -> None:
        self.title, self.periods, self.values = title, periods, values
        self.update()

    def paintEvent(self, event) -> None:  # noqa: N802, ANN001 - Qt's name
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        if not self.values:
            self._empty(p)
            return
        area = self._frame(p)
        step, top = nice_top(max(s.high for s in self.values.values()) or MINUTE, self.steps)

        def y(seconds: float) -> float:
            return area.bottom() - area.height() * seconds / top

        grid = QPen(self.palette().mid().color(), 1, Qt.PenStyle.DotLine)
        p.setFont(self._font(0.95))
        for k in range(int(round(top / step)) + 1):
            value = step * k
            p.setPen(grid)
            p.drawLine(QPointF(area.left(), y(value)), QPointF(area.right(), y(value)))
            p.setPen(self.palette().text().color())
            p.drawText(
                QRectF(0, y(value) - 10, area.left() - 8, 20),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                self.label(value) if value else "0",
            )
        width = max(6.0, area.width() / max(1, len(self.periods)) * 0.6)
        band = self._band()
        line = QPainterPath()
        started = False
        for i, period in enumerate(self.periods):
            s = self.values.get(period)
            x = self._x(area, i)
            if s is None:
                started = False  # a gap: no line across an empty period
                continue
            p.fillRect(QRectF(x - width / 2, y(s.high), width, y(s.low) - y(s.high)), band)
            if started:
                line.lineTo(x, y(s.median))
            else:
                line.moveTo(x, y(s.median))
                started = True
        p.setPen(QPen(LINE, 3))
        p.drawPath(line)
        p.setBrush(LINE)
        for i, period in enumerate(self.periods):
            s = self.values.get(period)
            if s is not None:
                p.drawEllipse(QPointF(self._x(area, i), y(s.median)), 5, 5)
        self._x_labels(p, area)


class CountsChart(_Chart):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.incidents: dict[str, int] = {}
        self.completion: dict[str, float] = {}

    def set_trends(self, trends: Trends) -> None:
        self.title = "Incidents per period (bars) and follow-ups done (line, %)"
        self.periods = trends.periods
        self.incidents = {c.period: c.incidents for c in trends.counts}
        self.completion = {
            c.period: c.completion for c in trends.counts if c.completion is not None
        }
        self.update()

    def paintEvent(self, event) -> None:  # noqa: N802, ANN001 - Qt's name
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        if not self.periods:
            self._empty(p)
            return
        area = self._frame(p)
        most = max(max(self.incidents.values(), default=1), 1)
        top = -(-most // 4) * 4  # a multiple of four: every grid line is a whole number
        width = max(4.0, area.width() / max(1, len(self.periods)) * 0.6)
        p.setFont(self._font(0.95))
        text = self.palette().text().color()
        for k in range(5):
            value = top * k / 4
            yy = area.bottom() - area.height() * k / 4
            p.setPen(QPen(self.palette().mid().color(), 1, Qt.PenStyle.DotLine))
            p.drawLine(QPointF(area.left(), yy), QPointF(area.right(), yy))
            p.setPen(text)
            p.drawText(
                QRectF(0, yy - 10, area.left() - 8, 20),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                f"{value:.0f}",
            )
            p.drawText(
                QRectF(area.right() + 6, yy - 10, 54, 20),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                f"{25 * k}%",
            )
        for i, period in enumerate(self.periods):
            n = self.incidents.get(period, 0)
            h = area.height() * n / top
            p.fillRect(QRectF(self._x(area, i) - width / 2, area.bottom() - h, width, h), BARS)
        path = QPainterPath()
        started = False
        for i, period in enumerate(self.periods):
            share = self.completion.get(period)
            if share is None:
                started = False
                continue
            point = QPointF(self._x(area, i), area.bottom() - area.height() * share)
            if started:
                path.lineTo(point)
            else:
                path.moveTo(point)
                started = True
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.setPen(QPen(DONE, 3))
        p.drawPath(path)
        self._x_labels(p, area)
