"""One codec per entity: the table row, the JSON object and the clipboard copy of every entity,
derived from the dataclass fields in :mod:`pm_desktop.domain.model`.

Adding a field to an entity used to mean writing its name into ten lists (row tuples, table
columns, JSON export, JSON import, two clipboards…). Now each form is computed from
``dataclasses.fields``: a field's *kind* comes from its type annotation and decides how it is
converted (a flag is 0/1 in a row and true/false in JSON, a tuple of ids is JSON list text in a
row and a list in JSON, acceptance criteria are a JSON list of objects in a row and two parallel
lists in JSON). The only names written here are the places where a form spells a field
differently, kept for files and scripts that already exist: the ``acceptance`` column, JSON
``contributing_factor``, ``acceptance_done``, ``parking_lot`` and ``redaction_boxes``.

Pure: no storage, no Qt. The store, the importers, the exporters and the clipboards all use it;
checking untrusted values stays with them (``store/cells.py``, ``ingest``).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import MISSING, dataclass, fields
from functools import lru_cache
from operator import attrgetter
from typing import Any

from .model import ENTITY_TYPES, META_FIELDS, META_LIST_FIELDS, Criterion, ReviewMeta

# Field kinds, from the type annotation (see ``_KIND_OF_TYPE``) or, for two meanings a type
# cannot tell, from the field (see ``_KIND_OF_FIELD``).
TEXT = "text"
TEXT_OR_NULL = "text_or_null"
INSTANT = "instant"  # a canonical UTC time or None
ZONE = "zone"  # an IANA zone name or fixed offset
FLAG = "flag"
INTEGER = "integer"
SEQ = "seq"  # the ordering number every entity has
LIST = "list"  # a tuple of ids or texts
CRITERIA = "criteria"

_KIND_OF_TYPE: dict[str, str] = {
    "str": TEXT,
    "str | None": TEXT_OR_NULL,
    "bool": FLAG,
    "int": INTEGER,
    "tuple[str, ...]": LIST,
    "tuple[Criterion, ...]": CRITERIA,
}
_KIND_OF_FIELD: dict[str, str] = {
    "seq": SEQ,
    "time": INSTANT,
    "captured_at": INSTANT,
    "tz": ZONE,
    "captured_tz": ZONE,
}

# Where a form names things differently from the model (the file format and the JSON contract
# predate this module and must not change).
TABLE_NAMES: dict[str, str] = {
    "people": "person",
    "events": "event",
    "evidence": "evidence",
    "whys": "why",
    "followups": "followup",
    "parking": "parking",
    "redactions": "redaction",
    "boxes": "redaction_box",
}
_COLUMN_RENAMES: dict[tuple[str, str], str] = {("followups", "acceptance_criteria"): "acceptance"}
SECTION_NAMES: dict[str, str] = {"parking": "parking_lot", "boxes": "redaction_boxes"}
_JSON_RENAMES: dict[tuple[str, str], tuple[str, ...]] = {
    ("whys", "contributing"): ("contributing_factor",),
    # Texts and done flags as two lists: the first is the documented contract.
    ("followups", "acceptance_criteria"): ("acceptance_criteria", "acceptance_done"),
    # The stored blob's hash means nothing in another file; the exporter writes the bytes.
    ("evidence", "blob"): (),
}
# What a copy on the clipboard leaves out: a paste makes new entities with their own ids, at
# the end of their lists.
CLIPBOARD_LEAVES_OUT: frozenset[str] = frozenset({"id", "seq"})


class CodecError(ValueError):
    """A stored or copied value does not have the shape its field needs."""


@dataclass(frozen=True, slots=True)
class FieldCodec:
    """One field of one entity in every form."""

    name: str
    kind: str
    column: str
    keys: tuple[str, ...]  # JSON keys: one, two for criteria, none when JSON leaves it out
    default: Any  # ``MISSING`` for a field the constructor needs

    @property
    def key(self) -> str:
        return self.keys[0]

    @property
    def fallback(self) -> Any:
        """The default, or the empty value of the kind for a required field."""
        if self.default is not MISSING:
            return self.default
        return _EMPTY[self.kind]


_EMPTY: dict[str, Any] = {
    TEXT: "",
    TEXT_OR_NULL: None,
    INSTANT: None,
    ZONE: "UTC",
    FLAG: False,
    INTEGER: 0,
    SEQ: 0,
    LIST: (),
    CRITERIA: (),
}


def _kind(collection: str, name: str, annotation: Any) -> str:
    if name in _KIND_OF_FIELD:
        return _KIND_OF_FIELD[name]
    text = annotation if isinstance(annotation, str) else getattr(annotation, "__name__", "")
    if text not in _KIND_OF_TYPE:
        raise TypeError(f"{collection}.{name}: no codec for a field of type {text!r}")
    return _KIND_OF_TYPE[text]


@dataclass(frozen=True, slots=True)
class EntityCodec:
    collection: str
    type: type
    table: str
    section: str  # the top-level key of the JSON interchange
    fields: tuple[FieldCodec, ...]

    @property
    def columns(self) -> tuple[str, ...]:
        return tuple(f.column for f in self.fields)

    def field(self, name: str) -> FieldCodec:
        return next(f for f in self.fields if f.name == name)

    # ---------------------------------------------------------------- rows
    def to_row(self, entity: Any) -> tuple[Any, ...]:
        """Values in the order of :attr:`columns`."""
        plan = _ROW_PLANS.get(self.collection)
        if plan is None or plan[0] is not self.fields:
            getter = attrgetter(*(f.name for f in self.fields))
            plan = _ROW_PLANS[self.collection] = (
                self.fields,
                getter if len(self.fields) > 1 else (lambda e: (getter(e),)),
                tuple(f.kind if f.kind in _CONVERTED else None for f in self.fields),
            )
        _fields, values, kinds = plan
        return tuple(
            v if k is None else _to_cell(k, v) for k, v in zip(kinds, values(entity), strict=True)
        )

    def from_row(self, row: Iterable[Any]) -> Any:
        values = {f.name: _from_cell(f.kind, v) for f, v in zip(self.fields, row, strict=True)}
        return self.type(**values)

    # ---------------------------------------------------------------- JSON
    def to_json(self, entity: Any, *, leave_out: Iterable[str] = ()) -> dict[str, Any]:
        """The JSON object (before ``json.dumps``), fields in dataclass order."""
        skip = set(leave_out)
        out: dict[str, Any] = {}
        for f in self.fields:
            if f.name in skip or not f.keys:
                continue
            value = getattr(entity, f.name)
            if f.kind == CRITERIA:
                out[f.keys[0]] = [c.text for c in value]
                out[f.keys[1]] = [c.done for c in value]
            elif f.kind == LIST:
                out[f.key] = list(value)
            else:
                out[f.key] = value
        return out

    def to_clipboard(self, entity: Any) -> dict[str, Any]:
        """The copy that pastes back as a new entity: the JSON object without id and order."""
        return self.to_json(entity, leave_out=CLIPBOARD_LEAVES_OUT)

    def build(self, values: Mapping[str, Any]) -> Any:
        """An entity from converted values; fields not given take their defaults."""
        known = {f.name for f in self.fields}
        return self.type(**{k: v for k, v in values.items() if k in known})


# Per collection: the fields, one getter for all their values, and the kind of each value
# that needs converting (None: stored as it is). Writes renumber hundreds of rows at a time.
_ROW_PLANS: dict[str, tuple[tuple[FieldCodec, ...], Callable[[Any], tuple], tuple]] = {}
_CONVERTED = frozenset({FLAG, LIST, CRITERIA})


def _to_cell(kind: str, value: Any) -> Any:
    if kind == FLAG:
        return int(value)
    if kind == LIST or kind == CRITERIA:
        if isinstance(value, tuple):
            try:
                return _json_cell(kind, value)
            except TypeError:  # something in it cannot be a cache key: encode it as it is
                pass
        return _json_text(kind, value)
    return value


@lru_cache(maxsize=8192)
def _json_cell(kind: str, value: tuple) -> str:
    """Entities are immutable and share their tuples from version to version, so renumbering
    a column writes the same id lists and criteria hundreds of times: encode each once."""
    return _json_text(kind, value)


def _json_text(kind: str, value: Any) -> str:
    if kind == LIST:
        return json.dumps(list(value), ensure_ascii=False)
    return json.dumps([{"text": c.text, "done": c.done} for c in value], ensure_ascii=False)


def _from_cell(kind: str, value: Any) -> Any:
    if kind == FLAG:
        return bool(value)
    if kind == LIST:
        return _texts_from_json(value)
    if kind == CRITERIA:
        raw = json.loads(value or "[]")
        if not isinstance(raw, list):
            raise CodecError("a criteria column does not hold a list")
        return tuple(Criterion(str(c.get("text", "")), bool(c.get("done", False))) for c in raw)
    return value


def _texts_from_json(text: str) -> tuple[str, ...]:
    """A JSON list text (a list column or meta value) as a tuple of strings."""
    value = json.loads(text or "[]")
    if not isinstance(value, list):
        raise CodecError("a list column does not hold a list")
    return tuple(str(v) for v in value)


def _entity_codec(collection: str, cls: type) -> EntityCodec:
    items = []
    for f in fields(cls):
        default = f.default
        if f.default_factory is not MISSING:
            default = f.default_factory()
        key = (collection, f.name)
        items.append(
            FieldCodec(
                name=f.name,
                kind=_kind(collection, f.name, f.type),
                column=_COLUMN_RENAMES.get(key, f.name),
                keys=_JSON_RENAMES.get(key, (f.name,)),
                default=default,
            )
        )
    return EntityCodec(
        collection=collection,
        type=cls,
        table=TABLE_NAMES[collection],
        section=SECTION_NAMES.get(collection, collection),
        fields=tuple(items),
    )


CODECS: dict[str, EntityCodec] = {
    name: _entity_codec(name, cls) for name, cls in ENTITY_TYPES.items()
}


def codec(collection: str) -> EntityCodec:
    return CODECS[collection]


# -------------------------------------------------------------------- the review's own fields


def meta_to_rows(meta: ReviewMeta, names: Iterable[str] = META_FIELDS) -> list[tuple[str, str]]:
    """``(key, value)`` rows of the ``meta`` table; list fields are JSON list text."""
    rows = []
    for name in names:
        value = getattr(meta, name)
        rows.append((name, json.dumps(list(value)) if isinstance(value, tuple) else value))
    return rows


def meta_from_rows(rows: Mapping[str, str]) -> ReviewMeta:
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


def meta_to_json(meta: ReviewMeta) -> dict[str, Any]:
    """The ``review`` object of the JSON interchange, fields in dataclass order."""
    return {
        name: list(getattr(meta, name)) if name in META_LIST_FIELDS else getattr(meta, name)
        for name in META_FIELDS
    }
