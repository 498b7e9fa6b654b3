"""The facilitator's kit in presentation mode: one keystroke each, nothing else to learn.

- **O** shows or hides the opening statement (shown when the meeting starts).
- **P** parks an idea for a fix raised during the walk, tied to the moment on screen;
  **Shift+P** turns every parked idea into a follow-up at the end.
- **T** marks the timeline moment on screen as a turning point and asks for its open question
  (on a turning point, T unmarks it).
- **L** is the closing round: each answer to "what did you learn?" joins the lessons learned.

What the room types goes into a line at the bottom of the screen: Enter keeps it, Esc drops it.
Every change is a domain edit pushed through the controller, so it is undoable like any other.

Signals: ``message(str)`` — a short sentence saying what happened (the presentation shows it).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QFont, QKeyEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from pm_desktop.domain import facilitation
from pm_desktop.domain.edits import Edit, EditError

from . import typography
from .controller import DocumentController

KEYS_HINT = "O: opening   ·   P: park an idea   ·   T: turning point   ·   L: lessons"


class OpeningCard(QFrame):
    """The opening statement in large type, above the first section."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("Card")
        self.heading = typography.mark(QLabel("Before we start"), 1.0, QFont.Weight.Bold)
        self.heading.setProperty("role", "muted")
        self.text = typography.mark(QLabel(""), 1.2)
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.roles = typography.mark(QLabel(""), 0.9)
        self.roles.setProperty("role", "muted")
        self.roles.setTextFormat(Qt.TextFormat.PlainText)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 12, 24, 12)
        layout.setSpacing(4)
        for widget in (self.heading, self.text, self.roles):
            layout.addWidget(widget)

    def show_for(self, review) -> None:  # noqa: ANN001 - Review
        self.text.setText(facilitation.opening_statement(review))
        meta = review.meta
        roles = [("Facilitator", meta.facilitator), ("Note-taker", meta.note_taker)]
        named = [f"{title}: {' '.join(name.split())}" for title, name in roles if name.strip()]
        self.roles.setText("   ·   ".join(named))
        self.roles.setVisible(bool(named))


class AskLine(QFrame):
    """A question and a line to type the answer in. Enter keeps it, Esc drops it."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("Card")
        self.prompt = typography.mark(QLabel(""), 1.0, QFont.Weight.DemiBold)
        self.prompt.setTextFormat(Qt.TextFormat.PlainText)
        self.edit = typography.mark(QLineEdit(), 1.0)
        self.edit.setAccessibleName("Answer")
        row = QHBoxLayout(self)
        row.setContentsMargins(24, 8, 24, 8)
        row.addWidget(self.prompt)
        row.addWidget(self.edit, 1)
        self._keep: Callable[[str], bool] | None = None
        self.edit.returnPressed.connect(self._on_return)
        self.hide()

    @property
    def active(self) -> bool:
        return self._keep is not None

    def ask(self, prompt: str, keep: Callable[[str], bool]) -> None:
        """Show ``prompt``; Enter calls ``keep(text)``, which stores the answer and says whether
        the line is done (False keeps it open: a mistake to fix, or the next answer of a round)."""
        self.prompt.setText(prompt)
        self._keep = keep
        self.edit.clear()
        self.show()
        self.edit.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def close_line(self) -> None:
        self._keep = None
        self.edit.clear()
        self.hide()

    def _on_return(self) -> None:
        keep = self._keep
        if keep is None:
            return
        if keep(self.edit.text()):
            self.close_line()
        else:
            self.edit.clear()

    def handle_key(self, event: QKeyEvent) -> bool:
        """Esc closes the line; every other key is the typist's."""
        if event.key() == Qt.Key.Key_Escape:
            self.close_line()
            return True
        return False


class MeetingKit(QObject):
    message = Signal(str)

    def __init__(
        self,
        controller: DocumentController,
        current_event: Callable[[], str | None],
        parent: QObject | None = None,
    ):
        super().__init__(parent)
        self.controller = controller
        self._current_event = current_event
        self.opening = OpeningCard()
        self.ask = AskLine()
        self.opening.show_for(controller.review)

    def handle_key(self, event: QKeyEvent) -> bool:
        key = event.key()
        mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        shift = mods == Qt.KeyboardModifier.ShiftModifier
        if mods not in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.ShiftModifier):
            return False
        if key == Qt.Key.Key_O and not shift:
            self.toggle_opening()
        elif key == Qt.Key.Key_P and shift:
            self.parked_to_followups()
        elif key == Qt.Key.Key_P:
            self.start_parking()
        elif key == Qt.Key.Key_T and not shift:
            self.turning_point()
        elif key == Qt.Key.Key_L and not shift:
            self.closing_round()
        else:
            return False
        return True

    # ------------------------------------------------------------------ actions
    def toggle_opening(self) -> None:
        self.opening.show_for(self.controller.review)
        self.opening.setVisible(self.opening.isHidden())

    def _push(self, make: Callable[[], Edit], done: str) -> bool:
        try:
            edit = make()
        except EditError as exc:
            self.message.emit(str(exc))
            return False
        if self.controller.read_only:
            self.message.emit("This review is read-only: nothing was kept.")
            return True
        if self.controller.push(edit) is None:
            return False  # the controller says why
        self.message.emit(done)
        return True

    def start_parking(self) -> None:
        event_id = self._current_event() or ""

        def keep(text: str) -> bool:
            review = self.controller.review
            return self._push(lambda: facilitation.park(review, text, event_id), "Idea parked.")

        self.ask.ask("Park an idea for later:", keep)

    def parked_to_followups(self) -> None:
        review = self.controller.review
        count = sum(1 for p in review.parking.values() if p.followup_id not in review.followups)
        self._push(
            lambda: facilitation.parked_to_followups(review),
            f"{count} parked idea{'s' if count != 1 else ''} now on the Follow-ups board.",
        )

    def turning_point(self) -> None:
        event_id = self._current_event()
        review = self.controller.review
        event = review.events.get(event_id or "")
        if event is None:
            self.message.emit("Turning points are marked on the Timeline: go to a moment there.")
            return
        if event.turning_point:
            self._push(
                lambda: facilitation.set_turning_point(review, event.id, False),
                "No longer a turning point.",
            )
            return

        def keep(text: str) -> bool:
            current = self.controller.review
            return self._push(
                lambda: facilitation.set_turning_point(current, event.id, True, text),
                "Marked as a turning point.",
            )

        self.ask.ask("Turning point. The question it leaves open:", keep)

    def closing_round(self) -> None:
        def keep(text: str) -> bool:
            if not text.strip():
                return True  # an empty answer ends the round
            review = self.controller.review
            self._push(lambda: facilitation.add_lesson(review, text), "Added to the lessons.")
            return False

        self.ask.ask(f"{facilitation.CLOSING_QUESTION} (an empty line ends the round)", keep)
