"""Evidence as the room sees it: one item at a time, full screen, stepped with the arrow keys.

A screenshot fills the screen with its caption and capture time; a snippet is shown in large
monospace, whitespace as captured; a link shows its kind and address (nothing is opened); a file
shows its name and size. Only the picture on screen is decoded at full size.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable

from PySide6.QtCore import QEvent, QRect, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter
from PySide6.QtWidgets import (
    QLabel,
    QPlainTextEdit,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from pm_desktop.domain import timeutil
from pm_desktop.domain.model import Review

from .. import themes, typography
from .cards import badge_text, readable_on, swatch
from .model import card_view
from .pixels import stored_image

ReadBlob = Callable[[str], bytes]
FULL_IMAGES_KEPT = 3


def _label(scale: float, weight: QFont.Weight | None = None) -> QLabel:
    label = typography.mark(QLabel(), scale, weight)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


def _breakable(url: str) -> str:
    """A URL a label can wrap: an invisible break chance after each / ? & =."""
    for mark in "/?&=":
        url = url.replace(mark, mark + "\u200b")
    return url


class PictureView(QWidget):
    """Draws one picture as large as fits, centred, aspect kept."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.image: QImage | None = None
        self.message = ""
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumHeight(200)

    def set_image(self, image: QImage | None, message: str = "") -> None:
        self.image, self.message = image, message
        self.update()

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt's name
        painter = QPainter(self)
        colors = themes.colors()
        if self.image is None or self.image.isNull():
            painter.setPen(QColor(colors.muted))
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.message)
            return
        size = self.image.size().scaled(self.size(), Qt.AspectRatioMode.KeepAspectRatio)
        if size.width() > self.image.width() * 2:  # never blow a small picture up past 2×
            size = self.image.size() * 2
        target = QRect(0, 0, size.width(), size.height())
        target.moveCenter(self.rect().center())
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        painter.drawImage(target, self.image)


class EvidencePresentation(QWidget):
    """One evidence item, large. ``show_ids(ids, index)`` picks what to step through."""

    def __init__(self, read_blob: Callable[[], ReadBlob | None], parent: QWidget | None = None):
        super().__init__(parent)
        self._read_blob = read_blob
        self._full: OrderedDict[str, QImage] = OrderedDict()
        self.ids: list[str] = []
        self.index = 0
        self.review: Review | None = None
        self.counter = _label(0.95)
        self.counter.setProperty("role", "muted")
        self.badge = _label(1.05, QFont.Weight.DemiBold)
        self.badge.setWordWrap(False)
        self.badge.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self.title = _label(1.9, QFont.Weight.Bold)
        self.meta = _label(1.1)
        self.meta.setProperty("role", "muted")
        self.picture = PictureView()
        self.snippet = QPlainTextEdit()
        self.snippet.setReadOnly(True)
        self.snippet.setLineWrapMode(
            QPlainTextEdit.LineWrapMode.WidgetWidth
        )  # the room can't scroll
        self.snippet.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.address = _label(1.5)
        self.address.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stack = QStackedWidget()
        for widget in (self.picture, self.snippet, self.address):
            self.stack.addWidget(widget)
        self.note = _label(1.2)
        self.empty = _label(1.4)
        self.empty.setText("No evidence to show yet.")
        self.empty.setProperty("role", "muted")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 24, 32, 24)
        layout.setSpacing(12)
        layout.addWidget(self.counter)
        layout.addWidget(self.badge)
        layout.addWidget(self.title)
        layout.addWidget(self.meta)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.note)
        layout.addWidget(self.empty, 1)
        typography.apply(self)

    # ------------------------------------------------------------------ content
    def show_ids(self, review: Review, ids: list[str], index: int = 0) -> None:
        self.review = review
        self.ids = [i for i in ids if i in review.evidence]
        self.index = max(0, min(index, len(self.ids) - 1))
        self.refresh()

    def step(self, delta: int) -> bool:
        target = self.index + delta
        if not self.ids or not 0 <= target < len(self.ids):
            return False
        self.index = target
        self.refresh()
        return True

    def current_id(self) -> str | None:
        return self.ids[self.index] if self.ids else None

    def refresh(self) -> None:
        review = self.review
        item = review.evidence.get(self.current_id() or "") if review is not None else None
        shown = item is not None
        for widget in (self.counter, self.badge, self.title, self.meta, self.stack, self.note):
            widget.setVisible(shown)
        self.empty.setVisible(not shown)
        if item is None or review is None:
            return
        view = card_view(review, item)
        zone = review.meta.display_tz
        self.counter.setText(f"Evidence {self.index + 1} of {len(self.ids)}")
        self.badge.setText(f"  {badge_text(view)}  ")
        fill = themes.swatch_color(swatch(item.kind))
        ink = readable_on(fill)
        self.badge.setStyleSheet(
            f"background: {fill.name()}; color: {ink.name()}; border-radius: 6px; padding: 2px;"
        )
        self.title.setText(view.title)
        parts = [f"Captured {view.captured}" if view.captured else "Capture time not known"]
        if item.captured_by:
            parts.append(f"by {item.captured_by}")
        events = sorted(
            (review.events[e] for e in item.event_ids if e in review.events),
            key=lambda e: e.sort_key(),
        )
        if events:
            times = ", ".join(timeutil.format_time(e.time, zone, "HH:mm") for e in events[:4])
            parts.append(f"supports the timeline at {times}")
        self.meta.setText(" · ".join(parts))
        self.note.setText(item.note)
        self.note.setVisible(bool(item.note))
        if item.kind == "image" and item.blob:
            self.picture.set_image(*self._full_image(item.blob))
            self.stack.setCurrentWidget(self.picture)
        elif item.kind == "text":
            if self.snippet.toPlainText() != item.text:
                self.snippet.setPlainText(item.text)
            self.stack.setCurrentWidget(self.snippet)
        else:
            if item.kind == "link":
                shown_url = _breakable(item.url) if view.url_safe else _breakable(item.url)
                if not view.url_safe:
                    shown_url += "\n(kept as text, never opened)"
                self.address.setText(f"{view.kind_label}\n\n{shown_url}")
            else:
                self.address.setText("\n".join(p for p in view.preview if p))
            self.stack.setCurrentWidget(self.address)
        self._fit_fonts()

    def _full_image(self, sha: str) -> tuple[QImage | None, str]:
        image = self._full.get(sha)
        if image is None:
            reader = self._read_blob()
            try:
                data = reader(sha) if reader is not None else b""
            except (KeyError, OSError, RuntimeError):
                data = b""
            image, problem = stored_image(data)
            if image is None:
                return None, f"{problem}."
            self._full[sha] = image
            while len(self._full) > FULL_IMAGES_KEPT:
                self._full.popitem(last=False)
        return image, ""

    def _fit_fonts(self) -> None:
        self.snippet.setFont(
            typography.mono_font(typography.scaled(self.font(), 1.15).pointSizeF())
        )

    def clear_cache(self) -> None:
        self._full.clear()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        super().changeEvent(event)
        if typography.is_font_change(event):
            typography.apply(self)
            self._fit_fonts()
