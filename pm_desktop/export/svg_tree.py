"""The 5-whys trees as inline SVG for the HTML export: the PDF's boxes, colours and badges.

Layout comes from :func:`pm_desktop.domain.tree_layout.layout_forest`, like the PDF's and the
app's trees; node looks and branch labels from :mod:`pm_desktop.export.whys_view`. Widths are
estimated per character (wide East Asian characters count double), since the reader's font is
not known; boxes leave room for that. Every text is escaped; the SVG loads nothing.
"""

from __future__ import annotations

import unicodedata
from html import escape

from pm_desktop.domain import palette
from pm_desktop.domain.model import Review
from pm_desktop.domain.tree_layout import LayoutNode, layout_forest, node_size

from .whys_view import BranchInfo, why_state

FONT_SIZE = 11.0
LINE_HEIGHT = 14.0
PADDING = 6.0
MAX_LINES = 6
MARGIN = 10.0
FILLS = {"root_cause": "#fdecea", "confirmed": "#e8f0fb", "possible": "#ffffff"}
FILLS |= {"unknown": "#f2f2f2"}
BOLD_STATES = ("problem", "root_cause")


def text_width(text: str, bold: bool = False) -> float:
    """A generous width estimate for ``text`` in a common sans-serif font."""
    wide = sum(1 for ch in text if unicodedata.east_asian_width(ch) in "WF")
    narrow = 0.66 if bold else 0.6
    return (narrow * (len(text) - wide) + 1.05 * wide) * FONT_SIZE


def _bold_width(text: str) -> float:
    return text_width(text, bold=True)


def why_tree_svg(review: Review, root_id: str, branches: BranchInfo) -> str:
    """One tree (the root and everything under it) as an ``<svg>`` element."""
    nodes = review.subtree(root_id)
    inputs, lines, states = [], {}, {}
    for node in nodes:
        state = why_state(review, node)
        text = "?" if state == "unknown" else " ".join(node.text.split())[:2000] or "?"
        measure = _bold_width if state in BOLD_STATES else text_width
        w, h, wrapped = node_size(
            text, measure, line_height=LINE_HEIGHT, max_width=200, min_width=64,
            padding=PADDING, max_lines=MAX_LINES,
        )  # fmt: skip
        parent = node.parent_id if node.id != root_id else None
        inputs.append(LayoutNode(node.id, parent, w, h, float(node.seq)))
        lines[node.id], states[node.id] = wrapped, state
    layout = layout_forest(inputs, sibling_gap=16, level_gap=30, tree_gap=40)
    width, height = layout.width + 2 * MARGIN, layout.height + 2 * MARGIN
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="tree" role="img" '
        f'viewBox="0 0 {width:.0f} {height:.0f}" width="{width:.0f}" '
        f'font-family="system-ui, sans-serif" font-size="{FONT_SIZE:g}">',
        "<title>Five whys tree</title>",
    ]
    for parent, child in layout.edges:
        a, b = layout.boxes[parent], layout.boxes[child]
        x1, y1 = a.x + a.width / 2 + MARGIN, a.y + a.height + MARGIN
        x2, y2 = b.x + b.width / 2 + MARGIN, b.y + MARGIN
        mid = (y1 + y2) / 2
        out.append(
            f'<path d="M{x1:.1f} {y1:.1f} V{mid:.1f} H{x2:.1f} V{y2:.1f}" '
            'fill="none" stroke="#8c959f" />'
        )
    for node_id, box in layout.boxes.items():
        out.append(_node(box, states[node_id], lines[node_id], branches.starts.get(node_id)))
    out.append("</svg>")
    return "\n".join(out)


def _node(box, state: str, lines: list[str], label: str | None) -> str:
    swatch = palette.WHY_SWATCHES[state]
    x, y = box.x + MARGIN, box.y + MARGIN
    fill = swatch.light if state == "problem" else FILLS[state]
    dash = {"possible": ' stroke-dasharray="3 2"', "unknown": ' stroke-dasharray="1 2"'}
    stroke = 2 if state == "root_cause" else 1
    ink = {"problem": "#ffffff", "unknown": "#57606a"}.get(state, "#1b1f24")
    weight = ' font-weight="bold"' if state in BOLD_STATES else ""
    parts = [
        f'<g><rect x="{x:.1f}" y="{y:.1f}" width="{box.width:.1f}" height="{box.height:.1f}" '
        f'rx="4" fill="{fill}" stroke="{swatch.light}" stroke-width="{stroke}"'
        f"{dash.get(state, '')} />"
    ]
    ty = y + PADDING + FONT_SIZE - 1
    for line in lines:
        parts.append(
            f'<text x="{x + PADDING:.1f}" y="{ty:.1f}" fill="{ink}"{weight}>{escape(line)}</text>'
        )
        ty += LINE_HEIGHT
    if swatch.symbol and state not in ("unknown", "problem"):
        cx, cy = x + box.width - 2, y + 1
        parts.append(
            f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="7" fill="{swatch.light}" stroke="#fff" />'
            f'<text x="{cx:.1f}" y="{cy + 3.5:.1f}" fill="#fff" font-size="9" '
            f'text-anchor="middle">{escape(swatch.symbol)}</text>'
        )
    if label:
        parts.append(
            f'<rect x="{x - 4:.1f}" y="{y - 6:.1f}" width="{len(label) * 7 + 8}" height="12" '
            f'rx="3" fill="#0550ae" /><text x="{x:.1f}" y="{y + 3.5:.1f}" fill="#fff" '
            f'font-size="9" font-weight="bold">{escape(label)}</text>'
        )
    parts.append("</g>")
    return "".join(parts)
