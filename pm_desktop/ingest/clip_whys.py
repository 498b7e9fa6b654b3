"""A branch of whys as text and as clipboard JSON, both ways (Qt-free).

Text is an indented outline people paste into documents and chats and paste back ("- Why 2 (A):
the pool was exhausted (root cause)"); a worksheet copied from a document becomes a chain. The
JSON payload holds every node in its codec's form (see :mod:`pm_desktop.domain.codec`), so a
field added to why nodes is copied without a change here. Building the edit that adds a pasted
branch stays in :mod:`pm_desktop.domain.whys`.
"""

from __future__ import annotations

import json
import re

from pm_desktop.domain.codec import codec
from pm_desktop.domain.edits import AddEntity, Batch, EditError
from pm_desktop.domain.model import MAX_TEXT, WHY_STATUSES, Review, new_id
from pm_desktop.domain.whys import (
    MAX_PASTE_NODES,
    OutlineEntry,
    branch_labels,
    depths,
    step_name,
)

from .json_fields import read_fields_leniently

# The clipboard type that carries a branch with all its fields (text/plain carries the outline).
BRANCH_MIME = "application/x-pm-why-branch+json"
BRANCH_FORMAT = "pm-desktop-why-branch"
_WHYS = codec("whys")
# Pasted values a node may hold only from a fixed list; anything else takes the default.
_CHOICES: dict[str, tuple[str, ...]] = {"status": WHY_STATUSES}


def branch_outline_text(review: Review, node_id: str) -> str:
    """The branch under ``node_id`` as indented text: two spaces per level, the worksheet
    heading first, "(root cause)" after root causes. :func:`parse_outline` reads it back."""
    all_depths = depths(review)
    names = branch_labels(review)
    base = all_depths.get(node_id, 0)
    lines: list[str] = []
    for node in review.subtree(node_id):
        depth = all_depths.get(node.id, base)
        label = names.label.get(node.id, "")
        head = step_name(depth) + (f" ({label})" if label else "")
        text = " ".join(node.text.split()) or "?"
        tail = " (root cause)" if node.root_cause else ""
        lines.append(f"{'  ' * (depth - base)}- {head}: {text}{tail}")
    return "\n".join(lines) + "\n"


_BULLET = re.compile(r"^(?:[-*•+‣◦·]|\d{1,3}[.)])\s+")
_HEADING = re.compile(
    r"^(?P<step>problem|why\s*(?P<n>\d{1,3}))\s*(?:\((?P<label>[A-Za-z0-9]{1,12})\))?\s*[:.\-–—]\s*",
    re.IGNORECASE,
)
_BRANCH = re.compile(r"^branch\s+[A-Za-z0-9]{1,12}\s*[:.\-–—]\s*", re.IGNORECASE)
_ROOT_TAIL = re.compile(r"\s*\((?:root cause|root)\)\s*$", re.IGNORECASE)
_ROOT_HEAD = re.compile(r"^(?:root cause|★)\s*[:.\-–—]?\s*", re.IGNORECASE)


def parse_outline(text: str) -> list[OutlineEntry]:
    """Read pasted text as a branch of whys; raises ValueError with a sentence when it cannot.

    Each non-blank line is one node. Indentation gives the structure (a tab counts as four
    spaces); a line indented deeper than the one before becomes its child. When no line is
    indented but lines start with "Problem:" / "Why n:", those numbers give the structure, so a
    worksheet pasted from a document becomes a chain. Bullets ("-", "*", "1.") and "Branch A:"
    prefixes are dropped; "(root cause)" at the end or "Root cause:" at the start flags one.
    """
    if not isinstance(text, str):
        raise ValueError("only text can be pasted as whys")
    if "\x00" in text:
        text = text.replace("\x00", "")
    raw = [line.replace("\t", "    ") for line in text.replace("\r\n", "\n").split("\n")]
    lines = [line for line in raw if line.strip()]
    if not lines:
        raise ValueError("the clipboard holds no text to turn into whys")
    if len(lines) > MAX_PASTE_NODES:
        raise ValueError(
            f"the pasted text has {len(lines):,} lines; paste at most {MAX_PASTE_NODES} whys at once"
        )
    indents = [len(line) - len(line.lstrip(" ")) for line in lines]
    cleaned: list[tuple[str, int | None, bool]] = []
    for line in lines:
        body = line.strip()
        body = _BULLET.sub("", body, count=1)
        body = _BRANCH.sub("", body, count=1)
        step: int | None = None
        match = _HEADING.match(body)
        if match:
            step = int(match.group("n")) if match.group("n") else 0
            body = body[match.end() :]
        body = _BRANCH.sub("", body, count=1)
        root = False
        if _ROOT_TAIL.search(body):
            body, root = _ROOT_TAIL.sub("", body), True
        elif _ROOT_HEAD.match(body):
            body, root = _ROOT_HEAD.sub("", body, count=1), True
        if len(body) > MAX_TEXT:
            raise ValueError(
                f"one pasted line is {len(body):,} characters long; too long for a why"
            )
        cleaned.append((body.strip(), step, root))

    steps = [step for _, step, _ in cleaned]
    numbered = [step for step in steps if step is not None]
    # Same indentation throughout and every line numbered: the numbers give the depth.
    levels: list[int] = (
        numbered if len(set(indents)) == 1 and len(numbered) == len(steps) else indents
    )
    return [
        OutlineEntry(depth, body, root)
        for depth, (body, _, root) in zip(_relative_depths(levels), cleaned, strict=True)
    ]


def _relative_depths(levels: list[int]) -> list[int]:
    """Turn indentation widths (or step numbers) into tree depths: deeper than the previous
    line = one level down, otherwise back to the closest open level at or above it."""
    out: list[int] = []
    open_levels: list[int] = []  # indentation of the current ancestors chain
    for level in levels:
        while open_levels and level <= open_levels[-1]:
            open_levels.pop()
        out.append(len(open_levels))
        open_levels.append(level)
    return out


def branch_to_json(review: Review, node_id: str) -> str:
    """The branch with every field, for copy and paste inside the app (ids are replaced on
    paste, evidence links are kept only when the evidence exists in the target review)."""
    items = []
    for node in review.subtree(node_id):
        item = _WHYS.to_json(node, leave_out={"seq"})
        if node.id == node_id:
            item["parent_id"] = None
        items.append(item)
    return json.dumps({"format": BRANCH_FORMAT, "version": 1, "nodes": items})


def paste_branch_json(review: Review, parent_id: str | None, data: str) -> Batch:
    """Rebuild a branch copied with :func:`branch_to_json` under ``parent_id`` with new ids.
    A field with a wrong value takes its default; a node whose parent is missing refuses all."""
    try:
        payload = json.loads(data)
        nodes = payload["nodes"]
        if payload.get("format") != BRANCH_FORMAT or not isinstance(nodes, list):
            raise ValueError
    except (ValueError, KeyError, TypeError, RecursionError) as exc:
        raise EditError("the clipboard does not hold a copied branch of whys") from exc
    if not nodes or len(nodes) > MAX_PASTE_NODES:
        raise EditError(f"a pasted branch must have 1 to {MAX_PASTE_NODES} whys")
    if parent_id is not None and parent_id not in review.whys:
        raise EditError(f"no why node {parent_id!r}")
    fresh: dict[str, str] = {}
    edits: list[AddEntity] = []
    seqs: dict[str | None, int] = {}
    for item in nodes:
        try:
            old_id, old_parent = str(item["id"]), item["parent_id"]
            parent = parent_id if old_parent is None else fresh[str(old_parent)]
        except (KeyError, TypeError) as exc:
            raise EditError("the copied branch is damaged (a node lost its parent)") from exc
        fresh[old_id] = new_id()
        seq = seqs.get(parent, len(review.children(parent)) if parent == parent_id else 0)
        seqs[parent] = seq + 1
        values = read_fields_leniently(_WHYS, item, leave_out=frozenset({"id", "parent_id", "seq"}))
        for name, allowed in _CHOICES.items():
            if values[name] not in allowed:
                values[name] = _WHYS.field(name).fallback
        values["evidence_ids"] = tuple(e for e in values["evidence_ids"] if e in review.evidence)
        node = _WHYS.build({**values, "id": fresh[old_id], "parent_id": parent, "seq": seq})
        edits.append(AddEntity(node))
    count = len(edits)
    return Batch(tuple(edits), "Paste why" if count == 1 else f"Paste {count} whys")
