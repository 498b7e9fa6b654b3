"""Small "continued" captions where a flowable is cut across pages (a tall screenshot's
slices, a wide one's strips), so a reader knows the piece at a page's foot goes on overleaf and
the piece at the next page's head is not a new picture."""

from __future__ import annotations

from reportlab.platypus import Flowable

from . import fonts, styles
from .heads import WithHeads

MARK = 12.0  # room for one caption line
BELOW = "▾ continues on the next page"
ABOVE = "▴ continued from the previous page"


class Continued(WithHeads):
    """Wraps a splittable flowable; each piece a page break makes says where the rest is.

    ``above``: this piece goes on from the previous page; ``below``: it goes on overleaf.
    The wrapped flowable is drawn unchanged between the captions.
    """

    def __init__(
        self,
        inner: Flowable,
        *,
        above: bool = False,
        below: bool = False,
        heads: list[Flowable] | None = None,
    ):
        super().__init__()
        self.inner = inner
        self.above, self.below = above, below
        # drawn above the first piece and travelling with it (a heading, a place mark), so
        # a heading is never left alone at a page's foot when the piece moves on
        self.heads = heads or []
        self.alt_text = getattr(inner, "alt_text", "")

    def _marks(self) -> float:
        return MARK * (int(self.above) + int(self.below))

    def wrap(self, avail_width, avail_height):
        self._heads = self.heads_height(avail_width)
        room = max(0.0, avail_height - self._marks() - self._heads)
        w, h = self.inner.wrap(avail_width, room)
        self.width, self.height = max(w, avail_width if self.heads else w), h + self._marks() + self._heads
        return self.width, self.height

    def split(self, avail_width, avail_height):
        # the first piece has this one's mark above (if any) and a new one below
        heads = self.heads_height(avail_width)
        room = avail_height - heads - MARK * (int(self.above) + 1)
        pieces = self.inner.split(avail_width, room) if room > 0 else []
        if len(pieces) != 2:
            return []
        first, rest = pieces
        return [
            Continued(first, above=self.above, below=True, heads=self.heads),
            Continued(rest, above=True, below=self.below),
        ]

    def draw(self):
        canv = self.canv
        self.draw_heads(self.height - (MARK if self.above else 0.0))
        # in reading order: the mark above, the piece, the mark below
        canv.saveState()
        canv.setFillColor(styles.MUTED)
        if self.above:
            fonts.draw_string(canv, 0, self.height - MARK + 3.5, ABOVE, fonts.SANS, 7.5)
        canv.restoreState()
        self.inner.drawOn(canv, 0, MARK if self.below else 0.0)
        if self.below:
            canv.saveState()
            canv.setFillColor(styles.MUTED)
            fonts.draw_string(canv, 0, 3.5, BELOW, fonts.SANS, 7.5)
            canv.restoreState()
