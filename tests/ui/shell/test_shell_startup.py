"""Start-up: ``--smoke`` (a subprocess, as users run it), screenshots, and the PySide workaround."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QImage

from pm_desktop.ui.screenshots import parse_size, take_screenshots, wanted_themes
from pm_desktop.ui.settings import Settings


def _run_smoke(tmp_path, *args: str) -> subprocess.CompletedProcess:
    home = tmp_path / "home"
    home.mkdir(exist_ok=True)
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_DATA_HOME": str(home / ".local" / "share"),
    }
    return subprocess.run(
        [sys.executable, "-m", "pm_desktop", "--smoke", *args],
        capture_output=True,
        text=True,
        timeout=180,
        env=env,
        check=False,
    )


def test_smoke_demo_paints_once_and_reports_timings(tmp_path):
    result = _run_smoke(tmp_path, "--demo")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["painted"] is True and report["view"] == "review"
    for key in ("startup_s", "first_paint_s", "qapplication_s", "open_s"):
        assert isinstance(report[key], float) and report[key] >= 0
    assert report["first_paint_s"] >= report["startup_s"]
    # nothing was left behind in the user's folders
    assert not any((tmp_path / "home").rglob("*.pmreview"))
    assert not any((tmp_path / "home").rglob("*.ini"))


def test_smoke_with_a_bad_file_reports_it_and_fails(tmp_path):
    bad = tmp_path / "bad.pmreview"
    bad.write_text("not a review")
    result = _run_smoke(tmp_path, str(bad))
    assert result.returncode == 1
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["view"] == "welcome" and str(bad) in report["error"]
    assert "Traceback" not in result.stderr


def test_screenshots_cover_welcome_panels_and_presentation(tmp_path, isolated_settings):
    Settings().set_theme("dark")  # the user's choice must survive
    out = tmp_path / "shots"
    written = take_screenshots(None, demo=True, out=out, size="900x640", theme="light")
    names = sorted(p.name for p in written)
    from pm_desktop.ui.panels import PANEL_CLASSES

    keys = [cls.key for cls in PANEL_CLASSES]
    expected = ["light-welcome.png", "light-presentation.png"]
    expected += [f"light-{key}.png" for key in keys]
    expected += [f"light-presentation-{key}.png" for key in keys[1:]]
    expected += ["light-presentation-whys-all.png"]  # the whole tree, every why asked
    expected += ["light-presentation-unfolding.png"]  # the overview's second page
    expected += ["light-presend-check.png", "light-redacted-screenshot.png", "light-capture.png"]
    expected += [f"light-library-{page}.png" for page in ("reviews", "search", "followups", "trends")]
    expected += ["light-import-preview.png"]
    assert names == sorted(expected)
    for path in written:
        image = QImage(str(path))
        if path.name != "light-capture.png":  # the capture window keeps its own size
            assert (image.width(), image.height()) == (900, 640)
    assert Settings().theme() == "dark"
    assert Settings().recent_files() == []


def test_screenshots_of_a_brand_new_review(tmp_path, isolated_settings):
    out = tmp_path / "new"
    written = take_screenshots(None, demo=False, out=out, size="900x640", theme="light", new=True)
    from pm_desktop.ui.panels import PANEL_CLASSES

    expected = ["light-welcome.png", "light-new-capture.png"]
    expected += [f"light-new-{cls.key}.png" for cls in PANEL_CLASSES]
    assert sorted(p.name for p in written) == sorted(expected)
    assert all(not QImage(str(p)).isNull() for p in written)


def test_screenshot_arguments_are_checked():
    from pm_desktop.export import ExportError

    assert parse_size("1366x768") == (1366, 768)
    assert wanted_themes("all") == ("light", "dark", "high-contrast")
    with pytest.raises(ExportError, match="--size"):
        parse_size("huge")
    with pytest.raises(ExportError, match="--theme"):
        wanted_themes("sepia")


def test_the_installed_qt_bindings_keep_their_references(qapp):
    """PySide6 6.12.0 dropped a reference to True on every emit and to None on every void call,
    which aborts Python 3.11 after a few thousand calls; pyproject pins <6.12. This guards the pin."""
    from PySide6.QtWidgets import QWidget

    class Emitter(QObject):
        fired = Signal()

    emitter, widget = Emitter(), QWidget()
    true_before, none_before = sys.getrefcount(True), sys.getrefcount(None)
    for _ in range(200):
        emitter.fired.emit()
        widget.setMinimumWidth(5)
    assert sys.getrefcount(True) >= true_before - 5
    assert sys.getrefcount(None) >= none_before - 5


def test_the_window_paints_before_building_the_sections_not_on_screen(prompts, qtbot):
    """Start-up shows the first section at once; the others are imported and built right after
    the first paint, one per turn of the event loop, and the navigation knows them all."""
    from pm_desktop.ui.main_window import MainWindow
    from pm_desktop.ui.panels import PANEL_SPECS
    from pm_desktop.ui.settings import Settings

    window = MainWindow(Settings(), prompts=prompts)
    prompts.parent = window
    qtbot.addWidget(window)
    assert window.panel_keys == [(s.key, s.title) for s in PANEL_SPECS]
    assert all(slot.panel is None for slot in window._slots)
    window.files.open_example()
    assert sum(slot.panel is not None for slot in window._slots) == 1  # the section on screen
    window.show()
    qtbot.waitUntil(lambda: all(slot.panel is not None for slot in window._slots))
    assert [p.key for p in window.panels] == [s.key for s in PANEL_SPECS]
    assert [window.stack.widget(i) for i in range(window.stack.count())] == window.panels
    window.files.close_review()


def test_a_closed_window_stops_building_the_sections_it_no_longer_shows(prompts, qtbot):
    """Closing right after start-up (``--smoke`` does) ends the building of hidden sections;
    a section asked for afterwards is still built on demand."""
    from pm_desktop.ui.main_window import MainWindow
    from pm_desktop.ui.settings import Settings

    window = MainWindow(Settings(), prompts=prompts)
    prompts.parent = window
    qtbot.addWidget(window)
    window.files.open_example()
    window.show()
    qtbot.waitUntil(lambda: window._painted_once)
    window.close()
    built = sum(slot.panel is not None for slot in window._slots)
    assert built < len(window._slots)
    qtbot.wait(50)  # several turns of the event loop
    assert sum(slot.panel is not None for slot in window._slots) == built
    assert window.panel("whys") is not None  # on demand, as before
