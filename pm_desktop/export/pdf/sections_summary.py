"""Section 1: summary, impact and the key response metrics."""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from pm_desktop.domain.metrics import compute_metrics

from . import fonts, styles
from .context import Context, text_block
from .text import markup


def section(ctx: Context) -> list[Flowable]:
    st, meta = ctx.st, ctx.review.meta
    out: list[Flowable] = [ctx.heading("Summary and impact")]
    out.append(ctx.heading("Summary", 1))
    out += text_block(meta.summary, st.body, "No summary written yet.", st.muted)
    out.append(ctx.heading("Impact", 1))
    out += text_block(meta.impact, st.body, "No impact described yet.", st.muted)
    if ctx.profile.metrics:
        out.append(ctx.heading("Key metrics", 1))
        out.append(
            Paragraph(
                markup("Measured between the first events of each milestone kind in the timeline."),
                st.muted,
            )
        )
        out.append(Spacer(1, 4))
        out.append(metrics_table(ctx))
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
