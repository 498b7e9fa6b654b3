"""``pm-desktop screenshot``: render the welcome screen, every panel and presentation mode to PNG.

Runs offscreen in a temporary settings and app-data folder, so the user's theme, recent files and
unsaved reviews are neither read nor changed. A review given by path is copied first and the copy
is shown, so the original is never locked or touched. ``new=True`` shows a brand-new review from
the template instead (what a first-time user sees), with the capture window beside it.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from pathlib import Path

from pm_desktop.export import ExportError

THEMES = ("light", "dark", "high-contrast")


def parse_size(text: str) -> tuple[int, int]:
    m = re.fullmatch(r"\s*(\d{3,5})\s*[xX×]\s*(\d{3,5})\s*", text or "")
    if not m:
        raise ExportError(f"--size: {text!r} is not a size like 1600x1000")
    width, height = int(m.group(1)), int(m.group(2))
    if not (320 <= width <= 7680 and 240 <= height <= 4320):
        raise ExportError(f"--size: {text!r} is outside 320x240 … 7680x4320")
    return width, height


def wanted_themes(theme: str) -> tuple[str, ...]:
    name = (theme or "all").strip().lower().replace("_", "-")
    if name == "all":
        return THEMES
    if name in ("hc", "contrast", "highcontrast"):
        name = "high-contrast"
    if name not in THEMES:
        raise ExportError(f"--theme: {theme!r} is not one of light, dark, high-contrast, all")
    return (name,)


def take_screenshots(
    file: str | None,
    demo: bool,
    out: Path,
    size: str = "1600x1000",
    theme: str = "all",
    new: bool = False,
) -> list[Path]:
    """Write ``<theme>-<view>.png`` files into ``out`` and return their paths."""
    width, height = parse_size(size)
    chosen = wanted_themes(theme)
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    from PySide6.QtWidgets import QApplication

    if QApplication.instance() is None:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from . import settings as settings_mod

    with tempfile.TemporaryDirectory(prefix="pm-desktop-shots-") as tmp:
        with settings_mod.isolate(Path(tmp)):
            return _render_all(file, demo, out, width, height, chosen, Path(tmp), new)


def _render_all(
    file: str | None,
    demo: bool,
    out: Path,
    width: int,
    height: int,
    chosen: tuple[str, ...],
    tmp: Path,
    new: bool = False,
) -> list[Path]:
    from PySide6.QtCore import QRect

    from . import screen_area, themes
    from .app import create_application
    from .file_actions import QuietPrompts
    from .intake.shots import intake_screens
    from .library.shots import library_screens
    from .main_window import MainWindow
    from .settings import Settings
    from .sharing_shots import sharing_screens
    from .timeline.capture import open_capture_window

    app = create_application()
    theme_before = themes.current_choice()
    settings = Settings()
    prompts = QuietPrompts()
    window = MainWindow(settings, prompts=prompts)
    prompts.parent = window
    written: list[Path] = []

    def settle() -> None:
        for _ in range(3):
            app.processEvents()

    def save(widget, name: str) -> None:  # noqa: ANN001 - QWidget
        settle()
        path = out / f"{name}.png"
        if not widget.grab().save(str(path)):
            raise ExportError(f"{path}: the picture could not be written")
        written.append(path)

    try:
        window.resize(width, height)
        window.show()
        for name in chosen:
            themes.apply_theme(app, name)
            save(window, f"{name}-welcome")

        if new:
            opened = window.files.new_review(True)
        elif file:
            copy = tmp / Path(file).name
            try:
                shutil.copyfile(file, copy)
            except OSError as exc:
                raise ExportError(f"{file}: {exc.strerror or exc}") from exc
            opened = window.files.open_path(str(copy))
        else:
            opened = window.files.open_example()
        if not opened:
            raise ExportError(prompts.errors[0] if prompts.errors else f"{file}: cannot be opened")

        prefix = "new-" if new else ""
        for name in chosen:
            themes.apply_theme(app, name)
            for panel in window.panels:
                window.show_panel(panel.key)
                settle()
                panel.settle()
                save(window, f"{name}-{prefix}{panel.key}")
            capture = open_capture_window(window.controller, window)
            save(capture, f"{name}-{prefix}capture")
            capture.close()
            if new:
                continue  # presentation and sharing need a written review
            # The presentation fills a projector of the chosen size and sizes its type from it.
            with screen_area.forced(QRect(0, 0, width, height)):
                presentation = window.enter_presentation(fullscreen=False)
                if presentation is not None:
                    for index, section in enumerate(presentation.sections):
                        presentation.go_to(index)
                        section.panel.settle()
                        suffix = "" if index == 0 else f"-{section.panel.key}"
                        save(presentation, f"{name}-presentation{suffix}")
                        if index == 0 and presentation.step(1):  # how it unfolded
                            save(presentation, f"{name}-presentation-unfolding")
                            presentation.step(-1)
                        if section.panel.key == "whys":  # the whole tree, every why asked
                            while presentation.step(1):
                                pass
                            save(presentation, f"{name}-presentation-whys-all")
                    presentation.leave()
                    settle()
            sharing_screens(window, save, name, (width, height))
            library_screens(
                tmp / "library-index.sqlite", tmp / "team-reviews", save, name, (width, height)
            )
            intake_screens(window, save, name, (width, height))
        return written
    finally:
        window.files.close_review()
        window.close()
        window.deleteLater()
        themes.apply_theme(app, theme_before)
        app.processEvents()
