"""Entities ↔ table rows. Lists (links, acceptance criteria) are JSON text columns."""

from __future__ import annotations

import json
from typing import Any

from pm_desktop.domain.model import (
    META_FIELDS,
    META_LIST_FIELDS,
    Criterion,
    Evidence,
    FollowUp,
    ParkingItem,
    Person,
    RedactedSpan,
    RedactionBox,
    ReviewMeta,
    TimelineEvent,
    WhyNode,
)

from .schema import TABLES


def _ids(text: str) -> tuple[str, ...]:
    value = json.loads(text or "[]")
    if not isinstance(value, list):
        raise ValueError("a list column does not hold a list")
    return tuple(str(v) for v in value)


def to_row(collection: str, entity: Any) -> tuple[Any, ...]:
    """Values in the column order of :data:`~pm_desktop.store.schema.TABLES`."""
    if collection == "people":
        e: Any = entity
        handles = json.dumps(list(e.handles), ensure_ascii=False)
        return (e.id, e.name, e.role, e.team, e.contribution, e.seq, handles)
    if collection == "events":
        e = entity
        return (
            e.id, e.time, e.tz, e.text, e.kind, e.author, int(e.approximate), e.seq,
            int(e.turning_point), e.open_question,
        )  # fmt: skip
    if collection == "evidence":
        e = entity
        return (
            e.id, e.kind, e.title, e.note, e.url, e.text, e.blob, e.mime, e.filename,
            e.captured_at, e.captured_tz, e.captured_by, json.dumps(list(e.event_ids)), e.seq,
        )  # fmt: skip
    if collection == "whys":
        e = entity
        return (
            e.id, e.parent_id, e.text, int(e.root_cause), e.status, e.category,
            json.dumps(list(e.evidence_ids)), e.seq, int(e.contributing),
        )  # fmt: skip
    if collection == "followups":
        e = entity
        criteria = json.dumps(
            [{"text": c.text, "done": c.done} for c in e.acceptance_criteria], ensure_ascii=False
        )
        return (
            e.id, e.title, e.description, criteria, e.owner, e.due, e.status, e.priority, e.type,
            json.dumps(list(e.why_ids)), e.url, e.seq,
        )  # fmt: skip
    if collection == "parking":
        e = entity
        return (e.id, e.text, e.event_id, e.followup_id, e.seq)
    if collection == "redactions":
        e = entity
        return (e.id, e.text, e.target, e.target_id, e.field, e.seq)
    if collection == "boxes":
        e = entity
        return (e.id, e.evidence_id, e.x, e.y, e.w, e.h, e.seq)
    raise KeyError(collection)


def from_row(collection: str, row: tuple[Any, ...]) -> Any:
    if collection == "people":
        *values, handles = row
        return Person(*values, handles=_ids(handles))
    if collection == "redactions":
        return RedactedSpan(*row)
    if collection == "boxes":
        return RedactionBox(*row)
    if collection == "events":
        id_, time, tz, text, kind, author, approximate, seq, turning, question = row
        return TimelineEvent(
            id_, time, tz, text, kind, author, bool(approximate), seq, bool(turning), question
        )
    if collection == "evidence":
        values = list(row)
        values[12] = _ids(values[12])
        return Evidence(*values)
    if collection == "whys":
        id_, parent, text, root, status, category, evidence_ids, seq, contributing = row
        return WhyNode(
            id_, parent, text, bool(root), status, category, _ids(evidence_ids), seq,
            bool(contributing),
        )  # fmt: skip
    if collection == "followups":
        (
            id_,
            title,
            description,
            acceptance,
            owner,
            due,
            status,
            priority,
            type_,
            why_ids,
            url,
            seq,
        ) = row
        raw = json.loads(acceptance or "[]")
        criteria = tuple(Criterion(str(c.get("text", "")), bool(c.get("done", False))) for c in raw)
        return FollowUp(
            id_,
            title,
            description,
            criteria,
            owner,
            due,
            status,
            priority,
            type_,
            _ids(why_ids),
            url,
            seq,
        )
    if collection == "parking":
        return ParkingItem(*row)
    raise KeyError(collection)


def select_sql(collection: str) -> str:
    table, columns = TABLES[collection]
    return f"SELECT {', '.join(columns)} FROM {table}"  # noqa: S608 - names are ours, not user text


def upsert_sql(collection: str) -> str:
    table, columns = TABLES[collection]
    marks = ", ".join("?" for _ in columns)
    updates = ", ".join(f"{c} = excluded.{c}" for c in columns[1:])
    return f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks}) ON CONFLICT(id) DO UPDATE SET {updates}"  # noqa: S608


def delete_sql(collection: str) -> str:
    table, _ = TABLES[collection]
    return f"DELETE FROM {table} WHERE id = ?"  # noqa: S608


def meta_to_rows(meta: ReviewMeta, names: Any = META_FIELDS) -> list[tuple[str, str]]:
    rows = []
    for name in names:
        value = getattr(meta, name)
        rows.append((name, json.dumps(list(value)) if isinstance(value, tuple) else value))
    return rows


def meta_from_rows(rows: dict[str, str]) -> ReviewMeta:
    values: dict[str, Any] = {}
    for name in META_FIELDS:
        if name not in rows:
            continue
        raw = rows[name]
        if name in META_LIST_FIELDS:
            parsed = json.loads(raw or "[]")
            values[name] = tuple(str(v) for v in parsed) if isinstance(parsed, list) else ()
        else:
            values[name] = str(raw)
    return ReviewMeta(**values)
