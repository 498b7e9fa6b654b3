"""The four response times (TTD, TTA, TTM, TTR) as cards, from ``domain.metrics``.

A metric that cannot be computed shows an em dash and says why in words (a milestone is missing,
or two milestones are out of order); a negative duration is never shown.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QVBoxLayout, QWidget

from pm_desktop.domain import timeutil
from pm_desktop.domain.metrics import METRIC_DEFS, Metric, compute_metrics
from pm_desktop.domain.model import Review

from .. import typography


class MetricCard(QFrame):
    def __init__(self, key: str, label: str, *, value_scale: float = 2.0, parent=None):
        super().__init__(parent)
        self.setObjectName("Card")
        self.key = key
        self.key_label = typography.mark(QLabel(key), 0.95, QFont.Weight.DemiBold)
        self.key_label.setProperty("role", "muted")
        self.value_label = typography.mark(QLabel("—"), value_scale, QFont.Weight.Bold)
        self.value_label.setAccessibleName(label)
        self.name_label = typography.mark(QLabel(label), 1.0)
        self.problem_label = typography.mark(QLabel(""), 0.92)
        self.problem_label.setProperty("role", "problem")
        self.problem_label.setWordWrap(True)
        self.problem_label.setTextFormat(Qt.TextFormat.PlainText)
        self.problem_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 14)
        layout.setSpacing(2)
        layout.addWidget(self.key_label)
        layout.addWidget(self.value_label)
        layout.addWidget(self.name_label)
        layout.addWidget(self.problem_label)
        layout.addStretch(1)

    def show_metric(self, metric: Metric, review: Review) -> None:
        self.value_label.setText(metric.text)
        self.problem_label.setText(f"⚠ {metric.problem}" if metric.problem else "")
        self.problem_label.setVisible(bool(metric.problem))
        ends = []
        zone = review.meta.display_tz
        for event_id in (metric.start_event, metric.end_event):
            event = review.events.get(event_id) if event_id else None
            if event is not None and event.time:
                ends.append(f"{timeutil.format_time(event.time, zone, 'HH:mm')} {event.text[:60]}")
        tip = f"{metric.label}: {metric.explanation}."
        if ends:
            tip += "\n" + "\n→ ".join(ends) + f"\n(times in {zone})"
        self.setToolTip(tip)


class MetricsStrip(QWidget):
    """Four cards side by side (two by two when narrow)."""

    def __init__(self, *, value_scale: float = 2.0, parent: QWidget | None = None):
        super().__init__(parent)
        self.cards = [
            MetricCard(key, label, value_scale=value_scale) for key, label, *_ in METRIC_DEFS
        ]
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setHorizontalSpacing(12)
        self._grid.setVerticalSpacing(12)
        self._columns = 0
        self._arrange(4)

    def _arrange(self, columns: int) -> None:
        if columns == self._columns:
            return
        self._columns = columns
        for card in self.cards:
            self._grid.removeWidget(card)
        for i, card in enumerate(self.cards):
            self._grid.addWidget(card, i // columns, i % columns)
        for col in range(4):
            self._grid.setColumnStretch(col, 1 if col < columns else 0)

    def _card_width(self) -> int:
        return max(card.minimumSizeHint().width() for card in self.cards)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        """Narrow enough for two cards a row: the strip re-flows instead of forcing width."""
        spacing = self._grid.horizontalSpacing()
        return QSize(2 * self._card_width() + spacing, super().minimumSizeHint().height())

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        needed = 4 * self._card_width() + 3 * self._grid.horizontalSpacing()
        self._arrange(4 if self.width() >= needed else 2)

    def refresh(self, review: Review) -> list[Metric]:
        metrics = compute_metrics(review)
        for card, metric in zip(self.cards, metrics, strict=True):
            card.show_metric(metric, review)
        return metrics
