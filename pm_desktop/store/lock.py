"""One writer per review file.

A hidden lock file sits next to the review (``.~lock.<name>#``, the convention office suites use)
and is held with an OS advisory lock (``flock`` on POSIX, ``msvcrt.locking`` on Windows). The OS
drops the lock when the process dies, so a lock left behind by a crashed instance is recovered
simply by locking it again. The file's text (host, pid, time) only makes the "already open"
message useful.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import os
import socket
import tempfile
from pathlib import Path

if os.name == "nt":  # pragma: no cover - exercised on Windows only
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
        who = f" ({holder})" if holder else ""
        super().__init__(
            f"{path}: is already open in another pm-desktop window{who}; open it read-only instead"
        )


def lock_path_for(review_path: Path) -> Path:
    """Next to the file when that folder is writable, else in the temp folder (hashed name)."""
    review_path = review_path.resolve()
    beside = review_path.with_name(f".~lock.{review_path.name}#")
    if os.access(review_path.parent, os.W_OK):
        return beside
    digest = hashlib.sha256(str(review_path).encode("utf-8", "surrogatepass")).hexdigest()[:24]
    return Path(tempfile.gettempdir()) / f"pm-desktop-lock-{digest}"


class FileLock:
    def __init__(self, review_path: os.PathLike[str] | str):
        self.review_path = Path(review_path)
        self.path = lock_path_for(self.review_path)
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self) -> FileLock:
        if self._fd is not None:
            return self
        for _attempt in range(5):
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
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
                raise AlreadyOpenError(self.review_path, holder.replace("\n", ", "))
            # The holder may have unlinked the file between our open and our lock: then we locked
            # an orphan inode, and must lock the file that is there now instead.
            try:
                same = os.path.samestat(os.fstat(fd), os.stat(self.path))
            except OSError:
                same = False
            if same:
                break
            _unlock(fd)
            os.close(fd)
        else:  # pragma: no cover - needs a pathological race
            raise AlreadyOpenError(self.review_path, "the lock file keeps changing")
        stamp = _dt.datetime.now(_dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
        info = f"{socket.gethostname()}, pid {os.getpid()}, since {stamp}\n".encode()
        os.ftruncate(fd, 0)
        os.pwrite(fd, info, 0) if hasattr(os, "pwrite") else os.write(fd, info)
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
