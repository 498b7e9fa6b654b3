"""The "5 whys" tree layout: the picture the tree editor and the PDF both draw."""

from __future__ import annotations

import random
from collections import defaultdict

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pm_desktop.domain.tree_layout import (
    ELLIPSIS,
    LayoutNode,
    LayoutResult,
    NodeBox,
    layout_forest,
    node_size,
    wrap_text,
)

EPS = 1e-6
ORIENTATIONS = ("top-down", "left-right")
PROPERTY = settings(
    max_examples=100,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)


# --------------------------------------------------------------------------- helpers


def node(id_: str, parent: str | None, width: float = 100, height: float = 40, order: float = 0):
    return LayoutNode(id_, parent, width, height, order)


def breadth_span(box: NodeBox, orientation: str) -> tuple[float, float]:
    """Interval along a level (x top-down, y left-right)."""
    if orientation == "top-down":
        return box.x, box.x + box.width
    return box.y, box.y + box.height


def level_coord(box: NodeBox, orientation: str) -> float:
    return box.y if orientation == "top-down" else box.x


def breadth_centre(box: NodeBox, orientation: str) -> float:
    return box.center_x if orientation == "top-down" else box.center_y


def overlaps(a: NodeBox, b: NodeBox) -> bool:
    dx = min(a.x + a.width, b.x + b.width) - max(a.x, b.x)
    dy = min(a.y + a.height, b.y + b.height) - max(a.y, b.y)
    return dx > EPS and dy > EPS


sizes = st.one_of(
    st.sampled_from([0.0, 10.0, 40.0, 200.0]),
    st.floats(min_value=0, max_value=300, allow_nan=False, allow_infinity=False),
)
gaps = st.one_of(st.sampled_from([0.0, 24.0]), st.floats(min_value=0, max_value=100))


@st.composite
def forests(draw, max_nodes: int = 40) -> list[LayoutNode]:
    """Random forests (bushy, deep or ragged) with random box sizes and sibling orders, shuffled."""
    style = draw(st.sampled_from(["bushy", "deep", "ragged"]))
    specs = draw(
        st.lists(
            st.tuples(st.integers(0, 10**6), sizes, sizes, st.integers(0, 3)),
            min_size=1,
            max_size=max_nodes,
        )
    )
    nodes = []
    for i, (pick, width, height, order) in enumerate(specs):
        nodes.append(LayoutNode(f"n{i}", pick_parent(i, pick, style), width, height, order))
    return draw(st.permutations(nodes))


def pick_parent(i: int, pick: int, style: str) -> str | None:
    if i == 0 or pick % 17 == 0:
        return None
    if style == "deep":  # hang under one of the last 3 nodes: long branches
        return f"n{i - 1 - pick % min(i, 3)}"
    if style == "ragged":  # one of the last 8: branches of every depth side by side
        return f"n{i - 1 - pick % min(i, 8)}"
    return f"n{pick % i}"


def random_forest(rnd: random.Random, size: int) -> list[LayoutNode]:
    """The same kinds of forest, from a seeded generator (bigger and more of them, cheaply)."""
    style = rnd.choice(["bushy", "deep", "ragged"])
    nodes = [
        LayoutNode(
            f"n{i}",
            pick_parent(i, rnd.randrange(10**6), style),
            rnd.choice([10.0, 40.0, 200.0, rnd.uniform(0, 300)]),
            rnd.choice([10.0, rnd.uniform(0, 100)]),
            rnd.randrange(3),
        )
        for i in range(size)
    ]
    rnd.shuffle(nodes)
    return nodes


def check_picture(
    nodes: list[LayoutNode], result: LayoutResult, orientation: str, sg: float, lg: float, tg: float
) -> None:
    """Every promise of layout_forest, checked on one result."""
    by_id = {n.id: n for n in nodes}
    position = {n.id: i for i, n in enumerate(nodes)}
    boxes = result.boxes
    assert set(boxes) == set(by_id)
    kids: dict[str, list[str]] = defaultdict(list)
    for n in nodes:
        if n.parent_id is not None:
            kids[n.parent_id].append(n.id)

    # boxes keep their sizes, start at (0, 0), and the result bounds them all (tightly)
    for box in boxes.values():
        assert (box.width, box.height) == (by_id[box.id].width, by_id[box.id].height)
        assert box.x >= 0 and box.y >= 0
        assert box.x + box.width <= result.width and box.y + box.height <= result.height
    assert result.width == max(b.x + b.width for b in boxes.values())
    assert result.height == max(b.y + b.height for b in boxes.values())
    assert min(b.x for b in boxes.values()) == 0 and min(b.y for b in boxes.values()) == 0

    # depths, and one level coordinate per depth: sum of (biggest box + level_gap) above it
    depth = {b.id: b.depth for b in boxes.values()}
    for n in nodes:
        assert depth[n.id] == (0 if n.parent_id is None else depth[n.parent_id] + 1)
    across = defaultdict(float)
    for box in boxes.values():
        size = box.height if orientation == "top-down" else box.width
        across[box.depth] = max(across[box.depth], size)
    for box in boxes.values():
        expected = sum(across[d] + lg for d in range(box.depth))
        assert level_coord(box, orientation) == pytest.approx(expected, abs=EPS)

    # no two boxes overlap; on one level they are at least a gap apart
    listed = list(boxes.values())
    for i, a in enumerate(listed):
        for b in listed[i + 1 :]:
            assert not overlaps(a, b), (a, b)
            if a.depth == b.depth:
                (a0, a1), (b0, b1) = breadth_span(a, orientation), breadth_span(b, orientation)
                assert max(b0 - a1, a0 - b1) >= min(sg, tg) - EPS, (a, b)

    # parents centred over first and last child; children in (order, input order) left to right
    for pid, children in kids.items():
        children.sort(key=lambda c: (by_id[c].order, position[c]))
        centres = [breadth_centre(boxes[c], orientation) for c in children]
        assert centres == sorted(centres)
        middle = (centres[0] + centres[-1]) / 2
        assert breadth_centre(boxes[pid], orientation) == pytest.approx(middle, abs=EPS)

    # compact: the last child's branch is pushed exactly against its left siblings' branches
    for pid, children in kids.items():
        if len(children) > 1:
            left = contour([c for c in children[:-1]], kids, boxes, orientation, right=True)
            last = contour([children[-1]], kids, boxes, orientation, right=False)
            gap = min(last[d] - left[d] for d in left.keys() & last.keys())
            assert gap == pytest.approx(sg, abs=EPS), pid

    # edges: exactly the parent links, each parent's edge drawn before its children's
    assert sorted(result.edges) == sorted((n.parent_id, n.id) for n in nodes if n.parent_id)
    drawn = {root for root, _ in result.trees}
    for parent, child in result.edges:
        assert parent in drawn
        drawn.add(child)

    # trees in root order, each bounding its own boxes, tree_gap apart along the breadth axis
    roots = sorted(
        (n for n in nodes if n.parent_id is None), key=lambda n: (n.order, position[n.id])
    )
    assert [root for root, _ in result.trees] == [n.id for n in roots]
    tree_of = {}
    for root, _ in result.trees:
        stack = [root]
        while stack:
            v = stack.pop()
            tree_of[v] = root
            stack.extend(kids.get(v, ()))
    bounds = dict(result.trees)
    for box in boxes.values():
        x, y, w, h = bounds[tree_of[box.id]]
        assert x - EPS <= box.x and box.x + box.width <= x + w + EPS
        assert y - EPS <= box.y and box.y + box.height <= y + h + EPS
    spans = [breadth_span_of_bounds(b, orientation) for _, b in result.trees]
    assert spans[0][0] == 0
    for (_, end), (start, _) in zip(spans, spans[1:], strict=False):
        assert start - end == pytest.approx(tg, abs=EPS)


def contour(tops, kids, boxes, orientation, *, right: bool) -> dict[int, float]:
    """Right (or left) edge per depth of the branches under ``tops``."""
    edge: dict[int, float] = {}
    stack = list(tops)
    while stack:
        v = stack.pop()
        lo, hi = breadth_span(boxes[v], orientation)
        d = boxes[v].depth
        edge[d] = max(edge.get(d, hi), hi) if right else min(edge.get(d, lo), lo)
        stack.extend(kids.get(v, ()))
    return edge


def breadth_span_of_bounds(bounds: tuple[float, float, float, float], orientation: str):
    x, y, w, h = bounds
    return (x, x + w) if orientation == "top-down" else (y, y + h)


# --------------------------------------------------------------------------- the picture


def test_a_why_with_two_causes_sits_centred_above_them():
    result = layout_forest(
        [node("why", None, 100, 40), node("a", "why", 60, 30), node("b", "why", 80, 50)]
    )
    assert result.boxes["a"] == NodeBox("a", 0, 96, 60, 30, 1)  # level 1 = 40 + 56
    assert result.boxes["b"] == NodeBox("b", 84, 96, 80, 50, 1)  # 60 + 24
    assert result.boxes["why"] == NodeBox("why", 27, 0, 100, 40, 0)  # centre 77 = (30 + 124) / 2
    assert result.edges == (("why", "a"), ("why", "b"))
    assert (result.width, result.height) == (164, 146)
    assert result.trees == (("why", (0, 0, 164, 146)),)


def test_left_right_puts_causes_in_a_column_to_the_right():
    result = layout_forest(
        [node("why", None, 100, 40), node("a", "why", 60, 30), node("b", "why", 80, 50)],
        orientation="left-right",
    )
    assert result.boxes["why"] == NodeBox("why", 0, 27, 100, 40, 0)  # centre 47 = (15 + 79) / 2
    assert result.boxes["a"] == NodeBox("a", 156, 0, 60, 30, 1)  # column 1 = 100 + 56
    assert result.boxes["b"] == NodeBox("b", 156, 54, 80, 50, 1)  # 30 + 24
    assert (result.width, result.height) == (236, 104)


@pytest.mark.parametrize("orientation", ORIENTATIONS)
@PROPERTY
@given(nodes=forests(), sg=gaps, lg=gaps, tg=gaps)
def test_any_forest_is_drawn_tidily(orientation, nodes, sg, lg, tg):
    result = layout_forest(
        nodes, orientation=orientation, sibling_gap=sg, level_gap=lg, tree_gap=tg
    )
    check_picture(nodes, result, orientation, sg, lg, tg)


@pytest.mark.parametrize("seed", range(6))
def test_hundreds_of_random_forests_are_drawn_tidily(seed):
    rnd = random.Random(seed)
    for _ in range(80):
        nodes = random_forest(rnd, rnd.randint(1, 60))
        orientation = rnd.choice(ORIENTATIONS)
        sg, lg, tg = rnd.choice([0.0, 24.0, rnd.uniform(0, 60)]), 56.0, rnd.uniform(0, 100)
        result = layout_forest(
            nodes, orientation=orientation, sibling_gap=sg, level_gap=lg, tree_gap=tg
        )
        check_picture(nodes, result, orientation, sg, lg, tg)


def _chain(prefix: str, parent: str, length: int, width: float = 40) -> list[LayoutNode]:
    return [
        node(f"{prefix}{i}", f"{prefix}{i - 1}" if i else parent, width, 20) for i in range(length)
    ]


def _threaded_left_contour() -> list[LayoutNode]:
    # P's left edge runs down its leaf child, then on through W's branch (a thread)
    nodes = [node("R", None, 40, 20), *_chain("Q", "R", 2), node("Qw", "Q1", 300, 20)]
    nodes += [node("P", "R", 40, 20), node("L", "P", 40, 20), node("W", "P", 40, 20)]
    return nodes + [node("W1", "W", 40, 20), node("W11", "W1", 40, 20), node("W12", "W1", 40, 20)]


def _clash_with_a_middle_branch() -> list[LayoutNode]:
    # C clashes with B's wide children, not with the deeper A: only s may be spread
    nodes = [node("r", None, 40, 20), node("A", "r", 40, 20), *_chain("A", "A", 2)]
    nodes += [node("B", "r", 40, 20), node("B1", "B", 200, 20), node("B2", "B", 200, 20)]
    nodes += [node("s", "r", 40, 20), node("C", "r", 40, 20)]
    return nodes + [node("C1", "C", 200, 20), node("C2", "C", 200, 20)]


def _staircase() -> list[LayoutNode]:
    # P's branches get deeper left to right; Q's wide box meets the deepest one
    nodes = [node("R", None, 40, 20), *_chain("Q", "R", 5), node("Qw", "Q4", 800, 20)]
    nodes.append(node("P", "R", 40, 20))
    for k in range(5):
        nodes += _chain(f"P{k}-", "P", k + 1)
    return nodes


@pytest.mark.parametrize("shape", [_threaded_left_contour, _clash_with_a_middle_branch, _staircase])
def test_shapes_that_need_every_part_of_the_algorithm_are_drawn_tidily(shape):
    nodes = shape()
    check_picture(nodes, layout_forest(nodes), "top-down", 24, 56, 80)
    turned = [LayoutNode(n.id, n.parent_id, n.height, n.width, n.order) for n in nodes]
    check_picture(turned, layout_forest(turned, orientation="left-right"), "left-right", 24, 56, 80)


@st.composite
def forests_with_repeated_branch(draw):
    """A host forest with 2-4 copies of one random branch hung under random host nodes."""
    host = draw(forests(max_nodes=15))
    branch = draw(forests(max_nodes=12).map(lambda ns: sorted(ns, key=lambda n: int(n.id[1:]))))
    copies = draw(st.integers(2, 4))
    nodes = list(host)
    for k in range(copies):
        anchor = draw(st.sampled_from([None, *(n.id for n in host)]))
        for n in branch:
            if n.parent_id is None and n.id != "n0":
                continue  # one tree per copy: the branch rooted at n0
            parent = anchor if n.id == "n0" else f"c{k}{n.parent_id}"
            nodes.append(LayoutNode(f"c{k}{n.id}", parent, n.width, n.height, n.order))
    return nodes, copies, [n.id for n in branch]


def _descendants(nodes: list[LayoutNode], root: str) -> set[str]:
    kids = defaultdict(list)
    for n in nodes:
        kids[n.parent_id].append(n.id)
    out, stack = set(), [root]
    while stack:
        v = stack.pop()
        out.add(v)
        stack.extend(kids[v])
    return out


@pytest.mark.parametrize("orientation", ORIENTATIONS)
@PROPERTY
@given(case=forests_with_repeated_branch())
def test_identical_branches_are_drawn_identically(orientation, case):
    nodes, copies, branch_ids = case
    boxes = layout_forest(nodes, orientation=orientation).boxes
    members = _descendants(nodes, "c0n0")
    local = [i for i in branch_ids if f"c0{i}" in members]

    def shape(k: int):
        root = boxes[f"c{k}n0"]
        return [
            (boxes[f"c{k}{i}"].x - root.x, boxes[f"c{k}{i}"].y - root.y, boxes[f"c{k}{i}"].depth)
            for i in local
        ]

    first = shape(0)
    for k in range(1, copies):
        other = shape(k)
        same_depth = boxes[f"c{k}n0"].depth == boxes["c0n0"].depth
        for (x0, y0, _), (x1, y1, _) in zip(first, other, strict=True):
            if orientation == "top-down":
                assert x1 == pytest.approx(x0, abs=EPS)
                assert not same_depth or y1 == pytest.approx(y0, abs=EPS)
            else:
                assert y1 == pytest.approx(y0, abs=EPS)
                assert not same_depth or x1 == pytest.approx(x0, abs=EPS)


@PROPERTY
@given(nodes=forests())
def test_left_right_is_top_down_turned_on_its_side(nodes):
    turned = [LayoutNode(n.id, n.parent_id, n.height, n.width, n.order) for n in nodes]
    across = layout_forest(turned, orientation="top-down")
    side = layout_forest(nodes, orientation="left-right")
    for b in across.boxes.values():
        assert side.boxes[b.id] == NodeBox(b.id, b.y, b.x, b.height, b.width, b.depth)
    assert (side.width, side.height) == (across.height, across.width)


@PROPERTY
@given(nodes=forests(), data=st.data())
def test_the_picture_depends_on_sibling_order_not_on_input_sequence(nodes, data):
    ranked = [LayoutNode(n.id, n.parent_id, n.width, n.height, int(n.id[1:])) for n in nodes]
    shuffled = data.draw(st.permutations(ranked))
    assert layout_forest(shuffled) == layout_forest(ranked) == layout_forest(list(ranked))


def test_small_branches_between_big_ones_are_spread_evenly():
    nodes = [node("root", None), node("big1", "root"), node("s1", "root"), node("s2", "root")]
    nodes.append(node("big2", "root"))
    for big in ("big1", "big2"):
        nodes += [node(f"{big}-{i}", big, 300) for i in range(3)]
    boxes = layout_forest(nodes).boxes
    xs = [boxes[i].center_x for i in ("big1", "s1", "s2", "big2")]
    steps = [b - a for a, b in zip(xs, xs[1:], strict=False)]
    assert steps[0] == pytest.approx(steps[1]) == pytest.approx(steps[2])
    assert steps[0] > 100 + 24  # pushed apart by the wide grandchildren, not just packed


def test_several_problem_statements_are_drawn_side_by_side():
    nodes = [node("p1", None, 100), node("p1a", "p1", 300), node("p2", None, 50)]
    result = layout_forest(nodes, tree_gap=80)
    assert result.trees == (("p1", (0, 0, 300, 136)), ("p2", (380, 0, 50, 40)))
    assert result.boxes["p2"].x == 380
    stacked = layout_forest(nodes, orientation="left-right", tree_gap=80)
    assert stacked.trees == (("p1", (0, 0, 456, 40)), ("p2", (0, 120, 50, 40)))


def test_roots_follow_their_order_then_input_order():
    nodes = [node("late", None, order=2), node("first", None, order=1), node("tie", None, order=2)]
    assert [root for root, _ in layout_forest(nodes).trees] == ["first", "late", "tie"]


def test_a_node_whose_parent_is_missing_becomes_a_root():
    result = layout_forest([node("a", None), node("orphan", "deleted-node"), node("b", "orphan")])
    assert [root for root, _ in result.trees] == ["a", "orphan"]
    assert result.boxes["orphan"].depth == 0 and result.boxes["b"].depth == 1
    assert result.edges == (("orphan", "b"),)


def test_nothing_to_draw_gives_an_empty_picture():
    assert layout_forest([]) == LayoutResult({}, (), 0.0, 0.0, ())


@pytest.mark.parametrize("orientation", ORIENTATIONS)
def test_a_lone_problem_statement_sits_at_the_origin(orientation):
    result = layout_forest([node("p", None, 120, 30)], orientation=orientation)
    assert result.boxes == {"p": NodeBox("p", 0, 0, 120, 30, 0)}
    assert (result.width, result.height) == (120, 30)
    assert result.trees == (("p", (0, 0, 120, 30)),)
    assert result.edges == ()


@pytest.mark.parametrize("orientation", ORIENTATIONS)
def test_a_10000_deep_chain_of_whys_lays_out_without_recursion(orientation):
    rnd = random.Random(7)
    nodes = [
        node(f"w{i}", f"w{i - 1}" if i else None, rnd.uniform(20, 200), rnd.uniform(10, 60))
        for i in range(10_000)
    ]
    result = layout_forest(nodes, orientation=orientation)
    centres = {breadth_centre(b, orientation) for b in result.boxes.values()}
    assert max(centres) - min(centres) < EPS  # a chain is one straight line
    deepest = result.boxes["w9999"]
    assert deepest.depth == 9999
    assert level_coord(deepest, orientation) == pytest.approx(
        sum((n.height if orientation == "top-down" else n.width) + 56 for n in nodes[:-1])
    )
    assert len(result.edges) == 9999


@pytest.mark.parametrize("orientation", ORIENTATIONS)
def test_a_10000_wide_star_of_causes_lays_out_in_one_row(orientation):
    nodes = [node("p", None)] + [node(f"c{i}", "p", 50 + i % 7, 30) for i in range(10_000)]
    result = layout_forest(nodes, orientation=orientation, sibling_gap=10)
    spans = [breadth_span(result.boxes[f"c{i}"], orientation) for i in range(10_000)]
    for (_, end), (start, _) in zip(spans, spans[1:], strict=False):
        assert start - end == pytest.approx(10)
    first, last = result.boxes["c0"], result.boxes["c9999"]
    middle = (breadth_centre(first, orientation) + breadth_centre(last, orientation)) / 2
    assert breadth_centre(result.boxes["p"], orientation) == pytest.approx(middle)


def test_the_same_input_always_gives_the_same_picture():
    rnd = random.Random(3)
    nodes = [
        node(f"n{i}", f"n{rnd.randrange(i)}" if i else None, rnd.uniform(10, 90), 20)
        for i in range(300)
    ]
    assert layout_forest(nodes) == layout_forest(list(nodes))


# --------------------------------------------------------------------------- bad input


@pytest.mark.parametrize(
    "nodes, names",
    [
        ([node("a", "c"), node("b", "a"), node("c", "b"), node("ok", None)], ["'a'", "'b'", "'c'"]),
        ([node("self", "self")], ["'self'"]),
        ([node("r", None), node("x", "y"), node("y", "x"), node("z", "x")], ["'x'", "'y'"]),
    ],
)
def test_a_cycle_of_whys_is_refused_with_the_ids_named(nodes, names):
    with pytest.raises(ValueError, match="cycle") as info:
        layout_forest(nodes)
    for name in names:
        assert name in str(info.value)


def test_a_10000_node_cycle_is_refused_without_hanging():
    nodes = [node(f"n{i}", f"n{(i + 1) % 10_000}") for i in range(10_000)]
    with pytest.raises(ValueError, match=r"cycle of 10,000 nodes"):
        layout_forest(nodes)


def test_duplicate_ids_are_refused():
    with pytest.raises(ValueError, match="duplicate node id 'a'"):
        layout_forest([node("a", None), node("a", None)])


@pytest.mark.parametrize(
    "nodes, options",
    [
        ([node("a", None, width=-1)], {}),
        ([node("a", None, height=float("nan"))], {}),
        ([node("a", None, width=float("inf"))], {}),
        ([node("a", None, order=float("nan"))], {}),
        ([node("a", None)], {"orientation": "bottom-up"}),
        ([node("a", None)], {"sibling_gap": -1}),
        ([node("a", None)], {"level_gap": float("nan")}),
        ([node("a", None)], {"tree_gap": float("inf")}),
    ],
)
def test_nonsense_sizes_and_options_are_refused(nodes, options):
    with pytest.raises(ValueError):
        layout_forest(nodes, **options)


# --------------------------------------------------------------------------- text


def mono(text: str) -> float:
    return 10.0 * len(text)


def cjk_wide(text: str) -> float:
    """Latin 10 units, CJK 20 units: roughly how real fonts measure."""
    return sum(20.0 if ord(ch) >= 0x2E80 else 10.0 for ch in text)


def test_a_sentence_wraps_at_spaces():
    assert wrap_text("the quick brown fox", 100, mono) == ["the quick", "brown fox"]


def test_explicit_newlines_and_blank_lines_are_kept():
    assert wrap_text("first\n\nthird\r\nfourth\n", 100, mono) == [
        "first",
        "",
        "third",
        "fourth",
        "",
    ]


def test_a_word_longer_than_the_box_is_broken_by_characters():
    text = "db abcdefghijklmnopqrstuvwxyz ok"
    assert wrap_text(text, 100, mono) == ["db", "abcdefghij", "klmnopqrst", "uvwxyz ok"]


def test_japanese_without_spaces_wraps_between_characters():
    text = "故障の原因はデータベースの接続プールが枯渇したことです"
    lines = wrap_text(text, 100, cjk_wide)
    assert "".join(lines) == text
    # five characters a line, except where "ー" would start one: it stays with its kana
    assert lines == ["故障の原因", "はデータ", "ベースの接", "続プールが", "枯渇したこ", "とです"]


def test_closing_punctuation_never_starts_a_line_nor_an_opening_bracket_ends_one():
    text = "长文本。" * 12 + "「引用」と、句読点。"
    for width in (50, 70, 90, 130):  # at least two characters wide
        lines = wrap_text(text, width, cjk_wide)
        assert "".join(lines) == text
        assert not any(line[0] in "。、」" for line in lines[1:]), lines
        assert not any(line[-1] == "「" for line in lines), lines


def test_chinese_and_latin_mixed_wraps_at_both_kinds_of_break():
    lines = wrap_text("根本原因 was 连接池耗尽 in prod", 80, cjk_wide)
    assert lines == ["根本原因", "was 连接", "池耗尽", "in prod"]


def test_empty_text_is_one_empty_line():
    assert wrap_text("", 100, mono) == [""]
    assert wrap_text("   ", 100, mono) == [""]


def test_a_box_narrower_than_one_character_still_puts_one_per_line():
    assert wrap_text("abc", 5, mono) == ["a", "b", "c"]
    assert wrap_text("ab cd", 0, mono) == ["a", "b", "c", "d"]


def test_a_5000_character_word_wraps_with_few_measurements():
    word = "".join(chr(ord("a") + i % 26) for i in range(5000))
    measured = []

    def counting(text: str) -> float:
        measured.append(len(text))
        return mono(text)

    lines = wrap_text(word, 5000.0, counting)  # 500 characters a line
    assert "".join(lines) == word
    assert [len(line) for line in lines] == [500] * 10
    # a character-by-character search would measure ~1,250,000 characters here
    assert sum(measured) < 30 * len(word)


@PROPERTY
@given(
    text=st.text(alphabet=st.sampled_from(list("abcXYZ  \n\t故障原因データ。")), max_size=200),
    width=st.floats(min_value=0, max_value=300),
)
def test_wrapped_lines_fit_and_keep_every_character(text, width):
    lines = wrap_text(text, width, cjk_wide)
    assert lines and len(lines) >= text.count("\n") + 1
    for line in lines:
        assert cjk_wide(line) <= width or len(line) == 1
        assert line == line.rstrip()
    assert "".join("".join(lines).split()) == "".join(text.split())


def test_a_short_why_gets_the_minimum_box():
    width, height, lines = node_size(
        "db down", mono, line_height=14, max_width=200, min_width=120, padding=8
    )
    assert (width, height, lines) == (120.0, 14 + 16, ["db down"])


def test_a_long_why_grows_downwards_not_sideways():
    width, height, lines = node_size(
        "the quick brown fox jumps over the lazy dog",
        mono,
        line_height=14,
        max_width=120,
        min_width=50,
        padding=10,
    )
    assert lines == ["the quick", "brown fox", "jumps over", "the lazy", "dog"]
    assert (width, height) == (120.0, 5 * 14 + 20)


def test_a_why_too_long_for_max_lines_ends_with_an_ellipsis():
    width, height, lines = node_size(
        "the quick brown fox jumps over the lazy dog",
        mono,
        line_height=14,
        max_width=120,
        min_width=50,
        padding=10,
        max_lines=2,
    )
    assert lines == ["the quick", "brown fox" + ELLIPSIS]
    assert height == 2 * 14 + 20
    assert all(mono(line) <= 100 for line in lines)


def test_the_ellipsis_replaces_characters_when_the_last_line_is_full():
    _, _, lines = node_size(
        "abcdefghij klmnopqrst uvw",
        mono,
        line_height=10,
        max_width=100,
        min_width=0,
        padding=0,
        max_lines=2,
    )
    assert lines == ["abcdefghij", "klmnopqrs" + ELLIPSIS]


def test_a_why_that_fits_in_max_lines_has_no_ellipsis():
    _, _, lines = node_size(
        "db down", mono, line_height=14, max_width=200, min_width=0, padding=8, max_lines=1
    )
    assert lines == ["db down"]


def test_an_empty_why_is_one_blank_line():
    width, height, lines = node_size(
        "", mono, line_height=14, max_width=200, min_width=60, padding=8, max_lines=3
    )
    assert (width, height, lines) == (60.0, 30.0, [""])


def test_max_lines_below_one_is_refused():
    with pytest.raises(ValueError, match="max_lines"):
        node_size("x", mono, line_height=1, max_width=10, min_width=0, padding=0, max_lines=0)
