"""Exports run in a worker thread, can be cancelled, and report failures in one line."""

from __future__ import annotations

import json

from pm_desktop.domain.edits import set_field
from pm_desktop.ui.export_worker import ExportTask, format_available


def test_json_export_runs_in_the_background_on_a_snapshot(window, prompts, qtbot, tmp_path):
    window.files.open_example()
    c = window.controller
    out = tmp_path / "out.json"
    prompts.save_answers.append(str(out))
    runner = window.files.exports
    with qtbot.wait_signal(runner.finished, timeout=20000) as blocker:
        window.menus.export_actions["json"].trigger()
        assert runner.busy
        # editing while the export runs is fine: the worker has its own snapshot
        c.push(set_field(c.review, "title", "Changed during export"))
    assert blocker.args == [str(out)]
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["format"] == "pm-desktop-review"
    assert data["review"]["title"] == "Card payments failing during the morning peak"
    assert any(e.get("data_base64") for e in data["evidence"])  # images read in the worker
    qtbot.waitUntil(lambda: not runner.busy)
    assert "Exported to" in window.statusBar().currentMessage()


def test_an_export_that_cannot_be_written_says_why(window, prompts, qtbot, tmp_path):
    window.files.open_example()
    prompts.save_answers.append(str(tmp_path / "no such folder" / "out.json"))
    with qtbot.wait_signal(window.files.exports.failed, timeout=20000):
        window.files.export("json")
    qtbot.waitUntil(lambda: len(prompts.errors) == 1)
    assert "no such folder" in prompts.errors[0] and "\n" not in prompts.errors[0]
    assert not (tmp_path / "no such folder").exists()


def test_the_review_file_itself_is_never_an_export_target(window, prompts, review_file):
    window.open_path(review_file)
    prompts.save_answers.append(str(review_file))
    assert not window.files.export("json")
    assert "is the review itself" in prompts.errors[0]


def test_another_review_is_never_an_export_target(window, prompts, review_file, tmp_path):
    from pm_desktop.store.document import Document

    other = tmp_path / "colleague.pmreview"
    Document.create(other).close()
    before = other.read_bytes()
    window.open_path(review_file)
    prompts.save_answers.append(str(other))
    assert not window.files.export("csv")
    assert "is a review" in prompts.errors[0]
    assert other.read_bytes() == before


def test_cancel_stops_the_export_and_leaves_no_file(example_document, qtbot, tmp_path):
    out = tmp_path / "cancelled.json"
    task = ExportTask("json", example_document.snapshot(), example_document.blob_reader, out)
    task.cancel()
    with qtbot.wait_signal(task.cancelled):
        task.run()
    assert not out.exists()
    assert list(tmp_path.glob("*.part")) == []


def test_cancel_requested_mid_way_is_honoured_at_the_next_progress_report(
    example_document, qtbot, tmp_path, monkeypatch
):
    from pm_desktop.export import atomic_output
    from pm_desktop.ui import export_worker

    def slow_exporter(fmt, job):
        with atomic_output(job.out, "w", encoding="utf-8") as fh:
            for page in range(10):
                job.progress(page / 10, f"Page {page + 1}")
                fh.write(f"page {page}\n")

    monkeypatch.setattr(export_worker, "run_export", slow_exporter)
    out = tmp_path / "exports" / "half.txt"
    out.parent.mkdir()
    task = ExportTask("pdf", example_document.snapshot(), example_document.blob_reader, out)
    seen = []

    def on_progress(percent: int, message: str) -> None:
        seen.append(message)
        if len(seen) == 3:
            task.cancel()

    task.progressed.connect(on_progress)
    with qtbot.wait_signal(task.cancelled):
        task.run()
    assert seen == ["Page 1", "Page 2", "Page 3"]
    assert not out.exists()
    assert list(out.parent.iterdir()) == []  # no half-written file either


def test_a_format_this_build_lacks_is_disabled_not_broken(window):
    window.files.open_example()
    for fmt, action in window.menus.export_actions.items():
        assert action.isEnabled() == format_available(fmt)
    assert format_available("json")
    assert not format_available("odt")


def test_a_finished_export_offers_open_and_show_in_folder(
    window, prompts, qtbot, tmp_path, monkeypatch
):
    from PySide6.QtGui import QDesktopServices

    opened: list[str] = []
    monkeypatch.setattr(
        QDesktopServices,
        "openUrl",
        staticmethod(lambda url: opened.append(url.toLocalFile()) or True),
    )
    window.files.open_example()
    out = tmp_path / "review.json"
    prompts.save_answers.append(str(out))
    with qtbot.wait_signal(window.files.exports.finished, timeout=20000):
        window.files.export("json")
    notice = window.export_notice
    qtbot.waitUntil(lambda: notice.isVisibleTo(window))
    assert notice.label.text() == "Exported review.json"
    notice.open_button.click()
    notice.folder_button.click()
    assert opened == [str(out.resolve()), str(tmp_path.resolve())]


def test_only_a_regular_exported_file_is_ever_opened(tmp_path, monkeypatch):
    from PySide6.QtGui import QDesktopServices

    from pm_desktop.ui.export_notice import open_exported, openable_export, show_folder

    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(lambda url: True))
    program = tmp_path / "report.pdf.sh"
    program.write_text("echo hi")
    link = tmp_path / "link.pdf"
    link.symlink_to(program)
    folder = tmp_path / "folder.pdf"
    folder.mkdir()
    for refused in (program, link, folder, tmp_path / "missing.pdf"):
        assert openable_export(refused) is None
        assert not open_exported(refused) and not show_folder(refused)
    good = tmp_path / "report.pdf"
    good.write_bytes(b"%PDF-1.7")
    assert openable_export(good) == good and open_exported(good)


def test_follow_ups_export_for_the_tracker_chosen_and_the_choice_is_remembered(
    window, prompts, qtbot, tmp_path
):
    import csv

    window.files.open_example()
    prompts.tracker = "github"
    prompts.save_answers.append(str(tmp_path / "cards.csv"))
    with qtbot.wait_signal(window.files.exports.finished, timeout=20000):
        assert window.files.export("csv")
    with open(tmp_path / "cards.csv", encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    review = window.controller.review
    assert len(rows) == len(review.followups)
    assert rows[0]["external_id"].startswith("PM-" + review.meta.review_id[:8].upper() + "-")
    # The next time the dialog starts on the tracker chosen last.
    qtbot.waitUntil(lambda: not window.files.exports.busy)
    prompts.tracker = None
    assert not window.files.export("csv")
    assert prompts.asked_tracker == ["jira", "github"]
    assert not (tmp_path / "cards2.csv").exists()
