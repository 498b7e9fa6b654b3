"""A new review in the Overview: hints in empty fields, and the date offered from the timeline."""

from __future__ import annotations

import pytest

from pm_desktop.domain import ops
from pm_desktop.domain.edits import set_field
from pm_desktop.ui.overview import OverviewPanel


@pytest.fixture
def panel(qtbot, controller):
    widget = OverviewPanel(controller)
    qtbot.addWidget(widget)
    widget.resize(1200, 900)
    widget.show()
    return widget


def _clear_date_and_untimed(controller) -> None:
    review = controller.review
    controller.push(set_field(review, "incident_date", ""))
    untimed = [e.id for e in review.events.values() if e.time is None]
    if untimed:
        controller.push(ops.delete_events(review, untimed))


def test_the_first_entrys_date_is_offered_never_set_silently(panel, controller):
    _clear_date_and_untimed(controller)
    field = panel.date_field
    first = min(e.time for e in controller.review.events.values())
    assert controller.review.meta.incident_date == ""  # offered, not set
    assert field.suggestion() == first[:10]
    assert field.suggest_button.isVisible() and "first entry" in field.suggest_button.text()

    field.suggest_button.click()
    assert controller.review.meta.incident_date == first[:10]
    assert not field.suggest_button.isVisible()

    controller.undo_stack.undo()  # one undoable edit
    assert controller.review.meta.incident_date == ""
    assert field.suggest_button.isVisible()


def test_no_date_is_offered_while_an_entry_has_no_time(panel, controller):
    _clear_date_and_untimed(controller)
    controller.push(ops.add_event(controller.review, None, "Someone noticed something"))
    assert panel.date_field.suggestion() == ""
    assert not panel.date_field.suggest_button.isVisible()
