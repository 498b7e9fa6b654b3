"""The timeline chart: one lane per event kind on a time axis, response phases shaded behind.

Vector drawing straight on the canvas (so labels get the same per-glyph font fallback as the
text). Each marker has its kind's colour *and* symbol from the shared palette, drawn as a path
(:mod:`.markers`) so that symbols do not pollute the page's text; the phases from
the first "impact starts" to "detected", "mitigated" and "resolved" are shaded; the axis is
labelled in the review's display zone and says which zone that is.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.platypus import Flowable

from pm_desktop.domain import chart_layout, palette, timefmt, timeutil
from pm_desktop.domain.metrics import first_milestones
from pm_desktop.domain.model import EVENT_KIND_LABELS, EVENT_KINDS, Review

from . import alt, fonts, markers, styles

LANE = 15.0
LABEL_W = 104.0
TOP = 16.0  # phase labels
LEGEND = 14.0  # phase colours and durations, under the axis
AXIS = 34.0 + LEGEND  # ticks, two label lines, axis title, legend
SYMBOL_SIZE = 8.0


@dataclass(frozen=True, slots=True)
class Marker:
    at: float
    kind: str
    approximate: bool


class TimelineChart(Flowable):
    def __init__(self, review: Review, zone: str):
        super().__init__()
        self.zone = zone
        events = [e for e in review.sorted_events() if e.time is not None]
        self.markers = [Marker(timefmt.epoch(e.time), e.kind, e.approximate) for e in events]
        present = {e.kind for e in events}
        self.kinds = [k for k in EVENT_KINDS if k in present]
        first = first_milestones(review)
        self.phases: list[tuple[float, float, str]] = []
        for start_kind, end_kind, label in palette.PHASES:
            if start_kind in first and end_kind in first:
                a, b = timefmt.epoch(first[start_kind].time), timefmt.epoch(first[end_kind].time)
                if b > a:
                    self.phases.append((a, b, label))
        times = sorted(m.at for m in self.markers)
        span: tuple[float, float] = chart_layout.time_range(times) or (0.0, chart_layout.HOUR)
        self.t0, self.t1 = span
        first_time = events[0].time if events else None
        last_time = events[-1].time if events else None
        # both offsets when daylight saving changes within the chart
        self.axis_title = timefmt.zone_caption(zone, first_time, last_time).replace(
            "All times in", "Time in", 1
        )
        self.legend_rows: list[list[tuple[str, str, float]]] = [[]]

    def wrap(self, avail_width, avail_height):
        self.width = avail_width
        self.legend_rows = self._legend_rows(avail_width)
        extra = LEGEND * (len(self.legend_rows) - 1)
        self.height = TOP + LANE * max(1, len(self.kinds)) + AXIS + extra
        return self.width, self.height

    def _legend_rows(self, width: float) -> list[list[tuple[str, str, float]]]:
        """The legend's items (colour, text, x) in rows that stay inside ``width``."""
        items = [
            (palette.PHASE_SWATCHES[label].light, f"{label}: {timeutil.duration_text(b - a)}")
            for a, b, label in self.phases
        ]
        if any(m.approximate for m in self.markers):
            items.append(("", "faded marker = approximate time"))
        rows: list[list[tuple[str, str, float]]] = [[]]
        x = LABEL_W
        for colour, text in items:
            size = (12 if colour else 0) + fonts.string_width(text, fonts.SANS, 7)
            if rows[-1] and x + size > width:
                rows.append([])
                x = LABEL_W
            if x + size > width:  # one item wider than the room: start it further left
                x = max(0.0, width - size)
            rows[-1].append((colour, text, x))
            x += size + 14
        return rows

    # ------------------------------------------------------------------ geometry
    def _x(self, seconds: float) -> float:
        plot = self.width - LABEL_W - 8
        return LABEL_W + plot * (seconds - self.t0) / (self.t1 - self.t0)

    def _lane_y(self, index: int) -> float:
        return AXIS + LANE * (len(self.kinds) - index - 0.5)

    def ticks(self) -> tuple[int, list[chart_layout.Tick]]:
        """Round wall-clock times of the display zone, the same ticks as the app's chart."""
        plot = self.width - LABEL_W - 8
        step = chart_layout.choose_step(self.t1 - self.t0, plot, 62)
        return step, chart_layout.ticks(self.t0, self.t1, self.zone, step)

    # ------------------------------------------------------------------ drawing
    def _legend(self, canv) -> None:
        """Phase swatches with their durations, and what a faded marker means."""
        y = 2 + LEGEND * (len(self.legend_rows) - 1)
        for row in self.legend_rows:
            for colour, text, x in row:
                if colour:
                    canv.setFillColor(styles.hex_colour(colour))
                    canv.setStrokeColor(styles.RULE)
                    canv.rect(x, y - 1, 9, 7, stroke=1, fill=1)
                    x += 12
                canv.setFillColor(styles.INK)
                fonts.draw_string(canv, x, y, text, fonts.SANS, 7)
            y -= LEGEND

    def description(self) -> str:
        """What the chart shows, in words, for readers that cannot see it."""
        counts = {kind: 0 for kind in self.kinds}
        for marker in self.markers:
            counts[marker.kind] += 1
        lanes = ", ".join(f"{EVENT_KIND_LABELS[kind]} {n}" for kind, n in counts.items())
        phases = "; ".join(
            f"{label} {timeutil.duration_text(b - a)}" for a, b, label in self.phases
        )
        n = len(self.markers)
        out = f"Timeline chart of {n} {'event' if n == 1 else 'events'} by kind ({lanes})"
        return out + (f". Phases: {phases}" if phases else "") + f". {self.axis_title}."

    def draw(self):
        canv = self.canv
        lanes_top = AXIS + LANE * max(1, len(self.kinds))
        right = self.width - 8
        alt.begin(canv, self.description())
        canv.saveState()
        self._legend(canv)  # at the foot, in as many rows as it needs; the plot above it
        canv.translate(0, LEGEND * (len(self.legend_rows) - 1))
        # phases
        for a, b, label in self.phases:
            swatch = palette.PHASE_SWATCHES[label]
            x0, x1 = self._x(a), self._x(b)
            canv.setFillColor(styles.hex_colour(swatch.light))
            canv.rect(x0, AXIS, x1 - x0, lanes_top - AXIS + TOP - 2, stroke=0, fill=1)
            text = timeutil.duration_text(b - a)
            if fonts.string_width(text, fonts.SANS, 7) <= x1 - x0 - 4:
                canv.setFillColor(styles.INK)
                fonts.draw_centred(canv, (x0 + x1) / 2, lanes_top + 4, text, fonts.SANS, 7)
        # ticks and grid
        step, ticks = self.ticks()
        canv.setLineWidth(0.4)
        for tick in ticks:
            x = self._x(tick.t)
            canv.setStrokeColor(styles.RULE)
            canv.line(x, AXIS, x, lanes_top)
            canv.setStrokeColor(styles.MUTED)
            canv.line(x, AXIS, x, AXIS - 3)
            canv.setFillColor(styles.INK)
            fonts.draw_centred(canv, x, AXIS - 11, tick.label, fonts.SANS, 7)
            if tick.day and step < chart_layout.DAY:  # the day under its first clock time
                canv.setFillColor(styles.MUTED)
                fonts.draw_centred(canv, x, AXIS - 19, tick.day, fonts.SANS, 6.5)
        canv.setStrokeColor(styles.MUTED)
        canv.setLineWidth(0.6)
        canv.line(LABEL_W, AXIS, right, AXIS)
        canv.setFillColor(styles.MUTED)
        fonts.draw_centred(
            canv, (LABEL_W + right) / 2, LEGEND + 2, self.axis_title, fonts.SANS_BOLD, 7
        )
        # lanes
        for index, kind in enumerate(self.kinds):
            y = self._lane_y(index)
            swatch = palette.EVENT_KIND_SWATCHES[kind]
            colour = styles.hex_colour(swatch.light)
            canv.setStrokeColor(styles.RULE)
            canv.setDash(1, 2)
            canv.line(LABEL_W, y, right, y)
            canv.setDash()
            canv.setFillColor(colour)
            markers.draw_marker(canv, swatch.symbol, 4, y, SYMBOL_SIZE)
            canv.setFillColor(styles.INK)
            fonts.draw_string(canv, 12, y - 2.8, EVENT_KIND_LABELS[kind], fonts.SANS, 7.5)
        lane_of = {kind: i for i, kind in enumerate(self.kinds)}
        for marker in self.markers:
            swatch = palette.EVENT_KIND_SWATCHES[marker.kind]
            canv.setFillColor(styles.hex_colour(swatch.light))
            canv.setFillAlpha(0.45 if marker.approximate else 1.0)
            y = self._lane_y(lane_of[marker.kind])
            markers.draw_marker(canv, swatch.symbol, self._x(marker.at), y, SYMBOL_SIZE)
        canv.restoreState()
        alt.end(canv)
