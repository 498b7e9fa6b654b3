"""Checks run before a review file is opened for writing.

In order: exists and non-empty → SQLite header → our application_id → schema version not newer than
ours → ``quick_check``. The first four read raw header bytes; the last uses a read-only connection.
A failure is a one-line :class:`OpenError` and the file is left byte-for-byte untouched.
"""

from __future__ import annotations

import os
import sqlite3
import struct
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from .schema import APPLICATION_ID, SCHEMA_VERSION

SQLITE_MAGIC = b"SQLite format 3\x00"

# What a non-review file probably is, from its first bytes, to make the message useful.
_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"%PDF", "a PDF document"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive (or an Office document)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"{", "a JSON or text file (use “pm-desktop import” for JSON)"),
    (b"[", "a JSON or text file"),
)


class OpenError(Exception):
    """The file cannot be opened as a review. ``str()`` is one line naming file and problem."""

    def __init__(self, path: os.PathLike[str] | str, problem: str):
        self.path = str(path)
        self.problem = problem
        super().__init__(f"{self.path}: {problem}")


@dataclass(frozen=True, slots=True)
class FileCheck:
    schema_version: int
    writable: bool


def ro_uri(path: Path) -> str:
    return f"file:{quote(str(path.resolve()))}?mode=ro"


def check_file(path: os.PathLike[str] | str) -> FileCheck:
    """Run every check; raise :class:`OpenError` at the first that fails."""
    p = Path(path)
    if not p.exists():
        raise OpenError(p, "no such file")
    if p.is_dir():
        raise OpenError(p, "is a folder, not a review file")
    try:
        size = p.stat().st_size
        with p.open("rb") as fh:
            header = fh.read(100)
    except OSError as exc:
        raise OpenError(p, f"cannot be read ({exc.strerror or exc})") from exc
    if size == 0:
        raise OpenError(p, "is empty (0 bytes), not a pm-desktop review")
    if not header.startswith(SQLITE_MAGIC):
        stripped = header.lstrip()
        for magic, what in _SIGNATURES:
            probe = stripped if magic in (b"{", b"[") else header
            if probe.startswith(magic):
                raise OpenError(p, f"is {what}, not a pm-desktop review")
        raise OpenError(p, "is not a pm-desktop review (it is not an SQLite database)")
    if len(header) < 100:
        raise OpenError(p, "is truncated: the database header is incomplete")
    app_id = struct.unpack(">I", header[68:72])[0]
    if app_id != APPLICATION_ID:
        raise OpenError(p, "is an SQLite database of another application, not a pm-desktop review")
    version = struct.unpack(">I", header[60:64])[0]
    if version > SCHEMA_VERSION:
        raise OpenError(
            p,
            f"was saved by a newer pm-desktop (file format {version}; this version reads up to "
            f"{SCHEMA_VERSION}); update pm-desktop to open it",
        )
    if version < 1:
        raise OpenError(p, "is damaged: it carries no schema version")
    page_size = struct.unpack(">H", header[16:18])[0]
    page_size = 65536 if page_size == 1 else page_size
    pages = struct.unpack(">I", header[28:32])[0]
    change_counter = struct.unpack(">I", header[24:28])[0]
    valid_for = struct.unpack(">I", header[92:96])[0]
    if pages and valid_for == change_counter and pages * page_size > size:
        raise OpenError(
            p, f"is truncated ({size:,} of {pages * page_size:,} bytes); it was left untouched"
        )
    _quick_check(p)
    return FileCheck(
        schema_version=version, writable=os.access(p, os.W_OK) and os.access(p.parent, os.W_OK)
    )


def _quick_check(p: Path) -> None:
    try:
        conn = sqlite3.connect(ro_uri(p), uri=True, isolation_level=None)
    except sqlite3.Error as exc:
        raise OpenError(p, f"cannot be opened ({exc})") from exc
    try:
        rows = conn.execute("PRAGMA quick_check").fetchall()
        conn.execute("SELECT count(*) FROM meta").fetchone()
    except sqlite3.DatabaseError as exc:
        raise OpenError(p, f"is damaged ({exc}); it was left untouched") from exc
    finally:
        conn.close()
    problems = [r[0] for r in rows if r and r[0] != "ok"]
    if problems:
        first = str(problems[0]).splitlines()[0][:200]
        raise OpenError(p, f"is damaged ({first}); it was left untouched")
