"""A panel that is a hidden page of the window's stack catches up when it is looked at, instead
of refreshing at every edit (so typing in one panel does not pay for four invisible ones)."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QStackedWidget

from pm_desktop.domain import ops
from pm_desktop.domain.edits import set_field
from pm_desktop.ui import panel as panel_mod
from pm_desktop.ui.panel import Panel


class Recording(Panel):
    key = "recording"
    title = "Recording"

    def __init__(self, controller):
        super().__init__(controller)
        self.changes: list = []
        self.rebuilds = 0

    def on_changed(self, change) -> None:
        self.changes.append(change)

    def on_document_replaced(self) -> None:
        self.rebuilds += 1

    def select_item(self, collection: str, item_id: str) -> bool:
        # what a panel's public method sees: everything that happened so far
        return bool(self.changes) or self.rebuilds > 1


@pytest.fixture
def stack(qtbot, controller):
    stack = QStackedWidget()
    qtbot.addWidget(stack)
    front, back = Recording(controller), Recording(controller)
    stack.addWidget(front)
    stack.addWidget(back)
    return stack, front, back


def test_a_hidden_page_notes_changes_and_applies_them_once_when_shown(stack, controller):
    stack_widget, front, back = stack
    controller.push(set_field(controller.review, "title", "One"))
    controller.push(ops.add_event(controller.review, "2025-03-12T10:00:00Z", "Two"))
    assert len(front.changes) == 2
    assert back.changes == [] and back.is_deferring()
    stack_widget.setCurrentWidget(back)  # the page becomes visible: one merged catch-up
    assert len(back.changes) == 1
    merged = back.changes[0]
    assert "title" in merged.fields and merged.touches("events")
    assert not back.is_deferring() and front.is_deferring()


def test_a_new_review_opened_meanwhile_means_one_rebuild_and_no_stale_changes(
    stack, controller, example_document
):
    stack_widget, _front, back = stack
    before = back.rebuilds
    controller.push(set_field(controller.review, "title", "Lost in the rebuild"))
    controller.set_document(example_document)
    controller.push(set_field(controller.review, "summary", "also folded in"))
    assert back.rebuilds == before
    stack_widget.setCurrentWidget(back)
    assert back.rebuilds == before + 1 and back.changes == []


def test_calling_a_public_method_of_a_hidden_panel_catches_it_up_first(stack, controller):
    _stack, _front, back = stack
    controller.push(set_field(controller.review, "title", "Seen by select_item"))
    assert back.select_item("events", "x")  # caught up before the method ran
    assert len(back.changes) == 1


def test_a_panel_outside_a_stack_refreshes_at_once(qtbot, controller):
    alone = Recording(controller)
    qtbot.addWidget(alone)
    controller.push(set_field(controller.review, "title", "Now"))
    assert len(alone.changes) == 1 and not alone.is_deferring()


def test_nothing_is_deferred_while_presenting(stack, controller):
    _stack, _front, back = stack
    panel_mod.set_presenting(True)
    try:
        controller.push(set_field(controller.review, "title", "On the projector"))
        assert len(back.changes) == 1
    finally:
        panel_mod.set_presenting(False)
    controller.push(set_field(controller.review, "title", "Back in the window"))
    assert len(back.changes) == 1 and back.is_deferring()


def test_only_the_window_calls_and_marked_methods_catch_up(stack, controller):
    """Catching up is explicit: a panel's own helper does not apply pending changes."""

    class Helpful(Recording):
        def helper(self) -> int:
            return len(self.changes)

        @panel_mod.catches_up
        def called_from_outside(self) -> int:
            return len(self.changes)

    stack_widget, _front, _back = stack
    hidden = Helpful(controller)
    stack_widget.addWidget(hidden)
    controller.push(set_field(controller.review, "title", "Pending"))
    assert hidden.is_deferring()
    assert hidden.helper() == 0  # a plain method: still pending
    assert hidden.called_from_outside() == 1
    assert set(panel_mod.WINDOW_CALLS) <= {
        name for name in dir(Helpful) if getattr(getattr(Helpful, name), "_catches_up", False)
    }
