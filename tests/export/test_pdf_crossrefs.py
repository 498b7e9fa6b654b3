"""Cross-references in the PDF are links that land on their target: each link's words (read
under its rectangle) and the words at its destination (read just below the point it jumps to)
are checked with pypdf and pypdfium2."""

from __future__ import annotations

import dataclasses
import io
import re
from dataclasses import dataclass

import pypdfium2 as pdfium
import pytest
from pypdf import PdfReader
from test_pdf_hostile import pdf_bytes

from pm_desktop.ingest.builtin import load_example


@dataclass(frozen=True)
class Jump:
    page: int
    words: str  # the text under the link
    target_page: int
    target: str  # the text in a band just below the destination


def flat(text: str) -> str:
    return " ".join(text.split())


def internal_jumps(data: bytes) -> list[Jump]:
    reader = PdfReader(io.BytesIO(data))
    pdf = pdfium.PdfDocument(data)
    pages = {page.indirect_reference.idnum: i for i, page in enumerate(reader.pages)}
    out = []
    for index, page in enumerate(reader.pages):
        text = pdf[index].get_textpage()
        for ref in page.get("/Annots") or []:
            annot = ref.get_object()
            dest = annot.get("/Dest")
            if annot.get("/Subtype") != "/Link" or dest is None:
                continue
            x0, y0, x1, y1 = (float(v) for v in annot["/Rect"])
            words = flat(text.get_text_bounded(x0, y0, x1, y1))
            target_page = pages[dest[0].idnum]
            top = float(dest[3]) if len(dest) > 3 and dest[3] is not None else 842.0
            width = float(reader.pages[target_page].mediabox.width)
            band = pdf[target_page].get_textpage().get_text_bounded(0, top - 34, width, top + 2)
            out.append(Jump(index, words, target_page, flat(band)))
    return out


@pytest.fixture(scope="module")
def example():
    return load_example()


@pytest.fixture(scope="module")
def internal(example) -> bytes:
    return pdf_bytes(example.review, example.blobs)


@pytest.fixture(scope="module")
def jumps(internal) -> list[Jump]:
    return internal_jumps(internal)


def test_evidence_lines_in_the_timeline_jump_to_the_evidence(jumps, example, internal):
    found = [j for j in jumps if "Evidence: " in j.words]
    items = {flat(e.title): e for e in example.review.evidence.values()}
    linked = sum(len(set(e.event_ids)) for e in example.review.evidence.values())
    assert len(found) == linked
    for jump in found:
        title = jump.words[jump.words.index("Evidence: ") + 10 :]
        item = items[title]
        if item.kind == "image":  # the jump lands on the top of the picture, the title is below
            page = PdfReader(io.BytesIO(internal)).pages[jump.target_page]
            assert title in flat(page.extract_text())
        else:
            assert title[:40] in jump.target, jump


def test_linked_events_in_evidence_captions_jump_to_their_timeline_rows(jumps, example):
    # the words under a link may pick up a letter of the DRAFT mark drawn across the page
    times = [
        dataclasses.replace(j, words=j.words[-5:])
        for j in jumps
        if re.fullmatch(r"(?:[A-Z] )?\d\d:\d\d", j.words)
    ]
    events = {e.time[11:16]: flat(e.text) for e in example.review.events.values() if e.time}
    expected = sum(len(set(e.event_ids)) for e in example.review.evidence.values())
    assert len(times) == expected
    for jump in times:
        assert jump.words in jump.target  # the row's time
        assert events[jump.words][:25] in jump.target, jump


def test_follow_ups_and_root_causes_link_both_ways(jumps, example):
    review = example.review
    causes = {flat(w.text)[:40] for w in review.root_causes()}
    addresses = [j for j in jumps if j.words.startswith("Addresses root cause")]
    assert addresses
    for jump in addresses:
        assert any(c in jump.target for c in causes), jump
    titles = {flat(c.title)[:30] for c in review.followups.values()}
    to_cards = [j for j in jumps if any(j.words.startswith(t) for t in titles)]
    # from the five whys' cause lists, the action table and the first page's "next due"
    assert len(to_cards) >= len(review.followups) + 1
    for jump in to_cards:
        assert jump.words[:30] in jump.target, jump


def test_first_page_root_causes_jump_to_the_cause_list(jumps, example):
    front = [j for j in jumps if j.page == 0]
    causes = [flat(w.text) for w in example.review.root_causes()]
    for cause in causes:
        (jump,) = [j for j in front if cause[:30] in j.words]
        assert cause[:40] in jump.target


def test_the_customer_version_links_only_inside_what_it_shows(example):
    jumps = internal_jumps(pdf_bytes(example.review, example.blobs, "external"))
    assert jumps  # the contents or nothing: follow-up cards and evidence are not in it
    assert not any(j.words.startswith(("Evidence:", "Addresses")) for j in jumps)
    for jump in jumps:
        assert jump.target, jump


def test_only_rows_something_links_to_become_named_places(example):
    """A 20,000-event timeline must not carry 20,000 destinations: rows get a place only when
    an evidence caption or the communications section points at them."""
    from pm_desktop.export.pdf import fonts, styles
    from pm_desktop.export.pdf.context import Context
    from pm_desktop.export.pdf.story import build_story
    from pm_desktop.export.profiles import apply_profile, get_profile
    from pm_desktop.export.whys_view import branch_info

    fonts.ensure_fonts()
    view = apply_profile(example.review, "internal")
    ctx = Context(
        review=view,
        profile=get_profile("internal"),
        read_blob=example.blobs.__getitem__,
        st=styles.make_styles(),
        zone="UTC",
        branches=branch_info(view),
        progress=lambda fraction, message: None,
    )
    build_story(ctx)
    events = [name for name in ctx.places.marked if name.startswith("x-event-")]
    linked = {e for item in view.evidence.values() for e in item.event_ids}
    linked |= {e.id for e in view.events.values() if e.kind == "communication"}
    assert len(events) == len(linked) < len(view.events)


def test_why_boxes_with_a_cause_label_or_a_follow_up_jump_to_it(jumps, example, internal):
    """A root cause's box lands on its entry in the cause list; another why that a follow-up
    answers lands on that follow-up's card. The link covers the box (its words are the why's)."""
    review = example.review
    reader = PdfReader(io.BytesIO(internal))
    tree_page = next(
        i for i, page in enumerate(reader.pages) if "Tree 1:" in (page.extract_text() or "")
    )
    boxes = [j for j in jumps if j.page == tree_page]
    expected = 0
    for why in review.whys.values():
        cards = review.followups_for_why(why.id)
        if not (why.root_cause or cards):
            continue
        expected += 1
        start = flat(why.text)[:20]
        (jump,) = [j for j in boxes if j.words.startswith(start)]
        if why.root_cause:
            assert flat(why.text)[:40] in jump.target, jump
        else:
            assert flat(cards[0].title)[:30] in jump.target, jump
    assert expected >= 4  # the example's three root causes and a why with a follow-up

