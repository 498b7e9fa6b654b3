"""Word export: real headings, real tables and pictures in the PDF's order; hostile text kept as
text with the characters XML cannot hold taken out; the customer version as strict as the PDF."""

from __future__ import annotations

import dataclasses
import re
import shutil
import subprocess
import zipfile

import pytest
from test_pdf_hostile import HOSTILE, hostile_review
from test_pdf_profiles import EVIDENCE_TITLES, name_parts

from pm_desktop.domain.model import Review, ReviewMeta
from pm_desktop.export import ExportJob, run_export
from pm_desktop.export.trackers import external_key
from pm_desktop.ingest.builtin import load_example

docx = pytest.importorskip("docx")

SECTIONS = ["Summary and impact", "Timeline", "Evidence", "Five whys", "Follow-ups", "Lessons"]


def export(tmp_path, review, blobs, **kw):
    out = tmp_path / "review.docx"
    run_export("docx", ExportJob(review, blobs.__getitem__, out, **kw))
    return out, docx.Document(out)


def all_text(document) -> str:
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts += [c.text for row in table.rows for c in row.cells]
    return " ".join(" ".join(parts).split())


@pytest.fixture(scope="module")
def shipped():
    return load_example()


def test_example_has_word_headings_tables_and_pictures_in_the_pdfs_order(tmp_path, shipped):
    out, document = export(tmp_path, shipped.review, shipped.blobs)
    level2 = [p.text for p in document.paragraphs if p.style.name == "Heading 2"]
    assert [s for s in level2 if s in SECTIONS] == SECTIONS
    assert document.paragraphs[0].style.name == "Heading 1"
    headers = [t.rows[0].cells[0].text for t in document.tables]
    assert any(h.startswith("Time (") for h in headers) and "Key" in headers
    board = next(t for t in document.tables if t.rows[0].cells[0].text == "Key")
    keys = [row.cells[0].text for row in board.rows[1:]]
    assert keys == [external_key(c, shipped.review) for c in shipped.review.sorted_followups()]
    shots = [e for e in shipped.review.evidence.values() if e.kind == "image"]
    trees = shipped.review.why_roots()
    assert len(document.inline_shapes) == len(shots) + len(trees) + 1  # and the timeline chart
    chart = next(
        i
        for i, p in enumerate(document.paragraphs)
        if p.text == "Timeline" and p.style.name == "Heading 2"
    )
    assert document.paragraphs[chart + 1]._p.xpath(".//pic:pic")  # the chart under its heading
    tree = next(i for i, p in enumerate(document.paragraphs) if p.text.startswith("Tree 1: "))
    assert document.paragraphs[tree + 1]._p.xpath(".//pic:pic")  # the drawing under its heading
    assert [p.name for p in tmp_path.iterdir()] == ["review.docx"]
    with zipfile.ZipFile(out) as z:
        assert z.testzip() is None


def test_hostile_text_survives_as_text(tmp_path):
    review, blobs = hostile_review()
    review.events["e0"] = dataclasses.replace(
        review.events["e0"], text="bell\x07 and \x1b[31mred\ufffe end"
    )
    out, document = export(tmp_path, review, blobs)
    text = all_text(document)
    for piece in HOSTILE:
        assert piece in text, piece
    assert "bell and [31mred end" in text
    with zipfile.ZipFile(out) as z:
        body = z.read("word/document.xml").decode("utf-8")
        rels = z.read("word/_rels/document.xml.rels").decode("utf-8")
    assert "<img src" not in body and "<font" not in body
    assert "javascript:" not in rels and "file:" not in rels
    # the screenshots, the tree and the timeline chart
    assert len(document.inline_shapes) == 2 + len(review.why_roots()) + 1


def test_an_empty_review_is_a_whole_document(tmp_path):
    _out, document = export(tmp_path, Review(meta=ReviewMeta()), {})
    text = all_text(document)
    assert "No events recorded yet." in text and "No follow-ups yet." in text


def test_external_word_has_no_names_evidence_or_links(tmp_path, shipped):
    out, document = export(tmp_path, shipped.review, shipped.blobs, profile="external")
    text = all_text(document)
    for part in name_parts(shipped.review):
        assert not re.search(rf"(?<!\w){re.escape(part)}(?!\w)", text), part
    for title in EVIDENCE_TITLES:
        assert title not in text
    assert "http" not in text and "example-corp" not in text
    assert len(document.inline_shapes) == 1  # the customer version's timeline chart only
    with zipfile.ZipFile(out) as z:
        assert "hyperlink" not in z.read("word/_rels/document.xml.rels").decode("utf-8")
        props = z.read("docProps/core.xml").decode("utf-8")
    assert not any(part in props for part in name_parts(shipped.review))


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_converts_it_without_errors(tmp_path, shipped):
    out, _document = export(tmp_path, shipped.review, shipped.blobs)
    done = subprocess.run(
        ["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(out)],
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "review.pdf").stat().st_size > 0


def test_table_columns_share_the_width_by_what_they_hold(tmp_path, shipped):
    """Without widths, Word and LibreOffice give every column the same width and the timeline's
    text wraps after two words; the widest column is the one with the most text, and no column
    is narrower than its longest word needs."""
    _out, document = export(tmp_path, shipped.review, shipped.blobs)
    timeline = next(t for t in document.tables if t.rows[0].cells[0].text.startswith("Time ("))
    widths = [column.width for column in timeline.columns]
    header = [cell.text for cell in timeline.rows[0].cells]
    assert widths.index(max(widths)) == header.index("What happened")
    board = next(t for t in document.tables if t.rows[0].cells[0].text == "Key")
    key_width, status_width = board.columns[0].width, board.columns[2].width
    assert key_width > status_width > 0
    for table in (timeline, board):
        assert not table.autofit
        assert sum(c.width for c in table.columns) <= docx.shared.Inches(6.31)


def test_the_contents_list_is_a_table_of_contents_field_word_can_update(tmp_path, shipped):
    out, document = export(tmp_path, shipped.review, shipped.blobs)
    body = zipfile.ZipFile(out).read("word/document.xml").decode("utf-8")
    kinds = re.findall(r'w:fldCharType="(\w+)"', body)
    assert kinds == ["begin", "separate", "end"]
    assert 'TOC \\o "1-3" \\h \\z \\u' in body
    # What every reader shows before an update: the list as written, all sections named.
    start = body.index('fldCharType="separate"')
    shown = re.sub(r"<[^>]+>", " ", body[start : body.index('fldCharType="end"')])
    assert all(section in " ".join(shown.split()) for section in SECTIONS)
