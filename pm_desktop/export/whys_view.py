"""The 5-whys as the exported documents print them: branch labels, each node's tree, its look.

Branch labels come from :func:`pm_desktop.domain.whys.branch_labels`, the same function the app's
tree editor uses, so "root cause B" means the same node on screen, in the PDF and in Markdown:
the children of a node that splits are labelled A, B, C…; splits further down extend the label
(A1, A2…, then A1a, A1b…); every other node belongs to the branch of its nearest labelled
ancestor. Labels restart in each tree.
"""

from __future__ import annotations

from dataclasses import dataclass

from pm_desktop.domain.model import Review, WhyNode
from pm_desktop.domain.whys import branch_labels


@dataclass(frozen=True, slots=True)
class BranchInfo:
    starts: dict[str, str]  # node id → label, for the first node of each branch
    branch: dict[str, str]  # node id → label of the branch it lies in ("" on the trunk)
    tree_of: dict[str, str]  # node id → id of its tree's root


def branch_info(review: Review) -> BranchInfo:
    names = branch_labels(review)
    tree_of: dict[str, str] = {}
    for root in review.why_roots():
        for node in review.subtree(root.id):
            tree_of[node.id] = root.id
    return BranchInfo(dict(names.label), dict(names.branch), tree_of)


def why_state(review: Review, node: WhyNode) -> str:
    """The look of a node: problem, root_cause, unknown, confirmed or possible."""
    if node.parent_id is None or node.parent_id not in review.whys:
        return "problem"
    if node.is_unknown:
        return "unknown"
    if node.root_cause:
        return "root_cause"
    return "confirmed" if node.status == "confirmed" else "possible"


STATE_LABELS = {
    "problem": "Problem",
    "root_cause": "Root cause",
    "unknown": "Not known yet",
    "confirmed": "Confirmed",
    "possible": "Possible",
}
