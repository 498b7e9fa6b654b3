"""The PDF's story: the first page (executive summary and contents) and every section, in the
order a reader outside the team needs them.

Sections live in their own modules (``sections_*.py``) and share :mod:`.context`; this module
puts the story together, reporting progress per section.
"""

from __future__ import annotations

from collections.abc import Callable

from reportlab.platypus import Flowable, PageBreak, PageBreakIfNotEmpty, Spacer

from . import (
    sections_closing,
    sections_evidence,
    sections_front,
    sections_record,
    sections_related,
    sections_sources,
    sections_summary,
    sections_timeline,
    sections_whys,
)
from .context import Context
from .links import LinkNet

BLAMELESS = sections_front.BLAMELESS


def build_story(ctx: Context) -> tuple[list[Flowable], sections_front.FrontContents]:
    # The contents on the first page lists the top-level sections (the outline has the rest);
    # entries are known once every section is built, before the first layout pass.
    contents = sections_front.FrontContents([], ctx.st)
    story: list[Flowable] = sections_front.front_page(ctx, contents)
    profile = ctx.profile
    # (name, builder, included, starts a new page)
    sections: list[tuple[str, Callable[[Context], list[Flowable]], bool, bool]] = [
        # follows the first page's summary; sections flow on (no forced page breaks)
        ("Summary and impact", sections_summary.section, True, False),
        ("Timeline", sections_timeline.section, True, False),
        ("Communications", sections_record.communications, True, False),
        ("Evidence", sections_evidence.section, profile.evidence, False),
        ("Five whys", sections_whys.section, True, False),
        ("Follow-ups", sections_closing.followups, not profile.customer, False),
        ("What we are changing", sections_closing.customer_closing, profile.customer, False),
        ("Lessons", sections_closing.lessons, profile.lessons, False),
        ("Participants", _participants, profile.participants, False),
        (
            "Seen before",
            sections_related.section,
            bool(ctx.related) and not profile.customer,
            False,
        ),
        ("Sources", sections_sources.section, not profile.customer, False),
        ("Revision history", sections_record.revision_history, True, False),
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
    contents.planned = [entry for entry in ctx.toc if entry.level == 0]
    story.append(LinkNet())
    return story, contents


def _participants(ctx: Context) -> list[Flowable]:
    return sections_closing.participants(ctx) + sections_record.meeting(ctx)
