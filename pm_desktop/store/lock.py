"""One writer per review file.

A hidden lock file sits next to the review (``.~lock.<name>#``, the convention office suites use)
and is held with an OS advisory lock (``flock`` on POSIX, ``msvcrt.locking`` on Windows). The OS
drops the lock when the process dies, so a lock left behind by a crashed instance is recovered
simply by locking it again. The file's text (host, pid, time) only makes the "already open"
message useful.
"""

from __future__ import annotations

import datetime as _dt
import errno
import hashlib
import os
import re
import socket
import stat
import sys
import tempfile
from pathlib import Path

if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _try_lock(fd: int) -> bool:
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(fd: int) -> None:
        try:
            os.lseek(fd, 0, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
        except OSError:
            pass

else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            return False
        return True

    def _unlock(fd: int) -> None:
        try:
            fcntl.flock(fd, fcntl.LOCK_UN)
        except OSError:
            pass


class AlreadyOpenError(Exception):
    """Another pm-desktop (or another window) has the review open for writing."""

    def __init__(self, path: Path, holder: str):
        self.path = str(path)
        self.holder = holder
        self.host, self.pid, self.since = _holder_parts(holder)
        super().__init__(f"{path}: {self.where()}")

    def where(self) -> str:
        """Where the review is open, for a person: which computer, since when (no process ids)."""
        since = f" since {self.since}" if self.since else ""
        if self.host and self.host != socket.gethostname():
            return f"is already open in pm-desktop on {self.host}{since}"
        if self.pid == os.getpid():
            return "is already open in another window of this app"
        return f"is already open in pm-desktop on this computer{since}"


_HOLDER = re.compile(r"^(?P<host>[^,]*), pid (?P<pid>\d+)(?:, since (?P<since>.*))?$")


def _holder_parts(holder: str) -> tuple[str, int | None, str]:
    """``"vm, pid 21524, since 2026-12-03 06:10 UTC"`` → host, pid and time (empty if unknown)."""
    m = _HOLDER.match(holder.strip())
    if not m:
        return "", None, ""
    return m.group("host").strip(), int(m.group("pid")), (m.group("since") or "").strip()


LOCK_PREFIX = ".~lock."
OUTPUT_LOCK_PREFIX = ".~pm-lock."
# The first words of every lock file we write, so that a stale one is told apart from the lock
# files of office suites (which use the same ``.~lock.NAME#`` convention for their documents).
LOCK_MARK = "pm-desktop lock"

# Never follow a link planted where a lock or output file goes (``ln -s victim .~lock.x#``).
NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
CLOEXEC = getattr(os, "O_CLOEXEC", 0)


def lock_path_for(review_path: Path, prefix: str = LOCK_PREFIX) -> Path:
    """Next to the file when that folder is writable, else in the temp folder (hashed name)."""
    review_path = review_path.resolve()
    beside = review_path.with_name(f"{prefix}{review_path.name}#")
    if os.access(review_path.parent, os.W_OK):
        return beside
    digest = hashlib.sha256(
        (prefix + str(review_path)).encode("utf-8", "surrogatepass")
    ).hexdigest()[:24]
    return Path(tempfile.gettempdir()) / f"pm-desktop-lock-{digest}"


def _open_lock_file(path: Path, review_path: Path) -> int:
    """Open (or create) a lock file without following links; only a regular file will do."""
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT | NOFOLLOW | CLOEXEC, 0o644)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise LockError(
                f"{review_path}: the lock file {path.name} is a link, not a file pm-desktop "
                "made; remove it and try again"
            ) from exc
        raise LockError(
            f"{review_path}: cannot create the lock file {path.name} ({exc.strerror or exc})"
        ) from exc
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise LockError(
                f"{review_path}: the lock file {path.name} is not a regular file; remove it "
                "and try again"
            )
        if st.st_nlink > 1 or not _looks_like_ours(fd, st.st_size):
            # A hard link to some other file, or a file we did not write: never overwrite it.
            raise LockError(
                f"{review_path}: the lock file {path.name} is not one pm-desktop made; "
                "remove it and try again"
            )
    except BaseException:
        os.close(fd)
        raise
    return fd


# What an older pm-desktop wrote into its lock files: "host, pid 123, since 2026-…".
_OLD_NOTE = re.compile(rb"^[^\n,]*, pid \d+, since [^\n]*\n?$")


def _looks_like_ours(fd: int, size: int) -> bool:
    if size == 0:
        return True
    if size > 512:
        return False
    head = os.pread(fd, 512, 0) if hasattr(os, "pread") else b""
    return head.startswith(LOCK_MARK.encode()) or bool(_OLD_NOTE.match(head))


class LockError(Exception):
    """The lock file cannot be made (a planted link, a full disk); ``str()`` is one line."""


class FileLock:
    """Held for as long as a review (or an output being written) is ours to change.

    ``prefix`` tells review locks (``.~lock.``) from the locks of outputs being written
    (``.~pm-lock.``), so an export never takes over a lock an office suite made for a document.
    """

    def __init__(self, review_path: os.PathLike[str] | str, prefix: str = LOCK_PREFIX):
        self.review_path = Path(review_path)
        self.path = lock_path_for(self.review_path, prefix)
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self) -> FileLock:
        if self._fd is not None:
            return self
        for _attempt in range(5):
            fd = _open_lock_file(self.path, self.review_path)
            if not _try_lock(fd):
                try:
                    holder = (
                        os.pread(fd, 300, 0).decode("utf-8", "replace").strip()
                        if hasattr(os, "pread")
                        else ""
                    )
                except OSError:
                    holder = ""
                os.close(fd)
                holder = holder.removeprefix(LOCK_MARK).strip(" :")
                raise AlreadyOpenError(self.review_path, holder.replace("\n", ", "))
            # The holder may have unlinked the file between our open and our lock: then we locked
            # an orphan inode, and must lock the file that is there now instead.
            try:
                same = os.path.samestat(os.fstat(fd), os.lstat(self.path))
            except OSError:
                same = False
            if same:
                break
            _unlock(fd)
            os.close(fd)
        else:  # pragma: no cover - needs a pathological race
            raise AlreadyOpenError(self.review_path, "the lock file keeps changing")
        stamp = _dt.datetime.now(_dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
        info = f"{LOCK_MARK}: {socket.gethostname()}, pid {os.getpid()}, since {stamp}\n".encode()
        try:
            os.ftruncate(fd, 0)
            os.pwrite(fd, info, 0) if hasattr(os, "pwrite") else os.write(fd, info)
        except OSError:
            # A full disk: the lock itself (the flock) holds; only the holder's note is missing.
            pass
        self._fd = fd
        return self

    def release(self) -> None:
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        try:
            os.unlink(self.path)
        except OSError:
            pass
        _unlock(fd)
        os.close(fd)

    def __enter__(self) -> FileLock:
        return self.acquire()

    def __exit__(self, *exc: object) -> None:
        self.release()


def remove_if_stale(lock_file: Path) -> bool:
    """Delete a lock file of ours that no living process holds (its holder was killed).

    A lock file is ours when it is a regular file that is empty or starts with
    :data:`LOCK_MARK`; anything else (an office suite's lock, a link) is left alone."""
    try:
        fd = os.open(lock_file, os.O_RDWR | NOFOLLOW | CLOEXEC)
    except OSError:
        return False
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return False
        head = os.pread(fd, len(LOCK_MARK), 0) if hasattr(os, "pread") else b""
        if head and head != LOCK_MARK.encode():
            return False
        if not _try_lock(fd):
            return False
        try:
            if not os.path.samestat(os.fstat(fd), os.lstat(lock_file)):
                return False
            os.unlink(lock_file)
            return True
        except OSError:
            return False
        finally:
            _unlock(fd)
    finally:
        os.close(fd)
