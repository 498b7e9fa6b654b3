"""Application start-up: names, theme, the main window, and ``--smoke``.

The organisation/application names and desktop file name are set before anything reads
settings (QSettings and QStandardPaths derive their paths from them). ``--smoke`` starts the app
as usual but in a temporary settings/app-data folder, paints the main window once, prints one
JSON line of timings and exits: a start-up check that works offscreen.
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from pathlib import Path

_T0 = time.perf_counter()


def configure_application_names() -> None:
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtGui import QGuiApplication

    from pm_desktop import APP_NAME, DESKTOP_FILE_NAME, ORG_DOMAIN, ORG_NAME

    QCoreApplication.setOrganizationName(ORG_NAME)
    QCoreApplication.setOrganizationDomain(ORG_DOMAIN)
    QCoreApplication.setApplicationName(APP_NAME)
    QGuiApplication.setDesktopFileName(DESKTOP_FILE_NAME)


def create_application():  # noqa: ANN201 - QApplication
    """The QApplication, named before it exists (settings paths depend on the names)."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from pm_desktop import __version__

    configure_application_names()
    # Font changes must reach children even under our application style sheet (see themes).
    QApplication.setAttribute(Qt.ApplicationAttribute.AA_UseStyleSheetPropagationInWidgetStyles)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationVersion(__version__)
    from .clipboard_exit import release_clipboard
    from .typography import register_bundled_fonts

    app.aboutToQuit.connect(release_clipboard)

    register_bundled_fonts()
    return app


def prepare_look(app, settings) -> None:  # noqa: ANN001
    """Theme and text size from the user's settings, the app icon."""
    from . import icons, themes, typography

    app.setWindowIcon(icons.app_icon())
    theme = settings.theme()
    try:
        themes.apply_theme(app, theme)
    except ValueError:
        themes.apply_theme(app, "system")
    if settings.zoom() != 1.0:
        typography.set_text_zoom(settings.zoom())


def settle_after_start() -> None:
    """Once the main window is built: drop what start-up leaves behind and nothing reads again.

    * PySide6 looks into the source of each module imported after it (its ``__feature__``
      check reads it with ``inspect.getsource``), and ``linecache`` keeps all those lines:
      about 8 MB, which the review and the first paint can use instead (a traceback reads a
      file anew when it needs it).
    * Everything that exists now (the modules, the window) lives as long as the app:
      ``gc.freeze`` moves it out of the garbage collector's way, so no later collection walks
      it again (about 40 ms less CPU from start to exit of ``--smoke --demo``, most of it the
      collection at exit, and shorter pauses with a large review open).
    """
    import gc
    import linecache

    linecache.clearcache()
    gc.freeze()


def run(file: str | None = None, demo: bool = False, smoke: bool = False) -> int:
    from .platform_check import check_display

    problem = check_display()  # before Qt, which would abort the process with a wrong hint
    if problem:
        print(problem, file=sys.stderr)
        return 1
    if smoke:
        return _smoke(file, demo)
    app = create_application()
    from PySide6.QtCore import QTimer

    from .main_window import MainWindow
    from .settings import Settings

    settings = Settings()
    prepare_look(app, settings)
    window = MainWindow(settings)
    settle_after_start()
    from .fileopen import FileOpenRelay

    app.installEventFilter(FileOpenRelay(window, app))
    window.show()
    if file:
        window.files.open_path(file)
    elif demo:
        window.files.open_example()
    else:
        QTimer.singleShot(0, window.files.offer_recovery)
    return app.exec()


def _smoke(file: str | None, demo: bool) -> int:
    """Start, paint once, report. Nothing of the user's is read or written."""
    t_import0 = time.perf_counter()
    from PySide6.QtCore import QEvent, QObject, QTimer

    from . import settings as settings_mod

    t_import1 = time.perf_counter()
    tmp = tempfile.TemporaryDirectory(prefix="pm-desktop-smoke-")
    try:
        with settings_mod.isolate(Path(tmp.name)):
            t_app0 = time.perf_counter()
            app = create_application()
            t_app1 = time.perf_counter()
            from .file_actions import QuietPrompts
            from .main_window import MainWindow

            t_ui = time.perf_counter()
            settings = settings_mod.Settings()
            prepare_look(app, settings)
            prompts = QuietPrompts()
            window = MainWindow(settings, prompts=prompts)
            prompts.parent = window
            settle_after_start()
            t_window = time.perf_counter()
            opened = True
            if file:
                # Read-only: a smoke run must not purge blobs, cache thumbnails or change the
                # journal mode of the user's file.
                opened = window.files.open_path(file, read_only=True)
            elif demo:
                opened = window.files.open_example()
            t_open = time.perf_counter()

            painted: dict[str, float] = {}

            class _PaintWatch(QObject):
                def eventFilter(self, obj, event):  # noqa: N802, ANN001
                    if event.type() == QEvent.Type.Paint and "t" not in painted:
                        painted["t"] = time.perf_counter()
                        # Qt paints the window and its children in one go, so this zero-timer
                        # fires once the whole first paint is done. It was queued before the
                        # window queued its after-first-paint work (our filter sees the paint
                        # before the window does), so it runs first and stops that work: the
                        # smoke reports and leaves without building what nobody will look at.
                        QTimer.singleShot(0, self, self.done)
                    return False

                def done(self) -> None:
                    painted["done"] = time.perf_counter()
                    window.stop_after_paint()

            watch = _PaintWatch()
            window.installEventFilter(watch)
            window.show()
            deadline = time.perf_counter() + 20
            while "done" not in painted and time.perf_counter() < deadline:
                app.processEvents()
            t_paint = painted.get("t", time.perf_counter())
            window.removeEventFilter(watch)
            result = {
                "process_s": _seconds_since_process_start(),
                "startup_s": round(t_window - _T0, 4),
                "first_paint_s": round(t_paint - _T0, 4),
                "import_s": round((t_import1 - t_import0) + (t_ui - t_app1), 4),
                "qapplication_s": round(t_app1 - t_app0, 4),
                "window_s": round(t_window - t_ui, 4),
                "open_s": round(t_open - t_window, 4),
                "paint_s": round(t_paint - t_open, 4),
                "paint_done_s": round(painted.get("done", t_paint) - _T0, 4),
                "painted": "done" in painted,
                "opened": opened,
                "view": "review" if window.has_document else "welcome",
                "platform": app.platformName(),
            }
            if prompts.errors:
                result["error"] = prompts.errors[0]
            print(json.dumps(result), flush=True)
            window.files.close_review()
            window.close()
            window.deleteLater()
            app.processEvents()
        return 0 if opened else 1
    finally:
        tmp.cleanup()


def _seconds_since_process_start() -> float | None:
    """Wall time since the interpreter started (Linux; None elsewhere)."""
    try:
        import os

        stat = Path("/proc/self/stat").read_text().rsplit(")", 1)[1].split()
        ticks = int(stat[19])
        uptime = float(Path("/proc/uptime").read_text().split()[0])
        return round(uptime - ticks / os.sysconf("SC_CLK_TCK"), 3)
    except (OSError, ValueError, IndexError):
        return None
