"""Burn redaction boxes into a fresh copy of a screenshot, for exports only.

The stored image is never changed (the user can move or undo a box later); every exporter reads
images through :func:`burned_reader`, which hands out a copy with each box filled in solid
:data:`BOX_COLOUR`. Only the five formats we accept are opened, and the pixel count is checked
from the header before anything is decoded. (The layer contract keeps ``export`` from importing
``ingest``; :func:`_open_checked` applies the same limits as ``ingest.images.inspect_image`` and
is the one place to switch to the shared decoder.)
"""

from __future__ import annotations

import io
import warnings
from collections.abc import Callable

from PIL import Image, ImageDraw

from pm_desktop.domain.model import RedactionBox, Review

from .job import ExportError

BOX_COLOUR = (0, 0, 0)
FORMATS = ["PNG", "JPEG", "GIF", "WEBP", "BMP"]

MAX_PIXELS = 40_000_000  # as ingest.images.MAX_PIXELS
MAX_BYTES = 50 * 1024 * 1024

BlobReader = Callable[[str], bytes]


def _open_checked(data: bytes) -> Image.Image:
    """Decode stored image bytes: accepted formats only, within the pixel limits."""
    if not data or len(data) > MAX_BYTES:
        raise ValueError("the image is empty or too large")
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        img = Image.open(io.BytesIO(data), formats=FORMATS)
        width, height = img.size
        if width <= 0 or height <= 0 or width * height > MAX_PIXELS:
            img.close()
            raise ValueError(f"the image is {width}×{height} pixels, over the limit")
        img.load()
    return img


def burn_boxes(data: bytes, boxes: list[RedactionBox]) -> bytes:
    """``data`` with every box filled, in the original's format so file names and MIME types
    stay true. Only the first frame of an animated picture is kept: a later frame would show
    what the box hides."""
    if not boxes:
        return data
    with _open_checked(data) as img:
        fmt = img.format or "PNG"
        picture = img.convert("RGBA" if "A" in img.getbands() or fmt == "PNG" else "RGB")
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
            return burn_boxes(data, boxes)
        except (
            OSError,
            ValueError,
            Image.DecompressionBombError,
            Image.DecompressionBombWarning,
        ) as exc:
            # Never fall back to the unredacted picture.
            raise ExportError(f"a redacted screenshot could not be prepared ({exc})") from exc

    return read
