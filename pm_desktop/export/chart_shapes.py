"""The timeline chart as a list of shapes, for exports that draw it themselves (HTML and
Confluence as SVG, Word as a picture): the PDF's and the app's chart.

One lane per event kind (its colour and symbol from :mod:`pm_desktop.domain.palette`, so colour
is never the only cue), the phases shaded behind with how long each lasted, ticks on round
wall-clock times of the review's zone (:func:`pm_desktop.domain.chart_layout.ticks`). Data from
:class:`pm_desktop.domain.chart_data.ChartData`, like the app's chart. Coordinates are points of
a :data:`WIDTH`-wide drawing; each marker keeps its event's time and words for a tooltip.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pm_desktop.domain import chart_layout, palette, timefmt
from pm_desktop.domain.chart_data import ChartData
from pm_desktop.domain.model import EVENT_KIND_LABELS, Review

WIDTH = 760.0
LABEL_W = 120.0
LANE_H = 20.0
TOP = 22.0  # room for the phase labels
AXIS_H = 34.0
MAX_MARKERS = 2_000  # a huge timeline: the chart shows the first ones, the table has them all
INK, MUTED, GRID, LANE = "#333333", "#666666", "#d0d7de", "#eaeef2"


@dataclass(frozen=True, slots=True)
class Box:
    x: float
    y: float
    w: float
    h: float
    fill: str
    tip: str


@dataclass(frozen=True, slots=True)
class Line:
    x1: float
    y1: float
    x2: float
    y2: float
    colour: str
    dashed: bool = False


@dataclass(frozen=True, slots=True)
class Label:
    x: float
    y: float  # the baseline
    text: str
    size: float
    colour: str
    anchor: str = "middle"  # or "start"
    lead: str = ""  # drawn first in ``lead_colour`` (a lane's symbol)
    lead_colour: str = ""


@dataclass(frozen=True, slots=True)
class Marker:
    x: float
    y: float
    colour: str
    tip: str


@dataclass
class ChartShapes:
    width: float
    height: float
    summary: str  # what a screen reader says of the whole chart
    boxes: list[Box] = field(default_factory=list)
    lines: list[Line] = field(default_factory=list)
    labels: list[Label] = field(default_factory=list)
    markers: list[Marker] = field(default_factory=list)


def chart_shapes(review: Review) -> ChartShapes | None:
    """The chart of ``review``'s timed events, or None when no event has a time."""
    data = ChartData()
    data.rebuild(review)
    if data.range is None or not data.lanes:
        return None
    t0, t1 = data.range
    scale = chart_layout.Scale(t0, t1, LABEL_W, WIDTH - 10)
    lanes = list(data.lanes)
    plot_h = TOP + LANE_H * len(lanes)
    out = ChartShapes(
        WIDTH, plot_h + AXIS_H, f"Timeline chart: {len(data.texts)} timed events in {data.zone}"
    )
    for phase in data.phases:
        x0, x1 = scale.x(phase.start), scale.x(phase.end)
        lasted = timefmt.gap_text(phase.end - phase.start).lstrip("+")
        fill = palette.PHASE_SWATCHES[phase.label].light
        out.boxes.append(Box(x0, TOP, max(x1 - x0, 1.0), plot_h - TOP, fill, f"{phase.label}: {lasted}"))  # fmt: skip
        out.labels.append(Label((x0 + x1) / 2, TOP - 7, lasted, 10, INK))
    step = chart_layout.choose_step(t1 - t0, WIDTH - LABEL_W - 10, 62)
    for tick in chart_layout.ticks(t0, t1, data.zone, step):
        x = scale.x(tick.t)
        out.lines.append(Line(x, TOP, x, plot_h, GRID))
        out.labels.append(Label(x, plot_h + 13, tick.label, 10, INK))
        if tick.day:
            out.labels.append(Label(x, plot_h + 26, tick.day, 9, MUTED))
    shown = 0
    for row, kind in enumerate(lanes):
        y = TOP + LANE_H * row + LANE_H / 2
        swatch = palette.EVENT_KIND_SWATCHES.get(kind, palette.EVENT_KIND_SWATCHES["note"])
        name = EVENT_KIND_LABELS.get(kind, kind)
        out.labels.append(Label(4, y + 4, name, 11, "#222222", "start", swatch.symbol, swatch.light))  # fmt: skip
        out.lines.append(Line(LABEL_W, y, WIDTH - 10, y, LANE, dashed=True))
        for t, event_id in data.lanes[kind]:
            if shown >= MAX_MARKERS:
                break
            shown += 1
            words = " ".join(data.texts[event_id][2].split())[:200]
            when = timefmt.show_time(timefmt.from_epoch(t), data.zone, data.seconds).clock
            out.markers.append(Marker(scale.x(t), y, swatch.light, f"{when} {words}"))
    out.labels.append(Label((LABEL_W + WIDTH) / 2, out.height - 2, f"Time in {data.zone}", 10, INK))  # fmt: skip
    return out
