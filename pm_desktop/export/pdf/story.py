"""The PDF's story: the title page, contents and every section, built from the review.

Sections live in their own modules (``sections_*.py``); this module holds what they share (the
:class:`Context`, headings with stable bookmark keys, paragraphs of user text) and puts the story
together, reporting progress per section.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property

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

from pm_desktop.domain import timeutil
from pm_desktop.domain.model import REVIEW_STATUS_LABELS, SEVERITY_WORDS, Review

from ..profiles import Profile
from ..whys_view import BranchInfo
from . import fonts, styles
from .doc import Anchor, Contents, Heading, TocEntry
from .text import markup, one_line, paragraphs

BLAMELESS = (
    "Written in a blameless spirit: this review asks how our systems and processes let this "
    "happen, never who is to blame."
)


@dataclass
class Context:
    review: Review
    profile: Profile
    read_blob: Callable[[str], bytes]
    st: styles.Styles
    zone: str
    branches: BranchInfo
    progress: Callable[[float, str], None]
    toc: list[TocEntry] = field(default_factory=list)
    orientation: str = "portrait"
    _count: int = 0
    _section: int = 0
    _sections: int = 1
    _numbers: list[int] = field(default_factory=lambda: [0, 0])

    def step(self, message: str) -> None:
        """Report progress inside the current section (preparing the story is the first 30 %)."""
        done = self._section / max(1, self._sections)
        self.progress(0.01 + 0.29 * done, message)

    def key(self) -> str:
        self._count += 1
        return f"pm-{self._count}"

    def heading(self, text: str, level: int = 0, *, numbered: bool = True) -> Heading:
        """A section (level 0) or subsection (level 1) heading, in the outline and contents."""
        title = one_line(text, 110) or "—"
        if numbered:
            self._numbers[level] += 1
            if level == 0:
                self._numbers[1] = 0
            number = ".".join(str(n) for n in self._numbers[: level + 1])
            title = f"{number}  {title}"
        key = self.key()
        shown = markup(title, fonts.SANS_BOLD, breaks=False)
        toc = markup(title, fonts.SANS_BOLD if level == 0 else fonts.SANS, breaks=False)
        style = self.st.h1 if level == 0 else self.st.h2
        self.toc.append(TocEntry(level, toc, key))
        return Heading(
            shown,
            style,
            key=key,
            level=level,
            outline=one_line(title, 90),
            toc=toc,
            room=130.0 if level == 0 else 80.0,
        )

    def time(self, canonical: str | None, fmt: str = "YYYY-MM-DD HH:mm") -> str:
        return timeutil.format_time(canonical, self.zone, fmt)

    @cached_property  # asked for every screenshot's caption; it sorts every event
    def zone_name(self) -> str:
        first = next((e.time for e in self.review.sorted_events() if e.time), None)
        return timeutil.zone_label(self.zone, first)


# --------------------------------------------------------------------------- shared helpers


def para(text: str | None, style, base: str | None = None) -> Paragraph:
    return Paragraph(markup(text, base or style.fontName), style)


def text_block(text: str | None, style, empty: str | None = None, muted=None) -> list[Flowable]:
    """User text as paragraphs (split at blank lines); ``empty`` when there is none."""
    blocks = paragraphs(text)
    if not blocks:
        return [Paragraph(markup(empty), muted)] if empty and muted is not None else []
    return [Paragraph(markup(block, style.fontName), style) for block in blocks]


def nothing(ctx: Context, text: str) -> Paragraph:
    return Paragraph(markup(text), ctx.st.muted)


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
        from .sections_summary import metrics_table  # that module imports this one

        out += [Spacer(1, 40), Paragraph("AT A GLANCE", st.muted), metrics_table(ctx)]
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
    day = timeutil.parse_date(value)
    return f"{day:%A} {day.day} {day:%B %Y}"


def contents_page(ctx: Context, contents: Contents) -> list[Flowable]:
    return [
        PageBreak(),
        Anchor(ctx.st.body, key=ctx.key(), level=0, outline="Contents", toc=""),
        Paragraph("Contents", ctx.st.h1),
        contents,
    ]


# --------------------------------------------------------------------------- assembly


def build_story(ctx: Context) -> tuple[list[Flowable], Contents]:
    # imported here: the section modules import this one for Context and the helpers
    from . import (
        sections_closing,
        sections_evidence,
        sections_summary,
        sections_timeline,
        sections_whys,
    )

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
