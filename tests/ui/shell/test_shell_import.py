"""File ▸ Import in the window: the four importers, a preview, one undo step."""

from __future__ import annotations

from intake_fixture_files import FIXTURES


def test_file_import_menu_brings_a_pagerduty_log_in_as_one_undo_step(window, review_file):
    window.files.open_path(str(review_file))
    menus = window.menus
    assert [a.text() for a in menus.import_menu.actions()] == [
        "&Slack export…",
        "&PagerDuty log…",
        "&Opsgenie alert…",
        "&CSV…",
    ]
    assert menus.import_menu.isEnabled()
    review = window.controller.review
    before = dict(review.events)
    window.imports.choose_file = lambda kind: str(FIXTURES / "pagerduty-log.json")
    menus.import_actions["pagerduty"].trigger()
    dialog = window.imports.dialog
    assert dialog is not None and dialog.model.counts() == (40, 26, 14)
    dialog.accept()
    added = {i: e for i, e in review.events.items() if i not in before}
    assert len(added) == 26 and {e.source for e in added.values()} == {"pagerduty"}
    assert window.statusBar().currentMessage().startswith("added 26 events")
    window.controller.undo_stack.undo()
    assert review.events == before
