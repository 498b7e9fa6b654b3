"""The first page: an executive summary for readers who read one page.

Support, sales, leadership and compliance get, on page 1: the title and its facts, what
happened, who was affected and how much, when it started and ended (with the zone) and how long
it lasted, the one-line root causes or contributing factors, what set it off, how far the fixes
are, the severity in words, the response metrics (shown here only), the blameless statement and a
short contents list (top-level sections; the bookmarks pane has the rest).
"""

from __future__ import annotations

import datetime as dt

from reportlab.lib import colors
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from pm_desktop.domain import timefmt, timeutil
from pm_desktop.domain.customer_version import target_month
from pm_desktop.domain.executive import (
    ExecutiveSummary,
    executive_summary,
    severity_text,
    when_text,
)
from pm_desktop.domain.model import REVIEW_STATUS_LABELS, WhyNode

from . import fonts, sections_summary, styles
from .context import Context
from .doc import Anchor, Contents
from .links import jump
from .text import markup, one_line

BLAMELESS = (
    "Written in a blameless spirit: this review asks how our systems and processes let this "
    "happen, never who is to blame."
)
CAUSES_SHOWN = 5  # root causes (or factors) listed on the first page; the rest are counted
WIDTH = styles.PORTRAIT_FRAME[0]


def front_page(ctx: Context, contents: FrontContents) -> list[Flowable]:
    st, meta = ctx.st, ctx.review.meta
    label = one_line(meta.confidentiality, 120) or "Internal"
    band = Table([[Paragraph(markup(label.upper(), fonts.SANS_BOLD), st.label)]], colWidths=[WIDTH])
    band.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, -1), _label_colour(label)),
                ("FONTNAME", (0, 0), (-1, -1), fonts.SANS),
                ("TOPPADDING", (0, 0), (-1, -1), 7),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 7),
            ]
        )
    )
    today = dt.date.today().isoformat()
    summary = executive_summary(ctx.review, today)
    out: list[Flowable] = [
        Anchor(st.body, key=ctx.key(), level=0, outline="Executive summary", toc=""),
        band,
        Spacer(1, 16),
        Paragraph("INCIDENT REVIEW", st.muted),
        Paragraph(markup(meta.title or "Untitled review", fonts.SANS_BOLD, limit=1_000), st.title),
        _facts(ctx),
        Spacer(1, 8),
        _statement(ctx),
        Paragraph("Executive summary", st.h2),
        _summary_table(ctx, summary, today),
    ]
    if ctx.profile.metrics:
        out += [Spacer(1, 8), sections_summary.metrics_table(ctx)]
    out += [Spacer(1, 4), contents]
    return out


class FrontContents(Contents):
    """The contents list under the summary, with its title, only when it fits on the first
    page: otherwise it is left out rather than given a near-empty page of its own (the
    bookmarks pane, open by default, lists every section and subsection anyway)."""

    def __init__(self, entries, st):
        super().__init__(entries, st)
        self.title = Paragraph("Contents", st.h2)
        self.shown = True
        self._title_height = 0.0

    def wrap(self, avail_width, avail_height):
        _w, self._title_height = self.title.wrapOn(self.canv, avail_width, avail_height)
        self._title_height += self.st.h2.spaceBefore + self.st.h2.spaceAfter
        width, height = super().wrap(avail_width, avail_height)
        self.shown = self._title_height + height <= avail_height
        if not self.shown:
            self.width, self.height = avail_width, 0
            return avail_width, 0
        self.height = self._title_height + height
        return width, self.height

    def split(self, avail_width, avail_height):
        return []  # it fits where it is or it is left out; never half a list

    def drawOn(self, canvas, x, y, _sW=0):
        if not self.shown:
            return
        table_height = self.height - self._title_height
        self.title.drawOn(canvas, x, y + table_height + self.st.h2.spaceAfter)
        super().drawOn(canvas, x, y, _sW)


def _facts(ctx: Context) -> Table:
    """The review's facts in two columns of label/value pairs."""
    st, meta = ctx.st, ctx.review.meta
    facts = [
        ("Incident date", _long_date(meta.incident_date) or "not set"),
        ("Review status", REVIEW_STATUS_LABELS.get(meta.status, meta.status) or "—"),
        ("Authors", " ".join(meta.authors.split()) or "not named"),
        ("Times shown in", ctx.zone_name),
        ("Version", ctx.profile.label),
        ("Exported", dt.date.today().isoformat()),
    ]
    cells = [
        [Paragraph(markup(k), st.muted), Paragraph(markup(v, limit=600), st.small)]
        for k, v in facts
    ]
    half = (len(cells) + 1) // 2
    rows = [
        cells[i] + (cells[i + half] if i + half < len(cells) else ["", ""]) for i in range(half)
    ]
    table = Table(rows, colWidths=[78, WIDTH / 2 - 78, 78, WIDTH / 2 - 78])
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("FONTNAME", (0, 0), (-1, -1), fonts.SANS),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
                ("LINEBELOW", (0, 0), (-1, -2), 0.3, styles.RULE),
            ]
        )
    )
    return table


def _summary_table(ctx: Context, summary: ExecutiveSummary, today: str) -> Table:
    st = ctx.st
    rows: list[tuple[str, str]] = [
        ("What happened", _or(summary.what_happened, "No summary written yet.")),
        ("Who was affected", _or(summary.affected, "No impact described yet.")),
    ]
    where = [f"Services: {summary.services}"] if summary.services else []
    if summary.regions:
        where.append(f"Regions: {summary.regions}")
    if where:
        rows.append(("What was affected", "<br/>".join(markup(w, limit=1_000) for w in where)))
    rows.append(("When", markup(when_text(summary, ctx.zone, ctx.zone_name, ctx.time))))
    rows.append(("Severity", markup(severity_text(summary, ctx.profile.customer))))
    rows.append(("Trigger", _or(summary.trigger, "Not described yet.")))
    rows.append(_causes(ctx, summary))
    rows.append(("Fixes", _fixes(ctx, summary, today)))
    cells = [[Paragraph(markup(k), st.body_bold), Paragraph(v, st.body)] for k, v in rows]
    table = Table(cells, colWidths=[104, WIDTH - 104])
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("FONTNAME", (0, 0), (-1, -1), fonts.SANS),
                ("BACKGROUND", (0, 0), (-1, -1), styles.SOFT),
                ("LINEBEFORE", (0, 0), (0, -1), 3, styles.ACCENT),
                ("LINEBELOW", (0, 0), (-1, -2), 0.4, colors.white),
                ("LEFTPADDING", (0, 0), (-1, -1), 8),
                ("RIGHTPADDING", (0, 0), (-1, -1), 8),
                ("TOPPADDING", (0, 0), (-1, -1), 4),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return table


def _or(text: str, empty: str) -> str:
    if text:
        return markup(text, limit=2_000)
    return f'<font color="{styles.MUTED_HEX}">{markup(empty)}</font>'


def _causes(ctx: Context, summary: ExecutiveSummary) -> tuple[str, str]:
    nodes: tuple[WhyNode, ...] = summary.causes or summary.factors
    title = "Root causes" if summary.causes else "Contributing factors"
    if not nodes:
        return "Root causes", _or("", "No root cause or contributing factor identified yet.")
    if len(nodes) == 1:
        title = title[:-1] if title.endswith("s") else title
    lines = []
    for node in nodes[:CAUSES_SHOWN]:
        label = ctx.branches.branch.get(node.id)
        tag = f"{label}: " if label and ctx.profile.why_trees else ""
        text = markup(tag + (one_line(node.text, 170) or "?"))
        lines.append("• " + jump(ctx.places.key("why", node.id), text))
    if len(nodes) > CAUSES_SHOWN:
        lines.append(markup(f"and {len(nodes) - CAUSES_SHOWN} more in the five whys section"))
    if summary.causes and summary.factors:
        lines.append(markup(f"Contributing factors: {len(summary.factors)} (see the five whys)."))
    return title, "<br/>".join(lines)


def _fixes(ctx: Context, summary: ExecutiveSummary, today: str) -> str:
    fixes = summary.fixes
    if not fixes.total:
        return _or("", "No follow-ups yet.")
    parts = [markup(fixes.progress)]
    card = fixes.next_due
    if card is not None:
        title = markup(one_line(card.title, 120))
        if ctx.profile.followup_details:
            title = jump(ctx.places.key("followup", card.id), title)
            when = card.due
        else:
            when = target_month(card.due) or card.due
        parts.append(f"next due {markup(when)}: {title}")
    if fixes.overdue and ctx.profile.followup_details:
        parts.append(markup(f"{fixes.overdue} overdue"))
    return " · ".join(parts)


def _statement(ctx: Context) -> Table:
    statement = Table([[Paragraph(markup(BLAMELESS), ctx.st.statement)]], colWidths=[WIDTH])
    statement.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, -1), styles.SOFT),
                ("FONTNAME", (0, 0), (-1, -1), fonts.SANS),
                ("LINEBEFORE", (0, 0), (0, -1), 3, styles.ACCENT),
                ("LEFTPADDING", (0, 0), (-1, -1), 10),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 7),
            ]
        )
    )
    return statement


def _label_colour(label: str) -> colors.Color:
    lowered = label.casefold()
    if any(word in lowered for word in ("confidential", "restricted", "secret")):
        return colors.HexColor("#9b1c1c")
    if any(word in lowered for word in ("public", "external", "customer")):
        return colors.HexColor("#1d5e3a")
    return styles.BAND


def _long_date(value: str) -> str:
    if not timeutil.is_valid_date(value):
        return value
    return timefmt.long_day(timeutil.parse_date(value))
