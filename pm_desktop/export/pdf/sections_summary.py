"""Section 1: summary, impact, trigger, detection, response and recovery; and the metric
cards the first page shows."""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.platypus import Flowable, Paragraph, Table, TableStyle

from pm_desktop.domain.metrics import compute_metrics

from . import fonts, styles
from .context import Context, text_block
from .text import markup, paragraphs


def section(ctx: Context) -> list[Flowable]:
    """Summary, impact, what set it off, and how it was noticed, handled and fixed, in full.
    (The response metrics are on the first page, once.)"""
    st, meta = ctx.st, ctx.review.meta
    out: list[Flowable] = [ctx.heading("Summary and impact")]
    out.append(ctx.heading("Summary", 1))
    out += text_block(meta.summary, st.body, "No summary written yet.", st.muted)
    out.append(ctx.heading("Impact", 1))
    out += text_block(meta.impact, st.body, "No impact described yet.", st.muted)
    affected = [("Services", meta.affected_services), ("Regions", meta.affected_regions)]
    for label, value in affected:
        if value.strip():
            line = f"<b>{label} affected:</b> {markup(' '.join(value.split()), limit=4_000)}"
            out.append(Paragraph(line, st.body))
    out.append(ctx.heading("Trigger", 1))
    out += text_block(meta.trigger, st.body, "The trigger is not described yet.", st.muted)
    out.append(ctx.heading("Detection, response and recovery", 1))
    for title, text in (
        ("Detection", meta.detection),
        ("Response", meta.response),
        ("Recovery", meta.recovery),
    ):
        blocks = paragraphs(text)
        if not blocks:
            out.append(Paragraph(f"<b>{title}:</b> " + markup("not described yet."), st.muted))
            continue
        out.append(Paragraph(f"<b>{title}:</b> " + markup(blocks[0]), st.body))
        out += [Paragraph(markup(block), st.body) for block in blocks[1:]]
    return out


def metrics_table(ctx: Context) -> Table:
    st = ctx.st
    width = styles.PORTRAIT_FRAME[0]
    cells = []
    for metric in compute_metrics(ctx.review):
        parts = [
            Paragraph(markup(f"{metric.key} · {metric.label}", fonts.SANS_BOLD), st.small),
        ]
        if metric.seconds is None:
            parts.append(Paragraph("—", st.metric_value))
            parts.append(
                Paragraph(
                    f'<font color="{styles.WARN_HEX}">'
                    f"{markup('Not available: ' + metric.problem)}</font>",
                    st.small,
                )
            )
        else:
            parts.append(Paragraph(markup(metric.text, fonts.SANS_BOLD), st.metric_value))
            parts.append(Paragraph(markup(metric.explanation), st.muted))
        cells.append(parts)
    table = Table([cells], colWidths=[width / len(cells)] * len(cells))
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("FONTNAME", (0, 0), (-1, -1), fonts.SANS),
                ("BACKGROUND", (0, 0), (-1, -1), styles.SOFT),
                ("LINEBEFORE", (1, 0), (-1, -1), 2, colors.white),
                ("LEFTPADDING", (0, 0), (-1, -1), 8),
                ("RIGHTPADDING", (0, 0), (-1, -1), 8),
                ("TOPPADDING", (0, 0), (-1, -1), 7),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 8),
            ]
        )
    )
    return table
