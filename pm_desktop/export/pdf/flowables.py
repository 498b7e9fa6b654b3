"""Screenshots in the PDF without holding every picture in memory, never scaled to a sliver.

:class:`LazyImage` knows its size from the blob's recorded pixel size and reads and decodes the
picture only in ``draw()``, downscaled to about 150 dpi at the size it is drawn.
(``Image(BytesIO)`` decodes eagerly and keeps every picture until the file is written: 850 MB
for 50 screenshots.)
"""

from __future__ import annotations

from collections.abc import Callable

from PIL import Image as PILImage
from reportlab.lib.utils import ImageReader
from reportlab.platypus import Flowable

from pm_desktop.domain.model import BlobInfo
from pm_desktop.store import pictures

from . import alt, fonts, styles

PX_TO_PT = 0.75  # a screenshot pixel drawn at 96 dpi
TARGET_DPI = 150
SLICE_BELOW = 0.5  # fitting the page would shrink it below half its readable size: slice it
SLIVER = 90.0  # points: a wide picture fitted to the width no taller than this is cut in strips
MIN_SLICE = 90.0  # points: a slice shorter than this waits for the next page
STRIP_GAP = 8.0  # between the strips of a very wide picture

Box = tuple[float, float, float, float]  # left, top, right, bottom as fractions of the picture


class LazyImage(Flowable):
    """A screenshot, drawn whole when that keeps it readable. One far taller than the page
    (800 × 20,000) is drawn at full width in slices that go on page after page; one far wider
    (20,000 × 800) is cut into strips drawn one under the other. Never a sliver."""

    def __init__(
        self,
        read_blob: Callable[[str], bytes],
        info: BlobInfo,
        *,
        max_height: float,
        max_width: float | None = None,
        alt_text: str = "",
        box: Box = (0.0, 0.0, 1.0, 1.0),
        strips: list[Box] | None = None,
    ):
        super().__init__()
        self.read_blob = read_blob
        self.info = info
        self.alt_text = alt_text  # the evidence title or caption, for readers that cannot see it
        self.max_height = max_height
        self.max_width = max_width
        self.box = box  # the part of the picture this flowable shows
        self.strips = strips  # a wide picture: the strips still to draw
        self.mode: str | None = None  # "whole", "tall" (sliced) or "wide" (strips)
        self.scale = 1.0
        self._pixels: tuple[int, int] | None = (
            (info.width, info.height) if info.width > 0 and info.height > 0 else None
        )

    def _spawn(self, **kw) -> LazyImage:
        other = LazyImage(self.read_blob, self.info, max_height=self.max_height, max_width=self.max_width, alt_text=self.alt_text, **kw)  # fmt: skip
        other._pixels = self._pixels
        return other

    def _pixel_size(self) -> tuple[int, int]:
        if self._pixels is None:
            # Older blobs may lack a recorded size: read the header only (no decoding).
            try:
                _, width, height = pictures.probe(self.read_blob(self.info.sha256))
                self._pixels = (width, height)
            except (KeyError, OSError, pictures.PictureError):  # drawn as a placeholder
                self._pixels = (400, 100)
        return self._pixels

    def _natural(self) -> tuple[float, float]:
        """The size in points of the part shown, at one screenshot pixel per 0.75 pt."""
        px_w, px_h = self._pixel_size()
        left, top, right, bottom = self.box
        return px_w * (right - left) * PX_TO_PT, px_h * (bottom - top) * PX_TO_PT

    def _choose(self, limit_w: float) -> str:
        """Whole, unless fitting the page would make it unreadable: a tall picture is then
        sliced at full width, a wide one cut into strips."""
        natural_w, natural_h = self._natural()
        readable = min(1.0, limit_w / natural_w)
        fit = min(readable, self.max_height / natural_h)
        if fit < SLICE_BELOW * readable:
            return "tall"
        if fit < SLICE_BELOW and natural_h * fit < SLIVER:
            return "wide"
        return "whole"

    def wrap(self, avail_width, avail_height):
        natural_w, natural_h = self._natural()
        limit_w = min(avail_width, self.max_width or avail_width)
        if self.mode is None:
            self.mode = "wide" if self.strips is not None else self._choose(limit_w)
        if self.mode == "whole":
            self.scale = min(1.0, limit_w / natural_w, self.max_height / natural_h)
            self.width, self.height = (
                max(1.0, natural_w * self.scale),
                max(1.0, natural_h * self.scale),
            )
        elif self.mode == "tall":  # full width, cut across pages
            self.scale = min(1.0, limit_w / natural_w)
            self.width, self.height = natural_w * self.scale, natural_h * self.scale
        else:
            if self.strips is None:  # strips as tall as a whole picture may be
                self.strips = self._cut_strips(limit_w)
            px_w, px_h = self._pixel_size()
            self.scale = min(1.0, (self.max_height - STRIP_GAP) / (px_h * PX_TO_PT))
            heights = [(b - t) * px_h * PX_TO_PT * self.scale for (_l, t, _r, b) in self.strips]
            widths = [(b[2] - b[0]) * px_w * PX_TO_PT * self.scale for b in self.strips]
            self.width = max(widths, default=1.0)
            self.height = sum(heights) + STRIP_GAP * max(0, len(heights) - 1)
        return self.width, self.height

    def _cut_strips(self, limit_w: float) -> list[Box]:
        px_w, px_h = self._pixel_size()
        scale = min(1.0, (self.max_height - STRIP_GAP) / (px_h * PX_TO_PT))
        step = limit_w / (px_w * PX_TO_PT * scale)  # the fraction of the width one strip shows
        left, top, right, bottom = self.box
        out, x = [], left
        while x < right - 1e-9:
            out.append((x, top, min(right, x + step), bottom))
            x += step
        return out

    def split(self, avail_width, avail_height):
        self.wrap(avail_width, avail_height)
        if self.mode == "tall":
            if avail_height < MIN_SLICE or self.height <= avail_height:
                return []
            left, top, right, bottom = self.box
            cut = top + (bottom - top) * (avail_height / self.height)
            pieces = [self._spawn(box=(left, top, right, cut)), self._spawn(box=(left, cut, right, bottom))]  # fmt: skip
            for piece in pieces:
                piece.mode = "tall"
            return pieces
        if self.mode == "wide" and self.strips and len(self.strips) > 1:
            px_h = self._pixel_size()[1]
            used, count = 0.0, 0
            for _l, t, _r, b in self.strips:
                used += (b - t) * px_h * PX_TO_PT * self.scale + (STRIP_GAP if count else 0.0)
                if used > avail_height:
                    break
                count += 1
            if count == 0:
                return []
            return [self._spawn(strips=self.strips[:count]), self._spawn(strips=self.strips[count:])]  # fmt: skip
        return []

    def draw(self):
        canv = self.canv
        canv.setStrokeColor(styles.RULE)
        canv.setLineWidth(0.5)
        pieces = self.strips if self.mode == "wide" and self.strips else [self.box]
        px_w, px_h = self._pixel_size()
        y = self.height
        for piece in pieces:
            w = (piece[2] - piece[0]) * px_w * PX_TO_PT * self.scale
            h = (piece[3] - piece[1]) * px_h * PX_TO_PT * self.scale
            y -= h
            self._draw_piece(canv, piece, 0, y, max(1.0, w), max(1.0, h))
            y -= STRIP_GAP

    def _draw_piece(self, canv, box: Box, x: float, y: float, w: float, h: float) -> None:
        picture, label = self._decode(box, w, h)
        if picture is None:
            canv.setFillColor(styles.SOFT)
            canv.rect(x, y, w, h, stroke=1, fill=1)
            canv.setFillColor(styles.MUTED)
            fonts.draw_centred(canv, x + w / 2, y + h / 2 - 3, label, fonts.SANS, 8)
            return
        alt.begin(canv, self.alt_text or "Screenshot")
        canv.drawImage(ImageReader(picture), x, y, w, h)
        alt.end(canv)
        canv.rect(x, y, w, h, stroke=1, fill=0)

    def _decode(self, box: Box, width: float, height: float) -> tuple[PILImage.Image | None, str]:
        """The part ``box`` of the picture at about 150 dpi of its drawn size, or ``None`` and
        a placeholder label (stored bytes go through the one decoder: accepted formats, pixel
        limit, no process)."""
        want = (
            max(1, round(width / 72 * TARGET_DPI)),
            max(1, round(height / 72 * TARGET_DPI)),
        )
        try:
            data = self.read_blob(self.info.sha256)
        except Exception:  # a missing row or a closed reader: a placeholder, not a failed export
            return None, "This image could not be read"
        whole = box == (0.0, 0.0, 1.0, 1.0)
        try:
            return pictures.decode(data, fit=want, alpha=False, box=None if whole else box), ""
        except pictures.PictureError as exc:
            return None, exc.label
