"""The why trees as a picture: PNG for chat and slides, SVG for documents that scale.

Both render a fresh :class:`~.scene.WhyScene` of the whole review (every branch unfolded, nothing
selected) in a light, print-friendly look whatever the app's theme, so an export never shows a
half-folded tree or a selection ring. Files are written beside the target and renamed over it
only when complete.
"""

from __future__ import annotations

import math
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, QSize
from PySide6.QtGui import QFont, QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import QApplication

from pm_desktop.domain.model import Review
from pm_desktop.export.job import ExportError, atomic_output

from .look import WhyLook, export_look
from .scene import WhyScene

# Pixel limits for PNG: QImage's side limit and a memory ceiling (~600 MB of RGBA).
MAX_SIDE = 32_000
MAX_PIXELS = 150_000_000


def tree_scene(
    review: Review,
    *,
    orientation: str = "top-down",
    look: WhyLook | None = None,
    roots: list[str] | None = None,
) -> WhyScene:
    """A scene of the whole review (or of ``roots``) ready to render; raises ExportError when
    there is nothing to draw."""
    if not review.whys:
        raise ExportError("There are no whys to export yet.")
    font = QApplication.font() if QApplication.instance() else QFont()
    scene = WhyScene(look or export_look(font))
    scene.orientation = orientation
    scene.roots = roots
    scene.max_lines = None  # an export shows every word
    scene.show_knobs = False
    scene.sync(review)
    if not scene.node_ids():
        raise ExportError("There are no whys to export yet.")
    return scene


def _source(scene: WhyScene) -> QRectF:
    rect = scene.content_rect()
    return QRectF(
        math.floor(rect.x()),
        math.floor(rect.y()),
        math.ceil(rect.width()),
        math.ceil(rect.height()),
    )


def render_image(scene: WhyScene, scale: float = 2.0) -> QImage:
    """The scene as an image, ``scale`` pixels per scene unit (reduced to fit the limits)."""
    source = _source(scene)
    scale = min(
        scale,
        MAX_SIDE / max(source.width(), 1),
        MAX_SIDE / max(source.height(), 1),
        math.sqrt(MAX_PIXELS / max(source.width() * source.height(), 1)),
    )
    size = QSize(max(1, round(source.width() * scale)), max(1, round(source.height() * scale)))
    image = QImage(size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(scene.look.background)
    # Text is measured for the screen; the image must have the same logical DPI so fonts
    # keep their size relative to the boxes (the scale comes from the render target).
    image.setDotsPerMeterX(round(_screen_dpi() / 0.0254))
    image.setDotsPerMeterY(round(_screen_dpi() / 0.0254))
    painter = QPainter(image)
    try:
        painter.setRenderHints(
            QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing
        )
        scene.render(painter, QRectF(0, 0, size.width(), size.height()), source)
    finally:
        painter.end()
    return image


def export_png(
    review: Review, path: str | Path, *, orientation: str = "top-down", scale: float = 2.0
) -> Path:
    """Write the why trees as a PNG at ``path``; returns the path. Raises ExportError."""
    target = Path(path)
    image = render_image(tree_scene(review, orientation=orientation), scale)
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):
        raise ExportError(f"{target}: the picture could not be encoded as PNG")
    buffer.close()
    _write(target, bytes(data.data()))
    return target


def export_svg(
    review: Review, path: str | Path, *, orientation: str = "top-down", title: str = ""
) -> Path:
    """Write the why trees as an SVG at ``path``; returns the path. Raises ExportError."""
    target = Path(path)
    scene = tree_scene(review, orientation=orientation)
    source = _source(scene)
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    generator = QSvgGenerator()
    generator.setOutputDevice(buffer)
    generator.setResolution(round(_screen_dpi()))
    generator.setSize(QSize(round(source.width()), round(source.height())))
    generator.setViewBox(QRectF(0, 0, source.width(), source.height()))
    generator.setTitle(title or review.meta.title or "5 whys")
    generator.setDescription("5-whys tree exported from pm-desktop")
    painter = QPainter(generator)
    try:
        painter.setRenderHints(
            QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing
        )
        painter.fillRect(QRectF(0, 0, source.width(), source.height()), scene.look.background)
        scene.render(painter, QRectF(0, 0, source.width(), source.height()), source)
    finally:
        painter.end()
    buffer.close()
    _write(target, bytes(data.data()))
    return target


def _screen_dpi() -> float:
    """The DPI QFontMetricsF measured the text at (the primary screen's logical DPI)."""
    screen = QGuiApplication.primaryScreen()
    return screen.logicalDotsPerInch() if screen is not None else 96.0


def _write(target: Path, payload: bytes) -> None:
    try:
        with atomic_output(target) as fh:
            fh.write(payload)
    except OSError as exc:
        raise ExportError(f"{target}: cannot be written ({exc.strerror or exc})") from exc
