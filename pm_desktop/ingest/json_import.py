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
import math
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pm_desktop.domain import timeutil
from pm_desktop.domain.model import (
    META_LIST_FIELDS,
    BlobInfo,
    Criterion,
    Evidence,
    FollowUp,
    ParkingItem,
    Person,
    RedactedSpan,
    RedactionBox,
    Review,
    ReviewMeta,
    TimelineEvent,
    WhyNode,
)
from pm_desktop.domain.validate import (
    ValidationError,
    check_entity,
    check_meta,
    check_references,
    check_review,
)

from .images import ImageRejected, inspect_image

FORMAT = "pm-desktop-review"
SUPPORTED_VERSION = 1
MAX_JSON_BYTES = 1024 * 1024 * 1024  # 1 GiB
MAX_FILE_BYTES = 50 * 1024 * 1024


class ImportProblem(ValueError):
    """The JSON cannot be imported. ``str()`` names the place and the problem."""


@dataclass
class ImportedReview:
    review: Review
    blobs: dict[str, bytes] = field(default_factory=dict)


def _where(path: str, message: str) -> ImportProblem:
    return ImportProblem(f"{path}: {message}" if path else message)


def _obj(value: Any, path: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise _where(path, f"must be an object, not {_type(value)}")
    return value


def _list(value: Any, path: str) -> list[Any]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise _where(path, f"must be a list, not {_type(value)}")
    return value


def _type(value: Any) -> str:
    return {
        dict: "an object",
        list: "a list",
        str: "text",
        bool: "true/false",
        type(None): "null",
    }.get(type(value), "a number" if isinstance(value, (int, float)) else type(value).__name__)


def _str(obj: dict[str, Any], key: str, path: str, default: str = "") -> str:
    value = obj.get(key, default)
    if value is None:
        return default
    if not isinstance(value, str):
        raise _where(f"{path}.{key}", f"must be text, not {_type(value)}")
    return value


def _opt_str(obj: dict[str, Any], key: str, path: str) -> str | None:
    value = obj.get(key)
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise _where(f"{path}.{key}", f"must be text or null, not {_type(value)}")
    return value


def _bool(obj: dict[str, Any], key: str, path: str, default: bool = False) -> bool:
    value = obj.get(key, default)
    if not isinstance(value, bool):
        raise _where(f"{path}.{key}", f"must be true or false, not {_type(value)}")
    return value


def _seq(obj: dict[str, Any], path: str, position: int) -> int:
    value = obj.get("seq", position)
    if isinstance(value, bool) or not isinstance(value, int) or abs(value) > 2**53:
        if (
            isinstance(value, float)
            and math.isfinite(value)
            and value.is_integer()
            and abs(value) <= 2**53
        ):
            return int(value)
        raise _where(f"{path}.seq", f"must be a whole number, not {value!r}"[:200])
    return value


def _int(obj: dict[str, Any], key: str, path: str) -> int:
    value = obj.get(key)
    if isinstance(value, bool) or not isinstance(value, int):
        raise _where(f"{path}.{key}", f"must be a whole number, not {_type(value)}")
    return value


def _ids(obj: dict[str, Any], key: str, path: str) -> tuple[str, ...]:
    out = []
    for i, v in enumerate(_list(obj.get(key), f"{path}.{key}")):
        if not isinstance(v, str):
            raise _where(f"{path}.{key}[{i}]", f"must be an id (text), not {_type(v)}")
        out.append(v)
    return tuple(out)


def _time(obj: dict[str, Any], key: str, path: str) -> str | None:
    value = _opt_str(obj, key, path)
    if value is None:
        return None
    try:
        return timeutil.parse_instant(value)
    except timeutil.TimeError as exc:
        raise _where(f"{path}.{key}", str(exc)) from exc


def _zone(obj: dict[str, Any], key: str, path: str) -> str:
    value = _str(obj, key, path, "UTC") or "UTC"
    try:
        return timeutil.normalize_zone(value)
    except timeutil.TimeError as exc:
        raise _where(f"{path}.{key}", str(exc)) from exc


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


def review_from_dict(data: Any, *, consume: bool = False) -> ImportedReview:
    """The review in a parsed export. With ``consume`` (the data is ours alone) each evidence
    item is dropped from ``data`` once read, so its base64 text is freed as its bytes appear."""
    root = _obj(data, "")
    if root.get("format") != FORMAT:
        raise ImportProblem(f'not a pm-desktop review export ("format" must be "{FORMAT}")')
    version = root.get("version")
    if isinstance(version, bool) or not isinstance(version, int):
        raise _where("version", f"must be a whole number, not {_type(version)}")
    if version > SUPPORTED_VERSION:
        raise _where(
            "version",
            f"{version} is newer than this pm-desktop reads ({SUPPORTED_VERSION}); update pm-desktop",
        )
    if version < 1:
        raise _where("version", f"{version} is not a valid version")

    review = Review(meta=_meta(_obj(root.get("review", {}), "review")))
    blobs: dict[str, bytes] = {}
    for i, raw in enumerate(_list(root.get("people"), "people")):
        path = f"people[{i}]"
        o = _obj(raw, path)
        _add(review.people, Person(
            id=_str(o, "id", path), name=_str(o, "name", path), role=_str(o, "role", path),
            team=_str(o, "team", path), contribution=_str(o, "contribution", path), seq=_seq(o, path, i),
            handles=_ids(o, "handles", path),
        ), path)  # fmt: skip
    for i, raw in enumerate(_list(root.get("events"), "events")):
        path = f"events[{i}]"
        o = _obj(raw, path)
        _add(review.events, TimelineEvent(
            id=_str(o, "id", path), time=_time(o, "time", path), tz=_zone(o, "tz", path),
            text=_str(o, "text", path), kind=_str(o, "kind", path, "note") or "note",
            author=_str(o, "author", path), approximate=_bool(o, "approximate", path), seq=_seq(o, path, i),
            turning_point=_bool(o, "turning_point", path), open_question=_str(o, "open_question", path),
        ), path)  # fmt: skip
    items = _list(root.get("evidence"), "evidence")
    for i in range(len(items)):
        path = f"evidence[{i}]"
        _add(review.evidence, _evidence(_obj(items[i], path), path, i, review, blobs), path)
        if consume:
            items[i] = None
    for i, raw in enumerate(_list(root.get("whys"), "whys")):
        path = f"whys[{i}]"
        o = _obj(raw, path)
        _add(review.whys, WhyNode(
            id=_str(o, "id", path), parent_id=_opt_str(o, "parent_id", path), text=_str(o, "text", path),
            root_cause=_bool(o, "root_cause", path), status=_str(o, "status", path, "possible") or "possible",
            category=_str(o, "category", path), evidence_ids=_ids(o, "evidence_ids", path), seq=_seq(o, path, i),
            contributing=_bool(o, "contributing_factor", path),
        ), path)  # fmt: skip
    for i, raw in enumerate(_list(root.get("followups"), "followups")):
        path = f"followups[{i}]"
        _add(review.followups, _followup(_obj(raw, path), path, i), path)
    for i, raw in enumerate(_list(root.get("parking_lot"), "parking_lot")):
        path = f"parking_lot[{i}]"
        o = _obj(raw, path)
        _add(review.parking, ParkingItem(
            id=_str(o, "id", path), text=_str(o, "text", path), event_id=_str(o, "event_id", path),
            followup_id=_str(o, "followup_id", path), seq=_seq(o, path, i),
        ), path)  # fmt: skip
    for i, raw in enumerate(_list(root.get("redactions", []), "redactions")):
        path = f"redactions[{i}]"
        o = _obj(raw, path)
        _add(review.redactions, RedactedSpan(
            id=_str(o, "id", path), text=_str(o, "text", path), target=_str(o, "target", path),
            target_id=_str(o, "target_id", path), field=_str(o, "field", path), seq=_seq(o, path, i),
        ), path)  # fmt: skip
    for i, raw in enumerate(_list(root.get("redaction_boxes", []), "redaction_boxes")):
        path = f"redaction_boxes[{i}]"
        o = _obj(raw, path)
        _add(review.boxes, RedactionBox(
            id=_str(o, "id", path), evidence_id=_str(o, "evidence_id", path),
            x=_int(o, "x", path), y=_int(o, "y", path), w=_int(o, "w", path), h=_int(o, "h", path),
            seq=_seq(o, path, i),
        ), path)  # fmt: skip
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
                raise _where(f"{name}[{i}].{field_name}", detail) from exc
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
        raise _where(f"{path}.id", "is missing")
    if entity.id in items:
        raise _where(f"{path}.id", f"{entity.id!r} is used twice")
    try:
        check_entity(entity)
    except ValidationError as exc:
        field_name, detail = _split(exc)
        raise _where(f"{path}.{field_name}", detail) from exc
    items[entity.id] = entity


def _meta(o: dict[str, Any]) -> ReviewMeta:
    values: dict[str, Any] = {}
    for name in ReviewMeta.__dataclass_fields__:
        if name in META_LIST_FIELDS:
            values[name] = _ids(o, name, "review")
        elif name in o:
            values[name] = _str(o, name, "review")
    if "display_tz" in values:
        try:
            values["display_tz"] = timeutil.normalize_zone(values["display_tz"] or "UTC")
        except timeutil.TimeError as exc:
            raise _where("review.display_tz", str(exc)) from exc
    if not values.get("status"):
        values.pop("status", None)
    return ReviewMeta(**values)


def _evidence(
    o: dict[str, Any], path: str, position: int, review: Review, blobs: dict[str, bytes]
) -> Evidence:
    kind = _str(o, "kind", path)
    event_ids = _ids(o, "event_ids", path)
    single = _opt_str(o, "event_id", path)
    if single and single not in event_ids:
        event_ids = (single, *event_ids)
    has_data = o.get("data_base64") is not None
    payload = _str(o, "data_base64", path)
    mime = _str(o, "mime", path)
    blob = None
    captured_at = _time(o, "captured_at", path)
    if payload or (has_data and kind == "file"):
        if kind not in ("image", "file"):
            raise _where(
                f"{path}.data_base64", f"only image and file items carry data, not {kind!r} items"
            )
        try:
            data = base64.b64decode(payload, validate=True)
        except (binascii.Error, ValueError) as exc:
            raise _where(f"{path}.data_base64", "is not valid base64") from exc
        width = height = 0
        if kind == "image":
            try:
                info = inspect_image(data)
            except ImageRejected as exc:
                raise _where(f"{path}.data_base64", str(exc)) from exc
            mime, width, height = info.mime, info.width, info.height
        else:
            if len(data) > MAX_FILE_BYTES:
                raise _where(
                    f"{path}.data_base64",
                    f"the file is {len(data) / 1e6:.0f} MB; the limit is 50 MB",
                )
            mime = mime or "application/octet-stream"
        blob = hashlib.sha256(data).hexdigest()
        if blob not in review.blobs:
            review.blobs[blob] = BlobInfo(blob, mime, len(data), width, height)
            blobs[blob] = data
        else:
            mime = review.blobs[blob].mime
    elif kind in ("image", "file"):
        raise _where(f"{path}.data_base64", f"an {kind} item needs its data")
    return Evidence(
        id=_str(o, "id", path), kind=kind, title=_str(o, "title", path), note=_str(o, "note", path),
        url=_str(o, "url", path), text=_str(o, "text", path), blob=blob, mime=mime,
        filename=_safe_filename(_str(o, "filename", path)), captured_at=captured_at,
        captured_tz=_zone(o, "captured_tz", path), captured_by=_str(o, "captured_by", path),
        event_ids=event_ids, seq=_seq(o, path, position),
    )  # fmt: skip


def _safe_filename(name: str) -> str:
    """Keep only the last path component: an imported name never points anywhere on disk."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    base = "".join(ch for ch in base if ch.isprintable())
    return "" if base in (".", "..") else base[:255]


def _followup(o: dict[str, Any], path: str, position: int) -> FollowUp:
    texts = _list(o.get("acceptance_criteria"), f"{path}.acceptance_criteria")
    done = _list(o.get("acceptance_done"), f"{path}.acceptance_done")
    criteria = []
    for i, t in enumerate(texts):
        if not isinstance(t, str):
            raise _where(f"{path}.acceptance_criteria[{i}]", f"must be text, not {_type(t)}")
        flag = done[i] if i < len(done) else False
        if not isinstance(flag, bool):
            raise _where(
                f"{path}.acceptance_done[{i}]", f"must be true or false, not {_type(flag)}"
            )
        criteria.append(Criterion(t, flag))
    return FollowUp(
        id=_str(o, "id", path), title=_str(o, "title", path), description=_str(o, "description", path),
        acceptance_criteria=tuple(criteria), owner=_str(o, "owner", path), due=_str(o, "due", path),
        status=_str(o, "status", path, "todo") or "todo", priority=_str(o, "priority", path),
        type=_str(o, "type", path), why_ids=_ids(o, "why_ids", path), url=_str(o, "url", path),
        seq=_seq(o, path, position),
    )  # fmt: skip
