"""Headings carried inside a flowable: a picture or a tree that starts where it is takes the
headings above it along, so they are never left alone at a page's foot when it moves on."""

from __future__ import annotations

from reportlab.platypus import Flowable


class WithHeads(Flowable):
    """A flowable drawn under ``self.heads`` (set by the subclass), stacked as in a frame: each
    head's space after, and the space before of all but the first (the first one's is this
    flowable's own space before)."""

    heads: list[Flowable]

    def heads_height(self, avail_width: float) -> float:
        total = 0.0
        for n, head in enumerate(self.heads):
            _w, h = head.wrap(avail_width, 1e9)
            total += h + head.getSpaceAfter() + (head.getSpaceBefore() if n else 0)
        return total

    def getSpaceBefore(self):
        return self.heads[0].getSpaceBefore() if self.heads else 0

    def draw_heads(self, top: float) -> float:
        """Draw the heads down from ``top``; the height below them."""
        y = top
        for n, head in enumerate(self.heads):
            _w, h = head.wrap(self.width, 1e9)
            y -= h + (head.getSpaceBefore() if n else 0)
            head.drawOn(self.canv, 0, y)
            y -= head.getSpaceAfter()
        return y
