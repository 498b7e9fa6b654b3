"""How the coach's notes look and read: severity words and marks, where a note sits, tooltips.

Severity is never colour alone: each has a word ("Warning", "Worth a look") and a shape (a
triangle with "!" or a circle with "i"), drawn as painter paths so every font and projector shows
the same mark. The marker on timeline rows and why nodes is a small speech bubble (a note) with
the severity's letter; flags already mean follow-ups in the why tree.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPainterPath, QPen, QPixmap, QPolygonF

from pm_desktop.domain import timeutil
from pm_desktop.domain.coach import RULE_LABELS, Finding
from pm_desktop.domain.coach.rules import CHECKLIST
from pm_desktop.domain.model import Review
from pm_desktop.domain.palette import Swatch

from .. import themes

SEVERITY_WORDS: dict[str, str] = {"warning": "Warning", "info": "Worth a look"}
SEVERITY_SWATCHES: dict[str, Swatch] = themes.SEVERITY_SWATCHES
GROUP_TITLES: dict[str, str] = {
    "review": "Review",
    "event": "Timeline",
    "why": "5 Whys",
    "followup": "Follow-ups",
    "ignored": "Ignored",
}
FIELD_LABELS: dict[str, str] = {
    "title": "Title",
    "summary": "Summary",
    "impact": "Impact",
    "lessons_went_well": "What went well",
    "lessons_went_wrong": "What went wrong",
    "lessons_got_lucky": "Where we got lucky",
}
CHECKLIST_LABELS: dict[str, str] = {rule.key: rule.label for rule in CHECKLIST}
EXCERPT = 70


def severity_word(severity: str) -> str:
    return SEVERITY_WORDS.get(severity, severity.capitalize())


def severity_color(severity: str, theme: str | None = None) -> QColor:
    return themes.swatch_color(SEVERITY_SWATCHES.get(severity, SEVERITY_SWATCHES["info"]), theme)


def rule_label(finding: Finding) -> str:
    return RULE_LABELS.get(finding.rule, finding.rule.replace("_", " ").capitalize())


def excerpt(text: str, limit: int = EXCERPT) -> str:
    one_line = " ".join(text.split())
    return one_line if len(one_line) <= limit else one_line[: limit - 1].rstrip() + "…"


def where_text(review: Review, finding: Finding) -> str:
    """Where a note sits, in words a reader recognises: the field, the event's time and text,
    the why step, the follow-up's title."""
    kind, item_id = finding.where_kind, finding.where_id or ""
    if kind == "review":
        labels = CHECKLIST_LABELS if finding.rule == "review_incomplete" else FIELD_LABELS
        return labels.get(finding.field, finding.field.replace("_", " ").capitalize())
    if kind == "event":
        event = review.events.get(item_id)
        if event is None:
            return "Timeline event"
        when = "no time"
        if event.time:
            try:
                when = timeutil.format_time(event.time, review.meta.display_tz, "D MMM HH:mm")
            except timeutil.TimeError:
                when = event.time
        return f"{when} · {excerpt(event.text)}"
    if kind == "why":
        node = review.whys.get(item_id)
        if node is None:
            return "Why node"
        depth = len(review.ancestors(item_id))
        step = "Problem" if depth == 0 else f"Why {depth}"
        return f"{step} · {excerpt(node.text)}"
    card = review.followups.get(item_id)
    return f"Follow-up · {excerpt(card.title)}" if card is not None else "Follow-up"


def quoted(finding: Finding) -> str:
    """The matched words, when they add something to :func:`where_text` (not for a gap,
    whose "text" is the item's own title)."""
    if not finding.text.strip() or finding.rule in ("followup_incomplete", "review_incomplete"):
        return ""
    return f"“{excerpt(finding.text, 120)}”"


def one_line(finding: Finding) -> str:
    """``Warning · Blame: “Dana ignored”`` — for lists, tooltips and screen readers."""
    head = f"{severity_word(finding.severity)} · {rule_label(finding)}"
    quote = quoted(finding)
    return f"{head}: {quote}" if quote else head


def marker_tooltip(findings: tuple[Finding, ...] | list[Finding]) -> str:
    """Rich-text tooltip for a marker: each note with why it matters, user text escaped."""
    parts = ["<b>Review coach</b>"]
    for f in findings[:6]:
        parts.append(
            f"<b>{html.escape(one_line(f))}</b><br>{html.escape(f.message)}"
            f"<br><i>Try:</i> {html.escape(f.suggestion)}"
        )
    if len(findings) > 6:
        parts.append(f"… and {len(findings) - 6} more in View ▸ Review Coach")
    body = "<br><br>".join(parts)
    return f"<p style='white-space:pre-wrap'>{body}</p>"


# ------------------------------------------------------------------------------ marks


def severity_path(severity: str, rect: QRectF) -> QPainterPath:
    """A triangle (warning) or a circle (worth a look) filling ``rect``."""
    path = QPainterPath()
    if severity == "warning":
        path.addPolygon(
            QPolygonF(
                [
                    QPointF(rect.center().x(), rect.top() + rect.height() * 0.04),
                    QPointF(rect.right(), rect.bottom() - rect.height() * 0.06),
                    QPointF(rect.left(), rect.bottom() - rect.height() * 0.06),
                ]
            )
        )
        path.closeSubpath()
    else:
        path.addEllipse(rect.adjusted(1, 1, -1, -1))
    return path


def paint_severity(painter: QPainter, severity: str, rect: QRectF) -> None:
    """The severity mark: a filled shape with its letter ("!" or "i") in the window colour."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    fill = severity_color(severity)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(fill)
    painter.drawPath(severity_path(severity, rect))
    font = QFont(painter.font())
    font.setBold(True)
    font.setPixelSize(max(6, round(rect.height() * (0.62 if severity == "warning" else 0.7))))
    painter.setFont(font)
    painter.setPen(letter_color())
    text_rect = rect.adjusted(0, rect.height() * (0.16 if severity == "warning" else 0), 0, 0)
    painter.drawText(text_rect, Qt.AlignmentFlag.AlignCenter, "!" if severity == "warning" else "i")
    painter.restore()


def bubble_path(rect: QRectF) -> QPainterPath:
    """A speech bubble filling ``rect``: a rounded box with a tail at the bottom left."""
    w, h = rect.width(), rect.height()
    x, y = rect.left(), rect.top()
    body = QRectF(x, y, w, h * 0.78)
    path = QPainterPath()
    path.addRoundedRect(body, h * 0.22, h * 0.22)
    tail = QPainterPath()
    tail.addPolygon(
        QPolygonF(
            [
                QPointF(x + w * 0.22, body.bottom() - 1),
                QPointF(x + w * 0.16, y + h),
                QPointF(x + w * 0.5, body.bottom() - 1),
            ]
        )
    )
    tail.closeSubpath()
    return path.united(tail)


def letter_color() -> QColor:
    """The letter inside a mark: the window's base colour (white on light, dark on dark)."""
    return QColor(themes.WHITE if themes.variant() == "light" else themes.colors().base)


def paint_bubble(
    painter: QPainter, severity: str, rect: QRectF, outline: QColor | None = None
) -> None:
    """The coach's marker: a bubble in the severity's colour with its letter ("!" or "i")."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    path = bubble_path(rect)
    if outline is not None:
        painter.setPen(QPen(outline, max(1.0, rect.height() * 0.08)))
    else:
        painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(severity_color(severity))
    painter.drawPath(path)
    font = QFont(painter.font())
    font.setBold(True)
    font.setPixelSize(max(6, round(rect.height() * 0.62)))
    painter.setFont(font)
    painter.setPen(letter_color())
    body = QRectF(rect.left(), rect.top(), rect.width(), rect.height() * 0.78)
    painter.drawText(body, Qt.AlignmentFlag.AlignCenter, "!" if severity == "warning" else "i")
    painter.restore()


_icons: dict[tuple[str, str, int], QIcon] = {}


def marker_icon(severity: str, size: int) -> QIcon:
    """The bubble marker for a table cell, in the severity's colour (cached per theme)."""
    size = max(10, size)
    key = (severity, themes.current_theme(), size)
    icon = _icons.get(key)
    if icon is None:
        pixmap = QPixmap(size * 2, size * 2)
        pixmap.setDevicePixelRatio(2.0)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        paint_bubble(painter, severity, QRectF(0.5, 1, size - 1, size - 1.5))
        painter.end()
        icon = QIcon(pixmap)
        _icons[key] = icon
    return icon


def strongest(findings: tuple[Finding, ...] | list[Finding]) -> str:
    return "warning" if any(f.severity == "warning" for f in findings) else "info"
