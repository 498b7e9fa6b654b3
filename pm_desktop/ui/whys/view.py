"""The QGraphicsView of the why-tree: zoom, pan, fit, and a relayout that does not jump.

The view owns no editing logic. Mouse, keyboard and drop events go to the interaction objects
the editor installs (:mod:`.interactions`); what they do not handle falls through to Qt.

Keeping the view still: after a change the layout may move every box. :meth:`keep_anchor`
remembers where a node was on screen before the scene syncs and scrolls afterwards so that it is
still there. For that to work at the edges of the trees the scene rectangle is the trees plus a
viewport's worth of room on every side.

Signals:

- ``zoomChanged(float)`` — the zoom factor changed (1.0 = 100 %).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Sequence

from PySide6.QtCore import QEvent, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QGraphicsView, QWidget

from .scene import WhyScene

MIN_ZOOM = 0.1
MAX_ZOOM = 4.0
FIT_MAX_ZOOM = 1.25
READABLE_ZOOM = 0.8  # below this a fitted overview is a picture, not something to read


class WhyView(QGraphicsView):
    zoomChanged = Signal(float)

    def __init__(self, scene: WhyScene, parent: QWidget | None = None):
        super().__init__(scene, parent)
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        self.setDragMode(QGraphicsView.DragMode.NoDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.NoAnchor)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.NoAnchor)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.SmartViewportUpdate)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAcceptDrops(True)
        self.setFrameShape(QGraphicsView.Shape.NoFrame)
        self.keys = None  # KeyboardInteraction, installed by the editor
        self.mouse = None  # MouseInteraction
        self.drops = None  # EvidenceDrops
        scene.laidOut.connect(self.update_scene_rect)

    def why_scene(self) -> WhyScene:
        return self.scene()  # type: ignore[return-value]

    # ------------------------------------------------------------------ zoom and scroll
    @property
    def zoom(self) -> float:
        return self.transform().m11()

    def set_zoom(self, zoom: float, anchor: QPointF | None = None) -> None:
        """Zoom to ``zoom``, keeping the scene point under ``anchor`` (viewport pixels) still."""
        zoom = max(MIN_ZOOM, min(MAX_ZOOM, zoom))
        if abs(zoom - self.zoom) < 1e-6:
            return
        at = anchor if anchor is not None else QPointF(self.viewport().rect().center())
        before = self.mapToScene(at.toPoint())
        self.resetTransform()
        self.scale(zoom, zoom)
        self.update_scene_rect()
        after = self.mapFromScene(before)
        self._scroll_by(after.x() - at.x(), after.y() - at.y())
        self.zoomChanged.emit(zoom)

    def zoom_by(self, factor: float, anchor: QPointF | None = None) -> None:
        self.set_zoom(self.zoom * factor, anchor)

    def fit(self, rect: QRectF | None = None, max_zoom: float = FIT_MAX_ZOOM) -> None:
        """Show every tree, or ``rect`` (never enlarging beyond ``max_zoom``, so three boxes
        do not fill a wall)."""
        rect = self.why_scene().content_rect() if rect is None else rect
        if rect.isEmpty():
            return
        self.update_scene_rect()
        view = self.viewport().rect()
        zoom = min(view.width() / rect.width(), view.height() / rect.height())
        zoom = max(MIN_ZOOM, min(max_zoom, zoom))
        self.resetTransform()
        self.scale(zoom, zoom)
        self.update_scene_rect()
        self.centerOn(rect.center())
        self.zoomChanged.emit(zoom)

    def show_start(self) -> None:
        """The first view of a review: everything when it is legible, otherwise the first
        problem statement at a readable size (Fit, Ctrl+0, gives the overview)."""
        self.fit()
        scene = self.why_scene()
        if self.zoom >= READABLE_ZOOM or not scene.node_ids():
            return
        self.set_zoom(READABLE_ZOOM)
        first = min(
            scene.node_ids(), key=lambda i: (scene.depth_of(i), scene.box(i).y(), scene.box(i).x())
        )
        box = scene.box(first)
        view = self.viewport().rect()
        margin = 30 * scene.look.scale
        if scene.orientation == "top-down":
            self.centerOn(box.center().x(), box.top() - margin + view.height() / 2 / self.zoom)
        else:
            self.centerOn(box.left() - margin + view.width() / 2 / self.zoom, box.center().y())

    def update_scene_rect(self) -> None:
        content = self.why_scene().content_rect()
        if content.isEmpty():
            content = QRectF(0, 0, 1, 1)
        zoom = self.zoom or 1.0
        mx = self.viewport().width() / zoom
        my = self.viewport().height() / zoom
        rect = content.adjusted(-mx, -my, mx, my)
        if rect != self.sceneRect():
            self.setSceneRect(rect)

    def _scroll_by(self, dx: float, dy: float) -> None:
        h, v = self.horizontalScrollBar(), self.verticalScrollBar()
        h.setValue(h.value() + round(dx))
        v.setValue(v.value() + round(dy))

    def pan_by(self, dx: float, dy: float) -> None:
        """Move the picture by (dx, dy) viewport pixels (a background drag)."""
        self._scroll_by(-dx, -dy)

    def ensure_node_visible(self, node_id: str) -> None:
        scene = self.why_scene()
        if scene.node_item(node_id) is not None:
            margin = round(30 * scene.look.scale * max(self.zoom, 0.3))
            self.ensureVisible(scene.box(node_id), margin, margin)

    def centre_on_node(self, node_id: str) -> None:
        scene = self.why_scene()
        if scene.node_item(node_id) is not None:
            self.centerOn(scene.box(node_id).center())

    @contextlib.contextmanager
    def keep_anchor(self, candidates: Sequence[str]) -> Iterator[None]:
        """Keep the first of ``candidates`` that survives the block where it was on screen."""
        scene = self.why_scene()
        before: dict[str, QPointF] = {}
        for node_id in candidates:
            if scene.node_item(node_id) is not None:
                before[node_id] = QPointF(self.mapFromScene(scene.box(node_id).topLeft()))
        yield
        self.update_scene_rect()
        for node_id in candidates:
            if node_id in before and scene.node_item(node_id) is not None:
                now = QPointF(self.mapFromScene(scene.box(node_id).topLeft()))
                self._scroll_by(now.x() - before[node_id].x(), now.y() - before[node_id].y())
                return

    # ------------------------------------------------------------------ events → interactions
    def event(self, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.ShortcutOverride and self.keys is not None:
            if self.keys.wants(event):
                event.accept()
                return True
        if kind == QEvent.Type.KeyPress and self.keys is not None:
            if event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab) and self.keys.handle(event):
                return True
        return super().event(event)

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if self.keys is not None and self.keys.handle(event):
            return
        super().keyPressEvent(event)

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self.update_scene_rect()

    def wheelEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            steps = event.angleDelta().y() / 120
            if steps:
                self.zoom_by(1.15**steps, event.position())
            event.accept()
            return
        super().wheelEvent(event)

    def mousePressEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if self.mouse is not None and self.mouse.press(event):
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if self.mouse is not None and self.mouse.move(event):
            event.accept()
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if self.mouse is not None and self.mouse.release(event):
            event.accept()
            return
        super().mouseReleaseEvent(event)

    def mouseDoubleClickEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if self.mouse is not None and self.mouse.double_click(event):
            event.accept()
            return
        super().mouseDoubleClickEvent(event)

    def contextMenuEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if self.mouse is not None and self.mouse.context_menu(event):
            event.accept()
            return
        super().contextMenuEvent(event)

    def dragEnterEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if self.drops is not None and self.drops.enter(event):
            return
        super().dragEnterEvent(event)

    def dragMoveEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if self.drops is not None and self.drops.move(event):
            return
        super().dragMoveEvent(event)

    def dragLeaveEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if self.drops is not None:
            self.drops.leave()
        super().dragLeaveEvent(event)

    def dropEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if self.drops is not None and self.drops.drop(event):
            return
        super().dropEvent(event)
