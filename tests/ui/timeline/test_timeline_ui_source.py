"""Who wrote what in the timeline: a Source column (hidden until the header's menu shows it),
source: and author: words in the search, and events made here say where they came from."""

from __future__ import annotations

from pm_desktop.domain import ops
from pm_desktop.ui.timeline.model import COLUMNS


def _add(panel, text, source, author=""):
    review = panel.controller.review
    edit = ops.add_event(review, "2025-03-12T09:00:00Z", text, author=author, source=source)
    panel.controller.push(edit)
    return edit.entity.id


def test_source_column_is_hidden_until_the_header_menu_shows_it(panel):
    column = COLUMNS.index("source")
    event_id = _add(panel, "Alert posted in the channel", "slack:#inc-payments", "Ottilie Brand")
    assert panel.table.isColumnHidden(column)
    menu = panel.table.column_menu()
    action = next(a for a in menu.actions() if a.text() == "Show source column")
    assert not action.isChecked()
    action.trigger()
    assert not panel.table.isColumnHidden(column)
    assert panel.model.index_of(event_id, column).data() == "Slack #inc-payments"


def test_search_words_filter_by_source_and_author(panel):
    slack = _add(panel, "Alert posted in the channel", "slack:#inc-payments", "Ottilie Brand")
    pager = _add(panel, "Paged the on-call", "pagerduty", "Quentin Vale")
    panel.search.setText("source:slack")
    assert panel.model.ids() == [slack]
    panel.search.setText("author:quentin")
    assert panel.model.ids() == [pager]
    panel.search.setText('author:"ottilie brand" alert')
    assert panel.model.ids() == [slack]
    panel.search.setText("source:opsgenie")
    assert panel.model.ids() == []


def test_an_event_added_in_the_table_is_typed(panel):
    before = set(panel.controller.review.events)
    panel.add_event()
    (new,) = set(panel.controller.review.events) - before
    assert panel.controller.review.events[new].source == "typed"


def test_pasted_timeline_events_are_marked_pasted(panel):
    dialog = panel.open_paste_preview("09:15 UTC — alert fires\n09:20 UTC — rollback starts")
    dialog.accept()
    sources = {panel.controller.review.events[i].source for i in dialog.added_ids}
    assert len(dialog.added_ids) == 2 and sources == {"paste"}


def test_capture_window_notes_and_screenshots_are_marked_capture(qtbot, controller, frozen_clock):
    from PySide6.QtGui import QColor, QImage

    from pm_desktop.ui.timeline.capture import CaptureWindow

    window = CaptureWindow(controller, clock=frozen_clock)
    qtbot.addWidget(window)
    before, items = set(controller.review.events), set(controller.review.evidence)
    window.input.setText("Checkout errors climbing again")
    note_id = window.add_note()
    image = QImage(32, 20, QImage.Format.Format_RGB32)
    image.fill(QColor("#336699"))
    shot_id = window.paste_image(image)
    review = controller.review
    assert {note_id, shot_id} == set(review.events) - before
    assert {review.events[note_id].source, review.events[shot_id].source} == {"capture"}
    (item,) = [review.evidence[i] for i in set(review.evidence) - items]
    assert item.source == "capture"


def test_whys_typed_in_the_tree_are_marked_typed(qtbot, controller, tmp_path):
    from PySide6.QtCore import QSettings

    from pm_desktop.ui.whys import WhysPanel

    settings = QSettings(str(tmp_path / "w.ini"), QSettings.Format.IniFormat)
    whys = WhysPanel(controller, settings=settings)
    qtbot.addWidget(whys)
    problem = whys.editor.add_problem("Why did checkout fail?", edit=False)
    child = whys.editor.add_child(problem, edit=False)
    sibling = whys.editor.add_sibling(child, edit=False)
    review = controller.review
    assert {review.whys[i].source for i in (problem, child, sibling)} == {"typed"}
