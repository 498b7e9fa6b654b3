"""A PDF export of a saved review runs in a separate process: the window's thread only waits,
edits made meanwhile do not reach the file, and Cancel leaves nothing behind."""

from __future__ import annotations

from pypdf import PdfReader

from pm_desktop.domain.edits import set_field
from pm_desktop.ui.export_worker import ExportRunner


def test_pdf_export_in_a_process_shows_the_review_as_it_was(qtbot, controller, tmp_path):
    doc = controller.document
    out = tmp_path / "review.pdf"
    runner = ExportRunner()
    progress: list[str] = []
    with qtbot.wait_signal(runner.finished, timeout=60000) as done:
        task = runner.start(
            "pdf", doc.snapshot(), doc.blob_reader, out, show_progress=False, source=doc.path
        )
        task.progressed.connect(lambda _p, message: progress.append(message))
        qtbot.wait(300)  # the copy is taken as the export starts
        controller.push(set_field(controller.review, "title", "Renamed during the export"))
    assert done.args == [str(out)]
    text = "\n".join(page.extract_text() for page in PdfReader(out).pages)
    assert "Renamed during the export" not in text
    qtbot.waitUntil(lambda: not runner.busy)
    assert any("Laying out pages" in m for m in progress)


def test_cancelling_a_process_export_leaves_no_file(qtbot, controller, tmp_path):
    doc = controller.document
    out = tmp_path / "cancelled.pdf"
    runner = ExportRunner()
    with qtbot.wait_signal(runner.cancelled, timeout=60000):
        task = runner.start(
            "pdf", doc.snapshot(), doc.blob_reader, out, show_progress=False, source=doc.path
        )
        # cancel once the process is laying out pages, not before it started
        task.progressed.connect(lambda _p, message: "Laying out" in message and task.cancel())
    qtbot.waitUntil(lambda: not runner.busy)
    assert not out.exists()
    assert not [p for p in tmp_path.iterdir() if p.suffix in (".pdf", ".part")]


def test_a_failing_process_export_reports_one_line(qtbot, controller, tmp_path):
    doc = controller.document
    runner = ExportRunner()
    with qtbot.wait_signal(runner.failed, timeout=60000) as failed:
        runner.start(
            "pdf", doc.snapshot(), doc.blob_reader, tmp_path / "missing" / "x.pdf",
            show_progress=False, source=doc.path,
        )  # fmt: skip
    assert "missing" in failed.args[0] and "\n" not in failed.args[0]
    qtbot.waitUntil(lambda: not runner.busy)
