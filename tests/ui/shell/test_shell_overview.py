"""The Overview panel on its own: participants model, metrics, fields, hostile text."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QMimeData, Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication

from pm_desktop.domain import ops
from pm_desktop.domain.edits import set_field, update
from pm_desktop.ui.overview import OverviewPanel, ParticipantsModel
from pm_desktop.ui.overview.fields import understand_zone, zone_names
from pm_desktop.ui.overview.participants import parse_people

HOSTILE = [
    "<img src=/etc/passwd>",
    "x<y & z>w",
    "Сбой платёжного шлюза",
    "支付网关故障",
    "💳🔥 payments down",
    "'; DROP TABLE meta; --",
]


@pytest.fixture
def panel(qtbot, controller):
    widget = OverviewPanel(controller)
    qtbot.addWidget(widget)
    widget.resize(1200, 900)
    widget.show()
    return widget


def test_participants_model_passes_the_model_tester(qtmodeltester, controller):
    model = ParticipantsModel(controller)
    qtmodeltester.check(model)
    controller.push(ops.add_person(controller.review, "Ana Lima", "Scribe"))
    qtmodeltester.check(model)


def test_the_model_follows_adds_removes_and_undo_in_order(controller, qtbot):
    model = ParticipantsModel(controller)
    names = lambda: [model.data(model.index(r, 0)) for r in range(model.rowCount())]  # noqa: E731
    before = names()
    with qtbot.wait_signal(model.rowsInserted):
        controller.push(ops.add_person(controller.review, "Zoë Új"))
    assert names() == [*before, "Zoë Új"]
    second = model.person_id(1)
    with qtbot.wait_signal(model.rowsRemoved):
        controller.push(ops.delete_people(controller.review, [second]))
    assert len(names()) == len(before)
    with qtbot.wait_signal(model.rowsInserted):
        controller.undo_stack.undo()  # the removed participant comes back in its place
    assert names()[1] == before[1]


def test_editing_a_cell_pushes_one_edit(controller, qtbot):
    model = ParticipantsModel(controller)
    index = model.index(0, 1)
    with qtbot.wait_signal(model.dataChanged):
        assert model.setData(index, "Facilitator", Qt.ItemDataRole.EditRole)
    person = controller.review.sorted_people()[0]
    assert person.role == "Facilitator"
    assert controller.undo_stack.undoText().startswith("Edit role")


def test_an_empty_name_is_refused_and_nothing_changes(controller, qtbot):
    model = ParticipantsModel(controller)
    name = model.data(model.index(0, 0))
    with qtbot.wait_signal(controller.error) as blocker:
        assert not model.setData(model.index(0, 0), "   ")
    assert "name" in blocker.args[0]
    assert model.data(model.index(0, 0)) == name
    assert controller.undo_stack.count() == 0


def test_add_and_remove_buttons(panel, controller):
    editor = panel.participants
    before = len(controller.review.people)
    editor.add_button.click()
    assert len(controller.review.people) == before + 1
    new_row = editor.model.rowCount() - 1
    assert editor.model.data(editor.model.index(new_row, 0)) == "New participant"
    editor.view.selectRow(new_row)
    assert editor.remove_button.isEnabled()
    editor.remove_button.click()
    assert len(controller.review.people) == before


def test_pasted_lines_become_participants_in_one_step(panel, controller):
    text = "Ana Lima\tScribe\tSRE\tTook notes\n\n\tno name here\nBo Chen\n"
    assert parse_people(text)[1] == {"name": "Bo Chen", "role": "", "team": "", "contribution": ""}
    panel.participants.view.setFocus()
    mime = QMimeData()
    mime.setText(text)
    before = len(controller.review.people)
    assert panel.participants.paste_text(mime.text())
    people = controller.review.sorted_people()
    assert [p.name for p in people[-2:]] == ["Ana Lima", "Bo Chen"]
    assert people[-2].team == "SRE"
    controller.undo_stack.undo()
    assert len(controller.review.people) == before


def _type(widget, text: str) -> None:
    """Type like an input method commits text (works for CJK and emoji, unlike keyClicks)."""
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_is_stored_as_typed(panel, controller, text):
    panel.title_field.selectAll()
    _type(panel.title_field, text)
    panel.summary_field.selectAll()
    _type(panel.summary_field, text)
    assert controller.review.meta.title == text
    assert controller.review.meta.summary == text
    model = panel.participants.model
    assert model.setData(model.index(0, 3), text)
    assert controller.review.sorted_people()[0].contribution == text
    view = panel.presentation_widget()
    panel.set_presentation(True)
    assert view.title.text() == text  # plain text: nothing interpreted as markup
    assert view.title.textFormat() == Qt.TextFormat.PlainText


def test_metrics_show_problems_never_negative_durations(panel, controller):
    cards = {card.key: card for card in panel.metrics.cards}
    assert cards["TTD"].value_label.text() == "13 min"
    review = controller.review
    detected = next(e for e in review.sorted_events() if e.kind == "detected")
    controller.push(update(detected, time="2025-03-12T08:00:00Z"))
    assert cards["TTD"].value_label.text() == "—"
    assert "out of order" in cards["TTD"].problem_label.text()
    assert cards["TTD"].problem_label.isVisibleTo(panel)
    assert not any(c.value_label.text().startswith(("-", "−")) for c in cards.values())
    controller.undo_stack.undo()
    assert cards["TTD"].value_label.text() == "13 min"
    assert not cards["TTD"].problem_label.isVisibleTo(panel)


def test_a_missing_milestone_is_explained(qtbot, tmp_path):
    from pm_desktop.store.document import Document
    from pm_desktop.ui.controller import DocumentController

    doc = Document.create(tmp_path / "empty.pmreview")
    controller = DocumentController(doc)
    panel = OverviewPanel(controller)
    qtbot.addWidget(panel)
    cards = {card.key: card for card in panel.metrics.cards}
    assert cards["TTR"].value_label.text() == "—"
    assert "no “Impact starts”" in cards["TTR"].problem_label.text()
    controller.set_document(None)
    doc.close()


def test_display_zone_is_searchable_and_validated(panel, controller, qtbot):
    assert zone_names()[0] == "UTC" and "Europe/Berlin" in zone_names()
    assert understand_zone("europe/berlin") == "Europe/Berlin"
    assert understand_zone("+05:30") == "+05:30"
    assert understand_zone("Mars/Olympus") is None
    panel.zone_field._commit("Europe/Berlin")
    assert controller.review.meta.display_tz == "Europe/Berlin"
    assert "All times in Europe/Berlin" in panel.zone_note.text()
    with qtbot.wait_signal(controller.error) as blocker:
        panel.zone_field._commit("Mars/Olympus")
    assert "not a time zone" in blocker.args[0]
    assert controller.review.meta.display_tz == "Europe/Berlin"
    assert panel.zone_field.currentText() == "Europe/Berlin"
    completer = panel.zone_field.completer()
    completer.setCompletionPrefix("berl")
    assert completer.currentCompletion() == "Europe/Berlin"


def test_fields_follow_undo_from_elsewhere(panel, controller):
    controller.push(set_field(controller.review, "lessons_got_lucky", "It was a Tuesday."))
    assert panel.lesson_fields[2].toPlainText() == "It was a Tuesday."
    controller.push(set_field(controller.review, "confidentiality", "Public"))
    assert panel.confidentiality_field.currentText() == "Public"
    controller.undo_stack.undo()
    controller.undo_stack.undo()
    assert panel.lesson_fields[2].toPlainText() == controller.review.meta.lessons_got_lucky


def test_presentation_view_steps_through_four_pages(panel, controller):
    view = panel.presentation_widget()
    panel.set_presentation(True, 1.6)
    assert view.title.text() == controller.review.meta.title
    assert "SEV2" in view.facts.text() and "All times in UTC" in view.facts.text()
    assert not panel.present_step(-1)
    assert panel.present_step(1) and panel.present_step(1) and panel.present_step(1)
    assert not panel.present_step(1)
    assert view.page == 3
    panel.set_presentation(False)
    assert view.page == 0


def _shown(view, label) -> bool:
    """On the page the view shows now (offscreen windows report visibility faithfully)."""
    return label.isVisibleTo(view.stack.currentWidget()) and label.text() != ""


def test_presentation_shows_the_new_review_fields_in_large_type(panel, controller):
    meta = controller.review.meta
    view = panel.presentation_widget()
    panel.set_presentation(True, 1.6)
    # the incident: services and regions under the impact
    assert view.page == 0
    assert _shown(view, view.affected)
    assert view.affected.text() == (
        f"Services: {' '.join(meta.affected_services.split())}\n"
        f"Regions: {' '.join(meta.affected_regions.split())}"
    )
    # how it unfolded: trigger, detection, response, recovery as typed
    assert panel.present_step(1)
    assert view.trigger.text() == meta.trigger.strip() and _shown(view, view.trigger)
    for key in ("detection", "response", "recovery"):
        assert view.unfolding[key].text() == getattr(meta, key).strip()
        assert _shown(view, view.unfolding[key])
    # who took part: the meeting's date and attendees
    assert panel.present_step(1) and panel.present_step(1)
    assert view.meeting.text() == (
        "Review meeting on Thursday 13 March 2025\n"
        f"Attendees: {' '.join(meta.attendees.split())}"
    )
    assert _shown(view, view.meeting)
    # the room's body size or larger (presentation mode scales the container; see
    # test_shell_presentation for the size on the room's screen)
    for label in (view.affected, view.trigger, view.unfolding["response"], view.meeting):
        size = label.font().pointSizeF()
        assert size >= view.font().pointSizeF(), label.text()[:30]
    panel.set_presentation(False)


def test_presentation_follows_edits_of_the_new_fields_and_hides_empty_ones(panel, controller):
    view = panel.presentation_widget()
    panel.set_presentation(True, 1.6)
    view.show()  # on screen, as in presentation mode: it follows every edit
    controller.push(set_field(controller.review, "trigger", "A <b>cron</b> job at 09:00"))
    controller.push(set_field(controller.review, "affected_services", ""))
    controller.push(set_field(controller.review, "affected_regions", ""))
    controller.push(set_field(controller.review, "meeting_date", ""))
    controller.push(set_field(controller.review, "attendees", ""))
    assert view.trigger.text() == "A <b>cron</b> job at 09:00"  # plain text, as typed
    assert view.trigger.textFormat() == Qt.TextFormat.PlainText
    assert view.affected.text() == "" and view.affected.isHidden()
    assert view.meeting.text() == "" and view.meeting.isHidden()
    controller.undo_stack.undo()  # attendees back
    assert view.meeting.text().startswith("Attendees: ")
    panel.set_presentation(False)


def test_select_item_shows_a_participant_or_a_field(panel, controller):
    person = controller.review.sorted_people()[3]
    assert panel.select_item("people", person.id)
    assert panel.participants.selected_ids() == [person.id]
    assert panel.select_item("review", "impact")
    assert not panel.select_item("events", "nope")


def test_read_only_review_cannot_be_edited_from_the_panel(qtbot, example_document, tmp_path):
    from pm_desktop.store.document import Document
    from pm_desktop.ui.controller import DocumentController

    path = example_document.path
    example_document.close()
    doc = Document.open(path, read_only=True)
    controller = DocumentController(doc)
    panel = OverviewPanel(controller)
    qtbot.addWidget(panel)
    assert panel.title_field.isReadOnly()
    assert not panel.severity_field.isEnabled()
    assert not panel.participants.add_button.isEnabled()
    assert not (
        panel.participants.model.flags(panel.participants.model.index(0, 0))
        & Qt.ItemFlag.ItemIsEditable
    )
    controller.set_document(None)
    doc.close()
