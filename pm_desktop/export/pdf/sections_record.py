"""Communications (what was told to whom, when), the review meeting and the revision history."""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.platypus import Flowable, Paragraph

from pm_desktop.domain import revisions, timefmt, timeutil
from pm_desktop.domain.wording import counted

from . import fonts, styles
from .context import Context, nothing
from .rowtable import Row, RowTable
from .text import markup
from .textbox import Block, TextBox, text_cell

MAX_ROW = 0.45 * styles.PORTRAIT_FRAME[1]


def _header(*names: str) -> list[list[Flowable]]:
    return [[text_cell(h, font=fonts.SANS_BOLD, colour=colors.white) for h in names]]


def communications(ctx: Context) -> list[Flowable]:
    """Every "communication" event: when, who sent it, what was said and to whom (the event's
    words). Each time jumps to the event's row in the timeline."""
    st = ctx.st
    out: list[Flowable] = [ctx.heading("Communications")]
    events = [e for e in ctx.review.sorted_events() if e.kind == "communication"]
    if not events:
        return out + [
            nothing(ctx, "No communication is recorded in the timeline (events of the kind "
                         "“Communication”: status page posts, customer e-mails, internal updates).")
        ]  # fmt: skip
    out.append(
        Paragraph(
            markup(
                f"{counted(len(events), 'message')} to customers, colleagues or partners, from "
                f"the timeline. {_zone_caption(ctx, events)}."
            ),
            st.muted,
        )
    )
    by = "From" if ctx.profile.participants else "From (team)"
    rows = []
    for i, event in enumerate(events):
        when = ctx.time(event.time) if event.time else "no time"
        # Plain-text cells (no markup to parse): thousands of messages stay light.
        place = ctx.places.key("event", event.id)
        cells: list[Flowable | None] = [
            TextBox([Block(when, leading=11, colour=styles.LINK, href=place)]),
            text_cell(" ".join(event.author.split()) or "—", limit=300),
            text_cell(event.text),
        ]
        rows.append(Row(cells, shade=i % 2 == 1))
    header = _header("When", by, "What was said, and to whom")
    out.append(RowTable(header, rows, [0.2, 0.2, 0.6], max_row_height=MAX_ROW))
    return out


def _when(ctx: Context, canonical: str) -> str:
    return f"{ctx.time(canonical)} ({ctx.zone_name})"


def meeting(ctx: Context) -> list[Flowable]:
    """The review meeting: when, who ran it, who came (a subsection of the participants)."""
    st, meta = ctx.st, ctx.review.meta
    out: list[Flowable] = [ctx.heading("The review meeting", 1)]
    facts = []
    if timeutil.is_valid_date(meta.meeting_date):
        facts.append(f"Held on {timefmt.long_day(timeutil.parse_date(meta.meeting_date))}")
    roles = [("Facilitator", meta.facilitator), ("Note-taker", meta.note_taker)]
    facts += [f"{title}: {' '.join(name.split())}" for title, name in roles if name.strip()]
    if facts:
        out.append(Paragraph(markup(" · ".join(facts), limit=2_000), st.body))
    else:
        out.append(nothing(ctx, "No meeting date or roles recorded."))
    attendees = " ".join(meta.attendees.split())
    if attendees:
        out.append(Paragraph("<b>Attendees:</b> " + markup(attendees, limit=4_000), st.body))
    return out


def revision_history(ctx: Context) -> list[Flowable]:
    """Created, last changed and every status change, as the app recorded them."""
    st, meta = ctx.st, ctx.review.meta
    heading = ctx.heading("Revision history")
    out: list[Flowable] = [heading]
    rows: list[Row] = []

    def add(when: str, what: str) -> None:
        rows.append(Row([text_cell(when), text_cell(what)], shade=len(rows) % 2 == 1))

    if timeutil.is_canonical(meta.created):
        add(_when(ctx, meta.created), "Review created")
    for change in revisions.status_changes(meta):
        add(_when(ctx, change.at), f"Status set to “{change.label}”")
    last = revisions.last_changed(meta)
    if last:
        add(_when(ctx, last), "Last changed")
    if not rows:
        return out + [nothing(ctx, "No revision history recorded (the review predates it).")]
    out.append(
        Paragraph(markup("Recorded by the app as the review was edited; not typed."), st.muted)
    )
    out.append(RowTable(_header("When", "What"), rows, [0.4, 0.6], max_row_height=MAX_ROW))
    # A short table: the heading needs room for it, not the room a long section asks for.
    heading.room = min(heading.room, 40.0 + 16.0 * len(rows))
    return out


def _zone_caption(ctx: Context, events: list) -> str:
    """"All times in …" with both offsets when daylight saving changes between the first and
    the last message (one offset would be wrong for half of them)."""
    times = [e.time for e in events if e.time]
    return timefmt.zone_caption(ctx.zone, times[0] if times else None, times[-1] if times else None)
