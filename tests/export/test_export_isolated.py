"""PDF exports made in a separate process: same file, progress, cancel, one-line failures, and
the review as it was when the export started."""

from __future__ import annotations

import threading

import pytest
from pypdf import PdfReader

from pm_desktop.domain.edits import set_field
from pm_desktop.export import ExportCancelled, ExportError
from pm_desktop.export.isolated import run_isolated
from pm_desktop.store.document import Document, copy_snapshot


def _text(pdf) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(pdf).pages)


def test_the_example_is_exported_by_another_process_with_progress(example_document, tmp_path):
    out = tmp_path / "review.pdf"
    seen: list[tuple[float, str]] = []
    run_isolated("pdf", example_document.path, out, progress=lambda f, m: seen.append((f, m)))
    text = _text(out)
    assert example_document.review.meta.title.split()[0] in text
    assert "Page 1 of" in text
    fractions = [f for f, _ in seen]
    assert fractions == sorted(fractions) and fractions[-1] == 1.0
    assert any("Laying out pages" in m for _, m in seen)
    assert list(tmp_path.glob("*.part")) == []


def test_cancel_stops_the_process_and_leaves_no_file(example_document, tmp_path):
    out = tmp_path / "cancelled.pdf"
    asked = threading.Event()

    def progress(fraction: float, message: str) -> None:
        if "Laying out pages" in message:
            asked.set()

    with pytest.raises(ExportCancelled):
        run_isolated("pdf", example_document.path, out, progress=progress,
                     cancel_requested=asked.is_set)  # fmt: skip
    assert not out.exists()
    assert [p.name for p in tmp_path.iterdir() if p.suffix in (".pdf", ".part")] == []


def test_cancel_raised_by_the_progress_callback_is_honoured_too(example_document, tmp_path):
    def progress(fraction: float, message: str) -> None:
        if "Laying out pages" in message:
            raise ExportCancelled()

    with pytest.raises(ExportCancelled):
        run_isolated("pdf", example_document.path, tmp_path / "x.pdf", progress=progress)
    assert not (tmp_path / "x.pdf").exists()


def test_a_failure_in_the_process_comes_back_as_one_sentence(example_document, tmp_path):
    out = tmp_path / "no such folder" / "review.pdf"
    with pytest.raises(ExportError) as caught:
        run_isolated("pdf", example_document.path, out)
    message = str(caught.value)
    assert "no such folder" in message and "\n" not in message
    assert not out.parent.exists()


def test_an_unreadable_review_file_is_an_export_error(tmp_path):
    with pytest.raises(ExportError) as caught:
        run_isolated("pdf", tmp_path / "gone.pmreview", tmp_path / "out.pdf")
    assert "gone.pmreview" in str(caught.value) and "\n" not in str(caught.value)


def test_the_export_shows_the_review_as_it_was_when_the_copy_was_taken(example_document, tmp_path):
    copy = tmp_path / "snapshot.pmreview"
    copy_snapshot(example_document.path, copy)
    example_document.apply(set_field(example_document.review, "title", "Renamed afterwards"))
    with Document.open(copy, read_only=True) as snapshot:
        assert snapshot.review.meta.title != "Renamed afterwards"
        assert snapshot.review.events == example_document.review.events
        assert snapshot.review.blobs == example_document.review.blobs


def test_a_snapshot_copy_waits_for_no_one_and_blocks_no_one(example_document, tmp_path):
    # the writer can commit right after the copy: the copy released its read lock
    copy_snapshot(example_document.path, tmp_path / "a.pmreview")
    example_document.apply(set_field(example_document.review, "summary", "after the copy"))
    with Document.open(example_document.path, read_only=True) as again:
        assert again.review.meta.summary == "after the copy"
