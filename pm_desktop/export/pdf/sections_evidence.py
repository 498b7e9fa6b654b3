"""Section 3: evidence — screenshots, links, snippets and attached files."""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer

from pm_desktop.domain import palette
from pm_desktop.domain.links import classify_url
from pm_desktop.domain.model import Evidence
from pm_desktop.domain.tree_layout import wrap_text

from . import fonts, styles
from .context import Context, nothing
from .continued import Continued
from .flowables import LazyImage
from .links import PlaceMark, anchor, jump
from .rowtable import Row, RowTable
from .text import clean, link, markup, runs_markup
from .textbox import CodeBlock, text_cell

MAX_ROW = 0.45 * styles.PORTRAIT_FRAME[1]
LINKED_SHOWN = 8  # linked events named (as links) in an item's caption
KIND_TITLES = {"image": "Screenshots", "link": "Links", "text": "Snippets", "file": "Files"}


def section(ctx: Context) -> list[Flowable]:
    top = ctx.heading("Evidence")
    out: list[Flowable] = [top]
    items = ctx.review.sorted_evidence()
    if not items:
        return out + [nothing(ctx, "No evidence collected yet.")]
    by_kind: dict[str, list[Evidence]] = {}
    for item in items:
        by_kind.setdefault(item.kind, []).append(item)
    builders = {"image": _images, "link": _links, "text": _snippets, "file": _files}
    for kind, title in KIND_TITLES.items():
        if by_kind.get(kind):
            heading = ctx.heading(title, 1)
            flow = builders[kind](ctx, by_kind[kind])
            if isinstance(flow[0], Continued) and flow[0].heads:
                heading.room = 0.0  # it travels with the first slice of the picture
                flow[0].heads.insert(0, heading)
                if out == [top]:  # and so does the section's heading, right above it
                    top.room = 0.0
                    flow[0].heads.insert(0, out.pop())
            elif isinstance(flow[0], KeepTogether):
                # the heading travels with the first picture or snippet, never alone
                heading.room = 0.0
                flow[0] = KeepTogether([heading, *flow[0]._content])
            else:
                flow.insert(0, heading)
            out += flow
    return out


def _symbol(kind: str) -> str:
    swatch = palette.EVIDENCE_KIND_SWATCHES[kind]
    return f'<font color="{swatch.light}">{runs_markup(swatch.symbol)}</font>'


def _captured(ctx: Context, item: Evidence) -> str:
    """Markup: "Captured 2025-03-12 10:16 (UTC) by … · linked to 3 timeline events (09:25,
    09:40, 10:05)", each time a link to its row in the timeline (see :func:`_linked`)."""
    text = ""
    if item.captured_at:
        text = f"Captured {ctx.time(item.captured_at)} ({ctx.zone_name})"
    if item.captured_by.strip() and ctx.profile.participants:
        text += (" by " if text else "Captured by ") + " ".join(item.captured_by.split())
    linked = _linked(ctx, item, "linked" if text else "Linked")
    return " · ".join(part for part in (markup(text), linked) if part)


def _linked(ctx: Context, item: Evidence, word: str = "Linked") -> str:
    """Markup: "Linked to 3 timeline events (09:25, 09:40, 10:05)", each time a link."""
    linked = [ctx.review.events[e] for e in dict.fromkeys(item.event_ids) if e in ctx.review.events]
    shown = ""
    if linked:
        plural = "s" if len(linked) != 1 else ""
        shown += markup(f"{word} to {len(linked)} timeline event{plural}")
        jumps = [
            jump(
                ctx.places.key("event", e.id),
                markup(ctx.time(e.time, "HH:mm") if e.time else "untimed"),
            )
            for e in linked[:LINKED_SHOWN]
        ]
        more = f", {len(linked) - LINKED_SHOWN} more" if len(linked) > LINKED_SHOWN else ""
        shown += f" ({', '.join(jumps)}{more})"
    return shown


def _images(ctx: Context, items: list[Evidence]) -> list[Flowable]:
    st = ctx.st
    out: list[Flowable] = []
    frame_w, frame_h = styles.PORTRAIT_FRAME
    for n, item in enumerate(items, 1):
        ctx.step(f"Preparing screenshots ({n} of {len(items)})")
        info = ctx.review.blobs.get(item.blob or "")
        title = f"<b>{markup(item.title or item.filename or 'Screenshot', fonts.SANS_BOLD)}</b>"
        place = PlaceMark(ctx.places.mark("evidence", item.id))
        caption = [Paragraph(f"{_symbol('image')} {title}", st.body_bold)]
        if item.note.strip():
            caption.append(Paragraph(markup(item.note, limit=4_000), st.body))
        meta = _captured(ctx, item)
        if meta:
            caption.append(Paragraph(meta, st.muted))
        if info is None:
            picture: Flowable = Paragraph(markup("The image data is missing."), st.muted)
        else:
            picture = Continued(LazyImage(
                ctx.read_blob, info, max_height=frame_h * 0.5, max_width=frame_w,
                alt_text=item.title or item.note,
            ))  # fmt: skip
        _w, height = picture.wrap(frame_w, frame_h)
        if isinstance(picture, Continued) and height > frame_h:  # sliced over pages anyway: start it here, not after a page break
            picture.heads = [place]
            out += [picture, Spacer(1, 5), KeepTogether(caption), Spacer(1, 8)]
        else:
            out += [KeepTogether([place, picture, Spacer(1, 5), *caption]), Spacer(1, 8)]
    return out


def _links(ctx: Context, items: list[Evidence]) -> list[Flowable]:
    st = ctx.st
    header = [[text_cell(h, font=fonts.SANS_BOLD, colour=colors.white) for h in ("Link", "Kind", "Captured")]]  # fmt: skip
    rows = []
    for i, item in enumerate(items):
        url = clean(item.url).strip()
        title = markup(item.title or url or "Untitled link", fonts.SANS_BOLD, limit=1_000)
        parts = [f"{anchor(ctx.places.mark('evidence', item.id))}<b>{title}</b>"]
        if url:
            parts.append(link(url))
        if item.note.strip():
            parts.append(f'<font color="#5f6b76">{markup(item.note, limit=2_000)}</font>')
        linked = _linked(ctx, item)
        if linked:
            parts.append(f'<font color="#5f6b76">{linked}</font>')
        kind = classify_url(url).label if url else "No address"
        when = ctx.time(item.captured_at) if item.captured_at else "—"
        rows.append(
            Row(
                [
                    Paragraph("<br/>".join(parts), st.cell),
                    Paragraph(f"{_symbol('link')} {markup(kind)}", st.cell),
                    Paragraph(markup(when), st.cell),
                ],
                shade=i % 2 == 1,
            )
        )
    return [RowTable(header, rows, [0.65, 0.17, 0.18], max_row_height=MAX_ROW)]


def _snippets(ctx: Context, items: list[Evidence]) -> list[Flowable]:
    st = ctx.st
    out: list[Flowable] = []
    width = styles.PORTRAIT_FRAME[0] - 10

    def measure(text: str) -> float:
        return fonts.string_width(text, fonts.MONO, 7.5)

    for n, item in enumerate(items, 1):
        ctx.step(f"Preparing snippets ({n} of {len(items)})")
        place = anchor(ctx.places.mark("evidence", item.id))
        head = [Paragraph(f"{place}{_symbol('text')} <b>{markup(item.title or 'Snippet', fonts.SANS_BOLD)}</b>", st.body_bold)]  # fmt: skip
        if item.note.strip():
            head.append(Paragraph(markup(item.note, limit=4_000), st.body))
        meta = _captured(ctx, item)
        if meta:
            head.append(Paragraph(meta, st.muted))
        lines: list[str] = []
        source = clean(item.text).split("\n")
        for line in source:  # all of it: the block goes on page after page
            lines.extend(wrap_text(line, width, measure) if line else [""])
        while lines and not lines[-1].strip():
            lines.pop()
        block = CodeBlock(lines or ["(empty)"])
        pieces = block.head(2)
        if pieces is None:
            out.append(KeepTogether([*head, Spacer(1, 3), block]))
        else:  # the title keeps its first lines; the rest may go on on the next page
            out += [KeepTogether([*head, Spacer(1, 3), pieces[0]]), pieces[1]]
        out.append(Spacer(1, 8))
    return out


def _size(size: int) -> str:
    value = float(size)
    for unit in ("bytes", "KB", "MB", "GB"):
        if value < 1024 or unit == "GB":
            return f"{int(value)} {unit}" if unit == "bytes" else f"{value:.1f} {unit}"
        value /= 1024
    return f"{size} bytes"


def _files(ctx: Context, items: list[Evidence]) -> list[Flowable]:
    st = ctx.st
    header = [[text_cell(h, font=fonts.SANS_BOLD, colour=colors.white) for h in ("File", "Type", "Size", "About")]]  # fmt: skip
    rows = []
    for i, item in enumerate(items):
        info = ctx.review.blobs.get(item.blob or "")
        about = [markup(item.title, fonts.SANS, limit=1_000)] if item.title else []
        if item.note.strip():
            about.append(markup(item.note, limit=2_000))
        meta = _captured(ctx, item)
        if meta:
            about.append(f'<font color="#5f6b76">{meta}</font>')
        mime = item.mime or (info.mime if info else "") or "unknown"
        rows.append(
            Row(
                [
                    Paragraph(
                        f"{anchor(ctx.places.mark('evidence', item.id))}{_symbol('file')} "
                        f"{markup(item.filename or 'unnamed', limit=500)}",
                        st.cell,
                    ),
                    Paragraph(markup(mime, limit=200), st.cell),
                    Paragraph(_size(info.size) if info else "—", st.cell),
                    Paragraph("<br/>".join(about) or "—", st.cell),
                ],
                shade=i % 2 == 1,
            )
        )
    return [RowTable(header, rows, [0.3, 0.2, 0.12, 0.38], max_row_height=MAX_ROW)]
