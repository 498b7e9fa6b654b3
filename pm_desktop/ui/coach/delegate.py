"""Drawing one note of the findings pane, and the view that lists them.

A note reads top to bottom: the severity (mark and word) and what kind of note it is, where it
sits, the matched words, why it matters in one sentence, a suggested rewrite, and a link on the
right to ignore it for this item (or, under Ignored, to stop ignoring it). Rows wrap to the
pane's width; their layouts are cached per note and width.

Signals (:class:`FindingsView`): ``revealRequested(QModelIndex)`` — a note was clicked or Enter
pressed on it; ``toggleIgnoreRequested(QModelIndex)`` — its Ignore / Stop ignoring link was
clicked or Delete pressed on it.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QKeyEvent, QMouseEvent, QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeView,
    QWidget,
)

from .. import themes
from . import look
from .model import Entry, FindingsModel

IGNORE_TEXT = "Ignore for this item"
UNIGNORE_TEXT = "Stop ignoring"
FLAGS = int(Qt.TextFlag.TextWordWrap)


@dataclass(frozen=True, slots=True)
class NoteLayout:
    """Rects relative to the row's top-left corner."""

    height: int
    mark: QRect
    head: QRect
    where: QRect
    quote: QRect
    message: QRect
    suggestion: QRect
    link: QRect


def _fonts(base: QFont) -> tuple[QFont, QFont, QFont]:
    bold = QFont(base)
    bold.setBold(True)
    small = QFont(base)
    if base.pointSizeF() > 0:
        small.setPointSizeF(base.pointSizeF() * 0.92)
    italic = QFont(base)
    italic.setItalic(True)
    return bold, small, italic


_heights: dict[tuple[str, int, str], int] = {}


def _text_height(text: str, metrics: QFontMetrics, width: int, font_key: str) -> int:
    """Height of ``text`` wrapped to ``width``; cached, as most notes share their sentences."""
    key = (text, width, font_key)
    height = _heights.get(key)
    if height is None:
        if "\n" not in text and metrics.horizontalAdvance(text) <= width:
            height = metrics.height()  # one line: no need to lay out the wrap
        else:
            height = metrics.boundingRect(QRect(0, 0, width, 100_000), FLAGS, text).height()
        if len(_heights) > 20_000:
            _heights.clear()
        _heights[key] = height
    return height


def note_layout(entry: Entry, width: int, base: QFont, *, with_link: bool) -> NoteLayout:
    bold, small, italic = _fonts(base)
    fm, fs, fi = QFontMetrics(base), QFontMetrics(small), QFontMetrics(italic)
    pad = max(6, fm.height() // 3)
    inner = max(60, width - 2 * pad)
    y = pad
    size = fm.height()
    mark = QRect(pad, y + 1, size - 2, size - 2)
    head = QRect(pad + size + pad // 2, y, inner - size - pad // 2, size)
    f = entry.finding
    word = QFontMetrics(bold).horizontalAdvance(look.severity_word(f.severity))
    if word + fm.horizontalAdvance(f"  ·  {look.rule_label(f)}") > head.width():
        head.setHeight(2 * size)  # a narrow pane: the kind of note goes on its own line
    y += head.height() + 2

    def block(text: str, metrics: QFontMetrics, font: QFont, gap: int = 3) -> QRect:
        nonlocal y
        if not text:
            return QRect(pad, y, inner, 0)
        h = _text_height(text, metrics, inner, keys[id(font)])
        rect = QRect(pad, y, inner, h)
        y += h + gap
        return rect

    keys = {id(font): font.key() for font in (base, small, italic)}
    where = block(entry.where, fs, small)
    quote = block(look.quoted(f), fi, italic)
    message = block(f.message, fm, base)
    suggestion = block(f"Try: {f.suggestion}" if f.suggestion else "", fs, small)
    link = QRect()
    if with_link:
        text = UNIGNORE_TEXT if entry.ignored else IGNORE_TEXT
        w = fs.horizontalAdvance(text) + 4
        link = QRect(pad + inner - w, y + 1, w, fs.height())
        y += fs.height() + 2
    return NoteLayout(y + pad, mark, head, where, quote, message, suggestion, link)


class NoteDelegate(QStyledItemDelegate):
    """Paints notes (groups are drawn by the base class, bold, from the model's font)."""

    def __init__(self, view: FindingsView):
        super().__init__(view)
        self.view = view
        self.links = True  # off for a read-only review: nothing can be ignored
        self._cache: dict[tuple[str, int, str, bool], NoteLayout] = {}

    def forget(self) -> None:
        self._cache.clear()

    def layout_for(
        self, index: QModelIndex | QPersistentModelIndex, width: int | None = None
    ) -> NoteLayout | None:
        model = index.model()
        entry = model.entry(index) if isinstance(model, FindingsModel) else None
        if entry is None:
            return None
        if width is None:
            width = self.view.row_width(index)
        font = self.view.font()
        key = (entry.uid + entry.where, width, font.key(), self.links)
        found = self._cache.get(key)
        if found is None:
            if len(self._cache) > 4000:
                self._cache.clear()
            found = note_layout(entry, width, font, with_link=self.links)
            self._cache[key] = found
        return found

    def sizeHint(  # noqa: N802
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        layout = self.layout_for(index)
        if layout is None:
            hint = super().sizeHint(option, index)
            return QSize(hint.width(), hint.height() + 10)
        return QSize(self.view.row_width(index), layout.height)

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        model = index.model()
        entry = model.entry(index) if isinstance(model, FindingsModel) else None
        if entry is None:
            super().paint(painter, option, index)
            return
        layout = self.layout_for(index, option.rect.width())
        if layout is None:
            return
        colors = themes.colors()
        pal = option.palette
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        hover = bool(option.state & QStyle.StateFlag.State_MouseOver)
        rect = option.rect
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        card = rect.adjusted(1, 2, -2, -2)
        if selected:
            painter.setPen(QColor(colors.focus))
            painter.setBrush(QColor(colors.soft_selection))
        else:
            painter.setPen(QColor(colors.border))
            painter.setBrush(
                pal.color(QPalette.ColorRole.AlternateBase if hover else QPalette.ColorRole.Base)
            )
        painter.drawRoundedRect(card, 5, 5)
        # a band in the severity colour on the leading edge (the mark and word say it too)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(look.severity_color(entry.finding.severity))
        painter.drawRoundedRect(card.adjusted(0, 0, -(card.width() - 4), 0), 2, 2)

        painter.translate(rect.topLeft())
        base = option.font
        bold, small, italic = _fonts(base)
        text = QColor(colors.text)
        muted = QColor(colors.muted)
        f = entry.finding
        look.paint_severity(painter, f.severity, layout.mark.toRectF())
        painter.setFont(bold)
        painter.setPen(text)
        word = look.severity_word(f.severity)
        line = QRect(
            layout.head.left(), layout.head.top(), layout.head.width(), layout.mark.height() + 2
        )
        painter.drawText(line, Qt.AlignmentFlag.AlignVCenter, word)
        painter.setFont(base)
        if layout.head.height() > line.height() + 4:  # the kind of note on a line of its own
            line.translate(0, line.height())
            label = look.rule_label(f)
        else:
            line.setLeft(line.left() + QFontMetrics(bold).horizontalAdvance(word))
            label = f"  ·  {look.rule_label(f)}"
        painter.drawText(
            line,
            Qt.AlignmentFlag.AlignVCenter,
            QFontMetrics(base).elidedText(label, Qt.TextElideMode.ElideRight, line.width()),
        )
        painter.setFont(small)
        painter.setPen(muted)
        painter.drawText(layout.where, FLAGS, entry.where)
        painter.setFont(italic)
        painter.setPen(text)
        painter.drawText(layout.quote, FLAGS, look.quoted(f))
        painter.setFont(base)
        painter.drawText(layout.message, FLAGS, f.message)
        if f.suggestion:
            painter.setFont(small)
            painter.setPen(muted)
            painter.drawText(layout.suggestion, FLAGS, f"Try: {f.suggestion}")
        if not layout.link.isNull():
            link_font = QFont(small)
            link_font.setUnderline(True)
            painter.setFont(link_font)
            painter.setPen(QColor(colors.link))
            painter.drawText(
                layout.link,
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                UNIGNORE_TEXT if entry.ignored else IGNORE_TEXT,
            )
        painter.restore()


class FindingsView(QTreeView):
    revealRequested = Signal(QModelIndex)
    toggleIgnoreRequested = Signal(QModelIndex)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setHeaderHidden(True)
        self.setUniformRowHeights(False)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # A scroll bar that comes and goes would change the width, and every note's wrap with it.
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setMouseTracking(True)
        self.setIndentation(10)
        self.setAnimated(False)
        self.setAccessibleName("Review coach notes")
        self.note_delegate = NoteDelegate(self)
        self.setItemDelegate(self.note_delegate)
        self.setFrameShape(QTreeView.Shape.NoFrame)

    def row_width(self, index: QModelIndex | QPersistentModelIndex) -> int:
        depth = (1 if index.parent().isValid() else 0) + (1 if self.rootIsDecorated() else 0)
        return max(120, self.viewport().width() - self.indentation() * depth)

    def link_rect(self, index: QModelIndex | QPersistentModelIndex) -> QRect:
        """Where the note's Ignore / Stop ignoring link is, in viewport coordinates."""
        layout = self.note_delegate.layout_for(index)
        if layout is None or layout.link.isNull():
            return QRect()
        return layout.link.translated(self.visualRect(index).topLeft())

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self.scheduleDelayedItemsLayout()  # rows wrap to the new width

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt's name
        pos: QPoint = event.position().toPoint()
        index = self.indexAt(pos)
        on_link = index.isValid() and self.link_rect(index).contains(pos)
        super().mouseReleaseEvent(event)
        if event.button() != Qt.MouseButton.LeftButton or not index.isValid():
            return
        if not index.parent().isValid():
            return  # a group heading: the base class folds and unfolds it
        if on_link:
            self.toggleIgnoreRequested.emit(index)
        else:
            self.revealRequested.emit(index)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        index = self.currentIndex()
        note = index.isValid() and index.parent().isValid()
        if note and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.revealRequested.emit(index)
            return
        if note and event.key() == Qt.Key.Key_Delete:
            self.toggleIgnoreRequested.emit(index)
            return
        super().keyPressEvent(event)

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().changeEvent(event)
        if event.type() in (event.Type.FontChange, event.Type.PaletteChange):
            self.note_delegate.forget()
            self.scheduleDelayedItemsLayout()
