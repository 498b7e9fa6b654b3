"""The timeline chart (:mod:`.chart_shapes`) as inline SVG, for the HTML and Confluence exports.

Every text is escaped and the SVG loads nothing; each marker and phase carries a ``<title>`` (a
tooltip in browsers) and the whole chart an ``aria-label``.
"""

from __future__ import annotations

from html import escape

from pm_desktop.domain.model import Review

from .chart_shapes import chart_shapes

FONT = "font-family: sans-serif"


def timeline_chart_svg(review: Review) -> str | None:
    """The chart of ``review``'s timed events as SVG text, or None when no event has a time."""
    shapes = chart_shapes(review)
    if shapes is None:
        return None
    w, h = shapes.width, shapes.height
    parts = [
        f'<svg class="chart" xmlns="http://www.w3.org/2000/svg" role="img" width="{w:.0f}" '
        f'height="{h:.0f}" viewBox="0 0 {w:.0f} {h:.0f}" aria-label="{escape(shapes.summary)}">'
    ]
    for b in shapes.boxes:
        parts.append(
            f'<rect x="{b.x:.1f}" y="{b.y:.1f}" width="{b.w:.1f}" height="{b.h:.1f}" '
            f'fill="{b.fill}"><title>{escape(b.tip)}</title></rect>'
        )
    for line in shapes.lines:
        dash = ' stroke-dasharray="2 3"' if line.dashed else ' stroke-width="0.6"'
        parts.append(
            f'<line x1="{line.x1:.1f}" y1="{line.y1:.1f}" x2="{line.x2:.1f}" y2="{line.y2:.1f}" '
            f'stroke="{line.colour}"{dash} />'
        )
    for t in shapes.labels:
        lead = f'<tspan fill="{t.lead_colour}">{escape(t.lead)}</tspan> ' if t.lead else ""
        parts.append(
            f'<text x="{t.x:.1f}" y="{t.y:.1f}" text-anchor="{t.anchor}" font-size="{t.size:g}" '
            f'fill="{t.colour}" style="{FONT}">{lead}{escape(t.text)}</text>'
        )
    for m in shapes.markers:
        parts.append(
            f'<circle cx="{m.x:.1f}" cy="{m.y:.1f}" r="4.5" fill="{m.colour}" stroke="#fff" '
            f'stroke-width="1"><title>{escape(m.tip)}</title></circle>'
        )
    parts.append("</svg>")
    return "".join(parts)
