"""Child process: what a user feels in the main window with the large review open.

    ui_child.py FILE EDITS

- ``panels``: showing each panel for the first time, until it has painted;
- ``edits``: EDITS edits pushed through the DocumentController with the timeline showing, each
  until the event queue is empty again (the visible panel has repainted);
- ``zone``: switching the display zone with the timeline showing, until the table has repainted;
  baseline: repainting the same table without a change;
- ``whys``: building the 5-whys scene of the review's why nodes on a fresh scene; baseline: the
  tidy layout of the same boxes alone.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from common import emit
from dataset import scratch_copy

ZONES = ("Asia/Kolkata", "America/Los_Angeles", "Europe/Berlin", "UTC", "Australia/Sydney")


def main(file: Path, count: int) -> dict:
    from PySide6.QtCore import QEventLoop
    from PySide6.QtWidgets import QApplication

    from pm_desktop.ui import app as app_mod
    from pm_desktop.ui import settings as settings_mod

    out: dict = {}
    with tempfile.TemporaryDirectory(prefix="pm-bench-ui-") as tmp, scratch_copy(file) as copy:
        with settings_mod.isolate(Path(tmp)):
            app = app_mod.create_application()
            from pm_desktop.ui.file_actions import QuietPrompts
            from pm_desktop.ui.main_window import MainWindow

            settings = settings_mod.Settings()
            app_mod.prepare_look(app, settings)
            window = MainWindow(settings, prompts=QuietPrompts())
            window.resize(1400, 900)
            window.show()
            if not window.files.open_path(str(copy)):
                raise SystemExit(f"{copy}: could not be opened")
            settle(app, idle_for=0.5)

            out["panels"] = first_show(app, window)
            out["edits"] = controller_edits(app, window, count)
            out["zone"], out["zone_baseline"] = zone_switch(app, window)
            out["whys"], out["whys_baseline"], out["whys_nodes"] = whys_scene(window)
            window.files.close_review()
            window.close()
            QApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
    return out


def settle(app, seconds: float = 0.3, idle_for: float = 0.0, limit: float = 60.0) -> None:
    """Run the event loop for ``seconds``; with ``idle_for``, go on until no turn of the loop
    took more than 2 ms for that long (background work such as the coach's first full pass,
    which runs in slices, is finished) or ``limit`` seconds have passed."""
    from PySide6.QtCore import QEventLoop

    started = time.perf_counter()
    quiet_since = started
    while True:
        turn = time.perf_counter()
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
        now = time.perf_counter()
        if now - turn > 0.002:
            quiet_since = now
        elif now - started >= seconds and now - quiet_since >= idle_for:
            return
        if now - started > limit:
            return
        if now - turn < 0.001:
            time.sleep(0.002)


def first_show(app, window) -> dict[str, float]:
    from qtwatch import PaintWatch

    shown: dict[str, float] = {}
    for panel in list(window.panels)[1:] + list(window.panels)[:1]:
        watch = PaintWatch(window)
        started = time.perf_counter()
        window.show_panel(panel.key)
        window.update()
        shown[panel.key] = watch.wait() - started
        settle(app, 0.1)
    return shown


def controller_edits(app, window, count: int) -> dict[str, list[float]]:
    from edit_mix import edits

    window.show_panel("timeline")
    settle(app, idle_for=0.5)
    controller = window.controller
    by_kind: dict[str, list[float]] = {}
    for kind, edit in edits(controller.review, count):
        started = time.perf_counter()
        if not controller.push(edit):
            raise SystemExit(f"edit refused: {kind}")
        app.processEvents()
        by_kind.setdefault(kind, []).append(time.perf_counter() - started)
    return by_kind


def zone_switch(app, window) -> tuple[list[float], list[float]]:
    from qtwatch import PaintWatch

    window.show_panel("timeline")
    settle(app)
    panel = window.panel("timeline")
    viewport = panel.table.viewport()
    watch = PaintWatch(viewport)
    switches, repaints = [], []
    for zone in ZONES * 2:
        watch.arm()
        started = time.perf_counter()
        panel.set_display_zone(zone)
        switches.append(watch.wait() - started)
        settle(app, 0.05)
        watch.arm()
        started = time.perf_counter()
        viewport.update()
        repaints.append(watch.wait() - started)
        settle(app, 0.05)
    return switches, repaints


def whys_scene(window) -> tuple[list[float], list[float], int]:
    from pm_desktop.domain.tree_layout import LayoutNode, layout_forest
    from pm_desktop.ui.whys.look import make_look
    from pm_desktop.ui.whys.scene import WhyScene

    review = window.controller.review
    panel = window.panel("whys")
    builds, layouts = [], []
    nodes = 0
    for _ in range(5):
        scene = WhyScene(make_look(panel.palette(), panel.font()))
        started = time.perf_counter()
        scene.sync(review)
        builds.append(time.perf_counter() - started)
        boxes = [scene.box(i) for i in scene.node_ids()]
        nodes = len(boxes)
        layout_input = [
            LayoutNode(i, review.whys[i].parent_id, b.width(), b.height(), n)
            for n, (i, b) in enumerate(zip(scene.node_ids(), boxes, strict=True))
        ]
        started = time.perf_counter()
        layout_forest(layout_input)
        layouts.append(time.perf_counter() - started)
        scene.deleteLater()
    return builds, layouts, nodes


if __name__ == "__main__":
    emit(main(Path(sys.argv[1]), int(sys.argv[2])))
