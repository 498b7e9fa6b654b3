"""Stored picture bytes as a QImage, through the one decoder of stored bytes.

``QImage.fromData`` would let any Qt image plugin parse bytes from a file someone sent us (and
has its own idea of a size limit); every panel turns stored bytes into pixels here instead, so
they pass :func:`pm_desktop.store.pictures.decode`: PNG, JPEG, GIF, WebP or BMP only, under the
intake's pixel limit, no other process.
"""

from __future__ import annotations

from PySide6.QtGui import QImage

from pm_desktop.store import pictures


def stored_image(data: bytes, *, fit: tuple[int, int] | None = None) -> tuple[QImage | None, str]:
    """The picture, or ``None`` and a short placeholder text saying why it is not shown."""
    try:
        picture = pictures.decode(data, fit=fit)
    except pictures.PictureError as exc:
        return None, exc.label
    rgba = picture if picture.mode == "RGBA" else picture.convert("RGBA")
    raw = rgba.tobytes("raw", "RGBA")
    image = QImage(raw, rgba.width, rgba.height, 4 * rgba.width, QImage.Format.Format_RGBA8888)
    return image.copy(), ""  # copy: the QImage must not point into ``raw`` once it is freed
