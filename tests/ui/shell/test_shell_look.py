"""Themes, text zoom, the welcome screen's drop-to-open, and the help dialogs."""

from __future__ import annotations

from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QColor, QDragEnterEvent, QDropEvent, QPalette
from PySide6.QtWidgets import QApplication

from pm_desktop.domain.palette import EVENT_KIND_SWATCHES
from pm_desktop.ui import themes
from pm_desktop.ui.app import prepare_look
from pm_desktop.ui.dialogs import PRESENTATION_KEYS, guide_text, shortcut_rows
from pm_desktop.ui.settings import Settings


def _window_color() -> QColor:
    return QApplication.palette().color(QPalette.ColorRole.Window)


def test_switching_theme_changes_the_palette_and_is_remembered(window, qtbot):
    light = _window_color()
    with qtbot.wait_signal(themes.notifier().themeChanged) as blocker:
        window.menus.theme_actions["dark"].trigger()
    assert blocker.args == ["dark"]
    assert _window_color() != light
    assert _window_color() == QColor(themes.DARK.window)
    assert themes.current_theme() == "dark" and themes.variant() == "dark"
    assert Settings().theme() == "dark"
    assert window.menus.theme_actions["dark"].isChecked()
    # the next start picks it up
    themes.apply_theme(QApplication.instance(), "light")
    prepare_look(QApplication.instance(), Settings())
    assert themes.current_theme() == "dark"


def test_high_contrast_uses_strong_meaning_colours(window):
    window.set_theme("high-contrast")
    assert QApplication.palette().color(QPalette.ColorRole.Window) == QColor("#000000")
    assert QApplication.palette().color(QPalette.ColorRole.WindowText) == QColor("#ffffff")
    swatch = EVENT_KIND_SWATCHES["impact_start"]
    assert themes.swatch_color(swatch) == QColor(swatch.strong)
    assert themes.variant() == "strong"


def test_following_the_system_resolves_to_light_or_dark(window):
    window.set_theme("system")
    assert Settings().theme() == "system"
    assert themes.current_choice() == "system"
    assert themes.current_theme() in ("light", "dark")


def test_text_zoom_scales_the_app_font_and_is_remembered(window, qtbot):
    window.files.open_example()
    base = QApplication.font().pointSizeF()
    title = window.panels[0].title_field
    title_size = title.font().pointSizeF()
    window.menus.zoom_in_action.trigger()
    assert Settings().zoom() > 1.0
    assert QApplication.font().pointSizeF() > base
    # marked fonts follow once the font change has been delivered
    qtbot.waitUntil(lambda: title.font().pointSizeF() > title_size)
    window.menus.zoom_reset_action.trigger()
    assert Settings().zoom() == 1.0
    assert QApplication.font().pointSizeF() == base
    qtbot.waitUntil(lambda: title.font().pointSizeF() == title_size)


def _drop_event(path: str, cls=QDropEvent):
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(path)])
    # QDropEvent takes a QPointF, QDragEnterEvent (Qt 6) still a QPoint
    return mime, cls(
        QPointF(40, 40) if cls is QDropEvent else QPoint(40, 40),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )


def test_a_review_dropped_on_the_welcome_screen_opens(window, review_file):
    welcome = window.welcome
    _mime, enter = _drop_event(str(review_file), QDragEnterEvent)
    welcome.dragEnterEvent(enter)
    assert enter.isAccepted()
    _mime, drop = _drop_event(str(review_file))
    welcome.dropEvent(drop)
    assert window.controller.document is not None
    assert window.controller.document.path == review_file
    assert window.pages.currentWidget() is window.workspace


def test_a_dropped_non_review_gets_a_clear_message(window, prompts, tmp_path):
    picture = tmp_path / "screenshot.png"
    picture.write_bytes(b"\x89PNG\r\n\x1a\nnot really")
    _mime, drop = _drop_event(str(picture))
    window.welcome.dropEvent(drop)
    assert window.controller.document is None
    assert len(prompts.errors) == 1 and "screenshot.png" in prompts.errors[0]


def test_a_drag_without_files_is_refused(window):
    mime = QMimeData()
    mime.setText("just text")
    enter = QDragEnterEvent(
        QPoint(5, 5),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    window.welcome.dragEnterEvent(enter)
    assert not enter.isAccepted()


def test_the_shortcut_list_comes_from_the_real_actions(window):
    rows = shortcut_rows(window.menus.shortcut_groups())
    whats = {what: keys for _group, what, keys in rows}
    assert whats["Presentation Mode"] == "F5"
    assert whats["Capture Window"] == "Ctrl+Shift+N"
    assert whats["Go to Overview"] == "Ctrl+1"
    assert "Ctrl+=" in whats["Larger Text"]
    dialog = window.show_shortcuts()
    assert dialog.table.rowCount() == len(rows) + len(PRESENTATION_KEYS)
    dialog.close()


def test_the_guide_opens_as_markdown(window):
    dialog = window.show_guide()
    text = guide_text()
    if text is None:
        assert "not included" in dialog.browser.toPlainText()
    else:
        assert dialog.browser.document().toPlainText().strip()
        assert "#" not in dialog.browser.toPlainText().splitlines()[0]  # headings were rendered
    dialog.close()


def test_capture_window_is_a_signal_for_whoever_builds_it(window, qtbot):
    assert not window.menus.capture_action.isEnabled()  # no review yet
    window.files.new_review(False)
    with qtbot.wait_signal(window.captureRequested):
        window.menus.capture_action.trigger()
