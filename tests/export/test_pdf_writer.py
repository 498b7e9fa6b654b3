"""The PDF is written to its file object by object: the same bytes as reportlab's own writer,
for the example review and for a document with pictures, forms, links and an outline."""

from __future__ import annotations

import io

import pytest
from reportlab import rl_config
from reportlab.pdfgen.canvas import Canvas

from pm_desktop.export.pdf import build_pdf, writer
from pm_desktop.export.pdf.doc import PageCanvas
from pm_desktop.ingest.builtin import load_example


@pytest.fixture
def invariant(monkeypatch):
    """No dates or random ids in the files, so two writes can be compared byte for byte."""
    monkeypatch.setattr(rl_config, "invariant", 1)


def _pdf(monkeypatch, writer_of_the_file: str) -> bytes:
    ours = PageCanvas.save

    def save(self):
        if writer_of_the_file == "ours":
            return ours(self)
        finish, self.finish = self.finish, None
        finish(self)  # the forms, as ours does before writing
        return Canvas.save(self)  # reportlab's: the whole file as one string

    with monkeypatch.context() as patched:
        patched.setattr(PageCanvas, "save", save)
        out = io.BytesIO()
        example = load_example()
        build_pdf(example.review, example.blobs.__getitem__, out)
    return out.getvalue()


def test_the_example_is_written_with_the_same_bytes_as_reportlab_writes(invariant, monkeypatch):
    streamed = _pdf(monkeypatch, "ours")
    assert streamed.startswith(b"%PDF-") and b"/Image" in streamed and b"/Outlines" in streamed
    assert streamed == _pdf(monkeypatch, "reportlab")


def test_a_document_is_written_once():
    canvas = Canvas(io.BytesIO())
    canvas.drawString(72, 72, "one page")
    canvas.showPage()
    writer.save(canvas, io.BytesIO())
    with pytest.raises(RuntimeError):
        writer.save(canvas, io.BytesIO())
