"""The timeline chart (:mod:`.chart_shapes`) as a PNG picture, for Word.

Text is drawn with the fonts shipped for the PDF and its per-character fallback, like the
why-tree pictures (:mod:`.tree_picture`); drawn at twice the size it is shown, so it prints
sharply.
"""

from __future__ import annotations

import io

from PIL import Image, ImageDraw

from pm_desktop.domain.model import Review

from .chart_shapes import chart_shapes
from .pdf import fonts
from .tree_picture import ZOOM, _font

RADIUS = 4.5


def _text(draw: ImageDraw.ImageDraw, x: float, y: float, text: str, size: float, fill: str) -> float:  # fmt: skip
    """Draw ``text`` with its baseline at ``y`` (points); returns the width drawn (points)."""
    start = x
    pixels = round(size * ZOOM)
    for name, part in fonts.runs(text, fonts.SANS):
        font = _font(name, pixels)
        draw.text((x * ZOOM, y * ZOOM), part, font=font, fill=fill, anchor="ls")
        x += font.getlength(part) / ZOOM
    return x - start


def _width(text: str, size: float) -> float:
    pixels = round(size * ZOOM)
    return sum(_font(n, pixels).getlength(p) for n, p in fonts.runs(text, fonts.SANS)) / ZOOM


def timeline_chart_png(review: Review) -> bytes | None:
    """The chart of ``review``'s timed events as PNG bytes, or None when no event has a time."""
    shapes = chart_shapes(review)
    if shapes is None:
        return None
    image = Image.new("RGB", (round(shapes.width * ZOOM), round(shapes.height * ZOOM)), "white")
    draw = ImageDraw.Draw(image)
    for b in shapes.boxes:
        draw.rectangle(
            (b.x * ZOOM, b.y * ZOOM, (b.x + b.w) * ZOOM, (b.y + b.h) * ZOOM), fill=b.fill
        )
    for line in shapes.lines:
        a, z = (line.x1 * ZOOM, line.y1 * ZOOM), (line.x2 * ZOOM, line.y2 * ZOOM)
        if line.dashed:  # 2 on, 3 off, as in the SVG
            x = a[0]
            while x < z[0]:
                draw.line((x, a[1], min(x + 2 * ZOOM, z[0]), a[1]), fill=line.colour, width=1)
                x += 5 * ZOOM
        else:
            draw.line((a, z), fill=line.colour, width=1)
    for t in shapes.labels:
        text = f"{t.lead} {t.text}" if t.lead else t.text
        x = t.x - _width(text, t.size) / 2 if t.anchor == "middle" else t.x
        if t.lead:
            x += _text(draw, x, t.y, t.lead + " ", t.size, t.lead_colour)
            _text(draw, x, t.y, t.text, t.size, t.colour)
        else:
            _text(draw, x, t.y, text, t.size, t.colour)
    r = RADIUS * ZOOM
    for m in shapes.markers:
        cx, cy = m.x * ZOOM, m.y * ZOOM
        draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=m.colour, outline="white", width=ZOOM)
    out = io.BytesIO()
    image.save(out, "PNG", compress_level=6)
    return out.getvalue()
