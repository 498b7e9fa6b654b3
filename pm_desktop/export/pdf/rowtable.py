"""A long table that splits across pages in linear time, with its header repeated on each page.

reportlab's ``Table`` re-measures every remaining row at every page break and again when it
draws, so a 5,000-row timeline takes minutes. :class:`RowTable` measures each cell once per
column width, then at a page break keeps exactly the rows that fit and hands the rest on; it
draws its own backgrounds, rules and cells. Rows taller than ``max_row_height`` are first cut
into continuation rows (by splitting the tall cells), so even a 5,000-character word in a cell
can never make a row taller than a page. A page never ends on a band row (a day separator) and
never starts with a continuation.

The pieces a table splits into share one list of measured rows and its running heights; each
piece is a window on it. (Copying the remaining rows at every page break made a 20,000-row table
quadratic: 10 million row visits for 700 pages.) A piece lets go of its rows once it has drawn
them, so a long table's laid-out cells leave memory page by page, not when its last page is done.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.platypus import Flowable

from . import styles

PAD_X, PAD_Y = 4.0, 3.0
PAD_Y_OPEN = 1.5  # without rules between rows, the lines of a card read as one block
MIN_ROW = 12.0


@dataclass(slots=True)
class Row:
    cells: list[Flowable | None]
    kind: str = "body"  # "body", or "band": one cell spanning the row (e.g. a day separator)
    shade: bool = False
    cont: bool = False  # continues the row above (a very tall row, cut)
    bar: colors.Color | None = None  # a coloured bar down the left edge
    top_pad: float = 0.0  # extra space above the row
    keep: bool = False  # never the last row on a page (a title or a label: "Done when:")


def _holds_on(row: Row) -> bool:
    """A row that belongs with the one after it: a band, a row marked ``keep``, or a one-cell
    row of text ending in a colon (a label such as "Done when (1 of 3 met):")."""
    if row.kind == "band" or row.keep:
        return True
    if len(row.cells) != 1:
        return False
    text = getattr(row.cells[0], "text", "")
    return isinstance(text, str) and text.rstrip().endswith(":")


class _Measured:
    """A row with its cells' heights at the current column widths."""

    __slots__ = ("row", "heights", "height")

    def __init__(self, row: Row, heights: tuple[float, ...], height: float):
        self.row, self.heights, self.height = row, heights, height


_DRAWN = _Measured(Row([]), (), 0.0)  # stands for a row a piece has drawn and let go of


class RowTable(Flowable):
    def __init__(
        self,
        header: list[list[Flowable]] | None,
        rows: list[Row],
        col_fractions: list[float],
        *,
        max_row_height: float,
        head_colour: colors.Color = styles.BAND,
        band_colour: colors.Color | None = None,
        grid: bool = True,
        left_pad: float = PAD_X,
    ):
        super().__init__()
        self.header = [Row(list(cells), "band" if len(cells) == 1 else "body") for cells in header or []]  # fmt: skip
        self.rows = rows
        self.fractions = col_fractions
        self.max_row_height = max_row_height
        self.head_colour = head_colour
        self.band_colour = band_colour or styles.tint("#24323f", 0.12)
        self.grid = grid
        self.left_pad = left_pad
        self.pad_y = PAD_Y if grid else PAD_Y_OPEN
        self._for_width: float | None = None
        self._head: list[_Measured] = []
        # measured rows, shared with the pieces split from this table; this piece is
        # _all[_start:_stop] and _tops[i] is the height of _all[:i]
        self._all: list[_Measured] = []
        self._tops: list[float] = [0.0]
        self._start = self._stop = 0

    def _spawn(self, start: int, stop: int) -> RowTable:
        other = RowTable(
            None,
            [],
            self.fractions,
            max_row_height=self.max_row_height,
            head_colour=self.head_colour,
            band_colour=self.band_colour,
            grid=self.grid,
            left_pad=self.left_pad,
        )
        other.header, other._head = self.header, self._head
        other._all, other._tops, other._for_width = self._all, self._tops, self._for_width
        other._start, other._stop = start, stop
        return other

    def _rows_now(self) -> list[Row]:
        if self._for_width is None:
            return self.rows
        return [m.row for m in self._all[self._start : self._stop]]

    # ------------------------------------------------------------------ measuring
    def _widths(self, avail_width: float) -> list[float]:
        total = sum(self.fractions)
        return [avail_width * f / total for f in self.fractions]

    def _cell_widths(self, row: Row, avail_width: float) -> list[float]:
        return [avail_width] if row.kind == "band" else self._widths(avail_width)

    def _inner(self, width: float) -> float:
        return max(1.0, width - PAD_X - self.left_pad)

    def _measure(self, row: Row, avail_width: float) -> _Measured:
        heights = tuple(
            cell.wrap(self._inner(w), 1e9)[1] if cell is not None else 0.0
            for cell, w in zip(row.cells, self._cell_widths(row, avail_width), strict=False)
        )
        pad = self.pad_y
        height = max([MIN_ROW - 2 * pad, *heights]) + 2 * pad + row.top_pad
        return _Measured(row, heights, height)

    def _prepare(self, avail_width: float) -> None:
        if self._for_width == avail_width:
            return
        rows = self._rows_now()
        self._head = [self._measure(row, avail_width) for row in self.header]
        measured: list[_Measured] = []
        for row in rows:
            first = self._measure(row, avail_width)
            if first.height <= self.max_row_height:
                measured.append(first)
            else:
                measured.extend(self._measure(r, avail_width) for r in self._cut(row, avail_width))
        tops = [0.0]
        for m in measured:
            tops.append(tops[-1] + m.height)
        self._all, self._tops, self._start, self._stop = measured, tops, 0, len(measured)
        self._for_width = avail_width
        self.rows = []  # the measured rows hold them now

    def _cut(self, row: Row, avail_width: float) -> list[Row]:
        """The row as several rows, each cell split to at most the row height limit."""
        limit = self.max_row_height - 2 * self.pad_y - row.top_pad
        columns: list[list[Flowable | None]] = []
        for cell, width in zip(row.cells, self._cell_widths(row, avail_width), strict=False):
            parts = [cell]
            while parts[-1] is not None and parts[-1].wrap(self._inner(width), 1e9)[1] > limit:
                pieces = parts[-1].split(self._inner(width), limit)
                if len(pieces) < 2:
                    break
                parts[-1:] = pieces
            columns.append(parts)
        count = max(len(parts) for parts in columns)
        return [
            Row(
                [parts[i] if i < len(parts) else None for parts in columns],
                row.kind,
                row.shade,
                cont=row.cont or i > 0,
                bar=row.bar,
                top_pad=row.top_pad if i == 0 else 0.0,
            )
            for i in range(count)
        ]

    # ------------------------------------------------------------------ platypus protocol
    def wrap(self, avail_width, avail_height):
        self._prepare(avail_width)
        self.width = avail_width
        head = sum(m.height for m in self._head)
        self.height = head + self._tops[self._stop] - self._tops[self._start]
        return self.width, self.height

    def row_count(self) -> int:
        """The rows this piece still has to draw (before measuring: the rows it was given)."""
        return len(self.rows) if self._for_width is None else self._stop - self._start

    def least_height(self, avail_width: float) -> float:
        """The least of it that can start on a page: the header and two rows (with the rest of
        a cut row and what a band or label holds on to), or all of it (a table of fewer than
        four rows does not split)."""
        self._prepare(avail_width)
        head = sum(m.height for m in self._head)
        start, stop = self._start, self._stop
        end = start + 2 if stop - start >= 4 else (stop if not self._head else start + 1)
        rows = self._all
        # as split() has it: no page ends on a band or label, nor inside a cut row
        while end < stop and (_holds_on(rows[end - 1].row) or rows[end].row.cont):
            end += 1
        if stop - start >= 4 and stop - end < 2:
            end = stop
        return head + self._tops[end] - self._tops[start]

    def first_piece_height(self, avail_width: float) -> float:
        """The least of it that can start a page by breaking inside a cut row: the header,
        any band or label, and one row or piece of a row."""
        self._prepare(avail_width)
        head = sum(m.height for m in self._head)
        start, stop, rows = self._start, self._stop, self._all
        end = min(stop, start + 1)
        while end < stop and _holds_on(rows[end - 1].row):
            end += 1
        return head + self._tops[end] - self._tops[start]

    def split(self, avail_width, avail_height):
        self._prepare(avail_width)
        room = avail_height - sum(m.height for m in self._head) - 0.01
        start, stop, tops, rows = self._start, self._stop, self._tops, self._all
        # rows start..end-1 fit: the largest end with tops[end] - tops[start] <= room
        end = min(stop, max(start, bisect_right(tops, tops[start] + room, start, stop + 1) - 1))
        if end == stop:
            return [self]
        fit = end
        # Never end a page on a separator, a title or a label, nor start the next one with a
        # continuation; leave at least two rows on each side.
        while end > start and (_holds_on(rows[end - 1].row) or rows[end].row.cont):
            end -= 1
        if stop - start >= 4:
            if stop - end < 2:
                end = max(start, stop - 2)
            if end - start < 2:
                end = start
        elif not self._head:  # two or three rows of a card move on together; a table with a
            end = start  # header (repeated on the next page) may split them
        if end == start and not self._at_top():
            # under a heading, when even a fresh page could not hold the table's start (a cut
            # row longer than a page), break inside that row here: moving on would only leave
            # the heading alone at the foot of this page
            if not self._starts_on_a_fresh_page():
                end = fit
                while end > start and _holds_on(rows[end - 1].row):
                    end -= 1
            if end == start:
                return []  # try again on a fresh page
        if end == start:
            end = max(start + 1, fit)  # a cut row longer than a page: break inside it
        return [self._spawn(start, end), self._spawn(end, stop)]

    def _starts_on_a_fresh_page(self) -> bool:
        """Whether the least start of this table (header, its first rows with every piece of
        a cut row) fits a whole frame, so moving to the next page lets it start unbroken."""
        try:
            frame = self._doctemplateAttr("frame")
        except AttributeError:
            return True
        height = getattr(frame, "_height", None) if frame is not None else None
        return height is None or self.least_height(self._for_width or 0.0) <= float(height)

    def _at_top(self) -> bool:
        try:
            frame = self._doctemplateAttr("frame")
        except AttributeError:
            return True
        return frame is None or bool(getattr(frame, "_atTop", True))

    # ------------------------------------------------------------------ drawing
    def draw(self):
        canv = self.canv
        widths = self._widths(self.width)
        y = self.height
        canv.saveState()
        for m in self._head:
            y = self._draw_row(canv, m, widths, y, head=True)
        for i in range(self._start, self._stop):
            m = self._all[i]
            assert m is not _DRAWN, "a row of a table piece drawn twice"
            if self.grid and i > self._start and not m.row.cont:
                canv.setStrokeColor(styles.RULE)
                canv.setLineWidth(0.4)
                canv.line(0, y, self.width, y)
            y = self._draw_row(canv, m, widths, y, head=False)
            self._all[i] = _DRAWN  # no other piece shows it, and this one is done
        if self.grid:
            canv.setStrokeColor(styles.RULE)
            canv.setLineWidth(0.6)
            canv.line(0, 0, self.width, 0)
        canv.restoreState()

    def _draw_row(self, canv, m: _Measured, widths: list[float], top: float, head: bool) -> float:
        row = m.row
        bottom = top - m.height
        fill = None
        if head:
            fill = self.head_colour
        elif row.kind == "band":
            fill = self.band_colour
        elif row.shade:
            fill = styles.SOFT
        if fill is not None:
            canv.setFillColor(fill)
            canv.rect(0, bottom, self.width, m.height, stroke=0, fill=1)
        if row.bar is not None:
            canv.setFillColor(row.bar)
            canv.rect(0, bottom, 3, m.height, stroke=0, fill=1)
        cell_widths = [self.width] if row.kind == "band" else widths
        x = 0.0
        for cell, width, height in zip(row.cells, cell_widths, m.heights, strict=False):
            if cell is not None:
                inner = self._inner(width)
                if getattr(cell, "width", None) != inner:
                    cell.wrap(inner, 1e9)
                cell.drawOn(canv, x + self.left_pad, top - row.top_pad - self.pad_y - height)
            x += width
        return bottom
