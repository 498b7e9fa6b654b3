"""Icons drawn from the SVG files in ``resources/icons``.

Monochrome UI icons are written with ``currentColor`` and tinted here for the current theme, so
one file serves light, dark and high contrast. Rendered pixmaps are cached per name, colour and
size.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

from PySide6.QtCore import QByteArray, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer

APP_ICON = "pm-desktop"
# Navigation icon for a panel key; panels without one get none.
NAV_ICONS = {
    "overview": "nav-overview",
    "timeline": "nav-timeline",
    "evidence": "nav-evidence",
    "whys": "nav-whys",
    "board": "nav-followups",
    "followups": "nav-followups",
}


@lru_cache(maxsize=64)
def svg_text(name: str) -> str:
    """The SVG source of ``resources/icons/<name>.svg`` ("" when missing)."""
    path = resources.files("pm_desktop.resources").joinpath("icons", f"{name}.svg")
    try:
        return path.read_text(encoding="utf-8")
    except (FileNotFoundError, OSError):
        return ""


@lru_cache(maxsize=256)
def _pixmap(name: str, color: str, size: int) -> QPixmap:
    text = svg_text(name)
    pix = QPixmap(size, size)
    pix.fill(Qt.GlobalColor.transparent)
    if not text:
        return pix
    if color:
        text = text.replace("currentColor", color)
    renderer = QSvgRenderer(QByteArray(text.encode("utf-8")))
    painter = QPainter(pix)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    return pix


def pixmap(name: str, size: int, color: QColor | str | None = None) -> QPixmap:
    hex_color = QColor(color).name() if color is not None else ""
    return _pixmap(name, hex_color, int(size))


def icon(
    name: str, color: QColor | str | None = None, selected: QColor | str | None = None
) -> QIcon:
    """A tinted icon with the usual sizes pre-rendered (sharp at 1× and 2×); ``selected`` is
    the colour on a selected row (the highlight's text colour)."""
    result = QIcon()
    if not svg_text(name):
        return result
    for size in (16, 20, 24, 32, 48, 64):
        result.addPixmap(pixmap(name, size, color))
        if selected is not None:
            result.addPixmap(pixmap(name, size, selected), QIcon.Mode.Selected)
    return result


def app_icon() -> QIcon:
    result = QIcon()
    for size in (16, 24, 32, 48, 64, 128, 256):
        result.addPixmap(pixmap(APP_ICON, size))
    return result


def nav_icon(panel_key: str, color: QColor | str, selected: QColor | str | None = None) -> QIcon:
    name = NAV_ICONS.get(panel_key)
    return icon(name, color, selected) if name else QIcon()
