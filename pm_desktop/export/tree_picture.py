"""A 5-whys tree as a PNG picture, for documents that take pictures but no drawings (Word).

The same layout (:func:`pm_desktop.domain.tree_layout.layout_forest`), colours, badges and branch
labels as the PDF's and the HTML's trees; text is drawn with the fonts shipped for the PDF and
the PDF's per-character fallback (:func:`pm_desktop.export.pdf.fonts.runs`), so Cyrillic, CJK
and symbols come out right. Drawn at twice the size it is shown, so it prints sharply.
"""

from __future__ import annotations

import functools
import io
from functools import lru_cache

from PIL import Image, ImageDraw, ImageFont

from pm_desktop.domain import palette
from pm_desktop.domain.model import Review
from pm_desktop.domain.tree_layout import LayoutNode, layout_forest, node_size

from .pdf import fonts
from .whys_view import BranchInfo, why_state

ZOOM = 2  # pixels per layout point
FONT_SIZE = 11
LINE_HEIGHT = 14.0
PADDING = 6.0
MARGIN = 10.0
MAX_SIDE = 6000  # pixels: larger trees are drawn smaller
BOLD_STATES = ("problem", "root_cause")
FILLS = {"root_cause": "#fdecea", "confirmed": "#e8f0fb", "possible": "#ffffff"}
FILLS |= {"unknown": "#f2f2f2"}


@lru_cache(maxsize=16)
def _font(name: str, size: int) -> ImageFont.FreeTypeFont:
    data = (fonts.font_dir() / fonts._FILES[name]).read_bytes()
    return ImageFont.truetype(io.BytesIO(data), size)


def _runs(text: str, bold: bool) -> list[tuple[str, str]]:
    return list(fonts.runs(text, fonts.SANS_BOLD if bold else fonts.SANS))


def _measure(text: str, bold: bool, zoom: float = 1.0) -> float:
    size = round(FONT_SIZE * zoom)
    return sum(_font(name, size).getlength(part) for name, part in _runs(text, bold)) / zoom


def _draw_text(draw: ImageDraw.ImageDraw, x: float, y: float, text: str, bold: bool, fill: str, zoom: float) -> None:  # fmt: skip
    size = round(FONT_SIZE * zoom)
    for name, part in _runs(text, bold):
        font = _font(name, size)
        draw.text((x, y), part, font=font, fill=fill)
        x += font.getlength(part)


def why_tree_png(review: Review, root_id: str, branches: BranchInfo) -> bytes:
    """One tree (the root and everything under it) as PNG bytes. Raises ValueError when the
    layout refuses the tree."""
    inputs, lines, states = [], {}, {}
    for node in review.subtree(root_id):
        state = why_state(review, node)
        bold = state in BOLD_STATES
        text = "?" if state == "unknown" else " ".join(node.text.split())[:2000] or "?"
        w, h, wrapped = node_size(
            text, functools.partial(_measure, bold=bold), line_height=LINE_HEIGHT, max_width=200,
            min_width=64, padding=PADDING, max_lines=6,
        )  # fmt: skip
        parent = node.parent_id if node.id != root_id else None
        inputs.append(LayoutNode(node.id, parent, w, h, float(node.seq)))
        lines[node.id], states[node.id] = wrapped, state
    layout = layout_forest(inputs, sibling_gap=16, level_gap=30, tree_gap=40)
    width, height = layout.width + 2 * MARGIN, layout.height + 2 * MARGIN
    zoom = min(float(ZOOM), MAX_SIDE / max(width, height))
    image = Image.new("RGB", (max(1, round(width * zoom)), max(1, round(height * zoom))), "white")
    draw = ImageDraw.Draw(image)
    for parent, child in layout.edges:
        a, b = layout.boxes[parent], layout.boxes[child]
        x1, y1 = a.x + a.width / 2 + MARGIN, a.y + a.height + MARGIN
        x2, y2 = b.x + b.width / 2 + MARGIN, b.y + MARGIN
        mid = (y1 + y2) / 2
        points = [(x1, y1), (x1, mid), (x2, mid), (x2, y2)]
        draw.line([(px * zoom, py * zoom) for px, py in points], fill="#8c959f", width=round(zoom))
    for node_id, box in layout.boxes.items():
        _node(draw, box, states[node_id], lines[node_id], branches.starts.get(node_id), zoom)
    out = io.BytesIO()
    image.save(out, "PNG", optimize=False, compress_level=6)
    return out.getvalue()


def _node(draw, box, state: str, lines: list[str], label: str | None, zoom: float) -> None:
    swatch = palette.WHY_SWATCHES[state]
    x, y = (box.x + MARGIN) * zoom, (box.y + MARGIN) * zoom
    w, h = box.width * zoom, box.height * zoom
    fill = swatch.light if state == "problem" else FILLS[state]
    stroke = round((2 if state == "root_cause" else 1) * zoom)
    draw.rounded_rectangle((x, y, x + w, y + h), 4 * zoom, fill=fill, outline=swatch.light, width=stroke)  # fmt: skip
    ink = {"problem": "#ffffff", "unknown": "#57606a"}.get(state, "#1b1f24")
    ty = y + PADDING * zoom
    for line in lines:
        _draw_text(draw, x + PADDING * zoom, ty, line, state in BOLD_STATES, ink, zoom)
        ty += LINE_HEIGHT * zoom
    if swatch.symbol and state not in ("unknown", "problem"):
        cx, cy, r = x + w - 2 * zoom, y + zoom, 7 * zoom
        draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=swatch.light, outline="white")
        font = _font(fonts.SYMBOLS, round(9 * zoom))
        draw.text((cx, cy), swatch.symbol, font=font, fill="white", anchor="mm")
    if label:
        font = _font(fonts.SANS_BOLD, round(9 * zoom))
        lw = font.getlength(label) + 8 * zoom
        draw.rounded_rectangle((x - 4 * zoom, y - 6 * zoom, x - 4 * zoom + lw, y + 6 * zoom), 3 * zoom, fill="#0550ae")  # fmt: skip
        draw.text((x, y), label, font=font, fill="white", anchor="lm")
