"""How a follow-up card looks: measured once per width and font into a :class:`CardLayout`
(text runs, pills, clickable areas), then painted, hit-tested and sized from that same layout.

Colours are meaning colours from :mod:`pm_desktop.domain.palette` in the current theme's variant
(:mod:`pm_desktop.ui.themes`), always next to a symbol or a word: a red due date also says
"overdue", a root-cause chip carries a star.

Signals (:class:`CardDelegate`):

- ``causeClicked(str)`` — a root-cause chip was clicked (the why node's id).
- ``linkClicked(str)`` — the tracker link was clicked (the URL; opening it is the panel's call).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QEvent, QPointF, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPen, QTextLayout, QTextOption
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QToolTip

from pm_desktop.domain.palette import (
    DUE_SWATCHES,
    FOLLOWUP_STATUS_SWATCHES,
    WHY_SWATCHES,
    Swatch,
)

from .. import themes, typography
from .model import CardView, Roles

MAX_TITLE_LINES = 3
MAX_CHIPS = 3
CHECK = "☑"
BOX = "☐"
HINT = "⚠"
WORDING = "✎"
LINK = "↗"


@dataclass(slots=True)
class Run:
    """One piece of the card: text, or a pill (text in a rounded box)."""

    rect: QRectF
    text: str
    font: QFont
    color: str  # a ThemeColors field name or "#rrggbb"
    pill: str = ""  # fill colour for pills ("" = plain text)
    border: str = ""
    underline: bool = False


@dataclass(slots=True)
class CardLayout:
    height: int
    stripe: Swatch
    stripe_width: int = 5
    runs: list[Run] = field(default_factory=list)
    causes: list[tuple[QRectF, str, str]] = field(default_factory=list)  # rect, why id, text
    link: tuple[QRectF, str] | None = None
    hint_box: QRectF | None = None


def wrap(text: str, font: QFont, width: float, max_lines: int) -> list[str]:
    """Word-wrap ``text`` into at most ``max_lines`` lines; the last one elided if needed."""
    if not text:
        return []
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    layout = QTextLayout(text, font)
    layout.setTextOption(option)
    layout.beginLayout()
    lines: list[str] = []
    while True:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(max(10.0, width))
        lines.append(text[line.textStart() : line.textStart() + line.textLength()].rstrip())
    layout.endLayout()
    if len(lines) > max_lines:
        rest = " ".join(lines[max_lines - 1 :])
        metrics = QFontMetrics(font)
        lines = lines[: max_lines - 1] + [
            metrics.elidedText(rest, Qt.TextElideMode.ElideRight, int(width))
        ]
    return lines


class CardFonts:
    """The fonts of a card, derived from the view's font (times ``scale`` when presenting)."""

    def __init__(self, base: QFont, scale: float = 1.0):
        self.body = typography.scaled(base, scale)
        self.title = typography.scaled(base, scale * 1.12, QFont.Weight.Bold)
        self.strong = typography.scaled(base, scale, QFont.Weight.DemiBold)
        self.small = typography.scaled(base, scale * 0.92)
        self.key = (self.body.key(), scale)


def _pill_width(text: str, font: QFont, pad: float) -> float:
    return QFontMetrics(font).horizontalAdvance(text) + 2 * pad


def build_layout(
    view: CardView, width: int, fonts: CardFonts, *, roomy: bool = False, detailed: bool = False
) -> CardLayout:
    """Measure a card of ``width`` pixels; rects are relative to the card's top-left corner.

    ``roomy`` (presentation) lets titles and root-cause chips wrap instead of being cut short;
    ``detailed`` (presentation, one column at a time) also adds the description and the
    acceptance criteria.
    """
    roomy = roomy or detailed
    body = QFontMetrics(fonts.body)
    em = body.height()
    pad = round(em * 0.7)
    stripe = max(4, round(em * 0.3))
    x0 = stripe + pad
    inner = max(40.0, width - x0 - pad)
    gap = round(em * 0.35)
    y = float(pad)
    out = CardLayout(
        0, FOLLOWUP_STATUS_SWATCHES.get(view.status, FOLLOWUP_STATUS_SWATCHES["todo"]), stripe
    )

    def text_line(text: str, font: QFont, color: str, *, underline: bool = False) -> QRectF:
        nonlocal y
        height = QFontMetrics(font).height()
        rect = QRectF(x0, y, inner, height)
        out.runs.append(Run(rect, text, font, color, underline=underline))
        y += height
        return rect

    for line in wrap(view.title, fonts.title, inner, MAX_TITLE_LINES * (2 if roomy else 1)):
        text_line(line, fonts.title, "text")
    y += gap

    if view.owner:
        owner = QFontMetrics(fonts.strong).elidedText(
            view.owner, Qt.TextElideMode.ElideRight, int(inner)
        )
        text_line(owner, fonts.strong, "text")
    else:
        text_line("No owner yet", fonts.body, "muted")
    due_swatch = DUE_SWATCHES.get(view.due_state)
    due_color = "muted" if due_swatch is None else f"due:{view.due_state}"
    symbol = due_swatch.symbol if due_swatch is not None and due_swatch.symbol else ""
    due_text = f"{symbol} {view.due_text}" if symbol else view.due_text
    due_font = fonts.strong if view.due_state in ("overdue", "soon") else fonts.body
    for line in wrap(due_text, due_font, inner, 2):
        text_line(line, due_font, due_color)
    y += gap

    # pills: priority, type, acceptance-criteria progress
    small = QFontMetrics(fonts.small)
    pill_h = small.height() + round(em * 0.3)
    pill_pad = round(em * 0.45)
    pills = []
    if view.priority:
        pills.append((f"{view.priority} priority", "text", "alt_base", "border"))
    if view.type:
        pills.append((view.type, "text", "alt_base", "border"))
    done, total = view.progress
    if total:
        color = "ok" if done == total else "text"
        pills.append((f"{CHECK} {done}/{total} criteria", color, "alt_base", "border"))
    px = float(x0)
    if pills:
        for text, color, fill, border in pills:
            w = _pill_width(text, fonts.small, pill_pad)
            if px > x0 and px + w > x0 + inner:
                px = float(x0)
                y += pill_h + gap
            out.runs.append(
                Run(QRectF(px, y, min(w, inner), pill_h), text, fonts.small, color, fill, border)
            )
            px += w + gap
        y += pill_h + gap

    if detailed and view.description:
        for line in wrap(view.description, fonts.body, inner, 4):
            text_line(line, fonts.body, "text")
        y += gap
    if detailed and view.criteria:
        for text, done in view.criteria:
            mark = CHECK if done else BOX
            for i, line in enumerate(wrap(f"{mark} {text}", fonts.body, inner, 2)):
                text_line(line if i == 0 else f"    {line}", fonts.body, "ok" if done else "text")
        y += gap

    # root-cause chips (clickable)
    for why_id, text, is_root, status in view.causes[:MAX_CHIPS]:
        kind = "root_cause" if is_root else status if status in WHY_SWATCHES else "possible"
        swatch = WHY_SWATCHES[kind]
        label = f"{swatch.symbol} {text}"
        lines = wrap(label, fonts.small, inner - 2 * pill_pad, 2 if roomy else 1)
        w = min(inner, max(_pill_width(line, fonts.small, pill_pad) for line in lines))
        h = pill_h + (len(lines) - 1) * small.height()
        rect = QRectF(x0, y, w, h)
        key = f"why:{kind}"
        out.runs.append(Run(rect, "\n".join(lines), fonts.small, "text", f"tint:{key}", key))
        out.causes.append((rect, why_id, text))
        y += h + gap * 0.6
    if len(view.causes) > MAX_CHIPS:
        text_line(f"+ {len(view.causes) - MAX_CHIPS} more", fonts.small, "muted")
    if view.causes:
        y += gap * 0.4

    # quality hints: what the card lacks, then the coach's wording notes (never in presentation:
    # the room sees the cards, not the coach's to-do list)
    hints: list[str] = []
    if not roomy:
        hints += [f"{HINT} Needs: {', '.join(view.missing)}"] if view.missing else []
        hints += [f"{WORDING} {w}" for w in view.wording]
    if hints:
        top = y
        y += gap * 0.5
        for hint in hints:
            for line in wrap(hint, fonts.small, inner - pill_pad, 3):
                rect = QRectF(x0 + pill_pad / 2, y, inner - pill_pad, small.height())
                out.runs.append(Run(rect, line, fonts.small, "warning_text"))
                y += small.height()
        y += gap * 0.5
        out.hint_box = QRectF(x0 - pad / 3, top, inner + pad * 2 / 3, y - top)
        y += gap

    if view.url:
        if view.url_safe:
            label = small.elidedText(
                f"{LINK} {view.url_label}", Qt.TextElideMode.ElideRight, int(inner)
            )
            w = small.horizontalAdvance(label) + 2
            rect = QRectF(x0, y, w, small.height())
            out.runs.append(Run(rect, label, fonts.small, "link", underline=True))
            out.link = (rect, view.url)
        else:
            label = small.elidedText(
                f"Link kept as text: {view.url}", Qt.TextElideMode.ElideRight, int(inner)
            )
            out.runs.append(Run(QRectF(x0, y, inner, small.height()), label, fonts.small, "muted"))
        y += small.height()

    out.height = round(y + pad)
    return out


class CardDelegate(QStyledItemDelegate):
    causeClicked = Signal(str)
    linkClicked = Signal(str)

    MARGIN = 6
    UNMEASURED = 72  # a card's height before its column has been shown and measured it

    def __init__(self, parent=None):
        super().__init__(parent)
        self.scale = 1.0
        self.detailed = False
        # one measured layout per card (keyed by what it depends on) and one font set per size
        self._cache: dict[str, tuple[tuple, CardLayout]] = {}
        self._fonts: dict[tuple, CardFonts] = {}

    # ------------------------------------------------------------------ measuring
    def set_scale(self, scale: float, *, detailed: bool = False) -> None:
        """Presentation sizing: fonts × ``scale``; ``detailed`` shows description and criteria."""
        self.scale = scale
        self.detailed = detailed
        self._cache.clear()
        self._fonts.clear()

    def forget_except(self, card_ids) -> None:
        """Drop the measured layouts of cards that no longer exist."""
        for gone in self._cache.keys() - set(card_ids):
            del self._cache[gone]

    def fonts_for(self, option: QStyleOptionViewItem) -> CardFonts:
        key = (option.font.key(), self.scale, typography.app_base_point_size())
        fonts = self._fonts.get(key)
        if fonts is None:
            base = QFont(option.font)
            if self.scale != 1.0:
                base.setPointSizeF(typography.app_base_point_size())
            fonts = self._fonts[key] = CardFonts(base, self.scale)
        return fonts

    def card_width(self, option: QStyleOptionViewItem) -> int:
        widget = option.widget
        if widget is not None and hasattr(widget, "viewport"):
            inner = widget.viewport().width()
            bar = widget.verticalScrollBar()
            if not bar.isVisible():
                # The room a scroll bar takes is kept free before a long column shows one,
                # so its appearing does not narrow every card and measure them all again.
                inner -= bar.sizeHint().width()
            return max(120, inner - 2 * self.MARGIN - 2)
        return max(120, option.rect.width() - 2 * self.MARGIN)

    def layout_for(self, option: QStyleOptionViewItem, view: CardView) -> CardLayout:
        fonts = self.fonts_for(option)
        width = self.card_width(option)
        roomy = self.scale > 1.0
        key = (view, width, fonts.key, roomy, self.detailed)
        cached = self._cache.get(view.id)
        if cached is not None and cached[0] == key:
            return cached[1]
        layout = build_layout(view, width, fonts, roomy=roomy, detailed=self.detailed)
        self._cache[view.id] = (key, layout)
        return layout

    def sizeHint(self, option, index) -> QSize:  # noqa: N802 - Qt's name
        view = index.data(Roles.View)
        if not isinstance(view, CardView):
            return super().sizeHint(option, index)
        widget = option.widget
        if widget is not None and not widget.isVisible() and hasattr(widget, "measure_on_show"):
            # A column built before it is shown has a made-up width (Qt's 640 px default):
            # measuring its cards there is wasted, since it measures them again at its real
            # width once shown. A placeholder now; the column lays out again when shown.
            widget.measure_on_show()
            return QSize(self.card_width(option) + 2 * self.MARGIN, self.UNMEASURED)
        layout = self.layout_for(option, view)
        return QSize(self.card_width(option) + 2 * self.MARGIN, layout.height + 2 * self.MARGIN)

    def card_rect(self, option: QStyleOptionViewItem) -> QRect:
        return QRect(
            option.rect.left() + self.MARGIN,
            option.rect.top() + self.MARGIN,
            self.card_width(option),
            option.rect.height() - 2 * self.MARGIN,
        )

    # ------------------------------------------------------------------ painting
    @staticmethod
    def color(name: str) -> QColor:
        t = themes.colors()
        if name.startswith("#"):
            return QColor(name)
        if name.startswith("due:"):
            return themes.swatch_color(DUE_SWATCHES[name[4:]])
        if name.startswith("why:"):
            return themes.swatch_color(WHY_SWATCHES[name[4:]])
        if name.startswith("tint:"):
            ink = CardDelegate.color(name[5:])
            base = QColor(t.base)
            amount = 0.0 if t.name == "high-contrast" else 0.14
            return QColor.fromRgbF(
                ink.redF() * amount + base.redF() * (1 - amount),
                ink.greenF() * amount + base.greenF() * (1 - amount),
                ink.blueF() * amount + base.blueF() * (1 - amount),
            )
        return QColor(getattr(t, name))

    def paint(self, painter: QPainter, option, index) -> None:
        view = index.data(Roles.View)
        if not isinstance(view, CardView):
            super().paint(painter, option, index)
            return
        t = themes.colors()
        layout = self.layout_for(option, view)
        rect = QRectF(self.card_rect(option))
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        focused = bool(option.state & QStyle.StateFlag.State_HasFocus)
        radius = min(10.0, rect.height() / 4)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        fill = QColor(t.base)
        if selected and t.name != "high-contrast":
            fill = self.color("tint:#" + QColor(t.accent).name()[1:])
        border_width = t.border_width * (2 if selected else 1)
        border = QColor(t.accent if selected else t.border)
        if selected and t.name == "high-contrast":
            border, border_width = QColor(t.focus), 3
        painter.setPen(QPen(border, border_width))
        painter.setBrush(fill)
        painter.drawRoundedRect(rect.adjusted(0.5, 0.5, -0.5, -0.5), radius, radius)
        if focused and not selected:
            pen = QPen(QColor(t.focus), 1, Qt.PenStyle.DashLine)
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(rect.adjusted(2.5, 2.5, -2.5, -2.5), radius, radius)
        # status stripe on the left edge, in the column's colour
        stripe_w = float(layout.stripe_width)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(themes.swatch_color(layout.stripe))
        painter.setClipRect(QRectF(rect.left(), rect.top(), stripe_w, rect.height()))
        painter.drawRoundedRect(rect.adjusted(1, 1, -1, -1), radius, radius)
        painter.setClipping(False)
        painter.translate(rect.topLeft())
        if layout.hint_box is not None:
            painter.setPen(QPen(QColor(t.warning_text), t.border_width))
            painter.setBrush(QColor(t.warning_bg))
            painter.drawRoundedRect(layout.hint_box, 4, 4)
        for run in layout.runs:
            self._paint_run(painter, run)
        painter.restore()

    def _paint_run(self, painter: QPainter, run: Run) -> None:
        if run.pill:
            painter.setPen(QPen(self.color(run.border), themes.colors().border_width))
            painter.setBrush(self.color(run.pill))
            line_h = QFontMetrics(run.font).height()
            r = min(run.rect.height(), line_h * 1.3) / 2
            painter.drawRoundedRect(run.rect.adjusted(0.5, 0.5, -0.5, -0.5), r, r)
            text_rect = run.rect.adjusted(line_h * 0.45, 0, 0, 0)
            flags = Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft
        else:
            text_rect = run.rect
            flags = Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft
        font = QFont(run.font)
        font.setUnderline(run.underline)
        painter.setFont(font)
        painter.setPen(self.color(run.color))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        if "\n" not in run.text:
            flags |= Qt.TextFlag.TextSingleLine
        painter.drawText(text_rect, int(flags), run.text)

    # ------------------------------------------------------------------ clicks and tooltips
    def hit(self, option: QStyleOptionViewItem, index, pos: QPointF) -> tuple[str, str] | None:
        """What is under ``pos`` (view coordinates): ("cause", why id), ("link", url) or None."""
        view = index.data(Roles.View)
        if not isinstance(view, CardView):
            return None
        layout = self.layout_for(option, view)
        local = QPointF(pos) - QPointF(self.card_rect(option).topLeft())
        for rect, why_id, _text in layout.causes:
            if rect.contains(local):
                return "cause", why_id
        if layout.link is not None and layout.link[0].contains(local):
            return "link", layout.link[1]
        return None

    def editorEvent(self, event, model, option, index) -> bool:  # noqa: N802 - Qt's name
        if (
            event.type() == QEvent.Type.MouseButtonRelease
            and event.button() == Qt.MouseButton.LeftButton
        ):
            target = self.hit(option, index, event.position())
            if target is not None:
                kind, value = target
                (self.causeClicked if kind == "cause" else self.linkClicked).emit(value)
                return True
        return super().editorEvent(event, model, option, index)

    def helpEvent(self, event, view, option, index) -> bool:  # noqa: N802 - Qt's name
        card = index.data(Roles.View)
        if event.type() == QEvent.Type.ToolTip and isinstance(card, CardView):
            layout = self.layout_for(option, card)
            local = QPointF(event.pos()) - QPointF(self.card_rect(option).topLeft())
            for rect, _why, text in layout.causes:
                if rect.contains(local):
                    QToolTip.showText(event.globalPos(), f"Show in 5 whys: {text}", view)
                    return True
            if layout.link is not None and layout.link[0].contains(local):
                QToolTip.showText(event.globalPos(), f"Open in browser: {card.url}", view)
                return True
        return super().helpEvent(event, view, option, index)
