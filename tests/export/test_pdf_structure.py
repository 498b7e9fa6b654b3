"""The example review's PDF as a reader uses it: outline, clickable contents, page footers,
embedded fonts, document properties, one picture."""

from __future__ import annotations

import dataclasses
import io
import re

import pytest
from pypdf import PdfReader
from test_pdf_hostile import image_objects, pdf_bytes, uris

from pm_desktop.domain.model import Review, ReviewMeta
from pm_desktop.export.pdf import fonts
from pm_desktop.ingest.builtin import load_example

SECTIONS = [
    "Summary and impact",
    "Timeline",
    "Communications",
    "Evidence",
    "Five whys",
    "Follow-ups",
    "Lessons",
    "Participants",
    "Sources",
    "Revision history",
]
SUBSECTIONS = [
    "Summary", "Impact", "Trigger", "Detection, response and recovery", "Timeline chart",
    "Events in order", "Screenshots", "Links", "Snippets", "Root causes", "Action items",
    "To do (3)", "In progress (2)", "Done (1)", "Won't do (1)", "What went well",
    "What went wrong", "Where we got lucky", "The review meeting",
]  # fmt: skip


@pytest.fixture(scope="module")
def reader() -> PdfReader:
    example = load_example()
    return PdfReader(io.BytesIO(pdf_bytes(example.review, example.blobs)))


def outline_entries(reader: PdfReader) -> list[tuple[int, str, int]]:
    """(level, title, page index) for every outline entry, in order."""
    out: list[tuple[int, str, int]] = []

    def walk(items, level: int) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item, level + 1)
            else:
                out.append((level, item.title, reader.get_destination_page_number(item)))

    walk(reader.outline, 0)
    return out


def page_text(reader: PdfReader, index: int) -> str:
    return " ".join((reader.pages[index].extract_text() or "").split())


def test_outline_holds_every_section_and_subsection(reader):
    entries = outline_entries(reader)
    top = [re.sub(r"^\d+\s+", "", title) for level, title, _ in entries if level == 0]
    assert top == ["Executive summary", *SECTIONS]
    subs = [re.sub(r"^[\d.]+\s+", "", title) for level, title, _ in entries if level == 1]
    for name in SUBSECTIONS:
        assert name in subs
    assert any(s.startswith("Tree 1: Customers could not complete") for s in subs)


def test_every_outline_entry_lands_on_the_page_showing_its_heading(reader):
    for level, title, page in outline_entries(reader):
        if title == "Executive summary" and level == 0:
            continue
        assert title.rstrip("…") in page_text(reader, page), (title, page)


def test_a_short_review_lists_its_sections_on_the_first_page_with_working_links():
    review = Review(meta=ReviewMeta(title="Short review", summary="Brief."))
    reader = PdfReader(io.BytesIO(pdf_bytes(review, {})))
    front = page_text(reader, 0)
    assert "Executive summary" in front and "Contents" in front
    annotations = [a.get_object() for a in reader.pages[0].get("/Annots") or []]
    links = [a for a in annotations if a.get("/Subtype") == "/Link" and "/Dest" in a]
    # one link on the entry text and one on its page number, for every top-level section
    entries = [e for e in outline_entries(reader) if e[0] == 0 and e[1] != "Executive summary"]
    assert len(links) == 2 * len(entries)
    page_ids = {page.indirect_reference.idnum: i for i, page in enumerate(reader.pages)}
    targets = [page_ids[link["/Dest"][0].idnum] for link in links]
    assert targets[0::2] == targets[1::2]  # text and number go to the same place
    assert targets[0::2] == [page for _level, _title, page in entries]
    toc = front[front.index("Contents") :]
    for _level, title, page in entries:
        match = re.search(re.escape(title.rstrip("…")[:40]) + r".*?(\d+)", toc)
        assert match and int(match.group(1)) == page + 1, title


def test_the_contents_never_takes_a_page_of_its_own(reader):
    """The example's first page is full with its summary: the contents is left to the
    bookmarks pane rather than given a near-empty second page."""
    assert not any("Contents" in page_text(reader, i) for i in range(len(reader.pages)))
    assert "1 Summary and impact 1.1 Summary" in page_text(reader, 1)


def test_every_page_says_page_x_of_n(reader):
    total = len(reader.pages)
    assert total >= 8
    for index in range(total):
        assert f"Page {index + 1} of {total}" in page_text(reader, index)


def test_all_fonts_are_embedded_subsets(reader):
    names = set()
    for page in reader.pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            font = font.get_object()
            names.add(str(font["/BaseFont"]))
            descriptor = font.get("/FontDescriptor")
            if descriptor is None and "/DescendantFonts" in font:
                descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            assert descriptor is not None, font["/BaseFont"]
            descriptor = descriptor.get_object()
            assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))
    assert all(re.match(r"^/[A-Z]{6}\+", name) for name in names), names
    assert not any("Helvetica" in name for name in names)


def test_document_properties(reader):
    meta = reader.metadata
    assert meta.title == "Card payments failing during the morning peak"
    assert meta.author == "Payments and Platform teams"
    assert meta.subject == "Incident review of 2025-03-12"
    assert meta.creator == "pm-desktop"


def test_readers_show_the_title_the_language_and_the_bookmarks(reader):
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "en"
    assert root["/PageMode"] == "/UseOutlines"
    assert bool(root["/ViewerPreferences"]["/DisplayDocTitle"]) is True


@pytest.mark.parametrize(
    ("status", "marked"), [("draft", True), ("in_review", True), ("final", False)]
)
@pytest.mark.parametrize("profile", ["internal", "external"])
def test_a_draft_says_so_on_every_page(status, marked, profile):
    example = load_example()
    example.review.meta = dataclasses.replace(example.review.meta, status=status)
    pdf = PdfReader(io.BytesIO(pdf_bytes(example.review, example.blobs, profile)))
    for index in range(len(pdf.pages)):
        assert ("DRAFT" in page_text(pdf, index)) is marked, (status, index)


def test_the_footer_cuts_a_long_title_between_words():
    title = "Card payments failing during the morning peak " * 4
    cut = fonts.fit_words(title, fonts.SANS, 7.5, 150)
    assert cut.endswith("…") and not cut.endswith(" …")
    assert title.startswith(cut[:-1]) and title[len(cut) - 1] == " "  # a word ends there
    assert fonts.string_width(cut, fonts.SANS, 7.5) <= 150
    assert fonts.fit_words("Short", fonts.SANS, 7.5, 150) == "Short"
    # One long word: cut inside it rather than leave nothing
    assert fonts.fit_words("x" * 400, fonts.SANS, 7.5, 150).endswith("x…")


def test_the_screenshot_is_embedded_once_and_links_are_clickable(reader):
    assert len(image_objects(reader)) == 1
    links = uris(reader)
    assert "https://example-corp.atlassian.net/browse/SUP-4821" in links
    assert "https://example-corp.atlassian.net/browse/PAY-1290" in links  # a tracker link


def test_example_text_reads_as_written(reader):
    text = " ".join(page_text(reader, i) for i in range(len(reader.pages)))
    assert "All times in UTC" in text
    assert "☑ The template asks for the plan" in text  # a met acceptance criterion
    assert "☐ The section is live" in text
    assert "Tomás Herrera" in text and "TTD · Time to detect" in text


def test_checklist_and_marker_glyphs_exist_in_the_body_font():
    for glyph in "☐☑★✓▲◆●▼■▶○✉•◐✕→…“”":
        assert fonts.has_glyph(fonts.SANS, glyph), glyph
    assert [font for font, _ in fonts.runs("a数b한😀", fonts.SANS)] == [
        fonts.SANS, fonts.CJK, fonts.SANS, fonts.HANGUL, fonts.SANS,
    ]  # fmt: skip
