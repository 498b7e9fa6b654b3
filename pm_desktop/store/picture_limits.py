"""What pictures the app accepts, known without loading Pillow: the formats (as Pillow names
them) with their MIME types and file extensions, and the pixel limit. The decoder itself is
:mod:`.pictures`."""

from __future__ import annotations

# The formats the intake accepts, as Pillow names them, and their MIME types.
FORMAT_MIME: dict[str, str] = {
    "PNG": "image/png",
    "JPEG": "image/jpeg",
    "GIF": "image/gif",
    "WEBP": "image/webp",
    "BMP": "image/bmp",
}
FORMATS: tuple[str, ...] = tuple(FORMAT_MIME)
MIME_EXTENSION: dict[str, str] = {
    "image/png": ".png",
    "image/jpeg": ".jpg",
    "image/gif": ".gif",
    "image/webp": ".webp",
    "image/bmp": ".bmp",
}

# 40 megapixels: larger than an 8K screenshot (33 MP), far below a bomb.
MAX_PIXELS = 40_000_000
