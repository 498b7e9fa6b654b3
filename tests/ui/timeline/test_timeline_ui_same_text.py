"""The table on screen, the PDF and Markdown print the same time for the same event, under the
one seconds rule: seconds everywhere as soon as one event has them, nowhere otherwise."""

from __future__ import annotations

import io

from pypdf import PdfReader
from timeline_helpers import event_id, shown

from pm_desktop.domain.edits import update
from pm_desktop.export import ExportJob, run_export
from pm_desktop.export.markdown import esc
from pm_desktop.export.pdf import build_pdf
from pm_desktop.ui.timeline.model import TimelineModel


def _exports(controller, tmp_path) -> tuple[str, str]:
    review = controller.review
    blobs = controller.document.read_blob
    out = tmp_path / "review.md"
    run_export("md", ExportJob(review, blobs, out, images=False))
    pdf = io.BytesIO()
    build_pdf(review, blobs, pdf)
    reader = PdfReader(io.BytesIO(pdf.getvalue()))
    text = " ".join(" ".join((p.extract_text() or "").split()) for p in reader.pages)
    return out.read_text(encoding="utf-8"), text


def _clocks(model) -> dict[str, tuple[str, str]]:
    """Event id → (the time cell as the table shows it, the text its editor starts with)."""
    out = {}
    for row, text in enumerate(shown(model, "time")):
        event = model.review.events[model.event_id(row)]
        if event.time is not None:
            out[event.id] = (text, model.shown_time(event).full)
    return out


def test_one_event_with_seconds_gives_every_view_seconds(qtbot, controller, tmp_path):
    model = TimelineModel(controller)
    eid = event_id(controller.review, "Rollback plan")
    assert all(len(text) == 5 for text, _full in _clocks(model).values())  # 09:15

    controller.push(update(controller.review.events[eid], time="2025-03-12T10:30:45Z"))
    clocks = _clocks(model)
    assert clocks[eid][0] == "10:30:45"
    assert all(len(text) == 8 for text, _full in clocks.values())  # 09:15:00
    markdown, pdf = _exports(controller, tmp_path)
    for text, full in clocks.values():
        # one day: Markdown writes the date with the clock, as the table's editor does
        assert f"| {esc(full)} |" in markdown
        assert text in pdf
    assert "09:02:00" in pdf and "| 2025-03-12 09:02:00 |" in markdown


def test_without_seconds_table_pdf_and_markdown_agree_on_minutes(qtbot, controller, tmp_path):
    model = TimelineModel(controller)
    eid = event_id(controller.review, "Rollback plan")
    controller.push(update(controller.review.events[eid], time="2025-03-13T00:20:00Z"))
    clocks = _clocks(model)
    markdown, pdf = _exports(controller, tmp_path)
    for text, _full in clocks.values():
        # several days: clocks alone, under day bands
        assert f"| {esc(text)} |" in markdown
        assert text in pdf
    assert clocks[eid][0] == "00:20"
    assert "Thursday 13 March 2025" in pdf and "**Thursday 13 March 2025**" in markdown


def test_undoing_the_only_seconds_brings_minutes_back(qtbot, controller):
    model = TimelineModel(controller)
    eid = event_id(controller.review, "Rollback plan")
    controller.push(update(controller.review.events[eid], time="2025-03-12T10:30:45Z"))
    assert shown(model, "time")[model.row_of(eid)] == "10:30:45"
    controller.undo_stack.undo()
    assert shown(model, "time")[model.row_of(eid)] == "10:30"
    assert all(len(text) == 5 for text in shown(model, "time"))
