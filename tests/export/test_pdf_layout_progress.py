"""Progress while pages are laid out moves with the pages, also through a long table (one
flowable that goes on for hundreds of pages), and never goes back."""

from __future__ import annotations

import io

from reportlab.platypus import Paragraph

from pm_desktop.export.pdf import doc, fonts, styles
from pm_desktop.export.pdf.rowtable import Row, RowTable
from pm_desktop.export.pdf.textbox import text_cell


def test_a_long_table_moves_the_progress_page_by_page(monkeypatch):
    monkeypatch.setattr(doc, "REPORT_EVERY", 0.0)  # every report, not one per 50 ms
    fonts.ensure_fonts()
    st = styles.make_styles()
    rows = [Row([text_cell(f"{i:05d}"), text_cell(f"row {i} " + "word " * (i % 9))]) for i in range(3000)]  # fmt: skip
    story = [
        Paragraph("Before the table", st.h1),
        RowTable([[text_cell("n"), text_cell("text")]], rows, [0.2, 0.8], max_row_height=300),
        Paragraph("After the table", st.body),
    ]
    seen: list[float] = []
    out = io.BytesIO()
    template = doc.ReviewDocTemplate(
        out, footer_title="Progress", label="Internal", span=(0.0, 1.0),
        progress=lambda fraction, _message: seen.append(fraction),
    )  # fmt: skip
    template.build_once(story)
    pages = out.getvalue().count(b"/Type /Page\n")
    assert pages > 40
    assert seen == sorted(seen)
    # the table is three flowables in all; its pages each move the bar on
    during = {round(f, 6) for f in seen if 0.0 < f < 0.99}
    assert len(during) >= pages - 2
    assert seen[-1] > 0.99
