"""Section 4: the 5-whys trees (drawn) and the list of root causes with their follow-ups."""

from __future__ import annotations

from reportlab.platypus import Flowable, PageBreakIfNotEmpty, Paragraph, Spacer

from pm_desktop.domain import palette
from pm_desktop.domain.model import FOLLOWUP_STATUS_LABELS, FollowUp, WhyNode

from ..whys_view import STATE_LABELS, why_state
from . import fonts
from .context import Context, nothing
from .links import anchor, jump
from .text import markup, one_line, runs_markup
from .tree import Legend, TreeBlock, measure_tree, tree_story

HEADING_RESERVE = 120.0  # tree heading, legend and caption


def section(ctx: Context) -> list[Flowable]:
    st = ctx.st
    roots = ctx.review.why_roots()
    if not ctx.profile.why_trees:
        causes = [ctx.heading("Root causes"), *_root_causes(ctx, numbered=True)]
        if ctx.review.contributing_factors():
            causes += [ctx.heading("Contributing factors", 1), *_contributing(ctx)]
        return causes
    out: list[Flowable] = [ctx.heading("Five whys")]
    if not roots:
        return out + [nothing(ctx, "No why-tree started yet.")]
    out.append(
        Paragraph(
            markup(
                "Each tree starts from a problem and keeps asking “why?” until it reaches causes "
                "we can change. Where an answer splits into several, each branch gets a label."
            ),
            st.muted,
        )
    )
    # The causes first, as a reader wants them; then the trees that explain them (drawn
    # trees fill whole pages, so text before them also fills the page they would leave empty)
    out.append(ctx.heading("Root causes", 1))
    out += _root_causes(ctx, numbered=False)
    if ctx.review.contributing_factors():
        out.append(ctx.heading("Contributing factors", 1))
        out += _contributing(ctx)
    for n, root in enumerate(roots, 1):
        ctx.step(f"Drawing why-tree {n} of {len(roots)}")
        nodes = ctx.review.subtree(root.id)
        drawings = {
            orientation: measure_tree(
                ctx.review, nodes, ctx.branches, orientation, note=_tree_note(ctx, n)
            )
            for orientation in ("top-down", "left-right")
        }
        links = _box_links(ctx, nodes)
        for drawing in drawings.values():
            drawing.links = links
        title = f"Tree {n}: {root.text.strip() or 'problem not stated'}"
        heading = ctx.heading(title, 1)  # wraps; the problem box has the text in full
        heading.room, heading.keepWithNext = 0.0, 1  # the figure fits the page after it
        flow, ctx.orientation = tree_story(drawings, heading, HEADING_RESERVE, ctx.orientation)
        if n == 1:  # the legend goes with the first tree, under its heading
            legend = Legend()
            block = next((f for f in flow if isinstance(f, TreeBlock)), None)
            if block is not None:
                block.heads.append(legend)
            else:
                legend.keepWithNext = 1
                at = flow.index(heading) + 1
                flow[at:at] = [legend]
        out += flow
    if ctx.orientation != "portrait":
        out.append(PageBreakIfNotEmpty(nextTemplate="portrait"))
        ctx.orientation = "portrait"
    return out


def _box_links(ctx: Context, nodes: list[WhyNode]) -> dict[str, str]:
    """Where each box jumps: a root cause or contributing factor to its entry in the lists
    above the trees (which name its follow-ups), any other why with a follow-up to that
    follow-up's card (only where the cards are printed)."""
    out: dict[str, str] = {}
    for node in nodes:
        if ctx.places.has("why", node.id):
            out[node.id] = ctx.places.key("why", node.id)
            continue
        cards = ctx.review.followups_for_why(node.id)
        if cards and ctx.profile.followup_details:
            out[node.id] = ctx.places.key("followup", cards[0].id)
    return out


def _tree_note(ctx: Context, tree: int):
    """Gives a why cut short in its box an appendix label, where it is printed in full."""

    def note(node: WhyNode) -> str:
        return ctx.continued(f"why-{node.id}", f"Tree {tree}, why", node.text)

    return note


def _contributing(ctx: Context) -> list[Flowable]:
    """Conditions that together led to the incident, with the follow-ups that address them."""
    out: list[Flowable] = []
    for factor in ctx.review.contributing_factors():
        status = "confirmed" if factor.status == "confirmed" else "possible"
        full = ctx.shortened(f"why-{factor.id}", "Contributing factor", factor.text.strip(), 4_000)
        text = markup(full or "?")
        extra = f" ({STATE_LABELS[status].lower()})"
        if factor.category:
            extra += f" · {markup(factor.category, limit=100)}"
        diamond = runs_markup("◆")
        place = anchor(ctx.places.mark("why", factor.id))
        line = f"{place}{diamond} {text}<font color='#5f6b76'>{extra}</font>"
        out.append(Paragraph(line, ctx.st.body))
        for card in ctx.review.followups_for_why(factor.id):
            out.append(_followup_line(ctx, card))
        out.append(Spacer(1, 4))
    return out


def _root_causes(ctx: Context, *, numbered: bool) -> list[Flowable]:
    st = ctx.st
    causes = ctx.review.root_causes()
    if not causes:
        return [nothing(ctx, "No root cause identified yet.")]
    out: list[Flowable] = []
    roots = {r.id: i for i, r in enumerate(ctx.review.why_roots(), 1)}
    current_tree = None
    for n, cause in enumerate(causes, 1):
        tree = ctx.branches.tree_of.get(cause.id)
        if not numbered and tree != current_tree and len(roots) > 1:
            root = ctx.review.whys.get(tree or "")
            label = f"Tree {roots.get(tree or '', '?')}: {root.text if root else ''}"
            out.append(Paragraph(markup(one_line(label, 140), fonts.SANS_BOLD), st.h3))
            current_tree = tree
        out.append(_cause(ctx, cause, str(n) if numbered else ctx.branches.branch.get(cause.id)))
        for card in ctx.review.followups_for_why(cause.id):
            out.append(_followup_line(ctx, card))
        out.append(Spacer(1, 4))
    return out


def _cause(ctx: Context, cause: WhyNode, label: str | None) -> Paragraph:
    state = why_state(ctx.review, cause)
    swatch = palette.WHY_SWATCHES["root_cause"]
    status = "confirmed" if cause.status == "confirmed" else "possible"
    tag = f"<b>{markup(label)}</b> " if label else ""
    star = f'<font color="{swatch.light}">{runs_markup(swatch.symbol)}</font>'
    what = f"Root cause {label}" if label else "Root cause"
    text = markup(ctx.shortened(f"why-{cause.id}", what, cause.text.strip(), 4_000) or "?")
    extra = f" ({STATE_LABELS[status].lower()})"
    if cause.category:
        extra += f" · {markup(cause.category, limit=100)}"
    if state == "problem":
        extra += " · marked on the problem itself"
    place = anchor(ctx.places.mark("why", cause.id))
    return Paragraph(f"{place}{tag}{star} {text}<font color='#5f6b76'>{extra}</font>", ctx.st.body)


def _followup_line(ctx: Context, card: FollowUp) -> Paragraph:
    swatch = palette.FOLLOWUP_STATUS_SWATCHES.get(card.status)
    status = FOLLOWUP_STATUS_LABELS.get(card.status, card.status)
    symbol = f'<font color="{swatch.light}">{runs_markup(swatch.symbol)}</font> ' if swatch else ""
    details = [status]
    if ctx.profile.followup_details:
        if card.owner.strip():
            details.insert(0, card.owner.strip())
        if card.due:
            details.insert(1 if card.owner.strip() else 0, f"due {card.due}")
    title = markup(card.title, limit=1_000)
    if ctx.profile.followup_details:  # the detailed card is in the follow-ups section
        title = jump(ctx.places.key("followup", card.id), title)
    return Paragraph(
        f"→ {symbol}{title} <font color='#5f6b76'>({markup(', '.join(details), limit=600)})</font>",
        ctx.st.check,
    )
