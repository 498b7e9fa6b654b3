"""From intake drafts to ONE undoable edit: bytes stored first, then every item added at once.

Pure Python (no Qt; in ingest because it starts from the intake's drafts) so the rule "one drop =
one Batch of AddEntity" is tested on its own. Blobs are content-addressed and not edits:
``Document.put_blob`` stores a screenshot once however often it is dropped, and the evidence rows
pointing at it are what undo removes.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

from pm_desktop.domain.edits import AddEntity, Batch
from pm_desktop.domain.model import MAX_LINE, BlobInfo, Evidence, Review, new_id
from pm_desktop.ingest.evidence_intake import EvidenceDraft, one_line

PutBlob = Callable[..., BlobInfo]


def split_duplicates(
    review: Review, drafts: Sequence[EvidenceDraft]
) -> tuple[list[EvidenceDraft], list[tuple[EvidenceDraft, Evidence]]]:
    """Drafts that are new, and drafts whose bytes or URL the review already holds as evidence
    (with that item). Repeats inside the same drop are dropped silently."""
    by_blob = {e.blob: e for e in review.sorted_evidence() if e.blob}
    by_url = {e.url: e for e in review.sorted_evidence() if e.kind == "link" and e.url}
    fresh: list[EvidenceDraft] = []
    known: list[tuple[EvidenceDraft, Evidence]] = []
    seen: set[tuple[str, str]] = set()
    for draft in drafts:
        sha = draft.sha256
        key = ("blob", sha) if sha else (draft.kind, draft.url or draft.text)
        if key in seen:
            continue
        seen.add(key)
        existing = by_blob.get(sha) if sha else by_url.get(draft.url) if draft.url else None
        if existing is not None:
            known.append((draft, existing))
        else:
            fresh.append(draft)
    return fresh, known


def build_edit(
    review: Review,
    drafts: Sequence[EvidenceDraft],
    put_blob: PutBlob,
    *,
    captured_by: str = "",
) -> Batch:
    """Store the drafts' bytes (``put_blob`` is ``Document.put_blob``: content-addressed, not an
    edit) and return ONE edit adding every item, in order."""
    seq = review.next_seq("evidence")
    edits: list[AddEntity] = []
    for offset, draft in enumerate(drafts):
        blob = None
        mime = draft.mime
        if draft.data is not None:
            info = put_blob(
                draft.data,
                draft.mime or "application/octet-stream",
                width=draft.width,
                height=draft.height,
                captured_at=draft.captured_at,
            )
            blob, mime = info.sha256, info.mime
        item = Evidence(
            id=new_id(),
            kind=draft.kind,
            title=draft.title[:MAX_LINE],
            note=draft.note,
            url=draft.url,
            text=draft.text,
            blob=blob,
            mime=mime,
            filename=draft.filename,
            captured_at=draft.captured_at,
            captured_tz=draft.captured_tz,
            captured_by=one_line(captured_by, MAX_LINE),
            seq=seq + offset,
        )
        edits.append(AddEntity(item))
    return Batch(tuple(edits), _label(drafts))


_KIND_WORDS = {"image": "screenshot", "link": "link", "text": "snippet", "file": "file"}


def _label(drafts: Sequence[EvidenceDraft]) -> str:
    kinds = {d.kind for d in drafts}
    if len(drafts) == 1:
        return f"Add {_KIND_WORDS.get(drafts[0].kind, 'evidence')}"
    if len(kinds) == 1:
        return f"Add {len(drafts)} {_KIND_WORDS.get(next(iter(kinds)), 'evidence item')}s"
    return f"Add {len(drafts)} evidence items"


def duplicate_edit(review: Review, ids: Sequence[str]) -> Batch:
    """Copies of existing items (a paste of copied cards): same content and blob, new ids."""
    seq = review.next_seq("evidence")
    edits = [
        AddEntity(replace(review.evidence[i], id=new_id(), seq=seq + n))
        for n, i in enumerate(ids)
        if i in review.evidence
    ]
    word = "item" if len(edits) == 1 else "items"
    return Batch(tuple(edits), f"Paste {len(edits)} evidence {word}")
