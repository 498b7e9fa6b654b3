"""Section 2: the timeline — chart, then every event in a table that repeats its header."""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.platypus import Flowable, Paragraph, Spacer

from pm_desktop.domain import palette
from pm_desktop.domain.model import EVENT_KIND_LABELS, TimelineEvent
from pm_desktop.domain.wording import counted

from ..timeline_view import DayBand, EventLine, timeline_view
from . import fonts, styles
from .chart import TimelineChart
from .context import Context, nothing
from .rowtable import Row, RowTable
from .text import CELL_LIMIT, markup
from .textbox import Block, TextBox, text_cell

CHUNK = 400  # events per progress report
MAX_ROW = 0.45 * styles.PORTRAIT_FRAME[1]


def kind_cell(kind: str) -> TextBox:
    swatch = palette.EVENT_KIND_SWATCHES.get(kind)
    label = EVENT_KIND_LABELS.get(kind, kind)
    if swatch is None:
        return text_cell(label)
    colour = styles.hex_colour(swatch.light)
    return TextBox([Block(label, prefix=swatch.symbol, prefix_colour=colour, leading=11)])


def head_cell(text: str) -> TextBox:
    return text_cell(text, font=fonts.SANS_BOLD, colour=colors.white)


def section(ctx: Context) -> list[Flowable]:
    st = ctx.st
    out: list[Flowable] = [ctx.heading("Timeline")]
    if not ctx.review.events:
        return out + [nothing(ctx, "No events recorded yet.")]
    view = timeline_view(ctx.review, ctx.zone, evidence=ctx.profile.evidence)
    intro = f"All times in {view.zone_label}."
    if view.single_day:
        intro = f"{view.single_day}. " + intro
    if view.approximate:
        intro += " A “~” marks a time that is only approximately known."
    out.append(Paragraph(markup(intro), st.muted))
    if view.timed:
        out.append(ctx.heading("Timeline chart", 1))
        out.append(TimelineChart(ctx.review, ctx.zone))
        out.append(Spacer(1, 6))
        caption = "Each lane holds one kind of event; shaded bands show how long each phase lasted."
        if view.untimed:
            caption += (
                f" {counted(len(view.untimed), 'event')} without a time "
                f"{'is' if len(view.untimed) == 1 else 'are'} listed after the table."
            )
        out.append(Paragraph(markup(caption), st.caption))
        out.append(ctx.heading("Events in order", 1))
        caption = f"All times in {view.zone_label}"
        if view.single_day:
            caption += f" · {view.single_day}"
        out.append(_table(ctx, view.timed, caption=caption, seconds=view.seconds))
    if view.untimed:
        out.append(ctx.heading("Events without a time", 1))
        out.append(_table(ctx, list(view.untimed), timed=False))
    return out


def _table(
    ctx: Context,
    lines: list[DayBand | EventLine],
    *,
    timed: bool = True,
    caption: str = "",
    seconds: bool = False,
) -> RowTable:
    by = "By" if ctx.profile.participants else "Team"
    if timed:
        header = [
            [head_cell(caption)],
            [head_cell(h) for h in ("Time", "Kind", "What happened", by)],
        ]
        # "~09:15:30" needs a wider column than "09:15" (the seconds rule holds for all rows),
        # and "02:30 (UTC+02:00)", a time in the hour that came twice, wider still
        fractions = [0.125, 0.18, 0.525, 0.17] if seconds else [0.09, 0.19, 0.55, 0.17]
        longest = max((line.time_text for line in lines if isinstance(line, EventLine)), key=len, default="")  # fmt: skip
        need = (fonts.string_width(longest, fonts.SANS, 8.5) + 10) / styles.PORTRAIT_FRAME[0]
        if need > fractions[0]:
            fractions = [need, 0.19, 0.81 - need - 0.14, 0.14]
    else:
        header = [[head_cell(h) for h in ("Kind", "What happened", by)]]
        fractions = [0.19, 0.64, 0.17]
    rows: list[Row] = []
    # Time, kind and author cells repeat (1,440 clock times, a dozen kinds, a few dozen
    # people): one flowable each, shared by every row that shows it. A cell is read-only once
    # made and lays out the same at the same width, so sharing changes nothing in the PDF and
    # saves three quarters of the flowables of a 20,000-event table (about 50 MB).
    shared: dict[tuple[str, str], TextBox] = {}

    def cell(kind: str, value: str, make) -> TextBox:
        box = shared.get((kind, value))
        if box is None:
            box = shared[(kind, value)] = make()
        return box

    n, total = 0, sum(1 for line in lines if isinstance(line, EventLine))
    for line in lines:
        if isinstance(line, DayBand):
            rows.append(Row([text_cell(line.label, font=fonts.SANS_BOLD)], kind="band"))
            continue
        if n % CHUNK == 0:
            ctx.step(f"Preparing the timeline ({n:,} of {total:,} events)")
        event = line.event
        cells: list[Flowable | None] = []
        if timed:
            clock = line.time_text
            cells.append(cell("time", clock, lambda clock=clock: text_cell(clock)))
        cells.append(cell("kind", event.kind, lambda kind=event.kind: kind_cell(kind)))
        text = ctx.shortened(event.id, f"Timeline, {line.dated_text or 'untimed'}", event.text, CELL_LIMIT)  # fmt: skip
        cells.append(_event_text(ctx, event, text, bool(line.evidence)))
        author = event.author
        cells.append(cell("by", author, lambda author=author: text_cell(author, limit=500)))
        rows.append(Row(cells, shade=n % 2 == 1))
        n += 1
    return RowTable(header, rows, fractions, max_row_height=MAX_ROW)


def _event_text(ctx: Context, event: TimelineEvent, text: str, with_evidence: bool) -> TextBox:
    """The event's words, a place the evidence section links back to, and each linked
    evidence item as a link to it."""
    text = text or "—"
    place = ctx.places.mark("event", event.id) if event.id in ctx.event_targets else ""
    blocks = [Block(text, leading=11, anchor=place)]
    items = ctx.evidence_by_event.get(event.id, []) if with_evidence else []
    for item in items[:6]:
        title = " ".join((item.title or item.filename or item.kind).split())
        blocks.append(
            Block(
                f"Evidence: {title}"[:600],
                size=7.3,
                leading=9.5,
                colour=styles.LINK,
                href=ctx.places.key("evidence", item.id),
            )
        )
    if len(items) > 6:
        more = f"and {counted(len(items) - 6, 'more evidence item')}"
        blocks.append(Block(more, size=7.3, leading=9.5, colour=styles.MUTED))
    return TextBox(blocks)
