"""The why-tree editor: selection, in-place editing, and every edit the tree can make.

This is the "document/" part of orange-canvas-core's split. Interactions (keys, mouse, drops) and
the panel's actions call these methods; each ends by pushing one domain edit through
``controller.push`` (so it is undoable and every view hears about it). The scene is refreshed
from the controller's ``changed`` notification by :meth:`WhyEditor.refresh`, never directly by
an edit, so undo, redo and edits made in other panels take exactly the same road.

Signals:

- ``currentChanged(str)`` — the selected node ("" when none).
- ``contextMenuRequested(str, QPoint)`` — right click on a node ("" on the background) at a
  global position; the panel shows its menu.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QPoint, QRectF, Signal

from pm_desktop.domain import ops
from pm_desktop.domain.edits import Change, Edit, EditError, update
from pm_desktop.domain.model import Review, WhyNode, new_id
from pm_desktop.domain.search import Query

from .inline import InlineTextEditor
from .interactions import EvidenceDrops, KeyboardInteraction, MouseInteraction
from .scene import WhyScene
from .view import WhyView

READ_ONLY = "This review is open read-only; use Save As to edit a copy."


class WhyEditor(QObject):
    currentChanged = Signal(str)
    contextMenuRequested = Signal(str, QPoint)

    def __init__(self, controller, scene: WhyScene, view: WhyView, parent: QObject | None = None):
        super().__init__(parent)
        self.controller = controller
        self.scene = scene
        self.view = view
        self.current_id = ""
        self.inline = InlineTextEditor()
        scene.addItem(self.inline)
        self.inline.committed.connect(self._on_committed)
        self.inline.cancelled.connect(self._on_cancelled)
        self.inline.childRequested.connect(self._on_child_requested)
        controller.commitRequested.connect(self._commit_pending)
        view.keys = KeyboardInteraction(self)
        view.mouse = MouseInteraction(self)
        view.drops = EvidenceDrops(self)

    @property
    def review(self) -> Review:
        return self.controller.review

    @property
    def editing(self) -> bool:
        return self.inline.active

    def node(self, node_id: str | None = None) -> WhyNode | None:
        return self.review.whys.get(node_id if node_id is not None else self.current_id)

    # ------------------------------------------------------------------ mirror
    def refresh(self, change: Change | None = None) -> None:
        """Bring the scene in line after ``change`` without moving the picture under the user."""
        if change is not None and not (change.touches("whys") or change.touches("followups")):
            return
        review = self.review
        if self.editing and self.inline.node_id not in review.whys:
            self.inline.finish(False)
        candidates = self._anchor_candidates()
        self._sync(candidates)
        if self.current_id and self.current_id not in review.whys:
            fallback = next((c for c in candidates if c in review.whys), "")
            self.select(fallback)

    def _sync(self, anchor: list[str] | None = None) -> None:
        """Sync the scene keeping ``anchor`` (default: the edited/selected node) still."""
        with self.view.keep_anchor(self._anchor_candidates() if anchor is None else anchor):
            self.scene.sync(self.review)
        if self.editing:
            self.inline.move_to(self._text_rect(self.inline.node_id))

    def rebuild(self) -> None:
        """A different review is open: forget view state and show all of it."""
        if self.editing:
            self.inline.finish(False)
        self.scene.collapsed.clear()
        self.scene.found.clear()
        self.current_id = ""
        self.scene.set_current("")
        self.scene.sync(self.review)
        self.view.show_start()
        self.currentChanged.emit("")

    def _anchor_candidates(self) -> list[str]:
        """The node to keep still: the one being edited or selected, else its nearest ancestor
        still drawn (read from the scene, which still shows the state before the change)."""
        chain: list[str] = []
        node_id = self.inline.node_id if self.editing else self.current_id
        while node_id and node_id not in chain:
            chain.append(node_id)
            node_id = self.scene.parent_of(node_id) or ""
        return chain

    # ------------------------------------------------------------------ selection and view state
    def select(self, node_id: str, *, visible: bool = True) -> None:
        if node_id and node_id not in self.review.whys:
            node_id = ""
        if node_id:
            self.reveal(node_id)
        changed = node_id != self.current_id
        self.current_id = node_id
        self.scene.set_current(node_id)
        if node_id and visible:
            self.view.ensure_node_visible(node_id)
        if changed:
            self.currentChanged.emit(node_id)

    def reveal(self, node_id: str) -> None:
        """Unfold the ancestors of ``node_id`` so it is drawn."""
        folded = set(self.review.ancestors(node_id)) & self.scene.collapsed
        if folded:
            self.scene.collapsed -= folded
            self._sync()

    def toggle_collapsed(self, node_id: str | None = None) -> None:
        node_id = node_id or self.current_id
        if not node_id or not self.review.children(node_id):
            return
        self.scene.collapsed ^= {node_id}
        self._sync([node_id])

    def set_orientation(self, orientation: str) -> None:
        if orientation == self.scene.orientation:
            return
        self.scene.orientation = orientation
        self._sync()
        if not self.current_id:
            self.view.fit()

    def find(self, text: str) -> list[str]:
        """Highlight the nodes the query matches (:mod:`pm_desktop.domain.search`); select the
        first."""
        query = Query.parse(text)
        found = [w.id for w in self.review.sorted_whys() if query.test(w)] if query else []
        self.scene.set_found(set(found))
        for node_id in found:
            self.reveal(node_id)
        if found:
            self.select(found[0])
        return found

    # ------------------------------------------------------------------ edits
    def push(self, edit: Edit, merge_key: str | None = None) -> bool:
        return self.controller.push(edit, merge_key) is not None

    def add_problem(self, text: str = "", *, edit: bool = True) -> str:
        node_id = new_id()
        if not self.push(ops.add_why(self.review, None, text, id=node_id, source="typed")):
            return ""
        self.select(node_id)
        if edit:
            self.start_edit(node_id)
        return node_id

    def add_child(self, parent_id: str | None = None, *, edit: bool = True) -> str:
        parent = self.node(parent_id)
        if parent is None:
            return self.add_problem(edit=edit)
        self.scene.collapsed.discard(parent.id)
        node_id = new_id()
        if not self.push(ops.add_why(self.review, parent.id, "", id=node_id, source="typed")):
            return ""
        self.select(node_id)
        if edit:
            self.start_edit(node_id)
        return node_id

    def add_sibling(self, node_id: str | None = None, *, edit: bool = True) -> str:
        """A new branch beside the node; on a problem statement, a first answer under it."""
        node = self.node(node_id)
        if node is None:
            return self.add_problem(edit=edit)
        if node.parent_id is None:
            return self.add_child(node.id, edit=edit)
        order = [s.id for s in self.review.children(node.parent_id)]
        new = new_id()
        edit_ = ops.add_why(
            self.review,
            node.parent_id,
            "",
            index=order.index(node.id) + 1,
            id=new,
            source="typed",
        )
        if not self.push(edit_):
            return ""
        self.select(new)
        if edit:
            self.start_edit(new)
        return new

    def set_text(self, node_id: str, text: str) -> bool:
        node = self.node(node_id)
        text = text.strip()
        if node is None or node.text == text:
            return False
        return self.push(update(node, label="Edit why", text=text))

    def set_fields(
        self, node_id: str, label: str, *, merge_key: str | None = None, **changes: object
    ) -> bool:
        node = self.node(node_id)
        if node is None or all(getattr(node, k) == v for k, v in changes.items()):
            return False
        return self.push(update(node, label=label, **changes), merge_key)

    def toggle_root_cause(self, node_id: str | None = None) -> bool:
        node = self.node(node_id)
        if node is None:
            return False
        label = "Unmark root cause" if node.root_cause else "Mark as root cause"
        return self.set_fields(node.id, label, root_cause=not node.root_cause)

    def toggle_contributing(self, node_id: str | None = None) -> bool:
        """One of several conditions that together led to the incident (K)."""
        node = self.node(node_id)
        if node is None or node.parent_id is None:
            return False
        label = "Unmark contributing factor" if node.contributing else "Mark contributing factor"
        return self.set_fields(node.id, label, contributing=not node.contributing)

    def toggle_confirmed(self, node_id: str | None = None) -> bool:
        node = self.node(node_id)
        if node is None:
            return False
        confirmed = node.status != "confirmed"
        label = "Mark why confirmed" if confirmed else "Mark why possible"
        return self.set_fields(node.id, label, status="confirmed" if confirmed else "possible")

    def delete(self, node_id: str | None = None) -> bool:
        node = self.node(node_id)
        if node is None:
            return False
        siblings = [s.id for s in self.review.children(node.parent_id)]
        i = siblings.index(node.id)
        if i + 1 < len(siblings):
            after = siblings[i + 1]
        else:
            after = siblings[i - 1] if i > 0 else node.parent_id or ""
        if self.editing and self.inline.node_id in {n.id for n in self.review.subtree(node.id)}:
            self.inline.finish(False)
        if not self.push(ops.delete_why_subtree(self.review, node.id)):
            return False
        self.select(after)
        return True

    def reparent(self, node_id: str, target_id: str | None) -> bool:
        """Move a node (with its branch) under ``target_id``; loops are refused with a message."""
        node = self.node(node_id)
        if node is None or node.parent_id == target_id:
            return False
        try:
            edit = ops.reparent_why(self.review, node_id, target_id)
        except EditError as exc:
            text = str(exc)
            self.controller.error.emit(text[:1].upper() + text[1:] + ".")
            return False
        if target_id:
            self.scene.collapsed.discard(target_id)
        if not self.push(edit):
            return False
        self.select(node_id)
        return True

    def move_among_siblings(self, delta: int, node_id: str | None = None) -> bool:
        node = self.node(node_id)
        if node is None:
            return False
        return self.push(ops.move_why_among_siblings(self.review, node.id, delta))

    def create_followup(self, node_id: str | None = None) -> str:
        """Turn the node into a linked follow-up card (one edit); returns the card's id."""
        node = self.node(node_id)
        if node is None:
            return ""
        edit = ops.create_followup_from_why(self.review, node.id)
        card_id = edit.edits[0].entity.id
        return card_id if self.push(edit) else ""

    def link_evidence(self, node_id: str, evidence_ids: list[str]) -> bool:
        node = self.node(node_id)
        if node is None:
            return False
        known = [e for e in evidence_ids if e in self.review.evidence]
        if not known:
            self.controller.error.emit("None of the dropped evidence is in this review.")
            return False
        new = tuple(e for e in known if e not in node.evidence_ids)
        if not new:
            return True
        label = "Link evidence to why" if len(new) == 1 else f"Link {len(new)} evidence items"
        return self.set_fields(node.id, label, evidence_ids=(*node.evidence_ids, *new))

    def unlink_evidence(self, node_id: str, evidence_id: str) -> bool:
        node = self.node(node_id)
        if node is None or evidence_id not in node.evidence_ids:
            return False
        kept = tuple(e for e in node.evidence_ids if e != evidence_id)
        return self.set_fields(node.id, "Unlink evidence from why", evidence_ids=kept)

    # ------------------------------------------------------------------ in-place editing
    def start_edit(self, node_id: str | None = None) -> bool:
        node = self.node(node_id)
        if node is None:
            return False
        if self.controller.read_only:
            self.controller.error.emit(READ_ONLY)
            return False
        if self.editing:
            self.inline.finish(True)
        self.select(node.id)
        item = self.scene.node_item(node.id)
        if item is None:
            return False
        item.set_flag_state("editing", True)
        look = self.scene.look
        font = look.bold_font if self.scene.depth_of(node.id) == 0 else look.font
        self.inline.begin(node.id, node.text, self._text_rect(node.id), font, look)
        self.view.setFocus()
        return True

    def _text_rect(self, node_id: str) -> QRectF:
        item = self.scene.node_item(node_id)
        if item is None:
            return QRectF()
        geo, pad = item.geometry, self.scene.look.padding
        height = max(len(geo.lines), 1) * geo.line_h
        return QRectF(
            item.pos().x() + pad - 2, item.pos().y() + geo.text_top - 2, geo.width - 2 * pad, height
        )

    def _stop_editing_item(self) -> str:
        node_id = self.inline.node_id
        item = self.scene.node_item(node_id)
        if item is not None:
            item.set_flag_state("editing", False)
        return node_id

    def _commit_pending(self) -> None:
        if self.editing:
            self.inline.finish(True)

    def _on_committed(self, text: str) -> None:
        node_id = self._stop_editing_item()
        self.set_text(node_id, text)

    def _on_cancelled(self) -> None:
        self._stop_editing_item()

    def _on_child_requested(self) -> None:
        node = self.review.whys.get(self.inline.node_id)
        if node is None:
            return
        if not node.text.strip():
            # Nothing to ask why about yet: Tab on an empty box keeps editing it instead of
            # growing a chain of empty whys.
            self.start_edit(node.id)
            return
        self.add_child(node.id)
