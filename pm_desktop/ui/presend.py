"""File ▸ Export ▸ Customer version…: the check before a review leaves the company.

The dialog lists what :func:`pm_desktop.domain.redaction.customer_check` finds — everything the
customer version removes or replaces, and what still looks doubtful — with "Go to" and "Redact
this" for each line, the review's public domains, and the export itself. It lists the same
findings as ``pm-desktop check FILE --profile external``. Redacting is an ordinary undoable edit
(``ops.mark_redacted``); the list refreshes from the controller's ``changed`` signal.

Signals: ``revealRequested(Place, int start, int end)`` — show a finding's item;
``exportRequested(str fmt)`` — export the customer version in that format.
"""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pm_desktop.domain.customer_version import customer_check
from pm_desktop.domain.edits import Batch, Change, set_field
from pm_desktop.domain.ops import mark_redacted
from pm_desktop.domain.redaction import Finding, Place

from .controller import DocumentController

REFRESH_DELAY_MS = 250
ACTION_WORDS = {"suspicious": "Look at this", "replaced": "Replaced", "removed": "Removed"}
ORDER = {"suspicious": 0, "replaced": 1, "removed": 2}
PLACE_WORDS = {
    "review": "Overview",
    "people": "Participants",
    "events": "Timeline",
    "evidence": "Evidence",
    "whys": "Five whys",
    "followups": "Follow-ups",
    "parking": "Parking lot",
}
FORMATS = (
    ("PDF", "pdf"),
    ("Markdown", "md"),
    ("CSV (follow-ups)", "csv"),
    ("JSON", "json"),
    ("HTML", "html"),
    ("Word", "docx"),
    ("Confluence", "confluence"),
)
INTRO = (
    "This is what the customer version leaves out or rewrites. Look at the doubtful lines: "
    "redact what must not go, then export."
)


def place_text(place: Place) -> str:
    words = PLACE_WORDS.get(place.kind, place.kind)
    return f"{words} · {place.field.replace('_', ' ')}" if place.field else words


class PresendDialog(QDialog):
    """The pre-send check of the customer version (see the module docstring)."""

    revealRequested = Signal(object, int, int)
    exportRequested = Signal(str)

    def __init__(self, controller: DocumentController, parent: QWidget | None = None):
        super().__init__(parent)
        self.controller = controller
        self.findings: list[Finding] = []
        self.setWindowTitle("Customer version: check before sending")
        intro = QLabel(INTRO)
        intro.setWordWrap(True)
        self.summary = QLabel()
        self.summary.setObjectName("PresendSummary")
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels(["What happens", "Kind", "Text", "Where"])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        for column in (0, 1, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.table.setAccessibleName(
            "What the customer version removes, replaces or should be checked"
        )
        self.table.itemSelectionChanged.connect(self._enable)
        self.table.cellDoubleClicked.connect(lambda _r, _c: self.go_to())
        self.go_button = QPushButton("Go to")
        self.go_button.setToolTip("Show this text where it is in the review")
        self.go_button.clicked.connect(self.go_to)
        self.redact_button = QPushButton("Redact this")
        self.redact_button.setToolTip(
            "Mark the text as redacted in that field: it stays in the review, struck through, "
            "and no export shows it"
        )
        self.redact_button.clicked.connect(self.redact_selected)
        self.word_button = QPushButton("Redact a word…")
        self.word_button.setToolTip("Leave a word or phrase out of every export, wherever it is")
        self.word_button.clicked.connect(self.ask_word)
        self.domains_button = QPushButton("Public domains…")
        self.domains_button.setToolTip(
            "Domains a customer may see, such as your status page; other links are removed"
        )
        self.domains_button.clicked.connect(self.edit_public_domains)
        self.format = QComboBox()
        for label, fmt in FORMATS:
            self.format.addItem(label, fmt)
        self.export_button = QPushButton("Export customer version…")
        self.export_button.setDefault(True)
        self.export_button.clicked.connect(self._export)
        close = QPushButton("Close")
        close.clicked.connect(self.reject)
        row = QHBoxLayout()
        for widget in (self.go_button, self.redact_button, self.word_button, self.domains_button):
            row.addWidget(widget)
        row.addStretch(1)
        row.addWidget(QLabel("Format"))
        row.addWidget(self.format)
        row.addWidget(self.export_button)
        row.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        self._pending = QTimer(self)
        self._pending.setSingleShot(True)
        self._pending.setInterval(REFRESH_DELAY_MS)
        self._pending.timeout.connect(self.refresh)
        controller.changed.connect(self._on_changed)
        controller.documentReplaced.connect(self.reject)
        self.resize(1040, 640)
        self.refresh()

    # ------------------------------------------------------------------ the list
    def _on_changed(self, _change: Change) -> None:
        # Typing elsewhere fires many changes; checking a large review takes a moment.
        self._pending.start()

    def refresh(self) -> None:
        found = customer_check(self.controller.review)
        self.findings = sorted(found, key=lambda f: ORDER.get(f.action, 3))
        self.table.setRowCount(len(self.findings))
        for row, finding in enumerate(self.findings):
            what = QTableWidgetItem(ACTION_WORDS.get(finding.action, finding.action))
            if finding.action == "suspicious":
                bold = what.font()
                bold.setBold(True)
                what.setFont(bold)
            text = finding.text
            if finding.replacement:
                text = f"{text}  →  {finding.replacement}"
            cells = (what, QTableWidgetItem(finding.category), QTableWidgetItem(text),
                     QTableWidgetItem(place_text(finding.place)))  # fmt: skip
            for column, cell in enumerate(cells):
                cell.setToolTip(finding.text)
                self.table.setItem(row, column, cell)
        counts = {a: sum(1 for f in self.findings if f.action == a) for a in ORDER}
        self.summary.setText(
            f"{counts['removed']} removed · {counts['replaced']} replaced · "
            f"{counts['suspicious']} to look at before sending"
        )
        self._enable()

    def selected(self) -> list[Finding]:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return [self.findings[r] for r in rows if r < len(self.findings)]

    def _enable(self) -> None:
        chosen = self.selected()
        writable = not self.controller.read_only
        self.go_button.setEnabled(len(chosen) == 1)
        self.redact_button.setEnabled(
            writable and any(f.action == "suspicious" or f.kind == "person" for f in chosen)
        )
        self.domains_button.setEnabled(writable)
        self.word_button.setEnabled(writable)

    # ------------------------------------------------------------------ actions
    def go_to(self) -> bool:
        chosen = self.selected()
        if len(chosen) != 1:
            return False
        finding = chosen[0]
        self.revealRequested.emit(finding.place, finding.start, finding.end)
        return True

    def redact_selected(self) -> int:
        """Mark each selected doubtful text as redacted in its field: one undo step."""
        review = self.controller.review
        edits = []
        for finding in self.selected():
            if finding.action != "suspicious" and finding.kind != "person":
                continue
            place = finding.place
            edits.append(mark_redacted(review, finding.text, place.kind, place.id, place.field))
        if not edits:
            return 0
        label = "Redact text" if len(edits) == 1 else f"Redact {len(edits)} texts"
        done = self.controller.push(Batch(tuple(edits), label))
        self.refresh()
        return len(edits) if done else 0

    def redact_everywhere(self, text: str) -> bool:
        """Mark ``text`` as redacted in every field of the review (one undoable edit)."""
        text = " ".join(text.split())
        if not text or self.controller.read_only:
            return False
        done = self.controller.push(mark_redacted(self.controller.review, text)) is not None
        self.refresh()
        return done

    def ask_word(self) -> None:
        text, ok = QInputDialog.getText(
            self, "Redact a word", "Leave this word or phrase out of every export:"
        )
        if ok:
            self.redact_everywhere(text)

    def set_public_domains(self, domains: list[str]) -> bool:
        cleaned = tuple(dict.fromkeys(d.strip().lower() for d in domains if d.strip()))
        review = self.controller.review
        if cleaned == review.meta.public_domains:
            return True
        return (
            self.controller.push(
                set_field(review, "public_domains", cleaned, "Change public domains")
            )
            is not None
        )

    def edit_public_domains(self) -> None:
        current = ", ".join(self.controller.review.meta.public_domains)
        text, ok = QInputDialog.getText(
            self,
            "Public domains",
            "Links to these domains stay in the customer version (separate with commas):",
            text=current,
        )
        if ok:
            self.set_public_domains(text.replace(";", ",").split(","))

    def _export(self) -> None:
        fmt = self.format.currentData() or "pdf"
        self.exportRequested.emit(str(fmt))


def reveal_place(window: QWidget, place: Place, start: int, end: int) -> bool:
    """Show ``place`` in the main window: the Overview field with the text selected, or the
    item in its panel."""
    if place.kind == "review":
        show = getattr(window, "show_panel", None)
        if not callable(show) or not show("overview"):
            return False
        overview = window.panel("overview")  # type: ignore[attr-defined]
        focus = getattr(overview, "focus_field", None)
        return bool(focus(place.field, (start, end))) if callable(focus) else False
    reveal = getattr(window, "reveal", None)
    return bool(reveal(place.kind, place.id)) if callable(reveal) and place.id else False
