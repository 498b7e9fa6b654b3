"""Reading one entity's fields out of untrusted JSON, by the entity codec.

Every importer of JSON (the interchange file, clipboard copies, later the chat and paging
exports) reads fields the same way: each value is checked for the type its field's kind needs,
times must be UTC instants, zones must be known, and a problem is one sentence naming the place
(``events[3].time: …``). Which fields an entity has, and their JSON names, come from
:mod:`pm_desktop.domain.codec`; nothing here lists fields.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from pm_desktop.domain import codec as c
from pm_desktop.domain import timeutil
from pm_desktop.domain.model import Criterion


class ImportProblem(ValueError):
    """The JSON cannot be imported. ``str()`` names the place and the problem."""


def problem_at(path: str, message: str) -> ImportProblem:
    return ImportProblem(f"{path}: {message}" if path else message)


def object_at(value: Any, path: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise problem_at(path, f"must be an object, not {type_name(value)}")
    return value


def list_at(value: Any, path: str) -> list[Any]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise problem_at(path, f"must be a list, not {type_name(value)}")
    return value


def type_name(value: Any) -> str:
    return {
        dict: "an object",
        list: "a list",
        str: "text",
        bool: "true/false",
        type(None): "null",
    }.get(type(value), "a number" if isinstance(value, (int, float)) else type(value).__name__)


def text_at(obj: dict[str, Any], key: str, path: str, default: str = "") -> str:
    value = obj.get(key, default)
    if value is None:
        return default
    if not isinstance(value, str):
        raise problem_at(f"{path}.{key}", f"must be text, not {type_name(value)}")
    return value


def optional_text_at(obj: dict[str, Any], key: str, path: str) -> str | None:
    value = obj.get(key)
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise problem_at(f"{path}.{key}", f"must be text or null, not {type_name(value)}")
    return value


def _bool(obj: dict[str, Any], key: str, path: str, default: bool = False) -> bool:
    value = obj.get(key, default)
    if not isinstance(value, bool):
        raise problem_at(f"{path}.{key}", f"must be true or false, not {type_name(value)}")
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
        raise problem_at(f"{path}.seq", f"must be a whole number, not {value!r}"[:200])
    return value


def _int(obj: dict[str, Any], key: str, path: str, default: int | None = None) -> int:
    """A whole number; a field with a default may be left out (files from older versions)."""
    value = obj.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int):
        raise problem_at(f"{path}.{key}", f"must be a whole number, not {type_name(value)}")
    return value


def texts_at(obj: dict[str, Any], key: str, path: str) -> tuple[str, ...]:
    out = []
    for i, v in enumerate(list_at(obj.get(key), f"{path}.{key}")):
        if not isinstance(v, str):
            raise problem_at(f"{path}.{key}[{i}]", f"must be an id (text), not {type_name(v)}")
        out.append(v)
    return tuple(out)


def _time(obj: dict[str, Any], key: str, path: str) -> str | None:
    value = optional_text_at(obj, key, path)
    if value is None:
        return None
    try:
        return timeutil.parse_instant(value)
    except timeutil.TimeError as exc:
        raise problem_at(f"{path}.{key}", str(exc)) from exc


def _zone(obj: dict[str, Any], key: str, path: str) -> str:
    value = text_at(obj, key, path, "UTC") or "UTC"
    try:
        return timeutil.normalize_zone(value)
    except timeutil.TimeError as exc:
        raise problem_at(f"{path}.{key}", str(exc)) from exc


def _criteria(
    obj: dict[str, Any], texts_key: str, done_key: str, path: str
) -> tuple[Criterion, ...]:
    texts = list_at(obj.get(texts_key), f"{path}.{texts_key}")
    done = list_at(obj.get(done_key), f"{path}.{done_key}")
    criteria = []
    for i, t in enumerate(texts):
        if not isinstance(t, str):
            raise problem_at(f"{path}.{texts_key}[{i}]", f"must be text, not {type_name(t)}")
        flag = done[i] if i < len(done) else False
        if not isinstance(flag, bool):
            raise problem_at(
                f"{path}.{done_key}[{i}]", f"must be true or false, not {type_name(flag)}"
            )
        criteria.append(Criterion(t, flag))
    return tuple(criteria)


Reader = Callable[[dict[str, Any], c.FieldCodec, str, int], Any]

_READERS: dict[str, Reader] = {
    c.TEXT: lambda o, f, path, _: text_at(o, f.key, path, f.fallback) or f.fallback,
    c.TEXT_OR_NULL: lambda o, f, path, _: optional_text_at(o, f.key, path),
    c.INSTANT: lambda o, f, path, _: _time(o, f.key, path),
    c.ZONE: lambda o, f, path, _: _zone(o, f.key, path),
    c.FLAG: lambda o, f, path, _: _bool(o, f.key, path, f.fallback),
    c.INTEGER: lambda o, f, path, _: _int(
        o, f.key, path, None if f.default is c.MISSING else f.default
    ),
    c.SEQ: lambda o, _f, path, position: _seq(o, path, position),
    c.LIST: lambda o, f, path, _: texts_at(o, f.key, path),
    c.CRITERIA: lambda o, f, path, _: _criteria(o, f.keys[0], f.keys[1], path),
}


def read_fields(
    entity_codec: c.EntityCodec,
    obj: dict[str, Any],
    path: str,
    position: int,
    *,
    leave_out: frozenset[str] = frozenset(),
) -> dict[str, Any]:
    """Checked values of every field the JSON form carries (by field name), for
    :meth:`~pm_desktop.domain.codec.EntityCodec.build`. ``position`` is the default ``seq``.
    Raises :class:`ImportProblem`."""
    return {
        f.name: _READERS[f.kind](obj, f, path, position)
        for f in entity_codec.fields
        if f.keys and f.name not in leave_out
    }


def read_fields_leniently(
    entity_codec: c.EntityCodec, obj: dict[str, Any], *, leave_out: frozenset[str] = frozenset()
) -> dict[str, Any]:
    """Like :func:`read_fields` for a copy pasted by a person: a field with a wrong value takes
    its default instead of refusing the whole entity, and lists keep only their good items."""
    out: dict[str, Any] = {}
    for f in entity_codec.fields:
        if not f.keys or f.name in leave_out:
            continue
        if f.kind == c.LIST:
            raw = obj.get(f.key)
            out[f.name] = (
                tuple(v for v in raw if isinstance(v, str)) if isinstance(raw, list) else ()
            )
        elif f.kind == c.CRITERIA:
            texts, done = obj.get(f.keys[0]), obj.get(f.keys[1])
            flags = done if isinstance(done, list) else []
            out[f.name] = tuple(
                Criterion(t, i < len(flags) and flags[i] is True)
                for i, t in enumerate(texts if isinstance(texts, list) else [])
                if isinstance(t, str)
            )
        else:
            try:
                out[f.name] = _READERS[f.kind](obj, f, "", 0)
            except ImportProblem:
                out[f.name] = f.fallback
    return out
