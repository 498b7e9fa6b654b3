"""The welcome screen is built the first time it is shown or asked for. A window that opens a
review before it shows (a file, ``--demo``) never builds it; closing that review brings it up
built, current and focused, with the recent files opened meanwhile."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from pm_desktop.ui.main_window import MainWindow
from pm_desktop.ui.settings import Settings


def _window(qtbot, prompts) -> MainWindow:
    window = MainWindow(Settings(), prompts=prompts)
    prompts.parent = window
    qtbot.addWidget(window)
    return window


def _close(window, prompts) -> None:
    prompts.keep_answers.extend(["discard"] * 3)
    window.files.close_review()


def test_a_window_that_opens_a_review_before_it_shows_never_builds_the_welcome(
    qtbot, prompts, review_file
):
    window = _window(qtbot, prompts)
    assert window._welcome is None
    assert window.files.open_path(str(review_file))
    window.show()
    qtbot.waitExposed(window)
    QApplication.processEvents()
    assert window._welcome is None and window._welcome_page is None
    assert window.pages.count() == 1
    assert window.pages.currentWidget() is window.workspace
    _close(window, prompts)


def test_closing_that_review_shows_the_welcome_built_focused_and_with_recent_files(
    qtbot, prompts, review_file
):
    window = _window(qtbot, prompts)
    assert window.files.open_path(str(review_file))
    window.show()
    qtbot.waitExposed(window)
    assert window._welcome is None
    _close(window, prompts)
    assert window.controller.document is None
    assert window.pages.currentWidget() is window.welcome_page
    assert window.pages.count() == 2
    welcome = window.welcome
    assert welcome.isVisible()
    assert window.focusWidget() is welcome.new_button
    # the file opened while the welcome did not exist is in its recent list
    recent = [welcome.recent_list.item(i).toolTip() for i in range(welcome.recent_list.count())]
    assert recent == [str(review_file.resolve())]
    # and its buttons are wired: "New review" starts one
    welcome.new_button.click()
    assert window.controller.document is not None
    assert window.pages.currentWidget() is window.workspace
    _close(window, prompts)


def test_a_window_shown_without_a_review_builds_the_welcome_before_it_paints(qtbot, prompts):
    window = _window(qtbot, prompts)
    assert window._welcome is None
    window.show()
    # built in showEvent, before any paint: it is the page on screen from the first frame
    assert window._welcome is not None
    assert window.pages.currentWidget() is window.welcome_page
    assert window.welcome_page.isVisible()


def test_asking_for_the_welcome_before_the_window_shows_builds_it_once(qtbot, prompts):
    window = _window(qtbot, prompts)
    welcome = window.welcome
    assert window.welcome is welcome and window.welcome_page.widget() is welcome
    assert window.pages.currentWidget() is window.welcome_page  # no review: it is the page
    window.show()
    assert window.welcome is welcome and window.pages.count() == 2
