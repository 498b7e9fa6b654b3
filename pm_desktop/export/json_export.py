"""The JSON interchange format (DESIGN.md): a whole review in one text file, images as base64.

Output is deterministic — same review, same bytes — so ``export → import → export`` can be
compared byte for byte. Fields beyond the fixed names (``seq``, ``team``, ``event_ids``…) carry
what the app needs for a lossless round trip.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Callable
from typing import Any

from pm_desktop.domain.model import SEVERITY_WORDS, Review

from .job import ExportJob, atomic_output

FORMAT = "pm-desktop-review"
VERSION = 1

BlobSource = Callable[[str], bytes]


def review_to_dict(review: Review, read_blob: BlobSource) -> dict[str, Any]:
    m = review.meta
    data: dict[str, Any] = {
        "format": FORMAT,
        "version": VERSION,
        "review": {
            "title": m.title,
            "severity": m.severity,
            "status": m.status,
            "summary": m.summary,
            "impact": m.impact,
            "display_tz": m.display_tz,
            "incident_date": m.incident_date,
            "lessons_went_well": m.lessons_went_well,
            "lessons_went_wrong": m.lessons_went_wrong,
            "lessons_got_lucky": m.lessons_got_lucky,
            "confidentiality": m.confidentiality,
            "authors": m.authors,
            "coach_ignored": list(m.coach_ignored),
            "facilitator": m.facilitator,
            "note_taker": m.note_taker,
            "opening_statement": m.opening_statement,
            "lessons_learned": m.lessons_learned,
            "public_domains": list(m.public_domains),
        },
        "people": [
            {
                "id": p.id,
                "name": p.name,
                "role": p.role,
                "contribution": p.contribution,
                "team": p.team,
                "seq": p.seq,
                "handles": list(p.handles),
            }
            for p in review.sorted_people()
        ],
        "events": [
            {
                "id": e.id,
                "time": e.time,
                "tz": e.tz,
                "text": e.text,
                "kind": e.kind,
                "author": e.author,
                "approximate": e.approximate,
                "seq": e.seq,
                "turning_point": e.turning_point,
                "open_question": e.open_question,
            }
            for e in review.sorted_events()
        ],
        "evidence": [],
        "whys": [
            {
                "id": w.id,
                "parent_id": w.parent_id,
                "text": w.text,
                "root_cause": w.root_cause,
                "status": w.status,
                "category": w.category,
                "evidence_ids": list(w.evidence_ids),
                "seq": w.seq,
                "contributing_factor": w.contributing,
            }
            for w in review.sorted_whys()
        ],
        "followups": [
            {
                "id": f.id,
                "title": f.title,
                "description": f.description,
                "acceptance_criteria": [c.text for c in f.acceptance_criteria],
                "acceptance_done": [c.done for c in f.acceptance_criteria],
                "owner": f.owner,
                "due": f.due,
                "status": f.status,
                "priority": f.priority,
                "type": f.type,
                "why_ids": list(f.why_ids),
                "url": f.url,
                "seq": f.seq,
            }
            for f in review.sorted_followups()
        ],
        "parking_lot": [
            {
                "id": p.id,
                "text": p.text,
                "event_id": p.event_id,
                "followup_id": p.followup_id,
                "seq": p.seq,
            }
            for p in review.sorted_parking()
        ],
    }
    data["redactions"] = [
        {
            "id": r.id,
            "text": r.text,
            "target": r.target,
            "target_id": r.target_id,
            "field": r.field,
            "seq": r.seq,
        }
        for r in sorted(review.redactions.values(), key=lambda r: (r.seq, r.id))
    ]
    data["redaction_boxes"] = [
        {
            "id": b.id,
            "evidence_id": b.evidence_id,
            "x": b.x,
            "y": b.y,
            "w": b.w,
            "h": b.h,
            "seq": b.seq,
        }
        for b in sorted(review.boxes.values(), key=lambda b: (b.seq, b.id))
    ]
    for item in review.sorted_evidence():
        payload = ""
        if item.blob is not None:
            payload = base64.b64encode(read_blob(item.blob)).decode("ascii")
        data["evidence"].append(
            {
                "id": item.id,
                "kind": item.kind,
                "title": item.title,
                "url": item.url,
                "text": item.text,
                "mime": item.mime,
                "data_base64": payload,
                "event_id": item.event_ids[0] if item.event_ids else None,
                "captured_at": item.captured_at,
                "event_ids": list(item.event_ids),
                "note": item.note,
                "filename": item.filename,
                "captured_tz": item.captured_tz,
                "captured_by": item.captured_by,
                "seq": item.seq,
            }
        )
    return data


def review_to_json(review: Review, read_blob: BlobSource) -> str:
    return json.dumps(review_to_dict(review, read_blob), ensure_ascii=False, indent=2) + "\n"


def export_json(job: ExportJob) -> None:
    """Internal: the whole review, lossless (the interchange format). External: the customer
    version from :func:`~pm_desktop.export.profiles.apply_profile`, nothing else."""
    job.progress(0.0, "Writing JSON")
    review = job.review
    if job.profile != "internal":
        from .profiles import apply_profile

        review = apply_profile(review, job.profile)
    data = review_to_dict(review, job.read_blob)
    if job.profile != "internal":
        # A customer reads words, not our codes; this copy is for reading, not for importing.
        data["review"]["severity"] = SEVERITY_WORDS.get(review.meta.severity, "")
        for key in ("redactions", "redaction_boxes"):
            data.pop(key, None)
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    with atomic_output(job.out, "w", encoding="utf-8") as fh:
        fh.write(text)
    job.progress(1.0, "Done")
