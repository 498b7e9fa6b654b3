"""Where every box of the "5 whys" tree goes: one picture for the app and for the PDF.

The tree editor (a QGraphicsView) and the PDF exporter (reportlab) both draw the why-tree. If each
placed the boxes on its own, the exported PDF would drift from what the team saw on screen. So both
measure their text, ask this module for the layout, and draw exactly the boxes and edges it returns.
Pure Python, standard library only; units are whatever the caller measures text in.

The layout is Walker's tidy tree in the linear-time form of Buchheim, Jünger and Leipert (2002),
adapted to boxes of different sizes: neighbouring nodes on a level keep their centres
``half size + sibling_gap + half size`` apart. All nodes of one depth share a level (a row top-down,
a column left-right) as big as its biggest node; a parent sits centred over its first and last
child; identical branches are drawn identically. Several roots are laid out as separate trees side
by side (top-down) or stacked (left-right), ``tree_gap`` apart, with the forest's top-left at (0, 0).

Input rules: a node whose ``parent_id`` is not in the input is a root. Duplicate ids and cycles of
parent links raise :class:`ValueError` naming the ids (a cycle is a data bug, not a picture).
Everything is iterative, so a 10,000-deep chain lays out without touching the recursion limit.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from .wording import counted

ORIENTATIONS = ("top-down", "left-right")
ELLIPSIS = "…"


@dataclass(frozen=True, slots=True)
class LayoutNode:
    """One box to place. ``parent_id`` None (or unknown) makes it a root."""

    id: str
    parent_id: str | None
    width: float
    height: float
    order: float = 0.0  # sibling order (ascending); ties broken by input order


@dataclass(frozen=True, slots=True)
class NodeBox:
    """Where a node goes: top-left corner, size, and depth (roots are depth 0)."""

    id: str
    x: float
    y: float
    width: float
    height: float
    depth: int

    @property
    def center_x(self) -> float:
        return self.x + self.width / 2

    @property
    def center_y(self) -> float:
        return self.y + self.height / 2


@dataclass(frozen=True, slots=True)
class LayoutResult:
    boxes: dict[str, NodeBox]  # in drawing order (trees in order, each parent before its children)
    edges: tuple[tuple[str, str], ...]  # (parent_id, child_id) in drawing order
    width: float  # bounding size of the whole forest, origin (0, 0)
    height: float
    trees: tuple[tuple[str, tuple[float, float, float, float]], ...]  # (root id, (x, y, w, h))


# --------------------------------------------------------------------------- layout


def layout_forest(
    nodes: Sequence[LayoutNode],
    *,
    orientation: str = "top-down",
    sibling_gap: float = 24,
    level_gap: float = 56,
    tree_gap: float = 80,
) -> LayoutResult:
    """Lay out a forest of boxes as tidy trees. Raises ValueError on bad input (see module doc)."""
    if orientation not in ORIENTATIONS:
        raise ValueError(f"orientation must be one of {ORIENTATIONS}, not {orientation!r}")
    for name, gap in (
        ("sibling_gap", sibling_gap),
        ("level_gap", level_gap),
        ("tree_gap", tree_gap),
    ):
        if not (math.isfinite(gap) and gap >= 0):
            raise ValueError(f"{name} must be a finite number >= 0, not {gap!r}")
    n = len(nodes)
    if n == 0:
        return LayoutResult({}, (), 0.0, 0.0, ())

    ids = [node.id for node in nodes]
    parent, children, roots = _link(nodes, ids)
    pre, depth, tree_ranges = _preorder(parent, children, roots, ids)

    top_down = orientation == "top-down"
    widths = [float(node.width) for node in nodes]
    heights = [float(node.height) for node in nodes]
    breadth = widths if top_down else heights  # size along a level
    across = heights if top_down else widths  # size across levels

    centre = _walker(pre, parent, children, breadth, float(sibling_gap))

    # Level positions: each level is as deep as its deepest box, then level_gap.
    level_size = [0.0] * (max(depth) + 1)
    for v in range(n):
        if across[v] > level_size[depth[v]]:
            level_size[depth[v]] = across[v]
    level_pos = [0.0] * len(level_size)
    for d in range(1, len(level_size)):
        level_pos[d] = level_pos[d - 1] + level_size[d - 1] + level_gap

    boxes: dict[str, NodeBox] = {}
    trees: list[tuple[str, tuple[float, float, float, float]]] = []
    cursor = 0.0  # where the next tree starts along the breadth axis
    far_b = far_l = 0.0  # forest extent along breadth / across levels
    for start, end in tree_ranges:
        seg = pre[start:end]
        low = [centre[v] - breadth[v] * 0.5 for v in seg]
        left = min(low)
        tree_b = tree_l = 0.0
        for v, lo in zip(seg, low, strict=True):
            b = (lo - left) + cursor  # never negative: lo >= left
            d = depth[v]
            if top_down:
                box = NodeBox(ids[v], b, level_pos[d], widths[v], heights[v], d)
            else:
                box = NodeBox(ids[v], level_pos[d], b, widths[v], heights[v], d)
            boxes[ids[v]] = box
            if b + breadth[v] > tree_b:
                tree_b = b + breadth[v]
            if level_pos[d] + across[v] > tree_l:
                tree_l = level_pos[d] + across[v]
        extent = (tree_b - cursor, tree_l)
        if top_down:
            trees.append((ids[seg[0]], (cursor, 0.0, extent[0], extent[1])))
        else:
            trees.append((ids[seg[0]], (0.0, cursor, extent[1], extent[0])))
        far_b, far_l = max(far_b, tree_b), max(far_l, tree_l)
        cursor = tree_b + tree_gap

    edges = tuple((ids[parent[v]], ids[v]) for v in pre if parent[v] >= 0)
    width, height = (far_b, far_l) if top_down else (far_l, far_b)
    return LayoutResult(boxes, edges, width, height, tuple(trees))


def _link(
    nodes: Sequence[LayoutNode], ids: list[str]
) -> tuple[list[int], list[list[int]], list[int]]:
    """Index the nodes: parent index (-1 for roots), ordered children, ordered roots."""
    index: dict[str, int] = {}
    for i, node in enumerate(nodes):
        if node.id in index:
            raise ValueError(f"duplicate node id {node.id!r}")
        index[node.id] = i
        if not (0 <= node.width < math.inf and 0 <= node.height < math.inf):  # False for NaN too
            size = (node.width, node.height)
            raise ValueError(f"node {node.id!r}: width and height must be finite and >= 0: {size}")
        if math.isnan(node.order):
            raise ValueError(f"node {node.id!r}: order must not be NaN")
    n = len(nodes)
    parent = [-1] * n
    children: list[list[int]] = [[] for _ in range(n)]
    roots: list[int] = []
    for i, node in enumerate(nodes):
        p = -1 if node.parent_id is None else index.get(node.parent_id, -1)
        parent[i] = p
        (roots if p < 0 else children[p]).append(i)
    orders = [node.order for node in nodes]
    for group in (*children, roots):
        if len(group) > 1:
            group.sort(key=orders.__getitem__)  # stable: ties keep input order
    return parent, children, roots


def _preorder(
    parent: list[int], children: list[list[int]], roots: list[int], ids: list[str]
) -> tuple[list[int], list[int], list[tuple[int, int]]]:
    """Pre-order of the forest (explicit stack), depths, and each tree's slice of the order."""
    n = len(parent)
    pre: list[int] = []
    depth = [0] * n
    ranges: list[tuple[int, int]] = []
    for root in roots:
        start = len(pre)
        stack = [root]
        while stack:
            v = stack.pop()
            pre.append(v)
            kids = children[v]
            if kids:
                d = depth[v] + 1
                for c in kids:
                    depth[c] = d
                stack.extend(reversed(kids))
        ranges.append((start, len(pre)))
    if len(pre) != n:
        raise ValueError(_cycle_message(parent, pre, ids))
    return pre, depth, ranges


def _cycle_message(parent: list[int], reached: list[int], ids: list[str]) -> str:
    # A node not reachable from any root has a parent that is not reachable either, so walking
    # up its parent links must come back to a node already seen: that loop is the cycle.
    seen_ok = set(reached)
    v = next(i for i in range(len(parent)) if i not in seen_ok)
    where: dict[int, int] = {}
    path: list[int] = []
    while v not in where:
        where[v] = len(path)
        path.append(v)
        v = parent[v]
    loop = path[where[v] :] + [v]
    shown = [repr(ids[i]) for i in loop[:12]] + (["..."] if len(loop) > 12 else [])
    return (
        f"parent_id links form a cycle of {counted(len(loop) - 1, 'node')}, so there is no root to draw "
        "them from (each id below is followed by its parent): " + " -> ".join(shown)
    )


def _walker(
    pre: list[int], parent: list[int], children: list[list[int]], size: list[float], gap: float
) -> list[float]:
    """Centre of every node along the breadth axis (Buchheim-Jünger-Leipert), per tree from 0.

    The recursive first walk becomes a loop over the reversed pre-order (every node after all of
    its descendants); placing child k and apportioning it only needs children 0..k-1 finished.
    """
    n = len(parent)
    x = [0.0] * n  # preliminary centre relative to the parent's frame
    mod = [0.0] * n
    shift = [0.0] * n
    change = [0.0] * n
    mid = [0.0] * n  # midpoint of first and last child, in the node's own frame
    number = [0] * n  # index among siblings
    ancestor = list(range(n))
    # next-on-left / next-on-right contour: first / last child, or the thread of a leaf
    nl = [kids[0] if kids else -1 for kids in children]
    nr = [kids[-1] if kids else -1 for kids in children]
    for kids in children:
        for k, c in enumerate(kids):
            number[c] = k

    for v in reversed(pre):
        kids = children[v]
        if not kids:
            continue
        first = kids[0]
        x[first] = mid[first]
        default = prev = first
        moved = False
        for w in kids[1:]:
            xw = x[prev] + (size[prev] + size[w]) * 0.5 + gap
            x[w] = xw
            if children[w]:
                mod[w] = xw - mid[w]
            # apportion: push w's subtree clear of the subtrees to its left, level by level
            vir = vor = w
            vil, vol = prev, first
            sir = sor = mod[w]
            sil, sol = mod[vil], mod[vol]
            r, lft = nr[vil], nl[vir]
            while r >= 0 and lft >= 0:
                vil, vir, vol, vor = r, lft, nl[vol], nr[vor]
                ancestor[vor] = w
                s = (x[vil] + sil) - (x[vir] + sir) + (size[vil] + size[vir]) * 0.5 + gap
                if s > 0:
                    a = ancestor[vil]
                    wl = a if parent[a] == v else default
                    per = s / (number[w] - number[wl])
                    change[w] -= per
                    change[wl] += per
                    shift[w] += s
                    x[w] += s
                    mod[w] += s
                    sir += s
                    sor += s
                    moved = True
                sil += mod[vil]
                sir += mod[vir]
                sol += mod[vol]
                sor += mod[vor]
                r, lft = nr[vil], nl[vir]
            if r >= 0 and nr[vor] < 0:
                # the left part is deeper: thread w's right contour on into it
                nl[vor] = nr[vor] = r
                mod[vor] += sil - sor
            else:
                if lft >= 0 and nl[vol] < 0:
                    # w's branch is deeper: thread the left contour on into it
                    nl[vol] = nr[vol] = lft
                    mod[vol] += sir - sol
                default = w  # clashes below this depth now belong to w's branch
            prev = w
        if moved:  # execute the deferred shifts: spread smaller subtrees evenly
            sh = ch = 0.0
            for k in range(len(kids) - 1, -1, -1):
                w = kids[k]
                x[w] += sh
                mod[w] += sh
                ch += change[w]
                sh += shift[w] + ch
        mid[v] = (x[first] + x[kids[-1]]) * 0.5

    # second walk: absolute centre = own x + the mods of all ancestors (parents come first)
    msum = [0.0] * n
    for v in pre:
        p = parent[v]
        if p >= 0:
            m = msum[p] + mod[p]
            msum[v] = m
            x[v] += m
        else:
            x[v] = mid[v]
    return x


# --------------------------------------------------------------------------- text

# Scripts written without spaces: a line may break between any two of these characters.
_CJK = (
    "\u1100-\u11ff\u2e80-\u2fdf\u3000-\u303f\u3040-\u30ff\u3100-\u312f\u3130-\u318f"
    "\u31a0-\u31ff\u3200-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua960-\ua97f\uac00-\ud7ff"
    "\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\U00020000-\U0003ffff"
)
# Line-breaking rules of CJK text (kinsoku): closing punctuation never starts a line and
# opening brackets never end one, so they travel with the character next to them.
_NO_START = "、。，．・：；？！）］｝〕〉》」』】〙〗〟ー々ゝゞヽヾ…‥"
_NO_END = "（［｛〔〈《「『【〘〖〝"
_TOKEN_RE = re.compile(
    rf"\s+|[{_NO_END}]*[{_CJK}][{_NO_START}]*|[{_NO_END}]+|[{_NO_START}]+|[^\s{_CJK}]+"
)


# Widths of a line's words add up to the line's width within a small fraction (kerning across a
# space is slight): a candidate line whose summed width is clearly inside or outside the limit is
# decided without measuring it; only one near the limit is measured as a whole.
_SLACK = 0.02


def wrap_text(text: str, max_width: float, measure: Callable[[str], float]) -> list[str]:
    """Greedy word wrap by measured width; never returns an empty list.

    Explicit newlines are kept (an empty line stays an empty line). Lines break at whitespace
    (which is dropped at the break) and between CJK characters; a word wider than ``max_width`` is
    broken by characters. A line is never empty because of wrapping: a single character wider than
    ``max_width`` gets a line of its own.

    Each distinct word and space is measured once; a growing line is measured as a whole only
    when the sum of its parts is within ``_SLACK`` of ``max_width``.
    """
    return _wrap(text, max_width, measure)[0]


def _wrap(
    text: str, max_width: float, measure: Callable[[str], float]
) -> tuple[list[str], list[float]]:
    """:func:`wrap_text` and each line's width (the sum of its parts' widths, or the line's
    own measure where it was measured as a whole)."""
    widths: dict[str, float] = {}

    def width(part: str) -> float:
        found = widths.get(part)
        if found is None:
            found = widths[part] = measure(part)
        return found

    slack = abs(max_width) * _SLACK
    lines: list[str] = []
    line_widths: list[float] = []
    for para in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = ""
        line_w = 0.0
        pending = ""  # whitespace between the line and the next token
        for tok in _TOKEN_RE.findall(para):
            if tok[0].isspace():
                pending += tok
                continue
            candidate = line + pending + tok
            estimate = line_w + (width(pending) if pending else 0.0) + width(tok)
            if estimate < max_width - slack:
                fits = True
            elif estimate > max_width + slack:
                fits = False
            else:
                estimate = measure(candidate)
                fits = estimate <= max_width
            if fits:
                line, line_w, pending = candidate, estimate, ""
                continue
            if line:
                lines.append(line)
                line_widths.append(line_w)
            line = pending = ""
            if width(tok) <= max_width:
                line, line_w = tok, width(tok)
            else:
                pieces = _break_word(tok, max_width, measure)
                lines.extend(pieces[:-1])
                line_widths.extend(measure(piece) for piece in pieces[:-1])
                line = pieces[-1]
                line_w = measure(line)
        lines.append(line)
        line_widths.append(line_w)
    return lines, line_widths


def _break_word(word: str, max_width: float, measure: Callable[[str], float]) -> list[str]:
    """Split a too-wide word into the longest fitting pieces (at least one character each).

    Galloping then binary search per piece: O(log) measurements of strings about a line long,
    so a 5,000-character word costs a few hundred measurements, not millions of characters.
    """
    pieces: list[str] = []
    start, n = 0, len(word)
    while start < n:
        rest = n - start
        fits, probe = 0, 1  # word[start:start+fits] fits; find the first length that does not
        while True:
            k = min(probe, rest)
            if measure(word[start : start + k]) > max_width:
                too_long = k
                break
            fits = k
            if k == rest:
                too_long = rest + 1
                break
            probe *= 2
        while too_long - fits > 1:
            half = (fits + too_long) // 2
            if measure(word[start : start + half]) <= max_width:
                fits = half
            else:
                too_long = half
        take = max(fits, 1)
        pieces.append(word[start : start + take])
        start += take
    return pieces


def node_size(
    text: str,
    measure: Callable[[str], float],
    *,
    line_height: float,
    max_width: float,
    min_width: float,
    padding: float,
    max_lines: int | None = None,
) -> tuple[float, float, list[str]]:
    """Size (width, height) of a node box for ``text``, and the lines to draw inside it.

    Text wraps within ``max_width - 2 * padding``. With ``max_lines``, extra lines are cut and the
    last kept line ends with "…" (shortened until it fits).
    """
    if max_lines is not None and max_lines < 1:
        raise ValueError(f"max_lines must be at least 1, not {max_lines!r}")
    inner = max_width - 2 * padding
    lines, widths = _wrap(text, inner, measure)
    if max_lines is not None and len(lines) > max_lines:
        lines, widths = lines[:max_lines], widths[:max_lines]
        last = lines[-1].rstrip()
        while last and measure(last + ELLIPSIS) > inner:
            last = last[:-1].rstrip()
        lines[-1] = last + ELLIPSIS
        widths[-1] = measure(lines[-1])
    text_width = max(widths)
    width = max(min_width, text_width + 2 * padding)
    height = len(lines) * line_height + 2 * padding
    return float(width), float(height), lines
