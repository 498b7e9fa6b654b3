"""The canvas and the worksheet always show exactly the review's why trees, whatever happened:
random edits from any panel, undos and redos, in any order."""

from __future__ import annotations

import random

import pytest
from review_strategies import random_edit

from pm_desktop.domain.edits import EditError
from pm_desktop.domain.model import Review


def assert_scene_mirrors(panel, review: Review) -> None:
    scene = panel.scene
    assert scene.node_ids() == set(review.whys)
    assert scene.edge_pairs() == {(w.parent_id, w.id) for w in review.whys.values() if w.parent_id}
    for node_id, node in review.whys.items():
        row = scene.node_item(node_id).data_.row
        assert (row.text, row.parent_id, row.root_cause, row.status) == (
            node.text, node.parent_id, node.root_cause, node.status,
        )  # fmt: skip
    boxes = [scene.box(i) for i in scene.node_ids()]
    for i, a in enumerate(boxes):  # the layout never stacks boxes on each other
        for b in boxes[i + 1 :]:
            assert not a.intersects(b)


def assert_outline_mirrors(panel, review: Review) -> None:
    model = panel.outline_model
    seen: dict[str, str | None] = {}
    stack = [(None, model.index(r, 0)) for r in range(model.rowCount())]
    while stack:
        parent_id, index = stack.pop()
        node_id = model.node_id(index)
        seen[node_id] = parent_id
        assert model.index(index.row(), 1, index.parent()).data() is not None
        stack.extend((node_id, model.index(r, 0, index)) for r in range(model.rowCount(index)))
    assert seen == {w.id: w.parent_id for w in review.whys.values()}


@pytest.mark.parametrize("seed", [3, 17, 2025])
def test_any_sequence_of_edits_undos_and_redos_keeps_the_mirror_exact(panel, controller, seed):
    rng = random.Random(seed)
    stack = controller.undo_stack
    for _ in range(70):
        roll = rng.random()
        if roll < 0.6:
            try:
                edit = random_edit(rng, controller.review)
            except (EditError, ValueError):
                continue  # the domain refused to build it (a loop, say): nothing happened
            controller.push(edit)
        elif roll < 0.85 and stack.canUndo():
            stack.undo()
        elif stack.canRedo():
            stack.redo()
        assert_scene_mirrors(panel, controller.review)
    assert_outline_mirrors(panel, controller.review)
    while stack.canUndo():
        stack.undo()
    assert_scene_mirrors(panel, controller.review)
    assert_outline_mirrors(panel, controller.review)


def test_the_mirror_survives_edits_while_branches_are_folded(panel, controller):
    rng = random.Random(8)
    for node in list(controller.review.whys.values())[:3]:
        panel.editor.toggle_collapsed(node.id)
    for _ in range(40):
        try:
            controller.push(random_edit(rng, controller.review))
        except (EditError, ValueError):
            continue
    panel.scene.collapsed.clear()
    panel.editor.refresh()
    assert_scene_mirrors(panel, controller.review)


def test_a_new_document_replaces_the_picture(panel, controller, tmp_path):
    from pm_desktop.store.document import Document

    doc = Document.create(tmp_path / "other.pmreview", Review())
    old = controller.document
    controller.set_document(doc)
    try:
        assert panel.scene.node_ids() == set()
        assert panel.outline_model.rowCount() == 0
    finally:
        controller.set_document(old)
        doc.close()
    assert_scene_mirrors(panel, controller.review)
