"""Type sizes relative to the app font, so text zoom and presentation scale reach every label.

A widget with an explicit font no longer follows its parent's font size. Instead of fixing point
sizes, widgets are *marked* with a factor (:func:`mark`), and the container that owns them calls
:func:`apply` whenever its own (inherited) font changes — on ``QEvent.FontChange``. Text zoom
(``QApplication.setFont``) and presentation mode (a larger font on the presentation window) both
arrive as that event.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QWidget

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

_SCALE = "pmFontScale"
_WEIGHT = "pmFontWeight"


def mark(widget: QWidget, scale: float, weight: QFont.Weight | None = None) -> QWidget:
    """Size ``widget``'s text at ``scale`` × its container's font (and optionally bold)."""
    widget.setProperty(_SCALE, float(scale))
    if weight is not None:
        widget.setProperty(_WEIGHT, int(weight.value))
    return widget


def scaled(base: QFont, scale: float, weight: QFont.Weight | None = None) -> QFont:
    font = QFont(base)
    size = base.pointSizeF()
    if size > 0:
        font.setPointSizeF(max(1.0, size * scale))
    else:  # a pixel-sized font
        font.setPixelSize(max(1, round(base.pixelSize() * scale)))
    if weight is not None:
        font.setWeight(weight)
    return font


def apply(root: QWidget) -> None:
    """Give every marked descendant of ``root`` its font, relative to ``root.font()``."""
    base = root.font()
    for child in root.findChildren(QWidget):
        factor = child.property(_SCALE)
        if factor is None:
            continue
        raw_weight = child.property(_WEIGHT)
        weight = QFont.Weight(raw_weight) if raw_weight is not None else None
        font = scaled(base, float(factor), weight)
        if child.font() != font:
            child.setFont(font)


def is_font_change(event: QEvent) -> bool:
    return event.type() in (QEvent.Type.FontChange, QEvent.Type.ApplicationFontChange)


def app_base_point_size() -> float:
    app = QApplication.instance()
    size = app.font().pointSizeF() if app is not None else 10.0
    return size if size > 0 else 10.0


def set_text_zoom(zoom: float) -> None:
    """Scale the app font to ``zoom`` × the size it had at start-up (Ctrl+= / Ctrl+- / Ctrl+0)."""
    app = QApplication.instance()
    if app is None:
        return
    base = app.property("pmBasePointSize")
    if base is None:
        base = app_base_point_size()
        app.setProperty("pmBasePointSize", base)
    font = app.font()
    font.setPointSizeF(max(4.0, float(base) * zoom))
    app.setFont(font)


# Shipped fonts Qt falls back to for scripts and symbols the system may lack (CJK, Hangul, emoji).
FALLBACK_FONTS = ("DroidSansFallbackFull.ttf", "NanumSquareR.ttf", "Symbola.ttf")


MONO_FAMILY = "DejaVu Sans Mono"  # shipped: logs look the same on every machine
MONO_FILES = ("DejaVuSansMono.ttf", "DejaVuSansMono-Bold.ttf")


def mono_font(point_size: float | None = None) -> QFont:
    """The shipped monospace font for logs and snippets. Not the system's "fixed" font: that
    is whatever fontconfig answers for "monospace", sometimes a proportional font."""
    from importlib import resources


    app = QApplication.instance()
    if app is not None and not app.property("pmMonoRegistered"):
        root = resources.files("pm_desktop.resources").joinpath("fonts")
        for name in MONO_FILES:
            add_font(root.joinpath(name))
        app.setProperty("pmMonoRegistered", True)
    font = QFont(MONO_FAMILY)
    font.setStyleHint(QFont.StyleHint.Monospace)
    font.setFixedPitch(True)
    if point_size is not None and point_size > 0:
        font.setPointSizeF(point_size)
    elif app is not None:
        font.setPointSizeF(QApplication.font().pointSizeF())
    return font


def add_font(resource: Traversable) -> int:
    """Register a shipped font; its id, or -1. A font that is a file on disk is registered by
    its path: Qt then reads the tables it needs when a glyph is drawn, instead of keeping the
    whole file in memory (8 MB for the CJK, Hangul and emoji fonts, 10 ms at start-up)."""
    from pathlib import Path

    from PySide6.QtGui import QFontDatabase

    if isinstance(resource, Path) and resource.is_file():
        font_id = QFontDatabase.addApplicationFont(str(resource))
        if font_id >= 0:
            return font_id
    try:
        data = resource.read_bytes()  # inside a zip (a frozen app): from memory
    except OSError:
        return -1
    return QFontDatabase.addApplicationFontFromData(data)


def register_bundled_fonts() -> list[str]:
    """Make the fonts in ``resources/fonts`` available for glyph fallback; returns families."""
    from importlib import resources

    from PySide6.QtGui import QFontDatabase

    if QApplication.instance() is None or QApplication.instance().property("pmFontsRegistered"):
        return []
    families: list[str] = []
    root = resources.files("pm_desktop.resources").joinpath("fonts")
    for name in FALLBACK_FONTS:
        font_id = add_font(root.joinpath(name))
        if font_id >= 0:
            families += QFontDatabase.applicationFontFamilies(font_id)
    QApplication.instance().setProperty("pmFontsRegistered", True)
    return families
