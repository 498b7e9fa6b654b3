"""Switching the display zone: every row re-renders, one undo step, entered zones are kept."""

from __future__ import annotations

from PySide6.QtCore import Qt
from timeline_helpers import column, event_id, shown

from pm_desktop.domain.edits import update
from pm_desktop.ui.timeline.zone import ZonePickerDialog, understand_zone


def test_switching_zone_re_renders_every_row_in_one_undoable_edit(panel, qtbot):
    controller = panel.controller
    before_events = dict(controller.review.events)
    assert shown(panel.model, "time")[:2] == ["09:02", "09:15"]
    assert panel.zone_switcher.text().startswith("All times in UTC")
    with qtbot.wait_signal(panel.model.dataChanged):
        assert panel.set_display_zone("Asia/Kolkata")
    times = shown(panel.model, "time")
    assert times[:2] == ["14:32", "14:45"]
    assert times[-1] == "16:45"
    assert panel.model.headerData(0, Qt.Orientation.Horizontal) == "Time (Asia/Kolkata)"
    assert panel.zone_switcher.text().startswith("All times in Asia/Kolkata (UTC+05:30)")
    assert controller.review.events == before_events  # instants and entered zones untouched
    assert controller.undo_stack.undoText() == "Change display time zone"
    count = controller.undo_stack.count()
    controller.undo_stack.undo()
    assert controller.undo_stack.count() == count
    assert shown(panel.model, "time")[:2] == ["09:02", "09:15"]
    assert controller.review.meta.display_tz == "UTC"


def test_events_keep_the_zone_they_were_entered_in(panel):
    controller = panel.controller
    eid = event_id(controller.review, "Alert fires")
    controller.push(update(controller.review.events[eid], tz="America/Los_Angeles"))
    panel.set_display_zone("Europe/Berlin")
    index = panel.model.index_of(eid, column(panel.model, "time"))
    assert index.data() == "10:15"
    assert "Entered as 02:15 America/Los_Angeles" in index.data(Qt.ItemDataRole.ToolTipRole)
    assert controller.review.events[eid].tz == "America/Los_Angeles"


def test_the_menu_offers_utc_local_and_the_zones_used(panel, monkeypatch):
    from pm_desktop.domain import timeutil

    monkeypatch.setattr(timeutil, "local_zone_name", lambda: "Australia/Sydney")
    controller = panel.controller
    eid = event_id(controller.review, "Alert fires")
    controller.push(update(controller.review.events[eid], tz="Asia/Tokyo"))
    switcher = panel.zone_switcher
    switcher._fill_menu()
    labels = [a.text() for a in switcher.menu().actions() if a.text()]
    assert labels[0] == "UTC"
    assert labels[1].startswith("This computer: Australia/Sydney (UTC+11:00)")
    assert any(label.startswith("Asia/Tokyo") for label in labels)
    assert labels[-1] == "Other zone…"
    sydney = switcher.menu().actions()[1]
    sydney.trigger()
    assert controller.review.meta.display_tz == "Australia/Sydney"


def test_the_picker_searches_and_understands_typed_zones(qtbot):
    dialog = ZonePickerDialog("UTC")
    qtbot.addWidget(dialog)
    dialog.search.setText("kolk")
    assert dialog.chosen() == "Asia/Kolkata"
    dialog.search.setText("+05:30")
    assert dialog.chosen() == "+05:30"
    dialog.search.setText("PST")
    assert dialog.chosen() == "-08:00"
    dialog.search.setText("Mars/Olympus")
    assert dialog.chosen() is None
    assert understand_zone("europe/berlin") == "Europe/Berlin"
    assert understand_zone("<script>") is None


def test_a_damaged_display_zone_still_shows_times(controller, qtbot):
    """A zone the file should never hold falls back to UTC for display, without an error."""
    from dataclasses import replace

    from pm_desktop.ui.timeline.model import TimelineModel

    controller.review.meta = replace(controller.review.meta, display_tz="Not/AZone")
    model = TimelineModel(controller)
    assert shown(model, "time")[0] == "09:02"


def test_the_picker_lists_every_place_an_abbreviation_means_and_says_so(qtbot):
    dialog = ZonePickerDialog("UTC")
    qtbot.addWidget(dialog)
    dialog.search.setText("IST")
    rows = dialog.model.stringList()
    assert rows[0].startswith("Asia/Kolkata") and "India Standard Time" in rows[0]
    assert any(r.startswith("Europe/Dublin") and "Irish" in r for r in rows)
    assert "different places" in dialog.note.text()
    dialog.list.setCurrentIndex(dialog.model.index(1, 0))
    dialog._picked()
    assert dialog.chosen() == dialog.hits[1].name
    dialog.search.setText("pacific")
    assert dialog.chosen() == "America/Los_Angeles"
    dialog.search.setText("Australia/ACT")
    assert dialog.hits and dialog.hits[0].name == "Australia/ACT"
    dialog.search.setText("")
    assert not any(r.startswith("Australia/ACT") for r in dialog.model.stringList())
