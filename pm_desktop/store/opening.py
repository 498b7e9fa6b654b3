"""Checks run before a review file is opened for writing.

In order: exists, a regular file and non-empty → SQLite header → our application_id → schema
version not newer than ours → no pending write-ahead log → only our schema objects
(:mod:`~pm_desktop.store.trust`) → ``quick_check`` → every cell's type and shape
(:mod:`~pm_desktop.store.cells`). The header checks read raw bytes; the rest use a read-only
connection that runs nothing the file defines. A failure is a one-line :class:`OpenError` (an
:class:`UntrustedFile` for foreign schema objects) and the file is left byte-for-byte untouched.
"""

from __future__ import annotations

import os
import sqlite3
import stat
import struct
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from . import cells, trust
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


CLEAN_COMMAND = "pm-desktop clean"


class UntrustedFile(OpenError):
    """The file holds schema objects pm-desktop did not create (a trigger, a view, a virtual
    table, an index, one of our tables defined differently). ``reason`` is the sentence without
    the way out (the GUI offers its own); ``str()`` adds how to get a cleaned copy."""

    def __init__(self, path: os.PathLike[str] | str, objects: list[tuple[str, str, str]]):
        self.objects = objects
        kind, name, how = objects[0]
        extra = len(objects) - 1
        more = f" (and {extra} more object{'s' if extra > 1 else ''})" if extra else ""
        if how == "extra":
            what = f"holds a {kind} {name!r} that pm-desktop did not create{more}"
        elif how == "changed":
            what = f"defines the {kind} {name!r} differently from pm-desktop{more}"
        else:
            what = f"lacks the {kind} {name!r} of a pm-desktop review{more}"
        self.reason = f"{what}, so it was not opened"
        super().__init__(
            path,
            f"{self.reason}; make a cleaned copy with “{CLEAN_COMMAND} {path} -o COPY.pmreview”",
        )


@dataclass(frozen=True, slots=True)
class FileCheck:
    schema_version: int
    writable: bool


def is_wal_mode(path: Path) -> bool:
    """The header says write-ahead-log mode (bytes 18 and 19 are 2); ours never are."""
    try:
        with path.open("rb") as fh:
            head = fh.read(20)
    except OSError:
        return False
    return len(head) == 20 and head[18] == 2 and head[19] == 2


def ro_uri(path: Path) -> str:
    """A read-only URI. For a file in write-ahead-log mode (someone else's), ``immutable=1``:
    otherwise SQLite leaves ``-wal`` and ``-shm`` files beside a file we only read."""
    uri = f"file:{quote(str(path.resolve()))}?mode=ro"
    return f"{uri}&immutable=1" if is_wal_mode(path) else uri


def check_file(path: os.PathLike[str] | str, *, content: bool = True) -> FileCheck:
    """Run every check; raise :class:`OpenError` at the first that fails. ``content=False``
    stops after the header checks (for making a cleaned copy of an untrusted file)."""
    p = Path(path)
    if not p.exists():
        raise OpenError(p, "no such file")
    if p.is_dir():
        raise OpenError(p, "is a folder, not a review file")
    try:
        # The type first: reading a FIFO (or a device) would wait forever.
        if not stat.S_ISREG(p.stat().st_mode):
            raise OpenError(p, "is not a regular file (a pipe, socket or device), not a review")
        fd = os.open(p, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd, "rb") as fh:
            if not stat.S_ISREG(os.fstat(fh.fileno()).st_mode):
                raise OpenError(p, "is not a regular file, not a review")
            size = os.fstat(fh.fileno()).st_size
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
    wal = p.with_name(p.name + "-wal")
    if header[18] == 2 and wal.exists() and wal.stat().st_size > 0:
        raise OpenError(
            p,
            f"has changes in {wal.name} that pm-desktop does not read (write-ahead-log mode); "
            "open and close it once in the program that wrote it",
        )
    if content:
        _check_content(p, version)
    return FileCheck(
        schema_version=version, writable=os.access(p, os.W_OK) and os.access(p.parent, os.W_OK)
    )


def untrusted_connection(p: Path) -> sqlite3.Connection:
    """A read-only connection to a file not yet checked: it runs nothing the file defines
    (``trusted_schema`` off; the schema check runs before any other statement)."""
    try:
        conn = sqlite3.connect(ro_uri(p), uri=True, isolation_level=None)
    except sqlite3.Error as exc:
        raise OpenError(p, f"cannot be opened ({exc})") from exc
    try:
        conn.execute("PRAGMA trusted_schema = OFF")
    except sqlite3.Error as exc:
        conn.close()
        raise OpenError(p, f"is damaged ({exc}); it was left untouched") from exc
    return conn


def _check_content(p: Path, version: int) -> None:
    conn = untrusted_connection(p)
    try:
        try:
            problems = trust.foreign_objects(trust.read_schema(conn), version)
        except sqlite3.DatabaseError as exc:
            raise OpenError(p, f"is damaged ({exc}); it was left untouched") from exc
        if problems:
            raise UntrustedFile(p, problems)
        try:
            rows = conn.execute("PRAGMA quick_check").fetchall()
            bad = [r[0] for r in rows if r and r[0] != "ok"]
            if bad:
                first = str(bad[0]).splitlines()[0][:200]
                raise OpenError(p, f"is damaged ({first}); it was left untouched")
            cells.check_cells(conn)
        except cells.CellError as exc:
            raise OpenError(p, f"holds a value pm-desktop cannot use ({exc})") from exc
        except sqlite3.DatabaseError as exc:
            raise OpenError(p, f"is damaged ({exc}); it was left untouched") from exc
    finally:
        conn.close()
