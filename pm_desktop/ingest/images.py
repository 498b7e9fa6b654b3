"""Image intake: every picture is checked with Pillow before it is stored.

A screenshot comes from a paste, a drop, or an imported JSON file; any of them can be garbage, a
truncated download, a text file named ``.png`` or a decompression bomb. :func:`inspect_image`
reads the header first (the pixel limit is checked before any decoding), then decodes once to
prove the data is whole. It raises :class:`ImageRejected` with a sentence for the user.
"""

from __future__ import annotations

import datetime as _dt
import io
import struct
import warnings
from dataclasses import dataclass

from PIL import Image, UnidentifiedImageError

from pm_desktop.domain import timeutil
from pm_desktop.store.pictures import FORMAT_MIME, FORMATS, MAX_PIXELS

__all__ = ["FORMAT_MIME", "MAX_PIXELS", "ImageInfo", "ImageRejected", "inspect_image"]

MAX_IMAGE_BYTES = 50 * 1024 * 1024
IMAGE_MIMES = frozenset(FORMAT_MIME.values())


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
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            with Image.open(io.BytesIO(data), formats=FORMATS) as img:
                fmt = img.format or ""
                width, height = img.size
                if fmt not in FORMAT_MIME:
                    raise ImageRejected(
                        f"{fmt or 'this'} images are not supported (use PNG, JPEG, GIF, WebP or BMP)"
                    )
                if width <= 0 or height <= 0:
                    raise ImageRejected("the image has no pixels")
                if width * height > max_pixels:
                    raise ImageRejected(
                        f"the image is {width:,}×{height:,} pixels; the limit is {max_pixels / 1e6:.0f} megapixels"
                    )
                exif_time = _exif_time(img)
                img.load()  # decode once: proves the data is whole
        except ImageRejected:
            raise
        except (
            UnidentifiedImageError,
            Image.DecompressionBombError,
            Image.DecompressionBombWarning,
        ) as exc:
            if isinstance(exc, UnidentifiedImageError):
                raise ImageRejected("the data is not an image Pillow can read") from exc
            raise ImageRejected(
                f"the image has far more than {max_pixels / 1e6:.0f} megapixels; too large to decode safely"
            ) from exc
        except (OSError, ValueError, SyntaxError, EOFError, IndexError, struct.error) as exc:
            raise ImageRejected(
                f"the image is damaged or truncated ({str(exc)[:120] or type(exc).__name__})"
            ) from exc
        except MemoryError as exc:
            raise ImageRejected("the image is too large to decode") from exc
    return ImageInfo(FORMAT_MIME[fmt], width, height, exif_time)
