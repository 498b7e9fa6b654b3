"""At start-up the coach runs its first check after the window has painted (its patterns load
on first use), and that deferred check finds exactly what the coach finds in the review."""

from __future__ import annotations


def test_the_first_check_waits_for_the_first_paint_and_finds_the_same(qtbot, poor_path):
    from pm_desktop.domain.coach import review_findings
    from pm_desktop.ui.coach import coach_index
    from pm_desktop.ui.main_window import MainWindow
    from pm_desktop.ui.settings import Settings

    window = MainWindow(Settings())
    qtbot.addWidget(window)
    index = coach_index(window.controller)
    assert window.open_path(poor_path)
    qtbot.wait(20)  # turns of the event loop before the window is shown: nothing runs
    assert index.held and index.busy
    assert index.findings() == []

    window.show()
    qtbot.waitUntil(lambda: not index.held and not index.busy)
    expected = list(review_findings(window.controller.review))
    assert index.findings() == expected
    assert expected  # the poor review is full of notes
    window.controller.close_document()


def test_a_hold_ends_on_its_own_when_the_window_is_never_shown(qtbot, poor_controller):
    from pm_desktop.domain.coach import review_findings
    from pm_desktop.ui.coach import coach_index

    index = coach_index(poor_controller)
    index.hold()
    assert index.busy
    qtbot.waitUntil(lambda: not index.held and not index.busy, timeout=5000)
    assert index.findings() == review_findings(poor_controller.review)
