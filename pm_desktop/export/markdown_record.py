"""Markdown parts beyond the basic sections: the executive summary, how the incident unfolded,
communications, the action table, the review meeting and the revision history.

They say what the PDF says (same domain sources: :mod:`pm_desktop.domain.executive`,
:mod:`pm_desktop.domain.revisions`), in :mod:`.markdown`'s writer ``d``.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from pm_desktop.domain import revisions, timefmt, timeutil
from pm_desktop.domain.customer_version import target_month
from pm_desktop.domain.executive import (
    ExecutiveSummary,
    executive_summary,
    severity_text,
    when_text,
)
from pm_desktop.domain.metrics import compute_metrics
from pm_desktop.domain.model import FOLLOWUP_STATUS_LABELS, FollowUp

from .markdown_text import block, cell, esc, link, one_line

if TYPE_CHECKING:
    from .markdown import _Doc

OPEN = ("todo", "doing")


def executive(d: _Doc) -> None:
    """The summary a reader outside the team reads first, then the response metrics."""
    today = dt.date.today().isoformat()
    s = executive_summary(d.review, today)
    rows = [
        ["What happened", esc(s.what_happened) or "*No summary written yet.*"],
        ["Who was affected", esc(s.affected) or "*No impact described yet.*"],
    ]
    where = [f"Services: {esc(s.services)}"] if s.services else []
    if s.regions:
        where.append(f"Regions: {esc(s.regions)}")
    if where:
        rows.append(["What was affected", "<br>".join(where)])
    rows.append(["When", esc(when_text(s, d.zone, d.zone_label, d.time))])
    rows.append(["Severity", esc(severity_text(s, d.profile.customer))])
    rows.append(["Trigger", esc(s.trigger) or "*Not described yet.*"])
    nodes = s.causes or s.factors
    title = "Root causes" if s.causes else "Contributing factors"
    causes = "<br>".join(f"• {one_line(n.text, 170) or '?'}" for n in nodes[:5])
    if len(nodes) > 5:
        causes += f"<br>and {len(nodes) - 5} more"
    rows.append([title, causes or "*No root cause or contributing factor identified yet.*"])
    rows.append(["Fixes", esc(_fixes(d, s))])
    d.add("## Executive summary", "")
    d.table(["", ""], rows)
    if d.profile.metrics:
        metrics = []
        for m in compute_metrics(d.review):
            value = m.text if m.seconds is not None else "—"
            note = m.explanation if m.seconds is not None else "not available: " + m.problem
            metrics.append([f"**{m.key}** {esc(m.label)}", value, esc(note)])
        d.table(["Metric", "Value", "Notes"], metrics)


def _fixes(d: _Doc, s: ExecutiveSummary) -> str:
    fixes = s.fixes
    if not fixes.total:
        return "No follow-ups yet."
    parts = [fixes.progress]
    card = fixes.next_due
    if card is not None:
        details = d.profile.followup_details
        when = card.due if details else (target_month(card.due) or card.due)
        parts.append(f"next due {when}: {' '.join(card.title.split())}")
    if fixes.overdue and d.profile.followup_details:
        parts.append(f"{fixes.overdue} overdue")
    return " · ".join(parts)


def unfolding(d: _Doc) -> None:
    """Affected services and regions, the trigger, detection, response and recovery."""
    meta = d.review.meta
    for label, value in (("Services", meta.affected_services), ("Regions", meta.affected_regions)):
        if value.strip():
            d.add(f"**{label} affected:** {one_line(value)}", "")
    d.add("### Trigger", "")
    d.para(meta.trigger, "The trigger is not described yet.")
    d.add("### Detection, response and recovery", "")
    for title, text in (
        ("Detection", meta.detection),
        ("Response", meta.response),
        ("Recovery", meta.recovery),
    ):
        paras = block(text)
        if not paras:
            d.add(f"**{title}:** *not described yet.*", "")
            continue
        d.add(f"**{title}:** {paras[0]}", "")
        for p in paras[1:]:
            d.add(p, "")


def communications(d: _Doc) -> None:
    d.add("## Communications", "")
    events = [e for e in d.review.sorted_events() if e.kind == "communication"]
    if not events:
        d.add("*No communication is recorded in the timeline.*", "")
        return
    by = "From" if d.profile.participants else "From (team)"
    rows = [
        [esc(d.time(e.time)) if e.time else "no time", cell(e.author), cell(e.text)] for e in events
    ]
    d.table([f"When ({esc(d.zone)})", by, "What was said, and to whom"], rows)


def action_table(d: _Doc, cards: list[FollowUp]) -> None:
    today = dt.date.today().isoformat()
    rows = []
    for card in cards:
        due = esc(card.due) or "—"
        valid = timeutil.is_valid_date(card.due)
        if card.due and card.status in OPEN and valid and card.due < today:
            due += " (overdue)"
        ticket = link(card.url) if card.url.strip() else "—"
        status = esc(FOLLOWUP_STATUS_LABELS.get(card.status, card.status))
        owner = cell(card.owner) if card.owner.strip() else "nobody yet"
        rows.append([one_line(card.title), owner, due, esc(card.priority) or "—", status, ticket])
    d.add("### Action items", "")
    d.table(["Follow-up", "Owner", "Due", "Priority", "Status", "Ticket"], rows)


def meeting(d: _Doc) -> None:
    meta = d.review.meta
    d.add("### The review meeting", "")
    facts = []
    if timeutil.is_valid_date(meta.meeting_date):
        facts.append(f"Held on {timefmt.long_day(timeutil.parse_date(meta.meeting_date))}")
    for title, name in (("Facilitator", meta.facilitator), ("Note-taker", meta.note_taker)):
        if name.strip():
            facts.append(f"{title}: {' '.join(name.split())}")
    d.add(esc(" · ".join(facts)) if facts else "*No meeting date or roles recorded.*", "")
    if meta.attendees.strip():
        d.add(f"**Attendees:** {one_line(meta.attendees)}", "")


def revision_history(d: _Doc) -> None:
    meta = d.review.meta
    d.add("## Revision history", "")
    rows = []
    if timeutil.is_canonical(meta.created):
        rows.append([esc(d.time(meta.created)), "Review created"])
    for change in revisions.status_changes(meta):
        rows.append([esc(d.time(change.at)), esc(f"Status set to “{change.label}”")])
    last = revisions.last_changed(meta)
    if last:
        rows.append([esc(d.time(last)), "Last changed"])
    if not rows:
        d.add("*No revision history recorded.*", "")
        return
    d.table([f"When ({esc(d.zone)})", "What"], rows)
