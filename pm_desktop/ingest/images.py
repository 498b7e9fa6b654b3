"""Image intake: every picture is checked with Pillow before it is stored.

A screenshot comes from a paste, a drop, or an imported JSON file; any of them can be garbage, a
truncated download, a text file named ``.png`` or a decompression bomb. :func:`inspect_image`
reads the header first (the pixel limit is checked before any decoding), then decodes once to
prove the data is whole. It raises :class:`ImageRejected` with a sentence for the user.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from pm_desktop.domain import timeutil
from pm_desktop.store.picture_limits import FORMAT_MIME, MAX_PIXELS

if TYPE_CHECKING:  # Pillow loads with the first picture checked (store.pictures)
    from PIL import Image

__all__ = ["FORMAT_MIME", "MAX_PIXELS", "ImageInfo", "ImageRejected", "inspect_image"]

MAX_IMAGE_BYTES = 50 * 1024 * 1024


class ImageRejected(ValueError):
    """The data is not an image we accept. ``str()`` says why, for the user."""


@dataclass(frozen=True, slots=True)
class ImageInfo:
    mime: str
    width: int
    height: int
    exif_time: str | None = None  # canonical UTC, when the camera/OS recorded one with an offset


def _exif_time(img: Image.Image) -> str | None:
    """DateTimeOriginal with its OffsetTimeOriginal; without an offset the time is unusable."""
    try:
        exif = img.getexif()
        sub = exif.get_ifd(0x8769)
    except Exception:  # malformed EXIF must never reject a good picture
        return None
    stamp = sub.get(0x9003) or exif.get(0x0132)
    offset = sub.get(0x9011) or sub.get(0x9010)
    if not isinstance(stamp, str) or not isinstance(offset, str):
        return None
    try:
        wall = _dt.datetime.strptime(stamp.strip("\x00 ")[:19], "%Y:%m:%d %H:%M:%S")
        tz = timeutil.zone(offset.strip("\x00 "))
        return timeutil.to_canonical(wall.replace(tzinfo=tz))
    except (ValueError, timeutil.TimeError):
        return None


def inspect_image(
    data: bytes, *, max_pixels: int = MAX_PIXELS, max_bytes: int = MAX_IMAGE_BYTES
) -> ImageInfo:
    if not data:
        raise ImageRejected("the image is empty (0 bytes)")
    if len(data) > max_bytes:
        raise ImageRejected(
            f"the image is {len(data) / 1e6:.1f} MB; the limit is {max_bytes / 1e6:.0f} MB"
        )
    # The same decoder as every stored picture: accepted formats only, pixel limit from the
    # header, no other process; decoding once proves the data is whole.
    from pm_desktop.store import pictures

    try:
        with pictures.open_picture(data, max_pixels=max_pixels) as img:
            fmt = img.format or ""
            width, height = img.size
            exif_time = _exif_time(img)
            img.load()
    except pictures.PictureError as exc:
        raise ImageRejected(str(exc)) from exc
    return ImageInfo(FORMAT_MIME[fmt], width, height, exif_time)
