"""Follow-ups as rows a tracker imports: one stable key per card and three CSV dialects.

**The key.** Every card gets ``PM-<review short id>-<n>``: the first eight characters of the
review's own id (a UUID given when its file was created) and the card's number in the review
(given once when the card is added, never reused: :mod:`pm_desktop.domain.card_numbers`). Both
are stored and never change when the card is edited or moved, so a second import of the same
review finds each ticket again instead of creating a copy, and cards of two reviews never share
a key. A review that was never written to a file (no id yet) falls back to ``PM-<10 hex digits>``
of a hash of the card's id, which is just as stable for that review.

**Dialects** (``--tracker``):

- ``jira``: the column names Jira's CSV importer maps without asking, plus ``External ID``.
- ``linear``: Linear's import columns (Title, Description, Status, Priority, Assignee, Labels,
  Due Date) with Linear's status and priority words, plus ``External ID``.
- ``github``: ``title, body, labels, assignees, milestone, state, external_id`` for scripts that
  create GitHub issues (``gh issue create``); the body is Markdown with the acceptance criteria
  as a task list; the milestone is the due month (``2025-04``).

Every dialect neutralises spreadsheet formulas the same way (:func:`neutralise_cell`).
"""

from __future__ import annotations

import hashlib
import re

from pm_desktop.domain.model import FollowUp, Review

from .job import ExportError

TRACKERS: tuple[str, ...] = ("jira", "linear", "github")
KEY_PREFIX = "PM-"

LINEAR_HEADER = (
    "Title",
    "Description",
    "Status",
    "Priority",
    "Assignee",
    "Labels",
    "Due Date",
    "External ID",
)
LINEAR_STATUS = {"todo": "Todo", "doing": "In Progress", "done": "Done", "dropped": "Canceled"}
LINEAR_PRIORITY = {"high": "High", "medium": "Medium", "low": "Low"}
GITHUB_HEADER = ("title", "body", "labels", "assignees", "milestone", "state", "external_id")

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~&])")
_MD_LINE_START = re.compile(r"^(\s*)([-+=]|\d+[.)])")


def review_short_id(review: Review) -> str:
    """The review's id as a tracker key shows it: eight upper-case letters and digits."""
    return re.sub(r"[^0-9A-Za-z]", "", review.meta.review_id)[:8].upper()


def external_key(card: FollowUp, review: Review) -> str:
    """The card's key in a tracker: the same for the card whatever is edited, in every export."""
    short = review_short_id(review)
    if short and card.number:
        return f"{KEY_PREFIX}{short}-{card.number}"
    digest = hashlib.sha256(card.id.encode("utf-8", "surrogatepass")).hexdigest()
    return KEY_PREFIX + digest[:10].upper()


def check_tracker(name: str) -> str:
    if name not in TRACKERS:
        raise ExportError(f"unknown tracker {name!r}; use {', '.join(TRACKERS)}")
    return name


def md_line(text: str) -> str:
    """One line of user text as Markdown that shows it literally."""
    flat = _MD_SPECIAL.sub(r"\\\1", " ".join(text.split()))
    return _MD_LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), flat)


def markdown_body(card: FollowUp, review: Review, causes: list[str]) -> str:
    """The ticket body in Markdown: text, task list, causes, where it comes from, its key."""
    parts: list[str] = []
    lines = [md_line(line) for line in card.description.splitlines() if line.strip()]
    if lines:
        parts.append("\n".join(lines))
    tasks = [
        f"- [{'x' if c.done else ' '}] {md_line(c.text)}"
        for c in card.acceptance_criteria
        if c.text.strip()
    ]
    if tasks:
        parts.append("**Done when**\n\n" + "\n".join(tasks))
    if causes:
        parts.append("**Addresses**\n\n" + "\n".join(f"- {md_line(c)}" for c in causes))
    title = md_line(review.meta.title) or "an untitled review"
    source = f"From the postmortem **{title}**"
    if review.meta.incident_date:
        source += f" of {review.meta.incident_date}"
    parts.append(source + f" (follow-up {external_key(card, review)}).")
    return "\n\n".join(parts)


def milestone(due: str) -> str:
    """The due month (``2025-04``), or nothing without a due date."""
    return due[:7] if re.fullmatch(r"\d{4}-\d{2}-\d{2}", due or "") else ""
