"""Screenshots in the PDF without holding every picture in memory.

:class:`LazyImage` knows its size from the blob's recorded pixel size and reads and decodes the
picture only in ``draw()``, downscaled to about 150 dpi at the size it is drawn, and only in the
passes that can be the last one. (``Image(BytesIO)`` decodes eagerly and keeps every picture
through every pass: 850 MB for 50 screenshots.)
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


class LazyImage(Flowable):
    def __init__(
        self,
        read_blob: Callable[[str], bytes],
        info: BlobInfo,
        *,
        max_height: float,
        max_width: float | None = None,
        alt_text: str = "",
    ):
        super().__init__()
        self.read_blob = read_blob
        self.info = info
        self.alt_text = alt_text  # the evidence title or caption, for readers that cannot see it
        self.max_height = max_height
        self.max_width = max_width
        self._pixels: tuple[int, int] | None = (
            (info.width, info.height) if info.width > 0 and info.height > 0 else None
        )

    def _pixel_size(self) -> tuple[int, int]:
        if self._pixels is None:
            # Older blobs may lack a recorded size: read the header only (no decoding).
            try:
                _, width, height = pictures.probe(self.read_blob(self.info.sha256))
                self._pixels = (width, height)
            except (KeyError, OSError, pictures.PictureError):  # drawn as a placeholder
                self._pixels = (400, 100)
        return self._pixels

    def wrap(self, avail_width, avail_height):
        px_w, px_h = self._pixel_size()
        natural_w, natural_h = px_w * PX_TO_PT, px_h * PX_TO_PT
        limit_w = min(avail_width, self.max_width or avail_width)
        scale = min(1.0, limit_w / natural_w, self.max_height / natural_h)
        self.width, self.height = max(1.0, natural_w * scale), max(1.0, natural_h * scale)
        return self.width, self.height

    def draw(self):
        canv = self.canv
        template = getattr(canv, "_doctemplate", None)
        if getattr(template, "pass_no", 2) < 2:
            return  # the first pass only finds page numbers; its canvas is thrown away
        canv.setStrokeColor(styles.RULE)
        canv.setLineWidth(0.5)
        picture, label = self._decode()
        if picture is None:
            canv.setFillColor(styles.SOFT)
            canv.rect(0, 0, self.width, self.height, stroke=1, fill=1)
            canv.setFillColor(styles.MUTED)
            fonts.draw_centred(canv, self.width / 2, self.height / 2 - 3, label, fonts.SANS, 8)
            return
        alt.begin(canv, self.alt_text or "Screenshot")
        canv.drawImage(ImageReader(picture), 0, 0, self.width, self.height)
        alt.end(canv)
        canv.rect(0, 0, self.width, self.height, stroke=1, fill=0)

    def _decode(self) -> tuple[PILImage.Image | None, str]:
        """The picture at about 150 dpi of its drawn size, or ``None`` and a placeholder label
        (stored bytes go through the one decoder: accepted formats, pixel limit, no process)."""
        want = (
            max(1, round(self.width / 72 * TARGET_DPI)),
            max(1, round(self.height / 72 * TARGET_DPI)),
        )
        try:
            data = self.read_blob(self.info.sha256)
        except Exception:  # a missing row or a closed reader: a placeholder, not a failed export
            return None, "This image could not be read"
        try:
            return pictures.decode(data, fit=want, alpha=False), ""
        except pictures.PictureError as exc:
            return None, exc.label
