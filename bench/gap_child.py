"""Child process: does the window stay responsive while the GUI exports a PDF?

    gap_child.py FILE OUT [thread]

Opens FILE in the main window, then starts the PDF export the way File ▸ Export ▸ PDF does
(``FileActions.export``, progress dialog included) while a 10 ms timer ticks on the UI thread.
With ``thread``, the exporter runs in the worker thread itself, as it did before exports moved to
a separate process (kept to reproduce the "before" numbers in docs/performance.md). The longest gap between two ticks is the longest time the window could
not repaint or react. Baseline: the same timer for two seconds with no export running.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from common import emit
from dataset import scratch_copy


def main(file: Path, out: Path, in_thread: bool) -> dict:
    from PySide6.QtCore import QEventLoop
    from qtwatch import TickWatch
    from ui_child import settle

    from pm_desktop.ui import app as app_mod
    from pm_desktop.ui import settings as settings_mod

    with tempfile.TemporaryDirectory(prefix="pm-bench-gap-") as tmp, scratch_copy(file) as copy:
        with settings_mod.isolate(Path(tmp)):
            app = app_mod.create_application()
            from pm_desktop.ui.file_actions import QuietPrompts
            from pm_desktop.ui.main_window import MainWindow

            class Answers(QuietPrompts):
                def save_file(self, caption: str, suggested: str, file_filter: str) -> str:
                    return str(out)

                def export_profile(self) -> str:
                    return "internal"

            settings = settings_mod.Settings()
            app_mod.prepare_look(app, settings)
            window = MainWindow(settings, prompts=Answers())
            window.show()
            if not window.files.open_path(str(copy)):
                raise SystemExit(f"{copy}: could not be opened")
            settle(app, idle_for=0.5)

            ticks = TickWatch()
            ticks.start()
            until = time.perf_counter() + 2.0
            while time.perf_counter() < until:
                app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 50)
            idle = ticks.stop()

            doc = window.controller.document
            runner = window.files.exports
            outcome: dict[str, str] = {}
            runner.finished.connect(lambda path: outcome.setdefault("ok", path))
            runner.failed.connect(lambda message: outcome.setdefault("failed", message))
            runner.cancelled.connect(lambda: outcome.setdefault("cancelled", ""))
            ticks.start()
            started = time.perf_counter()
            if in_thread:
                runner.start("pdf", doc.snapshot(), doc.blob_reader, out, "internal")
            elif not window.files.export("pdf"):
                raise SystemExit("the export did not start")
            while runner.busy:
                app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 50)
            took = time.perf_counter() - started
            gaps = ticks.stop()
            window.files.close_review()
            window.close()
            app.processEvents()
    if "ok" not in outcome:
        raise SystemExit(f"the export did not finish: {outcome}")
    return {
        "gaps": sorted(gaps, reverse=True)[:50],
        "ticks": len(gaps),
        "over_100ms": sum(1 for g in gaps if g > 0.1),
        "idle_gaps": sorted(idle, reverse=True)[:10],
        "export_s": took,
        "bytes": out.stat().st_size,
    }


if __name__ == "__main__":
    emit(main(Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3:] == ["thread"]))
