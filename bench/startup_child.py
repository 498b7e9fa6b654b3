"""Child process: start-up and opening, each until the main window has finished painting.

    startup_child.py bare          a bare QMainWindow (the baseline for start-up)
    startup_child.py smoke [FILE]  the real ``pm-desktop --smoke --demo`` (or FILE) code path
    startup_child.py open FILE     a running app (welcome screen painted) opens FILE

Start-up times count from the moment the parent started this process (interpreter start-up
included) to the end of the first complete paint of the window.
"""

from __future__ import annotations

import time

T0 = time.perf_counter()

import contextlib  # noqa: E402 - the clock starts before anything else
import io  # noqa: E402
import json  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
from pathlib import Path  # noqa: E402

from common import emit, seconds_since_spawn  # noqa: E402

BEFORE_T0 = seconds_since_spawn()


def since_spawn(moment: float) -> float:
    return BEFORE_T0 + (moment - T0)


def bare() -> dict:
    from PySide6.QtWidgets import QApplication, QMainWindow
    from qtwatch import PaintWatch

    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.setWindowTitle("bare")
    window.resize(1360, 880)
    watch = PaintWatch(window)
    window.show()
    done = watch.wait()
    result = {"first_paint_s": since_spawn(done)}
    window.close()
    app.processEvents()
    return result


def smoke(file: str | None) -> dict:
    from qtwatch import PaintWatch

    import pm_desktop.ui.main_window as main_window
    from pm_desktop.cli import main

    watches: list[PaintWatch] = []
    original_init = main_window.MainWindow.__init__

    def init(self, *args, **kwargs) -> None:
        original_init(self, *args, **kwargs)
        watches.append(PaintWatch(self))

    main_window.MainWindow.__init__ = init
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = main(["--smoke", file] if file else ["--smoke", "--demo"])
    report = json.loads(out.getvalue().strip().splitlines()[-1])
    watch = watches[0]
    moment = watch.done if watch.done is not None else watch.first
    return {"first_paint_s": since_spawn(moment), "exit": code, "smoke": report}


def open_file(file: str) -> dict:
    from PySide6.QtCore import QEventLoop
    from qtwatch import PaintWatch

    from pm_desktop.ui import app as app_mod
    from pm_desktop.ui import settings as settings_mod

    with tempfile.TemporaryDirectory(prefix="pm-bench-settings-") as tmp:
        with settings_mod.isolate(Path(tmp)):
            app = app_mod.create_application()
            from pm_desktop.ui.file_actions import QuietPrompts
            from pm_desktop.ui.main_window import MainWindow

            settings = settings_mod.Settings()
            app_mod.prepare_look(app, settings)
            prompts = QuietPrompts()
            window = MainWindow(settings, prompts=prompts)
            prompts.parent = window
            watch = PaintWatch(window)
            window.show()
            watch.wait()
            settle = time.perf_counter() + 0.3
            while time.perf_counter() < settle:
                app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
            watch.arm()
            started = time.perf_counter()
            opened = window.files.open_path(file)
            returned = time.perf_counter()
            done = watch.wait()
            result = {
                "open_to_paint_s": done - started,
                "open_call_s": returned - started,
                "opened": bool(opened),
                "errors": list(prompts.errors),
            }
            window.files.close_review()
            window.close()
            app.processEvents()
    return result


if __name__ == "__main__":
    mode = sys.argv[1]
    arg = sys.argv[2] if len(sys.argv) > 2 else None
    if mode == "bare":
        emit(bare())
    elif mode == "smoke":
        emit(smoke(arg))
    elif mode == "open":
        emit(open_file(arg or ""))
    else:
        raise SystemExit(f"unknown mode {mode!r}")
