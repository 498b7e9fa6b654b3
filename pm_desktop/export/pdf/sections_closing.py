"""Sections 5–7: follow-ups, lessons, participants."""

from __future__ import annotations

import datetime as dt
import re

from reportlab.lib import colors
from reportlab.platypus import Flowable, Paragraph, Spacer

from pm_desktop.domain import palette, timeutil
from pm_desktop.domain.customer_version import CONTACT_SUPPORT, what_we_are_changing
from pm_desktop.domain.model import FOLLOWUP_STATUS_LABELS, FOLLOWUP_STATUSES, FollowUp
from pm_desktop.domain.wording import counted

from ..timeline_view import turning_points
from . import fonts, styles
from .context import Context, nothing, text_block
from .links import anchor, jump
from .rowtable import Row, RowTable
from .text import TEXT_LIMIT, clean, limited, link, markup, one_line, paragraphs, runs_markup
from .textbox import Block, TextBox, text_cell

MAX_ROW = 0.45 * styles.PORTRAIT_FRAME[1]
OPEN = ("todo", "doing")
TICKET_KEY = re.compile(r"[A-Za-z][A-Za-z0-9_]{0,15}-\d{1,9}|#?\d{1,9}")


def _status_symbol(status: str) -> str:
    swatch = palette.FOLLOWUP_STATUS_SWATCHES.get(status)
    if swatch is None:
        return ""
    return f'<font color="{swatch.light}">{runs_markup(swatch.symbol)}</font> '


def followups(ctx: Context) -> list[Flowable]:
    st = ctx.st
    out: list[Flowable] = [ctx.heading("Follow-ups")]
    cards = ctx.review.sorted_followups()
    if not cards:
        return out + [nothing(ctx, "No follow-ups yet.")]
    counts = {s: sum(1 for c in cards if c.status == s) for s in FOLLOWUP_STATUSES}
    summary = ", ".join(
        f"{counts[s]} {FOLLOWUP_STATUS_LABELS[s].lower()}" for s in FOLLOWUP_STATUSES if counts[s]
    )
    out.append(Paragraph(markup(f"{counted(len(cards), 'follow-up')}: {summary}."), st.muted))
    today = dt.date.today().isoformat()
    if ctx.profile.followup_details:
        out += [ctx.heading("Action items", 1), action_table(ctx, cards, today)]
    for status in FOLLOWUP_STATUSES:
        group = [c for c in cards if c.status == status]
        if not group:
            continue
        out.append(ctx.heading(f"{FOLLOWUP_STATUS_LABELS[status]} ({len(group)})", 1))
        for n, card in enumerate(group, 1):
            if n % 25 == 0:
                ctx.step(f"Preparing follow-ups ({n} of {len(group)})")
            if ctx.profile.followup_details:
                out += [_card(ctx, card, today), Spacer(1, 8)]
            else:
                out.append(
                    Paragraph(
                        _status_symbol(card.status) + markup(card.title, limit=2_000), st.bullet
                    )
                )
    return out


def _card(ctx: Context, card: FollowUp, today: str) -> RowTable:
    st = ctx.st
    swatch = palette.FOLLOWUP_STATUS_SWATCHES.get(card.status, palette.FOLLOWUP_STATUS_SWATCHES["todo"])  # fmt: skip
    place = anchor(ctx.places.mark("followup", card.id))
    title = place + _status_symbol(card.status) + markup(card.title, fonts.SANS_BOLD, limit=2_000)
    rows: list[Row] = [Row([Paragraph(title, st.h3)])]
    facts = [f"Status: {FOLLOWUP_STATUS_LABELS.get(card.status, card.status)}"]
    facts.append(f"Owner: {' '.join(card.owner.split()) or 'nobody yet'}")
    due = markup(f"Due: {card.due or 'no date'}")
    if card.due and card.status in OPEN and timeutil.is_valid_date(card.due) and card.due < today:
        due = f'<font color="{palette.DUE_SWATCHES["overdue"].light}">{due} (overdue)</font>'
    if card.type:
        facts.append(f"Type: {card.type}")
    if card.priority:
        facts.append(f"Priority: {card.priority}")
    meta = " · ".join([markup(facts[0]), markup(facts[1], limit=500), due] + [markup(f) for f in facts[2:]])  # fmt: skip
    rows.append(Row([Paragraph(meta, st.muted)]))
    for block in paragraphs(card.description, TEXT_LIMIT):
        rows.append(Row([Paragraph(markup(block), st.body)]))
    causes = [ctx.review.whys[w] for w in card.why_ids if w in ctx.review.whys]
    for cause in causes:
        label = ctx.branches.branch.get(cause.id)
        kind = (
            "root cause"
            if cause.root_cause
            else "contributing factor"
            if cause.contributing
            else ""
        )
        named = " ".join(w for w in (kind, label or "") if w)
        prefix = f"Addresses {named}: " if named else "Addresses: "
        shown = markup(prefix + one_line(cause.text, 200))
        if ctx.places.has("why", cause.id) or cause.root_cause or cause.contributing:
            shown = jump(ctx.places.key("why", cause.id), shown)
        rows.append(Row([Paragraph(shown, st.small)]))
    if card.acceptance_criteria:
        done, total = card.criteria_progress
        rows.append(Row([Paragraph(markup(f"Done when ({done} of {total} met):"), st.small)]))
        for criterion in card.acceptance_criteria:
            box = "☑" if criterion.done else "☐"
            rows.append(
                Row([Paragraph(markup(criterion.text, limit=4_000), st.check, bulletText=box)])
            )
    if card.url.strip():
        rows.append(Row([Paragraph("Tracker: " + link(card.url), st.small)]))
    for row in rows:
        row.bar = styles.hex_colour(swatch.light)
    rows[0].top_pad = 2.0
    return RowTable(None, rows, [1.0], max_row_height=MAX_ROW, grid=False, left_pad=10)


def ticket_label(url: str) -> str:
    """What the ticket column shows for a tracker link: its key ("PAY-1290") when the address
    ends in one, else the host name."""
    target = clean(url).strip()
    tail = target.rstrip("/").rsplit("/", 1)[-1].split("?", 1)[0]
    if TICKET_KEY.fullmatch(tail):
        return tail
    host = target.split("://", 1)[-1].split("/", 1)[0]
    return host or target


def action_table(ctx: Context, cards: list[FollowUp], today: str) -> RowTable:
    """One row per follow-up: what, who, when, how urgent, how far, where it is tracked. Each
    title jumps to the follow-up's card below."""
    st = ctx.st
    head = ("Follow-up", "Owner", "Due", "Priority", "Status", "Ticket")
    header = [[text_cell(h, font=fonts.SANS_BOLD, colour=colors.white) for h in head]]
    rows = []
    late = styles.hex_colour(palette.DUE_SWATCHES["overdue"].light)
    # Plain-text cells (no markup to parse): a review with a thousand follow-ups stays light.
    for i, card in enumerate(cards):
        key = ctx.places.key("followup", card.id)
        title = Block(
            limited(" ".join(card.title.split()), 1_000) or "—",
            leading=11,
            colour=styles.LINK,
            href=key,
        )
        due = [Block(card.due or "—", leading=11)]
        if (
            card.due
            and card.status in OPEN
            and timeutil.is_valid_date(card.due)
            and card.due < today
        ):
            due = [
                Block(card.due, leading=11, colour=late),
                Block("overdue", leading=11, colour=late),
            ]
        swatch = palette.FOLLOWUP_STATUS_SWATCHES.get(card.status)
        label = FOLLOWUP_STATUS_LABELS.get(card.status, card.status)
        status = (
            TextBox(
                [
                    Block(
                        label,
                        prefix=swatch.symbol,
                        prefix_colour=styles.hex_colour(swatch.light),
                        leading=11,
                    )
                ]
            )
            if swatch
            else text_cell(label)
        )
        ticket = (
            Paragraph(link(card.url, ticket_label(card.url)), st.cell)
            if card.url.strip()
            else text_cell("—")
        )
        cells = [
            TextBox([title]),
            text_cell(" ".join(card.owner.split()) or "nobody yet", limit=300),
            TextBox(due),
            text_cell(card.priority or "—"),
            status,
            ticket,
        ]
        rows.append(Row(cells, shade=i % 2 == 1))
    return RowTable(header, rows, [0.34, 0.16, 0.12, 0.1, 0.15, 0.13], max_row_height=MAX_ROW)


def customer_closing(ctx: Context) -> list[Flowable]:
    """The customer version's last words: what changes and when, then whom to contact."""
    st = ctx.st
    out: list[Flowable] = [ctx.heading("What we are changing")]
    lines = what_we_are_changing(ctx.review)
    if not lines:
        out.append(nothing(ctx, "Nothing planned yet."))
    for line in lines:
        out.append(Paragraph(markup(line, limit=2_000), st.bullet, bulletText="•"))
    out += [ctx.heading("Contact support", 1), Paragraph(markup(CONTACT_SUPPORT), st.body)]
    return out


def lessons(ctx: Context) -> list[Flowable]:
    st, meta = ctx.st, ctx.review.meta
    out: list[Flowable] = [ctx.heading("Lessons")]
    for title, text in (
        ("What went well", meta.lessons_went_well),
        ("What went wrong", meta.lessons_went_wrong),
        ("Where we got lucky", meta.lessons_got_lucky),
        ("What we learned", meta.lessons_learned),
    ):
        out.append(ctx.heading(title, 1))
        out += text_block(text, st.body, "Nothing noted.", st.muted)
    turning = turning_points(ctx.review, ctx.zone)
    if turning:
        out.append(ctx.heading("Turning points", 1))
        for when, event in turning:
            line = f"<b>{markup(when)}</b> {markup(event.text, limit=2_000)}"
            out.append(Paragraph(line, st.body))
            if event.open_question.strip():
                question = markup(event.open_question, limit=2_000)
                out.append(Paragraph(f"Open question: {question}", st.check))
    parked = ctx.review.sorted_parking()
    if parked:
        out.append(ctx.heading("Parking lot", 1))
        for item in parked:
            card = ctx.review.followups.get(item.followup_id)
            tail = f" → follow-up: {markup(card.title, limit=500)}" if card is not None else ""
            out.append(Paragraph(f"• {markup(item.text, limit=2_000)}{tail}", st.body))
    return out


def participants(ctx: Context) -> list[Flowable]:
    out: list[Flowable] = [ctx.heading("Participants")]
    meta = ctx.review.meta
    roles = [("Facilitator", meta.facilitator), ("Note-taker", meta.note_taker)]
    named = [f"{title}: {markup(name, limit=300)}" for title, name in roles if name.strip()]
    if named:
        out.append(Paragraph(" · ".join(named), ctx.st.body))
    people = ctx.review.sorted_people()
    if not people:
        return out + [nothing(ctx, "No participants listed.")]
    head = ("Name", "Role", "Team", "Contribution")
    header = [[text_cell(h, font=fonts.SANS_BOLD, colour=colors.white) for h in head]]
    rows = [
        Row(
            [
                text_cell(p.name, font=fonts.SANS_BOLD, limit=500),
                text_cell(p.role, limit=500),
                text_cell(p.team, limit=500),
                text_cell(p.contribution),
            ],
            shade=i % 2 == 1,
        )
        for i, p in enumerate(people)
    ]
    out.append(RowTable(header, rows, [0.2, 0.22, 0.16, 0.42], max_row_height=MAX_ROW))
    return out
