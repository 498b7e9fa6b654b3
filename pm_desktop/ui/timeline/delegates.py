"""Painting and in-place editors for the timeline table.

:class:`TimelineDelegate` draws the day separator (a rule across the row and the day above the
time on the first event of each day), the presentation highlight, and gives each column its
editor: a free-text time field read by ``parse_time_input`` (09:15, 9:15pm, +5m, yesterday
23:10, 2025-03-12 09:15 CET, full ISO 8601), a kind list with the kind's symbol and colour, a
line (or, for multi-line text, a box) for the text, and a name field that completes from the
participants.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette, QPen
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QCompleter,
    QLineEdit,
    QPlainTextEdit,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from pm_desktop.domain.model import EVENT_KINDS, MAX_TEXT

from .. import themes
from . import symbols
from .model import COLUMNS, Roles

LONG_TEXT = 400  # longer texts are edited in a box, not a one-line field
TIME_HINT = "09:15, 9:15pm, +5m …"
TIME_WIDTH_SAMPLE = "yesterday 23:10 Europe/Berlin"


class KindCombo(QComboBox):
    """The event kinds with their symbols; ``kind()`` / ``set_kind()`` use the stored keys."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        for kind in EVENT_KINDS:
            self.addItem(symbols.kind_icon(kind), symbols.kind_label(kind), kind)
        self.setAccessibleName("Event kind")

    def kind(self) -> str:
        return str(self.currentData())

    def set_kind(self, kind: str) -> None:
        index = self.findData(kind)
        self.setCurrentIndex(max(0, index))


class TimelineDelegate(QStyledItemDelegate):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.people: list[str] = []

    # ------------------------------------------------------------------ painting
    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        column = COLUMNS[index.column()]
        caption = index.data(Roles.DayCaption) or ""
        current = bool(index.data(Roles.Current))
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        if current:
            opt.font.setBold(True)
            if not opt.state & QStyle.StateFlag.State_Selected:
                opt.backgroundBrush = _current_brush(option.palette)
        style = opt.widget.style() if opt.widget is not None else QApplication.style()
        if column == "time" and caption:
            self._paint_day_start(painter, opt, style, caption)
        else:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        if caption and index.row() > 0:
            painter.save()
            pen = QPen(_rule_color(option.palette), 2)
            painter.setPen(pen)
            painter.drawLine(option.rect.topLeft(), option.rect.topRight())
            painter.restore()

    def _paint_day_start(
        self, painter: QPainter, opt: QStyleOptionViewItem, style: QStyle, caption: str
    ) -> None:
        """The first event of a day: the day in small bold type above the clock time."""
        clock = opt.text
        rect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, opt, opt.widget)
        opt.text = ""
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        small = QFont(opt.font)
        small.setBold(True)
        if small.pointSizeF() > 0:
            small.setPointSizeF(small.pointSizeF() * 0.82)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        painter.save()
        painter.setFont(small)
        top_h = painter.fontMetrics().height()
        clock_h = QFontMetrics(opt.font).height()
        y = rect.top() + max(0, (rect.height() - top_h - clock_h) // 2)
        margin = 3  # the style's text margin, so the clock lines up with the rows below
        accent = opt.palette.color(role) if selected else _rule_color(opt.palette)
        painter.setPen(accent)
        painter.drawText(
            QRect(rect.left() + margin, y, rect.width() - margin, top_h),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            caption,
        )
        painter.setFont(opt.font)
        painter.setPen(opt.palette.color(role))
        painter.drawText(
            QRect(rect.left() + margin, y + top_h, rect.width() - margin, clock_h),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            clock,
        )
        painter.restore()

    def sizeHint(  # noqa: N802
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        hint = super().sizeHint(option, index)
        if COLUMNS[index.column()] == "time":
            hint.setWidth(option.fontMetrics.horizontalAdvance("Wed 30 Sep ") + 12)
        return hint

    # ------------------------------------------------------------------ editors
    def createEditor(  # noqa: N802
        self,
        parent: QWidget,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> QWidget:
        column = COLUMNS[index.column()]
        if column == "time":
            editor = QLineEdit(parent)
            editor.setPlaceholderText(TIME_HINT)
            editor.setToolTip(
                "Type a time the way you would say it: 09:15, 9:15pm, +5m (after this event's "
                "time), yesterday 23:10, 2025-03-12 09:15, or add a zone such as CET, PST, "
                "+05:30 or Europe/Berlin. Without a zone it is read in the display zone."
            )
            editor.setAccessibleName("Event time")
            return editor
        if column == "kind":
            return KindCombo(parent)
        if column == "text":
            value = str(index.data(Qt.ItemDataRole.EditRole) or "")
            if "\n" in value or len(value) > LONG_TEXT:
                box = QPlainTextEdit(parent)
                box.setAccessibleName("Event text")
                box.setTabChangesFocus(True)
                return box
            line = QLineEdit(parent)
            line.setMaxLength(MAX_TEXT)  # QLineEdit would cut at 32,767 characters
            line.setAccessibleName("Event text")
            line.setPlaceholderText("What happened?")
            return line
        if column == "author":
            line = QLineEdit(parent)
            line.setAccessibleName("Who")
            if self.people:
                completer = QCompleter(self.people, line)
                completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
                completer.setFilterMode(Qt.MatchFlag.MatchContains)
                line.setCompleter(completer)
            return line
        return super().createEditor(parent, option, index)

    def setEditorData(  # noqa: N802
        self, editor: QWidget, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        value = index.data(Qt.ItemDataRole.EditRole)
        if isinstance(editor, KindCombo):
            editor.set_kind(str(value))
        elif isinstance(editor, QPlainTextEdit):
            editor.setPlainText(str(value or ""))
        elif isinstance(editor, QLineEdit):
            editor.setText(str(value or ""))
            editor.selectAll()
        else:
            super().setEditorData(editor, index)

    def setModelData(  # noqa: N802
        self, editor: QWidget, model, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        if isinstance(editor, KindCombo):
            value = editor.kind()
        elif isinstance(editor, QPlainTextEdit):
            value = editor.toPlainText()
        elif isinstance(editor, QLineEdit):
            value = editor.text()
        else:
            super().setModelData(editor, model, index)
            return
        if value != index.data(Qt.ItemDataRole.EditRole):
            model.setData(index, value, Qt.ItemDataRole.EditRole)

    def updateEditorGeometry(  # noqa: N802
        self,
        editor: QWidget,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        rect = QRect(option.rect)
        if isinstance(editor, QPlainTextEdit):
            rect.setHeight(max(rect.height(), option.fontMetrics.height() * 6))
        elif COLUMNS[index.column()] == "time":
            wanted = option.fontMetrics.horizontalAdvance(TIME_WIDTH_SAMPLE) + 16
            rect.setWidth(max(rect.width(), wanted))
        editor.setGeometry(rect)


def _rule_color(palette: QPalette) -> QColor:
    if themes.current_theme() == "high-contrast":
        return QColor(themes.colors().accent)
    return palette.color(QPalette.ColorRole.Highlight)


def _current_brush(palette: QPalette) -> QColor:
    color = QColor(palette.color(QPalette.ColorRole.Highlight))
    color.setAlpha(70)
    return color
