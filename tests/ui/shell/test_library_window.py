"""File ▸ Library: folders scanned off the UI thread, a sortable and filterable list, search
hits that open the review at the item, follow-ups of every review, trend charts."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "library"))

from library_gen import review_for, write_file  # noqa: E402

from pm_desktop.domain.recurrence import services_of  # noqa: E402


@pytest.fixture
def team_folder(tmp_path) -> Path:
    folder = tmp_path / "team-reviews"
    folder.mkdir()
    for i in range(12):
        write_file(folder / f"incident-{i:04d}.pmreview", review_for(i))
    (folder / "scrap.pmreview").write_text("not a review")
    return folder


def _scanned(qtbot, library, folder):
    with qtbot.wait_signal(library.runner.finished, timeout=30000):
        library.add_folders([str(folder)])
    qtbot.wait_until(lambda: not library.runner.busy, timeout=5000)


def test_ctrl_l_opens_the_library_and_a_scan_fills_every_page(
    window, qtbot, team_folder, qtmodeltester
):
    window.show()
    qtbot.waitActive(window)
    assert window.menus.library_action.shortcut().toString() == "Ctrl+L"
    window.menus.library_action.trigger()
    library = window._library_window
    assert library.isVisible()
    _scanned(qtbot, library, team_folder)
    assert library.model.rowCount() == 12
    assert library.problems.count() == 1 and "scrap.pmreview" in library.problems.item(0).text()
    qtmodeltester.check(library.model)
    qtmodeltester.check(library.followups_page.model)

    # Sorted by date, newest first; filters narrow the list.
    dates = [library.proxy.index(r, 0).data() for r in range(library.proxy.rowCount())]
    assert dates == sorted(dates, reverse=True)
    library.severity_filter.setCurrentIndex(library.severity_filter.findData("SEV1"))
    assert library.proxy.rowCount() == 3  # reviews 0, 4 and 8
    library.severity_filter.setCurrentIndex(0)
    library.filter_box.setText("ledger-db")
    assert library.proxy.rowCount() == len(
        [i for i in range(12) if "ledger-db" in services_of(review_for(i).meta.affected_services)]
    )

    # Follow-ups of every review, open ones by default.
    opened = library.followups_page.model.rows
    assert opened and all(e.is_open for e in opened)
    library.followups_page.open_only.setChecked(False)
    assert len(library.followups_page.model.rows) == sum(2 + i % 4 for i in range(12))

    # Trends: the charts get every dated month.
    assert library.trends_page.trends is not None and library.trends_page.trends.periods
    assert library.trends_page.metric_chart.values
    library.trends_page.metric_chart.grab()
    library.trends_page.counts_chart.grab()


def test_a_search_hit_opens_the_review_at_that_item(window, qtbot, team_folder):
    window.show()
    library = window.show_library() or window._library_window
    _scanned(qtbot, library, team_folder)
    library.focus_search()
    library.search_page.box.setText("kraken-queue")
    library.search_page.run()
    assert [h.item_id for h in library.search_page.hits] == ["v3-0"]
    item = library.search_page.results.item(0)
    library.search_page.results.itemActivated.emit(item)
    assert window.controller.document is not None
    assert window.controller.document.path.name == "incident-0003.pmreview"
    assert window.current_panel().key == "evidence"


def test_a_follow_up_opens_its_review_on_the_board(window, qtbot, team_folder):
    window.show()
    window.show_library()
    library = window._library_window
    _scanned(qtbot, library, team_folder)
    page = library.followups_page
    index = page.proxy.index(0, 0)
    entry = page.model.rows[page.proxy.mapToSource(index).row()]
    page.table.doubleClicked.emit(index)
    assert window.controller.document.path == Path(entry.path)
    assert window.current_panel().key == "board"


def test_a_cancelled_scan_stops_between_files_and_keeps_files_untouched(window, qtbot, team_folder):
    import threading

    from pm_desktop.ui.library.worker import _ScanTask

    before = {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in team_folder.iterdir()}
    window.show_library()
    library = window._library_window
    library.library.add_folders([str(team_folder)])
    stop = threading.Event()
    task = _ScanTask(library.index_path, stop)
    reports = []
    task.succeeded.connect(reports.append)
    task.progressed.connect(lambda done, total, path: stop.set() if done == 4 else None)
    task.run()  # on this thread: the same code the worker thread runs
    assert reports[0].cancelled and reports[0].read == 5
    library.refresh()
    assert library.model.rowCount() == 5
    assert library.cancel_button.isHidden()
    with qtbot.wait_signal(library.runner.finished, timeout=30000):
        library.scan()
    assert library.cancel_button.isVisible() is False
    qtbot.wait_until(lambda: library.model.rowCount() == 12, timeout=5000)
    after = {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in team_folder.iterdir()}
    assert after == before


def test_showing_the_library_again_rescans_its_folders(window, qtbot, team_folder):
    window.show_library()
    library = window._library_window
    _scanned(qtbot, library, team_folder)
    write_file(team_folder / "incident-0099.pmreview", review_for(99))
    with qtbot.wait_signal(library.runner.finished, timeout=30000) as blocker:
        window.show_library()
    assert blocker.args[0].read == 1
    qtbot.wait_until(lambda: library.model.rowCount() == 13, timeout=5000)
