"""Confluence storage format: well-formed XHTML with ac:/ri: elements, status lozenges for the
follow-ups, screenshots as attachments written beside the page, hostile text kept as text."""

from __future__ import annotations

import html
import re

import pytest
from lxml import etree
from test_pdf_hostile import HOSTILE, hostile_review
from test_pdf_profiles import EVIDENCE_TITLES, name_parts

from pm_desktop.domain.model import Review, ReviewMeta
from pm_desktop.export import ExportError, ExportJob, run_export
from pm_desktop.ingest.builtin import load_example
from pm_desktop.store.files import FOLDER_MARKER

AC = "http://atlassian.com/content"
RI = "http://atlassian.com/resource/identifier"
NS = {"ac": AC, "ri": RI}


def export(tmp_path, review, blobs, **kw) -> str:
    out = tmp_path / "page.xml"
    run_export("confluence", ExportJob(review, blobs.__getitem__, out, **kw))
    return out.read_text(encoding="utf-8")


def parse(page: str):
    """The page wrapped in a root declaring the namespaces, parsed strictly (no recovery)."""
    wrapped = f'<page xmlns:ac="{AC}" xmlns:ri="{RI}">{page}</page>'
    return etree.fromstring(wrapped.encode("utf-8"), etree.XMLParser(recover=False))


def text_of(root) -> str:
    return " ".join("".join(root.itertext()).split())


@pytest.fixture(scope="module")
def shipped():
    return load_example()


def test_example_is_well_formed_with_lozenges_and_attachments_beside_it(tmp_path, shipped):
    root = parse(export(tmp_path, shipped.review, shipped.blobs))
    lozenges = root.findall(".//ac:structured-macro[@ac:name='status']", NS)
    assert len(lozenges) == len(shipped.review.followups)
    titles = {m.find("ac:parameter[@ac:name='title']", NS).text for m in lozenges}
    assert titles == {"To do", "In progress", "Done", "Won't do"}
    names = [a.get(f"{{{RI}}}filename") for a in root.findall(".//ri:attachment", NS)]
    shots = [e for e in shipped.review.evidence.values() if e.kind == "image"]
    trees = [f"why-tree-{n}.svg" for n in range(1, len(shipped.review.why_roots()) + 1)]
    drawings = [*trees, "timeline-chart.svg"]
    assert len(names) == len(shots) + len(drawings) and set(drawings) <= set(names)
    folder = tmp_path / "page_files"
    assert sorted(p.name for p in folder.iterdir()) == sorted([*names, FOLDER_MARKER])
    assert root.findall(".//ac:structured-macro[@ac:name='code']", NS)
    headings = [h.text for h in root.iter("h2")]
    assert headings[:5] == [
        "Executive summary",
        "Summary and impact",
        "Timeline",
        "Communications",
        "Evidence",
    ]


def test_hostile_text_stays_text(tmp_path):
    review, blobs = hostile_review()
    page = export(tmp_path, review, blobs)
    root = parse(page)
    assert root.find(".//img") is None and root.find(".//font") is None
    assert not re.search(r'href="(?!https?:|mailto:)', page)
    flat = text_of(root)
    for piece in HOSTILE:
        assert piece in flat, piece
    # the screenshots, the tree and the timeline chart
    assert len(root.findall(".//ri:attachment", NS)) == 2 + 1 + 1
    drawing = (tmp_path / "page_files" / "why-tree-1.svg").read_text(encoding="utf-8")
    etree.fromstring(drawing.encode("utf-8"), etree.XMLParser(recover=False))
    assert "<font" not in drawing and "&lt;img src=" in drawing
    chart = (tmp_path / "page_files" / "timeline-chart.svg").read_text(encoding="utf-8")
    etree.fromstring(chart.encode("utf-8"), etree.XMLParser(recover=False))
    assert "<font" not in chart and "<img" not in chart


def test_an_empty_review_is_a_well_formed_page(tmp_path):
    root = parse(export(tmp_path, Review(meta=ReviewMeta()), {}))
    assert "No follow-ups yet." in text_of(root)
    assert not (tmp_path / "page_files").exists()


def test_without_images_nothing_is_written_beside_the_page(tmp_path, shipped):
    root = parse(export(tmp_path, shipped.review, shipped.blobs, images=False))
    assert root.find(".//ri:attachment", NS) is None
    assert [p.name for p in tmp_path.iterdir()] == ["page.xml"]


def test_external_page_has_no_names_evidence_or_links(tmp_path, shipped):
    page = export(tmp_path, shipped.review, shipped.blobs, profile="external")
    flat = text_of(parse(page))
    for part in name_parts(shipped.review):
        assert not re.search(rf"(?<!\w){re.escape(part)}(?!\w)", flat), part
    for title in EVIDENCE_TITLES:
        assert title not in html.unescape(page)
    assert "http" not in page.replace(AC, "")
    # the one attachment is the customer version's timeline chart: no screenshot, no tree
    names = [a.get(f"{{{RI}}}filename") for a in parse(page).findall(".//ri:attachment", NS)]
    assert names == ["timeline-chart.svg"]
    chart = html.unescape((tmp_path / "page_files" / "timeline-chart.svg").read_text("utf-8"))
    for part in name_parts(shipped.review):
        assert not re.search(rf"(?<!\w){re.escape(part)}(?!\w)", chart), part
    assert sorted(p.name for p in tmp_path.iterdir()) == ["page.xml", "page_files"]


def test_a_folder_it_did_not_make_is_never_replaced(tmp_path, shipped):
    folder = tmp_path / "page_files"
    folder.mkdir()
    (folder / "mine.txt").write_text("keep")
    with pytest.raises(ExportError, match="not made by a pm-desktop export"):
        export(tmp_path, shipped.review, shipped.blobs)
    assert (folder / "mine.txt").read_text() == "keep" and not (tmp_path / "page.xml").exists()
