"""The why-tree's graphics items: one box per node and one connector per parent link.

Items hold no review state of their own: the scene gives each node item a :class:`NodeData`
(what to show) and the :class:`NodeGeometry` measured for it, and redraws an item only when its
data, geometry or view state (current, found, drop target, dimmed) changed.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsItem, QGraphicsPathItem, QStyleOptionGraphicsItem, QWidget

from pm_desktop.domain.tree_layout import node_size
from pm_desktop.domain.whys import OutlineRow

from .coach_badge import CoachBadge
from .look import WhyLook

NODE_TYPE = QGraphicsItem.UserType + 41
EDGE_TYPE = QGraphicsItem.UserType + 42
NEEDS_FOLLOWUP = "needs a follow-up"
MAX_LINES = 8


@dataclass(frozen=True, slots=True)
class NodeData:
    """What one node shows: its worksheet row plus the view's fold state."""

    row: OutlineRow
    hidden: int = 0  # descendants hidden by folding this node
    collapsed: bool = False

    @property
    def state(self) -> str:
        """Palette key of the node's look."""
        if self.row.depth == 0:
            return "problem"
        if self.row.root_cause:
            return "root_cause"
        if self.row.unknown:
            return "unknown"
        return "confirmed" if self.row.status == "confirmed" else "possible"


@dataclass(frozen=True, slots=True)
class NodeGeometry:
    width: float
    height: float
    lines: tuple[str, ...]
    header_h: float
    line_h: float
    text_top: float
    footer_top: float

    @property
    def text_rect(self) -> QRectF:
        return QRectF(0, self.text_top, self.width, len(self.lines) * self.line_h)


def status_text(data: NodeData) -> str:
    if data.row.unknown:
        return "? not known yet"
    return "✓ confirmed" if data.row.status == "confirmed" else "possible"


def measure(data: NodeData, look: WhyLook, max_lines: int | None = MAX_LINES) -> NodeGeometry:
    """Box size for ``data``: wrapped text plus a header (step, branch, root-cause mark) and a
    footer (status, category, evidence and follow-up counts)."""
    s = look.scale
    which = "bold" if data.row.depth == 0 else "text"
    fm = look.metrics(which)
    small = look.metrics("small")
    text = data.row.text
    if data.row.unknown:  # drawn muted: a hint, not an answer
        text = "What is the problem?" if data.row.depth == 0 and not text.strip() else "?"
    width, _, lines = node_size(
        text,
        look.advance(which),
        line_height=fm.lineSpacing(),
        max_width=look.max_width,
        min_width=look.min_width,
        padding=look.padding,
        max_lines=max_lines,
    )
    header_h = small.height() + 6 * s
    footer_h = small.height() + 8 * s
    width = max(width, _header_width(data, small, s) + 2 * look.padding)
    width = max(width, _footer_width(data, small, s) + 2 * look.padding)
    text_top = look.padding * 0.7 + header_h
    footer_top = text_top + len(lines) * fm.lineSpacing() + 4 * s
    height = footer_top + footer_h + look.padding * 0.4
    return NodeGeometry(
        width, height, tuple(lines), header_h, fm.lineSpacing(), text_top, footer_top
    )


def _header_width(data: NodeData, small: QFontMetricsF, s: float) -> float:
    w = small.horizontalAdvance(data.row.step.upper()) + 8 * s
    if data.row.label:
        w += small.horizontalAdvance(data.row.label) + 18 * s
    tag = corner_tag(data)
    if tag:
        w += small.horizontalAdvance(tag) + 12 * s
    return w


def corner_tag(data: NodeData) -> str:
    """The mark in the box's top corner: a root cause, or one of several contributing factors."""
    if data.row.root_cause:
        return "★ ROOT CAUSE"
    return "◆ CONTRIBUTING" if data.row.contributing else ""


def _footer_width(data: NodeData, small: QFontMetricsF, s: float) -> float:
    w = small.horizontalAdvance(status_text(data)) + 10 * s
    if data.row.category:
        w += small.horizontalAdvance(data.row.category[:24]) + 18 * s
    if data.row.evidence:
        w += small.horizontalAdvance(str(data.row.evidence)) + 22 * s
    if data.row.needs_followup:
        w += small.horizontalAdvance("⚠ " + NEEDS_FOLLOWUP) + 20 * s
    elif data.row.followups:
        w += small.horizontalAdvance(f"⚑ {data.row.followups}") + 12 * s
    return w


def paperclip(rect: QRectF) -> QPainterPath:
    """A paperclip outline inside ``rect`` (drawn, so no emoji font is needed): an inner
    stroke, a small bottom loop, and a large top loop ending in the outer stroke."""
    ux, uy = rect.width() / 10, rect.height() / 16

    def at(x: float, y: float) -> QPointF:
        return QPointF(rect.x() + x * ux, rect.y() + y * uy)

    def box(x: float, y: float, w: float, h: float) -> QRectF:
        return QRectF(rect.x() + x * ux, rect.y() + y * uy, w * ux, h * uy)

    path = QPainterPath(at(5, 4.5))
    path.lineTo(at(5, 12))
    path.arcTo(box(2, 10.5, 3, 3), 0, -180)
    path.lineTo(at(2, 3.5))
    path.arcTo(box(2, 0.5, 6, 6), 180, -180)
    path.lineTo(at(8, 13))
    return path


class WhyNodeItem(QGraphicsItem):
    """One why node. Position = top-left of its box; the fold knob hangs outside the box."""

    def __init__(self, node_id: str, look: WhyLook):
        super().__init__()
        self.node_id = node_id
        self.look = look
        self.data_: NodeData | None = None
        self.geometry = NodeGeometry(100, 40, ("",), 10, 10, 10, 30)
        self.orientation = "top-down"
        self.current = False
        self.found = False
        self.drop: str | None = None  # "ok" or "refuse" while a drag hovers it
        self.editing = False
        self.hover = False
        self.show_knob = True
        self.badge: CoachBadge | None = None  # the review coach's notes, made when first needed
        self.setAcceptHoverEvents(True)
        self.setZValue(1)

    def type(self) -> int:  # noqa: A003 - Qt's name
        return NODE_TYPE

    # ------------------------------------------------------------------ state from the scene
    def set_content(self, data: NodeData, geometry: NodeGeometry, orientation: str) -> None:
        if (data, geometry, orientation) == (self.data_, self.geometry, self.orientation):
            return
        self.prepareGeometryChange()
        self.data_, self.geometry, self.orientation = data, geometry, orientation
        self._place_badge()
        self.update()

    def set_coach(self, tooltip: str, severity: str = "info") -> None:
        """Show the coach's badge with ``tooltip`` (the notes), or hide it when empty."""
        if not tooltip and self.badge is None:
            return
        if self.badge is None:
            self.badge = CoachBadge(self, self.look.scale)
        self.badge.set_notes(tooltip, severity, self.look.scale)
        self._place_badge()

    def _place_badge(self) -> None:
        if self.badge is not None:
            inset = 3 * self.look.scale
            self.badge.setPos(self.geometry.width - inset, inset)

    def set_flag_state(self, name: str, value: object) -> None:
        if getattr(self, name) != value:
            setattr(self, name, value)
            self.update()

    # ------------------------------------------------------------------ geometry
    def box_rect(self) -> QRectF:
        return QRectF(0, 0, self.geometry.width, self.geometry.height)

    def knob_rect(self) -> QRectF | None:
        data = self.data_
        if data is None or not data.row.children:
            return None
        s = self.look.scale
        small = self.look.metrics("small")
        text = f"+{data.hidden}" if data.collapsed else "−"
        w = max(18 * s, small.horizontalAdvance(text) + 10 * s)
        h = 18 * s
        box = self.box_rect()
        if self.orientation == "top-down":
            return QRectF(box.center().x() - w / 2, box.bottom() - h / 2, w, h)
        return QRectF(box.right() - w / 2, box.center().y() - h / 2, w, h)

    def boundingRect(self) -> QRectF:  # noqa: N802 - Qt's name
        margin = 8 * self.look.scale
        rect = self.box_rect().adjusted(-margin, -margin, margin, margin)
        knob = self.knob_rect()
        return rect.united(knob.adjusted(-2, -2, 2, 2)) if knob is not None else rect

    def shape(self) -> QPainterPath:
        path = QPainterPath()
        path.addRoundedRect(self.box_rect(), self.look.radius, self.look.radius)
        knob = self.knob_rect()
        if knob is not None:
            path.addRect(knob)
        return path

    def hoverEnterEvent(self, event) -> None:  # noqa: N802 - Qt's name
        self.set_flag_state("hover", True)

    def hoverLeaveEvent(self, event) -> None:  # noqa: N802 - Qt's name
        self.set_flag_state("hover", False)

    # ------------------------------------------------------------------ painting
    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        data = self.data_
        if data is None:
            return
        look, s = self.look, self.look.scale
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        box = self.box_rect()
        r = look.radius
        state = data.state
        colour = look.swatch(state)

        if not look.high_contrast:  # a soft shadow lifts the box off the canvas
            shadow = QColor(0, 0, 0, 70 if look.dark else 28)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(shadow)
            painter.drawRoundedRect(box.translated(0, 2 * s), r, r)
        for flag, col, grow, width in (
            (self.found, look.found, 5 * s, 4 * s),
            (self.current, look.selection, 3.5 * s, 3 * s),
        ):
            if flag:
                painter.setPen(QPen(col, width))
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawRoundedRect(box.adjusted(-grow, -grow, grow, grow), r + grow, r + grow)
        if self.drop:
            col = look.selection if self.drop == "ok" else look.refuse
            pen = QPen(col, 3 * s, Qt.PenStyle.DashLine)
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(
                box.adjusted(-6 * s, -6 * s, 6 * s, 6 * s), r + 6 * s, r + 6 * s
            )

        pen = QPen(colour, look.border * (1.7 if state in ("root_cause", "problem") else 1))
        if state == "unknown":
            pen.setStyle(Qt.PenStyle.DashLine)
        painter.setPen(pen)
        painter.setBrush(look.fill(state))
        painter.drawRoundedRect(box, r, r)
        if state == "root_cause":  # a solid band on the leading edge
            band = QPainterPath()
            band.addRoundedRect(box, r, r)
            clip = QPainterPath()
            clip.addRect(QRectF(box.x(), box.y(), 6 * s, box.height()))
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(colour)
            painter.drawPath(band.intersected(clip))

        self._paint_header(painter, data, box)
        if not self.editing:
            self._paint_text(painter, data, box)
        self._paint_footer(painter, data, box)
        self._paint_knob(painter, data)

    def _paint_header(self, painter: QPainter, data: NodeData, box: QRectF) -> None:
        look, s = self.look, self.look.scale
        small = look.metrics("small")
        pad = look.padding
        top = look.padding * 0.55
        x = box.x() + pad
        baseline = top + small.ascent() + 2 * s
        if data.row.label:
            w = small.horizontalAdvance(data.row.label) + 10 * s
            pill = QRectF(x, top + 1 * s, w, small.height() + 2 * s)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(look.swatch("problem"))
            painter.drawRoundedRect(pill, pill.height() / 2, pill.height() / 2)
            painter.setFont(look.small_font)
            painter.setPen(look.node_fill if not look.high_contrast else look.background)
            painter.drawText(pill, Qt.AlignmentFlag.AlignCenter, data.row.label)
            x += w + 6 * s
        painter.setFont(look.small_font)
        painter.setPen(look.muted)
        painter.drawText(QPointF(x, baseline), data.row.step.upper())
        text = corner_tag(data)
        if text:
            painter.setPen(look.swatch("root_cause") if data.row.root_cause else look.text)
            bold = QFont(look.small_font)
            bold.setBold(True)
            painter.setFont(bold)
            w = QFontMetricsF(bold).horizontalAdvance(text)
            painter.drawText(QPointF(box.right() - pad - w, baseline), text)

    def _paint_text(self, painter: QPainter, data: NodeData, box: QRectF) -> None:
        look = self.look
        geo = self.geometry
        font = look.bold_font if data.row.depth == 0 else look.font
        painter.setFont(font)
        fm = QFontMetricsF(font)
        painter.setPen(look.muted if data.row.unknown else look.text)
        y = geo.text_top + fm.ascent()
        for line in geo.lines:
            painter.drawText(QPointF(box.x() + look.padding, y), line)
            y += geo.line_h

    def _paint_footer(self, painter: QPainter, data: NodeData, box: QRectF) -> None:
        look, s = self.look, self.look.scale
        small = look.metrics("small")
        pad = look.padding
        top = self.geometry.footer_top
        h = small.height() + 4 * s
        baseline = top + 2 * s + small.ascent()
        painter.setFont(look.small_font)
        x = box.x() + pad
        status = status_text(data)
        painter.setPen(
            look.swatch("confirmed") if data.row.status == "confirmed" and not data.row.unknown
            else look.muted
        )  # fmt: skip
        painter.drawText(QPointF(x, baseline), status)
        x += small.horizontalAdvance(status) + 10 * s
        if data.row.category:
            cat = data.row.category[:24]
            tag = QRectF(x, top, small.horizontalAdvance(cat) + 10 * s, h)
            painter.setPen(QPen(look.muted, 1 * s))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(tag, 3 * s, 3 * s)
            painter.setPen(look.text if look.high_contrast else look.muted)
            painter.drawText(tag, Qt.AlignmentFlag.AlignCenter, cat)

        right = box.right() - pad
        if data.row.needs_followup:
            text = "⚠ " + NEEDS_FOLLOWUP
            w = small.horizontalAdvance(text) + 12 * s
            pill = QRectF(right - w, top, w, h)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(look.amber)
            painter.drawRoundedRect(pill, h / 2, h / 2)
            painter.setPen(look.amber_text)
            painter.drawText(pill, Qt.AlignmentFlag.AlignCenter, text)
            right -= w + 8 * s
        elif data.row.followups:
            text = f"⚑ {data.row.followups}"
            w = small.horizontalAdvance(text)
            painter.setPen(look.text)
            painter.drawText(QPointF(right - w, baseline), text)
            right -= w + 10 * s
        if data.row.evidence:
            text = str(data.row.evidence)
            w = small.horizontalAdvance(text)
            painter.setPen(look.text)
            painter.drawText(QPointF(right - w, baseline), text)
            icon_h = h - 1 * s
            icon = QRectF(right - w - 3 * s - icon_h * 0.62, top + 0.5 * s, icon_h * 0.62, icon_h)
            painter.setPen(QPen(look.text, 1.2 * s))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawPath(paperclip(icon))

    def _paint_knob(self, painter: QPainter, data: NodeData) -> None:
        knob = self.knob_rect()
        if knob is None or not self.show_knob or not (data.collapsed or self.current or self.hover):
            return
        look = self.look
        painter.setPen(QPen(look.edge, 1.2 * look.scale))
        painter.setBrush(look.node_fill if not data.collapsed else look.swatch("problem"))
        painter.drawRoundedRect(knob, knob.height() / 2, knob.height() / 2)
        painter.setFont(look.small_font)
        painter.setPen(look.background if data.collapsed else look.text)
        painter.drawText(
            knob, Qt.AlignmentFlag.AlignCenter, f"+{data.hidden}" if data.collapsed else "−"
        )


class WhyEdgeItem(QGraphicsPathItem):
    """The connector from a parent's box to a child's: an elbow with rounded corners, so
    siblings share one bus line and a split reads at a glance."""

    def __init__(self, parent_id: str, child_id: str, look: WhyLook):
        super().__init__()
        self.parent_id, self.child_id = parent_id, child_id
        self.setZValue(0)
        self.set_look(look)

    def type(self) -> int:  # noqa: A003 - Qt's name
        return EDGE_TYPE

    def set_look(self, look: WhyLook) -> None:
        pen = QPen(look.edge, (2.0 if look.high_contrast else 1.6) * look.scale)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        self.setPen(pen)
        self.setBrush(QBrush(Qt.BrushStyle.NoBrush))
        self._radius = 10 * look.scale

    def set_ends(self, parent: QRectF, child: QRectF, orientation: str) -> None:
        r = self._radius
        path = QPainterPath()
        if orientation == "top-down":
            a = QPointF(parent.center().x(), parent.bottom())
            b = QPointF(child.center().x(), child.top())
            mid = (a.y() + b.y()) / 2
            dx = b.x() - a.x()
            k = min(r, abs(dx) / 2, (b.y() - a.y()) / 2) if dx else 0
            sign = 1 if dx > 0 else -1
            path.moveTo(a)
            path.lineTo(a.x(), mid - k)
            if k:
                path.quadTo(a.x(), mid, a.x() + sign * k, mid)
                path.lineTo(b.x() - sign * k, mid)
                path.quadTo(b.x(), mid, b.x(), mid + k)
            path.lineTo(b)
        else:
            a = QPointF(parent.right(), parent.center().y())
            b = QPointF(child.left(), child.center().y())
            mid = (a.x() + b.x()) / 2
            dy = b.y() - a.y()
            k = min(r, abs(dy) / 2, (b.x() - a.x()) / 2) if dy else 0
            sign = 1 if dy > 0 else -1
            path.moveTo(a)
            path.lineTo(mid - k, a.y())
            if k:
                path.quadTo(mid, a.y(), mid, a.y() + sign * k)
                path.lineTo(mid, b.y() - sign * k)
                path.quadTo(mid, b.y(), mid + k, b.y())
            path.lineTo(b)
        if path != self.path():
            self.setPath(path)
