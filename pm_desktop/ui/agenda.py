"""The meeting agenda for presentation mode: a timebox per section and a visible countdown.

:class:`AgendaTimer` keeps time per section (so going back to a section shows what is left of
it) from an injectable clock, so tests step time without waiting; a QTimer only refreshes the
display while running. :class:`AgendaStrip` shows the sections, the countdown and its controls.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from pm_desktop.domain.palette import DUE_SWATCHES

from . import themes, typography

Clock = Callable[[], float]
MAX_TIMEBOX_MIN = 240


def countdown_text(seconds: float) -> str:
    """``299.4`` → ``4:59``; ``-62`` → ``+1:02`` (over time); hours when needed."""
    over = seconds < 0
    total = int(abs(seconds)) if over else int(seconds + 0.999)
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    text = f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"
    return f"+{text}" if over else text


class AgendaTimer(QObject):
    """Countdown per section. Signals: ``changed()`` — on every state change and, while
    running, on every display tick."""

    changed = Signal()

    def __init__(
        self,
        timeboxes: list[float],
        clock: Clock | None = None,
        parent: QObject | None = None,
        tick_ms: int = 250,
    ):
        super().__init__(parent)
        self._clock: Clock = clock or time.monotonic
        self.timeboxes = [float(t) for t in timeboxes]
        self._elapsed = [0.0] * len(timeboxes)
        self.section = 0
        self._started_at: float | None = None
        self._ticker = QTimer(self)
        self._ticker.setInterval(tick_ms)
        self._ticker.timeout.connect(self.changed)

    @property
    def running(self) -> bool:
        return self._started_at is not None

    def _bank(self) -> None:
        if self._started_at is not None:
            now = self._clock()
            self._elapsed[self.section] += max(0.0, now - self._started_at)
            self._started_at = now

    def elapsed(self, section: int | None = None) -> float:
        i = self.section if section is None else section
        extra = 0.0
        if i == self.section and self._started_at is not None:
            extra = max(0.0, self._clock() - self._started_at)
        return self._elapsed[i] + extra

    def remaining(self, section: int | None = None) -> float:
        i = self.section if section is None else section
        return self.timeboxes[i] - self.elapsed(i)

    def start(self) -> None:
        if self._started_at is None:
            self._started_at = self._clock()
            self._ticker.start()
            self.changed.emit()

    def pause(self) -> None:
        if self._started_at is not None:
            self._bank()
            self._started_at = None
            self._ticker.stop()
            self.changed.emit()

    def toggle(self) -> None:
        self.pause() if self.running else self.start()

    def reset(self) -> None:
        """Back to the full timebox of the current section (keeps running if it was)."""
        self._elapsed[self.section] = 0.0
        if self._started_at is not None:
            self._started_at = self._clock()
        self.changed.emit()

    def set_section(self, index: int) -> None:
        """Move to another section; a running timer keeps running for that section."""
        if index == self.section or not 0 <= index < len(self.timeboxes):
            return
        self._bank()
        self.section = index
        if self._started_at is not None:
            self._started_at = self._clock()
        self.changed.emit()

    def set_timebox(self, index: int, seconds: float) -> None:
        self.timeboxes[index] = float(seconds)
        self.changed.emit()

    def stop(self) -> None:
        self._ticker.stop()


class AgendaStrip(QWidget):
    """Sections with their timeboxes, the countdown and its buttons.

    Signals: ``sectionClicked(int)``, ``timeboxChanged(int section, int minutes)``,
    ``highContrastToggled(bool)``, ``leaveRequested()``, ``nextScreenRequested()``.
    """

    sectionClicked = Signal(int)
    timeboxChanged = Signal(int, int)
    highContrastToggled = Signal(bool)
    leaveRequested = Signal()
    nextScreenRequested = Signal()

    def __init__(self, titles: list[str], timer: AgendaTimer, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("AgendaStrip")
        self.timer = timer
        self.titles = titles
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        self.section_buttons: list[QToolButton] = []
        sections = QHBoxLayout()
        sections.setSpacing(6)
        for i in range(len(titles)):
            button = QToolButton()
            button.setCheckable(True)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            button.setAutoRaise(True)
            typography.mark(button, 0.9)
            self.group.addButton(button, i)
            self.section_buttons.append(button)
            sections.addWidget(button)
        sections.addStretch(1)
        self.group.idClicked.connect(self.sectionClicked)

        self.countdown = typography.mark(QLabel("0:00"), 2.6, QFont.Weight.Bold)
        self.countdown.setAccessibleName("Time left in this section")
        self.countdown.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.caption = typography.mark(QLabel(""), 0.8)
        self.caption.setAlignment(Qt.AlignmentFlag.AlignRight)
        clock_box = QVBoxLayout()
        clock_box.setSpacing(0)
        clock_box.addWidget(self.countdown)
        clock_box.addWidget(self.caption)

        self.start_button = self._button("Start", "Start or pause the timer (Space)")
        self.reset_button = self._button("Reset", "Back to the full timebox (R)")
        self.shorter_button = self._button("−", "One minute less for this section")
        self.longer_button = self._button("+", "One minute more for this section")
        self.timebox_label = typography.mark(QLabel(""), 0.85)
        self.timebox_label.setToolTip("Timebox for this section")
        self.contrast_button = self._button("High contrast", "High contrast on or off (H)")
        self.contrast_button.setCheckable(True)
        self.screen_button = self._button("Next screen", "Show on the next screen")
        self.leave_button = self._button("Leave", "Leave presentation mode (Esc)")
        self.start_button.clicked.connect(timer.toggle)
        self.reset_button.clicked.connect(timer.reset)
        self.shorter_button.clicked.connect(lambda: self._change_timebox(-1))
        self.longer_button.clicked.connect(lambda: self._change_timebox(1))
        self.contrast_button.toggled.connect(self.highContrastToggled)
        self.screen_button.clicked.connect(self.nextScreenRequested)
        self.leave_button.clicked.connect(self.leaveRequested)

        controls = QHBoxLayout()
        controls.setSpacing(8)
        for w in (self.start_button, self.reset_button):
            controls.addWidget(w)
        controls.addSpacing(16)
        for w in (self.shorter_button, self.timebox_label, self.longer_button):
            controls.addWidget(w)
        controls.addSpacing(16)
        for w in (self.contrast_button, self.screen_button, self.leave_button):
            controls.addWidget(w)
        controls.addStretch(1)

        left_widget = QWidget()
        left = QVBoxLayout(left_widget)
        left.setContentsMargins(0, 0, 0, 0)
        left.setSpacing(6)
        left.addLayout(sections)
        left.addLayout(controls)
        # On a narrow screen the strip is cut at the right (the current section is scrolled into
        # view) instead of widening the window beyond the screen.
        self.left_scroller = QScrollArea()
        self.left_scroller.setWidget(left_widget)
        self.left_scroller.setWidgetResizable(True)
        self.left_scroller.setFrameShape(QFrame.Shape.NoFrame)
        self.left_scroller.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.left_scroller.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.left_scroller.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.left_scroller.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self._left_widget = left_widget
        # A font or style change (type size, high contrast) re-measures the buttons later than
        # the strip hears about it: follow the rows' own re-layout, or the controls get clipped.
        left_widget.installEventFilter(self)
        row = QHBoxLayout(self)
        row.setContentsMargins(24, 10, 24, 10)
        row.addWidget(self.left_scroller, 1)
        row.addLayout(clock_box)
        timer.changed.connect(self.refresh)
        themes.notifier().themeChanged.connect(self._on_theme_changed)
        typography.apply(self)
        self.refresh()

    def _button(self, text: str, tip: str) -> QPushButton:
        button = QPushButton(text)
        button.setToolTip(tip)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        typography.mark(button, 0.85)
        return button

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        super().changeEvent(event)
        if typography.is_font_change(event):
            typography.apply(self)
            self._fit_height()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if watched is self._left_widget and event.type() == QEvent.Type.LayoutRequest:
            self._fit_height()
        return False

    def _on_theme_changed(self, _name: str) -> None:
        self.refresh()

    def refresh(self) -> None:
        t = self.timer
        for i, button in enumerate(self.section_buttons):
            minutes = round(t.timeboxes[i] / 60)
            mark = "▶ " if i == t.section else ""
            button.setText(f"{mark}{self.titles[i]} · {minutes} min")
            button.setChecked(i == t.section)
        remaining = t.remaining()
        self.countdown.setText(countdown_text(remaining))
        if remaining < 0:
            swatch, state = DUE_SWATCHES["overdue"], "over time"
        elif remaining <= 60:
            swatch, state = DUE_SWATCHES["soon"], "last minute"
        else:
            swatch, state = None, "left"
        color = themes.swatch_color(swatch).name() if swatch else themes.colors().text
        self.countdown.setStyleSheet(f"color: {color};")
        running = "running" if t.running else "paused"
        self.caption.setText(f"{state} · {running}")
        self.start_button.setText("Pause" if t.running else "Start")
        minutes = round(t.timeboxes[t.section] / 60)
        self.timebox_label.setText(f"Timebox {minutes} min")
        self.shorter_button.setEnabled(minutes > 1)
        self.longer_button.setEnabled(minutes < MAX_TIMEBOX_MIN)
        self._fit_height()
        self.left_scroller.ensureWidgetVisible(self.section_buttons[t.section], 24, 0)

    def _fit_height(self) -> None:
        height = self._left_widget.sizeHint().height()
        if self.left_scroller.height() != height or self.left_scroller.minimumHeight() != height:
            self.left_scroller.setFixedHeight(height)

    def _change_timebox(self, delta: int) -> None:
        minutes = round(self.timer.timeboxes[self.timer.section] / 60) + delta
        if 1 <= minutes <= MAX_TIMEBOX_MIN:
            self.timeboxChanged.emit(self.timer.section, minutes)
