"""A pasted chat transcript: the preview shows who wrote each message, and the added events keep
their author and record that they came from a paste."""

from __future__ import annotations

from PySide6.QtCore import QLocale

from pm_desktop.ui.timeline.paste_model import PREVIEW_COLUMNS
from pm_desktop.ui.timeline.paste_preview import PastePreviewDialog, locale_date_order

CHAT = (
    "Monday, March 3rd, 2025\n"
    "Mei Lin  10:42 AM\n"
    "checkout is throwing 502s\n"
    ":eyes: 2\n"
    "Ravi Patel  10:47 AM\n"
    "rolled back to 4.1\n"
)


def test_pasted_chat_shows_authors_and_adds_them_with_the_paste_source(controller, qtbot):
    dialog = PastePreviewDialog(controller, CHAT)
    qtbot.addWidget(dialog)
    model = dialog.model
    qtbot.waitUntil(lambda: model.rowCount() == 2 and dialog.add_button.isEnabled())
    author = PREVIEW_COLUMNS.index("author")
    assert [model.index(r, author).data() for r in range(2)] == ["Mei Lin", "Ravi Patel"]
    steps = controller.undo_stack.count()
    dialog.accept()
    added = [controller.review.events[i] for i in dialog.added_ids]
    assert [(e.time, e.author, e.source, e.text) for e in added] == [
        ("2025-03-03T10:42:00Z", "Mei Lin", "paste", "checkout is throwing 502s"),
        ("2025-03-03T10:47:00Z", "Ravi Patel", "paste", "rolled back to 4.1"),
    ]
    assert controller.undo_stack.count() == steps + 1
    controller.undo_stack.undo()
    assert not any(i in controller.review.events for i in dialog.added_ids)


def test_the_locale_decides_how_an_unsettled_numeric_date_reads():
    us = QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)
    uk = QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)
    assert locale_date_order(us) == "md"
    assert locale_date_order(uk) == "dm"


def test_a_status_page_listed_oldest_first_counts_joined_lines_on_the_right_row():
    import datetime as dt

    from pm_desktop.ingest.timeline_text import parse_timeline
    from pm_desktop.ui.timeline.paste_model import PastePreviewModel

    text = (
        "Resolved - All clear.\nMar 3, 17:05 UTC\nMonitoring - Fix deployed.\nMar 3, 16:40 UTC\n"
        "Investigating - Failed logins.\nMar 3, 15:55 UTC\nThis incident affected: Login.\n"
    )
    model = PastePreviewModel()
    model.set_result(parse_timeline(text, default_date=dt.date(2025, 3, 5)), "UTC")
    problems = PREVIEW_COLUMNS.index("problems")
    lines = [model.entry(r).line for r in range(model.rowCount())]
    assert lines == [5, 3, 1]
    shown = [model.index(r, problems).data() for r in range(3)]
    assert shown == ["1 line without a time joined to this entry", "", ""]
