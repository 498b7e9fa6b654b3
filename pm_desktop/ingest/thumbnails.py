"""Small PNG previews of stored pictures, made once per picture and size.

The evidence panel shows a card per screenshot; decoding two hundred full-size screenshots to
draw two hundred cards would take seconds and hundreds of megabytes. A thumbnail is made here
once by :func:`pm_desktop.store.pictures.decode` (the one decoder of stored bytes),
then the caller keeps it in the review file (``Document.put_thumbnail``) and in memory.

:func:`decode_count` counts the full-picture decodes this module has done, so tests can prove
that opening a panel does not decode every picture.
"""

from __future__ import annotations

import threading

from pm_desktop.store import pictures
from pm_desktop.store.pictures import MAX_PIXELS

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


def make_thumbnail(data: bytes, size: int = THUMB_SIZE, *, max_pixels: int = MAX_PIXELS) -> bytes:
    """A PNG no larger than ``size``×``size`` showing the picture in ``data`` (aspect kept,
    camera rotation applied, first frame of an animation). Raises :class:`ThumbnailError`."""
    if size <= 0:
        raise ThumbnailError("a thumbnail needs a size of at least one pixel")
    try:
        pictures.probe(data, max_pixels=max_pixels)
        _count()
        return pictures.to_png(pictures.decode(data, fit=(size, size), max_pixels=max_pixels))
    except pictures.PictureError as exc:
        raise ThumbnailError(str(exc)) from exc
