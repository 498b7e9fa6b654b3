"""The JSON interchange format (DESIGN.md): a whole review in one text file, images as base64.

Output is deterministic — same review, same bytes — so ``export → import → export`` can be
compared byte for byte. Fields beyond the fixed names (``seq``, ``team``, ``event_ids``…) carry
what the app needs for a lossless round trip; they all come from the entity codecs
(:mod:`pm_desktop.domain.codec`), so a new model field is exported without a change here.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Callable, Sequence
from typing import Any

from pm_desktop.domain.codec import CODECS, meta_to_json
from pm_desktop.domain.model import SEVERITY_WORDS, Review

from .job import ExportJob, atomic_output

FORMAT = "pm-desktop-review"
VERSION = 1

BlobSource = Callable[[str], bytes]


def _ordered(review: Review, collection: str) -> list[Any]:
    """Entities in the order the app shows them (deterministic output)."""
    ordered: dict[str, Callable[..., Sequence[Any]]] = {
        "people": review.sorted_people,
        "events": review.sorted_events,
        "evidence": review.sorted_evidence,
        "whys": review.sorted_whys,
        "followups": review.sorted_followups,
        "parking": review.sorted_parking,
    }
    if collection in ordered:
        return list(ordered[collection]())
    return sorted(review.collection(collection).values(), key=lambda e: (e.seq, e.id))


def review_to_dict(review: Review, read_blob: BlobSource) -> dict[str, Any]:
    """The interchange object: every field of every entity from its codec, plus the evidence
    bytes as base64 and the first linked event as ``event_id`` (the documented single link)."""
    data: dict[str, Any] = {
        "format": FORMAT,
        "version": VERSION,
        "review": meta_to_json(review.meta),
    }
    for name, entity_codec in CODECS.items():
        data[entity_codec.section] = [
            entity_codec.to_json(entity) for entity in _ordered(review, name)
        ]
    for item in data["evidence"]:
        entity = review.evidence[item["id"]]
        payload = ""
        if entity.blob is not None:
            payload = base64.b64encode(read_blob(entity.blob)).decode("ascii")
        item["data_base64"] = payload
        item["event_id"] = entity.event_ids[0] if entity.event_ids else None
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
