"""Editors bound to one review field each.

Every editor emits ``edited(field, value)`` only for the user's own changes, and has
``show_value(value)`` for refreshes, which does nothing when the value is already shown (so the
field being typed in keeps its cursor) and otherwise keeps the cursor where it was. Ctrl+Z/Ctrl+Y
inside a field go to the window's undo stack, not to the widget's private history, so undo means
the same thing everywhere.
"""

from __future__ import annotations

import datetime as _dt

from PySide6.QtCore import QDate, QEvent, QRect, QStringListModel, Qt, Signal
from PySide6.QtGui import (
    QFocusEvent,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QTextCursor,
)
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDateEdit,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QTextEdit,
    QToolButton,
    QWidget,
)

from pm_desktop.domain import timeutil
from pm_desktop.domain.model import MAX_LINE
from pm_desktop.domain.zone_search import listed_zone_names
from pm_desktop.domain.zonewords import resolve_zone_word


def is_undo_redo(event: QEvent) -> bool:
    if not isinstance(event, QKeyEvent):
        return False
    return event.matches(QKeySequence.StandardKey.Undo) or event.matches(
        QKeySequence.StandardKey.Redo
    )


def clean_line(text: str) -> str:
    """One line of text as the review stores it: no NULs, no line breaks."""
    text = text.replace("\x00", "")
    return " ".join(text.splitlines()) if ("\n" in text or "\r" in text) else text


class _WindowUndoMixin:
    """Leave Undo/Redo shortcuts to the window (widget histories would disagree with it)."""

    def event(self, event: QEvent) -> bool:  # noqa: D401 - Qt override
        if event.type() == QEvent.Type.ShortcutOverride and is_undo_redo(event):
            event.ignore()
            return True
        return super().event(event)  # type: ignore[misc]

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        if is_undo_redo(event):
            event.ignore()
            return
        super().keyPressEvent(event)  # type: ignore[misc]


class LineField(_WindowUndoMixin, QLineEdit):
    """One line of text. Signals: ``edited(str field, str value)``."""

    edited = Signal(str, str)

    def __init__(self, field: str, placeholder: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self.field = field
        self.setPlaceholderText(placeholder)
        self.setAccessibleDescription(placeholder)
        self.setMaxLength(MAX_LINE)
        self.setTextMargins(6, 3, 6, 3)
        self.textEdited.connect(lambda text: self.edited.emit(self.field, clean_line(text)))

    def show_value(self, value: str) -> None:
        if self.text() == value:
            return
        pos = self.cursorPosition()
        self.setText(value)
        self.setCursorPosition(min(pos, len(value)))

    def value(self) -> str:
        return self.text()


class TextField(_WindowUndoMixin, QTextEdit):
    """Plain multi-line text that grows with its content (between ``min_lines`` and
    ``max_lines``, then scrolls). Signals: ``edited(str field, str value)``."""

    edited = Signal(str, str)

    def __init__(
        self,
        field: str,
        placeholder: str = "",
        *,
        min_lines: int = 3,
        max_lines: int = 14,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.field = field
        self.min_lines, self.max_lines = min_lines, max_lines
        self.peers: list[TextField] = []  # fields shown side by side share one height
        self.wanted_height = 0
        self._updating = False
        self.setAcceptRichText(False)
        self.setTabChangesFocus(True)
        self.setUndoRedoEnabled(False)
        # Drawn by paintEvent, wrapped over as many lines as it needs: Qt's own placeholder
        # shows only the first line of a long hint. Never stored: an empty field stays empty.
        self.hint = placeholder
        self.setAccessibleDescription(placeholder)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.textChanged.connect(self._on_text_changed)
        self.textChanged.connect(self._fit_height)  # the hint's height goes with the first key
        self.document().documentLayout().documentSizeChanged.connect(self._fit_height)
        self._fit_height()

    def _on_text_changed(self) -> None:
        if not self._updating:
            self.edited.emit(self.field, self.toPlainText().replace("\x00", ""))

    def show_value(self, value: str) -> None:
        if self.toPlainText() == value:
            return
        cursor = self.textCursor()
        pos, anchor = cursor.position(), cursor.anchor()
        scroll = self.verticalScrollBar().value()
        self._updating = True
        try:
            self.setPlainText(value)
        finally:
            self._updating = False
        cursor = self.textCursor()
        end = len(value)
        cursor.setPosition(min(anchor, end))
        cursor.setPosition(min(pos, end), QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)
        self.verticalScrollBar().setValue(scroll)

    def value(self) -> str:
        return self.toPlainText()

    def _fit_height(self) -> None:
        line = self.fontMetrics().lineSpacing()
        margins = self.contentsMargins()
        pad = margins.top() + margins.bottom() + line // 2
        chrome = pad + 2 * int(self.document().documentMargin())
        doc_height = int(self.document().size().height()) + pad
        if self.hint and self.document().isEmpty():
            doc_height = max(doc_height, self._hint_rect().height() + chrome)
        low = self.min_lines * line + chrome
        high = self.max_lines * line + chrome
        self.wanted_height = max(low, min(high, doc_height))
        for field in [self, *self.peers]:
            field._apply_height()

    def _hint_rect(self) -> QRect:
        margin = int(self.document().documentMargin())
        area = self.viewport().rect().adjusted(margin, margin, -margin, -margin)
        flags = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap
        return self.fontMetrics().boundingRect(area, flags, self.hint)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        super().paintEvent(event)
        if self.hint and self.document().isEmpty():
            painter = QPainter(self.viewport())
            painter.setPen(self.palette().color(QPalette.ColorRole.PlaceholderText))
            rect = self._hint_rect()
            flags = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop
            painter.drawText(rect, flags | Qt.TextFlag.TextWordWrap, self.hint)
            painter.end()

    def _apply_height(self) -> None:
        height = max([self.wanted_height] + [p.wanted_height for p in self.peers])
        if height and (height != self.height() or self.minimumHeight() != height):
            self.setFixedHeight(height)

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self._fit_height()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._fit_height()


class ChoiceField(QComboBox):
    """A fixed list of (label, value). Signals: ``edited(str field, str value)``."""

    edited = Signal(str, str)

    def __init__(self, field: str, choices: list[tuple[str, str]], parent: QWidget | None = None):
        super().__init__(parent)
        self.field = field
        for label, value in choices:
            self.addItem(label, value)
        self.activated.connect(lambda index: self.edited.emit(self.field, self.itemData(index)))

    def show_value(self, value: str) -> None:
        index = self.findData(value)
        if index >= 0 and index != self.currentIndex():
            self.setCurrentIndex(index)

    def value(self) -> str:
        return str(self.currentData())


class SuggestField(_WindowUndoMixin, QComboBox):
    """Free text with suggestions (confidentiality labels). Signals: ``edited(str, str)``."""

    edited = Signal(str, str)

    def __init__(self, field: str, suggestions: list[str], parent: QWidget | None = None):
        super().__init__(parent)
        self.field = field
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.addItems(suggestions)
        self.lineEdit().setMaxLength(MAX_LINE)
        self.lineEdit().setTextMargins(2, 3, 2, 3)
        self.lineEdit().textEdited.connect(
            lambda text: self.edited.emit(self.field, clean_line(text))
        )
        self.activated.connect(lambda index: self.edited.emit(self.field, self.itemText(index)))

    def show_value(self, value: str) -> None:
        if self.currentText() == value:
            return
        line = self.lineEdit()
        pos = line.cursorPosition()
        self.setEditText(value)
        line.setCursorPosition(min(pos, len(value)))

    def value(self) -> str:
        return self.currentText()


class DateField(QWidget):
    """A date that may be "not set": a button offering to set it, or a date editor with a clear
    button. Signals: ``edited(str field, str iso_date_or_empty)``."""

    edited = Signal(str, str)

    def __init__(self, field: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.field = field
        self._updating = False
        self._value = ""
        self._suggestion = ""
        self.set_button = QPushButton("Not set — choose a date")
        self.set_button.setToolTip("Set the date the incident happened")
        self.set_button.setAccessibleName("Set the incident date")
        # Offered when the timeline knows the date; one click sets it as an undoable edit.
        self.suggest_button = QPushButton()
        self.suggest_button.setAccessibleName("Use the date of the first timeline entry")
        self.suggest_button.setToolTip("Set the incident date to the day of the first entry")
        self.suggest_button.clicked.connect(self._accept_suggestion)
        self.editor = QDateEdit()
        self.editor.setCalendarPopup(True)
        self.editor.setDisplayFormat("d MMMM yyyy")
        self.editor.setMinimumDate(QDate(1970, 1, 1))
        self.editor.setMaximumDate(QDate(2200, 12, 31))
        self.editor.setAccessibleName("Incident date")
        self.clear_button = QToolButton()
        self.clear_button.setText("✕")
        self.clear_button.setToolTip("Clear the date (not set)")
        self.clear_button.setAccessibleName("Clear the incident date")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.set_button, 1)
        layout.addWidget(self.suggest_button)
        layout.addWidget(self.editor, 1)
        layout.addWidget(self.clear_button)
        self.set_button.clicked.connect(self._set_today)
        self.clear_button.clicked.connect(lambda: self.edited.emit(self.field, ""))
        self.editor.dateChanged.connect(self._on_date_changed)
        self.setFocusProxy(self.set_button)
        self.show_value("")

    def _set_today(self) -> None:
        self.edited.emit(self.field, _dt.date.today().isoformat())
        self.editor.setFocus()

    def set_suggestion(self, iso_date: str) -> None:
        """Offer ``iso_date`` (or nothing, when empty) while the date is not set."""
        self._suggestion = iso_date
        if iso_date:
            day = QDate.fromString(iso_date, "yyyy-MM-dd").toString("d MMMM yyyy")
            self.suggest_button.setText(f"Use {day} (first entry)")
        self.suggest_button.setVisible(bool(iso_date) and not self.editor.isVisibleTo(self))

    def suggestion(self) -> str:
        return self._suggestion

    def _accept_suggestion(self) -> None:
        if self._suggestion:
            self.edited.emit(self.field, self._suggestion)

    def _on_date_changed(self, date: QDate) -> None:
        if not self._updating and date.isValid():
            self.edited.emit(self.field, date.toString("yyyy-MM-dd"))

    def show_value(self, value: str) -> None:
        self._value = value
        is_set = bool(value) and timeutil.is_valid_date(value)
        self.set_button.setVisible(not is_set)
        self.editor.setVisible(is_set)
        self.clear_button.setVisible(is_set)
        self.suggest_button.setVisible(bool(self._suggestion) and not is_set)
        self.setFocusProxy(self.editor if is_set else self.set_button)
        if is_set:
            date = QDate.fromString(value, "yyyy-MM-dd")
            if date != self.editor.date():
                self._updating = True
                try:
                    self.editor.setDate(date)
                finally:
                    self._updating = False

    def value(self) -> str:
        return self._value

    def set_read_only(self, on: bool) -> None:
        self.editor.setReadOnly(on)
        self.set_button.setEnabled(not on)
        self.suggest_button.setEnabled(not on)
        self.clear_button.setEnabled(not on)


def zone_names() -> tuple[str, ...]:
    """UTC first, then the IANA region/city zones in use today (no legacy aliases)."""
    return listed_zone_names()


def understand_zone(text: str) -> str | None:
    """A typed zone (``Europe/Berlin``, ``europe/berlin``, ``CET``, ``+05:30``) as the review
    stores it, or None."""
    raw = text.strip()
    if not raw:
        return None
    if timeutil.is_valid_zone(raw):
        try:
            name = timeutil.normalize_zone(raw)
        except timeutil.TimeError:
            name = None
        if name:
            return name
    return resolve_zone_word(raw)


class ZoneField(_WindowUndoMixin, QComboBox):
    """Searchable list of time zones; typing filters (any part of the name matches).

    Signals: ``edited(str field, str zone)`` with a valid zone; ``invalid(str message)`` when
    the typed text is not a zone (the field then shows the review's zone again)."""

    edited = Signal(str, str)
    invalid = Signal(str)

    def __init__(self, field: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.field = field
        self._value = "UTC"
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setMaxVisibleItems(18)
        # The ~400 zone names are listed when first needed (see _fill): the overview is the
        # section on screen at start-up, and its first paint does not need them.
        self._filled = False
        self._names = QStringListModel(self)
        completer = QCompleter(self._names, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.setCompleter(completer)
        self.lineEdit().setPlaceholderText("Type to search, e.g. Berlin or UTC")
        self.lineEdit().setTextMargins(2, 3, 2, 3)
        self.activated.connect(lambda index: self._commit(self.itemText(index)))
        completer.activated.connect(self._commit)
        self.lineEdit().editingFinished.connect(lambda: self._commit(self.currentText()))

    def _fill(self) -> None:
        """List every zone, keeping what the field shows."""
        if self._filled:
            return
        self._filled = True
        names = list(zone_names())
        self._names.setStringList(names)
        shown = self.currentText()
        blocked = self.blockSignals(True)
        try:
            self.addItems(names)  # selects the first item: put back what was shown
            index = self.findText(shown)
            if index >= 0:
                self.setCurrentIndex(index)
            else:
                self.setEditText(shown)
        finally:
            self.blockSignals(blocked)

    def completer(self) -> QCompleter:
        self._fill()
        return super().completer()

    def showPopup(self) -> None:  # noqa: N802 - Qt's name
        self._fill()
        super().showPopup()

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802 - Qt's name
        self._fill()
        super().focusInEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        self._fill()
        super().keyPressEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt's name
        self._fill()
        super().mousePressEvent(event)

    def _commit(self, text: str) -> None:
        if text.strip() == self._value:
            return
        zone = understand_zone(text)
        if zone is None:
            self.invalid.emit(f"“{text.strip()[:80]}” is not a time zone pm-desktop knows")
            self.setEditText(self._value)
            return
        if zone != self._value:
            self.edited.emit(self.field, zone)

    def show_value(self, value: str) -> None:
        self._value = value
        if self.currentText() != value:
            index = self.findText(value)
            if index >= 0:
                self.setCurrentIndex(index)
            else:
                self.setEditText(value)

    def value(self) -> str:
        return self._value


def _utf16(text: str, offset: int) -> int:
    """Qt counts text positions in UTF-16 units; Python in code points (emoji differ)."""
    return len(text[:offset].encode("utf-16-le")) // 2


def select_span(widget: object, span: tuple[int, int]) -> None:
    """Select ``span`` (Python string offsets, as the coach reports them) in a field."""
    start, end = span
    if isinstance(widget, QLineEdit):
        text = widget.text()
        a, b = _utf16(text, start), _utf16(text, end)
        widget.setSelection(a, b - a)
    elif isinstance(widget, QTextEdit):
        text = widget.toPlainText()  # slicing clamps offsets past the end
        cursor = widget.textCursor()
        cursor.setPosition(_utf16(text, start))
        cursor.setPosition(_utf16(text, end), QTextCursor.MoveMode.KeepAnchor)
        widget.setTextCursor(cursor)
        widget.ensureCursorVisible()
