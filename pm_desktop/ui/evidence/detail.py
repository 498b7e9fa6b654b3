"""The detail pane of the selected evidence item: what it is, and the fields people edit.

Title, note, captured-at time (typed in the review's display zone, or with a zone word such as
``09:15 PST``; a time DST makes ambiguous is asked about, never guessed), who captured it (with
the participants as suggestions) and the timeline events it supports (ticked in a list). Every
change is one edit pushed through the controller, so Undo covers it; typing in one field merges
into one undo step.

Signals:

- ``viewRequested(str)`` — show this item full size (screenshot or snippet viewer).
- ``openLinkRequested(str)`` — open this link item in the browser (the panel checks it is safe).
- ``saveRequested(str)`` — write this item's bytes or text to a file.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import replace

from PySide6.QtCore import QRectF, QSignalBlocker, QStringListModel, Qt, Signal
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPalette, QPixmap
from PySide6.QtWidgets import (
    QCompleter,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from pm_desktop.domain import ops, timeutil
from pm_desktop.domain.edits import Change, UpdateEntity
from pm_desktop.domain.model import EVENT_KIND_LABELS, Evidence
from pm_desktop.domain.redaction import Place
from pm_desktop.domain.time_input import parse_time_input, zone_label_at
from pm_desktop.ingest.evidence_intake import is_text_mime, size_text

from .. import themes, typography
from ..controller import DocumentController
from ..overview.fields import LineField, TextField, clean_line
from ..redaction_marks import SpanMarks
from .cards import badge_text
from .model import card_view

SNIPPET_PREVIEW_LINES = 12


def _muted(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setProperty("role", "muted")
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


def event_label(time: str | None, zone: str, text: str, kind: str) -> str:
    when = timeutil.format_time(time, zone, "HH:mm") if time else "untimed"
    words = " ".join(text.split())
    words = words if len(words) <= 90 else words[:89] + "…"
    return f"{when}  {EVENT_KIND_LABELS.get(kind, kind)}: {words}"


class EvidenceDetail(QScrollArea):
    viewRequested = Signal(str)
    openLinkRequested = Signal(str)
    saveRequested = Signal(str)

    def __init__(self, controller: DocumentController, parent: QWidget | None = None):
        super().__init__(parent)
        self.controller = controller
        self.item_id: str | None = None
        self._choices: tuple[str, ...] = ()
        self._choice_zone = "UTC"
        self._thumb: QImage | None = None
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setMinimumWidth(320)
        self._build()
        self.show_item(None)

    # ------------------------------------------------------------------ building
    def _build(self) -> None:
        body = QWidget()
        body.setObjectName("EvidenceDetail")
        self.setWidget(body)
        self.empty = _muted("Select a piece of evidence to see and edit it here.")
        self.kind_label = typography.mark(QLabel(), 1.0, QFont.Weight.DemiBold)
        self.facts = _muted()
        self.preview = QLabel()
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setMinimumHeight(80)
        self.snippet = QPlainTextEdit()
        self.snippet.setReadOnly(True)
        self.snippet.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.snippet.setFont(typography.mono_font())
        self.snippet.setAccessibleName("Snippet, read-only")
        self.url_label = QLabel()
        self.url_label.setTextFormat(Qt.TextFormat.PlainText)
        self.url_label.setWordWrap(True)
        self.url_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.view_button = QPushButton("View full size")
        self.open_button = QPushButton("Open link in browser")
        self.save_button = QPushButton("Save as…")
        self.view_button.clicked.connect(lambda: self._emit(self.viewRequested))
        self.open_button.clicked.connect(lambda: self._emit(self.openLinkRequested))
        self.save_button.clicked.connect(lambda: self._emit(self.saveRequested))
        actions = QHBoxLayout()
        actions.setContentsMargins(0, 0, 0, 0)
        for button in (self.view_button, self.open_button, self.save_button):
            actions.addWidget(button)
        actions.addStretch(1)

        self.title = LineField("title", "What this shows")
        self.title.setAccessibleName("Evidence title")
        self.note = TextField("note", "Why it matters, what to look at", min_lines=2, max_lines=8)
        self.note.setAccessibleName("Evidence note")
        # marked text is struck through in the snippet and the note, and left out of exports
        self.snippet_marks = SpanMarks(self.snippet, self.controller, None)
        self.note_marks = SpanMarks(self.note, self.controller, None)
        self.time = LineField("captured_at")
        self.time.setAccessibleName("Captured at")
        self.time_zone = _muted()
        self.time_message = QLabel()
        self.time_message.setWordWrap(True)
        self.time_message.setProperty("role", "error")
        self.first_button = QPushButton()
        self.second_button = QPushButton()
        self.first_button.clicked.connect(lambda: self._choose(0))
        self.second_button.clicked.connect(lambda: self._choose(1))
        choose = QHBoxLayout()
        choose.setContentsMargins(0, 0, 0, 0)
        choose.addWidget(self.first_button)
        choose.addWidget(self.second_button)
        choose.addStretch(1)
        time_row = QHBoxLayout()
        time_row.setContentsMargins(0, 0, 0, 0)
        time_row.addWidget(self.time, 1)
        time_row.addWidget(self.time_zone)
        time_box = QVBoxLayout()
        time_box.setContentsMargins(0, 0, 0, 0)
        time_box.addLayout(time_row)
        time_box.addWidget(self.time_message)
        time_box.addLayout(choose)
        self.by = LineField("captured_by", "Who captured it")
        self.by.setAccessibleName("Captured by")
        self.people = QStringListModel(self)
        completer = QCompleter(self.people, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.by.setCompleter(completer)
        self.events = QListWidget()
        self.events.setAccessibleName("Timeline events this supports")
        self.events.setMinimumHeight(160)
        self.events.setWordWrap(True)
        self.events.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.events.setVerticalScrollMode(QListWidget.ScrollMode.ScrollPerPixel)
        self.events.setUniformItemSizes(False)
        self.events.setAlternatingRowColors(True)
        self._style_events()
        themes.notifier().themeChanged.connect(self._style_events)
        self.events_hint = _muted("Tick the timeline events this evidence supports.")

        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for text, field, buddy in (
            ("&Title", self.title, self.title),
            ("&Note", self.note, self.note),
            ("Captured &at", time_box, self.time),
            ("Captured &by", self.by, self.by),
        ):
            label = QLabel(text)
            label.setBuddy(buddy)
            self.form.addRow(label, field)
        self.content = QWidget()
        content = QVBoxLayout(self.content)
        content.setContentsMargins(0, 0, 0, 0)
        content.setSpacing(8)
        content.addWidget(self.kind_label)
        content.addWidget(self.facts)
        content.addWidget(self.preview)
        content.addWidget(self.snippet)
        content.addWidget(self.url_label)
        content.addLayout(actions)
        content.addSpacing(6)
        content.addLayout(self.form)
        content.addWidget(
            typography.mark(QLabel("Supports these timeline events"), 1.0, QFont.Weight.DemiBold)
        )
        content.addWidget(self.events_hint)
        content.addWidget(self.events, 1)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.addWidget(self.empty)
        layout.addWidget(self.content, 1)
        layout.addStretch(0)

        self.title.edited.connect(self._edit_line)
        self.by.edited.connect(self._edit_line)
        self.note.edited.connect(self._edit_note)
        self.time.editingFinished.connect(self.commit_time)
        self.events.itemChanged.connect(self._event_toggled)
        self.controller.changed.connect(self.on_changed)
        self.controller.documentReplaced.connect(lambda: self.show_item(None))

    def _style_events(self, _theme: str = "") -> None:
        """Fusion outlines check boxes with a darker shade of the Window colour, which vanishes
        on dark backgrounds; give this list a Window colour its outlines can be seen against."""
        colors = themes.colors()
        palette = self.events.palette()
        if colors.name == "light":
            palette = QPalette(self.palette())
        else:
            palette.setColor(QPalette.ColorRole.Window, QColor(colors.muted).lighter(115))
        self.events.setPalette(palette)

    # ------------------------------------------------------------------ showing
    @property
    def item(self) -> Evidence | None:
        return self.controller.review.evidence.get(self.item_id) if self.item_id else None

    def set_thumbnail(self, image: QImage | None) -> None:
        """The selected screenshot's thumbnail (the panel hands it over when it is ready)."""
        self._thumb = image
        self._show_preview()

    def show_item(self, item_id: str | None) -> None:
        if item_id != self.item_id:
            self._thumb = None
            self._set_time_message("")
        self.item_id = item_id
        item = self.item
        self.empty.setVisible(item is None)
        self.content.setVisible(item is not None)
        if item is None:
            self.item_id = None
            return
        review = self.controller.review
        view = card_view(review, item)
        self.kind_label.setText(badge_text(view))
        facts: list[str] = []
        if view.pixels[0]:
            facts.append(f"{view.pixels[0]}×{view.pixels[1]} pixels")
        if item.filename:
            facts.append(item.filename)
        if view.size:
            facts.append(view.preview[1] if item.kind == "file" else size_text(view.size))
        if item.kind == "text":
            facts.append(f"{item.text.count(chr(10)) + 1} lines")
        boxes = len(review.boxes_for(item.id))
        if boxes:
            facts.append(f"{boxes} redacted area{'s' if boxes != 1 else ''} (filled in exports)")
        self.facts.setText(" · ".join(facts))
        self.url_label.setVisible(item.kind == "link")
        self.url_label.setText(
            item.url if view.url_safe else f"{item.url}\n(not a web link; it will not be opened)"
        )
        self.snippet.setVisible(item.kind == "text")
        if item.kind == "text" and self.snippet.toPlainText() != item.text:
            self.snippet.setPlainText(item.text)
            lines = min(SNIPPET_PREVIEW_LINES, item.text.count("\n") + 1)
            self.snippet.setFixedHeight(self.snippet.fontMetrics().lineSpacing() * lines + 16)
        self.view_button.setVisible(
            item.kind in ("image", "text") or (item.kind == "file" and is_text_mime(item.mime))
        )
        self.view_button.setText("View full size" if item.kind == "image" else "Open in viewer")
        self.view_button.setToolTip(
            "Look closely; draw boxes over what must not be shared" if item.kind == "image" else ""
        )
        self.open_button.setVisible(item.kind == "link")
        self.open_button.setEnabled(view.url_safe)
        self.save_button.setVisible(item.kind != "link")
        self._show_preview()
        self.title.show_value(item.title)
        self.note.show_value(item.note)
        self.snippet_marks.set_place(Place("evidence", item.id, "text"))
        self.note_marks.set_place(Place("evidence", item.id, "note"))
        self.by.show_value(item.captured_by)
        self.people.setStringList([p.name for p in review.sorted_people()])
        if not self.time.hasFocus():
            self._show_time(item)
        self._fill_events(item)
        writable = not self.controller.read_only
        for widget in (self.title, self.by, self.time):
            widget.setReadOnly(not writable)
        self.note.setReadOnly(not writable)
        self.events.setEnabled(writable)

    def _show_preview(self) -> None:
        item = self.item
        image = self._thumb if item is not None and item.kind == "image" else None
        self.preview.setVisible(item is not None and item.kind == "image")
        if image is None or image.isNull():
            self.preview.setPixmap(QPixmap())
            self.preview.setText("Loading preview…")
        else:
            width = max(120, min(image.width(), self.viewport().width() - 40))
            pixmap = QPixmap.fromImage(image)
            if pixmap.width() > width:
                pixmap = pixmap.scaledToWidth(width, Qt.TransformationMode.SmoothTransformation)
            self.preview.setPixmap(self._with_boxes(item, pixmap))

    def _with_boxes(self, item: Evidence, pixmap: QPixmap) -> QPixmap:
        """The preview as an export will show it: redaction boxes filled in."""
        review = self.controller.review
        boxes = review.boxes_for(item.id)
        info = review.blobs.get(item.blob or "")
        if not boxes or info is None or not info.width or not info.height:
            return pixmap
        sx, sy = pixmap.width() / info.width, pixmap.height() / info.height
        painter = QPainter(pixmap)
        for box in boxes:
            painter.fillRect(
                QRectF(box.x * sx, box.y * sy, box.w * sx, box.h * sy), QColor(0, 0, 0)
            )
        painter.end()
        return pixmap

    def _show_time(self, item: Evidence) -> None:
        zone = self.controller.review.meta.display_tz
        if item.captured_at:
            fmt = (
                "YYYY-MM-DD HH:mm:ss"
                if not item.captured_at.endswith("00Z")
                else "YYYY-MM-DD HH:mm"
            )
            self.time.setText(timeutil.format_time(item.captured_at, zone, fmt))
            label = zone_label_at(item.captured_at, zone)
        else:
            self.time.setText("")
            label = zone
        self.time.setPlaceholderText(f"e.g. 2025-03-12 09:15 or 09:15 PST (shown in {zone})")
        hint = label
        if item.captured_at and item.captured_tz != zone:
            local = timeutil.format_time(item.captured_at, item.captured_tz, "HH:mm")
            hint = (
                f"{label} · entered as {local} {zone_label_at(item.captured_at, item.captured_tz)}"
            )
        self.time_zone.setText(hint)

    def _fill_events(self, item: Evidence) -> None:
        """Tick the linked events. Rows are rebuilt only when the events themselves changed, so
        a tick (which arrives here through the change it made) never deletes its own row."""
        review = self.controller.review
        zone = review.meta.display_tz
        wanted = [
            (event.id, event_label(event.time, zone, event.text, event.kind))
            for event in review.sorted_events()
        ]
        current = [
            (row.data(Qt.ItemDataRole.UserRole), row.text())
            for row in (self.events.item(i) for i in range(self.events.count()))
        ]
        blocker = QSignalBlocker(self.events)
        if wanted != current:
            self.events.clear()
            for event_id, label in wanted:
                row = QListWidgetItem(label)
                row.setData(Qt.ItemDataRole.UserRole, event_id)
                row.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
                row.setCheckState(Qt.CheckState.Unchecked)  # shows the box
                self.events.addItem(row)
        for i in range(self.events.count()):
            row = self.events.item(i)
            linked = row.data(Qt.ItemDataRole.UserRole) in item.event_ids
            state = Qt.CheckState.Checked if linked else Qt.CheckState.Unchecked
            if row.checkState() != state:
                row.setCheckState(state)
        self.events_hint.setText(
            "The review has no timeline events yet."
            if not review.events
            else "Tick the timeline events this evidence supports."
        )
        del blocker

    def on_changed(self, change: Change) -> None:
        if self.item_id is None:
            return
        if (
            self.item_id in change.ids("evidence")
            or change.touches("boxes")
            or change.touches("events")
            or change.touches("people")
            or "display_tz" in change.fields
        ):
            self.show_item(
                self.item_id if self.item_id in self.controller.review.evidence else None
            )

    # ------------------------------------------------------------------ editing
    def _emit(self, signal) -> None:
        if self.item_id:
            signal.emit(self.item_id)

    def _update(self, merge_key: str | None, **changes: object) -> bool:
        item = self.item
        if item is None:
            return False
        new = replace(item, **changes)  # type: ignore[arg-type]
        if new == item:
            return True
        return self.controller.push(UpdateEntity(item, new, "Edit evidence"), merge_key) is not None

    def _edit_line(self, field: str, value: str) -> None:
        self._update(f"evidence:{self.item_id}:{field}", **{field: clean_line(value)})

    def _edit_note(self, _field: str, value: str) -> None:
        self._update(f"evidence:{self.item_id}:note", note=value)

    def commit_time(self) -> bool:
        """Read the captured-at field; True when the item now has that time."""
        item = self.item
        if item is None or self.controller.read_only:
            return False
        text = self.time.text().strip()
        if not text:
            self._set_time_message("")
            return self._update(None, captured_at=None)
        review = self.controller.review
        zone = review.meta.display_tz
        result = parse_time_input(text, default_date=self._default_date(item), zone=zone)
        if result.status == "ok":
            self._set_time_message("")
            done = self._update(None, captured_at=result.instant, captured_tz=result.zone)
            self._show_time(self.item or item)
            return done
        if result.status in ("ambiguous", "nonexistent"):
            self._choices = result.choices
            self._choice_zone = result.zone
            self._set_time_message(result.message, choices=result.choices, zone=result.zone)
            return False
        self._set_time_message(result.message)
        return False

    def _default_date(self, item: Evidence) -> _dt.date:
        zone = self.controller.review.meta.display_tz
        if item.captured_at:
            return timeutil.in_zone(item.captured_at, zone).date()
        incident = self.controller.review.meta.incident_date
        if incident and timeutil.is_valid_date(incident):
            return timeutil.parse_date(incident)
        return _dt.date.today()

    def _set_time_message(
        self, message: str, *, choices: tuple[str, ...] = (), zone: str = ""
    ) -> None:
        self.time_message.setText(message)
        self.time_message.setVisible(bool(message))
        for button, choice in zip(
            (self.first_button, self.second_button), (*choices, "", "")[:2], strict=True
        ):
            button.setVisible(bool(choice))
            if choice:
                local = timeutil.format_time(choice, zone, "HH:mm")
                button.setText(f"{local} {zone_label_at(choice, zone)}")
        if not choices:
            self._choices = ()

    def _choose(self, which: int) -> None:
        if which < len(self._choices):
            zone = self._choice_zone
            instant = self._choices[which]
            self._set_time_message("")
            self._update(None, captured_at=instant, captured_tz=zone)
            if self.item is not None:
                self._show_time(self.item)

    def _event_toggled(self, row: QListWidgetItem) -> None:
        item = self.item
        event_id = row.data(Qt.ItemDataRole.UserRole)
        if item is None or not isinstance(event_id, str):
            return
        review = self.controller.review
        if row.checkState() == Qt.CheckState.Checked:
            if event_id not in item.event_ids:
                self.controller.push(ops.link_evidence(review, item.id, event_id))
        elif event_id in item.event_ids:
            self.controller.push(ops.unlink_evidence(review, item.id, event_id))
