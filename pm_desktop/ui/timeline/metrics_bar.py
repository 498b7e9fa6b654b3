"""TTD, TTA, TTM and TTR in the timeline header, with out-of-order milestones flagged.

Each response time is a small chip ("TTD 13 min"). A metric whose milestones are missing shows an
em dash and says which event is missing on hover; one whose milestones are out of order shows a
warning triangle and the problem on hover — never a negative duration, because a negative time
to detect only means the timeline needs fixing.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from pm_desktop.domain.metrics import METRIC_DEFS, Metric, compute_metrics, milestone_order_problems
from pm_desktop.domain.model import Review

from .. import typography
from . import formatting, symbols


class MetricChip(QWidget):
    """One metric: an optional warning triangle, the key in small caps and the value."""

    def __init__(self, key: str, label: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.key = key
        self.label = label
        self.icon = QLabel()
        self.icon.hide()
        self.key_label = typography.mark(QLabel(key), 0.85, QFont.Weight.DemiBold)
        self.key_label.setProperty("role", "muted")
        self.value_label = typography.mark(QLabel("—"), 1.15, QFont.Weight.Bold)
        self.value_label.setTextFormat(Qt.TextFormat.PlainText)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 0, 6, 0)
        layout.setSpacing(5)
        layout.addWidget(self.icon)
        layout.addWidget(self.key_label)
        layout.addWidget(self.value_label)
        self.problem = ""

    def show_metric(self, metric: Metric) -> None:
        self.value_label.setText(metric.text)
        out_of_order = metric.problem.startswith("out of order")
        self.problem = metric.problem
        if out_of_order:
            size = max(12, self.value_label.fontMetrics().height() - 2)
            self.icon.setPixmap(symbols.warning_pixmap(size))
        self.icon.setVisible(out_of_order)
        tip = f"{metric.label}: {metric.explanation}."
        if metric.problem:
            tip += f"\n⚠ {metric.problem[0].upper()}{metric.problem[1:]}."
        self.setToolTip(tip)
        self.setAccessibleName(f"{metric.label}: {metric.text}")

    @property
    def flagged(self) -> bool:
        return self.icon.isVisibleTo(self)


class MetricsBar(QWidget):
    """The four chips and, when milestones are out of order, a warning with the details."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.chips = {key: MetricChip(key, label) for key, label, *_ in METRIC_DEFS}
        self.warning = typography.mark(QLabel(""), 0.95, QFont.Weight.DemiBold)
        self.warning.setProperty("role", "problem")
        self.warning.setTextFormat(Qt.TextFormat.PlainText)
        self.warning.hide()
        self.warning_icon = QLabel()
        self.warning_icon.hide()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        for chip in self.chips.values():
            layout.addWidget(chip)
        layout.addSpacing(8)
        layout.addWidget(self.warning_icon)
        layout.addWidget(self.warning)
        self.problems: list[str] = []

    def refresh(self, review: Review) -> list[Metric]:
        review = formatting.milestones_only(review)
        metrics = compute_metrics(review)
        for metric in metrics:
            self.chips[metric.key].show_metric(metric)
        self.problems = milestone_order_problems(review)
        if self.problems:
            self.warning.setText("Milestones out of order")
            tip = "Fix these times, or the response times cannot be measured:\n" + "\n".join(
                f"• {p}" for p in self.problems
            )
            self.warning.setToolTip(tip)
            self.warning_icon.setToolTip(tip)
            size = max(12, self.warning.fontMetrics().height())
            self.warning_icon.setPixmap(symbols.warning_pixmap(size))
        self.warning.setVisible(bool(self.problems))
        self.warning_icon.setVisible(bool(self.problems))
        return metrics
