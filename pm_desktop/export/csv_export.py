"""Follow-ups out to an issue tracker: a CSV file that Jira, Linear, GitHub-style importers and
spreadsheets read, plus the same cards as a Markdown checklist.

Choices, and why:

- Header ``Summary,Description,Assignee,Due Date,Priority,Labels,Status`` — the column names most
  tracker importers map without asking.
- UTF-8 **with** a byte-order mark: Excel opens a BOM-less UTF-8 file in the local code page and
  turns names like "Tomás" or Cyrillic titles into mojibake; tracker importers and Python's
  ``encoding="utf-8-sig"`` skip the mark. Lines end in CRLF (RFC 4180, the csv module's default).
- Acceptance criteria go into the description as a ``- [ ]`` / ``- [x]`` checklist after the
  description, followed by the root causes the card addresses, so the ticket stays traceable to the
  review without a custom field.
- Labels are one cell, separated by spaces (trackers treat a space as a label separator, so a
  label never contains one): the type, ``postmortem``, and ``cause-<category>`` for the 5-whys
  branch each linked node belongs to.
- Spreadsheet formula injection: a cell whose first non-blank character is ``= + - @``, a tab or a
  carriage return is prefixed with an apostrophe, so a spreadsheet shows it as text instead of
  running it. Trackers show the apostrophe; that is the price of opening the file safely in Excel.
- Each card carries its stable tracker key (``External ID``, see :mod:`.trackers`), so a second
  import updates the tickets instead of duplicating them; ``job.tracker`` picks the dialect
  (Jira, Linear or GitHub issues).
- Every card is exported, whatever its column; the status says where it stands. Secrets and
  the text the user marked as redacted never reach the file; the external profile writes the
  customer version's cards (no "Won't do", no owners' names, no internal references, no dates).
"""

from __future__ import annotations

import csv
import re
from dataclasses import replace

from pm_desktop.domain.links import is_safe_url
from pm_desktop.domain.model import FOLLOWUP_STATUS_LABELS, FollowUp, Review

from .job import ExportJob, atomic_output
from .profiles import apply_profile
from .trackers import (
    GITHUB_HEADER,
    LINEAR_HEADER,
    LINEAR_PRIORITY,
    LINEAR_STATUS,
    check_tracker,
    external_key,
    markdown_body,
    milestone,
)

HEADER: tuple[str, ...] = (
    "Summary",
    "Description",
    "Assignee",
    "Due Date",
    "Priority",
    "Labels",
    "Status",
    "External ID",
)
TRACKER_STATUS = {"todo": "To Do", "doing": "In Progress", "done": "Done", "dropped": "Won't Do"}
TRACKER_PRIORITY = {"high": "High", "medium": "Medium", "low": "Low", "": ""}
POSTMORTEM_LABEL = "postmortem"
ENCODING = "utf-8-sig"  # UTF-8 with a BOM, for Excel (see the module docstring)

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise_cell(text: str) -> str:
    """Make a cell safe to open in a spreadsheet: a leading formula character becomes text."""
    if text.lstrip(" ").startswith(_FORMULA_START):
        return "'" + text
    return text


def slug(text: str) -> str:
    """A label-safe word: ``time pressure`` → ``time-pressure`` (letters of any script kept)."""
    return re.sub(r"[^\w]+", "-", text.strip().lower()).strip("-_")


def branch_category(review: Review, why_id: str) -> str:
    """The category of a why node, or of its nearest ancestor that has one ("" if none)."""
    node = review.whys.get(why_id)
    if node is None:
        return ""
    if node.category:
        return node.category
    for ancestor in review.ancestors(why_id):
        parent = review.whys.get(ancestor)
        if parent is not None and parent.category:
            return parent.category
    return ""


def card_labels(card: FollowUp, review: Review) -> list[str]:
    """Type, ``postmortem``, then one ``cause-…`` label per distinct 5-whys branch."""
    labels: list[str] = []
    if card.type:
        labels.append(slug(card.type))
    labels.append(POSTMORTEM_LABEL)
    for why_id in card.why_ids:
        category = branch_category(review, why_id)
        label = f"cause-{slug(category)}" if category and slug(category) else ""
        if label and label not in labels:
            labels.append(label)
    return labels


def criteria_checklist(card: FollowUp) -> str:
    """``- [x] done item`` lines, one per criterion (empty when there are none)."""
    lines = []
    for criterion in card.acceptance_criteria:
        text = " ".join(criterion.text.split())
        if text:
            lines.append(f"- [{'x' if criterion.done else ' '}] {text}")
    return "\n".join(lines)


def linked_causes(card: FollowUp, review: Review) -> list[str]:
    """The text of the why nodes a card addresses, in the card's order (missing ones skipped)."""
    out = []
    for why_id in card.why_ids:
        node = review.whys.get(why_id)
        if node is not None:
            out.append(" ".join(node.text.split()) or "(a why without text)")
    return out


def tracker_description(card: FollowUp, review: Review) -> str:
    """The description a ticket gets: text, acceptance criteria, the causes it addresses, links."""
    parts = []
    if card.description.strip():
        parts.append(card.description.strip())
    checklist = criteria_checklist(card)
    if checklist:
        parts.append("Acceptance criteria:\n" + checklist)
    causes = linked_causes(card, review)
    if causes:
        parts.append("Addresses:\n" + "\n".join(f"- {c}" for c in causes))
    title = " ".join(review.meta.title.split())
    source = f"From the postmortem: {title}" if title else "From a postmortem"
    if review.meta.incident_date:
        source += f" ({review.meta.incident_date})"
    parts.append(source)
    if card.url.strip():
        parts.append(f"Link: {card.url.strip()}")
    return "\n\n".join(parts)


def card_row(card: FollowUp, review: Review) -> list[str]:
    row = [
        " ".join(card.title.split()),
        tracker_description(card, review),
        card.owner.strip(),
        card.due,
        TRACKER_PRIORITY.get(card.priority, ""),
        " ".join(card_labels(card, review)),
        TRACKER_STATUS.get(card.status, "To Do"),
        external_key(card, review),
    ]
    return [neutralise_cell(cell) for cell in row]


def linear_row(card: FollowUp, review: Review) -> list[str]:
    row = [
        " ".join(card.title.split()),
        markdown_body(card, review, linked_causes(card, review)),
        LINEAR_STATUS.get(card.status, "Todo"),
        LINEAR_PRIORITY.get(card.priority, "No priority"),
        card.owner.strip(),
        ",".join(card_labels(card, review)),
        card.due,
        external_key(card, review),
    ]
    return [neutralise_cell(cell) for cell in row]


def github_row(card: FollowUp, review: Review) -> list[str]:
    row = [
        " ".join(card.title.split()),
        markdown_body(card, review, linked_causes(card, review)),
        ",".join(card_labels(card, review)),
        " ".join(card.owner.split()),
        milestone(card.due),
        "closed" if card.status in ("done", "dropped") else "open",
        external_key(card, review),
    ]
    return [neutralise_cell(cell) for cell in row]


DIALECTS = {
    "jira": (HEADER, card_row),
    "linear": (LINEAR_HEADER, linear_row),
    "github": (GITHUB_HEADER, github_row),
}


def followup_rows(review: Review, tracker: str = "jira") -> list[list[str]]:
    """Header plus one row per card, board order (column, then position)."""
    header, row = DIALECTS[check_tracker(tracker)]
    return [list(header)] + [row(card, review) for card in review.sorted_followups()]


def export_csv(job: ExportJob) -> None:
    """Write every follow-up of ``job.review`` to ``job.out`` as tracker-ready CSV."""
    review = apply_profile(job.review, job.profile)
    if job.profile != "internal":
        review.followups = {k: replace(c, due="") for k, c in review.followups.items()}
    rows = followup_rows(review, job.tracker)
    job.progress(0.0, "Writing follow-ups")
    with atomic_output(job.out, "w", encoding=ENCODING) as fh:
        writer = csv.writer(fh, dialect="excel")
        for done, row in enumerate(rows):
            writer.writerow(row)
            if done % 200 == 0:
                job.progress(done / len(rows), "Writing follow-ups")
    job.progress(1.0, "Follow-ups written")


# ------------------------------------------------------------------------------ Markdown

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~])")


def md_text(text: str) -> str:
    """One line of user text, safe inside Markdown: markup characters escaped, spaces folded."""
    return _MD_SPECIAL.sub(r"\\\1", " ".join(text.split()))


def followups_markdown(review: Review) -> str:
    """The board as a Markdown checklist, one section per column (empty columns left out).

    A card is ticked when it is done; its owner, due date, priority, type, acceptance criteria and
    the causes it addresses are listed under it, so the list works without the app.
    """
    out: list[str] = []
    for status, label in FOLLOWUP_STATUS_LABELS.items():
        cards = review.sorted_followups(status)
        if not cards:
            continue
        out.append(f"### {label}\n")
        for card in cards:
            tick = "x" if status == "done" else " "
            title = md_text(card.title)
            if status == "dropped":
                title = f"~~{title}~~"
            facts = [
                f"owner: {md_text(card.owner)}" if card.owner.strip() else "no owner",
                f"due {card.due}" if card.due else "no due date",
            ]
            if card.priority:
                facts.append(f"{card.priority} priority")
            if card.type:
                facts.append(card.type)
            out.append(f"- [{tick}] **{title}** ({', '.join(facts)})")
            if card.description.strip():
                out.append(f"  {md_text(card.description)}")
            for criterion in card.acceptance_criteria:
                if criterion.text.strip():
                    mark = "x" if criterion.done else " "
                    out.append(f"  - [{mark}] {md_text(criterion.text)}")
            for cause in linked_causes(card, review):
                out.append(f"  - addresses: {md_text(cause)}")
            url = card.url.strip()
            if is_safe_url(url) and not any(ch in url for ch in "<>"):
                out.append(f"  - link: <{url}>")
            out.append("")
    return "\n".join(out).rstrip() + "\n" if out else ""
