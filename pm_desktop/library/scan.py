"""Refreshing the index from the library folders, incrementally.

A file whose size and modification time match the index is not read again. When they differ,
its content hash decides: the same bytes (a copy, a touched file) only update the stored size
and time; new bytes are read (:func:`~.reading.read_review`) and replace what the index holds.
Files that are gone, or no longer under a library folder, leave the index. A file that cannot
be used is kept as a row with its reason, and the scan goes on. Progress is reported per file
and ``cancelled()`` is asked between files; what was done before a cancel stays in the index
(committed in small batches).
"""

from __future__ import annotations

import os
import re
import sqlite3
import stat
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from pm_desktop.domain.recurrence import earlier_counts
from pm_desktop.store.opening import OpenError

from .index import remove_review, store_review
from .queries import profiles
from .reading import content_hash, read_review

SUFFIX = ".pmreview"
BATCH = 25
# Copies the app makes itself: the backup before an upgrade duplicates a review.
_BACKUP_RE = re.compile(r"\.v\d+-backup(-\d+)?\.pmreview$", re.IGNORECASE)

Progress = Callable[[int, int, str], None]


@dataclass
class ScanReport:
    found: int = 0
    read: int = 0  # new or changed files read
    unchanged: int = 0
    removed: int = 0
    problems: list[tuple[str, str]] = field(default_factory=list)  # new ones only
    cancelled: bool = False
    seconds: float = 0.0

    def summary(self) -> str:
        parts = [f"{self.found} review file{'s' if self.found != 1 else ''} found"]
        parts.append(f"{self.read} read")
        if self.removed:
            parts.append(f"{self.removed} gone")
        if self.problems:
            parts.append(f"{len(self.problems)} cannot be used")
        text = ", ".join(parts)
        return text + (" (stopped before the end)" if self.cancelled else "")


def is_review_name(name: str) -> bool:
    return (
        name.lower().endswith(SUFFIX) and not _BACKUP_RE.search(name) and not name.startswith(".")
    )


def find_reviews(folders: Iterable[str], cancelled: Callable[[], bool] | None = None) -> list[str]:
    """Every review file under ``folders`` (symbolic links to folders are not followed, so a
    link loop cannot make the walk endless), as absolute paths, sorted."""
    found: set[str] = set()
    for folder in folders:
        for root, dirs, files in os.walk(folder, followlinks=False):
            if cancelled is not None and cancelled():
                return sorted(found)
            dirs[:] = [d for d in dirs if not d.startswith(".")]
            for name in files:
                if is_review_name(name):
                    found.add(os.path.join(root, name))
    return sorted(found)


def _under(path: str, folders: list[str]) -> bool:
    return any(path == f or path.startswith(f.rstrip(os.sep) + os.sep) for f in folders)


def scan(
    conn: sqlite3.Connection,
    folders: list[str],
    *,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> ScanReport:
    started = time.perf_counter()
    report = ScanReport()
    stop = cancelled or (lambda: False)
    existing_folders = [f for f in folders if os.path.isdir(f)]
    paths = find_reviews(existing_folders, stop)
    report.found = len(paths)
    known = {
        row[0]: (row[1], row[2], row[3], row[4])
        for row in conn.execute("SELECT path, size, mtime_ns, sha256, id FROM review")
    }
    conn.execute("BEGIN IMMEDIATE")
    try:
        pending = 0
        for done, path in enumerate(paths):
            if stop():
                report.cancelled = True
                break
            if progress is not None:
                progress(done, len(paths), path)
            if _refresh(conn, path, known.get(path), report):
                pending += 1
            if pending >= BATCH:
                conn.execute("COMMIT")
                conn.execute("BEGIN IMMEDIATE")
                pending = 0
        if not report.cancelled:
            seen = set(paths)
            for path, (_s, _m, _h, review_id) in known.items():
                # A folder that is unreachable just now (a network drive) keeps its reviews.
                gone = path not in seen and (
                    not _under(path, folders) or _under(path, existing_folders)
                )
                if gone:
                    remove_review(conn, review_id)
                    report.removed += 1
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    if report.read or report.removed or report.problems:
        refresh_relations(conn)
    if progress is not None and not report.cancelled:
        progress(len(paths), len(paths), "")
    report.seconds = time.perf_counter() - started
    return report


def refresh_relations(conn: sqlite3.Connection) -> None:
    """Store, for every review, how many earlier reviews are related to it (the list shows it;
    computing it for a whole library takes a moment, so a scan does it once when files changed)."""
    counts = earlier_counts(profiles(conn))
    conn.execute("BEGIN IMMEDIATE")
    try:
        conn.executemany(
            "UPDATE review SET related_earlier = ? WHERE path = ?",
            [(n, path) for path, n in counts.items()],
        )
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise


def _refresh(
    conn: sqlite3.Connection,
    path: str,
    known: tuple[int, int, str, int] | None,
    report: ScanReport,
) -> bool:
    """Bring one file's rows up to date; True when something was written."""
    p = Path(path)
    try:
        st = p.stat()
    except OSError:
        return False  # gone since the walk: the next scan removes it
    if known is not None and known[0] == st.st_size and known[1] == st.st_mtime_ns:
        report.unchanged += 1
        return False
    if not stat.S_ISREG(st.st_mode):  # reading a pipe or a device would wait forever
        problem = "is not a regular file (a pipe, socket or device), not a review"
        store_review(conn, path, st.st_size, st.st_mtime_ns, "", None, problem)
        report.problems.append((path, problem))
        return True
    try:
        digest = content_hash(p)
    except OSError as exc:
        problem = f"cannot be read ({exc.strerror or exc})"
        store_review(conn, path, st.st_size, st.st_mtime_ns, "", None, problem)
        report.problems.append((path, problem))
        return True
    if known is not None and known[2] == digest:
        conn.execute(
            "UPDATE review SET size = ?, mtime_ns = ? WHERE id = ?",
            (st.st_size, st.st_mtime_ns, known[3]),
        )
        report.unchanged += 1
        return True
    try:
        review = read_review(p)
    except OpenError as exc:
        store_review(conn, path, st.st_size, st.st_mtime_ns, digest, None, exc.problem)
        report.problems.append((path, exc.problem))
        return True
    except (OSError, MemoryError, RecursionError) as exc:
        problem = f"cannot be read ({type(exc).__name__}: {str(exc)[:200]})"
        store_review(conn, path, st.st_size, st.st_mtime_ns, digest, None, problem)
        report.problems.append((path, problem))
        return True
    store_review(conn, path, st.st_size, st.st_mtime_ns, digest, review)
    report.read += 1
    return True
