"""The detail pane beside the tree: everything about the selected why, editable.

Text, confirmed/possible, root cause, category, linked evidence (pick from the review's
evidence, unlink) and the follow-ups made from it, with a clear prompt when a root cause has
none. Every control edits through the editor (so through ``controller.push``); the pane reads
the review again on :meth:`refresh`, which the panel calls after every change.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from pm_desktop.domain import whys
from pm_desktop.domain.model import FOLLOWUP_STATUS_LABELS, WHY_CATEGORIES, Evidence
from pm_desktop.domain.palette import EVIDENCE_KIND_SWATCHES, FOLLOWUP_STATUS_SWATCHES
from pm_desktop.domain.prompts import PROBLEM_HINT
from pm_desktop.domain.redaction import Place

from ..redaction_marks import SpanMarks
from .editor import WhyEditor

EMPTY_HINT = (
    "Select a box to see its details.\n\n"
    "Start a tree with \u201cNew problem\u201d (or press Enter on an empty canvas), then keep "
    "asking why: Tab adds the next why, Enter adds another branch beside it."
)


ANSWER_HINT = "Because… (leave empty or type ? while nobody knows yet)"


def evidence_label(item: Evidence) -> str:
    """A one-line name for an evidence item, whatever it has."""
    text = item.title or item.filename or item.url or " ".join(item.text.split())[:60]
    symbol = EVIDENCE_KIND_SWATCHES.get(item.kind)
    return f"{symbol.symbol if symbol else '•'} {text or item.kind}"


def menu_text(text: str) -> str:
    """Menu labels treat "&" as a mnemonic marker; show user text as typed."""
    return text.replace("&", "&&")


def _text_label() -> QLabel:
    label = QLabel()
    label.setTextFormat(Qt.TextFormat.PlainText)  # user text is never markup
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class WhyDetailPane(QWidget):
    def __init__(self, editor: WhyEditor, parent: QWidget | None = None):
        super().__init__(parent)
        self.editor = editor
        self._node_id = ""
        self._loading = False
        self.setMinimumWidth(260)

        self.heading = QLabel()
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        font = self.heading.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.heading.setFont(font)
        self.hint = QLabel(EMPTY_HINT)
        self.hint.setWordWrap(True)
        self.hint.setTextFormat(Qt.TextFormat.PlainText)

        self.text = QPlainTextEdit()
        self.text.setPlaceholderText(ANSWER_HINT)
        self.text.setAccessibleName("Answer")
        self.text.setTabChangesFocus(True)
        self.text.setMaximumHeight(self.fontMetrics().lineSpacing() * 7)
        self.text.textChanged.connect(self._on_text)
        # text marked as redacted is struck through here and left out of every export
        self.marks = SpanMarks(self.text, editor.controller, None)
        self.confirmed = QCheckBox("Confirmed by evidence")
        self.confirmed.toggled.connect(self._on_confirmed)
        self.root_cause = QCheckBox("Root cause")
        self.root_cause.toggled.connect(self._on_root_cause)
        self.category = QComboBox()
        for value in WHY_CATEGORIES:
            self.category.addItem(value.capitalize() if value else "No category", value)
        self.category.activated.connect(self._on_category)

        form = QFormLayout()
        form.addRow(self.text)
        flags = QHBoxLayout()
        flags.addWidget(self.confirmed)
        flags.addWidget(self.root_cause)
        flags.addStretch(1)
        form.addRow(flags)
        form.addRow("Category", self.category)

        self.evidence = _text_label()
        self.link_button = QToolButton()
        self.link_button.setText("Link evidence")
        self.link_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.link_menu = QMenu(self.link_button)
        self.link_menu.aboutToShow.connect(self._fill_link_menu)
        self.link_button.setMenu(self.link_menu)
        self.unlink_button = QToolButton()
        self.unlink_button.setText("Unlink")
        self.unlink_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.unlink_menu = QMenu(self.unlink_button)
        self.unlink_menu.aboutToShow.connect(self._fill_unlink_menu)
        self.unlink_button.setMenu(self.unlink_menu)
        ev_box = QGroupBox("Evidence")
        ev_layout = QVBoxLayout(ev_box)
        ev_layout.addWidget(self.evidence)
        ev_row = QHBoxLayout()
        ev_row.addWidget(self.link_button)
        ev_row.addWidget(self.unlink_button)
        ev_row.addStretch(1)
        ev_layout.addLayout(ev_row)

        self.needs = QLabel(
            "⚠ This root cause has no follow-up yet: create one so the fix has an owner."
        )
        self.needs.setWordWrap(True)
        self.followups = _text_label()
        self.create_button = QPushButton("Create follow-up")
        self.create_button.setToolTip("Make a follow-up card linked to this why (F)")
        self.create_button.clicked.connect(lambda: self.editor.create_followup(self._node_id))
        fu_box = QGroupBox("Follow-ups")
        fu_layout = QVBoxLayout(fu_box)
        fu_layout.addWidget(self.needs)
        fu_layout.addWidget(self.followups)
        fu_layout.addWidget(self.create_button, 0, Qt.AlignmentFlag.AlignLeft)

        self.body = QWidget()
        body = QVBoxLayout(self.body)
        body.setContentsMargins(0, 0, 0, 0)
        body.addLayout(form)
        body.addWidget(ev_box)
        body.addWidget(fu_box)
        body.addStretch(1)

        outer = QVBoxLayout(self)
        outer.addWidget(self.heading)
        outer.addWidget(self.hint)
        outer.addWidget(self.body)
        outer.addStretch(1)
        self.refresh()

    # ------------------------------------------------------------------ reading
    def refresh(self) -> None:
        editor = self.editor
        review = editor.review
        node = editor.node()
        same = node is not None and node.id == self._node_id
        self._node_id = node.id if node is not None else ""
        self.body.setVisible(node is not None)
        self.hint.setVisible(node is None)
        if node is None:
            self.heading.setText("5 Whys")
            return
        self._loading = True
        try:
            depth = len(review.ancestors(node.id))
            label = whys.branch_labels(review).label.get(node.id, "")
            heading = whys.step_name(depth) + (f" · branch {label}" if label else "")
            self.heading.setText(heading)
            if not (same and self.text.hasFocus()) and self.text.toPlainText() != node.text:
                self.text.setPlainText(node.text)
            self.text.setPlaceholderText(PROBLEM_HINT if depth == 0 else ANSWER_HINT)
            self.marks.set_place(Place("whys", node.id, "text"))
            self.confirmed.setChecked(node.status == "confirmed")
            self.root_cause.setChecked(node.root_cause)
            writable = not editor.controller.read_only
            self.text.setReadOnly(not writable)
            self.confirmed.setEnabled(writable)
            self.root_cause.setEnabled(writable and (depth > 0 or node.root_cause))
            self.category.setEnabled(writable)
            index = self.category.findData(node.category)
            if index < 0:  # a category typed elsewhere: show it as it is
                self.category.addItem(node.category, node.category)
                index = self.category.count() - 1
            self.category.setCurrentIndex(index)

            linked = [review.evidence[e] for e in node.evidence_ids if e in review.evidence]
            self.evidence.setText(
                "\n".join(evidence_label(e) for e in linked)
                or "No evidence linked yet. Drop an evidence card on the box, or pick one here."
            )
            self.unlink_button.setEnabled(writable and bool(linked))
            self.link_button.setEnabled(writable and len(linked) < len(review.evidence))

            cards = review.followups_for_why(node.id)
            lines = []
            for card in cards:
                mark = FOLLOWUP_STATUS_SWATCHES[card.status].symbol
                owner = f" — {card.owner}" if card.owner else ""
                lines.append(f"{mark} {card.title}{owner} ({FOLLOWUP_STATUS_LABELS[card.status]})")
            self.followups.setText("\n".join(lines))
            self.followups.setVisible(bool(cards))
            self.needs.setVisible(node.root_cause and not cards)
            self._style_needs()
            self.create_button.setEnabled(writable and depth > 0)
        finally:
            self._loading = False

    def _style_needs(self) -> None:
        """The same amber as the canvas badge (outlined in high contrast)."""
        look = self.editor.scene.look
        amber = look.amber.name()
        if look.high_contrast:
            css = f"color: {amber}; border: 2px solid {amber}; background: transparent;"
        else:
            css = f"color: #000000; background: {amber}; border: none;"
        self.needs.setStyleSheet(f"QLabel {{ {css} border-radius: 4px; padding: 4px; }}")

    # ------------------------------------------------------------------ editing
    def _on_text(self) -> None:
        if self._loading or not self._node_id:
            return
        self.editor.set_fields(
            self._node_id, "Edit why", merge_key=f"why-text:{self._node_id}",
            text=self.text.toPlainText(),
        )  # fmt: skip

    def _on_confirmed(self, checked: bool) -> None:
        if not self._loading and self._node_id:
            node = self.editor.node(self._node_id)
            if node is not None and (node.status == "confirmed") != checked:
                self.editor.toggle_confirmed(self._node_id)

    def _on_root_cause(self, checked: bool) -> None:
        if not self._loading and self._node_id:
            node = self.editor.node(self._node_id)
            if node is not None and node.root_cause != checked:
                self.editor.toggle_root_cause(self._node_id)

    def _on_category(self, index: int) -> None:
        if self._node_id:
            self.editor.set_fields(
                self._node_id, "Set why category", category=self.category.itemData(index) or ""
            )

    def _fill_link_menu(self) -> None:
        self.link_menu.clear()
        node = self.editor.node(self._node_id)
        if node is None:
            return
        free = [e for e in self.editor.review.sorted_evidence() if e.id not in node.evidence_ids]
        if not free:
            action = self.link_menu.addAction("All evidence is already linked")
            action.setEnabled(False)
            return
        for item in free:
            action = QAction(menu_text(evidence_label(item)), self.link_menu)
            action.triggered.connect(
                lambda _=False, ev=item.id: self.editor.link_evidence(self._node_id, [ev])
            )
            self.link_menu.addAction(action)

    def _fill_unlink_menu(self) -> None:
        self.unlink_menu.clear()
        node = self.editor.node(self._node_id)
        if node is None:
            return
        for ev_id in node.evidence_ids:
            item = self.editor.review.evidence.get(ev_id)
            if item is None:
                continue
            action = QAction(menu_text(evidence_label(item)), self.unlink_menu)
            action.triggered.connect(
                lambda _=False, ev=ev_id: self.editor.unlink_evidence(self._node_id, ev)
            )
            self.unlink_menu.addAction(action)
