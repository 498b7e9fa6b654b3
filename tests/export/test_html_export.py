"""HTML export: one self-contained file that loads nothing, the PDF's sections in order, hostile
text kept as text, images as data URIs, the external profile as strict as the PDF's."""

from __future__ import annotations

import html
import re

import html5lib
import pytest
from test_pdf_hostile import HOSTILE, hostile_review
from test_pdf_profiles import EVIDENCE_TITLES, name_parts

from pm_desktop.domain.model import Review
from pm_desktop.export import ExportError, ExportJob, run_export
from pm_desktop.export.job import refuse_unsafe_target
from pm_desktop.ingest.builtin import load_example

SECTIONS = ["summary-and-impact", "timeline", "evidence", "five-whys", "follow-ups", "lessons"]


def export(tmp_path, review, blobs, **kw) -> str:
    out = tmp_path / "review.html"
    run_export("html", ExportJob(review, blobs.__getitem__, out, **kw))
    return out.read_text(encoding="utf-8")


def check_self_contained(page: str) -> None:
    """A strict HTML5 parse, and nothing that runs or loads anything from elsewhere."""
    html5lib.HTMLParser(strict=True).parse(page)
    lower = page.lower()
    assert "<script" not in lower
    assert not re.search(r"(href|src)=\"\s*(javascript|vbscript|file|data:text)", lower)
    assert not re.search(r"\bsrc=\"(?!data:)", lower)
    assert "<link" not in lower and "@import" not in lower and "url(" not in lower
    assert "<iframe" not in lower and "<object" not in lower and "<embed" not in lower
    assert not re.search(r"\son\w+=", lower)  # no event handler attributes


def shown_text(page: str) -> str:
    body = page.split("<body>", 1)[1]
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", body)).split())


@pytest.fixture(scope="module")
def shipped():
    return load_example()


def test_example_has_every_section_in_the_pdfs_order_and_its_screenshots_inline(tmp_path, shipped):
    page = export(tmp_path, shipped.review, shipped.blobs)
    check_self_contained(page)
    positions = [page.index(f'<h2 id="{anchor}">') for anchor in SECTIONS]
    assert positions == sorted(positions)
    shots = [e for e in shipped.review.evidence.values() if e.kind == "image"]
    assert shots and page.count('<img src="data:image/') == len(shots)
    assert '<meta name="viewport"' in page and "@media print" in page
    assert "<table>" in page and ("☑" in page or "☐" in page)
    roots = shipped.review.why_roots()
    assert page.count('<svg xmlns="http://www.w3.org/2000/svg" class="tree"') == len(roots)
    tree_at = page.index('class="tree"')
    svg = page[tree_at : page.index("</svg>", tree_at)]
    assert svg.count("<rect") >= len(shipped.review.whys) and "★" in svg
    assert [p.name for p in tmp_path.iterdir()] == ["review.html"]


def test_the_timeline_chart_is_drawn_after_the_timeline_heading(tmp_path, shipped):
    """One marker per timed event, in its kind's lane, each with its time and words as a
    tooltip; the phases shaded; ticks on round times of the review's zone."""
    page = export(tmp_path, shipped.review, shipped.blobs)
    start = page.index('<svg class="chart"')
    assert page.index('<h2 id="timeline">') < start < page.index('class="tree"')
    chart = page[start : page.index("</svg>", start)]
    timed = [e for e in shipped.review.events.values() if e.time]
    assert chart.count("<circle") == len(timed)
    kinds = {e.kind for e in timed}
    assert chart.count('stroke-dasharray="2 3"') == len(kinds)  # one lane per kind
    assert "Impact starts" in chart and "09:15" in chart and "Time in UTC" in chart
    assert "Responding" in chart  # a shaded phase, named in its tooltip
    assert 'aria-label="Timeline chart' in chart


def test_no_chart_without_a_timed_event(tmp_path):
    assert '<svg class="chart"' not in export(tmp_path, Review(), {})


def test_hostile_text_stays_text_and_only_safe_links_are_links(tmp_path):
    review, blobs = hostile_review()
    page = export(tmp_path, review, blobs)
    check_self_contained(page)
    assert "<img src='/etc" not in page and "<font" not in page and "<b>" not in page
    assert not re.search(r'href="(?!https?:|mailto:|#)', page)
    flat = shown_text(page)
    for piece in HOSTILE:
        assert piece in flat, piece
    assert page.count('<img src="data:image/') == 2
    tree_at = page.index('class="tree"')
    svg = page[tree_at : page.index("</svg>", tree_at)]
    assert "<font" not in svg and "&lt;img src=" in svg  # the tree's labels are escaped too
    chart_at = page.index('class="chart"')
    chart = page[chart_at : page.index("</svg>", chart_at)]
    assert "<font" not in chart and "<img" not in chart and "&lt;" in chart  # tooltips escaped


def test_an_empty_review_is_a_whole_page(tmp_path):
    page = export(tmp_path, Review(), {})
    check_self_contained(page)
    flat = shown_text(page)
    assert "No events recorded yet." in flat and "No follow-ups yet." in flat


def test_external_html_has_no_names_evidence_or_links(tmp_path, shipped):
    page = export(tmp_path, shipped.review, shipped.blobs, profile="external")
    check_self_contained(page)
    flat = shown_text(page)
    for part in name_parts(shipped.review):
        assert not re.search(rf"(?<!\w){re.escape(part)}(?!\w)", flat), part
    for title in EVIDENCE_TITLES:
        assert title not in flat
    assert "http" not in flat and 'href="http' not in page and "<img" not in page
    assert "example-corp" not in page
    assert 'id="root-causes"' in page and 'id="participants"' not in page


def test_an_html_export_replaces_only_an_earlier_html_file(tmp_path):
    (tmp_path / "notes.txt").write_text("mine")
    with pytest.raises(ExportError, match="not a HTML file; pass --force"):
        refuse_unsafe_target(tmp_path / "notes.txt", "html")
    (tmp_path / "old.htm").write_text("<p>old</p>")
    refuse_unsafe_target(tmp_path / "old.htm", "html")
