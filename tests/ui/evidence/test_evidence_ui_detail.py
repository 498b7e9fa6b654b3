"""The detail pane: every edit is one undo step, times are read in the display zone."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt

from pm_desktop.domain.edits import SetReviewField


def snippet_id(controller) -> str:
    return next(e.id for e in controller.review.sorted_evidence() if e.kind == "text")


def select(panel, evidence_id: str):
    panel.select_ids([evidence_id])
    assert panel.detail.item_id == evidence_id
    return panel.detail


def test_typing_a_title_is_one_undoable_edit(panel, controller, qtbot):
    target = snippet_id(controller)
    old = controller.review.evidence[target].title
    detail = select(panel, target)
    detail.title.selectAll()
    qtbot.keyClicks(detail.title, "Gateway retries x<y")
    detail.title.insert(", Привет 日本 🔥")  # QTest cannot type characters outside Latin-1
    assert controller.review.evidence[target].title == "Gateway retries x<y, Привет 日本 🔥"
    assert controller.undo_stack.count() == 1  # the keystrokes merged
    controller.undo_stack.undo()
    assert controller.review.evidence[target].title == old
    assert detail.title.text() == old


def test_note_and_captured_by_are_undoable(panel, controller, qtbot):
    target = snippet_id(controller)
    before = controller.review.evidence[target]
    detail = select(panel, target)
    detail.note.setPlainText("Shows the retries doubling the load")
    detail.by.setText("")
    qtbot.keyClicks(detail.by, "Sofia")
    item = controller.review.evidence[target]
    assert item.note == "Shows the retries doubling the load" and item.captured_by == "Sofia"
    names = detail.people.stringList()
    assert "Sofia Marchetti" in names and "Mei Lin" in names
    while controller.undo_stack.canUndo():
        controller.undo_stack.undo()
    assert controller.review.evidence[target] == before


def test_captured_at_is_typed_in_the_display_zone(panel, controller):
    target = snippet_id(controller)
    controller.push(SetReviewField("display_tz", "UTC", "Europe/Berlin"))
    detail = select(panel, target)
    assert detail.time.text() == "2025-03-12 10:25"
    assert detail.time_zone.text().startswith("CET")
    detail.time.setText("09:40")
    assert detail.commit_time()
    item = controller.review.evidence[target]
    assert item.captured_at == "2025-03-12T08:40:00Z" and item.captured_tz == "Europe/Berlin"
    detail.time.setText("09:40 PST")
    assert detail.commit_time()
    assert controller.review.evidence[target].captured_at == "2025-03-12T17:40:00Z"
    assert detail.time_zone.text() == "CET · entered as 09:40 UTC-08:00"
    controller.undo_stack.undo()
    assert controller.review.evidence[target].captured_at == "2025-03-12T08:40:00Z"


def test_an_ambiguous_time_is_asked_about_not_guessed(panel, controller):
    target = snippet_id(controller)
    controller.push(SetReviewField("display_tz", "UTC", "Europe/Berlin"))
    detail = select(panel, target)
    before = controller.review.evidence[target]
    detail.time.setText("2025-10-26 02:30")
    assert not detail.commit_time()
    assert controller.review.evidence[target] == before
    assert "twice" in detail.time_message.text()
    assert not detail.second_button.isHidden()
    detail.second_button.click()
    assert controller.review.evidence[target].captured_at == "2025-10-26T01:30:00Z"
    detail.time.setText("not a time <img src=x>")
    assert not detail.commit_time()
    assert detail.time_message.text()
    assert controller.review.evidence[target].captured_at == "2025-10-26T01:30:00Z"


def test_clearing_the_time_means_not_known(panel, controller):
    target = snippet_id(controller)
    detail = select(panel, target)
    detail.time.setText("")
    assert detail.commit_time()
    assert controller.review.evidence[target].captured_at is None
    assert panel.model.view(target).captured == ""


def test_ticking_events_links_and_unlinks(panel, controller):
    target = snippet_id(controller)
    detail = select(panel, target)
    linked_before = controller.review.evidence[target].event_ids
    rows = [detail.events.item(i) for i in range(detail.events.count())]
    assert len(rows) == len(controller.review.events)
    unticked = next(r for r in rows if r.checkState() == Qt.CheckState.Unchecked)
    unticked.setCheckState(Qt.CheckState.Checked)
    event_id = unticked.data(Qt.ItemDataRole.UserRole)
    assert controller.review.evidence[target].event_ids == (*linked_before, event_id)
    assert panel.model.view(target).linked == len(linked_before) + 1
    detail.events.item(rows.index(unticked)).setCheckState(Qt.CheckState.Unchecked)
    assert controller.review.evidence[target].event_ids == linked_before
    controller.undo_stack.undo()
    controller.undo_stack.undo()
    assert controller.review.evidence[target].event_ids == linked_before


def test_deleting_evidence_unlinks_why_nodes_and_undoes(panel, controller):
    target = snippet_id(controller)
    node = next(iter(controller.review.whys.values()))
    from pm_desktop.domain.edits import UpdateEntity

    controller.push(UpdateEntity(node, replace(node, evidence_ids=(target,))))
    panel.select_ids([target])
    assert panel.can_delete()
    panel.delete_selection()
    assert target not in controller.review.evidence
    assert controller.review.whys[node.id].evidence_ids == ()
    assert panel.detail.item_id != target  # the pane moved on to a neighbour
    controller.undo_stack.undo()
    assert target in controller.review.evidence
    assert controller.review.whys[node.id].evidence_ids == (target,)


def test_a_read_only_review_shows_but_does_not_edit(make_panel, example_document):
    from pm_desktop.store.document import Document
    from pm_desktop.ui.controller import DocumentController

    path = example_document.path
    example_document.close()
    with Document.open(path, read_only=True) as doc:
        controller = DocumentController(doc)
        panel = make_panel(controller)
        target = snippet_id(controller)
        panel.select_ids([target])
        assert panel.detail.title.isReadOnly() and not panel.detail.events.isEnabled()
        assert not panel.can_delete()
        controller.set_document(None)
