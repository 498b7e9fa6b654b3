"""What the main window asks of the 5 Whys panel: Edit-menu hooks, find, jump-to, presentation,
and a view that stays put while the tree changes."""

from __future__ import annotations

from PySide6.QtCore import QMimeData, QPointF
from PySide6.QtGui import QColor, QPalette

from pm_desktop.domain import ops, whys
from pm_desktop.ingest import clip_whys
from pm_desktop.ui.whys import WhysPanel


def rows(controller):
    return whys.outline_rows(controller.review)


def test_copy_gives_an_indented_outline_and_paste_rebuilds_it(panel, controller):
    review = controller.review
    why4 = rows(controller)[4].id
    panel.editor.select(why4)
    mime = panel.copy_selection()
    lines = mime.text().splitlines()
    assert lines[0].startswith("- Why 4: The query shipped")
    assert lines[1].startswith("  - Why 5 (A):") and lines[1].endswith("(root cause)")
    problem = rows(controller)[0].id
    panel.editor.select(problem)
    count, steps = len(review.whys), controller.undo_stack.count()
    assert panel.paste(mime)
    assert len(review.whys) == count + 4
    assert controller.undo_stack.count() == steps + 1
    pasted = review.children(problem)[-1]
    assert pasted.text == review.whys[why4].text and panel.editor.current_id == pasted.id
    assert len([w for w in review.subtree(pasted.id) if w.root_cause]) == 3
    controller.undo_stack.undo()
    assert len(review.whys) == count


def test_plain_indented_text_pastes_as_a_branch_of_whys(panel, controller):
    review = controller.review
    panel.editor.select("")
    mime = QMimeData()
    mime.setText("Deploys fail on Fridays\n  CI is slow\n    Runners are shared\n  Reviews wait")
    assert panel.paste(mime)
    root = review.why_roots()[-1]
    assert root.text == "Deploys fail on Fridays"
    assert [c.text for c in review.children(root.id)] == ["CI is slow", "Reviews wait"]


def test_a_garbage_or_huge_paste_is_refused_with_a_message(qtbot, panel, controller):
    before = dict(controller.review.whys)
    for text in ("   \n\t\n", "x\n" * 2000):
        mime = QMimeData()
        mime.setText(text)
        with qtbot.wait_signal(controller.error) as blocker:
            assert panel.paste(mime)
        assert blocker.args[0].startswith("Nothing pasted:")
    mime = QMimeData()
    mime.setData(clip_whys.BRANCH_MIME, b"{broken")
    with qtbot.wait_signal(controller.error):
        panel.paste(mime)
    assert controller.review.whys == before
    assert not panel.paste(QMimeData())


def test_delete_hook_removes_the_selection(panel, controller):
    assert not panel.can_delete()
    c = rows(controller)[7].id
    panel.editor.select(c)
    assert panel.can_delete()
    panel.delete_selection()
    assert c not in controller.review.whys
    assert panel.editor.current_id == rows(controller)[6].id  # the previous sibling


def test_find_highlights_matches_and_select_item_jumps(panel, controller):
    panel.find("DATABASE")
    expected = {w.id for w in controller.review.whys.values() if "database" in w.text.lower()}
    assert panel.scene.found == expected and expected
    assert panel.editor.current_id in expected
    panel.find("")
    assert panel.scene.found == set()
    target = rows(controller)[3].id
    panel.editor.toggle_collapsed(rows(controller)[1].id)
    assert panel.select_item("whys", target)
    assert panel.editor.current_id == target and target in panel.scene.node_ids()
    assert not panel.select_item("events", target)
    assert not panel.select_item("whys", "no-such-id")


def test_presentation_reveals_one_level_per_step(panel, controller):
    b = rows(controller)[6].id
    panel.editor.select(b)
    panel.set_presentation(True, 2.0)
    show = panel.presentation_widget()
    assert show is not None and show.scene.node_ids() == {rows(controller)[0].id}
    assert not panel.present_step(-1)
    shown = [len(show.scene.node_ids())]
    while panel.present_step(+1):
        shown.append(len(show.scene.node_ids()))
    assert shown == [1, 2, 3, 4, 5, 8]
    assert show.scene.focus_id == b
    dimmed = {i for i in show.scene.node_ids() if show.scene.node_item(i).opacity() < 1}
    assert dimmed == {rows(controller)[5].id, rows(controller)[7].id}
    assert panel.present_step(-1) and len(show.scene.node_ids()) == 5
    assert show.scene.look.scale == 2.0
    panel.set_presentation(False)
    assert panel.presentation_widget() is None


def test_orientation_is_remembered(qtbot, panel, controller, settings):
    panel.actions_["left_right"].trigger()  # a checkable action: now checked
    assert panel.scene.orientation == "left-right"
    problem, why1 = rows(controller)[0].id, rows(controller)[1].id
    assert panel.scene.box(why1).left() > panel.scene.box(problem).right()
    again = WhysPanel(controller, settings=settings)
    qtbot.addWidget(again)
    assert again.scene.orientation == "left-right"


def test_the_selected_why_stays_put_on_screen_when_the_tree_grows(panel, controller):
    review = controller.review
    view = panel.view
    view.set_zoom(1.0)
    c = rows(controller)[7].id
    panel.editor.select(c)
    view.centre_on_node(c)
    before = QPointF(view.mapFromScene(panel.scene.box(c).topLeft()))
    a = rows(controller)[5].id
    for text in ("one", "two", "three"):  # widen the branch to the left of the selection
        controller.push(ops.add_why(review, a, text))
    moved = panel.scene.box(c).topLeft()
    after = QPointF(view.mapFromScene(moved))
    assert abs(after.x() - before.x()) <= 1 and abs(after.y() - before.y()) <= 1
    controller.undo_stack.undo()
    after_undo = QPointF(view.mapFromScene(panel.scene.box(c).topLeft()))
    assert abs(after_undo.x() - before.x()) <= 1


def test_a_dark_palette_redraws_the_tree_dark(panel):
    dark = QPalette(QColor("#202124"))
    dark.setColor(QPalette.ColorRole.Window, QColor("#202124"))
    dark.setColor(QPalette.ColorRole.Base, QColor("#17181a"))
    dark.setColor(QPalette.ColorRole.Text, QColor("#e8eaed"))
    dark.setColor(QPalette.ColorRole.WindowText, QColor("#e8eaed"))
    panel.setPalette(dark)
    assert panel.scene.look.dark and not panel.scene.look.high_contrast
    contrast = QPalette(QColor("#000000"))
    for role in (QPalette.ColorRole.Window, QPalette.ColorRole.Base):
        contrast.setColor(role, QColor("#000000"))
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.WindowText):
        contrast.setColor(role, QColor("#ffffff"))
    panel.setPalette(contrast)
    assert panel.scene.look.high_contrast
    assert all(
        item.look is panel.scene.look for item in map(panel.scene.node_item, panel.scene.node_ids())
    )


def test_read_only_review_refuses_editing_with_a_message(qtbot, panel, controller, monkeypatch):
    monkeypatch.setattr(controller.document, "read_only", True)
    panel.editor.select(rows(controller)[1].id)
    panel._update_actions()
    assert not panel.actions_["add_child"].isEnabled()
    with qtbot.wait_signal(controller.error) as blocker:
        assert not panel.editor.start_edit()
    assert "read-only" in blocker.args[0]
