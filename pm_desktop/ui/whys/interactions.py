"""How keys, the mouse and drops become edits on the why-tree.

Each interaction reads the event, decides, and calls the editor (which pushes the edit). The
view forwards its events here and lets Qt have whatever is not handled.

Keys (the canvas has focus, no text being edited): the commands' keys come from the panel's
action table (:data:`.actions.SPECS`: Tab adds a why, Enter a branch, F2 edits, R marks a root
cause…); with nothing selected, Tab and Enter start a new problem. Shift does not matter with
Ctrl (Ctrl++ needs Shift on many keyboards). Moving the selection is not a command:

=====================  =============================================================
arrows                 towards the parent, a child, or the neighbour on the same level,
                       following the drawing's orientation
Home                   the problem statement of this tree
=====================  =============================================================

Mouse: click selects, double-click edits, drag a node onto another to move it there (a drop
inside its own branch is refused with a message), drag the background to pan, Ctrl+wheel zooms.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPen
from PySide6.QtWidgets import QApplication, QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from .actions import combined, key_table
from .mime import EVIDENCE_MIME, evidence_ids_from_mime

if TYPE_CHECKING:  # pragma: no cover
    from .editor import WhyEditor

K = Qt.Key
CTRL = Qt.KeyboardModifier.ControlModifier
NO_MODS = Qt.KeyboardModifier.NoModifier
NAVIGATION = {K.Key_Left, K.Key_Right, K.Key_Up, K.Key_Down, K.Key_Home}
# With nothing selected only these commands apply (they start a new problem).
WITHOUT_SELECTION = frozenset({"add_child", "add_sibling"})


class KeyboardInteraction:
    """The canvas's keys. ``run(name)`` runs a command of the action table (set by the panel)."""

    def __init__(self, editor: WhyEditor):
        self.editor = editor
        self.keys = key_table()
        self.run: Callable[[str], object] | None = None

    def _mods(self, event) -> Qt.KeyboardModifier:
        mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if mods == CTRL | Qt.KeyboardModifier.ShiftModifier:
            return CTRL
        return mods

    def command(self, event) -> str:
        """The command an event's key runs ("" when none)."""
        return self.keys.get(combined(event.key(), self._mods(event)), "")

    def wants(self, event) -> bool:
        """Claim our keys before window shortcuts (ShortcutOverride). While text is edited,
        every key without Alt belongs to the text (Delete deletes a character, Ctrl+Z undoes
        typing), not to the window's menu."""
        if self.editor.editing:
            return not event.modifiers() & Qt.KeyboardModifier.AltModifier
        if self.command(event):
            return True
        return self._mods(event) == NO_MODS and event.key() in NAVIGATION

    def handle(self, event) -> bool:
        ed = self.editor
        if event.type() != QEvent.Type.KeyPress:
            return False
        if ed.editing:
            # Straight to the text item's handler: it must get the keys even when the window
            # is not active yet (the scene only routes keys to its focus item in an active
            # window), and Tab must reach our handler, not the text control.
            ed.inline.keyPressEvent(event)
            return True
        name = self.command(event)
        current = ed.node()
        if name and self.run is not None:
            if current is None and self._mods(event) == NO_MODS and name not in WITHOUT_SELECTION:
                return False
            self.run(name)
            return True
        key = event.key()
        if self._mods(event) != NO_MODS or key not in NAVIGATION:
            return False
        if current is None:
            roots = ed.review.why_roots()
            if roots:
                ed.select(roots[0].id)
        elif key == K.Key_Home:
            chain = ed.review.ancestors(current.id)
            ed.select(chain[-1] if chain else current.id)
        else:
            target = self.neighbour(current.id, key)
            if target:
                ed.select(target)
        return True

    def neighbour(self, node_id: str, key: Qt.Key) -> str:
        """The node an arrow leads to, following the drawing: towards the parent, into the
        child nearest the middle, or the nearest box on the same level."""
        scene = self.editor.scene
        top_down = scene.orientation == "top-down"
        to_parent = K.Key_Up if top_down else K.Key_Left
        to_child = K.Key_Down if top_down else K.Key_Right
        here = scene.box(node_id).center()

        def along(p: QPointF) -> float:  # position along a level
            return p.x() if top_down else p.y()

        if key == to_parent:
            parent = scene.parent_of(node_id)
            return parent if parent and scene.node_item(parent) else ""
        if key == to_child:
            kids = [c for c in scene.node_ids() if scene.parent_of(c) == node_id]
            if not kids:
                return ""
            return min(kids, key=lambda c: abs(along(scene.box(c).center()) - along(here)))
        forward = key in (K.Key_Right, K.Key_Down)
        depth = scene.depth_of(node_id)
        best, best_gap = "", float("inf")
        for other in scene.node_ids():
            if other == node_id or scene.depth_of(other) != depth:
                continue
            gap = along(scene.box(other).center()) - along(here)
            gap = gap if forward else -gap
            if 0 < gap < best_gap:
                best, best_gap = other, gap
        return best


class DragGhost(QGraphicsItem):
    """What follows the pointer while a node is dragged: its first line in a dashed box."""

    def __init__(self, text: str, look):
        super().__init__()
        self.look = look
        fm = QFontMetricsF(look.font)
        self.text = fm.elidedText(" ".join(text.split()) or "?", Qt.TextElideMode.ElideRight, 220)
        self.rect = QRectF(0, 0, fm.horizontalAdvance(self.text) + 24, fm.height() + 14)
        self.setZValue(40)
        self.setOpacity(0.85)

    def boundingRect(self) -> QRectF:  # noqa: N802 - Qt's name
        return self.rect.adjusted(-2, -2, 2, 2)

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(self.look.selection, 2, Qt.PenStyle.DashLine))
        painter.setBrush(QColor(self.look.node_fill))
        painter.drawRoundedRect(self.rect, 6, 6)
        painter.setFont(self.look.font)
        painter.setPen(self.look.text)
        painter.drawText(self.rect, Qt.AlignmentFlag.AlignCenter, self.text)


class MouseInteraction:
    """Select, edit, fold, pan, and drag-to-re-parent."""

    def __init__(self, editor: WhyEditor):
        self.editor = editor
        self.state = ""  # "", "pressed", "drag", "pan"
        self.node_id = ""
        self.start = QPointF()
        self.last = QPointF()
        self.ghost: DragGhost | None = None
        self.target: str | None = None

    def _scene_pos(self, event) -> QPointF:
        return self.editor.view.mapToScene(event.position().toPoint())

    def press(self, event) -> bool:
        ed = self.editor
        pos = self._scene_pos(event)
        if ed.editing:
            if ed.inline.sceneBoundingRect().contains(pos):
                return False  # clicks inside the text go to the text
            ed.inline.finish(True)
        if event.button() == Qt.MouseButton.MiddleButton:
            return self._begin_pan(event)
        if event.button() != Qt.MouseButton.LeftButton:
            node = ed.scene.node_at(pos)
            if node:
                ed.select(node, visible=False)
            return True  # the context menu arrives as its own event
        ed.view.setFocus(Qt.FocusReason.MouseFocusReason)
        knob = ed.scene.knob_at(pos)
        if knob:
            ed.select(knob, visible=False)
            ed.toggle_collapsed(knob)
            return True
        node = ed.scene.node_at(pos)
        if node:
            ed.select(node, visible=False)
            self.state, self.node_id, self.start = "pressed", node, event.position()
            return True
        return self._begin_pan(event)

    def _begin_pan(self, event) -> bool:
        self.state, self.last = "pan", event.position()
        self.editor.view.viewport().setCursor(Qt.CursorShape.ClosedHandCursor)
        return True

    def move(self, event) -> bool:
        ed = self.editor
        if self.state == "pan":
            delta = event.position() - self.last
            self.last = event.position()
            ed.view.pan_by(delta.x(), delta.y())
            return True
        if self.state == "pressed":
            distance = (event.position() - self.start).manhattanLength()
            if distance < QApplication.startDragDistance():
                return True
            node = ed.node(self.node_id)
            if node is None:
                self.state = ""
                return True
            self.state = "drag"
            self.ghost = DragGhost(node.text, ed.scene.look)
            ed.scene.addItem(self.ghost)
        if self.state == "drag":
            pos = self._scene_pos(event)
            if self.ghost is not None:
                self.ghost.setPos(pos + QPointF(8, 8))
            target = ed.scene.node_at(pos, exclude=self.node_id)
            self.target = target
            branch = {n.id for n in ed.review.subtree(self.node_id)} if target else set()
            ed.scene.set_drop_target(target, "refuse" if target in branch else "ok")
            return True
        return False

    def release(self, event) -> bool:
        ed = self.editor
        state, self.state = self.state, ""
        if state == "pan":
            ed.view.viewport().unsetCursor()
            return True
        if state == "drag":
            if self.ghost is not None:
                ed.scene.removeItem(self.ghost)
                self.ghost = None
            ed.scene.set_drop_target(None, None)
            target, self.target = self.target, None
            if target:
                ed.reparent(self.node_id, target)
            return True
        return state == "pressed"

    def double_click(self, event) -> bool:
        ed = self.editor
        pos = self._scene_pos(event)
        if ed.editing and ed.inline.sceneBoundingRect().contains(pos):
            return False
        if ed.scene.knob_at(pos):
            return True
        node = ed.scene.node_at(pos)
        if node:
            ed.start_edit(node)
            return True
        return False

    def context_menu(self, event) -> bool:
        ed = self.editor
        pos = ed.view.mapToScene(event.pos())
        node = ed.scene.node_at(pos) or ""
        if node:
            ed.select(node, visible=False)
        ed.contextMenuRequested.emit(node, event.globalPos())
        return True


class EvidenceDrops:
    """Evidence cards dropped on a node link to it (``EVIDENCE_MIME``: a JSON list of ids)."""

    def __init__(self, editor: WhyEditor):
        self.editor = editor

    def _target(self, event) -> str | None:
        pos = self.editor.view.mapToScene(event.position().toPoint())
        return self.editor.scene.node_at(pos)

    def enter(self, event) -> bool:
        if not event.mimeData().hasFormat(EVIDENCE_MIME):
            return False
        event.acceptProposedAction()
        return True

    def move(self, event) -> bool:
        if not event.mimeData().hasFormat(EVIDENCE_MIME):
            return False
        target = self._target(event)
        self.editor.scene.set_drop_target(target, "ok" if target else None)
        if target:
            event.acceptProposedAction()
        else:
            event.ignore()
        return True

    def leave(self) -> None:
        self.editor.scene.set_drop_target(None, None)

    def drop(self, event) -> bool:
        if not event.mimeData().hasFormat(EVIDENCE_MIME):
            return False
        self.leave()
        target = self._target(event)
        if not target:
            event.ignore()
            return True
        try:
            ids = evidence_ids_from_mime(event.mimeData())
        except ValueError as exc:
            self.editor.controller.error.emit(str(exc)[:1].upper() + str(exc)[1:] + ".")
            event.ignore()
            return True
        if self.editor.link_evidence(target, ids):
            self.editor.select(target, visible=False)
            event.acceptProposedAction()
        else:
            event.ignore()
        return True
