"""The Overview panel: what the incident was, how bad, who was there, what we learned.

It is the first thing a facilitator projects, so it is one calm, centred column in large type.
A compact checklist from the review coach sits under the facts (:mod:`.checklist`), and
:meth:`OverviewPanel.focus_field` lets the coach's notes lead to the field they are about.
Every edit goes through ``controller.push``; typing in a field merges into one undo step per
field. Refreshes come from ``controller.changed`` and touch only the fields that changed, so the
field being typed in keeps its cursor.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QMimeData, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from pm_desktop.domain import search, timeutil
from pm_desktop.domain.date_suggestion import suggested_incident_date
from pm_desktop.domain.edits import Change, set_field
from pm_desktop.domain.model import REVIEW_STATUS_LABELS, REVIEW_STATUSES, SEVERITIES
from pm_desktop.domain.places import Place
from pm_desktop.domain.prompts import HINTS
from pm_desktop.domain.revisions import set_status
from pm_desktop.domain.search import Query

from .. import typography
from ..coach.index import coach_index
from ..controller import DocumentController
from ..panel import Panel, catches_up
from ..redaction_marks import SpanMarks
from .checklist import ReviewChecklist
from .fields import (
    ChoiceField,
    DateField,
    LineField,
    SuggestField,
    TextField,
    ZoneField,
    select_span,
)
from .meeting import EDIT_LABELS as MEETING_LABELS
from .meeting import MeetingSection
from .metrics import MetricsStrip
from .participants import ParticipantsEditor
from .present import OverviewPresentation
from .recurrence import RecurrenceSection
from .unfolding import EDIT_LABELS as UNFOLDING_LABELS
from .unfolding import UnfoldingSection

EDIT_LABELS = {
    "title": "Edit title",
    "incident_date": "Change incident date",
    "severity": "Change severity",
    "status": "Change review status",
    "display_tz": "Change display time zone",
    "confidentiality": "Edit confidentiality label",
    "authors": "Edit authors",
    "summary": "Edit summary",
    "impact": "Edit impact",
    "lessons_went_well": "Edit “what went well”",
    "lessons_went_wrong": "Edit “what went wrong”",
    "lessons_got_lucky": "Edit “where we got lucky”",
}
# Typing merges into one undo step per field; picking from a list does not.
TYPED_FIELDS = {
    "title",
    "confidentiality",
    "authors",
    "summary",
    "impact",
    "lessons_went_well",
    "lessons_went_wrong",
    "lessons_got_lucky",
    "incident_date",
}
SEVERITY_CHOICES = [("Not set", "")] + [
    (f"{s} — {d}", s)
    for s, d in zip(SEVERITIES[1:], ("critical", "major", "minor", "low"), strict=True)
]
CONFIDENTIALITY_SUGGESTIONS = ["Internal", "Confidential", "Restricted", "Public"]
# Checklist items that an editor on this panel answers (the rest focus their checklist line).
CHECK_FIELDS = {"time_zone": "display_tz"}
LESSON_FIELDS = ("lessons_went_well", "lessons_went_wrong", "lessons_got_lucky")


def _caption(text: str) -> QLabel:
    label = typography.mark(QLabel(text), 0.98, QFont.Weight.DemiBold)
    label.setProperty("role", "muted")
    return label


def _hint(text: str) -> QLabel:
    label = typography.mark(QLabel(text), 0.98)
    label.setProperty("role", "muted")
    label.setWordWrap(True)
    return label


def _heading(text: str) -> QLabel:
    label = typography.mark(QLabel(text), 1.4, QFont.Weight.Bold)
    label.setProperty("role", "heading")
    return label


class OverviewPanel(Panel):
    key = "overview"
    title = "Overview"

    def __init__(self, controller: DocumentController, parent: QWidget | None = None):
        super().__init__(controller, parent)
        self._presentation: OverviewPresentation | None = None
        self._find: tuple[str, int] = ("", -1)
        self.editors: dict[str, object] = {}

        self.title_field = typography.mark(
            LineField("title", "Name the incident in a few words"), 1.9, QFont.Weight.Bold
        )
        self.title_field.setAccessibleName("Review title")
        self.date_field = DateField("incident_date")
        self.severity_field = ChoiceField("severity", SEVERITY_CHOICES)
        self.status_field = ChoiceField(
            "status", [(REVIEW_STATUS_LABELS[s], s) for s in REVIEW_STATUSES]
        )
        self.zone_field = ZoneField("display_tz")
        self.confidentiality_field = SuggestField("confidentiality", CONFIDENTIALITY_SUGGESTIONS)
        self.authors_field = LineField("authors", "Who wrote this review")
        # The template's prompts are grey hints in empty editors, never stored text.
        self.summary_field = TextField("summary", HINTS["summary"])
        self.impact_field = TextField("impact", HINTS["impact"])
        self.lesson_fields = [
            TextField(name, HINTS[name], min_lines=4)
            for name in ("lessons_went_well", "lessons_went_wrong", "lessons_got_lucky")
        ]
        named = (
            (self.authors_field, "Authors"),
            (self.summary_field, "Summary"),
            (self.impact_field, "Impact"),
            *zip(
                self.lesson_fields,
                ("What went well", "What went wrong", "Where we got lucky"),
                strict=True,
            ),
        )
        for widget, name in named:
            widget.setAccessibleName(name)
        for widget in (
            self.title_field,
            self.date_field,
            self.severity_field,
            self.status_field,
            self.zone_field,
            self.confidentiality_field,
            self.authors_field,
            self.summary_field,
            self.impact_field,
            *self.lesson_fields,
        ):
            self.editors[widget.field] = widget
            widget.edited.connect(self._on_edited)
        for lesson in self.lesson_fields:
            lesson.peers = [f for f in self.lesson_fields if f is not lesson]
        for name in ("summary", "impact", *(f.field for f in self.lesson_fields)):
            typography.mark(self.editors[name], 1.15)  # type: ignore[arg-type]
            # text the user marks as redacted is struck through here and left out of exports
            SpanMarks(self.editors[name], controller, Place("review", "", name))  # type: ignore[arg-type]
        self.recurrence = RecurrenceSection(controller, _caption("Seen before"))
        for widget in (
            self.authors_field,
            self.confidentiality_field,
            self.zone_field,
            self.severity_field,
            self.status_field,
            self.date_field.editor,
            self.date_field.set_button,
        ):
            typography.mark(widget, 1.1)
        self.zone_field.invalid.connect(self.controller.error)
        self.zone_note = _hint("")
        self.metrics = MetricsStrip()
        self.participants = ParticipantsEditor(controller)
        typography.mark(self.participants.view, 1.1)
        typography.mark(self.participants.view.horizontalHeader(), 1.0, QFont.Weight.DemiBold)
        self.checklist = ReviewChecklist(coach_index(controller))
        self.meeting = MeetingSection()
        self.unfolding = UnfoldingSection()
        for widget in (*self.meeting.editors, self.meeting.date_field, *self.unfolding.editors):
            self.editors[widget.field] = widget
            widget.edited.connect(self._on_edited)
        for widget in (self.unfolding.trigger_field, *self.unfolding.phase_fields):
            SpanMarks(widget, controller, Place("review", "", widget.field))

        self._build_layout()
        typography.apply(self)
        self.on_document_replaced()

    # ------------------------------------------------------------------ layout
    def _build_layout(self) -> None:
        # Built from the outside in: each editor is put into a column that already sits in the
        # panel, so it is moved (and its style and font worked out) once, not once per level.
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        outer.addWidget(self.scroll)
        holder = QWidget()
        row = QHBoxLayout(holder)
        row.setContentsMargins(24, 0, 24, 0)
        column = QWidget()
        column.setObjectName("OverviewColumn")
        row.addStretch(1)
        row.addWidget(column, 100)
        row.addStretch(1)
        self.scroll.setWidget(holder)
        col = QVBoxLayout(column)
        col.setContentsMargins(8, 24, 8, 40)
        col.setSpacing(10)

        col.addWidget(_caption("Incident review"))
        col.addWidget(self.title_field)
        col.addSpacing(6)

        facts = QGridLayout()
        facts.setHorizontalSpacing(18)
        facts.setVerticalSpacing(14)
        cells = (
            ("Incident date", self.date_field),
            ("Severity", self.severity_field),
            ("Review status", self.status_field),
            ("Time zone for all times", self.zone_field),
            ("Confidentiality", self.confidentiality_field),
            ("Authors", self.authors_field),
        )
        for i, (caption, widget) in enumerate(cells):
            cell = QVBoxLayout()
            cell.setSpacing(4)
            cell.addWidget(_caption(caption))
            cell.addWidget(widget)
            facts.addLayout(cell, i // 3, i % 3)
        for c in range(3):
            facts.setColumnStretch(c, 1)
        col.addLayout(facts)
        col.addWidget(self.zone_note)
        col.addSpacing(4)
        col.addWidget(self.recurrence)  # with its own caption; hidden when it has nothing to say
        col.addSpacing(8)
        col.addWidget(self.checklist)

        col.addSpacing(18)
        col.addWidget(_heading("Response times"))
        col.addWidget(
            _hint(
                "Measured from the timeline’s milestones: impact starts, detected, acknowledged, "
                "mitigated and resolved."
            )
        )
        col.addWidget(self.metrics)

        col.addSpacing(18)
        col.addWidget(_heading("Summary"))
        col.addWidget(self.summary_field)
        col.addSpacing(10)
        col.addWidget(_heading("Impact"))
        col.addWidget(self.impact_field)
        col.addSpacing(10)
        col.addWidget(_heading("How it unfolded"))
        col.addWidget(self.unfolding)

        col.addSpacing(18)
        col.addWidget(_heading("Lessons"))
        lessons = QGridLayout()
        lessons.setHorizontalSpacing(14)
        lessons.setVerticalSpacing(4)
        for i, (caption, widget) in enumerate(
            zip(
                ("What went well", "What went wrong", "Where we got lucky"),
                self.lesson_fields,
                strict=True,
            )
        ):
            lessons.addWidget(_caption(caption), 0, i)
            lessons.addWidget(widget, 1, i, Qt.AlignmentFlag.AlignTop)
            lessons.setColumnStretch(i, 1)
        col.addLayout(lessons)

        col.addSpacing(18)
        col.addWidget(_heading("The review meeting"))
        col.addWidget(self.meeting)

        col.addSpacing(18)
        col.addWidget(_heading("Participants"))
        col.addWidget(
            _hint(
                "Everyone who responded, was consulted or was affected. Double-click a cell to "
                "edit; paste lines of names (tab-separated role, team, contribution) to add several."
            )
        )
        col.addWidget(self.participants)
        col.addStretch(1)

        self._column = column
        self._fit_column()

    def _fit_column(self) -> None:
        """A readable measure (never wider), and fact fields of one comfortable height."""
        self._column.setMaximumWidth(self.fontMetrics().averageCharWidth() * 175)
        facts = (
            self.date_field.set_button,
            self.date_field.editor,
            self.severity_field,
            self.status_field,
            self.zone_field,
            self.confidentiality_field,
            self.authors_field,
        )
        height = max(w.fontMetrics().height() for w in facts) + 16
        for widget in facts:
            widget.setMinimumHeight(height)
        self.date_field.clear_button.setMinimumHeight(height)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        super().changeEvent(event)
        if typography.is_font_change(event):
            typography.apply(self)
            self._fit_column()

    # ------------------------------------------------------------------ edits
    def _on_edited(self, field: str, value: str) -> None:
        review = self.controller.review
        if getattr(review.meta, field) == value:
            return
        typed = field in TYPED_FIELDS or field in UNFOLDING_LABELS or field in MEETING_LABELS
        merge = f"overview.{field}" if typed and field != "meeting_date" else None
        label = EDIT_LABELS.get(field) or MEETING_LABELS.get(field) or UNFOLDING_LABELS.get(field)
        if field == "status":  # the revision history records when, in the same undo step
            edit = set_status(review, value, timeutil.now_canonical(), label or "")
        else:
            edit = set_field(review, field, value, label or "")
        if not self.controller.push(edit, merge_key=merge):
            # Keep what the user typed in text fields (nothing is lost); lists snap back.
            if not typed or field in ("incident_date", "meeting_date"):
                self._show_field(field)

    def _show_field(self, field: str) -> None:
        widget = self.editors.get(field)
        if widget is not None:
            widget.show_value(getattr(self.controller.review.meta, field))  # type: ignore[attr-defined]

    # ------------------------------------------------------------------ refresh
    def on_document_replaced(self) -> None:
        for field in self.editors:
            self._show_field(field)
        read_only = self.controller.read_only
        for widget in self.editors.values():
            if isinstance(widget, (LineField, TextField)):
                widget.setReadOnly(read_only)
            elif isinstance(widget, DateField):
                widget.set_read_only(read_only)
            else:
                widget.setEnabled(not read_only)  # type: ignore[attr-defined]
        self.participants.refresh_state()
        self.meeting.refresh(self.controller.review)
        self.recurrence.on_document_replaced()
        self.meeting.refresh_history(self.controller.review)
        self._refresh_times()
        self._refresh_presentation()

    def on_changed(self, change: Change) -> None:
        for field in change.fields:
            self._show_field(field)
        self.recurrence.on_changed(change)
        if change.touches("events") or {"display_tz", "incident_date"} & set(change.fields):
            self._refresh_times()
        if change.touches("people"):
            self.participants.refresh_state()
        if change.touches("whys") or change.touches("followups"):
            self.meeting.refresh(self.controller.review)
        self.meeting.refresh_history(self.controller.review)  # "last changed" moves with any edit
        self._refresh_presentation()

    def _refresh_times(self) -> None:
        review = self.controller.review
        self.metrics.refresh(review)
        self.date_field.set_suggestion(suggested_incident_date(review))
        zone = review.meta.display_tz
        first = next((e.time for e in review.sorted_events() if e.time), None)
        try:
            label = timeutil.zone_label(zone, first)
        except timeutil.TimeError:
            label = zone
        self.zone_note.setText(
            f"All times in {label}. Each timeline entry also keeps the zone it was written in."
        )

    def _refresh_presentation(self) -> None:
        if self._presentation is not None and self._presentation.isVisible():
            self._presentation.refresh(self.controller.review)

    # ------------------------------------------------------------------ Edit menu
    def _table_focused(self) -> bool:
        view = self.participants.view
        return view.hasFocus() or view.isAncestorOf(self.focusWidget() or self)

    def can_delete(self) -> bool:
        return self._table_focused() and bool(self.participants.selected_ids())

    def delete_selection(self) -> None:
        if self._table_focused():
            self.participants.remove_selected()

    def copy_selection(self) -> QMimeData | None:
        return self.participants.copy_selection() if self._table_focused() else None

    def paste(self, mime: QMimeData) -> bool:
        if self._table_focused() and mime.hasText():
            return self.participants.paste_text(mime.text())
        return False

    def select_item(self, collection: str, item_id: str) -> bool:
        if collection == "people":
            return self.participants.select_person(item_id)
        if collection == "review" and item_id in self.editors:
            widget = self.editors[item_id]
            widget.setFocus()  # type: ignore[attr-defined]
            if isinstance(widget, QLineEdit):
                widget.selectAll()
            self.scroll.ensureWidgetVisible(widget)  # type: ignore[arg-type]
            return True
        return False

    @catches_up
    def focus_field(self, name: str, span: tuple[int, int] | None = None) -> bool:
        """Put the cursor where a coach note about ``name`` points: a review field (selecting
        ``span``, the matched words, given in Python string offsets), the participants for
        "functions", the first empty lesson for "lessons", else the checklist line ``name``."""
        if name == "functions":
            self.participants.view.setFocus(Qt.FocusReason.OtherFocusReason)
            self.scroll.ensureWidgetVisible(self.participants)
            return True
        if name == "lessons":
            meta = self.controller.review.meta
            name = next(
                (f for f in LESSON_FIELDS if not getattr(meta, f).strip()), LESSON_FIELDS[0]
            )
        field = CHECK_FIELDS.get(name, name)
        widget = self.editors.get(field)
        if widget is None:
            row = self.checklist.focus_item(name)
            if row is not None:
                self.scroll.ensureWidgetVisible(row)
            return row is not None
        widget.setFocus(Qt.FocusReason.OtherFocusReason)  # type: ignore[attr-defined]
        if span is not None:
            select_span(widget, span)
        self.scroll.ensureWidgetVisible(widget)  # type: ignore[arg-type]
        return True

    def find(self, text: str) -> bool:
        """Select the next review field the query matches (then participants); True if found.

        Matching is on the review's own texts (:mod:`pm_desktop.domain.search`); the first hit in
        the field is selected so the reader sees what matched."""
        query = Query.parse(text)
        if not query:
            self._find = ("", -1)
            return False
        key = "\n".join(query.terms)
        last_key, last = self._find
        start = last + 1 if last_key == key else 0
        targets = [*search.META_FIELDS, "people"]  # fields without an editor are skipped
        for offset in range(len(targets)):
            i = (start + offset) % len(targets)
            if self._find_in(targets[i], query):
                self._find = (key, i)
                return True
        self._find = (key, -1)
        return False

    def _find_in(self, target: str, query: Query) -> bool:
        review = self.controller.review
        if target == "people":
            for person in review.sorted_people():
                if query.test(person):
                    return self.participants.select_person(person.id)
            return False
        widget = self.editors.get(target)
        hits = query.matches_texts([(target, getattr(review.meta, target))])
        if widget is None or not hits:
            return False
        select_span(widget, (hits[0].start, hits[0].end))
        self.scroll.ensureWidgetVisible(widget)  # type: ignore[arg-type]
        return True

    # ------------------------------------------------------------------ presentation
    def presentation_widget(self) -> QWidget | None:
        if self._presentation is None:
            self._presentation = OverviewPresentation(self)
            self._presentation.hide()
        return self._presentation

    def set_presentation(self, on: bool, scale: float = 1.6) -> None:
        view = self.presentation_widget()
        assert isinstance(view, OverviewPresentation)
        if on:
            view.refresh(self.controller.review)
        else:
            view.reset()

    def present_step(self, delta: int) -> bool:
        return self._presentation.step(delta) if self._presentation is not None else False
