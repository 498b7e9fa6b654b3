"""Render the app icon for every platform from the one SVG in ``resources/icons/pm-desktop.svg``.

Run it when the SVG changes, and commit what it writes::

    .venv/bin/python packaging/make_icons.py

Writes
- ``packaging/linux/icons/hicolor/<N>x<N>/apps/<app id>.png`` for N in 16…512, and
  ``scalable/apps/<app id>.svg``: the freedesktop icon theme layout, named after the desktop
  file id so desktops match the window to its launcher;
- ``packaging/icons/pm-desktop.ico`` (Windows, 16…256) and ``pm-desktop.icns`` (macOS, 16…1024),
  which the PyInstaller spec gives to the executable.

Each size is rendered from the vector with QtSvg (offscreen), not scaled down from a large bitmap,
so the small sizes stay sharp. Pillow packs the .ico and .icns files.
"""

from __future__ import annotations

import io
import os
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SVG = ROOT / "resources" / "icons" / "pm-desktop.svg"
HICOLOR = ROOT / "packaging" / "linux" / "icons" / "hicolor"
ICONS = ROOT / "packaging" / "icons"
LINUX_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
ICNS_SIZES = (16, 32, 64, 128, 256, 512, 1024)


def app_id() -> str:
    sys.path.insert(0, str(ROOT))
    from pm_desktop import DESKTOP_FILE_NAME

    return DESKTOP_FILE_NAME


def render_png(svg: bytes, size: int) -> bytes:
    """The SVG drawn into a transparent ``size``×``size`` PNG."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(QByteArray(svg))
    if not renderer.isValid():
        raise SystemExit(f"{SVG}: not a valid SVG")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data.data())


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PIL import Image
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841 - keep alive
    svg = SVG.read_bytes()
    name = app_id()
    sizes = sorted(set(LINUX_SIZES) | set(ICO_SIZES) | set(ICNS_SIZES))
    pngs = {size: render_png(svg, size) for size in sizes}
    images = {size: Image.open(io.BytesIO(data)).convert("RGBA") for size, data in pngs.items()}

    written: list[Path] = []
    for size in LINUX_SIZES:
        out = HICOLOR / f"{size}x{size}" / "apps" / f"{name}.png"
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(pngs[size])
        written.append(out)
    scalable = HICOLOR / "scalable" / "apps" / f"{name}.svg"
    scalable.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(SVG, scalable)
    written.append(scalable)

    ICONS.mkdir(parents=True, exist_ok=True)
    ico = ICONS / "pm-desktop.ico"
    images[max(ICO_SIZES)].save(
        ico,
        format="ICO",
        sizes=[(s, s) for s in ICO_SIZES],
        append_images=[images[s] for s in ICO_SIZES if s != max(ICO_SIZES)],
    )
    icns = ICONS / "pm-desktop.icns"
    images[max(ICNS_SIZES)].save(
        icns,
        format="ICNS",
        append_images=[images[s] for s in ICNS_SIZES if s != max(ICNS_SIZES)],
    )
    written += [ico, icns]
    for path in written:
        print(f"{path.stat().st_size:8,d} B  {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
