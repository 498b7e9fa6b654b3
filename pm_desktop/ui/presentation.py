"""Presentation mode: the review full screen for the room, one section (panel) at a time.

Editing chrome is gone, type is sized for the room: it grows with the screen the window fills
(the same content is proportionally larger on a 1920×1080 projector than at 1280×720), and
Ctrl+= / Ctrl+- move it a few steps up or down for this meeting only. An agenda strip shows each section's timebox with a countdown the facilitator
starts and pauses. Page Down / Page Up change section; the arrow keys go to the section's own
``present_step``; H switches high contrast for the room without changing the user's theme;
Esc leaves.

Each panel provides what is shown through ``Panel.presentation_widget()`` (or is shown itself);
the widgets are borrowed from the main window while presenting and given back on leaving.

Signals: ``closed()`` — presentation mode ended and every widget is back in place.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, QRect, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QGuiApplication, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QLabel,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from . import screen_area, themes, typography
from .agenda import AgendaStrip, AgendaTimer, Clock
from .controller import DocumentController
from .meeting_kit import MeetingKit
from .panel import Panel, set_presenting
from .settings import Settings

SIZE_STEP = 1.12  # one Ctrl+= / Ctrl+- step
SIZE_STEPS = range(-2, 4)  # the steps the facilitator can take from the room size
NOTICE_MS = 5000
HINT = (
    "PgDn / PgUp: section  ·  ← →: step  ·  Space: timer  ·  Ctrl+= / Ctrl+-: size  ·  "
    "H: contrast  ·  O: opening  ·  P: park an idea  ·  T: turning point  ·  L: lessons  ·  "
    "Esc: leave"
)
NAVIGATION_KEYS = (
    Qt.Key.Key_PageDown,
    Qt.Key.Key_PageUp,
    Qt.Key.Key_Right,
    Qt.Key.Key_Left,
    Qt.Key.Key_Down,
    Qt.Key.Key_Up,
)
CHROME_SCALE_MAX = 1.4  # the agenda strip and key hints stop growing here on a 720 px screen


def room_scale(screen_height: int, base: QFont, dpi: float, step: int = 0) -> float:
    """Factor from the app font ``base`` to presentation body text on a screen this tall."""
    if base.pointSizeF() > 0:
        base_px = base.pointSizeF() * dpi / 72.0
    else:
        base_px = float(base.pixelSize())
    target = screen_area.room_body_px(screen_height)
    step = max(SIZE_STEPS[0], min(SIZE_STEPS[-1], step))
    return round(max(1.0, target / max(base_px, 1.0)) * SIZE_STEP**step, 3)


@dataclass
class _Section:
    panel: Panel
    widget: QWidget
    home: QWidget | None
    home_index: int  # position in the home QStackedWidget, or -1


class _PageStack(QStackedWidget):
    """A stack as tall as the page on screen.

    Qt's stack asks for the tallest page's height (height-for-width included), so every
    section scrolled by the height of the tallest one and the picture fell below the fold."""

    def _page(self) -> QWidget | None:
        return self.currentWidget()

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        page = self._page()
        return page.sizeHint() if page is not None else super().sizeHint()

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        page = self._page()
        return page.minimumSizeHint() if page is not None else super().minimumSizeHint()

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt's name
        page = self._page()
        if page is None:
            return super().heightForWidth(width)
        height = page.heightForWidth(width) if page.hasHeightForWidth() else -1
        return max(height, page.minimumSizeHint().height())


class PresentationWindow(QWidget):
    closed = Signal()

    def __init__(
        self,
        panels: list[Panel],
        settings: Settings,
        *,
        start: int = 0,
        clock: Clock | None = None,
        room: QRect | None = None,
        controller: DocumentController | None = None,
    ):
        super().__init__(None, Qt.WindowType.Window)
        self.setWindowTitle("Presentation")
        self.setObjectName("Presentation")
        self.settings = settings
        self.room = QRect(room) if room is not None else screen_area.geometry()
        self.size_step = 0
        self.scale = self._room_scale()
        self._left = False
        self._theme_before = themes.current_choice()
        self.stack = _PageStack()
        self.sections: list[_Section] = []
        # Borrowed widgets are on screen while their panels stay hidden pages: no deferring.
        set_presenting(True)
        for panel in panels:
            # A panel builds its presentation rendering when presentation starts, so it is told
            # first and asked for the widget second.
            panel.set_presentation(True, self.scale)
            widget = panel.presentation_widget() or panel
            home = widget.parentWidget()
            index = home.indexOf(widget) if isinstance(home, QStackedWidget) else -1
            self.sections.append(_Section(panel, widget, home, index))
        for section in self.sections:
            # The stack decides which page is visible: showing each page here would paint
            # every section on top of the others.
            self.stack.addWidget(section.widget)
        timeboxes = [settings.timebox_minutes(p.key) * 60 for p in panels]
        self.timer = AgendaTimer(timeboxes, clock, self)
        self.strip = AgendaStrip([p.title for p in panels], self.timer)
        self.strip.screen_button.setVisible(len(QGuiApplication.screens()) > 1)
        self.hint = QLabel(HINT)
        self.hint.setProperty("role", "muted")
        self.hint.setAccessibleName("Keys and messages")
        self._at_end = 0  # the direction of the last step that found the section's end
        self._notice_timer = QTimer(self)
        self._notice_timer.setSingleShot(True)
        self._notice_timer.setInterval(NOTICE_MS)
        self._notice_timer.timeout.connect(lambda: self.show_notice(""))
        self.hint.setWordWrap(True)
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 4)
        layout.setSpacing(0)
        # A section taller than the screen scrolls rather than pushing the window off it.
        self.scroller = QScrollArea()
        self.scroller.setWidgetResizable(True)
        self.scroller.setFrameShape(QFrame.Shape.NoFrame)
        self.scroller.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.scroller.setWidget(self.stack)
        # The facilitator's kit (opening statement, parking lot, turning points, lessons).
        self.kit = MeetingKit(controller, self._timeline_event, self) if controller else None
        layout.addWidget(self.strip)
        if self.kit is not None:
            layout.addWidget(self.kit.opening)
        layout.addWidget(self.scroller, 1)
        if self.kit is not None:
            layout.addWidget(self.kit.ask)
            self.kit.message.connect(self.show_notice)
        layout.addWidget(self.hint)
        self.strip.sectionClicked.connect(self.go_to)
        self.strip.timeboxChanged.connect(self._on_timebox_changed)
        self.strip.highContrastToggled.connect(self.set_high_contrast)
        self.strip.leaveRequested.connect(self.leave)
        self.strip.nextScreenRequested.connect(self.next_screen)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)
        self._apply_scale()
        self._opened = False
        self.go_to(max(0, min(start, len(self.sections) - 1)))
        self._opened = True
        if settings.presentation_high_contrast():
            self.strip.contrast_button.setChecked(True)

    # ------------------------------------------------------------------ showing
    def start(self, *, fullscreen: bool = True) -> None:
        """Cover the room's screen (full screen, unless a test stands in the screen)."""
        self.setGeometry(self.room)
        if fullscreen and not screen_area.is_forced():
            self.showFullScreen()
        else:
            self.show()
        self.raise_()
        self.activateWindow()
        self.setFocus()

    def next_screen(self) -> None:
        screens = QGuiApplication.screens()
        if len(screens) < 2:
            return
        current = self.screen()
        index = (screens.index(current) + 1) % len(screens) if current in screens else 0
        self.showNormal()
        self.room = screens[index].geometry()
        self.setGeometry(self.room)
        self.showFullScreen()
        self._rescale()

    # ------------------------------------------------------------------ sections
    @property
    def current(self) -> int:
        return self.stack.currentIndex()

    def current_panel(self) -> Panel:
        return self.sections[self.current].panel

    def go_to(self, index: int) -> bool:
        if not 0 <= index < len(self.sections):
            return False
        if self._opened and index != self.stack.currentIndex():
            self._move_on()
        self.stack.setCurrentIndex(index)
        # The scroller measures the stack again for the page now on screen.
        self.stack.layout().invalidate()
        QApplication.postEvent(self.scroller, QEvent(QEvent.Type.LayoutRequest))
        self._at_end = 0
        self.show_notice("")
        self.scroller.verticalScrollBar().setValue(0)
        self.timer.set_section(index)
        self.strip.refresh()
        return True

    def next_section(self) -> bool:
        return self.go_to(self.current + 1)

    def previous_section(self) -> bool:
        return self.go_to(self.current - 1)

    def step(self, delta: int) -> bool:
        """← →: the section's own steps. At either end it says so; pressing again there goes
        on to the neighbouring section (so a clicker's arrows walk the whole meeting)."""
        if self.current_panel().present_step(delta):
            self._at_end = 0
            self.show_notice("")
            return True
        if self._at_end == delta and self.go_to(self.current + delta):
            self._at_end = 0
            self.show_notice("")
            return True
        self._at_end = delta
        self.show_notice(self._end_text(delta))
        return False

    def _end_text(self, delta: int) -> str:
        title = self.sections[self.current].panel.title
        neighbour = self.current + delta
        if not 0 <= neighbour < len(self.sections):
            if delta > 0:
                return f"End of {title}, the last section. Esc leaves presentation."
            return f"Start of {title}, the first section."
        other = self.sections[neighbour].panel.title
        if delta > 0:
            return f"End of {title}. Press → again or Page Down for {other}."
        return f"Start of {title}. Press ← again or Page Up for {other}."

    def show_notice(self, text: str) -> None:
        """A short message in place of the key hints (they come back after a few seconds)."""
        self._notice_timer.stop()
        if not text:
            self.hint.setText(HINT)
            self.hint.setProperty("role", "muted")
        else:
            self.hint.setText(text)
            self.hint.setProperty("role", "")
            self._notice_timer.start()
        self.hint.style().unpolish(self.hint)
        self.hint.style().polish(self.hint)

    def _on_timebox_changed(self, section: int, minutes: int) -> None:
        self.timer.set_timebox(section, minutes * 60)
        self.settings.set_timebox_minutes(self.sections[section].panel.key, minutes)

    # ------------------------------------------------------------------ type size and contrast
    def _room_scale(self) -> float:
        app = QApplication.instance()
        base = app.font() if app is not None else self.font()
        dpi = self.logicalDpiY() or 96
        return room_scale(self.room.height(), base, dpi, self.size_step)

    def set_size_step(self, step: int) -> bool:
        """Ctrl+= / Ctrl+-: type a step larger or smaller than the room size, for this
        meeting only (the next presentation starts from the room size again)."""
        step = max(SIZE_STEPS[0], min(SIZE_STEPS[-1], step))
        if step == self.size_step:
            return False
        self.size_step = step
        self._rescale()
        return True

    def _rescale(self) -> None:
        scale = self._room_scale()
        if scale == self.scale:
            return
        self.scale = scale
        self._apply_scale()
        # The sections keep their place (step, revealed level): only their type changes.
        for section in self.sections:
            section.panel.set_presentation_scale(scale)

    def _apply_scale(self) -> None:
        """Content grows with the scale; the facilitator's controls only a little."""
        app = QApplication.instance()
        base = app.font() if app is not None else self.font()
        self.setFont(typography.scaled(base, self.scale))
        chrome = min(self.scale, CHROME_SCALE_MAX * max(1.0, self.room.height() / 720))
        self.strip.setFont(typography.scaled(base, chrome))
        self.hint.setFont(typography.scaled(base, chrome * 0.75))
        if self.kit is not None:
            typography.apply(self.kit.opening)
            typography.apply(self.kit.ask)

    def set_high_contrast(self, on: bool) -> None:
        app = QApplication.instance()
        if app is None:
            return
        if self.strip.contrast_button.isChecked() != on:
            self.strip.contrast_button.setChecked(on)  # re-enters through the toggled signal
            return
        self.settings.set_presentation_high_contrast(on)
        target = "high-contrast" if on else self._theme_before
        if themes.current_choice() != target:
            themes.apply_theme(app, target)

    # ------------------------------------------------------------------ keys
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(watched, QWidget)
            and (watched is self or self.isAncestorOf(watched))
            and isinstance(event, QKeyEvent)
        ):
            if self.kit is not None and self.kit.ask.active:
                # The room is typing an answer: its keys are text, Esc closes the line.
                if self.kit.ask.handle_key(event):
                    self.setFocus()
                    return True
                return False
            return self.handle_key(event)
        return False

    def _timeline_event(self) -> str | None:
        for section in self.sections:
            found = section.panel.presented_event()
            if found:
                return found
        return None

    def handle_key(self, event: QKeyEvent) -> bool:
        key, mods = event.key(), event.modifiers()
        ctrl = bool(mods & Qt.KeyboardModifier.ControlModifier)
        if key == Qt.Key.Key_Escape:
            self.leave()
        elif key in (Qt.Key.Key_PageDown,):
            self.next_section()
        elif key in (Qt.Key.Key_PageUp,):
            self.previous_section()
        elif key in (Qt.Key.Key_Right, Qt.Key.Key_Down):
            self.step(1)
        elif key in (Qt.Key.Key_Left, Qt.Key.Key_Up):
            self.step(-1)
        elif key == Qt.Key.Key_Space and not ctrl:
            self.timer.toggle()
        elif key == Qt.Key.Key_R and not ctrl:
            self.timer.reset()
        elif key == Qt.Key.Key_H and not ctrl:
            self.set_high_contrast(not self.strip.contrast_button.isChecked())
        elif event.matches(QKeySequence.StandardKey.ZoomIn) or (ctrl and key == Qt.Key.Key_Equal):
            self.set_size_step(self.size_step + 1)
        elif event.matches(QKeySequence.StandardKey.ZoomOut) or (ctrl and key == Qt.Key.Key_Minus):
            self.set_size_step(self.size_step - 1)
        elif self.kit is not None and self.kit.handle_key(event):
            pass
        else:
            return False
        if key in NAVIGATION_KEYS:
            self._move_on()
        return True

    def _move_on(self) -> None:
        """The meeting has moved on from the opening words."""
        if self.kit is not None:
            self.kit.opening.hide()

    # ------------------------------------------------------------------ leaving
    def leave(self) -> None:
        """Give every widget back, restore the theme, close."""
        if self._left:
            return
        self._left = True
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        self.timer.stop()
        # Panels leave presentation rendering first; moving them home then delivers the font
        # change that brings their type back to the window's size.
        for section in self.sections:
            section.panel.set_presentation(False, self.scale)
        for section in sorted(self.sections, key=lambda s: s.home_index):
            widget = section.widget
            self.stack.removeWidget(widget)
            if isinstance(section.home, QStackedWidget) and section.home_index >= 0:
                section.home.insertWidget(section.home_index, widget)
            else:
                widget.setParent(section.home)
                widget.hide()
            # With style-sheet font propagation on, a reparented widget can keep the scaled font
            # it inherited here; an empty font (nothing set) makes it inherit from home again.
            widget.setFont(QFont())
            screen_area.forget_layout_sizes(section.panel)
        set_presenting(False)
        if app is not None and themes.current_choice() != self._theme_before:
            themes.apply_theme(app, self._theme_before)
        self.hide()
        self.closed.emit()
        self.deleteLater()

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        self.leave()
        super().closeEvent(event)
