"""The type and shape every cell of a review file must have, in one declarative table.

SQLite stores any value in any column: a file from someone else can hold bytes where we wrote
text, ``'[1]'`` where we wrote a list of ids, JSON nested a million levels deep, a NULL name.
:data:`RULES` says, for every column of every table we create, which SQLite storage classes it
may hold and (for JSON columns and ids) what shape the value must have. :func:`check_cells`
runs the rules over a whole file before anything is loaded, so the domain, the panels and the
exporters never see an unchecked value; the first failure is one sentence naming table, row id
and column. Value rules that are about meaning (a known event kind, a time in range) stay in
:mod:`pm_desktop.domain.validate`, which runs next.

A test asserts that every column of every table of a fresh file has a rule here: a migration
that adds a column fails loudly until the column is given one.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

_ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:-]{0,79}$")
_SHA_RE = re.compile(r"^[0-9a-f]{64}$")
MAX_JSON_TEXT = 1_000_000
MAX_LIST = 100_000


class CellError(ValueError):
    """A cell breaks its rule. ``str()`` names table, row and column."""


Shape = Callable[[Any], str | None]


@dataclass(frozen=True, slots=True)
class Rule:
    """``types``: the SQLite storage classes (``typeof()``) the column may hold. ``shape``: a
    further check of the value, returning a problem or ``None`` (only for text values)."""

    types: frozenset[str]
    shape: Shape | None = None
    # An SQL condition (``{c}`` is the column) true only for values the shape accepts for
    # sure: rows that meet it skip the Python check (opening a large review stays fast).
    plain: str = ""


def _id_shape(value: Any) -> str | None:
    return None if _ID_RE.match(value) else f"is not a valid id ({value[:40]!r})"


def _sha_shape(value: Any) -> str | None:
    return None if _SHA_RE.match(value) else f"is not a sha256 hex digest ({value[:40]!r})"


def _json(value: str) -> tuple[Any, str | None]:
    if len(value) > MAX_JSON_TEXT:
        return None, f"holds {len(value):,} characters of JSON; the limit is {MAX_JSON_TEXT:,}"
    try:
        return json.loads(value or "[]"), None
    except RecursionError:
        return None, "holds JSON nested too deeply"
    except ValueError:
        return None, "is not valid JSON"


def _id_list_shape(value: Any) -> str | None:
    parsed, problem = _json(value)
    if problem:
        return problem
    if not isinstance(parsed, list) or len(parsed) > MAX_LIST:
        return "must be a JSON list of ids"
    for item in parsed:
        if not isinstance(item, str) or not _ID_RE.match(item):
            return f"lists {str(item)[:40]!r}, which is not an id"
    return None


def _criteria_shape(value: Any) -> str | None:
    parsed, problem = _json(value)
    if problem:
        return problem
    if not isinstance(parsed, list) or len(parsed) > MAX_LIST:
        return "must be a JSON list of criteria"
    for item in parsed:
        if (
            not isinstance(item, dict)
            or not isinstance(item.get("text", ""), str)
            or not isinstance(item.get("done", False), bool)
        ):
            return 'must be a list of {"text": ..., "done": true|false} objects'
    return None


def _string_list_shape(value: Any) -> str | None:
    parsed, problem = _json(value)
    if problem:
        return problem
    if not isinstance(parsed, list) or not all(isinstance(v, str) for v in parsed):
        return "must be a JSON list of texts"
    return None


def _flag_shape(value: Any) -> str | None:
    return None if value in (0, 1) else f"must be 0 or 1, not {value!r}"


def _size_shape(value: Any) -> str | None:
    return None if 0 <= value <= 2**53 else f"is out of range ({value!r})"


def _seq_shape(value: Any) -> str | None:
    return None if abs(value) <= 2**53 else f"is out of range ({value!r})"


TEXT = Rule(frozenset({"text"}))
TEXT_OR_NULL = Rule(frozenset({"text", "null"}))
_PLAIN_ID = (
    "(length({c}) BETWEEN 1 AND 80 AND substr({c}, 1, 1) GLOB '[A-Za-z0-9]' "
    "AND {c} NOT GLOB '*[^A-Za-z0-9._:-]*')"
)
_PLAIN_SHA = "(length({c}) = 64 AND {c} NOT GLOB '*[^0-9a-f]*')"
ID = Rule(frozenset({"text"}), _id_shape, _PLAIN_ID)
# A link that may be unset: '' or an id (the parking lot's event and follow-up).
ID_OR_EMPTY = Rule(
    frozenset({"text"}),
    lambda v: None if v == "" else _id_shape(v),
    f"({{c}} = '' OR {_PLAIN_ID})",
)
ID_OR_NULL = Rule(frozenset({"text", "null"}), _id_shape, f"({{c}} IS NULL OR {_PLAIN_ID})")
SHA = Rule(frozenset({"text"}), _sha_shape, _PLAIN_SHA)
SHA_OR_NULL = Rule(frozenset({"text", "null"}), _sha_shape, f"({{c}} IS NULL OR {_PLAIN_SHA})")
ID_LIST = Rule(frozenset({"text"}), _id_list_shape, "{c} = '[]'")
CRITERIA = Rule(frozenset({"text"}), _criteria_shape, "{c} = '[]'")
FLAG = Rule(frozenset({"integer"}), _flag_shape, "{c} IN (0, 1)")
SEQ = Rule(frozenset({"integer"}), _seq_shape, "abs({c}) <= 9007199254740992")
SIZE = Rule(frozenset({"integer"}), _size_shape, "{c} BETWEEN 0 AND 9007199254740992")
INTEGER = Rule(frozenset({"integer"}))
BYTES = Rule(frozenset({"blob"}))

# Every column of every table pm-desktop creates. Meta values are checked by the domain (each
# key has its own rule); here they must be text, and the coach's list must be a list of texts.
RULES: dict[str, dict[str, Rule]] = {
    "_sqlite_migrations": {
        "id": INTEGER,
        "migration_set": TEXT,
        "name": TEXT,
        "applied_at": TEXT,
    },
    "meta": {"key": TEXT, "value": TEXT},
    "person": {
        "id": ID,
        "name": TEXT,
        "role": TEXT,
        "team": TEXT,
        "contribution": TEXT,
        "seq": SEQ,
        "handles": Rule(frozenset({"text"}), _string_list_shape, "{c} = '[]'"),
    },
    "event": {
        "id": ID,
        "time": TEXT_OR_NULL,
        "tz": TEXT,
        "text": TEXT,
        "kind": TEXT,
        "author": TEXT,
        "approximate": FLAG,
        "seq": SEQ,
        "turning_point": FLAG,
        "open_question": TEXT,
        "source": TEXT,
    },
    "blob": {
        "sha256": SHA,
        "mime": TEXT,
        "size": SIZE,
        "width": SIZE,
        "height": SIZE,
        "captured_at": TEXT_OR_NULL,
        "data": BYTES,
    },
    "thumbnail": {"sha256": SHA, "size": SIZE, "data": BYTES},
    "evidence": {
        "id": ID,
        "kind": TEXT,
        "title": TEXT,
        "note": TEXT,
        "url": TEXT,
        "text": TEXT,
        "blob": SHA_OR_NULL,
        "mime": TEXT,
        "filename": TEXT,
        "captured_at": TEXT_OR_NULL,
        "captured_tz": TEXT,
        "captured_by": TEXT,
        "event_ids": ID_LIST,
        "seq": SEQ,
        "source": TEXT,
    },
    "why": {
        "id": ID,
        "parent_id": ID_OR_NULL,
        "text": TEXT,
        "root_cause": FLAG,
        "status": TEXT,
        "category": TEXT,
        "evidence_ids": ID_LIST,
        "seq": SEQ,
        "contributing": FLAG,
        "source": TEXT,
        "author": TEXT,
    },
    "followup": {
        "id": ID,
        "title": TEXT,
        "description": TEXT,
        "acceptance": CRITERIA,
        "owner": TEXT,
        "due": TEXT,
        "status": TEXT,
        "priority": TEXT,
        "type": TEXT,
        "why_ids": ID_LIST,
        "url": TEXT,
        "seq": SEQ,
        "number": SIZE,
    },
    "parking": {
        "id": ID,
        "text": TEXT,
        "event_id": ID_OR_EMPTY,
        "followup_id": ID_OR_EMPTY,
        "seq": SEQ,
    },
    "redaction": {
        "id": ID,
        "text": TEXT,
        "target": TEXT,
        "target_id": TEXT,
        "field": TEXT,
        "seq": SEQ,
    },
    "redaction_box": {
        "id": ID,
        "evidence_id": ID,
        "x": INTEGER,
        "y": INTEGER,
        "w": INTEGER,
        "h": INTEGER,
        "seq": SEQ,
    },
}

# Meta keys whose text value is JSON, with its shape.
META_SHAPES: dict[str, Shape] = {
    "coach_ignored": _string_list_shape,
    "public_domains": _string_list_shape,
}

_TYPE_NAMES = {
    "text": "text",
    "integer": "a whole number",
    "null": "empty (NULL)",
    "blob": "bytes",
    "real": "a decimal number",
}


def _key_column(table: str) -> str:
    columns = RULES[table]
    return "id" if "id" in columns else "key" if "key" in columns else "sha256"


def _describe_row(key: Any, rowid: int) -> str:
    if isinstance(key, str) and key.isprintable() and len(key) <= 80:
        return f"row {key!r}"
    return f"row {rowid}"


def _select(table: str, columns: list[str]) -> str:
    """``rowid, key, typeof(c), value-or-NULL`` per column (large blobs never leave SQLite),
    for the rows SQLite cannot vouch for itself: a value of a storage class its rule does not
    allow, or a shaped value that is not plainly fine. One scan per table: on a 20,000-event
    review the whole check takes a fraction of the time loading does."""
    parts = ["rowid", _key_column(table)]
    fine = []
    for name in columns:
        rule = RULES[table][name]
        column = f'"{name}"'
        parts.append(f"typeof({column})")
        parts.append(column if rule.shape is not None else "NULL")
        kinds = ", ".join(f"'{t}'" for t in sorted(rule.types))
        fine.append(f"typeof({column}) IN ({kinds})")
        if rule.shape is not None:
            fine.append(rule.plain.format(c=column) if rule.plain else "0")
    where = " AND ".join(fine) or "1"
    return f'SELECT {", ".join(parts)} FROM "{table}" WHERE NOT ({where})'  # noqa: S608


def check_row(table: str, columns: list[str], values: tuple[Any, ...]) -> str | None:
    """The first problem of one row as selected by :func:`_select` (without rowid and key)."""
    for i, name in enumerate(columns):
        rule = RULES[table][name]
        kind, value = values[2 * i], values[2 * i + 1]
        if kind not in rule.types:
            allowed = " or ".join(_TYPE_NAMES.get(t, t) for t in sorted(rule.types, reverse=True))
            return f"column {name} must be {allowed}, not {_TYPE_NAMES.get(kind, kind)}"
        if rule.shape is not None and value is not None:
            problem = rule.shape(value)
            if problem:
                return f"column {name} {problem}"
    return None


def _raise_for(table: str, columns: list[str], row: tuple[Any, ...]) -> None:
    problem = check_row(table, columns, row[2:])
    if problem:
        raise CellError(f"table {table}, {_describe_row(row[1], row[0])}: {problem}")


def check_cells(conn: sqlite3.Connection, tables: list[str] | None = None) -> None:
    """Run :data:`RULES` over every row of every table the file has. Raises :class:`CellError`."""
    present = {
        row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
    }
    for table in tables or list(RULES):
        if table not in present:
            continue
        columns = [
            row[0]
            for row in conn.execute("SELECT name FROM pragma_table_info(?)", (table,))
            if row[0] in RULES[table]
        ]
        for row in conn.execute(_select(table, columns)):
            _raise_for(table, columns, row)
    if "meta" in present and (tables is None or "meta" in tables):
        for rowid, key, value in conn.execute("SELECT rowid, key, value FROM meta"):
            if key not in META_SHAPES:
                continue
            problem = META_SHAPES[key](value)
            if problem:
                raise CellError(f"table meta, {_describe_row(key, rowid)}: column value {problem}")
