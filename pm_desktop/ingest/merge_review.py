"""Merge another review file into an open document (the command line's and the window's path).

Three steps, so the window can show a preview in between: :func:`read_other` opens the other
file through every check (:class:`~pm_desktop.store.other_review.OtherReview`), :func:`plan`
compares it with the document (:func:`~pm_desktop.domain.merge.plan_merge`), and :func:`apply`
copies the stored data the plan needs (each piece once, by sha256) and applies the whole merge as
one edit through ``Document.apply`` (or the caller's undo stack).

Stored data is content, not an edit (see :mod:`pm_desktop.store.blobs`): undoing a merge removes
the evidence that points at copied screenshots; the bytes stay until the review is closed, so a
redo finds them, and are dropped then.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Collection
from pathlib import Path

from pm_desktop.domain.edits import Batch, Change, Edit
from pm_desktop.domain.merge import Key, MergePlan, plan_merge
from pm_desktop.store.document import Document
from pm_desktop.store.opening import OpenError
from pm_desktop.store.other_review import OtherReview

__all__ = ["OpenError", "OtherReview", "apply", "merge_file", "plan", "read_other"]


def read_other(doc: Document, path: os.PathLike[str] | str) -> OtherReview:
    """The other review, checked; refuses the document's own file."""
    p = Path(path)
    try:
        same = p.exists() and os.path.samefile(p, doc.path)
    except OSError:
        same = False
    if same:
        raise OpenError(p, "is the review you are merging into; choose a colleague's copy")
    return OtherReview(p)


def plan(doc: Document, other: OtherReview) -> MergePlan:
    return plan_merge(doc.review, other.review, other.path.name)


def store_blobs(doc: Document, other: OtherReview, merge: MergePlan) -> None:
    """Copy the stored data the merge points at (checked against its sha256 first, all of it
    before any is written, so a damaged file adds nothing)."""
    pieces = [(sha, other.read_blob(sha)) for sha in merge.blobs if sha not in doc.review.blobs]
    for sha, data in pieces:
        info = other.review.blobs[sha]
        doc.put_blob(data, info.mime, width=info.width, height=info.height)


def apply(
    doc: Document,
    other: OtherReview,
    merge: MergePlan,
    take_theirs: Collection[Key] = (),
    *,
    prefer_theirs: bool = False,
    push: Callable[[Edit], Change | None] | None = None,
) -> Change | None:
    """Store the data, then apply the merge as one edit (through ``push`` — the window's undo
    stack — when given, else ``doc.apply``). None when ``push`` refused the edit."""
    edit: Batch = merge.edit(take_theirs, prefer_theirs=prefer_theirs)
    store_blobs(doc, other, merge)
    if not edit.edits:
        return Change(label=edit.label)
    return (push or doc.apply)(edit)


def merge_file(
    doc: Document, path: os.PathLike[str] | str, *, prefer_theirs: bool = False
) -> tuple[MergePlan, Change]:
    """Read, plan and apply in one go (the command line): conflicts keep this file's version
    unless ``prefer_theirs``."""
    with read_other(doc, path) as other:
        merge = plan(doc, other)
        change = apply(doc, other, merge, prefer_theirs=prefer_theirs)
    return merge, change or Change(label=merge.label)
