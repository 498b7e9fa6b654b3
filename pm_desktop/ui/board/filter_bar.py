"""The row above the board: New follow-up, and the filters (owner, overdue only, not linked to a
root cause) with a "Showing 3 of 7 · Show all" note while any filter is on.

Signals:

- ``filtersChanged()`` — the user changed a filter; read :meth:`board_filter`.
- ``newRequested()`` — New follow-up was pressed.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLabel, QPushButton, QWidget

from pm_desktop.domain.board_filter import NO_OWNER, BoardFilter, owner_choices
from pm_desktop.domain.model import Review

EVERYONE = "\x00everyone"  # combo data for "no owner filter" (a value no name can take)


class FilterBar(QWidget):
    filtersChanged = Signal()
    newRequested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("BoardToolbar")
        self.new_button = QPushButton("New follow-up")
        self.new_button.setToolTip("Add a card to To do (Enter on a card edits it)")
        self.new_button.clicked.connect(self.newRequested)
        self.owner_combo = QComboBox()
        self.owner_combo.setAccessibleName("Show the follow-ups of")
        self.owner_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.owner_combo.currentIndexChanged.connect(self._changed)
        self.overdue_check = QCheckBox("Overdue only")
        self.overdue_check.toggled.connect(self._changed)
        self.unlinked_check = QCheckBox("Not linked to a root cause")
        self.unlinked_check.toggled.connect(self._changed)
        self.count_label = QLabel()
        self.count_label.setProperty("role", "muted")
        self.clear_button = QPushButton("Show all")
        self.clear_button.clicked.connect(self.clear)
        owner_label = QLabel("&Owner")
        owner_label.setBuddy(self.owner_combo)
        bar = QHBoxLayout(self)
        bar.setContentsMargins(0, 0, 0, 0)
        bar.addWidget(self.new_button)
        bar.addSpacing(16)
        bar.addWidget(owner_label)
        bar.addWidget(self.owner_combo)
        bar.addWidget(self.overdue_check)
        bar.addWidget(self.unlinked_check)
        bar.addStretch(1)
        bar.addWidget(self.count_label)
        bar.addWidget(self.clear_button)
        self.fill_owners(Review())

    def _changed(self, *_args: object) -> None:
        self.filtersChanged.emit()

    def board_filter(self, text: str = "") -> BoardFilter:
        """The filter the controls describe (plus the Find ``text``, which lives elsewhere)."""
        owner = self.owner_combo.currentData()
        return BoardFilter(
            owner=None if owner in (None, EVERYONE) else owner,
            overdue_only=self.overdue_check.isChecked(),
            unlinked_only=self.unlinked_check.isChecked(),
            text=text,
        )

    def fill_owners(self, review: Review) -> None:
        """Offer the people and card owners of ``review``, keeping the current choice."""
        current = self.owner_combo.currentData()
        self.owner_combo.blockSignals(True)
        self.owner_combo.clear()
        self.owner_combo.addItem("Everyone", EVERYONE)
        self.owner_combo.addItem("Nobody yet", NO_OWNER)
        for name in owner_choices(review):
            self.owner_combo.addItem(name, name)
        index = self.owner_combo.findData(current) if current is not None else 0
        self.owner_combo.setCurrentIndex(max(0, index))
        self.owner_combo.blockSignals(False)
        if index < 0 and current not in (None, EVERYONE):
            self.filtersChanged.emit()  # that person is gone: the filter fell back to everyone

    def set_owner(self, owner: str | None) -> None:
        """Show one person's cards (None: everyone, ``""``: cards nobody owns)."""
        index = self.owner_combo.findData(EVERYONE if owner is None else owner)
        if index < 0:
            self.owner_combo.addItem(owner, owner)
            index = self.owner_combo.count() - 1
        self.owner_combo.setCurrentIndex(index)

    def clear(self) -> None:
        """Every control back to "show all" (one ``filtersChanged``)."""
        controls = (self.owner_combo, self.overdue_check, self.unlinked_check)
        for widget in controls:
            widget.blockSignals(True)
        self.owner_combo.setCurrentIndex(0)
        self.overdue_check.setChecked(False)
        self.unlinked_check.setChecked(False)
        for widget in controls:
            widget.blockSignals(False)
        self.filtersChanged.emit()

    def show_counts(self, shown: int, total: int, active: bool, writable: bool) -> None:
        self.count_label.setText(f"Showing {shown} of {total}" if active else "")
        self.clear_button.setVisible(active)
        self.new_button.setEnabled(writable)
