"""The review's revision history: when it was created, last changed, and every status change.

Nobody types these. The store stamps ``created`` when a file is made and ``changed`` whenever an
edit is saved; a status change goes through :func:`set_status`, which records the moment in
``status_history`` in the same undo step (undoing the change takes the record back with it).
Entries are ``"<canonical UTC instant> <status>"``; anything else in a file from elsewhere is
skipped when read, never trusted.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import timeutil
from .edits import Batch, Edit, set_field
from .model import REVIEW_STATUS_LABELS, REVIEW_STATUSES, Review, ReviewMeta

MAX_HISTORY = 200  # status changes kept; the oldest go first (a list field is finite)


@dataclass(frozen=True, slots=True)
class StatusChange:
    at: str  # canonical UTC instant
    status: str

    @property
    def label(self) -> str:
        return REVIEW_STATUS_LABELS.get(self.status, self.status)


def entry(at: str, status: str) -> str:
    return f"{at} {status}"


def is_entry(text: str) -> bool:
    at, _, status = text.partition(" ")
    return timeutil.is_canonical(at) and status in REVIEW_STATUSES


def status_changes(meta: ReviewMeta) -> list[StatusChange]:
    """The recorded status changes, oldest first; malformed entries are left out."""
    out = []
    for text in meta.status_history:
        if is_entry(text):
            at, _, status = text.partition(" ")
            out.append(StatusChange(at, status))
    return sorted(out, key=lambda c: c.at)


def set_status(review: Review, status: str, at: str, label: str = "Change review status") -> Edit:
    """Change the review's status and record when, as one undoable step. ``at`` is the
    canonical moment of the change (the caller's clock, so tests can fix it)."""
    history = (*review.meta.status_history, entry(at, status))[-MAX_HISTORY:]
    return Batch(
        (
            set_field(review, "status", status, label),
            set_field(review, "status_history", history, label),
        ),
        label=label,
    )


def last_changed(meta: ReviewMeta) -> str:
    """The latest recorded moment (``changed``, or the newest status change), or ""."""
    moments = [m for m in (meta.changed, meta.created) if timeutil.is_canonical(m)]
    moments += [c.at for c in status_changes(meta)]
    return max(moments, default="")
