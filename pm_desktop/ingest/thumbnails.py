"""Small PNG previews of stored pictures, made once per picture and size.

The evidence panel shows a card per screenshot; decoding two hundred full-size screenshots to
draw two hundred cards would take seconds and hundreds of megabytes. A thumbnail is made here
once (JPEGs are decoded at reduced size with ``draft()``, other formats shrink with ``reduce``),
then the caller keeps it in the review file (``Document.put_thumbnail``) and in memory.

:func:`decode_count` counts the full-picture decodes this module has done, so tests can prove
that opening a panel does not decode every picture.
"""

from __future__ import annotations

import io
import struct
import threading
import warnings

from PIL import Image, ImageOps, UnidentifiedImageError

from .images import MAX_PIXELS

THUMB_SIZE = 256

_lock = threading.Lock()
_decodes = [0]


class ThumbnailError(ValueError):
    """The stored data cannot be shown as a picture; ``str()`` says why."""


def decode_count() -> int:
    """How many pictures this process has decoded to make thumbnails."""
    with _lock:
        return _decodes[0]


def _count() -> None:
    with _lock:
        _decodes[0] += 1


def _flatten_mode(img: Image.Image) -> Image.Image:
    """Something PNG can store in 8 bits per channel, transparency kept."""
    if img.mode in ("RGB", "RGBA", "L", "LA"):
        return img
    if img.mode == "P":
        return img.convert("RGBA" if "transparency" in img.info else "RGB")
    if img.mode in ("I;16", "I;16B", "I;16L", "I"):
        # 16-bit greyscale: scale to 8 bits instead of clipping everything to white
        return img.point(lambda v: v / 256).convert("L")
    if img.mode == "PA":
        return img.convert("RGBA")
    if img.mode.endswith("A") or "transparency" in img.info:
        return img.convert("RGBA")
    return img.convert("RGB")


def make_thumbnail(data: bytes, size: int = THUMB_SIZE, *, max_pixels: int = MAX_PIXELS) -> bytes:
    """A PNG no larger than ``size``×``size`` showing the picture in ``data`` (aspect kept,
    camera rotation applied, first frame of an animation). Raises :class:`ThumbnailError`."""
    if size <= 0:
        raise ThumbnailError("a thumbnail needs a size of at least one pixel")
    if not data:
        raise ThumbnailError("there is no picture data")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as img:
                width, height = img.size
                if width <= 0 or height <= 0 or width * height > max_pixels:
                    raise ThumbnailError(f"the picture is {width}×{height} pixels; not decoded")
                img.draft("RGB", (size, size))  # JPEG: decode at 1/2, 1/4 or 1/8 scale
                _count()
                img.load()
                frame = ImageOps.exif_transpose(img) or img
                frame = _flatten_mode(frame)
                frame.thumbnail((size, size), Image.Resampling.LANCZOS, reducing_gap=2.0)
                out = io.BytesIO()
                frame.save(out, "PNG", optimize=False, compress_level=6)
                return out.getvalue()
    except ThumbnailError:
        raise
    except (UnidentifiedImageError, Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ThumbnailError("the stored data is not a picture that can be shown") from None
    except (OSError, ValueError, SyntaxError, EOFError, IndexError, struct.error) as exc:
        raise ThumbnailError(
            f"the picture is damaged ({str(exc)[:100] or type(exc).__name__})"
        ) from exc
    except MemoryError as exc:
        raise ThumbnailError("the picture is too large to show") from exc
