"""The capture window: a small always-on-top note pad for use *during* an incident.

Type what just happened and press Enter: the note becomes a timeline event stamped with the
current time (UTC underneath, shown in the review's display zone). A leading ``!impact``,
``!detected``, ``!mitigated``, ``!resolved`` … sets the event kind (``!ack`` and the other short
forms the paste parser knows work too). A leading ``21:05`` (``21:05:30``, or ``~21:05`` when
approximate) back-dates the note, in the display zone, with the markers in any order. Ctrl+V
with a picture on the clipboard stores the screenshot and adds an event with the picture linked
to it as evidence — one undoable step — and shows a thumbnail to confirm it. It works on an
untitled review, because a new review is a file from its first keystroke. It opens fully on
its screen and moves off a dialog's buttons (see :mod:`.capture_place`).

The clock is injectable so tests can freeze it.

Signals:

- ``captured(str)`` — the id of an event the window just added.
- ``message(str)`` — a sentence shown in the window (and for the status bar).
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable

from PySide6.QtCore import QBuffer, QByteArray, QEvent, QIODevice, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QGuiApplication, QImage, QKeyEvent, QKeySequence, QPixmap
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pm_desktop.domain import ops, timeutil
from pm_desktop.domain.edits import AddEntity, Batch, Change
from pm_desktop.domain.model import MAX_TEXT
from pm_desktop.ingest.capture_note import CaptureNote, NoteTimeError
from pm_desktop.ingest.capture_note import read_note as read_capture_note
from pm_desktop.ingest.images import ImageRejected, inspect_image
from pm_desktop.store.document import StoreError

from .. import typography
from ..controller import DocumentController
from . import capture_place, formatting, symbols

Clock = Callable[[], _dt.datetime]
RECENT = 6
THUMB = QSize(160, 90)
HINT = (
    "Enter adds the note at the current time; Ctrl+V adds a screenshot.\n"
    "Set the kind with a prefix:  !impact  !detected  !ack  !mitigated  !resolved  !action\n"
    "Start with a time to back-date it:  21:05 …  or  ~21:05 … when approximate"
)


def png_bytes(image: QImage) -> bytes:
    """A QImage as PNG bytes (screenshots from the clipboard come as images, not files)."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data.data())


def read_note(text: str) -> tuple[str, str]:
    """``"!mitigated Rolled back"`` → ``("mitigated", "Rolled back")``; without a prefix the
    note is a plain note (nothing is guessed while the incident is running)."""
    note = read_capture_note(text)
    return note.kind, note.text


class CaptureWindow(QWidget):
    captured = Signal(str)
    message = Signal(str)

    def __init__(
        self,
        controller: DocumentController,
        parent: QWidget | None = None,
        *,
        clock: Clock | None = None,
    ):
        super().__init__(parent, Qt.WindowType.Tool | Qt.WindowType.WindowStaysOnTopHint)
        self.setObjectName("CaptureWindow")
        self.setWindowTitle("Capture notes")
        self.controller = controller
        self.clock = clock
        self._mine: list[str] = []  # events added here, newest last
        self.clock_label = typography.mark(QLabel(""), 1.35, QFont.Weight.Bold)
        self.clock_label.setAccessibleName("Current time")
        self.zone_label = typography.mark(QLabel(""), 0.9)
        self.zone_label.setProperty("role", "muted")
        self.input = QLineEdit()
        self.input.setPlaceholderText("What just happened?")
        self.input.setAccessibleName("Note")
        self.input.setClearButtonEnabled(True)
        self.input.setMaxLength(MAX_TEXT)  # a pasted log must not be cut at 32,767 characters
        self.input.returnPressed.connect(self.add_note)
        self.input.installEventFilter(self)
        typography.mark(self.input, 1.15)
        self.hint = typography.mark(QLabel(HINT), 0.85)
        self.hint.setWordWrap(True)
        self.hint.setProperty("role", "muted")
        self.status = typography.mark(QLabel(""), 0.9)
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setProperty("role", "problem")
        self.status.hide()
        # A pasted screenshot is confirmed with a thumbnail of what was stored.
        self.thumb = QLabel()
        self.thumb.setAccessibleName("Last screenshot added")
        self.thumb.setFixedSize(THUMB)
        self.thumb.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.thumb_note = typography.mark(QLabel(""), 0.85)
        self.thumb_note.setWordWrap(True)
        self.thumb_note.setTextFormat(Qt.TextFormat.PlainText)
        self.thumb_row = QWidget()
        thumb_layout = QHBoxLayout(self.thumb_row)
        thumb_layout.setContentsMargins(0, 0, 0, 0)
        thumb_layout.addWidget(self.thumb)
        thumb_layout.addWidget(self.thumb_note, 1)
        self.thumb_row.hide()
        self.recent = QListWidget()
        self.recent.setAccessibleName("Recent notes")
        self.recent.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.recent.setWordWrap(True)
        self.recent.setUniformItemSizes(False)
        top = QHBoxLayout()
        top.addWidget(self.clock_label)
        top.addStretch(1)
        top.addWidget(self.zone_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 12)
        layout.setSpacing(6)
        layout.addLayout(top)
        layout.addWidget(self.input)
        layout.addWidget(self.hint)
        layout.addWidget(self.status)
        layout.addWidget(self.thumb_row)
        layout.addWidget(self.recent, 1)
        self._ticker = QTimer(self)
        self._ticker.timeout.connect(self._tick)
        self._ticker.start(1000)
        controller.changed.connect(self._on_changed)
        controller.documentReplaced.connect(self._on_replaced)
        controller.commitRequested.connect(self._commit_pending)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._on_focus_changed)
        typography.apply(self)
        self.resize(440, 330)
        self._tick()

    # ------------------------------------------------------------------ time
    def now(self) -> str:
        return timeutil.now_canonical(self.clock)

    @property
    def zone(self) -> str:
        return formatting.safe_zone(self.controller.review.meta.display_tz)

    def _tick(self) -> None:
        now = formatting.local(self.now(), self.zone)
        self.clock_label.setText(f"{now:%H:%M:%S}")
        self.zone_label.setText(f"{self.zone} · {now:%a} {now.day} {now:%b %Y}")

    # ------------------------------------------------------------------ notes
    def _can_write(self) -> bool:
        if self.controller.document is None:
            self._say("Open or create a review first; notes are saved into it.")
            return False
        if self.controller.read_only:
            self._say("This review is open read-only; notes cannot be added.")
            return False
        return True

    def add_note(self) -> str | None:
        """Add what is typed as an event at *now*. Returns the new event's id."""
        text = self.input.text()
        if not text.strip():
            return None
        if not self._can_write():
            return None
        note = self._read(text)
        if note is None:
            return None
        review = self.controller.review
        edit = ops.add_event(
            review,
            note.time or self.now(),
            note.text,
            kind=note.kind,
            tz=self.zone,
            approximate=note.approximate,
            source="capture",
        )
        edit = AddEntity(edit.entity, "Capture note")
        if not self.controller.push(edit):
            self._say("The note was not added; it is still in the box.")
            return None
        self.input.clear()
        return self._done(edit.entity.id)

    def _read(self, text: str) -> CaptureNote | None:
        """The typed note with its markers and back-dated time; None (said why) when the time
        cannot be read as one moment."""
        try:
            return read_capture_note(text, self.now(), self.zone)
        except NoteTimeError as exc:
            self._say(str(exc))
            return None

    def paste_image(self, image: QImage) -> str | None:
        """Store ``image`` as a screenshot and add an event at *now* with it linked."""
        if image.isNull():
            self._say("The clipboard picture is empty.")
            return None
        if not self._can_write():
            return None
        data = png_bytes(image)
        try:
            info = inspect_image(data)
        except ImageRejected as exc:
            self._say(f"The screenshot was not added: {exc}.")
            return None
        typed = self.input.text()
        note = self._read(typed) if typed.strip() else CaptureNote("note", "")
        if note is None:
            return None
        document = self.controller.document
        assert document is not None
        now = self.now()
        try:
            blob = document.put_blob(
                data, "image/png", width=info.width, height=info.height, captured_at=now
            )
        except (StoreError, OSError, ValueError) as exc:
            self._say(f"The screenshot could not be stored: {exc}")
            return None
        review = self.controller.review
        body = note.text
        shown = formatting.show_time(now, self.zone)
        event_edit = ops.add_event(
            review,
            note.time or now,
            body or f"Screenshot captured at {shown.clock} {self.zone}",
            kind=note.kind,
            tz=self.zone,
            approximate=note.approximate,
            source="capture",
        )
        evidence = ops.new_evidence(
            review,
            "image",
            title=body[:200] if body else f"Screenshot {shown.full} {self.zone}",
            blob=blob.sha256,
            mime="image/png",
            filename=f"screenshot-{shown.full.replace(' ', '-').replace(':', '')}.png",
            captured_at=now,
            captured_tz=self.zone,
            event_ids=(event_edit.entity.id,),
            source="capture",
        )
        edit = Batch((event_edit, AddEntity(evidence)), "Capture screenshot")
        if not self.controller.push(edit):
            self._say("The screenshot was not added.")
            return None
        self.input.clear()
        event_id = self._done(event_edit.entity.id)
        self._confirm_screenshot(image, shown.clock)
        return event_id

    def _confirm_screenshot(self, image: QImage, clock: str) -> None:
        picture = QPixmap.fromImage(image).scaled(
            THUMB, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
        )
        self.thumb.setPixmap(picture)
        self.thumb_note.setText(
            f"Screenshot added ({image.width()} × {image.height()}) at {clock} {self.zone}."
        )
        self.thumb_row.show()

    def _done(self, event_id: str) -> str:
        self._mine.append(event_id)
        self.status.hide()
        self.thumb_row.hide()
        self._show_recent()
        self.captured.emit(event_id)
        return event_id

    def _say(self, text: str) -> None:
        self.status.setText(text)
        self.status.show()
        self.message.emit(text)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt's name
        """Ctrl+V with a picture on the clipboard adds a screenshot; text pastes as usual."""
        if watched is self.input and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.matches(QKeySequence.StandardKey.Paste):
                mime = QGuiApplication.clipboard().mimeData()
                if mime is not None and mime.hasImage():
                    image = QImage(mime.imageData())
                    self.paste_image(image)
                    return True
        return super().eventFilter(watched, event)

    # ------------------------------------------------------------------ recent list
    def _show_recent(self) -> None:
        events = self.controller.review.events
        evidence_for = {}
        for item in self.controller.review.evidence.values():
            for eid in item.event_ids:
                evidence_for[eid] = evidence_for.get(eid, 0) + 1
        self._mine = [eid for eid in self._mine if eid in events]
        self.recent.clear()
        for event_id in reversed(self._mine[-RECENT:]):
            event = events[event_id]
            shown = formatting.show_time(event.time, self.zone) if event.time else None
            clock = shown.clock if shown else "—"
            clip = "  (screenshot)" if evidence_for.get(event_id) else ""
            item = QListWidgetItem(
                symbols.kind_icon(event.kind),
                f"{clock}  {symbols.kind_label(event.kind)} — {formatting.first_line(event.text, 160)}{clip}",
            )
            item.setData(Qt.ItemDataRole.UserRole, event_id)
            item.setToolTip(formatting.plain_tooltip(event.text))
            self.recent.addItem(item)

    def recent_texts(self) -> list[str]:
        return [self.recent.item(i).text() for i in range(self.recent.count())]

    def _on_changed(self, change: Change) -> None:
        if change.touches("events") or change.touches("evidence") or "display_tz" in change.fields:
            self._show_recent()
            self._tick()

    def _commit_pending(self) -> None:
        """A note typed but not yet added is added before the review closes."""
        if self.input.text().strip() and self._can_write():
            self.add_note()

    def _on_replaced(self) -> None:
        self._mine.clear()
        self._show_recent()
        self._tick()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        super().changeEvent(event)
        if typography.is_font_change(event):
            typography.apply(self)

    # ------------------------------------------------------------------ placement
    def _on_focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        dialog = new.window() if new is not None else None
        if isinstance(dialog, QDialog) and dialog.isVisible() and self.isVisible():
            self.step_aside(dialog)

    def step_aside(self, dialog: QDialog) -> None:
        """Move off ``dialog``'s buttons (and off the dialog when a corner allows it)."""
        capture_place.place(self, [dialog])


def open_capture_window(
    controller: DocumentController, parent: QWidget | None = None, *, clock: Clock | None = None
) -> CaptureWindow:
    """Show the capture window for ``controller`` (one per parent window, reused)."""
    existing = parent.findChild(CaptureWindow, "CaptureWindow") if parent is not None else None
    window = (
        existing
        if isinstance(existing, CaptureWindow) and existing.controller is controller
        else None
    )
    if window is None:
        window = CaptureWindow(controller, parent, clock=clock)
    window.show()
    capture_place.place(window)
    window.raise_()
    window.activateWindow()
    window.input.setFocus()
    return window
