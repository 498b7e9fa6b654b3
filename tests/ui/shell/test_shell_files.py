"""New, open, save, save as, recent files, close — the facilitator's file story."""

from __future__ import annotations

from pathlib import Path

from pm_desktop.domain.edits import set_field
from pm_desktop.store.document import Document
from pm_desktop.store.lock import FileLock
from pm_desktop.ui import settings as settings_mod
from pm_desktop.ui.settings import Settings


def test_a_new_review_from_the_template_lives_in_the_app_data_folder(window):
    assert window.pages.currentWidget() is window.welcome_page
    window.welcome.new_button.click()
    doc = window.controller.document
    assert doc is not None and doc.untitled
    assert doc.path.parent == settings_mod.untitled_dir()
    assert doc.path.exists()
    assert window.pages.currentWidget() is window.workspace
    # the template starts a problem statement, and its prompts are grey hints, never content
    assert doc.review.whys
    assert doc.review.meta.summary == doc.review.meta.impact == ""
    overview = window.panels[0]
    assert overview.summary_field.toPlainText() == ""
    assert overview.summary_field.hint.startswith("In three or four sentences")
    # ready to be named: the title is selected, so typing replaces it
    title = window.panels[0].title_field
    assert title.selectedText() == doc.review.meta.title


def test_a_blank_review_starts_empty(window):
    window.menus.new_blank_action.trigger()
    review = window.controller.review
    assert window.controller.document.untitled
    assert review.counts() == {k: 0 for k in review.counts()}


def test_an_untouched_new_review_closes_without_asking(window, prompts):
    window.files.new_review(True)
    path = window.controller.document.path
    assert window.files.close_review()
    assert prompts.asked_keep == []
    assert not path.exists()
    assert window.pages.currentWidget() is window.welcome_page


def test_closing_an_edited_untitled_review_asks_save_discard_or_cancel(window, prompts, tmp_path):
    window.files.new_review(False)
    c = window.controller
    c.push(set_field(c.review, "title", "Checkout outage"))
    path = c.document.path

    prompts.keep_answers.append("cancel")
    assert not window.files.close_review()
    assert c.document is not None and path.exists()

    target = tmp_path / "kept.pmreview"
    prompts.keep_answers.append("save")
    prompts.save_answers.append(str(target))
    assert window.files.close_review()
    assert c.document is None
    assert not path.exists()  # the scratch copy is gone, the review is at its new home
    with Document.open(target, read_only=True) as doc:
        assert doc.review.meta.title == "Checkout outage"

    window.files.new_review(False)
    c.push(set_field(c.review, "title", "Thrown away"))
    scratch = c.document.path
    prompts.keep_answers.append("discard")
    assert window.files.close_review()
    assert not scratch.exists()
    assert prompts.asked_keep == ["Checkout outage", "Checkout outage", "Thrown away"]


def test_open_shows_the_review_and_remembers_it_in_recent_files(window, prompts, review_file):
    prompts.open_answers.append(str(review_file))
    window.menus.open_action.trigger()
    doc = window.controller.document
    assert doc is not None and doc.path == review_file and not doc.read_only
    assert Settings().recent_files() == [str(review_file.resolve())]
    assert window.isWindowModified() is False
    assert review_file.name in window.windowTitle()
    assert str(review_file) in window.path_label.text()


def test_recent_files_newest_first_and_missing_ones_dropped(window, tmp_path, review_file):
    other = tmp_path / "other.pmreview"
    Document.create(other).close()
    window.open_path(review_file)
    window.open_path(other)
    window.open_path(review_file)
    assert Settings().recent_files() == [str(review_file.resolve()), str(other.resolve())]
    assert window.welcome.recent_list.count() == 2
    window.files.close_review()
    other.unlink()
    assert Settings().recent_files() == [str(review_file.resolve())]
    window.menus.fill_recent_menu()
    texts = [a.text() for a in window.menus.recent_menu.actions()]
    assert any(review_file.name in t for t in texts)


def test_clicking_a_recent_review_opens_it(window, review_file):
    Settings().add_recent(review_file)
    window._refresh_recent()
    item = window.welcome.recent_list.item(0)
    window.welcome.recent_list.itemClicked.emit(item)
    assert window.controller.document.path == review_file


def test_save_as_moves_an_untitled_review_and_keeps_undo(window, prompts, tmp_path):
    window.files.open_example()
    c = window.controller
    scratch = c.document.path
    c.push(set_field(c.review, "title", "Renamed before saving"))
    target = tmp_path / "saved" / "outage"  # no suffix: .pmreview is added
    target.parent.mkdir()
    prompts.save_answers.append(str(target))
    window.menus.save_as_action.trigger()
    saved = target.with_suffix(".pmreview")
    assert c.document.path == saved and not c.document.untitled
    assert not scratch.exists()
    assert Settings().recent_files()[0] == str(saved.resolve())
    assert not window.isWindowModified()
    window.menus.undo_action.trigger()
    assert c.review.meta.title != "Renamed before saving"
    with Document.open(saved, read_only=True) as doc:  # the undo was written to the new file
        assert doc.review.meta.title == c.review.meta.title


def test_ctrl_s_on_an_untitled_review_asks_where_to_keep_it(window, prompts, tmp_path):
    window.files.new_review(False)
    prompts.save_answers.append(str(tmp_path / "first.pmreview"))
    window.menus.save_action.trigger()
    assert window.controller.document.path == tmp_path / "first.pmreview"


def test_ctrl_s_on_a_named_review_confirms_everything_is_saved(window, review_file):
    window.open_path(review_file)
    c = window.controller
    c.push(set_field(c.review, "title", "Edited"))
    assert window.isWindowModified()
    window.menus.save_action.trigger()
    assert not window.isWindowModified()
    assert "saved" in window.statusBar().currentMessage()
    with Document.open(review_file, read_only=True) as doc:
        assert doc.review.meta.title == "Edited"


def test_a_garbage_file_gives_one_line_and_the_app_keeps_running(window, prompts, tmp_path):
    garbage = tmp_path / "notes.pmreview"
    garbage.write_bytes(b"\x00\xffnot a review at all" * 100)
    before = garbage.read_bytes()
    assert not window.open_path(garbage)
    assert len(prompts.errors) == 1
    assert "\n" not in prompts.errors[0] and str(garbage) in prompts.errors[0]
    assert garbage.read_bytes() == before
    assert window.controller.document is None
    assert window.pages.currentWidget() is window.welcome_page
    window.files.new_review(False)  # still alive and usable
    assert window.controller.document is not None


def test_a_failed_open_keeps_the_review_that_was_open(window, prompts, review_file, tmp_path):
    window.open_path(review_file)
    assert not window.open_path(tmp_path / "missing.pmreview")
    assert window.controller.document.path == review_file
    assert prompts.errors and "missing.pmreview" in prompts.errors[0]


def test_a_review_open_elsewhere_can_be_opened_read_only(window, prompts, review_file):
    with FileLock(review_file):
        assert window.open_path(review_file)
    doc = window.controller.document
    assert doc.read_only
    assert "already open" in prompts.read_only_message
    assert window.banner.isVisibleTo(window)
    assert "read-only" in window.banner_label.text()
    assert "Read-only" in window.state_label.text()
    assert not window.menus.capture_action.isEnabled()


def test_declining_read_only_leaves_things_as_they_were(window, prompts, review_file):
    prompts.read_only_answer = False
    with FileLock(review_file):
        assert not window.open_path(review_file)
    assert window.controller.document is None


def test_save_as_from_read_only_gives_an_editable_copy(window, prompts, review_file, tmp_path):
    window.open_path(review_file, read_only=True)
    overview = window.panels[0]
    assert overview.title_field.isReadOnly()
    prompts.save_answers.append(str(tmp_path / "copy.pmreview"))
    window.banner_button.click()
    assert not window.controller.read_only
    assert not window.banner.isVisibleTo(window)
    assert not overview.title_field.isReadOnly()


def test_a_dropped_review_on_the_main_window_opens_it(window, review_file):
    from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
    from PySide6.QtGui import QDropEvent

    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(review_file))])
    event = QDropEvent(
        QPointF(50, 50),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    window.dropEvent(event)
    assert window.controller.document.path == review_file


def test_settings_and_app_data_stay_in_the_test_folder(isolated_settings, window, review_file):
    window.open_path(review_file)
    window.files.new_review(False)
    assert settings_mod.untitled_dir().is_relative_to(isolated_settings)
    Settings().sync()
    assert (isolated_settings / "settings").exists()
    assert Path(settings_mod.qsettings().fileName()).is_relative_to(isolated_settings)


def test_a_file_open_request_from_the_system_opens_the_review(window, review_file):
    """macOS sends documents to open as a FileOpen event to the application."""
    from PySide6.QtGui import QFileOpenEvent
    from PySide6.QtWidgets import QApplication

    from pm_desktop.ui.fileopen import FileOpenRelay

    relay = FileOpenRelay(window)
    QApplication.instance().installEventFilter(relay)
    try:
        QApplication.sendEvent(QApplication.instance(), QFileOpenEvent(str(review_file)))
    finally:
        QApplication.instance().removeEventFilter(relay)
    assert window.controller.document is not None
    assert window.controller.document.path == review_file


def test_file_dialogs_never_start_in_the_current_directory(
    isolated_settings, monkeypatch, tmp_path
):
    """No folder remembered and no Documents folder: the home folder, not where the app ran."""
    from PySide6.QtCore import QStandardPaths

    missing = tmp_path / "no-documents-here"
    monkeypatch.setattr(
        QStandardPaths, "writableLocation", staticmethod(lambda _where: str(missing))
    )
    assert Settings().last_folder() == str(Path.home())
    docs = tmp_path / "Documents"
    docs.mkdir()
    monkeypatch.setattr(QStandardPaths, "writableLocation", staticmethod(lambda _where: str(docs)))
    assert Settings().last_folder() == str(docs)
