"""The PDF's story: the title page, contents and every section, built from the review.

Sections live in their own modules (``sections_*.py``) and share :mod:`.context`; this module
writes the front matter and puts the story together, reporting progress per section.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from reportlab.lib import colors
from reportlab.platypus import (
    Flowable,
    PageBreak,
    PageBreakIfNotEmpty,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from pm_desktop.domain import timefmt, timeutil
from pm_desktop.domain.model import REVIEW_STATUS_LABELS, SEVERITY_WORDS

from . import (
    fonts,
    sections_closing,
    sections_evidence,
    sections_sources,
    sections_summary,
    sections_timeline,
    sections_whys,
    styles,
)
from .context import Context
from .doc import Anchor, Contents
from .text import markup, one_line

BLAMELESS = (
    "Written in a blameless spirit: this review asks how our systems and processes let this "
    "happen, never who is to blame."
)


# --------------------------------------------------------------------------- front matter


def title_page(ctx: Context) -> list[Flowable]:
    st, meta = ctx.st, ctx.review.meta
    width = styles.PORTRAIT_FRAME[0]
    label = one_line(meta.confidentiality, 120) or "Internal"
    band = Table([[Paragraph(markup(label.upper(), fonts.SANS_BOLD), st.label)]], colWidths=[width])
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
    out: list[Flowable] = [
        Anchor(st.body, key=ctx.key(), level=0, outline="Title page", toc=""),
        band,
        Spacer(1, 70),
        Paragraph("INCIDENT REVIEW", st.muted),
        Spacer(1, 4),
        Paragraph(markup(meta.title or "Untitled review", fonts.SANS_BOLD, limit=1_000), st.title),
    ]
    facts = [
        ("Incident date", _long_date(meta.incident_date) or "not set"),
        ("Severity", _severity(ctx, meta.severity) or "not set"),
        ("Review status", REVIEW_STATUS_LABELS.get(meta.status, meta.status) or "—"),
        ("Authors", meta.authors or "not named"),
        ("Times shown in", ctx.zone_name),
        ("Version", ctx.profile.label),
        ("Exported", dt.date.today().isoformat()),
    ]
    rows = [
        [Paragraph(markup(k), st.muted), Paragraph(markup(v, limit=2_000), st.body)]
        for k, v in facts
    ]
    table = Table(rows, colWidths=[110, width - 110])
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("FONTNAME", (0, 0), (-1, -1), fonts.SANS),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
                ("LINEBELOW", (0, 0), (-1, -2), 0.3, styles.RULE),
            ]
        )
    )
    statement = Table([[Paragraph(markup(BLAMELESS), st.statement)]], colWidths=[width])
    statement.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, -1), styles.SOFT),
                ("FONTNAME", (0, 0), (-1, -1), fonts.SANS),
                ("LINEBEFORE", (0, 0), (0, -1), 3, styles.ACCENT),
                ("LEFTPADDING", (0, 0), (-1, -1), 10),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 9),
            ]
        )
    )
    out += [Spacer(1, 10), table, Spacer(1, 26), statement]
    if ctx.profile.metrics:
        out += [
            Spacer(1, 40),
            Paragraph("AT A GLANCE", st.muted),
            sections_summary.metrics_table(ctx),
        ]
    return out


def _severity(ctx: Context, code: str) -> str:
    return SEVERITY_WORDS.get(code, code) if ctx.profile.customer else code


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


def contents_page(ctx: Context, contents: Contents) -> list[Flowable]:
    return [
        PageBreak(),
        Anchor(ctx.st.body, key=ctx.key(), level=0, outline="Contents", toc=""),
        Paragraph("Contents", ctx.st.h1),
        contents,
    ]


# --------------------------------------------------------------------------- assembly


def build_story(ctx: Context) -> tuple[list[Flowable], Contents]:
    contents = Contents(ctx.toc, ctx.st)
    story: list[Flowable] = title_page(ctx)
    story += contents_page(ctx, contents)
    profile = ctx.profile
    # (name, builder, included, starts a new page)
    sections: list[tuple[str, Callable[[Context], list[Flowable]], bool, bool]] = [
        ("Summary and impact", sections_summary.section, True, True),
        ("Timeline", sections_timeline.section, True, True),
        ("Evidence", sections_evidence.section, profile.evidence, True),
        ("Five whys", sections_whys.section, True, True),
        ("Follow-ups", sections_closing.followups, not profile.customer, True),
        ("What we are changing", sections_closing.customer_closing, profile.customer, True),
        ("Lessons", sections_closing.lessons, profile.lessons, False),
        ("Participants", sections_closing.participants, profile.participants, False),
        ("Sources", sections_sources.section, not profile.customer, True),
    ]
    wanted = [s for s in sections if s[2]]
    for i, (name, build, _on, new_page) in enumerate(wanted):
        ctx._section, ctx._sections = i, len(wanted)
        ctx.step(f"Preparing {name.lower()}")
        if ctx.orientation != "portrait":
            story.append(PageBreakIfNotEmpty(nextTemplate="portrait"))
            ctx.orientation = "portrait"
        elif new_page:
            story.append(PageBreak())
        else:
            story.append(Spacer(1, 18))
        story += build(ctx)
    return story, contents
