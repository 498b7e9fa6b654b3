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
