"""Big reviews print: a 1,000-node why-tree (scaled, turned or tiled) and a 5,000-event timeline
(a table that splits page after page with its header) — never a LayoutError."""

from __future__ import annotations

import datetime as dt
import io
import random

import pytest
from pypdf import PdfReader
from test_pdf_hostile import pdf_bytes

from pm_desktop.domain import timeutil
from pm_desktop.domain.model import EVENT_KINDS, Review, ReviewMeta, TimelineEvent, WhyNode
from pm_desktop.domain.tree_layout import LayoutResult, NodeBox
from pm_desktop.export.pdf import styles
from pm_desktop.export.pdf.tree import TreeBlock, TreeDrawing, TreeFigure, TreeTile, tree_story


def texts(reader: PdfReader) -> list[str]:
    return [" ".join((page.extract_text() or "").split()) for page in reader.pages]


def why_review(shape: str, count: int = 1000) -> Review:
    rng = random.Random(11)
    review = Review(meta=ReviewMeta(title=f"A {shape} of whys"))
    for i in range(count):
        if i == 0:
            parent = None
        elif shape == "random tree":
            parent = f"w{rng.randrange(i)}"
        elif shape == "chain":
            parent = f"w{i - 1}"
        else:  # a star: one problem, every answer directly under it
            parent = "w0"
        text = f"Because of reason {i}" + " and more" * rng.randint(0, 8)
        review.whys[f"w{i}"] = WhyNode(f"w{i}", parent, text, root_cause=i % 9 == 5, seq=i)
    return review


@pytest.mark.parametrize("shape", ["random tree", "chain", "star"])
def test_a_thousand_node_tree_prints_in_tiles(shape):
    reader = PdfReader(io.BytesIO(pdf_bytes(why_review(shape), {})))
    pages = texts(reader)
    parts = [p for p in pages if "Part 1 of" in p]
    assert len(parts) == 1
    total = int(parts[0].split("Part 1 of ")[1].split()[0])
    assert total > 1 and sum("continue" in p for p in pages) >= total - 1
    assert "Because of reason 999" in " ".join(pages)
    assert f"Page {len(pages)} of {len(pages)}" in pages[-1]


def test_a_wide_tree_gets_a_landscape_page():
    review = Review()
    text = "Because a step in the release checklist was skipped under pressure"
    review.whys["w0"] = WhyNode("w0", None, text, seq=0)
    for i in range(1, 4):
        review.whys[f"w{i}"] = WhyNode(f"w{i}", f"w{i - 1}", text, seq=i)
    for j in range(6):
        review.whys[f"l{j}"] = WhyNode(f"l{j}", "w3", text, root_cause=True, seq=10 + j)
    reader = PdfReader(io.BytesIO(pdf_bytes(review, {})))
    wide = [i for i, p in enumerate(reader.pages) if p.mediabox.width > p.mediabox.height]
    assert len(wide) == 1
    assert "Tree 1: Because a step" in texts(reader)[wide[0]]
    assert "Part 1 of" not in " ".join(texts(reader))  # it fits: no tiles


def _drawing(width: float, height: float) -> TreeDrawing:
    box = NodeBox("a", 0, 0, width, height, 0)
    layout = LayoutResult({"a": box}, (), width, height, (("a", (0, 0, width, height)),))
    return TreeDrawing(layout, {"a": ["x"]}, {"a": "problem"}, {}, "top-down")


@pytest.mark.parametrize(
    ("size", "template", "kind"),
    [
        ((400, 300), "portrait", TreeFigure),  # fits at full size
        ((640, 300), "portrait", TreeFigure),  # scaled down, text still readable
        ((1000, 300), "landscape", TreeFigure),  # too small in portrait, fine across
        ((4000, 300), None, TreeTile),  # too wide for any page: tiles
        ((300, 9000), None, TreeTile),  # too tall for any page: tiles
    ],
)
def test_tree_planning_prefers_readable_text(size, template, kind):
    drawing = _drawing(*size)
    heading = object()
    flow, after = tree_story({"top-down": drawing, "left-right": drawing}, heading, 90, "portrait")
    # a whole tree comes as one block with its heading above the figure
    blocks = [f for f in flow if isinstance(f, TreeBlock)]
    assert all(b.heads == [heading] for b in blocks)
    flow = [part for f in flow for part in ([*f.heads, f.figure] if f in blocks else [f])]
    pieces = [f for f in flow if isinstance(f, TreeFigure | TreeTile)]
    assert pieces and all(isinstance(p, kind) for p in pieces)
    assert flow.index(heading) < flow.index(pieces[0])
    assert all(p.scale >= 6.0 / 8.5 - 1e-9 for p in pieces)
    if template:
        assert after == template
    frame = styles.LANDSCAPE_FRAME if after == "landscape" else styles.PORTRAIT_FRAME
    for piece in pieces:
        width, height = piece.wrap(*frame)
        assert width <= frame[0] + 0.01 and height <= frame[1] - 90 + 0.01


@pytest.mark.slow
def test_a_five_thousand_event_timeline_splits_with_its_header_on_every_page():
    rng = random.Random(5)
    review = Review(meta=ReviewMeta(title="Long incident", display_tz="America/Los_Angeles"))
    start = dt.datetime(2025, 3, 12, 6, tzinfo=dt.UTC)
    for i in range(5000):
        moment = timeutil.to_canonical(start + dt.timedelta(seconds=i * 47))
        text = f"Event {i}: " + "checkout queue depth rising " * rng.randint(1, 12)
        review.events[f"e{i}"] = TimelineEvent(
            f"e{i}", moment, "UTC", text, rng.choice(EVENT_KINDS), "On-call", i % 7 == 0, i
        )
    reader = PdfReader(io.BytesIO(pdf_bytes(review, {})))
    pages = texts(reader)
    # the timeline's pages (page 1's executive summary has a "What happened" line of its own)
    table_pages = [p for p in pages[1:] if "What happened" in p]
    assert len(table_pages) > 100
    # the zone is named in the repeated header on every page of the table
    assert all("All times in America/Los_Angeles (UTC-07:00)" in p for p in table_pages)
    # 06:00 UTC is the evening before in Los Angeles; the incident spans four local days
    assert "Tuesday 11 March 2025" in table_pages[0] and "Event 4999:" in table_pages[-1]
    assert all(f"{day} March 2025" in " ".join(table_pages) for day in (12, 13, 14))
    assert f"Page {len(pages)} of {len(pages)}" in pages[-1]
