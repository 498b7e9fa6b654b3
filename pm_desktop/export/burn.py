"""Burn redaction boxes into a fresh copy of a screenshot, for exports only.

The stored image is never changed (the user can move or undo a box later); every exporter reads
images through :func:`burned_reader`, which hands out a copy with each box filled in solid
:data:`BOX_COLOUR`. Pictures are decoded by the one decoder, :mod:`pm_desktop.store.pictures`
(accepted formats only, pixel count checked from the header). A picture refused from its header
is handed on as it is (every exporter refuses it the same way and draws the same placeholder);
one that fails further in is handed on as no data at all: never the unredacted bytes.
"""

from __future__ import annotations

import io
from collections.abc import Callable

from PIL import Image, ImageDraw

from pm_desktop.domain.model import RedactionBox, Review
from pm_desktop.store import pictures

BOX_COLOUR = (0, 0, 0)

BlobReader = Callable[[str], bytes]


def burn_boxes(data: bytes, boxes: list[RedactionBox]) -> bytes:
    """``data`` with every box filled, in the original's format so file names and MIME types
    stay true. Only the first frame of an animated picture is kept: a later frame would show
    what the box hides."""
    if not boxes:
        return data
    with pictures.open_picture(data) as img:
        fmt = img.format or "PNG"
        try:
            picture = img.convert("RGBA" if "A" in img.getbands() or fmt == "PNG" else "RGB")
        except (OSError, ValueError, SyntaxError, EOFError, IndexError, MemoryError) as exc:
            raise pictures.PictureError(f"the picture is damaged or truncated ({exc})") from exc
    draw = ImageDraw.Draw(picture)
    fill = (*BOX_COLOUR, 255) if picture.mode == "RGBA" else BOX_COLOUR
    for box in boxes:
        x0, y0 = max(0, box.x), max(0, box.y)
        x1, y1 = min(picture.width, box.x + box.w) - 1, min(picture.height, box.y + box.h) - 1
        if x1 >= x0 and y1 >= y0:
            draw.rectangle((x0, y0, x1, y1), fill=fill)
    out = io.BytesIO()
    if fmt == "JPEG":
        picture.save(out, format="JPEG", quality=95, subsampling=0)
    elif fmt == "WEBP":
        picture.save(out, format="WEBP", lossless=True)
    elif fmt == "BMP":
        picture.convert("RGB").save(out, format="BMP")
    elif fmt == "GIF":
        picture.convert("RGB").convert("P", palette=Image.Palette.ADAPTIVE).save(out, format="GIF")
    else:
        picture.save(out, format="PNG")
    return out.getvalue()


def burned_reader(review: Review, read_blob: BlobReader) -> BlobReader:
    """A blob reader that burns in the boxes drawn on any screenshot showing that blob."""
    boxes_by_blob: dict[str, list[RedactionBox]] = {}
    for box in sorted(review.boxes.values(), key=lambda b: (b.seq, b.id)):
        item = review.evidence.get(box.evidence_id)
        if item is not None and item.blob is not None:
            boxes_by_blob.setdefault(item.blob, []).append(box)
    if not boxes_by_blob:
        return read_blob

    def read(sha: str) -> bytes:
        data = read_blob(sha)
        boxes = boxes_by_blob.get(sha)
        if not boxes:
            return data
        try:
            pictures.probe(data)
        except pictures.PictureError:
            # Refused from its header: every exporter refuses it the same way (same decoder,
            # same label), so nothing of it can be shown.
            return data
        try:
            return burn_boxes(data, boxes)
        except pictures.PictureError:
            # It failed further in: never fall back to the unredacted bytes; no data draws the
            # placeholder.
            return b""

    return read
