"""Plain-text flowables: wrapped text blocks and monospaced code, drawn without any markup.

Long tables (a 5,000-event timeline) are mostly plain text. Parsing each cell as Paragraph markup
costs more than everything else together, and markup is exactly what user text must never be.
:class:`TextBox` wraps plain strings by measured width (the same ``wrap_text`` as the why-tree
boxes) and draws them with per-glyph font fallback (shaped, and right-aligned when the text
reads right to left); :class:`CodeBlock` does the same for logs,
keeping every space. Both split between any two lines.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.platypus import Flowable

from pm_desktop.domain.tree_layout import wrap_text

from . import fonts, shaping, styles
from .text import clean, limited


@dataclass(frozen=True, slots=True)
class Block:
    """A paragraph of plain text in one font, size and colour, optionally with a prefix
    (a coloured symbol) hanging before it."""

    text: str
    font: str = fonts.SANS
    size: float = 8.5
    leading: float = 11.0
    colour: colors.Color = styles.INK
    prefix: str = ""
    prefix_colour: colors.Color | None = None
    anchor: str = ""  # a place (see .links) marked at the block's first line
    href: str = ""  # a place the block's text links to


@dataclass(frozen=True, slots=True)
class _Line:
    text: str
    block: Block
    first: bool
    rtl: bool = False  # the block reads right to left: its lines are right-aligned


def layout_blocks(blocks: list[Block], width: float) -> list[_Line]:
    lines: list[_Line] = []
    for block in blocks:
        indent = _indent(block)
        text = clean(block.text)
        rtl = shaping.is_rtl(text)

        def measure(part: str, block: Block = block, rtl: bool = rtl) -> float:
            return fonts.string_width(part, block.font, block.size, rtl)

        parts = wrap_text(text, max(1.0, width - indent), measure)
        for i, part in enumerate(parts):
            lines.append(_Line(part, block, i == 0, rtl))
    return lines


def _indent(block: Block) -> float:
    if not block.prefix:
        return 0.0
    return fonts.string_width(block.prefix + " ", block.font, block.size)


class TextBox(Flowable):
    # A 20,000-event timeline has tens of thousands of these. Slots, and the base class's
    # per-instance defaults kept on the class, save a dictionary per cell (about 300 bytes).
    __slots__ = ("blocks", "_lines", "_for_width", "width", "height", "canv")
    wrapped = 0
    hAlign = "LEFT"
    vAlign = "BOTTOM"
    _traceInfo = None
    _showBoundary = None
    encoding = None

    def __init__(self, blocks: list[Block], _lines: list[_Line] | None = None, _width=None):
        # Flowable.__init__ is not called: it only sets the defaults above per instance.
        self.width: float = 0.0
        self.height: float = 0.0
        self.blocks = blocks
        self._lines = _lines
        self._for_width = _width

    def _layout(self, avail_width: float) -> list[_Line]:
        if self._lines is None or self._for_width != avail_width:
            self._lines = layout_blocks(self.blocks, avail_width)
            self._for_width = avail_width
        return self._lines

    def wrap(self, avail_width, avail_height):
        lines = self._layout(avail_width)
        self.width = avail_width
        self.height = sum((line.block.leading for line in lines), 0.0)
        return self.width, self.height

    def split(self, avail_width, avail_height):
        lines = self._layout(avail_width)
        used, n = 0.0, 0
        while n < len(lines) and used + lines[n].block.leading <= avail_height:
            used += lines[n].block.leading
            n += 1
        if n == 0 or n == len(lines):
            return [] if n == 0 else [self]
        return [
            TextBox(self.blocks, lines[:n], avail_width),
            TextBox(self.blocks, lines[n:], avail_width),
        ]

    def draw(self):
        canv = self.canv
        y: float = self.height
        for line in self._lines or []:
            block = line.block
            y -= block.leading
            baseline = y + (block.leading - block.size) / 2 + block.size * 0.22
            x = _indent(block)
            if line.first and block.prefix:
                canv.setFillColor(block.prefix_colour or block.colour)
                fonts.draw_string(canv, 0, baseline, block.prefix, block.font, block.size)
            if line.first and block.anchor:
                canv.bookmarkHorizontal(block.anchor, 0, y + block.leading)
            if line.text and line.rtl:
                canv.setFillColor(block.colour)
                fonts.draw_right(
                    canv, self.width, baseline, line.text, block.font, block.size, rtl=True
                )
            elif line.text:
                canv.setFillColor(block.colour)
                fonts.draw_string(canv, x, baseline, line.text, block.font, block.size)
                if block.href:
                    right = x + fonts.string_width(line.text, block.font, block.size)
                    canv.linkRect("", block.href, (x, y, right, y + block.leading), relative=1)


class CodeBlock(Flowable):
    """Monospaced lines (logs, snippets) on a tinted background, split between any two lines.

    The lines are drawn as plain strings with per-glyph font fallback: no markup is involved,
    so nothing in a pasted log can be interpreted, and splitting costs nothing per page.
    """

    def __init__(
        self,
        lines: list[str],
        *,
        size: float = 7.5,
        leading: float = 9.6,
        top: bool = True,
        bottom: bool = True,
    ):
        super().__init__()
        self.lines = lines
        self.size = size
        self.leading = leading
        self.pad = 5.0
        # a block cut in two on one page (see :meth:`head`) leaves its inner edges open,
        # so the two pieces read as one block
        self.top, self.bottom = top, bottom

    def _pads(self) -> float:
        return self.pad * (int(self.top) + int(self.bottom))

    def wrap(self, avail_width, avail_height):
        self.width = avail_width
        self.height = len(self.lines) * self.leading + self._pads()
        return self.width, self.height

    def _piece(self, lines: list[str], top: bool, bottom: bool) -> CodeBlock:
        return CodeBlock(lines, size=self.size, leading=self.leading, top=top, bottom=bottom)

    def head(self, count: int) -> tuple[CodeBlock, CodeBlock] | None:
        """The first ``count`` lines and the rest, as two pieces that draw as one block (the
        first can be kept with a title while the rest flows on), or None when too short."""
        if len(self.lines) < count + 2:
            return None
        return (
            self._piece(self.lines[:count], self.top, False),
            self._piece(self.lines[count:], False, self.bottom),
        )

    def split(self, avail_width, avail_height):
        # at least two lines on each side of a page break; each page shows a closed box
        pad = self.pad * (1 + int(self.top))
        fit = min(int((avail_height - pad) // self.leading), len(self.lines) - 2)
        if fit < 2:
            return []
        return [
            self._piece(self.lines[:fit], self.top, True),
            self._piece(self.lines[fit:], True, self.bottom),
        ]

    def draw(self):
        canv = self.canv
        canv.saveState()
        canv.setFillColor(styles.SOFT)
        canv.rect(0, 0, self.width, self.height, stroke=0, fill=1)
        canv.setStrokeColor(styles.RULE)
        canv.setLineWidth(0.4)
        w, h = self.width, self.height
        canv.line(0, 0, 0, h)
        canv.line(w, 0, w, h)
        if self.top:
            canv.line(0, h, w, h)
        if self.bottom:
            canv.line(0, 0, w, 0)
        canv.setFillColor(styles.INK)
        y = h - (self.pad if self.top else 0) - self.size + 0.5
        for line in self.lines:
            if line:
                fonts.draw_string(canv, self.pad, y, line, fonts.MONO, self.size)
            y -= self.leading
        canv.restoreState()


def text_cell(
    text: str,
    *,
    font: str = fonts.SANS,
    size: float = 8.5,
    colour: colors.Color = styles.INK,
    limit: int = 6_000,
) -> TextBox:
    """A table cell of plain user text (cut at ``limit`` characters, saying so)."""
    return TextBox([Block(limited(text or "", limit), font, size, size * 1.3, colour)])
