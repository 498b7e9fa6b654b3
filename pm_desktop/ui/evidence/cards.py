"""How an evidence card looks: a preview on top (the screenshot, the first lines of a snippet,
the kind of a link, the type of a file), a kind badge, the title, when it was captured and how
many timeline events it supports.

Every card has the same size (measured from the font, times the presentation scale), so the
grid lays out without asking the model for anything but the rows it paints. The kind is told by
a coloured badge *and* a symbol and word, never by colour alone.
"""

from __future__ import annotations

from importlib import resources

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontDatabase,
    QFontMetrics,
    QImage,
    QPainter,
    QPainterPath,
    QPen,
    QTextLayout,
    QTextOption,
)
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from pm_desktop.domain.palette import EVIDENCE_KIND_SWATCHES, Swatch

from .. import themes, typography
from .model import CardView, Roles

LINK_SYMBOLS = {
    "chat": "💬",
    "ticket": "🎫",
    "dashboard": "📈",
    "errors": "🐞",
    "paging": "📟",
    "code": "⑂",
    "docs": "📄",
    "web": "🌐",
    "email": "✉",
    "unsafe": "⚠",
}
_symbols_loaded: list[bool] = []


def ensure_symbol_font() -> None:
    """Make the shipped Symbola font available for the badge symbols (once per process)."""
    if _symbols_loaded:
        return
    _symbols_loaded.append(True)
    if "Symbola" in QFontDatabase.families():
        return
    try:
        path = resources.files("pm_desktop.resources").joinpath("fonts", "Symbola.ttf")
        QFontDatabase.addApplicationFontFromData(path.read_bytes())
    except (OSError, FileNotFoundError):
        pass  # the badges still carry their words


def swatch(kind: str) -> Swatch:
    return EVIDENCE_KIND_SWATCHES.get(kind, EVIDENCE_KIND_SWATCHES["file"])


def _luminance(color: QColor) -> float:
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * channel(color.redF())
        + 0.7152 * channel(color.greenF())
        + 0.0722 * channel(color.blueF())
    )


def readable_on(color: QColor) -> QColor:
    """Black or white, whichever has the higher contrast ratio on ``color`` (WCAG)."""
    lum = _luminance(color)
    on_black = (lum + 0.05) / 0.05
    on_white = 1.05 / (lum + 0.05)
    return QColor(themes.BLACK if on_black >= on_white else themes.WHITE)


def badge_text(view: CardView) -> str:
    symbol = (
        LINK_SYMBOLS.get(view.link_kind, "") if view.kind == "link" else swatch(view.kind).symbol
    )
    return f"{symbol} {view.kind_label}".strip()


class CardFonts:
    def __init__(self, base: QFont, scale: float):
        self.body = typography.scaled(base, scale)
        self.title = typography.scaled(base, scale * 1.05, QFont.Weight.Bold)
        self.small = typography.scaled(base, scale * 0.9)
        self.badge = typography.scaled(base, scale * 0.88, QFont.Weight.DemiBold)
        self.big = typography.scaled(base, scale * 2.6)
        self.mono = typography.mono_font(
            max(5.0, typography.scaled(base, scale * 0.78).pointSizeF())
        )


class CardDelegate(QStyledItemDelegate):
    """Paints evidence cards of one fixed size (see :meth:`card_size`)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.scale = 1.0
        ensure_symbol_font()

    def set_scale(self, scale: float) -> None:
        self.scale = scale

    # ------------------------------------------------------------------ geometry
    def _em(self, option_font: QFont) -> int:
        return QFontMetrics(typography.scaled(option_font, self.scale)).height()

    def card_size(self, font: QFont) -> QSize:
        fonts = CardFonts(font, self.scale)
        em = QFontMetrics(fonts.body).height()
        width = round(em * 15)
        pad = round(em * 0.6)
        preview = round((width - 2 * pad) * 9 / 16)
        title = QFontMetrics(fonts.title).height() * 2
        small = QFontMetrics(fonts.small).height()
        badge = round(QFontMetrics(fonts.badge).height() * 1.35)
        height = pad + preview + pad + badge + round(em * 0.4) + title + round(em * 0.3)
        height += small * 2 + pad
        return QSize(width, height)

    def sizeHint(self, option: QStyleOptionViewItem, index) -> QSize:  # noqa: N802
        return self.card_size(option.font)

    # ------------------------------------------------------------------ painting
    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        view = index.data(Roles.View)
        if not isinstance(view, CardView):
            return
        colors = themes.colors()
        fonts = CardFonts(option.font, self.scale)
        size = self.card_size(option.font)
        rect = QRect(option.rect.topLeft(), size).adjusted(1, 1, -1, -1)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        em = QFontMetrics(fonts.body).height()
        pad = round(em * 0.6)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        path = QPainterPath()
        path.addRoundedRect(QRectF(rect), 8, 8)
        painter.fillPath(path, QColor(colors.base))
        border = QColor(colors.accent if selected else colors.border)
        width = (3 if selected else colors.border_width) + (
            1 if colors.name == "high-contrast" and selected else 0
        )
        painter.setPen(QPen(border, width))
        painter.drawPath(path)

        inner = rect.adjusted(pad, pad, -pad, -pad)
        preview = QRect(inner.left(), inner.top(), inner.width(), round(inner.width() * 9 / 16))
        self._paint_preview(painter, preview, view, index, fonts, colors)

        y = preview.bottom() + pad
        y = self._paint_badge(painter, inner.left(), y, inner.width(), view, fonts)
        y += round(em * 0.4)
        y = self._paint_title(
            painter, QRect(inner.left(), y, inner.width(), 0), view, fonts, colors
        )
        y += round(em * 0.3)
        small = QFontMetrics(fonts.small)
        painter.setFont(fonts.small)
        painter.setPen(QColor(colors.muted))
        when = view.captured or "Time not known"
        if view.captured_by:
            when = f"{when} · {view.captured_by}"
        painter.drawText(
            QRect(inner.left(), y, inner.width(), small.height()),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            small.elidedText(when, Qt.TextElideMode.ElideRight, inner.width()),
        )
        y += small.height()
        if view.linked:
            events = "event" if view.linked == 1 else "events"
            linked, color = f"⛓ Supports {view.linked} timeline {events}", colors.text
        else:
            linked, color = "Not linked to the timeline yet", colors.muted
        painter.setPen(QColor(color))
        painter.drawText(
            QRect(inner.left(), y, inner.width(), small.height()),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            small.elidedText(linked, Qt.TextElideMode.ElideRight, inner.width()),
        )
        painter.restore()

    def _paint_badge(
        self, painter: QPainter, x: int, y: int, width: int, view: CardView, fonts: CardFonts
    ) -> int:
        metrics = QFontMetrics(fonts.badge)
        height = round(metrics.height() * 1.35)
        text = metrics.elidedText(badge_text(view), Qt.TextElideMode.ElideRight, width - height)
        pill = QRectF(x, y, min(width, metrics.horizontalAdvance(text) + height), height)
        fill = themes.swatch_color(swatch(view.kind))
        path = QPainterPath()
        path.addRoundedRect(pill, height / 2, height / 2)
        painter.fillPath(path, fill)
        painter.setFont(fonts.badge)
        painter.setPen(readable_on(fill))
        painter.drawText(pill, Qt.AlignmentFlag.AlignCenter, text)
        return y + height

    def _paint_title(
        self, painter: QPainter, area: QRect, view: CardView, fonts: CardFonts, colors
    ) -> int:
        metrics = QFontMetrics(fonts.title)
        painter.setFont(fonts.title)
        painter.setPen(QColor(colors.text))
        y = area.top()
        for line in wrap_lines(view.title, fonts.title, area.width(), 2):
            painter.drawText(
                QRect(area.left(), y, area.width(), metrics.height()),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                line,
            )
            y += metrics.height()
        return area.top() + metrics.height() * 2

    def _paint_preview(
        self, painter, rect: QRect, view: CardView, index, fonts: CardFonts, colors
    ) -> None:
        painter.save()
        clip = QPainterPath()
        clip.addRoundedRect(QRectF(rect), 5, 5)
        painter.setClipPath(clip)
        painter.fillRect(rect, QColor(colors.alt_base))
        if view.kind == "image":
            image = index.data(Roles.Thumb)
            if isinstance(image, QImage) and not image.isNull():
                scaled = image.size().scaled(rect.size(), Qt.AspectRatioMode.KeepAspectRatio)
                target = QRect(0, 0, scaled.width(), scaled.height())
                target.moveCenter(rect.center())
                painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
                painter.drawImage(target, image)
            else:
                problem = index.data(Roles.ThumbProblem) or ""
                self._centered(
                    painter,
                    rect,
                    "⚠ No preview" if problem else "Loading preview…",
                    fonts.small,
                    colors.muted,
                )
        elif view.kind == "text":
            painter.setFont(fonts.mono)
            painter.setPen(QColor(colors.text))
            metrics = QFontMetrics(fonts.mono)
            y = rect.top() + 4
            for line in view.preview:
                if y + metrics.height() > rect.bottom():
                    break
                painter.drawText(rect.left() + 6, y + metrics.ascent(), line)
                y += metrics.height()
        else:
            tint = themes.swatch_color(swatch(view.kind))
            tint.setAlpha(40 if colors.name != "high-contrast" else 0)
            painter.fillRect(rect, tint)
            if view.kind == "link":
                symbol = LINK_SYMBOLS.get(view.link_kind, "🔗")
                caption = _host(view.url) if view.url_safe else "kept as text, never opened"
            else:
                symbol = swatch("file").symbol
                ext = view.filename.rsplit(".", 1)[-1].upper() if "." in view.filename else "FILE"
                caption = f"{ext[:8]} · {view.preview[1] if len(view.preview) > 1 else ''}".strip(
                    " ·"
                )
            big = QFontMetrics(fonts.big)
            top = QRect(
                rect.left(),
                rect.top(),
                rect.width(),
                rect.height() - QFontMetrics(fonts.small).height() * 2,
            )
            painter.setFont(fonts.big)
            painter.setPen(themes.swatch_color(swatch(view.kind)))
            painter.drawText(top, Qt.AlignmentFlag.AlignCenter, symbol)
            small = QFontMetrics(fonts.small)
            below = QRect(
                rect.left() + 6,
                top.bottom() - round(big.height() * 0.1),
                rect.width() - 12,
                small.height() * 2,
            )
            self._centered(
                painter,
                below,
                small.elidedText(caption, Qt.TextElideMode.ElideMiddle, below.width()),
                fonts.small,
                colors.text,
            )
        painter.restore()

    @staticmethod
    def _centered(painter: QPainter, rect: QRect, text: str, font: QFont, color: str) -> None:
        painter.setFont(font)
        painter.setPen(QColor(color))
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)


def wrap_lines(text: str, font: QFont, width: int, max_lines: int) -> list[str]:
    """Word-wrap ``text`` into at most ``max_lines`` lines, the last one elided."""
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    layout = QTextLayout(" ".join(text.split()), font)
    layout.setTextOption(option)
    layout.beginLayout()
    lines: list[tuple[int, int]] = []
    while True:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(max(10, width))
        lines.append((line.textStart(), line.textLength()))
    layout.endLayout()
    flat = layout.text()
    out = [flat[a : a + n].rstrip() for a, n in lines[:max_lines]]
    if len(lines) > max_lines and out:
        rest = flat[lines[max_lines - 1][0] :]
        out[-1] = QFontMetrics(font).elidedText(rest, Qt.TextElideMode.ElideRight, width)
    return out


def _host(url: str) -> str:
    from urllib.parse import urlsplit

    parts = urlsplit(url.strip())
    if parts.scheme.lower() == "mailto":
        return parts.path
    return parts.hostname or url
