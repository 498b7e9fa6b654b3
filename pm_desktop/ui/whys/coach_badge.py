"""The review coach's badge on a why node: a small speech bubble on the box's top-right corner.

A child item of :class:`~.items.WhyNodeItem`, so its tooltip (the coach's notes on the node) shows
only when the pointer is on the badge, not anywhere on the box. The scene sets the notes; the
presentation's scene never does, so the room never sees them.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from .. import themes
from ..coach import look as coach_look

BADGE_TYPE = QGraphicsItem.UserType + 43
RADIUS = 9.0


class CoachBadge(QGraphicsItem):
    def __init__(self, parent: QGraphicsItem, scale: float):
        super().__init__(parent)
        self.severity = "info"
        self.scale = scale
        self.setZValue(2)
        self.setAcceptHoverEvents(True)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)  # clicks reach the node
        self.hide()

    def type(self) -> int:  # noqa: A003 - Qt's name
        return BADGE_TYPE

    def set_notes(self, tooltip: str, severity: str, scale: float) -> None:
        if (tooltip, severity, scale) != (self.toolTip(), self.severity, self.scale):
            self.prepareGeometryChange()
            self.severity, self.scale = severity, scale
            self.setToolTip(tooltip)
            self.update()
        self.setVisible(bool(tooltip))

    def boundingRect(self) -> QRectF:  # noqa: N802 - Qt's name
        r = RADIUS * self.scale + 1
        return QRectF(-r, -r, 2 * r, 2 * r)

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        r = RADIUS * self.scale
        outline = QColor(themes.colors().base)
        coach_look.paint_bubble(painter, self.severity, QRectF(-r, -r, 2 * r, 2 * r), outline)
