"""How the incident unfolded, on the Overview: what set it off, what was hit, and how it was
noticed, handled and fixed, in a few sentences each.

The editors are the panel's ordinary field editors (``edited(field, value)``; one undo step per
field while typing, through the window's undo stack). The same texts open the PDF's summary
section and the first page's "Trigger" line.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QGridLayout, QLabel, QVBoxLayout, QWidget

from pm_desktop.domain.prompts import HINTS

from .. import typography
from .fields import LineField, TextField

EDIT_LABELS = {
    "trigger": "Edit trigger",
    "detection": "Edit detection",
    "response": "Edit response",
    "recovery": "Edit recovery",
    "affected_services": "Edit affected services",
    "affected_regions": "Edit affected regions",
}
PHASES = (("detection", "Detection"), ("response", "Response"), ("recovery", "Recovery"))


def _caption(text: str) -> QLabel:
    label = typography.mark(QLabel(text), 0.98, QFont.Weight.DemiBold)
    label.setProperty("role", "muted")
    return label


class UnfoldingSection(QWidget):
    """Trigger, affected services and regions, detection, response and recovery (editors)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.services_field = LineField(
            "affected_services", "Services or products that failed or slowed, e.g. checkout, API"
        )
        self.regions_field = LineField(
            "affected_regions", "Regions, sites or customer groups, e.g. Europe, EU data centre"
        )
        self.trigger_field = TextField("trigger", HINTS["trigger"], min_lines=2)
        self.phase_fields = [TextField(name, HINTS[name], min_lines=4) for name, _ in PHASES]
        for field in self.phase_fields:
            field.peers = [f for f in self.phase_fields if f is not field]
        self.editors = (
            self.services_field,
            self.regions_field,
            self.trigger_field,
            *self.phase_fields,
        )
        names = ("Affected services", "Affected regions", "Trigger", *(t for _, t in PHASES))
        for widget, name in zip(self.editors, names, strict=True):
            widget.setAccessibleName(name)
            typography.mark(widget, 1.1 if isinstance(widget, LineField) else 1.15)

        affected = QGridLayout()
        affected.setHorizontalSpacing(18)
        affected.setVerticalSpacing(4)
        affected.addWidget(_caption("Services affected"), 0, 0)
        affected.addWidget(_caption("Regions affected"), 0, 1)
        affected.addWidget(self.services_field, 1, 0)
        affected.addWidget(self.regions_field, 1, 1)
        phases = QGridLayout()
        phases.setHorizontalSpacing(14)
        phases.setVerticalSpacing(4)
        for i, ((_name, title), widget) in enumerate(zip(PHASES, self.phase_fields, strict=True)):
            phases.addWidget(_caption(title), 0, i)
            phases.addWidget(widget, 1, i, Qt.AlignmentFlag.AlignTop)
            phases.setColumnStretch(i, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addLayout(affected)
        layout.addWidget(_caption("Trigger: what set it off (not why it could)"))
        layout.addWidget(self.trigger_field)
        layout.addLayout(phases)
