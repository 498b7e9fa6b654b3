"""Creating files safely: every new file pm-desktop writes goes through here.

A new file (a review made by ``demo``, ``import`` or Save As, an export) is written to a
temporary file beside its target and renamed over it only when complete, so a crash never leaves
half a file under the target's name. The temporary file is

- created with ``O_CREAT | O_EXCL | O_NOFOLLOW``: never through a link someone planted, never
  over a file that is there already;
- named ``.<target name>.<8 hex>.pm-part``, so the next start can recognise leftovers of a killed
  process as ours and remove them (:func:`clean_leftovers`);
- written while the writer holds the target's lock (a review lock for ``.pmreview`` targets, an
  output lock for the others): a leftover whose lock can be taken belongs to a dead writer.

Folders we create for an export (a Markdown file's images) carry a marker file; a folder
without it was not made by us and is never deleted or replaced.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import stat
import uuid
from collections.abc import Iterator
from pathlib import Path

from .lock import (
    CLOEXEC,
    LOCK_PREFIX,
    NOFOLLOW,
    OUTPUT_LOCK_PREFIX,
    AlreadyOpenError,
    FileLock,
    LockError,
    remove_if_stale,
)

PART_SUFFIX = ".pm-part"
_PART = re.compile(r"^\.(?P<name>.+)\.[0-9a-f]{8}\.pm-part$")
FOLDER_MARKER = ".pm-desktop-export"
REVIEW_SUFFIX = ".pmreview"


class OutputError(Exception):
    """A file could not be created; ``str()`` is one line naming the file."""


def describe(exc: BaseException) -> str:
    """The OS's words for a failure, without Python's ``[Errno N]`` decoration."""
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    return str(exc) or type(exc).__name__


def part_path(target: Path) -> Path:
    return target.with_name(f".{target.name}.{uuid.uuid4().hex[:8]}{PART_SUFFIX}")


def lock_for_output(target: Path) -> FileLock:
    """A review's own lock for ``.pmreview`` targets (so one open elsewhere is never replaced),
    an output lock for everything else."""
    if target.name.lower().endswith(REVIEW_SUFFIX):
        return FileLock(target)
    return FileLock(target, OUTPUT_LOCK_PREFIX)


def create_new(path: Path, mode: int = 0o644) -> int:
    """A new, empty regular file at ``path``, never through a link; returns its descriptor.
    Raises :class:`OSError` (``FileExistsError`` for anything already there, links included)."""
    return os.open(path, os.O_RDWR | os.O_CREAT | os.O_EXCL | NOFOLLOW | CLOEXEC, mode)


def fsync_path(path: Path) -> None:
    """Flush a file or a folder entry to disk (a rename is durable only once its folder is)."""
    try:
        fd = os.open(path, os.O_RDONLY | CLOEXEC)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def publish(part: Path, target: Path) -> None:
    """Make a finished part file the target: flushed, renamed, the rename flushed."""
    fsync_path(part)
    os.replace(part, target)
    fsync_path(target.parent)


@contextlib.contextmanager
def new_part(target: Path) -> Iterator[Path]:
    """An empty part file beside ``target`` (closed, ready for SQLite or ``open``); removed
    again when the block fails. The caller publishes it with :func:`publish`."""
    part = part_path(target)
    try:
        os.close(create_new(part))
    except OSError as exc:
        raise OutputError(f"{target}: cannot be written ({describe(exc)})") from exc
    try:
        yield part
    except BaseException:
        remove_part(part)
        raise


@contextlib.contextmanager
def write_aside(target: Path) -> Iterator[Path]:
    """The one way a whole new file replaces ``target``: the block fills an empty part file
    beside it; when the block ends, the part is flushed, renamed over ``target`` and the rename
    flushed. When the block (or the rename) fails, the part is removed and ``target`` is left
    as it was. The caller holds the target's lock."""
    with new_part(target) as part:
        yield part
        publish(part, target)


def remove_part(part: Path) -> None:
    with contextlib.suppress(OSError):
        if part.is_dir() and not part.is_symlink():
            shutil.rmtree(part)
        else:
            part.unlink()
    for extra in ("-journal", "-wal", "-shm"):  # SQLite's side files of a part review
        with contextlib.suppress(OSError):
            part.with_name(part.name + extra).unlink()


@contextlib.contextmanager
def output_lock(target: Path) -> Iterator[FileLock]:
    """Hold the target's lock while a new file for it is written."""
    lock = lock_for_output(target)
    try:
        lock.acquire()
    except (AlreadyOpenError, LockError) as exc:
        raise OutputError(str(exc)) from exc
    try:
        yield lock
    finally:
        lock.release()


def make_marked_folder(path: Path) -> None:
    """Create a folder of ours, with the marker that later allows replacing it."""
    path.mkdir()
    try:
        os.close(create_new(path / FOLDER_MARKER))
    except OSError:
        with contextlib.suppress(OSError):
            path.rmdir()
        raise


def is_our_folder(path: Path) -> bool:
    try:
        st = os.lstat(path)
    except OSError:
        return False
    return stat.S_ISDIR(st.st_mode) and (path / FOLDER_MARKER).is_file()


def clean_leftovers(folder: Path) -> list[Path]:
    """Remove what killed pm-desktop processes left in ``folder``: part files whose writer is
    gone, and our stale lock files. Anything a living process holds is left alone. Returns
    what was removed (best effort: a folder we cannot read or write is skipped)."""
    removed: list[Path] = []
    try:
        names = os.listdir(folder)
    except OSError:
        return removed
    for name in names:
        match = _PART.match(name)
        if match is None:
            continue
        part = folder / name
        target = folder / match.group("name")
        lock = lock_for_output(target)
        try:
            lock.acquire()
        except (AlreadyOpenError, LockError, OSError):
            continue  # being written right now, or not ours to decide
        try:
            remove_part(part)
            removed.append(part)
        finally:
            lock.release()
    for name in names:
        if name.endswith("#") and name.startswith((LOCK_PREFIX, OUTPUT_LOCK_PREFIX)):
            path = folder / name
            if remove_if_stale(path):
                removed.append(path)
    return removed
