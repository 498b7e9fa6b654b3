"""The appendix: texts too long for where they first appear (a why in a tree box, a timeline
cell, a root cause), printed here in full, so the PDF is complete without the review file."""

from __future__ import annotations

from reportlab.platypus import Flowable, Paragraph, Spacer

from pm_desktop.domain.tree_layout import wrap_text

from . import fonts, styles
from .context import Context
from .text import clean, markup, paragraphs
from .textbox import CodeBlock

CHUNK = 3_000  # characters per paragraph: a long text splits over pages in pieces


def section(ctx: Context) -> list[Flowable]:
    st = ctx.st
    out: list[Flowable] = [
        ctx.heading("Texts in full"),
        Paragraph(
            markup(
                "Texts that were too long for the place they appear in are printed here in "
                "full, under the label that place shows."
            ),
            st.muted,
        ),
    ]
    for label, what, text, code in ctx.notes:
        out.append(Paragraph(markup(f"{label} · {what}", fonts.SANS_BOLD, breaks=False), st.h3))
        out += _code(text) if code else _prose(text, st.body)
        out.append(Spacer(1, 6))
    return out


def _prose(text: str, style) -> list[Flowable]:
    out: list[Flowable] = []
    for block in paragraphs(text, limit=len(text) + 1):
        while block:
            cut = len(block) if len(block) <= CHUNK else block.rfind(" ", CHUNK // 2, CHUNK) + 1
            cut = cut or CHUNK
            out.append(Paragraph(markup(block[:cut], style.fontName, limit=CHUNK + 1), style))
            block = block[cut:]
    return out


def _code(text: str) -> list[Flowable]:
    width = styles.PORTRAIT_FRAME[0] - 10

    def measure(line: str) -> float:
        return fonts.string_width(line, fonts.MONO, 7.5)

    lines: list[str] = []
    for line in clean(text).split("\n"):
        lines.extend(wrap_text(line, width, measure) if line else [""])
    return [CodeBlock(lines or [""])]
