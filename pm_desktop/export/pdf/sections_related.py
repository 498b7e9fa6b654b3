"""The internal PDF's "Seen before" section: earlier reviews in the team's library that look
like this incident, and why (a shared service, a similar cause, the same kinds of cause).

The caller passes the relations (``build_pdf(related=…)``; the library finds them); the section
is left out of the customer version and when there are none.
"""

from __future__ import annotations

from reportlab.platypus import Flowable, Paragraph

from pm_desktop.domain.recurrence import summary

from .context import Context
from .text import markup

SHOWN = 15


def section(ctx: Context) -> list[Flowable]:
    st = ctx.st
    relations = ctx.related
    out: list[Flowable] = [ctx.heading("Seen before")]
    out.append(
        Paragraph(
            markup(
                summary(list(relations)).capitalize()
                + " of the team's library. What they share is a hint for the follow-ups, "
                "not a verdict."
            ),
            st.muted,
        )
    )
    for relation in relations[:SHOWN]:
        other = relation.other
        when = other.date or "no date"
        text = (
            markup(f"{other.title} ({when})", limit=400)
            + " — "
            + markup("; ".join(relation.reasons), limit=400)
        )
        out.append(Paragraph(text, st.bullet, bulletText="•"))
    if len(relations) > SHOWN:
        out.append(Paragraph(markup(f"…and {len(relations) - SHOWN} more."), st.muted))
    return out
