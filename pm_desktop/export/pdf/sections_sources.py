"""Appendix (internal PDF only): where the record came from and who wrote it.

One row per source (typed, the capture window, a paste, each Slack channel, the pager, each CSV
file, each merged review) with its counts of events, evidence and why nodes and the authors
with how many items each wrote. The customer version never has this appendix: it would name
people and channels.
"""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.platypus import Flowable, Paragraph

from pm_desktop.domain.provenance import source_counts
from pm_desktop.domain.wording import counted

from . import fonts, styles
from .context import Context, nothing
from .rowtable import Row, RowTable
from .text import markup
from .textbox import text_cell

MAX_AUTHORS = 8
MAX_ROW = 0.45 * styles.PORTRAIT_FRAME[1]
INTRO = (
    "Where each timeline event, piece of evidence and why came from, and who wrote it. Items "
    "written before the app recorded sources are counted as not recorded."
)


def _authors(authors: tuple[tuple[str, int], ...]) -> str:
    named = [(a, n) for a, n in authors if a.strip()]
    unnamed = sum(n for a, n in authors if not a.strip())
    parts = [f"{' '.join(a.split())} ({n})" for a, n in named[:MAX_AUTHORS]]
    if len(named) > MAX_AUTHORS:
        parts.append(f"{counted(len(named) - MAX_AUTHORS, 'other')}")
    if unnamed:
        parts.append(f"no author ({unnamed})")
    return ", ".join(parts)


def section(ctx: Context) -> list[Flowable]:
    out: list[Flowable] = [ctx.heading("Sources")]
    counts = source_counts(ctx.review)
    if not counts:
        return out + [nothing(ctx, "Nothing recorded yet.")]
    out.append(Paragraph(markup(INTRO), ctx.st.muted))
    head = ("Source", "Events", "Evidence", "Whys", "Written by")
    header = [[text_cell(h, font=fonts.SANS_BOLD, colour=colors.white) for h in head]]
    rows = [
        Row(
            [
                text_cell(c.label, font=fonts.SANS_BOLD, limit=300),
                text_cell(str(c.events)),
                text_cell(str(c.evidence)),
                text_cell(str(c.whys)),
                text_cell(_authors(c.authors), limit=2_000),
            ],
            shade=i % 2 == 1,
        )
        for i, c in enumerate(counts)
    ]
    out.append(RowTable(header, rows, [0.25, 0.09, 0.12, 0.08, 0.46], max_row_height=MAX_ROW))
    return out
