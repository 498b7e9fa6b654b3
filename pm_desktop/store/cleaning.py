"""A cleaned copy of an untrusted review file: our schema, the data copied and checked.

When a file holds schema objects we did not create (see :mod:`pm_desktop.store.trust`), it is
never opened as it is. :func:`clean_copy` writes a new file made by our own migrations and
copies into it, row by row, only plain stored values read from the *tables* of the source that
carry our names (never a view, a virtual table or a generated column, so nothing the sender
wrote runs). Every row passes the cell rules (:mod:`pm_desktop.store.cells`) and the domain's
entity rules before it is written; a row that fails is left out and counted. Blobs whose bytes
do not match their sha256 are left out too; thumbnails are a cache and are remade. The source
file is only read, through a connection with ``trusted_schema`` off.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import sqlite3
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from pm_desktop.domain.model import META_FIELDS
from pm_desktop.domain.validate import ValidationError, check_entity, check_review
from pm_desktop.domain.wording import counted

from . import cells, rows
from .document import load_review
from .opening import OpenError, check_file, untrusted_connection
from .schema import TABLES, number_cards, upgrade

# A source statement may not run longer than this (a hostile file cannot make cleaning hang).
STATEMENT_SECONDS = 30.0
_PYTHON_TYPES = {str: "text", int: "integer", bytes: "blob", float: "real", type(None): "null"}


@dataclass
class CleanReport:
    """What the copy kept and left out, per table."""

    copied: dict[str, int] = field(default_factory=dict)
    left_out: dict[str, int] = field(default_factory=dict)
    references_dropped: int = 0

    def summary(self) -> str:
        kept = sum(self.copied.values())
        dropped = sum(self.left_out.values())
        text = f"copied {counted(kept, 'row')} into our schema"
        if dropped:
            where = ", ".join(f"{n} from {t}" for t, n in sorted(self.left_out.items()) if n)
            text += f"; left out {counted(dropped, 'row')} that failed the checks ({where})"
        if self.references_dropped:
            text += f"; {counted(self.references_dropped, 'item')} lost links to what was left out"
        return text


def _source_tables(conn: sqlite3.Connection) -> dict[str, list[str]]:
    """Plain tables of the source with our names → their stored (not generated) columns."""
    found: dict[str, list[str]] = {}
    for name, sql in conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table'"):
        if name not in cells.RULES or (sql or "").lstrip().upper().startswith("CREATE VIRTUAL"):
            continue
        found[name] = [
            col
            for col, hidden in conn.execute(
                "SELECT name, hidden FROM pragma_table_xinfo(?)", (name,)
            )
            if hidden == 0 and col in cells.RULES[name]
        ]
    return found


def _insert_sql(table: str, columns: list[str]) -> str:
    names, marks = ", ".join(f'"{c}"' for c in columns), ", ".join("?" for _ in columns)
    return f'INSERT OR IGNORE INTO "{table}" ({names}) VALUES ({marks})'  # noqa: S608 - RULES names


def _select_sql(table: str, columns: list[str]) -> str:
    names = ", ".join(f'"{c}"' for c in columns)
    return f'SELECT {names} FROM "{table}"'  # noqa: S608 - names from RULES


def _rows(conn: sqlite3.Connection, table: str, columns: list[str]) -> Iterator[tuple[Any, ...]]:
    yield from conn.execute(_select_sql(table, columns))


def _cells_ok(table: str, columns: list[str], row: tuple[Any, ...]) -> bool:
    pairs: list[Any] = []
    for value in row:
        pairs += [_PYTHON_TYPES.get(type(value), "other"), value]
    return cells.check_row(table, columns, tuple(pairs)) is None


class _EntityProbe:
    """Completes a row with our schema's defaults (a source table may lack columns) in a
    scratch in-memory table and checks it as a domain entity."""

    def __init__(self, table: str, columns: list[str]):
        self.collection = next((c for c, (t, _) in TABLES.items() if t == table), None)
        self.columns = columns
        self.conn = sqlite3.connect(":memory:", isolation_level=None)
        self.conn.execute(_TABLE_SQL[table])
        self.insert = _insert_sql(table, columns)
        self.clear = f'DELETE FROM "{table}"'  # noqa: S608 - a name from RULES

    def ok(self, row: tuple[Any, ...]) -> bool:
        if self.collection is None:
            return True
        if "id" not in self.columns:
            return False
        try:
            self.conn.execute(self.clear)
            self.conn.execute(self.insert, row)
            full = self.conn.execute(rows.select_sql(self.collection)).fetchone()
            check_entity(rows.from_row(self.collection, full))
        except (sqlite3.Error, ValidationError, ValueError, TypeError, KeyError):
            return False
        return True

    def close(self) -> None:
        self.conn.close()


def _table_sql() -> dict[str, str]:
    conn = sqlite3.connect(":memory:")
    try:
        upgrade(Database(conn))
        return dict(conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table'"))
    finally:
        conn.close()


_TABLE_SQL = _table_sql()


def _copy_table(
    src: sqlite3.Connection,
    dst: sqlite3.Connection,
    table: str,
    columns: list[str],
    report: CleanReport,
) -> None:
    copied = left_out = 0
    insert = _insert_sql(table, columns)
    probe = _EntityProbe(table, columns)
    for row in _rows(src, table, columns):
        ok = _cells_ok(table, columns, row)
        if ok and table == "meta":
            ok = row[columns.index("key")] in META_FIELDS if "key" in columns else False
        if ok and table == "blob" and "data" in columns and "sha256" in columns:
            ok = (
                hashlib.sha256(row[columns.index("data")]).hexdigest()
                == row[columns.index("sha256")]
            )
        if ok:
            ok = probe.ok(row)
        if ok and table == "meta":
            # The copy's own upgrade wrote the review's id and card counter; the source's win.
            dst.execute("DELETE FROM meta WHERE key = ?", (row[columns.index("key")],))
        if ok:
            try:
                ok = dst.execute(insert, row).rowcount == 1  # a duplicate id is left out
            except sqlite3.Error:
                ok = False
        copied, left_out = copied + ok, left_out + (not ok)
    probe.close()
    report.copied[table] = copied
    report.left_out[table] = left_out


def clean_copy(source: os.PathLike[str] | str, target: os.PathLike[str] | str) -> CleanReport:
    """Write a cleaned copy of ``source`` to ``target`` (which must not exist). Raises
    :class:`OpenError` when the source is not a readable review at all, or when what is left
    still breaks the review's rules (then nothing is written)."""
    src_path, dst_path = Path(source), Path(target)
    if dst_path.exists():
        raise OpenError(dst_path, "already exists; choose a new name for the cleaned copy")
    check_file(src_path, content=False)
    report = CleanReport()
    tmp = dst_path.with_name(f".{dst_path.name}.{uuid.uuid4().hex[:8]}.tmp")
    src = untrusted_connection(src_path)
    deadline = [0.0]
    src.set_progress_handler(lambda: int(time.monotonic() > deadline[0]), 10_000)
    try:
        dst = sqlite3.connect(str(tmp), isolation_level=None)
        try:
            dst.execute("PRAGMA auto_vacuum = INCREMENTAL")
            dst.execute("PRAGMA journal_mode = DELETE")
            dst.execute("PRAGMA synchronous = FULL")
            upgrade(Database(dst))
            dst.execute("BEGIN")
            deadline[0] = time.monotonic() + STATEMENT_SECONDS
            tables = _source_tables(src)
            # Parents before children, so the copy's deferred keys settle at commit.
            for table in (
                "meta",
                "person",
                "event",
                "blob",
                "evidence",
                "why",
                "followup",
                "parking",
                "redaction",
                "redaction_box",
            ):
                if table in tables:
                    deadline[0] = time.monotonic() + STATEMENT_SECONDS
                    _copy_table(src, dst, table, tables[table], report)
            number_cards(dst)  # cards copied from a file older than the numbers
            dst.execute("COMMIT")
            _drop_dangling(dst, report)
            _check_copy(src_path, dst)
        finally:
            dst.close()
        os.replace(tmp, dst_path)
    except sqlite3.Error as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise OpenError(src_path, f"cannot be cleaned ({str(exc)[:200]})") from exc
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    finally:
        src.close()
    return report


def _drop_dangling(dst: sqlite3.Connection, report: CleanReport) -> None:
    """Rows left out take the references to them along: an evidence item whose picture is gone
    is left out, lists of ids lose the ids that point nowhere, a why node whose parent is gone
    becomes a root."""
    review = load_review(dst)
    fixes: list[tuple[str, Any]] = []
    gone: list[tuple[str, str]] = []
    for e in review.evidence.values():
        if e.blob is not None and e.blob not in review.blobs:
            gone.append(("evidence", e.id))
            continue
        kept = tuple(i for i in e.event_ids if i in review.events)
        if kept != e.event_ids:
            fixes.append(("evidence", replace(e, event_ids=kept)))
    evidence_left = set(review.evidence) - {i for _, i in gone}
    for w in review.whys.values():
        parent = w.parent_id if w.parent_id in review.whys else None
        kept = tuple(i for i in w.evidence_ids if i in evidence_left)
        if parent != w.parent_id or kept != w.evidence_ids:
            fixes.append(("whys", replace(w, parent_id=parent, evidence_ids=kept)))
    for f in review.followups.values():
        kept = tuple(i for i in f.why_ids if i in review.whys)
        if kept != f.why_ids:
            fixes.append(("followups", replace(f, why_ids=kept)))
    for p in review.parking.values():
        event = p.event_id if p.event_id in review.events else ""
        followup = p.followup_id if p.followup_id in review.followups else ""
        if (event, followup) != (p.event_id, p.followup_id):
            fixes.append(("parking", replace(p, event_id=event, followup_id=followup)))
    boxes_gone = [
        ("boxes", b.id)
        for b in review.boxes.values()
        if b.evidence_id not in evidence_left or review.evidence[b.evidence_id].kind != "image"
    ]
    dst.execute("BEGIN")
    for collection, entity_id in gone + boxes_gone:
        dst.execute(rows.delete_sql(collection), (entity_id,))
    for collection, entity in fixes:
        dst.execute(rows.upsert_sql(collection), rows.to_row(collection, entity))
    dst.execute("COMMIT")
    if gone:
        report.left_out["evidence"] = report.left_out.get("evidence", 0) + len(gone)
        report.copied["evidence"] = report.copied.get("evidence", 0) - len(gone)
    if boxes_gone:
        left = report.left_out.get("redaction_box", 0)
        report.left_out["redaction_box"] = left + len(boxes_gone)
        report.copied["redaction_box"] = report.copied.get("redaction_box", 0) - len(boxes_gone)
    report.references_dropped = len(fixes)


def _check_copy(src_path: Path, dst: sqlite3.Connection) -> None:
    try:
        check_review(load_review(dst))
    except (ValidationError, ValueError, TypeError, KeyError) as exc:
        raise OpenError(
            src_path,
            f"cannot be cleaned: what is left still breaks a rule ({str(exc)[:200]})",
        ) from exc
