"""The PDF's layout read back from the file (pypdf, pypdfium2; no Qt): the example review fits
in eight pages with no page left mostly empty and no heading ending a page, every glyph is
inside the page box, and across a daylight-saving change the timeline says which offset each
day and each repeated-hour time is in."""

from __future__ import annotations

import datetime as dt
import io

import pypdfium2 as pdfium
import pytest
from pypdf import PdfReader
from test_pdf_hostile import pdf_bytes

from pm_desktop.domain import timeutil
from pm_desktop.domain.model import EVENT_KINDS, Review, ReviewMeta, TimelineEvent
from pm_desktop.export.pdf import styles
from pm_desktop.export.pdf.chart import TimelineChart
from pm_desktop.export.timeline_view import DayBand, timeline_view
from pm_desktop.ingest.builtin import load_example

BODY_BOTTOM = styles.MARGIN_BOTTOM - 4  # below this only the footer is drawn


@pytest.fixture(scope="module", params=["internal", "external"])
def example_pdf(request) -> bytes:
    example = load_example()
    return pdf_bytes(example.review, example.blobs, request.param)


def used_fraction(page: pdfium.PdfPage) -> float:
    """How far down the text frame anything darker than the pale draft mark is drawn."""
    _width, height = page.get_size()
    scale = 0.5
    image = page.render(scale=scale).to_pil().convert("L")
    top, bottom = styles.MARGIN_TOP * scale, (height - styles.MARGIN_BOTTOM) * scale
    body = image.crop((0, int(top), image.width, int(bottom))).point(
        lambda v: 255 if v < 215 else 0
    )
    box = body.getbbox()
    return box[3] / body.height if box else 0.0


def lines_of(page: pdfium.PdfPage) -> list[str]:
    """The page's text lines above the footer, in reading order."""
    width, height = page.get_size()
    text = page.get_textpage().get_text_bounded(0, BODY_BOTTOM, width, height)
    return [line for line in text.splitlines() if line.strip()]


def test_the_example_fits_in_eight_pages(example_pdf):
    """Twelve pages before the layout work; nine once the executive summary, communications,
    meeting and revision history were added; eight again with nothing removed (snippets flow
    on under their titles, chains of whys in wide boxes, a tree a little smaller to finish a
    page)."""
    assert len(PdfReader(io.BytesIO(example_pdf)).pages) <= 8


def test_no_page_but_the_last_is_more_than_70_percent_empty(example_pdf):
    pdf = pdfium.PdfDocument(example_pdf)
    fills = [used_fraction(pdf[i]) for i in range(len(pdf))]
    assert all(fill >= 0.3 for fill in fills[:-1]), fills


def headings_ending_a_page(data: bytes) -> list[tuple[int, str]]:
    """(page, heading) for every outline heading that is the last line of its page."""
    reader = PdfReader(io.BytesIO(data))
    pdf = pdfium.PdfDocument(data)
    headings: dict[int, list[str]] = {}

    def walk(items):
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                headings.setdefault(reader.get_destination_page_number(item), []).append(item.title)

    walk(reader.outline)
    alone = []
    for number, titles in headings.items():
        lines = lines_of(pdf[number])
        last = "".join(lines[-1].split()) if lines else ""
        alone += [(number, t) for t in titles if "".join(t.rstrip("…").split()) in last]
    return alone


def test_no_heading_is_the_last_line_of_a_page(example_pdf):
    assert headings_ending_a_page(example_pdf) == []


@pytest.mark.parametrize("lead", [0, 6, 12, 18, 24, 30])
def test_a_table_whose_first_row_is_longer_than_a_page_starts_under_its_heading(lead):
    """A first event far taller than a page: the table breaks inside that row right under
    "Events in order" instead of moving on and leaving the heading alone (with ``lead``
    lines of summary moving the heading down the page)."""
    cell = " ".join(f"cell{i}" for i in range(1500))
    summary = "\n\n".join(f"Summary paragraph {i}." for i in range(lead))
    review = Review(meta=ReviewMeta(title="Long first row", summary=summary))
    review.events["e"] = TimelineEvent("e", "2025-03-12T09:15:00Z", "UTC", cell, "note", "", False, 0)
    review.events["f"] = TimelineEvent("f", "2025-03-12T09:20:00Z", "UTC", "after", "note", "", False, 1)
    assert headings_ending_a_page(pdf_bytes(review, {})) == []


def glyphs_outside(data: bytes) -> list[tuple[int, str]]:
    pdf = pdfium.PdfDocument(data)
    out = []
    for number in range(len(pdf)):
        page = pdf[number]
        width, height = page.get_size()
        text = page.get_textpage()
        for i in range(text.count_chars()):
            left, bottom, right, top = text.get_charbox(i)
            if right - left <= 0:
                continue
            if left < -0.5 or bottom < -0.5 or right > width + 0.5 or top > height + 0.5:
                out.append((number, text.get_text_range(i, 1)))
    return out


def test_every_glyph_of_the_example_is_inside_the_page(example_pdf):
    assert glyphs_outside(example_pdf) == []


# --------------------------------------------------------------------------- daylight saving

AUTUMN = dt.datetime(
    2025, 10, 25, 12, 0, tzinfo=dt.UTC
)  # Berlin goes back at 01:00 UTC on the 26th


def autumn_review(count: int = 3000) -> Review:
    review = Review(meta=ReviewMeta(title="Over the autumn change", display_tz="Europe/Berlin"))
    for i in range(count):
        moment = timeutil.to_canonical(AUTUMN + dt.timedelta(minutes=i))
        kind = EVENT_KINDS[i % len(EVENT_KINDS)]
        review.events[f"e{i}"] = TimelineEvent(
            f"e{i}", moment, "Europe/Berlin", f"Event {i}", kind, "On-call", False, i
        )
    return review


def test_each_day_band_says_its_offsets_and_the_header_both():
    view = timeline_view(autumn_review(), "Europe/Berlin")
    bands = [row.label for row in view.timed if isinstance(row, DayBand)]
    assert bands == [
        "Saturday 25 October 2025 (UTC+02:00)",
        "Sunday 26 October 2025 (UTC+02:00 → UTC+01:00)",
        "Monday 27 October 2025 (UTC+01:00)",
    ]
    assert view.zone_label == "Europe/Berlin (UTC+02:00 → UTC+01:00)"


def test_times_in_the_repeated_hour_carry_their_offset():
    view = timeline_view(autumn_review(), "Europe/Berlin")
    marked = [line for line in view.events if "(" in line.clock]
    assert marked  # the hour from 02:00 to 03:00 came twice
    summer = [line.clock for line in marked if line.clock.endswith("(UTC+02:00)")]
    winter = [line.clock for line in marked if line.clock.endswith("(UTC+01:00)")]
    assert summer and winter
    assert all(clock.startswith("02:") for clock in summer + winter)
    # the same wall time twice, told apart by the offset
    assert summer[0].split()[0] == winter[0].split()[0]
    unmarked = [line.clock for line in view.events if "(" not in line.clock]
    assert "01:59" in unmarked and "03:00" in unmarked


def test_the_dst_pdf_prints_the_day_offsets_and_marks():
    reader = PdfReader(io.BytesIO(pdf_bytes(autumn_review(), {})))
    text = " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)
    assert "Sunday 26 October 2025 (UTC+02:00 → UTC+01:00)" in text
    assert "All times in Europe/Berlin (UTC+02:00 → UTC+01:00)" in text
    assert "02:30 (UTC+02:00)" in text and "02:30 (UTC+01:00)" in text
    assert "01:30 (" not in text and "03:30 (" not in text
    assert "All times in Europe/Berlin (UTC+02:00)" not in text


def test_chart_ticks_stay_on_round_local_hours_over_the_change():
    chart = TimelineChart(autumn_review(), "Europe/Berlin")
    chart.wrap(styles.PORTRAIT_FRAME[0], 400)
    step, ticks = chart.ticks()
    assert step >= 3600
    assert ticks and all(tick.label.endswith(":00") for tick in ticks)
    hours = {int(tick.label[:2]) for tick in ticks}
    assert all(hour % (step // 3600) == 0 for hour in hours), sorted(hours)


def test_glyphs_of_the_dst_review_stay_inside_the_page():
    assert glyphs_outside(pdf_bytes(autumn_review(600), {})) == []


# --------------------------------------------------------------------------- extreme screenshots


def screenshot_review(width: int, height: int) -> tuple[Review, dict[str, bytes]]:
    import hashlib

    from PIL import Image, ImageDraw

    from pm_desktop.domain.model import BlobInfo, Evidence

    picture = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(picture)
    for y in range(0, height, 40):
        draw.line((0, y, width, y), fill=(120, 120, 120))
    out = io.BytesIO()
    picture.save(out, "PNG")
    data = out.getvalue()
    sha = hashlib.sha256(data).hexdigest()
    review = Review(meta=ReviewMeta(title="Extreme screenshot"))
    review.blobs[sha] = BlobInfo(sha, "image/png", len(data), width, height)
    review.evidence["v"] = Evidence(id="v", kind="image", title=f"Shot {width}x{height}", blob=sha)
    return review, {sha: data}


def drawn_images(data: bytes) -> list[tuple[int, float, float, int, int]]:
    """(page, drawn width, drawn height, pixel width, pixel height) of every picture."""
    import pypdfium2.raw as pdfium_c

    pdf = pdfium.PdfDocument(data)
    out = []
    for number in range(len(pdf)):
        for obj in pdf[number].get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE]):
            left, bottom, right, top = obj.get_bounds()
            px_w, px_h = obj.get_px_size()
            out.append((number, right - left, top - bottom, px_w, px_h))
    return out


@pytest.mark.parametrize("size", [(800, 20000), (20000, 800)])
def test_extreme_screenshots_are_sliced_across_pages_at_full_width(size):
    review, blobs = screenshot_review(*size)
    images = drawn_images(pdf_bytes(review, blobs))
    frame_w = styles.PORTRAIT_FRAME[0]
    assert len(images) >= 8  # slices (tall) or strips (wide), not one sliver
    assert len({page for page, *_ in images}) >= 4
    for page, width, _height, px_w, _px_h in images:
        # at the page's full width (an 800 px picture: its natural 600 pt), never a sliver;
        # only the last strip of a wide picture is what is left of it
        if (page, width) != images[-1][:2]:
            assert width >= min(frame_w, 0.75 * size[0]) - 1, (page, width)
        # enough pixels for text at 100 %: about one pixel of the screenshot per 0.75 pt
        assert px_w / width >= 1.3
    assert all(height >= 60 for _p, _w, height, *_ in images[:-1])


@pytest.mark.parametrize("size", [(800, 20000), (20000, 800)])
def test_each_slice_of_a_screenshot_says_where_the_rest_is(size):
    from pm_desktop.export.pdf.continued import ABOVE, BELOW

    review, blobs = screenshot_review(*size)
    pdf = pdfium.PdfDocument(pdf_bytes(review, blobs))
    pages = sorted({page for page, *_ in drawn_images(pdf_bytes(review, blobs))})
    assert len(pages) >= 4
    for n, page in enumerate(pages):
        lines = [" ".join(line.split()) for line in lines_of(pdf[page]) if line.strip() != "DRAFT"]
        below, above = " ".join(BELOW.split()), " ".join(ABOVE.split())
        # every slice but the last says it goes on; every slice but the first, where it began
        text = " ".join(lines)
        assert (below in text) == (n < len(pages) - 1), (page, lines)
        assert (above in text) == (n > 0), (page, lines)
        if n > 0:
            assert lines[0].startswith(above)  # the page's first line, above the picture


# --------------------------------------------------------------------------- nothing cut off


def squeezed(text: str) -> str:
    return "".join(text.split())


def test_long_whys_cells_and_snippets_are_printed_in_full():
    from pm_desktop.domain.model import Evidence, WhyNode

    why = " ".join(f"reason{i}" for i in range(700))  # far more than a tree box holds
    cell = " ".join(f"cell{i}" for i in range(1500))  # more than a timeline cell shows
    snippet = "\n".join(f"log line {i} happened" for i in range(4000))
    review = Review(meta=ReviewMeta(title="Long texts"))
    review.whys["w0"] = WhyNode("w0", None, "The problem", seq=0)
    review.whys["w1"] = WhyNode("w1", "w0", why, root_cause=True, seq=1)
    review.events["e"] = TimelineEvent(
        "e", "2025-03-12T09:15:00Z", "UTC", cell, "note", "", False, 0
    )
    review.evidence["s"] = Evidence(id="s", kind="text", title="Big log", text=snippet, seq=0)
    data = pdf_bytes(review, {})
    pdf = pdfium.PdfDocument(data)
    # the body text of every page, footers left out, pages run together
    text = squeezed("".join(line for i in range(len(pdf)) for line in lines_of(pdf[i])))
    text = text.replace("DRAFT", "")  # the draft mark drawn across each page
    appendix = text[text.rindex("Textsinfull") :]  # the heading, not its contents entry
    assert squeezed(why) in appendix and appendix.count("reason699") == 1
    assert squeezed(cell) in appendix
    assert "→infull:A" in text and "continuedinfullintheappendix" in text
    assert "logline3999happened" in text
    assert "reviewfile" not in text  # nothing is left only in the review file


# --------------------------------------------------------------------------- tiled trees


@pytest.mark.parametrize("shape", ["star", "chain", "random"])
def test_tree_tiles_are_never_empty_and_the_first_shows_the_problem(shape):
    import random

    from reportlab.platypus import Paragraph

    from pm_desktop.domain.model import WhyNode
    from pm_desktop.export.pdf.tree import TreeTile, measure_tree, tree_story
    from pm_desktop.export.whys_view import branch_info

    rng = random.Random(5)
    review = Review()
    for i in range(400):
        parent = None if i == 0 else {"star": "w0", "chain": f"w{i - 1}"}.get(shape)
        parent = parent or (f"w{rng.randrange(i)}" if i else None)
        text = f"Because of reason {i}" + " and more" * rng.randint(0, 6)
        review.whys[f"w{i}"] = WhyNode(f"w{i}", parent, text, root_cause=i % 9 == 5, seq=i)
    nodes = review.subtree("w0")
    branches = branch_info(review)
    drawings = {o: measure_tree(review, nodes, branches, o) for o in ("top-down", "left-right")}
    heading = Paragraph("Tree 1", styles.make_styles().h2)
    flow, orientation = tree_story(drawings, heading, 120.0, "portrait")
    tiles = [f for f in flow if isinstance(f, TreeTile)]
    assert len(tiles) > 1
    # only the first part shares its page with the heading and legend; the others use the
    # whole page
    frame = styles.LANDSCAPE_FRAME if orientation == "landscape" else styles.PORTRAIT_FRAME
    assert tiles[0].wrap(*frame)[1] == pytest.approx(frame[1] - 120.0)
    assert all(t.wrap(*frame)[1] == pytest.approx(frame[1]) for t in tiles[1:])
    assert [t.part for t in tiles] == list(range(1, len(tiles) + 1))
    assert all(t.parts == len(tiles) for t in tiles)
    shown: set[str] = set()
    for tile in tiles:
        tree, s = tile.tree, tile.scale
        ox, oy = tile.origin
        w, h = tile.size[0] / s, tile.size[1] / s
        assert ox >= 0 and oy >= 0, f"part {tile.part} shows nothing left of or above the tree"
        inside = {
            box.id
            for box in tree.layout.boxes.values()
            if ox <= 8 + box.center_x <= ox + w and oy <= 8 + box.y + box.height / 2 <= oy + h
        }
        assert inside, f"part {tile.part} is an empty frame"
        (only,) = inside if len(inside) == 1 else ("",)
        assert tree.states.get(only) != "root_cause", f"part {tile.part}: a root cause alone"
        shown |= inside
        if tile.part == 1:
            assert "w0" in inside  # the problem statement is on the first part
    assert shown == set(tiles[0].tree.layout.boxes)  # every why is on some part


def test_cjk_closing_punctuation_never_starts_a_line():
    review = Review(
        meta=ReviewMeta(
            title="支付失败。" * 8, summary="长文本。" * 300, impact="用户无法付款、" * 90
        )
    )
    for i in range(30):
        text = "日本語のテキスト。句読点、行頭禁則。" * (i % 4 + 1)
        review.events[f"e{i}"] = TimelineEvent(
            f"e{i}", f"2025-03-12T09:{i:02d}:00Z", "UTC", text, "note", "", False, i
        )
    pdf = pdfium.PdfDocument(pdf_bytes(review, {}))
    starts = [
        line.strip()[0]
        for i in range(len(pdf))
        for line in pdf[i].get_textpage().get_text_range().splitlines()
        if line.strip()
    ]
    assert "长" in starts or "日" in starts  # the texts did wrap
    assert not set(starts) & set("。、，）」』】")
