"""What makes big PDFs cheaper changes nothing in the file: the canvas compresses each page when
it ends (same bytes as compressing at the end), and the document is laid out once (the numbers
known only at the end are forms written then)."""

from __future__ import annotations

import io

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph, SimpleDocTemplate

from pm_desktop.export.pdf import fonts, styles
from pm_desktop.export.pdf.doc import PageCanvas, ReviewDocTemplate
from pm_desktop.export.pdf.rowtable import Row, RowTable
from pm_desktop.export.pdf.textbox import text_cell


def _story() -> list:
    st = styles.make_styles()
    rows = [
        Row([text_cell(f"{i:05d}"), text_cell(f"row {i} " + "word " * (i % 9))]) for i in range(900)
    ]
    return [
        Paragraph("A heading with <b>bold</b> and Кириллица", st.h1),
        RowTable([[text_cell("n"), text_cell("text")]], rows, [0.2, 0.8], max_row_height=300),
    ]  # fmt: skip


def _build(canvasmaker) -> bytes:
    fonts.ensure_fonts()
    out = io.BytesIO()
    doc = SimpleDocTemplate(out, invariant=1)  # no dates or random ids in the file
    doc.build(_story(), canvasmaker=canvasmaker)
    return out.getvalue()


def test_compressing_each_page_as_it_ends_writes_the_same_bytes():
    assert _build(PageCanvas) == _build(Canvas)


def test_the_review_is_laid_out_once_and_its_numbers_are_filled_in_at_the_end(monkeypatch):
    from pypdf import PdfReader

    from pm_desktop.export.pdf import build_pdf
    from pm_desktop.ingest.builtin import load_example

    passes: list[int] = []
    build = ReviewDocTemplate.build

    def counting(self, *args, **kwargs):
        passes.append(1)
        return build(self, *args, **kwargs)

    monkeypatch.setattr(ReviewDocTemplate, "build", counting)
    example = load_example()
    out = io.BytesIO()
    build_pdf(example.review, example.blobs.__getitem__, out)
    assert len(passes) == 1
    pages = PdfReader(io.BytesIO(out.getvalue())).pages
    assert all(f"Page {i + 1} of {len(pages)}" in p.extract_text() for i, p in enumerate(pages))


def test_a_long_table_keeps_every_row_once_and_in_order_across_pages():
    from pypdf import PdfReader

    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(_build(PageCanvas))).pages)
    numbers = [int(w) for w in text.split() if len(w) == 5 and w.isdigit()]
    assert numbers == list(range(900))
