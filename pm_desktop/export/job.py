"""What every exporter receives, and how it writes its output safely.

An exporter works on a *snapshot* of the review (entities are immutable, so a shallow copy is
enough) and reads images through ``read_blob``, so it can run in a worker thread while the user
keeps editing. ``progress(fraction, message)`` reports progress; it raises
:class:`ExportCancelled` when the user pressed Cancel. Output is written next to the target and
renamed over it only when complete: a failed or cancelled export never leaves half a file.
"""

from __future__ import annotations

import contextlib
import os
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from pm_desktop.domain.model import Review

ProgressFn = Callable[[float, str], None]


class ExportCancelled(Exception):
    """The user cancelled the export; nothing was written."""


class ExportError(Exception):
    """The export failed; ``str()`` is one line for the user."""


def _no_progress(fraction: float, message: str) -> None:
    return None


@dataclass
class ExportJob:
    review: Review
    read_blob: Callable[[str], bytes]
    out: Path
    profile: str = "internal"  # or "external": for customers, see the PDF exporter
    images: bool = True  # Markdown: write images next to the file
    progress: ProgressFn = field(default=_no_progress)


@contextlib.contextmanager
def atomic_output(path: Path, mode: str = "wb", encoding: str | None = None) -> Iterator[IO]:
    """Open a temporary file beside ``path``; rename it over ``path`` only on success."""
    path = Path(path)
    if path.is_dir():
        raise ExportError(f"{path}: is a folder")
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.part")
    newline = "" if "b" not in mode else None
    try:
        with open(tmp, mode, encoding=encoding, newline=newline) as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
