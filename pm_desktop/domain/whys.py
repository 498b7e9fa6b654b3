"""What the 5-whys views show about a tree, computed once and shared by the graph, the worksheet
outline, the clipboard and the presentation.

Pure functions over a :class:`~pm_desktop.domain.model.Review`; nothing here edits the review
except :func:`paste_branch`, which only *builds* the edit. Reading and writing whys as text or
clipboard JSON lives in :mod:`pm_desktop.ingest.clip_whys`.

Numbering. A tree's root states the problem ("Problem"); a node ``n`` levels below it answers the
n-th "why?" ("Why n"), so the seed's example ends at "Why 5" whatever its branching.

Branch labels. Only the children of a node that *splits* (has two or more children) get a label,
so a straight chain stays unlabelled. The first split met from the root labels its children with
letters ``A, B, C … Z, AA, AB …``; a split further down a labelled branch appends to that label,
alternating digits and lower-case letters like a legal outline: inside branch ``A`` the children
are ``A1, A2 …``, inside ``A1`` they are ``A1a, A1b …``, inside ``A1a`` ``A1a1 …``. A node that
does not start a branch belongs to the branch of its nearest labelled ancestor
(:func:`branch_of`). Each tree is labelled on its own.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from .edits import AddEntity, Batch, EditError
from .model import Review, WhyNode, new_id

# A pasted outline larger than this is refused (with the count), not cut silently.
MAX_PASTE_NODES = 500


# ------------------------------------------------------------------------------ numbering


def step_name(depth: int) -> str:
    """ "Problem" for a root, "Why n" for a node n levels below it."""
    return "Problem" if depth <= 0 else f"Why {depth}"


def letters(index: int, *, upper: bool = True) -> str:
    """0 → A, 25 → Z, 26 → AA, 27 → AB … (bijective base 26)."""
    out = ""
    n = index + 1
    while n > 0:
        n, rem = divmod(n - 1, 26)
        out = chr(ord("A" if upper else "a") + rem) + out
    return out


def _child_label(parent_label: str, index: int) -> str:
    if not parent_label:
        return letters(index)
    if parent_label[-1].isdigit():
        return parent_label + letters(index, upper=False)
    return f"{parent_label}{index + 1}"


def _children_map(review: Review) -> dict[str | None, list[WhyNode]]:
    kids: dict[str | None, list[WhyNode]] = {}
    for node in review.whys.values():
        kids.setdefault(node.parent_id, []).append(node)
    for group in kids.values():
        group.sort(key=lambda w: (w.seq, w.id))
    return kids


def _walk(
    review: Review, kids: Mapping[str | None, list[WhyNode]]
) -> Iterable[tuple[WhyNode, int]]:
    """Every node reachable from a root with its depth, depth first in sibling order."""
    stack = [(root, 0) for root in reversed(kids.get(None, []))]
    while stack:
        node, depth = stack.pop()
        yield node, depth
        stack.extend((child, depth + 1) for child in reversed(kids.get(node.id, [])))


def depths(review: Review) -> dict[str, int]:
    """Depth of every node (roots are 0)."""
    return {node.id: depth for node, depth in _walk(review, _children_map(review))}


@dataclass(frozen=True, slots=True)
class Branches:
    """``label`` only on nodes whose parent splits; ``branch`` inherited by every node."""

    label: dict[str, str]
    branch: dict[str, str]


def branch_labels(review: Review) -> Branches:
    kids = _children_map(review)
    label: dict[str, str] = {}
    branch: dict[str, str] = {}
    for node, _depth in _walk(review, kids):
        own = branch.get(node.id, "")
        branch[node.id] = own
        children = kids.get(node.id, [])
        for i, child in enumerate(children):
            if len(children) > 1:
                label[child.id] = _child_label(own, i)
                branch[child.id] = label[child.id]
            else:
                branch[child.id] = own
    return Branches(label, branch)


def branch_of(review: Review, node_id: str) -> str:
    return branch_labels(review).branch.get(node_id, "")


def tree_root(review: Review, node_id: str) -> str:
    chain = review.ancestors(node_id)
    return chain[-1] if chain else node_id


# ------------------------------------------------------------------------------ follow-ups


def followup_counts(review: Review) -> dict[str, int]:
    """How many follow-up cards point at each node (nodes without any are left out)."""
    counts: dict[str, int] = {}
    for card in review.followups.values():
        for why_id in card.why_ids:
            counts[why_id] = counts.get(why_id, 0) + 1
    return counts


def root_causes_without_followup(review: Review) -> list[WhyNode]:
    """Root causes no follow-up card points at: a review is not finished while any remain."""
    counts = followup_counts(review)
    return [w for w in review.root_causes() if not counts.get(w.id)]


# ------------------------------------------------------------------------------ collapsing


def visible_nodes(
    review: Review,
    collapsed: Iterable[str] = (),
    *,
    max_depth: int | None = None,
    roots: Iterable[str] | None = None,
) -> list[tuple[WhyNode, int]]:
    """Nodes to draw with their depth: a collapsed node is shown, its descendants are not.

    ``max_depth`` hides deeper levels (presentation reveals one level per step); ``roots``
    limits the result to some trees.
    """
    folded = set(collapsed)
    kids = _children_map(review)
    wanted = None if roots is None else set(roots)
    out: list[tuple[WhyNode, int]] = []
    stack = [(r, 0) for r in reversed(kids.get(None, [])) if wanted is None or r.id in wanted]
    while stack:
        node, depth = stack.pop()
        out.append((node, depth))
        if node.id in folded or (max_depth is not None and depth >= max_depth):
            continue
        stack.extend((child, depth + 1) for child in reversed(kids.get(node.id, [])))
    return out


def hidden_counts(review: Review, collapsed: Iterable[str]) -> dict[str, int]:
    """For each collapsed node that has descendants: how many nodes its fold hides."""
    kids = _children_map(review)
    out: dict[str, int] = {}
    for node_id in collapsed:
        if node_id not in review.whys:
            continue
        total, stack = 0, list(kids.get(node_id, []))
        while stack:
            node = stack.pop()
            total += 1
            stack.extend(kids.get(node.id, []))
        if total:
            out[node_id] = total
    return out


# ------------------------------------------------------------------------------ worksheet rows


@dataclass(frozen=True, slots=True)
class OutlineRow:
    """One line of the worksheet view: the node plus what the views print beside it."""

    id: str
    parent_id: str | None
    depth: int
    step: str  # "Problem", "Why 1" …
    label: str  # branch label on this node ("" unless its parent splits)
    branch: str  # branch it belongs to ("" on an unsplit trunk)
    text: str
    root_cause: bool
    status: str
    category: str
    unknown: bool
    evidence: int
    followups: int
    needs_followup: bool
    children: int
    contributing: bool = False

    @property
    def heading(self) -> str:
        """ "Why 5 · A" — the step and, where the tree splits, the branch."""
        return f"{self.step} · {self.label}" if self.label else self.step


def outline_rows(review: Review) -> list[OutlineRow]:
    """Every node, tree by tree, depth first in sibling order, with its worksheet heading."""
    kids = _children_map(review)
    names = branch_labels(review)
    counts = followup_counts(review)
    rows: list[OutlineRow] = []
    for node, depth in _walk(review, kids):
        rows.append(row_for(node, depth, names, counts, len(kids.get(node.id, ()))))
    return rows


def row_for(
    node: WhyNode, depth: int, names: Branches, counts: Mapping[str, int], children: int
) -> OutlineRow:
    followups = counts.get(node.id, 0)
    return OutlineRow(
        id=node.id,
        parent_id=node.parent_id,
        depth=depth,
        step=step_name(depth),
        label=names.label.get(node.id, ""),
        branch=names.branch.get(node.id, ""),
        text=node.text,
        root_cause=node.root_cause,
        status=node.status,
        category=node.category,
        unknown=node.is_unknown,
        evidence=len(node.evidence_ids),
        followups=followups,
        needs_followup=node.root_cause and not followups,
        children=children,
        contributing=node.contributing,
    )


# ------------------------------------------------------------------------------ pasted branches


@dataclass(frozen=True, slots=True)
class OutlineEntry:
    depth: int  # 0 = the first level of the pasted branch
    text: str
    root_cause: bool = False


def paste_branch(review: Review, parent_id: str | None, entries: list[OutlineEntry]) -> Batch:
    """One undoable edit adding ``entries`` under ``parent_id`` (None: as new trees)."""
    if parent_id is not None and parent_id not in review.whys:
        raise EditError(f"no why node {parent_id!r}")
    if not entries:
        raise EditError("nothing to paste")
    next_seq: dict[str | None, int] = {parent_id: len(review.children(parent_id))}
    chain: list[str | None] = [parent_id]
    edits: list[AddEntity] = []
    for entry in entries:
        depth = min(entry.depth, len(chain) - 1)
        del chain[depth + 1 :]
        parent = chain[depth]
        seq = next_seq.get(parent, 0)
        next_seq[parent] = seq + 1
        node = WhyNode(
            new_id(), parent, entry.text, root_cause=entry.root_cause, seq=seq, source="paste"
        )
        edits.append(AddEntity(node))
        chain.append(node.id)
    count = len(edits)
    return Batch(tuple(edits), "Paste why" if count == 1 else f"Paste {count} whys")
