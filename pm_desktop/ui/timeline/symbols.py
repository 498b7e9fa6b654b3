"""Event-kind markers, drawn as shapes rather than font glyphs.

The palette gives every kind a colour and a symbol (▲ ◆ ● ▼ ■ ▶ ○ ✉ •) so colour is never the
only cue. The table, the chart and the capture window draw the same symbol as a painter path:
it looks identical with every font (a projector's machine may have none of the glyphs) and scales
cleanly to presentation size. Icons are cached per kind, theme and size.
"""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPainterPath, QPen, QPixmap, QPolygonF

from pm_desktop.domain.model import EVENT_KIND_LABELS, EVENT_KINDS
from pm_desktop.domain.palette import EVENT_KIND_SWATCHES, PHASE_SWATCHES

from .. import themes

HOLLOW = frozenset({"observation"})  # drawn as an outline (the palette's ○)


def kind_color(kind: str, theme: str | None = None) -> QColor:
    swatch = EVENT_KIND_SWATCHES.get(kind, EVENT_KIND_SWATCHES["note"])
    return themes.swatch_color(swatch, theme)


def phase_color(label: str, theme: str | None = None) -> QColor:
    return themes.swatch_color(PHASE_SWATCHES[label], theme)


def kind_label(kind: str) -> str:
    return EVENT_KIND_LABELS.get(kind, kind)


def kind_symbol(kind: str) -> str:
    return EVENT_KIND_SWATCHES.get(kind, EVENT_KIND_SWATCHES["note"]).symbol


def _poly(points: list[tuple[float, float]], rect: QRectF) -> QPainterPath:
    path = QPainterPath()
    path.addPolygon(
        QPolygonF(
            [
                QPointF(rect.left() + x * rect.width(), rect.top() + y * rect.height())
                for x, y in points
            ]
        )
    )
    path.closeSubpath()
    return path


def kind_path(kind: str, rect: QRectF) -> QPainterPath:
    """The kind's symbol filling ``rect`` (a square works best)."""
    path = QPainterPath()
    if kind == "impact_start":
        return _poly([(0.5, 0.04), (0.98, 0.92), (0.02, 0.92)], rect)
    if kind == "detected":
        return _poly([(0.5, 0.0), (1.0, 0.5), (0.5, 1.0), (0.0, 0.5)], rect)
    if kind == "mitigated":
        return _poly([(0.02, 0.08), (0.98, 0.08), (0.5, 0.96)], rect)
    if kind == "resolved":
        path.addRect(
            rect.adjusted(
                rect.width() * 0.1, rect.height() * 0.1, -rect.width() * 0.1, -rect.height() * 0.1
            )
        )
        return path
    if kind == "action":
        return _poly([(0.1, 0.02), (0.96, 0.5), (0.1, 0.98)], rect)
    if kind == "communication":
        body = rect.adjusted(0, rect.height() * 0.18, 0, -rect.height() * 0.18)
        path.addRect(body)
        return path
    if kind == "note":
        path.addEllipse(rect.center(), rect.width() * 0.26, rect.height() * 0.26)
        return path
    # acknowledged (a full disc), observation (a ring, see HOLLOW) and anything unknown
    path.addEllipse(
        rect.adjusted(
            rect.width() * 0.06, rect.height() * 0.06, -rect.width() * 0.06, -rect.height() * 0.06
        )
    )
    return path


def paint_kind(painter: QPainter, kind: str, rect: QRectF, color: QColor | None = None) -> None:
    """Draw the kind's marker in ``rect`` (fills, or an outline for hollow kinds)."""
    color = color or kind_color(kind)
    path = kind_path(kind, rect)
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    width = max(1.2, rect.width() / 7)
    if kind in HOLLOW:
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(QPen(color, width))
        inset = width / 2
        painter.drawPath(kind_path(kind, rect.adjusted(inset, inset, -inset, -inset)))
    else:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(color)
        painter.drawPath(path)
        if kind == "communication":  # the envelope's flap, in the background colour
            flap = QPainterPath()
            body = rect.adjusted(0, rect.height() * 0.18, 0, -rect.height() * 0.18)
            flap.moveTo(body.topLeft())
            flap.lineTo(QPointF(body.center().x(), body.center().y() + body.height() * 0.1))
            flap.lineTo(body.topRight())
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.setPen(
                QPen(
                    QColor(255, 255, 255, 200) if color.lightness() < 150 else QColor(0, 0, 0, 170),
                    width * 0.8,
                )
            )
            painter.drawPath(flap)
    painter.restore()


@lru_cache(maxsize=256)
def _kind_pixmap(kind: str, theme: str, size: int, halo: str = "") -> QPixmap:
    pix = QPixmap(size, size)
    pix.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pix)
    if halo:  # on a selected row: a disc in a neutral colour keeps the symbol's colour readable
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(halo))
        painter.drawEllipse(QRectF(0, 0, size, size))
    margin = max(1.0, size * (0.2 if halo else 0.12))
    rect = QRectF(margin, margin, size - 2 * margin, size - 2 * margin)
    paint_kind(painter, kind, rect, kind_color(kind, theme))
    painter.end()
    return pix


@lru_cache(maxsize=64)
def _kind_icon(kind: str, theme: str) -> QIcon:
    halo = themes.ICON_HALO.get(theme, themes.WHITE)
    icon = QIcon()
    for size in (12, 16, 20, 24, 32, 48, 64):
        icon.addPixmap(_kind_pixmap(kind, theme, size))
        icon.addPixmap(_kind_pixmap(kind, theme, size, halo), QIcon.Mode.Selected)
    return icon


def kind_icon(kind: str, theme: str | None = None) -> QIcon:
    """The kind's symbol in its colour; on selected rows it sits on a small neutral disc."""
    return _kind_icon(kind, theme or themes.current_theme())


@lru_cache(maxsize=128)
def _marker(kind: str, theme: str, size: int, dpr: float) -> QPixmap:
    pix = QPixmap(max(1, round(size * dpr)), max(1, round(size * dpr)))
    pix.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pix)
    paint_kind(painter, kind, QRectF(0, 0, pix.width(), pix.height()), kind_color(kind, theme))
    painter.end()
    pix.setDevicePixelRatio(dpr)
    return pix


def marker_pixmap(kind: str, size: int, theme: str, dpr: float = 1.0) -> QPixmap:
    """The kind's symbol exactly ``size`` logical pixels wide, for the chart: drawing a cached
    pixmap is far cheaper than an antialiased path for each of hundreds of markers."""
    return _marker(kind, theme, int(size), round(float(dpr), 2))


def kind_pixmap(kind: str, size: int, theme: str | None = None) -> QPixmap:
    return _kind_pixmap(kind, theme or themes.current_theme(), int(size))


def paperclip_path(rect: QRectF) -> QPainterPath:
    """A paperclip outline (three nested rounded loops) in ``rect``."""
    w, h = rect.width(), rect.height()
    x0, y0 = rect.left(), rect.top()
    path = QPainterPath()
    path.moveTo(x0 + w * 0.70, y0 + h * 0.30)
    path.lineTo(x0 + w * 0.70, y0 + h * 0.78)
    path.arcTo(QRectF(x0 + w * 0.30, y0 + h * 0.58, w * 0.40, h * 0.40), 0, -180)
    path.lineTo(x0 + w * 0.30, y0 + h * 0.18)
    path.arcTo(QRectF(x0 + w * 0.30, y0 + h * 0.02, w * 0.28, h * 0.28), 180, -180)
    path.lineTo(x0 + w * 0.58, y0 + h * 0.70)
    path.arcTo(QRectF(x0 + w * 0.42, y0 + h * 0.62, w * 0.16, h * 0.16), 0, -180)
    path.lineTo(x0 + w * 0.42, y0 + h * 0.30)
    return path


@lru_cache(maxsize=64)
def _clip_pixmap(color: str, size: int) -> QPixmap:
    pix = QPixmap(size, size)
    pix.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pix)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(
        QPen(QColor(color), max(1.3, size / 11), Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap)
    )
    painter.drawPath(paperclip_path(QRectF(1, 1, size - 2, size - 2)))
    painter.end()
    return pix


def paperclip_icon(color: QColor | str, selected: QColor | str | None = None) -> QIcon:
    """A paperclip in ``color`` (the text colour), and in ``selected`` (the highlighted-text
    colour) on selected rows."""
    return _paperclip_icon(QColor(color).name(), QColor(selected or color).name())


@lru_cache(maxsize=16)
def _paperclip_icon(name: str, selected: str) -> QIcon:
    icon = QIcon()
    for size in (12, 16, 20, 24, 32, 48):
        icon.addPixmap(_clip_pixmap(name, size))
        icon.addPixmap(_clip_pixmap(selected, size), QIcon.Mode.Selected)
    return icon


def warning_path(rect: QRectF) -> QPainterPath:
    return _poly([(0.5, 0.04), (0.98, 0.94), (0.02, 0.94)], rect)


@lru_cache(maxsize=32)
def _warning_pixmap(fill: str, mark: str, size: int) -> QPixmap:
    pix = QPixmap(size, size)
    pix.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pix)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(fill))
    painter.drawPath(warning_path(QRectF(0, 0, size, size)))
    pen = QPen(QColor(mark), max(1.5, size / 8), Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap)
    painter.setPen(pen)
    painter.drawLine(QPointF(size / 2, size * 0.36), QPointF(size / 2, size * 0.62))
    painter.drawPoint(QPointF(size / 2, size * 0.78))
    painter.end()
    return pix


def warning_pixmap(size: int, theme: str | None = None) -> QPixmap:
    """An amber warning triangle (yellow in high contrast) with a dark mark."""
    name = theme or themes.current_theme()
    fill, mark = themes.WARNING_MARK.get(name, themes.WARNING_MARK["light"])
    return _warning_pixmap(fill, mark, int(size))


def kinds_in_order() -> tuple[str, ...]:
    return EVENT_KINDS
