"""The chart's event markers as vector shapes, not glyphs.

A marker drawn as a character ("▲", "◆") is text: it is copied with the page, read aloud by a
screen reader and found by search, so a timeline page would read "▲ ▲ ◆ ● ▼ ■" between its words.
Drawn as paths they look the same and stay out of the text. Each palette symbol has its shape
here; one no shape is known for becomes a filled circle, so a marker is never missing.
"""

from __future__ import annotations

import math
from collections.abc import Callable

Path = list[tuple[float, float]]


def _polygon(points: Path) -> Callable:
    def draw(canv, cx: float, cy: float, r: float) -> None:
        path = canv.beginPath()
        path.moveTo(cx + points[0][0] * r, cy + points[0][1] * r)
        for px, py in points[1:]:
            path.lineTo(cx + px * r, cy + py * r)
        path.close()
        canv.drawPath(path, stroke=0, fill=1)

    return draw


def _circle(scale: float, filled: bool = True) -> Callable:
    def draw(canv, cx: float, cy: float, r: float) -> None:
        if filled:
            canv.circle(cx, cy, r * scale, stroke=0, fill=1)
            return
        canv.saveState()
        canv.setStrokeColor(canv._fillColorObj)
        canv.setLineWidth(max(0.6, r * 0.22))
        canv.circle(cx, cy, r * scale * 0.85, stroke=1, fill=0)
        canv.restoreState()

    return draw


def _square(canv, cx: float, cy: float, r: float) -> None:
    side = r * 1.5
    canv.rect(cx - side / 2, cy - side / 2, side, side, stroke=0, fill=1)


def _envelope(canv, cx: float, cy: float, r: float) -> None:
    w, h = r * 1.9, r * 1.3
    canv.saveState()
    canv.setStrokeColor(canv._fillColorObj)
    canv.setLineWidth(max(0.6, r * 0.18))
    canv.rect(cx - w / 2, cy - h / 2, w, h, stroke=1, fill=0)
    path = canv.beginPath()
    path.moveTo(cx - w / 2, cy + h / 2)
    path.lineTo(cx, cy)
    path.lineTo(cx + w / 2, cy + h / 2)
    canv.drawPath(path, stroke=1, fill=0)
    canv.restoreState()


_TRIANGLE_HEIGHT = math.sqrt(3) / 2
SHAPES: dict[str, Callable] = {
    "▲": _polygon([(-1, -_TRIANGLE_HEIGHT * 0.9), (1, -_TRIANGLE_HEIGHT * 0.9), (0, 0.95)]),
    "▼": _polygon([(-1, _TRIANGLE_HEIGHT * 0.9), (1, _TRIANGLE_HEIGHT * 0.9), (0, -0.95)]),
    "▶": _polygon([(-0.8, -1), (-0.8, 1), (1, 0)]),
    "◆": _polygon([(0, 1.05), (0.8, 0), (0, -1.05), (-0.8, 0)]),
    "■": _square,
    "●": _circle(0.85),
    "•": _circle(0.5),
    "○": _circle(0.9, filled=False),
    "✉": _envelope,
}


def draw_marker(canv, symbol: str, cx: float, cy: float, size: float) -> None:
    """Draw ``symbol``'s shape centred on (cx, cy), about ``size`` points across, in the
    current fill colour."""
    SHAPES.get(symbol, _circle(0.75))(canv, cx, cy, size / 2)
