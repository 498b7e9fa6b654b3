"""Read the JSON interchange format into a review, refusing anything doubtful with a clear message.

The input may come from anyone: every field is type-checked, every image goes through Pillow,
every reference must resolve, and nothing in the file names a path we would read or write.
Errors say where: ``events[3].time: '09:15' is not a UTC time like 2025-03-12T09:15:00Z``.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pm_desktop.domain import timeutil
from pm_desktop.domain.codec import CODECS
from pm_desktop.domain.model import META_LIST_FIELDS, BlobInfo, Evidence, Review, ReviewMeta
from pm_desktop.domain.validate import (
    ValidationError,
    check_entity,
    check_meta,
    check_references,
    check_review,
)

from .images import ImageInfo, ImageRejected, inspect_image
from .json_fields import (
    ImportProblem,
    list_at,
    object_at,
    optional_text_at,
    problem_at,
    read_fields,
    text_at,
    texts_at,
    type_name,
)

__all__ = [
    "ImportProblem",
    "ImportedReview",
    "parse_review_bytes",
    "parse_review_text",
    "read_review_file",
    "review_from_dict",
]

FORMAT = "pm-desktop-review"
SUPPORTED_VERSION = 1
MAX_JSON_BYTES = 1024 * 1024 * 1024  # 1 GiB
MAX_FILE_BYTES = 50 * 1024 * 1024


@dataclass
class ImportedReview:
    review: Review
    blobs: dict[str, bytes] = field(default_factory=dict)


def parse_review_bytes(raw: bytes) -> ImportedReview:
    return review_from_dict(_loads(_decode(raw)), consume=True)


def read_review_file(path: str | os.PathLike[str]) -> ImportedReview:
    """Parse an export file holding as little at once as it can: the bytes are dropped once
    decoded, the text once parsed, each picture's base64 once decoded (peak about twice the
    file instead of seven times). ``OSError`` is the caller's to report."""
    raw = Path(path).read_bytes()
    text = _decode(raw)
    del raw
    data = _loads(text)
    del text
    return review_from_dict(data, consume=True)


def _decode(raw: bytes) -> str:
    if len(raw) > MAX_JSON_BYTES:
        raise ImportProblem(
            f"the file is {len(raw) / 1e9:.1f} GB; the limit is {MAX_JSON_BYTES / 1e9:.0f} GB"
        )
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportProblem(f"the file is not UTF-8 text (byte {exc.start})") from exc


def parse_review_text(text: str) -> ImportedReview:
    return review_from_dict(_loads(text), consume=True)


def _loads(text: str) -> Any:
    try:
        return json.loads(text, parse_constant=_no_constant)
    except json.JSONDecodeError as exc:
        raise ImportProblem(
            f"not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})"
        ) from exc
    except (ValueError, RecursionError) as exc:
        raise ImportProblem(f"not usable JSON ({str(exc)[:160]})") from exc


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not allowed in a review")


def review_from_dict(
    data: Any, *, consume: bool = False, checked: Mapping[str, ImageInfo] | None = None
) -> ImportedReview:
    """The review in a parsed export. With ``consume`` (the data is ours alone) each evidence
    item is dropped from ``data`` once read, so its base64 text is freed as its bytes appear.
    ``checked`` gives what :func:`inspect_image` says of pictures we ship, by their sha256
    (:mod:`.builtin`; a test holds it to the decoder): those bytes are not decoded again. Any
    other picture is, always."""
    root = object_at(data, "")
    if root.get("format") != FORMAT:
        raise ImportProblem(f'not a pm-desktop review export ("format" must be "{FORMAT}")')
    version = root.get("version")
    if isinstance(version, bool) or not isinstance(version, int):
        raise problem_at("version", f"must be a whole number, not {type_name(version)}")
    if version > SUPPORTED_VERSION:
        raise problem_at(
            "version",
            f"{version} is newer than this pm-desktop reads ({SUPPORTED_VERSION}); update pm-desktop",
        )
    if version < 1:
        raise problem_at("version", f"{version} is not a valid version")

    review = Review(meta=_meta(object_at(root.get("review", {}), "review")))
    blobs: dict[str, bytes] = {}
    for name, entity_codec in CODECS.items():
        section = entity_codec.section
        items = list_at(root.get(section), section)
        target = review.collection(name)
        for i in range(len(items)):
            path = f"{section}[{i}]"
            o = object_at(items[i], path)
            if name == "evidence":
                entity = _evidence(o, path, i, review, blobs, checked or {})
                if consume:
                    items[i] = None
            else:
                entity = entity_codec.build(read_fields(entity_codec, o, path, i))
            _add(target, entity, path)
    try:
        check_meta(review.meta)
    except ValidationError as exc:
        raise ImportProblem(str(exc)) from exc
    for name in ("evidence", "whys", "followups", "boxes"):
        for i, entity in enumerate(review.collection(name).values()):
            try:
                check_references(review, entity, loops=False)
            except ValidationError as exc:
                field_name, detail = _split(exc)
                raise problem_at(f"{name}[{i}].{field_name}", detail) from exc
    try:
        check_review(review)  # everything again, and loops in the why trees
    except ValidationError as exc:
        raise ImportProblem(str(exc)) from exc
    return ImportedReview(review, blobs)


def _split(exc: ValidationError) -> tuple[str, str]:
    """``"Evidence.event_ids: no timeline event 'x'"`` → ``("event_ids", "no timeline event 'x'")``."""
    head, _, detail = str(exc).partition(": ")
    return head.split(".", 1)[-1], detail


def _add(items: dict[str, Any], entity: Any, path: str) -> None:
    if not entity.id:
        raise problem_at(f"{path}.id", "is missing")
    if entity.id in items:
        raise problem_at(f"{path}.id", f"{entity.id!r} is used twice")
    try:
        check_entity(entity)
    except ValidationError as exc:
        field_name, detail = _split(exc)
        raise problem_at(f"{path}.{field_name}", detail) from exc
    items[entity.id] = entity


def _meta(o: dict[str, Any]) -> ReviewMeta:
    values: dict[str, Any] = {}
    for name in ReviewMeta.__dataclass_fields__:
        if name in META_LIST_FIELDS:
            values[name] = texts_at(o, name, "review")
        elif name in o:
            values[name] = text_at(o, name, "review")
    if "display_tz" in values:
        try:
            values["display_tz"] = timeutil.normalize_zone(values["display_tz"] or "UTC")
        except timeutil.TimeError as exc:
            raise problem_at("review.display_tz", str(exc)) from exc
    if not values.get("status"):
        values.pop("status", None)
    return ReviewMeta(**values)


def _evidence(
    o: dict[str, Any],
    path: str,
    position: int,
    review: Review,
    blobs: dict[str, bytes],
    checked: Mapping[str, ImageInfo],
) -> Evidence:
    values = read_fields(CODECS["evidence"], o, path, position)
    kind = values["kind"]
    event_ids = values["event_ids"]
    single = optional_text_at(o, "event_id", path)
    if single and single not in event_ids:
        event_ids = (single, *event_ids)
    has_data = o.get("data_base64") is not None
    payload = text_at(o, "data_base64", path)
    mime = values["mime"]
    blob = None
    if payload or (has_data and kind == "file"):
        if kind not in ("image", "file"):
            raise problem_at(
                f"{path}.data_base64", f"only image and file items carry data, not {kind!r} items"
            )
        try:
            data = base64.b64decode(payload, validate=True)
        except (binascii.Error, ValueError) as exc:
            raise problem_at(f"{path}.data_base64", "is not valid base64") from exc
        width = height = 0
        sha = hashlib.sha256(data).hexdigest()
        if kind == "image":
            info = checked.get(sha)
            if info is None:
                try:
                    info = inspect_image(data)
                except ImageRejected as exc:
                    raise problem_at(f"{path}.data_base64", str(exc)) from exc
            mime, width, height = info.mime, info.width, info.height
        else:
            if len(data) > MAX_FILE_BYTES:
                raise problem_at(
                    f"{path}.data_base64",
                    f"the file is {len(data) / 1e6:.0f} MB; the limit is 50 MB",
                )
            mime = mime or "application/octet-stream"
        blob = sha
        if blob not in review.blobs:
            review.blobs[blob] = BlobInfo(blob, mime, len(data), width, height)
            blobs[blob] = data
        else:
            mime = review.blobs[blob].mime
    elif kind in ("image", "file"):
        raise problem_at(f"{path}.data_base64", f"an {kind} item needs its data")
    values.update(
        blob=blob,
        mime=mime,
        event_ids=event_ids,
        filename=_safe_filename(values["filename"]),
    )
    return Evidence(**values)


def _safe_filename(name: str) -> str:
    """Keep only the last path component: an imported name never points anywhere on disk."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    base = "".join(ch for ch in base if ch.isprintable())
    return "" if base in (".", "..") else base[:255]
