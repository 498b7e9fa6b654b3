"""Redaction boxes over a screenshot in the viewer: the scene mirrors the review's boxes.

The layer only *shows* :class:`~pm_desktop.domain.model.RedactionBox` values; drawing a box ends
by pushing ``ops.add_box`` through the controller, Delete pushes ``ops.remove_box``, and undo
works like every other edit. The stored picture is never touched: boxes are burned into copies
when the review is exported.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPen
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsRectItem,
    QGraphicsScene,
    QGraphicsSimpleTextItem,
)

from pm_desktop.domain.edits import Change
from pm_desktop.domain.ops import add_box, remove_box

from ..controller import DocumentController

BOX_FILL = QColor(0, 0, 0)
BOX_EDGE = QColor(214, 40, 40)
DRAFT_EDGE = QColor(214, 40, 40)
LABEL_COLOUR = QColor(235, 235, 235)
MIN_SIDE = 3  # image pixels: a click is not a box


class BoxLayer(QObject):
    """Keeps one filled rectangle per box of ``evidence_id`` on ``scene``; draws new ones.

    Call :meth:`press`, :meth:`move`, :meth:`release` with scene positions while drawing."""

    def __init__(self, controller: DocumentController, evidence_id: str, scene: QGraphicsScene):
        super().__init__(scene)
        self.controller, self.evidence_id, self.scene = controller, evidence_id, scene
        self.items: dict[str, QGraphicsRectItem] = {}
        self._origin: QPointF | None = None
        self._draft: QGraphicsRectItem | None = None
        controller.changed.connect(self._on_changed)
        self.refresh()

    # ------------------------------------------------------------------ mirror
    def _on_changed(self, change: Change) -> None:
        if change.touches("boxes") or change.touches("evidence"):
            self.refresh()

    def refresh(self) -> None:
        boxes = {b.id: b for b in self.controller.review.boxes_for(self.evidence_id)}
        for box_id in [i for i in self.items if i not in boxes]:
            self.scene.removeItem(self.items.pop(box_id))
        for box in boxes.values():
            item = self.items.get(box.id)
            if item is None:
                item = QGraphicsRectItem()
                item.setBrush(QBrush(BOX_FILL))
                pen = QPen(BOX_EDGE, 2)
                pen.setCosmetic(True)
                item.setPen(pen)
                item.setZValue(10)
                item.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable, True)
                item.setData(0, box.id)
                item.setToolTip("Redacted: filled in every export (Delete removes the box)")
                label = QGraphicsSimpleTextItem("Redacted", item)
                label.setBrush(QBrush(LABEL_COLOUR))
                label.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations, True)
                self.scene.addItem(item)
                self.items[box.id] = item
            item.setRect(QRectF(box.x, box.y, box.w, box.h))
            for child in item.childItems():
                child.setPos(box.x + 6, box.y + 4)
                child.setVisible(box.w >= 40 and box.h >= 16)

    def selected_ids(self) -> list[str]:
        return [box_id for box_id, item in self.items.items() if item.isSelected()]

    # ------------------------------------------------------------------ drawing
    def press(self, pos: QPointF) -> None:
        self._origin = pos
        self._draft = QGraphicsRectItem(QRectF(pos, pos))
        pen = QPen(DRAFT_EDGE, 2, Qt.PenStyle.DashLine)
        pen.setCosmetic(True)
        self._draft.setPen(pen)
        self._draft.setZValue(20)
        self.scene.addItem(self._draft)

    def move(self, pos: QPointF) -> None:
        if self._origin is not None and self._draft is not None:
            self._draft.setRect(QRectF(self._origin, pos).normalized())

    def release(self, pos: QPointF) -> bool:
        """Finish the box being drawn; True when a box was added to the review."""
        origin, draft = self._origin, self._draft
        self._origin = self._draft = None
        if draft is not None:
            self.scene.removeItem(draft)
        if origin is None:
            return False
        rect = QRectF(origin, pos).normalized()
        if rect.width() < MIN_SIDE or rect.height() < MIN_SIDE:
            return False
        review = self.controller.review
        edit = add_box(
            review, self.evidence_id, round(rect.x()), round(rect.y()),
            round(rect.width()), round(rect.height()),
        )  # fmt: skip
        return self.controller.push(edit) is not None

    def cancel(self) -> None:
        if self._draft is not None:
            self.scene.removeItem(self._draft)
        self._origin = self._draft = None

    def remove_selected(self) -> int:
        removed = 0
        for box_id in self.selected_ids():
            if box_id in self.controller.review.boxes and self.controller.push(
                remove_box(self.controller.review, box_id)
            ):
                removed += 1
        return removed
