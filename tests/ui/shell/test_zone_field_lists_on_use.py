"""The overview's zone field lists its ~400 zones when first used, not while the overview is
built for the first paint; before that it still shows the review's zone."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import QApplication

from pm_desktop.ui.overview.fields import ZoneField, zone_names


def _field(qtbot, value: str) -> ZoneField:
    field = ZoneField("display_tz")
    qtbot.addWidget(field)
    field.show_value(value)
    return field


def test_the_field_shows_its_zone_before_listing_any(qtbot):
    field = _field(qtbot, "Europe/Berlin")
    assert field.count() == 0
    assert field.currentText() == "Europe/Berlin" and field.value() == "Europe/Berlin"


def test_getting_the_keyboard_lists_every_zone_and_keeps_the_one_shown(qtbot):
    field = _field(qtbot, "Europe/Berlin")
    changed: list[int] = []
    field.currentIndexChanged.connect(changed.append)
    QApplication.sendEvent(field, QFocusEvent(QEvent.Type.FocusIn, Qt.FocusReason.TabFocusReason))
    assert field.count() == len(zone_names())
    assert field.currentText() == "Europe/Berlin"
    assert field.itemText(field.currentIndex()) == "Europe/Berlin"
    assert changed == []  # listing is not a choice: nothing is emitted
    field.show_value("UTC")
    assert field.currentIndex() == 0 and field.currentText() == "UTC"


def test_typing_completes_and_the_popup_lists_the_zones(qtbot):
    field = _field(qtbot, "UTC")
    completer = field.completer()
    completer.setCompletionPrefix("berl")
    assert completer.currentCompletion() == "Europe/Berlin"
    field.show_value("+05:30")  # an offset is no item of the list: shown as typed
    assert field.currentText() == "+05:30"
    field.showPopup()
    assert field.count() == len(zone_names())
    field.hidePopup()
    assert field.currentText() == "+05:30"
