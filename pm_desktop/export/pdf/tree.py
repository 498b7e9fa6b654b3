"""The 5-whys trees as vector drawings, laid out by the same code as the app's tree editor.

Each tree is measured with reportlab's font metrics and placed by
:func:`pm_desktop.domain.tree_layout.layout_forest`. :func:`tree_story` then picks how to print
it: at full size or scaled down (never below a readable text size) on a portrait page, else on a
landscape page, else in tiles across several pages with "continued" marks and overlap — so a tree
of any size prints, and never raises a ``LayoutError``.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field

from reportlab.lib import colors
from reportlab.platypus import Flowable, PageBreakIfNotEmpty

from pm_desktop.domain import palette
from pm_desktop.domain.model import Review, WhyNode
from pm_desktop.domain.tree_layout import LayoutNode, LayoutResult, layout_forest, node_size

from ..whys_view import BranchInfo, why_state
from . import alt, fonts, shaping, styles
from .heads import WithHeads
from .text import clean

FONT_SIZE = 8.5
LINE_HEIGHT = 10.5
MIN_TEXT_SIZE = 6.0  # never print a tree with text smaller than this
MAX_LINES = 14
BOX = 170.0  # widest box among siblings
WIDE_BOX = 250.0  # widest box of a why that is its parent's only answer (a chain)
PADDING = 7.0
CAPTION = 16.0  # room under a tile for its "part i of n" line
OVERLAP = 24.0  # tiles repeat this much of their neighbour's edge
SHRINK = 0.85  # a whole tree may be drawn this much smaller to finish a page
BOLD_STATES = ("problem", "root_cause")


@dataclass
class TreeDrawing:
    """One tree, laid out, with everything needed to draw it at any scale."""

    layout: LayoutResult
    lines: dict[str, list[str]]
    states: dict[str, str]
    labels: dict[str, str]
    orientation: str
    tentative: dict[str, bool] = field(default_factory=dict)  # root causes not yet confirmed
    # why id → the named place its box links to (its entry in the cause list, or the card of
    # the follow-up that answers it); set by the section that knows which places are drawn
    links: dict[str, str] = field(default_factory=dict)

    @property
    def width(self) -> float:
        return self.layout.width + 16  # room for badges sticking out of the boxes

    @property
    def height(self) -> float:
        return self.layout.height + 16


def measure_tree(
    review: Review,
    nodes: list[WhyNode],
    branches: BranchInfo,
    orientation: str,
    note: Callable[[WhyNode], str] | None = None,
) -> TreeDrawing:
    """``note`` gives a why too long for its box a label where it is printed in full; the box
    then ends with "→ in full: A3" instead of just "…"."""

    def measure(text: str) -> float:
        return fonts.string_width(text, fonts.SANS, FONT_SIZE)

    def measure_bold(text: str) -> float:
        return fonts.string_width(text, fonts.SANS_BOLD, FONT_SIZE)

    inputs, lines, states = [], {}, {}
    ids = {node.id for node in nodes}
    children: dict[str | None, int] = {}
    for node in nodes:
        parent = node.parent_id if node.parent_id in ids else None
        children[parent] = children.get(parent, 0) + 1
    for node in nodes:
        state = why_state(review, node)
        full = "?" if state == "unknown" else clean(node.text)
        text = full[:4000]
        parent = node.parent_id if node.parent_id in ids else None
        # a box alone on its row of a top-down chain has the width to itself: wider and
        # shorter; boxes among siblings stay narrow so that a level fits across the page
        alone = orientation == "top-down" and children.get(parent, 0) == 1
        size = {
            "line_height": LINE_HEIGHT,
            "max_width": WIDE_BOX if alone else BOX,
            "min_width": 64,
            "padding": PADDING,
        }
        how = measure_bold if state in BOLD_STATES else measure
        w, h, wrapped = node_size(text, how, max_lines=MAX_LINES, **size)
        cut = len(full) > len(text) or (len(wrapped) == MAX_LINES and wrapped[-1].endswith("…"))
        if cut and note is not None:
            w, h, wrapped = node_size(text, how, max_lines=MAX_LINES - 1, **size)
            wrapped = [*wrapped, f"→ in full: {note(node)}"]
            h += LINE_HEIGHT
        parent = node.parent_id if node.parent_id in review.whys else None
        inputs.append(LayoutNode(node.id, parent, w, h, float(node.seq)))
        lines[node.id] = wrapped
        states[node.id] = state
    gaps = (
        {"sibling_gap": 16, "level_gap": 16, "tree_gap": 40}
        if orientation == "top-down"
        else {"sibling_gap": 10, "level_gap": 34, "tree_gap": 40}
    )
    layout = layout_forest(inputs, orientation=orientation, **gaps)
    labels = {n.id: branches.starts[n.id] for n in nodes if n.id in branches.starts}
    tentative = {n.id: n.status != "confirmed" for n in nodes if n.root_cause}
    return TreeDrawing(layout, lines, states, labels, orientation, tentative)


# --------------------------------------------------------------------------- drawing


def _draw_edges(canv, tree: TreeDrawing, top: float, window) -> None:
    boxes = tree.layout.boxes
    canv.setStrokeColor(colors.HexColor("#90a4ae"))
    canv.setLineWidth(0.9)
    for parent_id, child_id in tree.layout.edges:
        p, c = boxes[parent_id], boxes[child_id]
        if window is not None and not _meets(window, min(p.x, c.x), min(p.y, c.y),
                                              max(p.x + p.width, c.x + c.width),
                                              max(p.y + p.height, c.y + c.height)):  # fmt: skip
            continue
        path = canv.beginPath()
        if tree.orientation == "top-down":
            x0, y0 = p.center_x, top - (p.y + p.height)
            x1, y1 = c.center_x, top - c.y
            mid = (y0 + y1) / 2
            path.moveTo(x0, y0)
            path.lineTo(x0, mid)
            path.lineTo(x1, mid)
            path.lineTo(x1, y1)
        else:
            x0, y0 = p.x + p.width, top - p.center_y
            x1, y1 = c.x, top - c.center_y
            mid = (x0 + x1) / 2
            path.moveTo(x0, y0)
            path.lineTo(mid, y0)
            path.lineTo(mid, y1)
            path.lineTo(x1, y1)
        canv.drawPath(path, stroke=1, fill=0)


def _meets(window, x0: float, y0: float, x1: float, y1: float) -> bool:
    wx0, wy0, wx1, wy1 = window
    return x1 >= wx0 and x0 <= wx1 and y1 >= wy0 and y0 <= wy1


def _holds(area, x: float, y: float, w: float, h: float) -> bool:
    ax0, ay0, ax1, ay1 = area
    return ax0 <= x + 8 and x + 8 + w <= ax1 and ay0 <= y + 8 and y + 8 + h <= ay1


def _draw_node(canv, tree: TreeDrawing, node_id: str, top: float, linked: bool = True) -> None:
    box = tree.layout.boxes[node_id]
    state = tree.states[node_id]
    swatch = palette.WHY_SWATCHES[state]
    colour = styles.hex_colour(swatch.light)
    x, h = box.x, box.height
    y = top - box.y - h
    fill = {
        "problem": styles.hex_colour(swatch.light),
        "root_cause": styles.tint(swatch.light, 0.13),
        "confirmed": styles.tint(swatch.light, 0.08),
        "possible": colors.white,
        "unknown": styles.SOFT,
    }[state]
    canv.setFillColor(fill)
    canv.setStrokeColor(colour)
    canv.setLineWidth({"root_cause": 2.0, "problem": 1.0}.get(state, 1.0))
    if state == "possible" or (state == "root_cause" and tree.tentative.get(node_id)):
        canv.setDash(3, 2)
    elif state == "unknown":
        canv.setDash(1, 2)
    canv.roundRect(x, y, box.width, h, 4, stroke=1, fill=1)
    canv.setDash()
    target = tree.links.get(node_id)
    if target and linked:  # relative: the rectangle follows the tree's scale and tile offset
        canv.linkRect("", target, (x, y, x + box.width, y + h), relative=1, thickness=0)
    text_colour = {"problem": colors.white, "unknown": styles.MUTED}.get(state, styles.INK)
    base = fonts.SANS_BOLD if state in BOLD_STATES else fonts.SANS
    canv.setFillColor(text_colour)
    ty = y + h - PADDING - FONT_SIZE + 1
    rtl = shaping.is_rtl(" ".join(tree.lines[node_id]))  # Arabic, Hebrew: right-aligned
    for line in tree.lines[node_id]:
        if rtl:
            fonts.draw_right(canv, x + box.width - PADDING, ty, line, base, FONT_SIZE, rtl)
        else:
            fonts.draw_string(canv, x + PADDING, ty, line, base, FONT_SIZE)
        ty -= LINE_HEIGHT
    if swatch.symbol and state != "unknown":
        # a badge on the top-right corner: ★ root cause, ✓ confirmed, ? possible
        cx, cy = x + box.width - 2, y + h - 1
        canv.setFillColor(colour)
        canv.setStrokeColor(colors.white)
        canv.setLineWidth(0.8)
        canv.circle(cx, cy, 6.2, stroke=1, fill=1)
        canv.setFillColor(colors.white)
        fonts.draw_centred(canv, cx, cy - 2.6, swatch.symbol, fonts.SANS_BOLD, 7.2)
    label = tree.labels.get(node_id)
    if label:
        width = fonts.string_width(label, fonts.SANS_BOLD, 7.5) + 8
        canv.setFillColor(styles.ACCENT)
        canv.roundRect(x - 4, y + h - 5, width, 11, 3, stroke=0, fill=1)
        canv.setFillColor(colors.white)
        fonts.draw_string(canv, x, y + h - 2, label, fonts.SANS_BOLD, 7.5)


def draw_tree(canv, tree: TreeDrawing, window=None, visible=None) -> None:
    """Draw in tree units with the origin at the bottom-left of the tree's bounding box.

    ``window`` (x0, y0, x1, y1 in layout units, y downwards) skips what lies outside it;
    only boxes wholly inside ``visible`` (the same units; None: all) become links, so that no
    link reaches past a tile's frame.
    """
    top = tree.height - 8
    alt.begin(canv, alt.tree_description(tree.lines, tree.states))
    canv.saveState()
    canv.translate(8, 0)
    _draw_edges(canv, tree, top, window)
    for node_id, box in tree.layout.boxes.items():
        if window is None or _meets(window, box.x, box.y, box.x + box.width, box.y + box.height):
            linked = visible is None or _holds(visible, box.x, box.y, box.width, box.height)
            _draw_node(canv, tree, node_id, top, linked)
    canv.restoreState()
    alt.end(canv)


class TreeFigure(Flowable):
    """A whole tree, scaled by ``scale``."""

    def __init__(self, tree: TreeDrawing, scale: float):
        super().__init__()
        self.tree, self.scale = tree, scale

    def wrap(self, avail_width, avail_height):
        self.width = self.tree.width * self.scale
        self.height = self.tree.height * self.scale
        return self.width, self.height

    def draw(self):
        self.canv.saveState()
        self.canv.scale(self.scale, self.scale)
        draw_tree(self.canv, self.tree)
        self.canv.restoreState()


class TreeBlock(WithHeads):
    """A tree's heading (and legend) with the whole tree under it, kept on one page.

    Where the rest of a page is a little short of the tree, the tree is drawn a little
    smaller (down to ``SHRINK`` of its size, and never below ``MIN_TEXT_SIZE``) instead of
    leaving that rest of the page empty; otherwise the block moves to the next page whole.
    """

    def __init__(self, heads: list[Flowable], figure: TreeFigure):
        super().__init__()
        self.heads, self.figure = heads, figure
        self.natural = figure.scale
        self.floor = max(SHRINK * figure.scale, MIN_TEXT_SIZE / FONT_SIZE)

    def wrap(self, avail_width, avail_height):
        heads = self.heads_height(avail_width)
        tree = self.figure.tree
        scale = self.natural
        if heads + tree.height * scale > avail_height:
            fitted = (avail_height - heads) / tree.height
            if fitted >= self.floor:
                scale = fitted
        self.figure.scale = scale
        _w, h = self.figure.wrap(avail_width, avail_height)
        self.width, self.height = avail_width, heads + h
        return self.width, self.height

    def split(self, avail_width, avail_height):
        return []  # never split: on the next page it fits at its natural size

    def draw(self):
        y = self.draw_heads(self.height)
        self.figure.drawOn(self.canv, 0, y - self.figure.height)


class TreeTile(Flowable):
    """One page-sized piece of a tree too big for any page, with "continued" marks."""

    def __init__(self, tree, scale, origin, size, part, parts, more):
        super().__init__()
        self.tree, self.scale = tree, scale
        self.origin = origin  # top-left of the tile, in tree units (y downwards)
        self.size = size  # tile size on the page, in points (without the caption)
        self.part, self.parts = part, parts
        self.more = more  # (left, right, up, down): is there more of the tree that way?

    def wrap(self, avail_width, avail_height):
        self.width, self.height = self.size[0], self.size[1] + CAPTION
        return self.width, self.height

    def draw(self):
        canv = self.canv
        w, h = self.size
        s = self.scale
        ox, oy = self.origin
        canv.saveState()
        canv.setStrokeColor(styles.RULE)
        canv.setLineWidth(0.5)
        canv.rect(0, CAPTION, w, h, stroke=1, fill=0)
        path = canv.beginPath()
        path.rect(0, CAPTION, w, h)
        canv.clipPath(path, stroke=0, fill=0)
        # page point (px, py) shows tree point (ox + px/s, oy + (h - py)/s)
        canv.translate(-ox * s, CAPTION + h - (self.tree.height - oy) * s)
        canv.scale(s, s)
        window = (ox - 20, oy - 20, ox + w / s + 10, oy + h / s + 10)
        draw_tree(canv, self.tree, window, visible=(ox, oy, ox + w / s, oy + h / s))
        canv.restoreState()
        left, right, up, down = self.more
        marks = [("← continued from the left", left), ("continues to the right →", right),
                 ("↑ continued from above", up), ("continues below ↓", down)]  # fmt: skip
        shown = " · ".join(text for text, on in marks if on)
        canv.setFillColor(styles.MUTED)
        fonts.draw_string(
            canv, 0, 4, f"Part {self.part} of {self.parts}" + (f"  ({shown})" if shown else ""),
            fonts.SANS, 7.5,
        )  # fmt: skip


# --------------------------------------------------------------------------- planning


def _fit_scale(tree: TreeDrawing, frame: tuple[float, float], reserve: float) -> float:
    return min(1.0, frame[0] / tree.width, (frame[1] - reserve) / tree.height)


def tree_story(
    drawings: dict[str, TreeDrawing], heading: Flowable, reserve: float, orientation_now: str
) -> tuple[list[Flowable], str]:
    """Flowables that print one tree (heading first), and the page orientation left afterwards.

    ``drawings`` holds the tree laid out top-down and left-right; ``reserve`` is the height the
    heading and caption need on the tree's first page.
    """
    floor = MIN_TEXT_SIZE / FONT_SIZE
    for frame, template in ((styles.PORTRAIT_FRAME, "portrait"), (styles.LANDSCAPE_FRAME, "landscape")):  # fmt: skip
        for key in ("top-down", "left-right"):
            tree = drawings[key]
            scale = _fit_scale(tree, frame, reserve)
            if scale >= floor:
                out: list[Flowable] = []
                if template != orientation_now:
                    out.append(PageBreakIfNotEmpty(nextTemplate=template))
                return out + [TreeBlock([heading], TreeFigure(tree, scale))], template
    return _tiles(drawings, heading, reserve, floor)


@dataclass
class _Plan:
    """Tiles of one tree: rows and columns of page-sized windows, each owning the boxes
    whose centre falls in its step (it draws ``OVERLAP`` more of its neighbours)."""

    tree: TreeDrawing
    template: str
    tiles: list[tuple[int, int, float, float, float, list[str]]]  # row, col, x, y, height, ids
    width: float  # every tile's width on the page
    full_height: float  # a tile on a page of its own
    lonely: int  # tiles whose only box is a root cause

    def key(self) -> tuple[int, int]:
        return self.lonely, len(self.tiles)


def _rows(height: float, root_y: float, short: float, full: float) -> list[tuple[float, float]]:
    """(top, step) of each row: the row with the problem is the short one (its page also holds
    the heading and legend); every other row uses a whole page."""
    start = max(0.0, root_y - short / 2) if root_y >= short else 0.0
    rows, above = [], math.ceil(start / full) if start > 0 else 0
    rows += [(start - (above - k) * full, full) for k in range(above)]
    rows.append((start, short))
    y = start + short
    while y < height - OVERLAP / 2:
        rows.append((y, full))
        y += full
    return rows


def _plan(tree: TreeDrawing, template: str, frame, reserve: float, scale: float, shift: float) -> _Plan:
    full_h, short_h = frame[1] - CAPTION, frame[1] - reserve - CAPTION
    step_x = (frame[0] - OVERLAP) / scale
    full, short = (full_h - OVERLAP) / scale, (short_h - OVERLAP) / scale
    boxes = tree.layout.boxes
    centres = {b.id: (8 + b.center_x, 8 + b.y + b.height / 2) for b in boxes.values()}
    roots = [root for root, _bounds in tree.layout.trees]
    root_y = centres[roots[0]][1] if roots else 0.0
    rows = _rows(tree.height, root_y, short, full)
    x0 = -shift * step_x
    cols = max(1, math.ceil((tree.width - x0 - OVERLAP / scale) / step_x))
    owned: dict[tuple[int, int], list[str]] = {}
    for node_id, (x, y) in centres.items():
        c = min(cols - 1, max(0, int((x - x0) // step_x)))
        r = next((i for i, (top, step) in enumerate(rows) if y < top + step), len(rows) - 1)
        owned.setdefault((r, c), []).append(node_id)
    tiles = []
    for (r, c), ids in sorted(owned.items()):
        top, step = rows[r]
        height = short_h if step == short else full_h
        # a shifted first column, and a row above the problem's, still show the drawing from
        # its edge (overlapping their neighbour more) rather than a page of nothing beyond it
        tiles.append((r, c, max(0.0, x0 + c * step_x), max(0.0, top), height, ids))
    lonely = sum(1 for *_rest, ids in tiles if len(ids) == 1 and tree.states[ids[0]] == "root_cause")
    return _Plan(tree, template, tiles, frame[0], full_h, lonely)


def _tiles(drawings, heading, reserve, scale) -> tuple[list[Flowable], str]:
    best: _Plan | None = None
    for frame, template in ((styles.PORTRAIT_FRAME, "portrait"), (styles.LANDSCAPE_FRAME, "landscape")):  # fmt: skip
        for tree in drawings.values():
            # columns shifted by part of a step: a root cause alone on a page is avoided
            # where some shift keeps it with its neighbours
            for shift in (0.0, 0.25, 0.5, 0.75):
                plan = _plan(tree, template, frame, reserve, scale, shift)
                if best is None or plan.key() < best.key():
                    best = plan
    assert best is not None
    tree, template = best.tree, best.template
    # The tile with the problem statement comes first (under the heading, in the short row),
    # then the others in reading order; tiles owning no box are left out.
    roots = {root for root, _bounds in tree.layout.trees}
    order = sorted(best.tiles, key=lambda t: (not roots.intersection(t[5]), t[0], t[1]))
    kept = {(t[0], t[1]) for t in order}
    out: list[Flowable] = [PageBreakIfNotEmpty(nextTemplate=template), heading]
    for part, (r, c, x, y, height, _ids) in enumerate(order, 1):
        more = ((r, c - 1) in kept, (r, c + 1) in kept, (r - 1, c) in kept, (r + 1, c) in kept)
        if part > 1:  # on a page of its own: as tall as the page (more overlap, never less)
            height = best.full_height
        piece = TreeTile(tree, scale, (x, y), (best.width, height), part, len(order), more)
        if part > 1:
            out.append(PageBreakIfNotEmpty(nextTemplate=template))
        out.append(piece)
    return out, template


class Legend(Flowable):
    """One small box of each look, drawn by the same code as the trees (scaled to fit)."""

    SAMPLES = (
        ("problem", "Problem"),
        ("confirmed", "Confirmed"),
        ("possible", "Possible"),
        ("root_cause", "Root cause"),
        ("unknown", "? = not known yet"),
    )

    def __init__(self):
        super().__init__()
        from pm_desktop.domain.tree_layout import NodeBox

        boxes, lines, states, x = {}, {}, {}, 0.0
        for state, text in self.SAMPLES:
            width = fonts.string_width(text, fonts.SANS_BOLD, FONT_SIZE) + 2 * PADDING + 8
            boxes[state] = NodeBox(state, x, 0.0, width, LINE_HEIGHT + 2 * PADDING, 0)
            lines[state], states[state] = [text], state
            x += width + 18
        layout = LayoutResult(boxes, (), x - 18, LINE_HEIGHT + 2 * PADDING, ())
        labels = {"possible": "B"}
        self.sample = TreeDrawing(layout, lines, states, labels, "top-down")
        self.note = "B: branch label, where an answer splits"

    def wrap(self, avail_width, avail_height):
        natural = self.sample.width + 12 + fonts.string_width(self.note, fonts.SANS, 7.5)
        self.scale = min(1.0, avail_width / natural)
        self.width, self.height = avail_width, self.sample.height * self.scale
        return self.width, self.height

    def draw(self):
        canv = self.canv
        canv.saveState()
        canv.scale(self.scale, self.scale)
        draw_tree(canv, self.sample)
        canv.setFillColor(styles.MUTED)
        y = self.sample.height / 2 - 3
        fonts.draw_string(canv, self.sample.width + 12, y, self.note, fonts.SANS, 7.5)
        canv.restoreState()
