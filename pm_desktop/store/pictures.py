"""The one way stored picture bytes are decoded.

A review file may come from anyone, so the bytes in its ``blob`` and ``thumbnail`` tables are
untrusted: they can be an EPS document (Pillow hands those to Ghostscript, a separate process
that runs PostScript), a TIFF or SVG a viewer plugin would happily parse, or a few hundred
kilobytes that inflate to gigabytes. Every reader of stored pictures (thumbnails, the viewer,
the presentation, the PDF, the Markdown export) goes through this module, which

- lets Pillow try only the raster formats the intake accepts (``formats=`` on every open, so no
  other plugin ever sees the bytes and no process is ever started);
- reads the header first and refuses more pixels than the intake's limit before decoding;
- raises :class:`PictureError` with a short label that callers draw as a placeholder.

It lives in ``store`` because both ``export`` and ``ui`` need it and neither may import the other
or ``ingest``; it uses Pillow only, no Qt.
"""

from __future__ import annotations

import io
import struct
import warnings
from collections.abc import Iterator
from contextlib import contextmanager

from PIL import Image, ImageOps, UnidentifiedImageError

from .picture_limits import FORMAT_MIME, FORMATS, MAX_PIXELS, MIME_EXTENSION

__all__ = [
    "FORMATS",
    "FORMAT_MIME",
    "MAX_PIXELS",
    "MIME_EXTENSION",
    "PictureError",
    "decode",
    "open_picture",
    "probe",
    "to_png",
]


class PictureError(ValueError):
    """Stored bytes are not a picture we decode. ``label`` is a short placeholder text;
    ``str()`` is the sentence for a message."""

    def __init__(self, message: str, label: str = "This image could not be read"):
        super().__init__(message)
        self.label = label


def _too_large(width: int, height: int, max_pixels: int) -> PictureError:
    return PictureError(
        f"the picture is {width:,}×{height:,} pixels; the limit is "
        f"{max_pixels / 1e6:.0f} megapixels",
        label=f"Image too large to show ({width:,}×{height:,} pixels)",
    )


@contextmanager
def open_picture(data: bytes, *, max_pixels: int = MAX_PIXELS) -> Iterator[Image.Image]:
    """A lazily decoded Pillow image of ``data``, header checked: an accepted format, at least
    one pixel, at most ``max_pixels``. Decode errors inside the block become
    :class:`PictureError` too."""
    if not data:
        raise PictureError("there is no picture data", label="No image data")
    try:
        with warnings.catch_warnings():
            # Our own limit (lower than Pillow's) is checked from the header just below.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data), formats=FORMATS) as img:
                width, height = img.size
                if width <= 0 or height <= 0:
                    raise PictureError("the picture has no pixels")
                if width * height > max_pixels:
                    raise _too_large(width, height, max_pixels)
                yield img
    except PictureError:
        raise
    except Image.DecompressionBombError:
        raise PictureError(
            f"the picture has far more than {max_pixels / 1e6:.0f} megapixels; too large to "
            "decode safely",
            label="Image too large to show",
        ) from None
    except UnidentifiedImageError:
        raise PictureError(
            "the data is not a picture in a format we accept (PNG, JPEG, GIF, WebP or BMP)"
        ) from None
    except (OSError, ValueError, SyntaxError, EOFError, IndexError, struct.error) as exc:
        raise PictureError("the picture is damaged or cut short") from exc
    except MemoryError as exc:
        raise PictureError("the picture is too large to decode", label="Image too large") from exc


def probe(data: bytes, *, max_pixels: int = MAX_PIXELS) -> tuple[str, int, int]:
    """``(mime, width, height)`` from the header alone (nothing is decoded)."""
    with open_picture(data, max_pixels=max_pixels) as img:
        return FORMAT_MIME[img.format or "PNG"], img.width, img.height


def _flatten_mode(img: Image.Image, *, alpha: bool) -> Image.Image:
    """8-bit RGB(A) or greyscale; without ``alpha``, transparency is composited onto white."""
    if img.mode in ("I;16", "I;16B", "I;16L", "I"):
        # 16-bit greyscale: scale to 8 bits instead of clipping everything to white
        img = img.point(lambda v: v / 256).convert("L")
    if img.mode == "1":
        img = img.convert("L")
    has_alpha = img.mode in ("RGBA", "LA", "PA") or "transparency" in img.info
    if has_alpha:
        rgba = img.convert("RGBA")
        if alpha:
            return rgba
        white = Image.new("RGB", rgba.size, (255, 255, 255))
        white.paste(rgba, mask=rgba.getchannel("A"))
        return white
    if img.mode in ("RGB", "L"):
        return img.copy()
    return img.convert("RGB")


def decode(
    data: bytes,
    *,
    fit: tuple[int, int] | None = None,
    alpha: bool = True,
    max_pixels: int = MAX_PIXELS,
    box: tuple[float, float, float, float] | None = None,
) -> Image.Image:
    """Decode stored picture bytes into a loaded image (first frame, camera rotation applied,
    8 bits per channel). With ``fit``, the result is no larger than that box (JPEGs are decoded
    at a reduced scale straight away). ``box`` (left, top, right, bottom as fractions of the
    picture) keeps only that part, before fitting. Raises :class:`PictureError`."""
    with open_picture(data, max_pixels=max_pixels) as img:
        if fit is not None:
            if box is not None:  # the part must reach ``fit``: the whole is that much larger
                fit_whole = (
                    max(1, round(fit[0] / max(box[2] - box[0], 1e-6))),
                    max(1, round(fit[1] / max(box[3] - box[1], 1e-6))),
                )
                img.draft("RGB", fit_whole)
            else:
                img.draft("RGB", fit)
        img.load()
        frame = ImageOps.exif_transpose(img) or img
        picture = _flatten_mode(frame, alpha=alpha)
    if box is not None:
        w, h = picture.size
        left, top = min(w - 1, int(box[0] * w)), min(h - 1, int(box[1] * h))
        right, bottom = max(left + 1, round(box[2] * w)), max(top + 1, round(box[3] * h))
        picture = picture.crop((left, top, min(w, right), min(h, bottom)))
    if fit is not None and (picture.width > fit[0] or picture.height > fit[1]):
        picture.thumbnail(fit, Image.Resampling.LANCZOS, reducing_gap=2.0)
    return picture


def to_png(picture: Image.Image) -> bytes:
    out = io.BytesIO()
    picture.save(out, "PNG", optimize=False, compress_level=6)
    return out.getvalue()
