"""The display-zone switcher in the timeline header.

The header always says which zone the times are in ("All times in Europe/Berlin (UTC+01:00)").
One click opens a menu: UTC, this computer's zone, the zones the events were entered in, or any
IANA zone from a searchable list. Choosing one is an undoable change of the review's
``display_tz`` (the panel pushes it); the stored instants and each event's own zone never change.

Signals (ZoneSwitcher):

- ``zoneChosen(str)`` — the normalized zone name the user picked.
"""

from __future__ import annotations

from PySide6.QtCore import QStringListModel, Qt, Signal
from PySide6.QtGui import QAction, QActionGroup, QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListView,
    QMenu,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from pm_desktop.domain import timeutil
from pm_desktop.domain.model import Review
from pm_desktop.domain.zone_search import ZoneHit, every_zone_name, listed_zone_names, search_zones
from pm_desktop.domain.zonewords import resolve_zone_word

from . import formatting


def zone_names() -> tuple[str, ...]:
    """UTC, then the IANA region/city zones in use today (legacy aliases left out)."""
    return listed_zone_names()


def understand_zone(text: str) -> str | None:
    """A typed zone (``Europe/Berlin``, ``europe/berlin``, ``CET``, ``+05:30``) or None."""
    raw = text.strip()
    if not raw:
        return None
    found = resolve_zone_word(raw)
    if found is not None:
        return found
    try:
        return timeutil.normalize_zone(raw)
    except timeutil.TimeError:
        return None


def offset_now(zone: str, at: str | None = None) -> str:
    moment = formatting.local(at or timeutil.now_canonical(), zone)
    return formatting.offset_text(moment)


class ZonePickerDialog(QDialog):
    """Type part of a zone name (``berl``, ``new_york``, ``kolkata``), an abbreviation (``PST``,
    ``IST``: every place it stands for, explained), a region word (``pacific``) or an offset
    (``+05:30``); Enter takes the highlighted zone."""

    def __init__(self, current: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Show times in another zone")
        self.names = list(zone_names())
        self._now = timeutil.now_canonical()
        self.hits: list[ZoneHit] = []
        self.model = QStringListModel(self)
        self.search = QLineEdit()
        self.search.setPlaceholderText(
            "Search zones: Berlin, New_York, PST, IST, pacific, +05:30 …"
        )
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName("Search time zones")
        self.search.textChanged.connect(self._filter)
        self.search.installEventFilter(self)
        self.list = QListView()
        self.list.setModel(self.model)
        self.list.setUniformItemSizes(True)
        self.list.setAccessibleName("Time zones")
        self.list.doubleClicked.connect(lambda _i: self.accept())
        self.list.clicked.connect(self._picked)
        self._from_list = False  # the person chose a row after typing
        self.note = QLabel("")
        self.note.setProperty("role", "muted")
        self.note.setWordWrap(True)
        box = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        box.button(QDialogButtonBox.StandardButton.Ok).setText("Show times in this zone")
        box.accepted.connect(self.accept)
        box.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.note)
        layout.addWidget(box)
        self.resize(560, 520)
        self._show_hits(search_zones("", self.names))
        self._select_name(current)

    def _row_text(self, hit: ZoneHit) -> str:
        text = f"{hit.name}   {offset_now(hit.name, self._now)}"
        return f"{text}   — {hit.note}" if hit.note else text

    def _show_hits(self, hits: list[ZoneHit]) -> None:
        self.hits = hits
        self.model.setStringList([self._row_text(h) for h in hits])

    def _picked(self, *_args) -> None:
        self._from_list = True

    def _filter(self, text: str) -> None:
        self._from_list = False
        self._show_hits(search_zones(text, self.names, every_zone_name()))
        if self.hits:
            self.list.setCurrentIndex(self.model.index(0, 0))
        typed = understand_zone(text)
        places = {h.name for h in self.hits if h.note and ":" in h.note}
        if typed is not None and len(places) > 1:
            self.note.setText(
                f"“{text.strip()}” means different places; Enter uses {typed}, or pick the one "
                "you mean."
            )
        elif typed is not None:
            self.note.setText(f"Enter shows times in {typed}; pick a row to use that zone instead.")
        elif not self.hits:
            self.note.setText("No zone matches; try a city name or an offset such as +05:30.")
        else:
            self.note.setText("")

    def _select_name(self, name: str) -> None:
        for row, hit in enumerate(self.hits):
            if hit.name == name:
                index = self.model.index(row, 0)
                self.list.setCurrentIndex(index)
                self.list.scrollTo(index)
                return

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt's name
        """Up/Down in the search field move through the list."""
        if (
            watched is self.search
            and isinstance(event, QKeyEvent)
            and event.type() == event.Type.KeyPress
        ):
            if event.key() in (
                Qt.Key.Key_Down,
                Qt.Key.Key_Up,
                Qt.Key.Key_PageDown,
                Qt.Key.Key_PageUp,
            ):
                self.list.keyPressEvent(event)
                return True
        return super().eventFilter(watched, event)

    def chosen(self) -> str | None:
        """A zone typed in full (``+05:30``, ``PST``, ``europe/berlin``) wins, unless a row was
        picked after typing; otherwise the highlighted row."""
        typed = understand_zone(self.search.text())
        if typed is not None and not self._from_list:
            return typed
        index = self.list.currentIndex()
        if index.isValid() and 0 <= index.row() < len(self.hits):
            return self.hits[index.row()].name
        return typed


class ZoneSwitcher(QToolButton):
    zoneChosen = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("ZoneSwitcher")
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.setAutoRaise(True)
        self.setStyleSheet("QToolButton#ZoneSwitcher::menu-indicator { image: none; width: 0; }")
        self.setToolTip(
            "The zone every time on this page is shown in. Click to show them in UTC, this "
            "computer's zone or any other; each event keeps the zone it was entered in."
        )
        self.setAccessibleName("Display time zone")
        self._menu = QMenu(self)
        self.setMenu(self._menu)
        self._menu.aboutToShow.connect(self._fill_menu)
        self._zone = timeutil.UTC
        self._used: list[str] = []
        self._at: str | None = None
        self._last: str | None = None

    def show_review(self, review: Review) -> None:
        self._zone = formatting.safe_zone(review.meta.display_tz)
        times = [e.time for e in review.events.values() if e.time]
        self._at = min(times) if times else None
        self._last = max(times) if times else None
        used = {formatting.safe_zone(z) for z in {e.tz for e in review.events.values()}}
        self._used = sorted(used - {timeutil.UTC})[:8]
        self.setText(formatting.zone_caption(self._zone, self._at, self._last) + "  ▾")

    def zone(self) -> str:
        return self._zone

    def time_span(self) -> tuple[str | None, str | None]:
        """The first and last event times the caption was made from (None: no timed event)."""
        return self._at, self._last

    def _fill_menu(self) -> None:
        menu = self._menu
        menu.clear()
        group = QActionGroup(menu)
        local = timeutil.local_zone_name()
        entries: list[tuple[str, str]] = [(timeutil.UTC, "UTC")]
        if local != timeutil.UTC:
            entries.append((local, f"This computer: {local} ({offset_now(local, self._at)})"))
        for name in self._used:
            if name not in (timeutil.UTC, local):
                entries.append(
                    (name, f"{name} ({offset_now(name, self._at)}) — used in this timeline")
                )
        if self._zone not in [z for z, _ in entries]:
            entries.append((self._zone, f"{self._zone} ({offset_now(self._zone, self._at)})"))
        for zone, label in entries:
            action = QAction(label, menu)
            action.setCheckable(True)
            action.setChecked(zone == self._zone)
            action.triggered.connect(lambda _c=False, z=zone: self._choose(z))
            group.addAction(action)
            menu.addAction(action)
        menu.addSeparator()
        other = menu.addAction("Other zone…")
        other.triggered.connect(self.pick_other)

    def pick_other(self) -> None:
        dialog = ZonePickerDialog(self._zone, self.window())
        try:
            if dialog.exec() == QDialog.DialogCode.Accepted:
                zone = dialog.chosen()
                if zone:
                    self._choose(zone)
        finally:
            dialog.deleteLater()

    def _choose(self, zone: str) -> None:
        name = formatting.safe_zone(zone)
        if name != self._zone:
            self.zoneChosen.emit(name)
