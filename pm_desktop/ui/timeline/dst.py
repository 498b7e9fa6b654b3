"""The question asked when daylight saving makes a typed time ambiguous or impossible.

At the autumn change a wall-clock time such as 02:30 happens twice; at the spring change it
never happens. The app does not pick one: this dialog shows both readings with their UTC offsets
and the UTC instant each one means, and stores only what the person chooses.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from pm_desktop.domain.time_input import TimeInput

from .. import typography
from . import formatting


def reading_text(instant: str, zone: str) -> str:
    """``02:30 Europe/Berlin at UTC+02:00 (summer time) — 00:30 UTC``."""
    moment = formatting.local(instant, zone)
    utc = formatting.local(instant, "UTC")
    dst = moment.dst()
    season = " (summer time)" if dst else " (standard time)" if dst is not None else ""
    return (
        f"{moment:%H:%M} {formatting.short_zone(zone)} at {formatting.offset_text(moment)}"
        f"{season} — {utc:%H:%M} UTC on {utc:%Y-%m-%d}"
    )


class DstChoiceDialog(QDialog):
    """Two radio buttons, one per reading; OK stores the checked one."""

    def __init__(self, result: TimeInput, parent: QWidget | None = None):
        super().__init__(parent)
        self.result = result
        self.setWindowTitle("Which time did you mean?")
        self.setModal(True)
        heading = typography.mark(QLabel(self._heading()), 1.1, QFont.Weight.DemiBold)
        heading.setWordWrap(True)
        heading.setTextFormat(Qt.TextFormat.PlainText)
        detail = QLabel(result.message)
        detail.setWordWrap(True)
        detail.setTextFormat(Qt.TextFormat.PlainText)
        detail.setProperty("role", "muted")
        self.group = QButtonGroup(self)
        self.buttons: list[QRadioButton] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 18, 20, 16)
        layout.setSpacing(10)
        layout.addWidget(heading)
        layout.addWidget(detail)
        for i, instant in enumerate(result.choices):
            first = "The earlier reading" if result.status == "ambiguous" else "Before the jump"
            second = "The later reading" if result.status == "ambiguous" else "After the jump"
            label = f"{first if i == 0 else second}: {reading_text(instant, result.zone)}"
            button = QRadioButton(label)
            self.group.addButton(button, i)
            self.buttons.append(button)
            layout.addWidget(button)
        self.buttons[0].setChecked(True)
        box = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        box.button(QDialogButtonBox.StandardButton.Ok).setText("Use this time")
        box.accepted.connect(self.accept)
        box.rejected.connect(self.reject)
        layout.addWidget(box)
        typography.apply(self)

    def _heading(self) -> str:
        if self.result.status == "ambiguous":
            return "This time happens twice: the clocks were turned back that night."
        return "This time never happened: the clocks jumped forward over it."

    def chosen(self) -> str:
        return self.result.choices[max(0, self.group.checkedId())]


def ask_dst_choice(result: TimeInput, parent: QWidget | None = None) -> str | None:
    """Show the dialog; the chosen instant, or None when cancelled."""
    dialog = DstChoiceDialog(result, parent)
    try:
        if dialog.exec() == QDialog.DialogCode.Accepted:
            return dialog.chosen()
        return None
    finally:
        dialog.deleteLater()
