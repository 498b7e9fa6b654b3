"""The why tree in the review meeting: large boxes, one level at a time, one branch in focus.

A second mirror of the review (its own scene, so the editing canvas keeps its zoom and folds).
It shows one tree — the one holding the selected node — starting with the problem statement;
each step reveals the next "why" level or hides the last one. When a node was selected, its
branch (its ancestors and everything below it) stays bright and the other branches are dimmed,
so the room follows one thread while still seeing that others exist.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPointF, QRectF, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QLabel, QVBoxLayout, QWidget

from pm_desktop.domain import whys
from pm_desktop.domain.edits import Change

from .. import screen_area
from .look import make_look
from .scene import WhyScene
from .view import WhyView

# The room should read the problem statement from the back: a short tree may be enlarged this
# much beyond its presentation size to fill the screen.
PRESENT_MAX_ZOOM = 1.5
BOX_WIDE = 1.25  # boxes a little wider than on the canvas: fewer lines, still three abreast
# The smallest text of the whole tree, as a share of the room's body text: 24 px at 1920×1080.
# A tree too large for that is shown around the level just revealed instead of shrunk further.
MIN_TEXT_SHARE = 0.89


class WhyPresentation(QWidget):
    def __init__(
        self,
        controller,
        *,
        focus_id: str = "",
        orientation: str = "top-down",
        scale: float = 1.6,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.controller = controller
        self.scale = scale
        review = controller.review
        root = whys.tree_root(review, focus_id) if focus_id in review.whys else ""
        if not root and review.why_roots():
            root = review.why_roots()[0].id
        self.root_id = root
        self.depth = 0
        self.scene = WhyScene(
            make_look(self.palette(), QApplication.font(), scale, wide=BOX_WIDE), self
        )
        self.scene.orientation = orientation
        self.scene.roots = [root] if root else []
        self.scene.focus_id = focus_id if focus_id and focus_id != root else None
        self.scene.max_lines = None
        self.scene.show_knobs = False
        self.scene.orientation = self._best_orientation(orientation)
        self.scene.max_depth = 0
        self.view = WhyView(self.scene, self)
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # The viewport gets its real size only when the window is laid out on screen: fitting
        # before that left the problem statement a few pixels wide on first entry.
        self.view.viewport().installEventFilter(self)
        self.caption = QLabel()
        self.caption.setTextFormat(Qt.TextFormat.PlainText)
        self.caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._size_caption()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 8)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.caption)
        controller.changed.connect(self._on_changed)
        controller.documentReplaced.connect(self._on_replaced)
        self._sync(fit=True)

    def _size_caption(self) -> None:
        font = QFont(QApplication.font())
        font.setPointSizeF(font.pointSizeF() * self.scale * 1.1)
        self.caption.setFont(font)

    def set_scale(self, scale: float) -> None:
        """New type size (Ctrl+= / Ctrl+-): same tree, same level revealed, same focus."""
        if scale == self.scale:
            return
        self.scale = scale
        self.scene.set_look(make_look(self.palette(), QApplication.font(), scale, wide=BOX_WIDE))
        self._size_caption()
        self._sync(fit=True)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        """High contrast for the room (H) changes the palette: the boxes follow it."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and hasattr(self, "scene"):
            self.scene.set_look(
                make_look(self.palette(), QApplication.font(), self.scale, BOX_WIDE)
            )
            self._sync(fit=False)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if watched is self.view.viewport() and event.type() == QEvent.Type.Resize:
            self._fit()
        return False

    def text_px(self) -> float:
        """The size of the boxes' text on screen, in pixels."""
        return self.scene.look.font.pointSizeF() * self.logicalDpiY() / 72 * self.view.zoom

    def _floor_zoom(self) -> float:
        room = getattr(self.window(), "room", None)
        if room is None:
            return 0.0
        floor_px = screen_area.room_body_px(room.height()) * MIN_TEXT_SHARE
        return floor_px / (self.scene.look.font.pointSizeF() * self.logicalDpiY() / 72)

    def _fit(self) -> None:
        self.view.fit(self.scene.focus_rect(), max_zoom=PRESENT_MAX_ZOOM)
        floor = self._floor_zoom()
        if self.view.zoom >= floor or not self.root_id:
            return
        self.view.set_zoom(floor)
        # The newest level sits just above the bottom edge, so the chain leading to it fills
        # the rest of the screen.
        newest = self._newest_rect()
        port = self.view.viewport().rect()
        visible_h = port.height() / floor
        margin = 20 * self.scene.look.scale
        centre_y = newest.bottom() + margin - visible_h / 2
        self.view.centerOn(QPointF(newest.center().x(), min(newest.center().y(), centre_y)))

    def _newest_rect(self) -> QRectF:
        """The level just revealed and the one it answers (where the room is looking)."""
        wanted = {self.depth, max(0, self.depth - 1)}
        rect = QRectF()
        for node_id in self.scene.node_ids():
            if self.scene.depth_of(node_id) in wanted:
                box = self.scene.box(node_id)
                rect = box if rect.isNull() else rect.united(box)
        return rect if not rect.isNull() else self.scene.focus_rect()

    def _best_orientation(self, preferred: str, screen: tuple[float, float] = (16, 9)) -> str:
        """The orientation in which the whole tree fills a wide screen at the larger zoom (a
        long chain reads better left to right, a bushy tree top-down); ties keep ``preferred``."""
        review = self.controller.review
        self.scene.max_depth = None
        best, best_zoom = preferred, 0.0
        for orientation in (preferred, "left-right" if preferred == "top-down" else "top-down"):
            self.scene.orientation = orientation
            self.scene.sync(review)
            rect = self.scene.content_rect()
            if rect.isEmpty():
                return preferred
            zoom = min(screen[0] / rect.width(), screen[1] / rect.height())
            if zoom > best_zoom * 1.1:
                best, best_zoom = orientation, zoom
        return best

    def deepest(self) -> int:
        review = self.controller.review
        if self.root_id not in review.whys:
            return 0
        depth = whys.depths(review)
        return max((depth[n.id] for n in review.subtree(self.root_id)), default=0)

    def step(self, delta: int) -> bool:
        """Reveal (+1) or hide (-1) one level; False when already at that end."""
        target = max(0, min(self.deepest(), self.depth + delta))
        if target == self.depth:
            return False
        self.depth = target
        self._sync(fit=True)
        return True

    def reveal_all(self) -> None:
        self.depth = self.deepest()
        self._sync(fit=True)

    def _on_replaced(self) -> None:
        roots = self.controller.review.why_roots()
        self.root_id = roots[0].id if roots else ""
        self.scene.roots = [self.root_id] if self.root_id else []
        self.scene.focus_id = None
        self.depth = 0
        self._sync(fit=True)

    def _on_changed(self, change: Change) -> None:
        if change.touches("whys") or change.touches("followups"):
            self._sync(fit=False)

    def _sync(self, *, fit: bool) -> None:
        review = self.controller.review
        if self.root_id and self.root_id not in review.whys:
            self.root_id = review.why_roots()[0].id if review.why_roots() else ""
            self.scene.roots = [self.root_id] if self.root_id else []
        self.depth = min(self.depth, self.deepest())
        self.scene.max_depth = self.depth
        self.scene.sync(review)
        if fit:
            self._fit()
        deepest = self.deepest()
        if not self.root_id:
            text = "No 5-whys tree yet"
        elif deepest == 0:
            text = "The problem — no whys asked yet"
        elif self.depth == 0:
            text = "The problem — press → to ask why"
        elif self.depth >= deepest:
            text = f"Why {self.depth} — every why is asked"
        else:
            text = f"Why {self.depth} of {deepest} — press → to ask the next why"
        self.caption.setText(text)
