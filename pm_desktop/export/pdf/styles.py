"""Page geometry, colours and paragraph styles of the exported PDF."""

from __future__ import annotations

import re
from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph

from . import fonts

PORTRAIT = A4
LANDSCAPE = landscape(A4)
MARGIN_X = 16 * mm
MARGIN_TOP = 14 * mm
MARGIN_BOTTOM = 17 * mm  # room for the footer
FOOTER_Y = 10 * mm

INK = colors.HexColor("#1f2933")
MUTED_HEX = "#5f6b76"
MUTED = colors.HexColor(MUTED_HEX)
RULE = colors.HexColor("#c9d1d9")
DRAFT_MARK = colors.HexColor("#eef1f4")  # pale enough to read every line over it
SOFT = colors.HexColor("#f3f5f7")
ACCENT = colors.HexColor("#1a56b0")
LINK = colors.HexColor("#1a56b0")  # text that jumps somewhere (same as text.LINK_COLOUR)
BAND = colors.HexColor("#24323f")
WARN_HEX = "#8a4b00"
WARN = colors.HexColor(WARN_HEX)


def frame_size(pagesize: tuple[float, float]) -> tuple[float, float]:
    """Width and height of the one text frame on a page of this size (frame padding is 0)."""
    return pagesize[0] - 2 * MARGIN_X, pagesize[1] - MARGIN_TOP - MARGIN_BOTTOM


PORTRAIT_FRAME = frame_size(PORTRAIT)
LANDSCAPE_FRAME = frame_size(LANDSCAPE)


def hex_colour(value: str) -> colors.Color:
    return colors.HexColor(value)


def tint(value: str, amount: float) -> colors.Color:
    """``value`` mixed with white; ``amount`` 0 → white, 1 → the colour itself."""
    c = colors.HexColor(value)
    return colors.Color(
        1 - (1 - c.red) * amount, 1 - (1 - c.green) * amount, 1 - (1 - c.blue) * amount
    )


@dataclass(frozen=True)
class Styles:
    body: ParagraphStyle
    body_bold: ParagraphStyle
    small: ParagraphStyle
    muted: ParagraphStyle
    cell: ParagraphStyle
    caption: ParagraphStyle
    h1: ParagraphStyle
    h2: ParagraphStyle
    h3: ParagraphStyle
    title: ParagraphStyle
    label: ParagraphStyle
    statement: ParagraphStyle
    toc0: ParagraphStyle
    toc1: ParagraphStyle
    toc_page: ParagraphStyle
    bullet: ParagraphStyle
    check: ParagraphStyle
    metric_value: ParagraphStyle


# reportlab's CJK wrapping also cuts a Latin word that does not fit the rest of a line ("Who was
# affect|ed"): our styles ask for it, and a paragraph without CJK text is set with the same
# style but ordinary word wrapping.
_CJK_TEXT = re.compile("[\u3000-\u30ff\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]")
_WORD_WRAPPED: dict[int, ParagraphStyle] = {}


def _words_whole(style: ParagraphStyle) -> ParagraphStyle:
    found = _WORD_WRAPPED.get(id(style))
    if found is None or found.parent is not style:
        found = ParagraphStyle(f"{style.name}-words", parent=style, wordWrap=None)
        _WORD_WRAPPED[id(style)] = found
    return found


def _choose_wrapping() -> None:
    if getattr(Paragraph.__init__, "_pm_wrapping", False):
        return
    original = Paragraph.__init__

    def init(self, text, style=None, *args, **kwargs):  # noqa: ANN001
        if (
            isinstance(text, str)  # the parts of a split paragraph keep its style
            and style is not None
            and getattr(style, "wordWrap", None) == "CJK"
            and str(getattr(style, "name", "")).startswith("pm-")
            and not _CJK_TEXT.search(text)
        ):
            style = _words_whole(style)
        original(self, text, style, *args, **kwargs)

    init._pm_wrapping = True  # type: ignore[attr-defined]
    Paragraph.__init__ = init


def make_styles() -> Styles:
    fonts.ensure_fonts()
    _choose_wrapping()
    base = ParagraphStyle(
        "pm-body",
        fontName=fonts.SANS,
        fontSize=9.5,
        leading=12.8,
        textColor=INK,
        spaceAfter=4,
        alignment=TA_LEFT,
        splitLongWords=1,
        # reportlab's CJK wrapping breaks between CJK characters but never puts closing
        # punctuation ("。", "、", "）") at the start of a line; used only for paragraphs that
        # hold CJK text (see _choose_wrapping), so Latin words stay whole
        wordWrap="CJK",
        allowWidows=0,  # a paragraph split over pages leaves at least two lines on each
        allowOrphans=0,
        bulletFontName=fonts.SANS,
    )

    def derive(name: str, **kw) -> ParagraphStyle:
        return ParagraphStyle(f"pm-{name}", parent=base, **kw)

    cell = derive("cell", fontSize=8.5, leading=11, spaceAfter=0)
    return Styles(
        body=base,
        body_bold=derive("body-bold", fontName=fonts.SANS_BOLD),
        small=derive("small", fontSize=8, leading=10.5, spaceAfter=2),
        muted=derive("muted", fontSize=8.5, leading=11.5, textColor=MUTED, spaceAfter=3),
        cell=cell,
        caption=derive("caption", fontSize=8.5, leading=11.5, textColor=MUTED, spaceAfter=10),
        h1=derive(
            "h1",
            fontName=fonts.SANS_BOLD,
            fontSize=17,
            leading=21,
            spaceBefore=0,
            spaceAfter=7,
            textColor=BAND,
        ),
        h2=derive(
            "h2",
            fontName=fonts.SANS_BOLD,
            fontSize=12.5,
            leading=16,
            spaceBefore=9,
            spaceAfter=5,
            textColor=BAND,
        ),
        h3=derive("h3", fontName=fonts.SANS_BOLD, fontSize=10, leading=13, spaceBefore=6),
        title=derive(
            "title",
            fontName=fonts.SANS_BOLD,
            fontSize=25,
            leading=31,
            spaceAfter=14,
            textColor=BAND,
            splitLongWords=1,
        ),
        label=derive(
            "label",
            fontName=fonts.SANS_BOLD,
            fontSize=11,
            leading=14,
            textColor=colors.white,
            alignment=TA_CENTER,
            spaceAfter=0,
        ),
        statement=derive(
            "statement", fontSize=9.5, leading=14, textColor=INK, spaceBefore=14, spaceAfter=0
        ),
        toc0=derive("toc0", fontName=fonts.SANS_BOLD, fontSize=10.5, leading=14, spaceAfter=0),
        toc1=derive("toc1", fontSize=9.5, leading=12.5, leftIndent=14, spaceAfter=0),
        toc_page=derive("toc-page", fontSize=9.5, leading=12.5, alignment=TA_RIGHT, spaceAfter=0),
        bullet=derive("bullet", leftIndent=14, bulletIndent=3, spaceAfter=3),
        check=derive("check", leftIndent=16, bulletIndent=2, spaceAfter=2, fontSize=9),
        metric_value=derive(
            "metric-value", fontName=fonts.SANS_BOLD, fontSize=15, leading=18, spaceAfter=0
        ),
    )
