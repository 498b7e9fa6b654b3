"""The timeline chart above the table: one lane per event kind on a shared time axis.

Markers carry the kind's colour and symbol; the phases (impact → detected → mitigated →
resolved) are shaded behind them; axis labels are wall-clock times in the display zone. Nearby
events of a kind share one marker with a count, so 20,000 events draw as a few hundred shapes;
a review with one event or none still gets a sensible picture or a friendly word.

Clicking a marker selects its event in the table, hovering shows the text, and the selected
(and, in presentation mode, the current) event is highlighted.

Signals:

- ``eventClicked(str)`` — the id of the event under a clicked marker.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QMouseEvent, QPainter, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from pm_desktop.domain import timefmt
from pm_desktop.domain.chart_data import ChartData
from pm_desktop.domain.chart_layout import Cluster, Scale, choose_step, cluster_lane, ticks
from pm_desktop.domain.edits import Change
from pm_desktop.domain.model import EVENT_KINDS, Review

from .. import themes
from . import formatting, symbols

EMPTY_TEXT = (
    "No timed events yet. Add one with Insert, or paste a timeline with Ctrl+Shift+V, "
    "and the incident will unfold here."
)


class TimelineChart(QWidget):
    eventClicked = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("TimelineChart")
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAccessibleName("Timeline chart")
        self.data = ChartData()
        self._selected: set[str] = set()
        self._current: str | None = None
        self._hover: Cluster | None = None
        self._scale_factor = 1.0
        self._lane_clusters: dict[str, list[Cluster]] = {}
        self._cluster_key: tuple = ()
        self._hits: list[tuple[QRectF, Cluster]] = []
        self._geometry_key = ""
        self._geometry: tuple = ()

    # ------------------------------------------------------------------ data
    def set_review(self, review: Review) -> None:
        """Rebuild from the whole review."""
        self.data.rebuild(review)
        self._lane_clusters.clear()
        self._after_data()

    def apply_change(self, review: Review, change: Change) -> None:
        """Follow one edit, re-clustering only the lanes it touched."""
        if change.touches("events"):
            result = self.data.apply(review, change)
            if result is None:
                self._lane_clusters.clear()
                self._after_data()
            elif result[0] or result[1]:
                dirty, range_moved = result
                if range_moved:
                    self._lane_clusters.clear()
                for kind in dirty:
                    self._lane_clusters.pop(kind, None)
                self._after_data()
            # else only words changed: they show in tooltips, read when asked, not painted
        if "display_tz" in change.fields:
            self.set_zone(review.meta.display_tz)

    def _after_data(self) -> None:
        self._hover = None
        self.updateGeometry()
        self.update()

    def set_zone(self, zone: str) -> None:
        self.data.zone = timefmt.safe_zone(zone)
        self.update()

    def set_selected(self, ids: set[str] | list[str]) -> None:
        chosen = set(ids)
        if chosen != self._selected:  # the table reports its selection after every edit
            self._selected = chosen
            self.update()

    def set_current(self, event_id: str | None) -> None:
        if event_id != self._current:
            self._current = event_id
            self.update()

    def set_scale(self, factor: float) -> None:
        self._scale_factor = max(0.5, float(factor))
        self._lane_clusters.clear()
        self.updateGeometry()
        self.update()

    @property
    def selected(self) -> frozenset[str]:
        return frozenset(self._selected)

    @property
    def current(self) -> str | None:
        return self._current

    @property
    def lane_kinds(self) -> list[str]:
        return list(self.data.lanes)

    # ------------------------------------------------------------------ geometry
    def _metrics(self) -> tuple[QFontMetrics, float, float, float, float]:
        """Font metrics, lane height, top band, axis band and the x where lanes start."""
        key = self.font().toString()
        if self._geometry_key != key:
            fm = self.fontMetrics()
            lane_h = max(20.0, fm.height() * 1.55)
            top = fm.height() + 10
            axis = fm.height() * 2 + 14
            label_w = max(fm.horizontalAdvance(symbols.kind_label(k)) for k in EVENT_KINDS)
            self._geometry = (fm, lane_h, top, axis, label_w + fm.height() * 1.6 + 16)
            self._geometry_key = key
        return self._geometry

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        fm, lane_h, top, axis, _ = self._metrics()
        if not self.data.lanes:
            return QSize(600, int(fm.height() * 5))
        return QSize(800, int(top + lane_h * max(3, len(self.data.lanes)) + axis))

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(200, self.sizeHint().height())

    def _scale(self) -> Scale | None:
        if self.data.range is None:
            return None
        _fm, _lane_h, _top, _axis, left = self._metrics()
        right = self.width() - 24
        return Scale(self.data.range[0], self.data.range[1], left, max(left + 10, right))

    def _lane_rect(self, i: int) -> QRectF:
        _fm, lane_h, top, _axis, left = self._metrics()
        return QRectF(left, top + i * lane_h, max(10, self.width() - left - 16), lane_h)

    def _marker_size(self) -> float:
        _fm, lane_h, *_ = self._metrics()
        return max(9.0, lane_h * 0.62)

    def clusters(self) -> list[Cluster]:
        """The markers to draw, lane by lane (cached per lane until its events or the geometry
        change)."""
        scale = self._scale()
        if scale is None:
            return []
        key = (self.width(), self.height(), self._scale_factor, self.font().toString())
        if key != self._cluster_key:
            self._lane_clusters.clear()
            self._cluster_key = key
        min_dx = self._marker_size() * 1.7  # room for a count beside a marker
        out: list[Cluster] = []
        for kind, points in self.data.lanes.items():
            lane = self._lane_clusters.get(kind)
            if lane is None:
                lane = self._lane_clusters[kind] = cluster_lane(kind, points, scale, min_dx)
            out.extend(lane)
        return out

    def marker_center(self, event_id: str) -> QPointF | None:
        """Where the marker holding ``event_id`` is drawn (widget coordinates)."""
        for cluster in self.clusters():
            if event_id in cluster.ids:
                lane = list(self.data.lanes).index(cluster.kind)
                return QPointF(cluster.x, self._lane_rect(lane).center().y())
        return None

    def cluster_at(self, pos: QPointF) -> Cluster | None:
        size = self._marker_size()
        best, best_d = None, size
        kinds = list(self.data.lanes)
        for cluster in self.clusters():
            center_y = self._lane_rect(kinds.index(cluster.kind)).center().y()
            d = max(abs(cluster.x - pos.x()), abs(center_y - pos.y()))
            if d <= best_d:
                best, best_d = cluster, d
        return best

    # ------------------------------------------------------------------ painting
    def paintEvent(self, event) -> None:  # noqa: N802 - Qt's name
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pal = self.palette()
        painter.fillRect(self.rect(), pal.color(QPalette.ColorRole.Base))
        scale = self._scale()
        if scale is None or not self.data.lanes:
            self._paint_empty(painter)
            painter.end()
            return
        theme = themes.current_theme()
        self._paint_phases(painter, scale, theme)
        self._paint_grid(painter, scale)
        self._paint_lanes(painter, theme)
        self._paint_markers(painter, scale, theme)
        self._paint_current(painter, scale, theme)
        painter.end()

    def _paint_empty(self, painter: QPainter) -> None:
        pal = self.palette()
        painter.setPen(pal.color(QPalette.ColorRole.PlaceholderText))
        text = EMPTY_TEXT
        if self.data.untimed:
            n = len(self.data.untimed)
            text = (
                f"{n} event{'s have' if n != 1 else ' has'} no time yet. Give "
                f"{'them times' if n != 1 else 'it a time'} in the table and "
                f"{'they' if n != 1 else 'it'} will appear here."
            )
        painter.drawText(
            QRectF(self.rect()).adjusted(24, 8, -24, -8),
            Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
            text,
        )

    def _paint_phases(self, painter: QPainter, scale: Scale, theme: str) -> None:
        if not self.data.phases:
            return
        top_rect = self._lane_rect(0)
        bottom = self._lane_rect(len(self.data.lanes) - 1).bottom()
        fm = self.fontMetrics()
        small = QFont(self.font())
        if small.pointSizeF() > 0:
            small.setPointSizeF(small.pointSizeF() * 0.85)
        for phase in self.data.phases:
            x0, x1 = scale.x(phase.start), scale.x(phase.end)
            color = symbols.phase_color(phase.label, theme)
            band = QRectF(x0, top_rect.top(), max(1.0, x1 - x0), bottom - top_rect.top())
            fill = QColor(color)
            if theme == "high-contrast":
                fill.setAlpha(150)
            painter.fillRect(band, fill)
            painter.save()
            painter.setFont(small)
            painter.setPen(self.palette().color(QPalette.ColorRole.Text))
            label_rect = QRectF(x0 + 3, 2, max(0.0, x1 - x0 - 6), fm.height() + 6)
            text = painter.fontMetrics().elidedText(
                phase.label, Qt.TextElideMode.ElideRight, int(label_rect.width())
            )
            if painter.fontMetrics().horizontalAdvance(text) > 12:
                painter.drawText(
                    label_rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, text
                )
            painter.restore()

    def _paint_grid(self, painter: QPainter, scale: Scale) -> None:
        fm = self.fontMetrics()
        pal = self.palette()
        top = self._lane_rect(0).top()
        bottom = self._lane_rect(len(self.data.lanes) - 1).bottom()
        span = scale.t1 - scale.t0
        widest = "Wed 30 Sep 2025" if span > 300 * 86400 else "Wed 30 Sep"
        min_px = max(fm.horizontalAdvance("00:00") * 2.2, fm.horizontalAdvance(widest) * 1.2)
        step = choose_step(span, scale.x1 - scale.x0, min_px)
        grid = QColor(pal.color(QPalette.ColorRole.Text))
        grid.setAlpha(40 if themes.current_theme() != "high-contrast" else 110)
        text_color = pal.color(QPalette.ColorRole.Text)
        muted = pal.color(QPalette.ColorRole.PlaceholderText)
        painter.setPen(QPen(grid, 1))
        painter.drawLine(QPointF(scale.x0, bottom), QPointF(scale.x1, bottom))
        label_end = day_end = -1e9  # right edges drawn so far: a label never overprints another
        for tick in ticks(scale.t0, scale.t1, self.data.zone, step):
            x = scale.x(tick.t)
            painter.setPen(QPen(grid, 1))
            painter.drawLine(QPointF(x, top), QPointF(x, bottom + 4))
            w = fm.horizontalAdvance(tick.label) + 4
            if x - w / 2 >= label_end + 4:
                painter.setPen(text_color)
                painter.drawText(
                    QRectF(x - w / 2, bottom + 5, w, fm.height()),
                    Qt.AlignmentFlag.AlignCenter,
                    tick.label,
                )
                label_end = x + w / 2
            dw = fm.horizontalAdvance(tick.day) + 4
            if tick.day and step < 86400 and x - dw / 2 >= day_end + 4:
                painter.setPen(muted)
                painter.drawText(
                    QRectF(x - dw / 2, bottom + 5 + fm.height(), dw, fm.height()),
                    Qt.AlignmentFlag.AlignCenter,
                    tick.day,
                )
                day_end = x + dw / 2
        painter.setPen(muted)
        room = int(scale.x0 - 12)
        painter.drawText(
            QRectF(6, bottom + 5, room, fm.height()),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            "Times in",
        )
        painter.drawText(
            QRectF(6, bottom + 5 + fm.height(), room, fm.height()),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            fm.elidedText(self.data.zone, Qt.TextElideMode.ElideMiddle, room),
        )

    def _paint_lanes(self, painter: QPainter, theme: str) -> None:
        fm = self.fontMetrics()
        pal = self.palette()
        sep = QColor(pal.color(QPalette.ColorRole.Text))
        sep.setAlpha(22 if theme != "high-contrast" else 90)
        for i, kind in enumerate(self.data.lanes):
            rect = self._lane_rect(i)
            icon = fm.height() * 0.8
            icon_rect = QRectF(8, rect.center().y() - icon / 2, icon, icon)
            symbols.paint_kind(painter, kind, icon_rect, symbols.kind_color(kind, theme))
            painter.setPen(pal.color(QPalette.ColorRole.Text))
            painter.drawText(
                QRectF(
                    icon_rect.right() + 6,
                    rect.top(),
                    rect.left() - icon_rect.right() - 10,
                    rect.height(),
                ),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                symbols.kind_label(kind),
            )
            if i:
                painter.setPen(QPen(sep, 1))
                painter.drawLine(
                    QPointF(rect.left(), rect.top()), QPointF(rect.right(), rect.top())
                )

    def _paint_markers(self, painter: QPainter, scale: Scale, theme: str) -> None:
        size = self._marker_size()
        kinds = list(self.data.lanes)
        pal = self.palette()
        self._hits = []
        accent = QColor(themes.colors(theme).focus)
        small = QFont(self.font())
        small.setBold(True)
        if small.pointSizeF() > 0:
            small.setPointSizeF(max(6.0, small.pointSizeF() * 0.72))
        size = float(round(size))
        dpr = self.devicePixelRatioF()
        pixmaps = {k: symbols.marker_pixmap(k, int(size), theme, dpr) for k in kinds}
        centers = {k: self._lane_rect(i).center().y() for i, k in enumerate(kinds)}
        text_color = pal.color(QPalette.ColorRole.Text)
        for cluster in self.clusters():
            cy = centers[cluster.kind]
            rect = QRectF(round(cluster.x - size / 2), round(cy - size / 2), size, size)
            self._hits.append((rect, cluster))
            chosen = bool(self._selected) and not self._selected.isdisjoint(cluster.ids)
            if chosen or cluster is self._hover:
                painter.save()
                painter.setPen(QPen(accent, 2.5 if chosen else 1.5))
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawEllipse(rect.adjusted(-5, -5, 5, 5))
                painter.restore()
            painter.drawPixmap(QPointF(rect.left(), rect.top()), pixmaps[cluster.kind])
            if cluster.count > 1:
                painter.save()
                painter.setFont(small)
                label = str(cluster.count) if cluster.count < 1000 else f"{cluster.count // 1000}k"
                painter.setPen(text_color)
                painter.drawText(
                    QRectF(rect.right() - 1, rect.top() - size * 0.55, size * 2, size * 0.7),
                    Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                    label,
                )
                painter.restore()
        for event_id in self._selected:
            if event_id in self.data.texts and len(self._selected) <= 50:
                x = scale.x(self.data.texts[event_id][0])
                guide = QColor(accent)
                guide.setAlpha(110)
                painter.setPen(QPen(guide, 1, Qt.PenStyle.DashLine))
                painter.drawLine(
                    QPointF(x, self._lane_rect(0).top()),
                    QPointF(x, self._lane_rect(len(kinds) - 1).bottom()),
                )

    def _paint_current(self, painter: QPainter, scale: Scale, theme: str) -> None:
        """Presentation mode: the current event large, with its time and kind."""
        if self._current is None or self._current not in self.data.texts:
            return
        t, kind, text = self.data.texts[self._current]
        kinds = list(self.data.lanes)
        x = scale.x(t)
        cy = self._lane_rect(kinds.index(kind)).center().y()
        size = self._marker_size() * 1.9
        accent = QColor(themes.colors(theme).focus)
        painter.setPen(QPen(accent, 2))
        painter.drawLine(
            QPointF(x, self._lane_rect(0).top()),
            QPointF(x, self._lane_rect(len(kinds) - 1).bottom()),
        )
        rect = QRectF(x - size / 2, cy - size / 2, size, size)
        painter.setBrush(self.palette().color(QPalette.ColorRole.Base))
        painter.drawEllipse(rect.adjusted(-6, -6, 6, 6))
        symbols.paint_kind(painter, kind, rect, symbols.kind_color(kind, theme))

    # ------------------------------------------------------------------ interaction
    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt's name
        cluster = self.cluster_at(event.position())
        if cluster is not self._hover:
            self._hover = cluster
            self.update()
        if cluster is None:
            QToolTip.hideText()
            self.setCursor(Qt.CursorShape.ArrowCursor)
            return
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        QToolTip.showText(event.globalPosition().toPoint(), self.tooltip_for(cluster), self)

    def leaveEvent(self, event) -> None:  # noqa: N802 - Qt's name
        self._hover = None
        self.update()
        super().leaveEvent(event)

    def tooltip_for(self, cluster: Cluster) -> str:
        zone = self.data.zone
        lines = []
        for event_id in cluster.ids[:6]:
            t, kind, text = self.data.texts[event_id]
            shown = timefmt.show_time(timefmt.from_epoch(t), zone, self.data.seconds)
            lines.append(
                f"{shown.clock} {zone} · {symbols.kind_label(kind)} — {formatting.first_line(text, 140)}"
            )
        if cluster.count > 6:
            lines.append(
                f"… and {cluster.count - 6} more {symbols.kind_label(cluster.kind).lower()} events"
            )
        return formatting.plain_tooltip("\n".join(lines))

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt's name
        if event.button() != Qt.MouseButton.LeftButton:
            super().mousePressEvent(event)
            return
        cluster = self.cluster_at(event.position())
        if cluster is None:
            super().mousePressEvent(event)
            return
        target = cluster.ids[0]
        if self._selected.intersection(cluster.ids) and cluster.count > 1:
            # a second click on a cluster steps to its next event
            inside = [i for i in cluster.ids if i in self._selected]
            target = cluster.ids[(cluster.ids.index(inside[-1]) + 1) % cluster.count]
        self.eventClicked.emit(target)
        event.accept()
