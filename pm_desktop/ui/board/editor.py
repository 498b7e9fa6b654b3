"""The follow-up editor: every field of one card, saved as one undoable edit.

Nothing reaches the review while the dialog is open; Save builds one edit from the form (an
numbered :class:`AddEntity` for a new card, an :class:`UpdateEntity` — plus the move when the column
changed — for an existing one) and pushes it through the controller. A refused edit keeps the
dialog open with the reason shown, so nothing typed is lost.

Signals: ``saved(str)`` — the card's id after a successful save.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import replace

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from pm_desktop.domain.board_filter import owner_choices
from pm_desktop.domain.board_moves import chain, move_cards
from pm_desktop.domain.card_numbers import add_cards
from pm_desktop.domain.edits import Edit, UpdateEntity
from pm_desktop.domain.links import is_safe_url
from pm_desktop.domain.model import (
    FOLLOWUP_STATUS_LABELS,
    FOLLOWUP_STATUSES,
    FOLLOWUP_TYPES,
    MAX_LINE,
    PRIORITIES,
    FollowUp,
    new_id,
)

from ..controller import DocumentController
from .checklist import CriteriaEditor, WhyPicker

PRIORITY_CHOICES = {"": "Not set", "high": "High", "medium": "Medium", "low": "Low"}
TYPE_CHOICES = {
    "": "Not set",
    "mitigate": "Mitigate — lessen the harm if it happens again",
    "prevent": "Prevent — stop it from happening again",
    "process": "Process — change how the team works",
}
DEFAULT_DUE_DAYS = 14


class FollowUpEditor(QDialog):
    saved = Signal(str)

    def __init__(
        self,
        controller: DocumentController,
        card_id: str | None = None,
        *,
        status: str = "todo",
        today: _dt.date | None = None,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.controller = controller
        review = controller.review
        self.card_id = card_id
        existing = review.followups.get(card_id) if card_id else None
        self.original: FollowUp | None = existing
        self._base = existing or FollowUp(id=new_id(), title="", status=status)
        self._today = today or _dt.date.today()
        self.setWindowTitle("Edit follow-up" if existing else "New follow-up")
        self.setObjectName("FollowUpEditor")
        self._build(review)
        self._load(self._base)
        self.resize(980, 680)

    # ------------------------------------------------------------------ building
    def _build(self, review) -> None:
        self.title_edit = QLineEdit()
        self.title_edit.setMaxLength(MAX_LINE)
        self.title_edit.setPlaceholderText("What will be done, in a few words")
        self.description_edit = QPlainTextEdit()
        self.description_edit.setPlaceholderText("Why it matters and how it will be done")
        self.description_edit.setTabChangesFocus(True)
        self.owner_edit = QLineEdit()
        self.owner_edit.setMaxLength(500)
        self.owner_edit.setPlaceholderText("One named person")
        completer = QCompleter(owner_choices(review), self.owner_edit)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.owner_edit.setCompleter(completer)
        self.due_edit = QDateEdit()
        self.due_edit.setCalendarPopup(True)
        self.due_edit.setDisplayFormat("d MMM yyyy")
        self.no_due_check = QCheckBox("No date")
        self.no_due_check.toggled.connect(self._no_date_toggled)
        self.priority_combo = QComboBox()
        for key in PRIORITIES:
            self.priority_combo.addItem(PRIORITY_CHOICES[key], key)
        self.type_combo = QComboBox()
        for key in FOLLOWUP_TYPES:
            self.type_combo.addItem(TYPE_CHOICES[key], key)
        self.status_combo = QComboBox()
        for key in FOLLOWUP_STATUSES:
            self.status_combo.addItem(FOLLOWUP_STATUS_LABELS[key], key)
        self.url_edit = QLineEdit()
        self.url_edit.setMaxLength(8192)
        self.url_edit.setPlaceholderText("https://tracker.example.com/browse/KEY-123")
        self.url_note = QLabel()
        self.url_note.setProperty("role", "muted")
        self.url_note.setWordWrap(True)
        self.url_edit.textChanged.connect(self._describe_url)
        self.criteria = CriteriaEditor()
        self.whys = WhyPicker()
        self.whys.set_review(review, self._base.why_ids)
        self.error_label = QLabel()
        self.error_label.setProperty("role", "error")
        self.error_label.setWordWrap(True)
        self.error_label.hide()

        due_row = QHBoxLayout()
        due_row.addWidget(self.due_edit, 1)
        due_row.addWidget(self.no_due_check)
        form = QFormLayout()
        form.addRow("&Title", self.title_edit)
        form.addRow("&Owner", self.owner_edit)
        form.addRow(self._caption("&Due", self.due_edit), due_row)
        form.addRow("&Priority", self.priority_combo)
        form.addRow("T&ype", self.type_combo)
        form.addRow("&Column", self.status_combo)
        form.addRow("Tracker &link", self.url_edit)
        form.addRow("", self.url_note)
        left = QVBoxLayout()
        left.addLayout(form)
        left.addWidget(self._caption("D&escription", self.description_edit))
        left.addWidget(self.description_edit, 1)
        right = QVBoxLayout()
        right.addWidget(
            self._caption("&Acceptance criteria (tick the ones met)", self.criteria.list)
        )
        right.addWidget(self.criteria, 3)
        right.addWidget(self._caption("&Root causes it addresses", self.whys))
        right.addWidget(self.whys, 2)
        grid = QGridLayout()
        grid.addLayout(left, 0, 0)
        grid.addLayout(right, 0, 1)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(grid, 1)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)

    def _no_date_toggled(self, on: bool) -> None:
        self.due_edit.setEnabled(not on)

    @staticmethod
    def _caption(text: str, buddy: QWidget) -> QLabel:
        label = QLabel(text)
        label.setBuddy(buddy)
        return label

    def _describe_url(self, text: str) -> None:
        url = text.strip()
        if not url:
            self.url_note.setText("")
        elif is_safe_url(url):
            self.url_note.setText("Opens in your browser when you click it on the card.")
        else:
            self.url_note.setText("Not a web or e-mail link: it is kept as text and never opened.")

    def _load(self, card: FollowUp) -> None:
        self.title_edit.setText(card.title)
        self.description_edit.setPlainText(card.description)
        self.owner_edit.setText(card.owner)
        due = _parse(card.due)
        default = self._today + _dt.timedelta(days=DEFAULT_DUE_DAYS)
        self.due_edit.setDate(_qdate(due or default))
        self.no_due_check.setChecked(due is None)
        self.due_edit.setEnabled(due is not None)
        self._select(self.priority_combo, card.priority)
        self._select(self.type_combo, card.type)
        self._select(self.status_combo, card.status)
        self.url_edit.setText(card.url)
        self._describe_url(card.url)
        self.criteria.set_criteria(card.acceptance_criteria)

    @staticmethod
    def _select(combo: QComboBox, key: str) -> None:
        combo.setCurrentIndex(max(0, combo.findData(key)))

    # ------------------------------------------------------------------ saving
    def card_value(self) -> FollowUp:
        """The card as the form describes it (column and position still the original ones)."""
        due = "" if self.no_due_check.isChecked() else self.due_edit.date().toString("yyyy-MM-dd")
        return replace(
            self._base,
            title=" ".join(self.title_edit.text().split()),
            description=self.description_edit.toPlainText().strip("\n"),
            owner=" ".join(self.owner_edit.text().split()),
            due=due,
            priority=self.priority_combo.currentData() or "",
            type=self.type_combo.currentData() or "",
            acceptance_criteria=self.criteria.criteria(),
            why_ids=self.whys.checked_ids(self._base.why_ids),
            url=self.url_edit.text().strip(),
        )

    def build_edit(self) -> Edit | None:
        """The one edit Save pushes (None when there is nothing to change)."""
        review = self.controller.review
        card = self.card_value()
        status = self.status_combo.currentData() or card.status
        if self.original is None:
            seq = len(review.sorted_followups(status))
            return add_cards(review, [replace(card, status=status, seq=seq)], "Add follow-up")
        current = review.followups.get(self.original.id)
        if current is None:
            raise LookupError("This follow-up was deleted while you were editing it.")
        # Fields come from the form; column and position from the card as it is now.
        new = replace(card, status=current.status, seq=current.seq)
        steps = []
        if new != current:
            steps.append(lambda _r: UpdateEntity(current, new, "Edit follow-up"))
        if status != current.status:
            steps.append(lambda r: move_cards(r, [current.id], status))
        if not steps:
            return None
        return chain(review, steps, "Edit follow-up")

    def save(self) -> bool:
        """Push the form as one edit; on success close the dialog and emit ``saved``."""
        if not self.title_edit.text().strip():
            self._show_error("A follow-up needs a title.")
            self.title_edit.setFocus()
            return False
        try:
            edit = self.build_edit()
        except LookupError as exc:
            self._show_error(str(exc))
            return False
        if edit is not None:
            problems: list[str] = []

            def note(message: str) -> None:
                problems.append(message)

            self.controller.error.connect(note)
            try:
                ok = self.controller.push(edit) is not None
            finally:
                self.controller.error.disconnect(note)
            if not ok:
                self._show_error(problems[0] if problems else "The change was refused.")
                return False
        self.card_id = self._base.id
        self.saved.emit(self._base.id)
        self.accept()
        return True

    def _show_error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.show()


def _parse(text: str) -> _dt.date | None:
    try:
        return _dt.date.fromisoformat(text) if text else None
    except ValueError:
        return None


def _qdate(day: _dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)
