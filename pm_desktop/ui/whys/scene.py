"""The scene that mirrors the review's why trees (orange-canvas-core's split: document → scene).

The scene never edits the review. :meth:`WhyScene.sync` reads it and brings the items in line:
items of removed or folded-away nodes go, new ones are created, and an existing item is re-measured
and redrawn only when what it shows changed — so after a one-word edit one box repaints, and the
rest only move if the layout moved them. Positions come from
:func:`pm_desktop.domain.tree_layout.layout_forest`, the same layout the PDF uses.

View state lives here, not in the document: which nodes are folded, the orientation, the
presentation's depth limit and focus branch, the current node, the find matches and the review
coach's notes (node id -> tooltip and severity; the editing panel sets them, a presentation's
scene never does).

Signals:

- ``laidOut()`` — after every sync; boxes may have moved (the view recomputes its scroll area).
"""

from __future__ import annotations

from collections import Counter

from PySide6.QtCore import QPointF, QRectF, Signal
from PySide6.QtWidgets import QGraphicsScene

from pm_desktop.domain import whys
from pm_desktop.domain.model import Review
from pm_desktop.domain.tree_layout import LayoutNode, layout_forest

from .items import MAX_LINES, NODE_TYPE, NodeData, NodeGeometry, WhyEdgeItem, WhyNodeItem, measure
from .look import WhyLook

DIMMED_OPACITY = 0.22


class WhyScene(QGraphicsScene):
    laidOut = Signal()

    def __init__(self, look: WhyLook, parent=None):
        super().__init__(parent)
        self.look = look
        self.orientation = "top-down"
        self.collapsed: set[str] = set()
        self.max_depth: int | None = None  # presentation: deeper levels are not shown yet
        self.roots: list[str] | None = None  # presentation: only these trees
        self.focus_id: str | None = None  # presentation: other branches are dimmed
        self.max_lines: int | None = MAX_LINES
        self.show_knobs = True
        self.current_id = ""
        self.found: set[str] = set()
        self.coach_notes: dict[str, tuple[str, str]] = {}
        self._nodes: dict[str, WhyNodeItem] = {}
        self._edges: dict[tuple[str, str], WhyEdgeItem] = {}
        self._measured: dict[NodeData, NodeGeometry] = {}
        self._depth: dict[str, int] = {}
        self._content = QRectF()
        self.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.NoIndex)
        self.setBackgroundBrush(look.background)

    # ------------------------------------------------------------------ reading
    def node_item(self, node_id: str) -> WhyNodeItem | None:
        return self._nodes.get(node_id)

    def node_ids(self) -> set[str]:
        return set(self._nodes)

    def edge_pairs(self) -> set[tuple[str, str]]:
        return set(self._edges)

    def parent_of(self, node_id: str) -> str | None:
        """The parent as the scene last drew it (still valid while a change is being applied)."""
        item = self._nodes.get(node_id)
        return item.data_.row.parent_id if item is not None and item.data_ is not None else None

    def depth_of(self, node_id: str) -> int:
        return self._depth.get(node_id, 0)

    def box(self, node_id: str) -> QRectF:
        item = self._nodes[node_id]
        return item.box_rect().translated(item.pos())

    def content_rect(self) -> QRectF:
        """Where the trees are, with a margin (the view keeps extra room around it)."""
        return QRectF(self._content)

    def focus_rect(self) -> QRectF:
        """Where the focused branch is (presentation), else where all the trees are."""
        lit = [self.box(i) for i, item in self._nodes.items() if item.opacity() >= 1.0]
        if not self.focus_id or not lit:
            return self.content_rect()
        rect = lit[0]
        for box in lit[1:]:
            rect = rect.united(box)
        margin = 30 * self.look.scale
        return rect.adjusted(-margin, -margin, margin, margin)

    def node_at(self, pos: QPointF, exclude: str | None = None) -> str | None:
        for item in self.items(pos):
            if item.type() == NODE_TYPE and item.node_id != exclude:
                if item.box_rect().contains(item.mapFromScene(pos)):
                    return item.node_id
        return None

    def knob_at(self, pos: QPointF) -> str | None:
        for item in self.items(pos):
            if item.type() == NODE_TYPE and self.show_knobs:
                knob = item.knob_rect()
                if knob is not None and knob.contains(item.mapFromScene(pos)):
                    return item.node_id
        return None

    # ------------------------------------------------------------------ view state
    def set_look(self, look: WhyLook) -> None:
        """Switch colours/fonts; the caller syncs afterwards to re-measure."""
        self.look = look
        self._measured.clear()
        self.setBackgroundBrush(look.background)
        for item in self._nodes.values():
            item.prepareGeometryChange()
            item.look = look
            item.data_ = None  # forces set_content to re-apply
        for edge in self._edges.values():
            edge.set_look(look)

    def set_current(self, node_id: str) -> None:
        old = self._nodes.get(self.current_id)
        if old is not None:
            old.set_flag_state("current", False)
        self.current_id = node_id
        item = self._nodes.get(node_id)
        if item is not None:
            item.set_flag_state("current", True)

    def set_found(self, ids: set[str]) -> None:
        self.found = set(ids)
        for node_id, item in self._nodes.items():
            item.set_flag_state("found", node_id in self.found)

    def set_coach_notes(self, notes: dict[str, tuple[str, str]]) -> None:
        """Badges for the coach's notes: node id -> (tooltip, severity)."""
        old, self.coach_notes = self.coach_notes, dict(notes)
        # The coach updates after every edit; only the nodes whose notes changed are touched
        # (a sync gives each node its notes, so new nodes and a new look have theirs).
        for node_id in old.keys() | self.coach_notes.keys():
            item = self._nodes.get(node_id)
            if item is not None and old.get(node_id) != self.coach_notes.get(node_id):
                item.set_coach(*self.coach_notes.get(node_id, ("", "info")))

    def set_drop_target(self, node_id: str | None, state: str | None) -> None:
        for nid, item in self._nodes.items():
            item.set_flag_state("drop", state if nid == node_id else None)

    # ------------------------------------------------------------------ the mirror
    def sync(self, review: Review) -> None:
        """Bring the items in line with ``review`` (see the module docstring)."""
        self.collapsed.intersection_update(review.whys)
        names = whys.branch_labels(review)
        counts = whys.followup_counts(review)
        kids = Counter(w.parent_id for w in review.whys.values())
        hidden = whys.hidden_counts(review, self.collapsed)
        visible = whys.visible_nodes(
            review, self.collapsed, max_depth=self.max_depth, roots=self.roots
        )
        shown = {node.id for node, _ in visible}
        for node_id in [n for n in self._nodes if n not in shown]:
            self.removeItem(self._nodes.pop(node_id))

        layout_input: list[LayoutNode] = []
        self._depth = {}
        for order, (node, depth) in enumerate(visible):
            children = kids.get(node.id, 0)
            if self.max_depth is not None and depth >= self.max_depth:
                children = 0  # presentation: no fold knob on the last revealed level
            row = whys.row_for(node, depth, names, counts, children)
            data = NodeData(row, hidden.get(node.id, 0), node.id in self.collapsed)
            geometry = self._measure(data)
            item = self._nodes.get(node.id)
            if item is None:
                item = WhyNodeItem(node.id, self.look)
                self._nodes[node.id] = item
                self.addItem(item)
            item.set_content(data, geometry, self.orientation)
            item.set_flag_state("current", node.id == self.current_id)
            item.set_flag_state("found", node.id in self.found)
            item.set_coach(*self.coach_notes.get(node.id, ("", "info")))
            self._depth[node.id] = depth
            layout_input.append(
                LayoutNode(node.id, node.parent_id, geometry.width, geometry.height, order)
            )

        result = layout_forest(
            layout_input,
            orientation=self.orientation,
            sibling_gap=self.look.sibling_gap,
            level_gap=self.look.level_gap,
            tree_gap=self.look.tree_gap,
        )
        for node_id, box in result.boxes.items():
            item = self._nodes[node_id]
            if item.pos() != QPointF(box.x, box.y):
                item.setPos(box.x, box.y)

        wanted = set(result.edges)
        for pair in [p for p in self._edges if p not in wanted]:
            self.removeItem(self._edges.pop(pair))
        for parent_id, child_id in result.edges:
            edge = self._edges.get((parent_id, child_id))
            if edge is None:
                edge = WhyEdgeItem(parent_id, child_id, self.look)
                self._edges[(parent_id, child_id)] = edge
                self.addItem(edge)
            edge.set_ends(self.box(parent_id), self.box(child_id), self.orientation)

        self._apply_focus(review)
        margin = 40 * self.look.scale
        self._content = QRectF(0, 0, result.width, result.height).adjusted(
            -margin, -margin, margin, margin
        )
        self.laidOut.emit()

    def _measure(self, data: NodeData) -> NodeGeometry:
        geometry = self._measured.get(data)
        if geometry is None:
            if len(self._measured) > 20_000:
                self._measured.clear()
            geometry = measure(data, self.look, self.max_lines)
            self._measured[data] = geometry
        return geometry

    def _apply_focus(self, review: Review) -> None:
        lit: set[str] | None = None
        if self.focus_id and self.focus_id in review.whys:
            lit = {self.focus_id, *review.ancestors(self.focus_id)}
            lit.update(n.id for n in review.subtree(self.focus_id))
        for node_id, item in self._nodes.items():
            item.setOpacity(1.0 if lit is None or node_id in lit else DIMMED_OPACITY)
            item.set_flag_state("show_knob", self.show_knobs)
        for (_, child_id), edge in self._edges.items():
            edge.setOpacity(1.0 if lit is None or child_id in lit else DIMMED_OPACITY)
