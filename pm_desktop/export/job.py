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
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from pm_desktop.domain.model import Review
from pm_desktop.domain.recurrence import Relation
from pm_desktop.store.files import OutputError, describe, new_part, output_lock, publish

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
    tracker: str = "jira"  # CSV: the tracker's dialect (jira, linear or github)
    related: tuple[Relation, ...] = ()  # PDF: earlier reviews the library relates to this one


@contextlib.contextmanager
def atomic_output(path: Path, mode: str = "wb", encoding: str | None = None) -> Iterator[IO]:
    r"""Open a new part file beside ``path`` (never through a link), holding the output's lock;
    rename it over ``path`` only on success. Failures are one-line :class:`ExportError`\ s
    naming ``path``; nothing is left behind."""
    path = Path(path)
    if path.is_dir():
        raise ExportError(f"{path}: is a folder")
    newline = "" if "b" not in mode else None
    try:
        with output_lock(path), new_part(path) as part:
            with open(part, mode.replace("w", "r+"), encoding=encoding, newline=newline) as fh:
                yield fh
                fh.flush()
                os.fsync(fh.fileno())
            publish(part, path)
    except OutputError as exc:
        raise ExportError(str(exc)) from exc
    except OSError as exc:
        raise ExportError(f"{path}: cannot be written ({describe(exc)})") from exc


# What an existing file may be, to be replaced by an export without --force.
OWN_EXTENSIONS = {
    "json": (".json",),
    "pdf": (".pdf",),
    "md": (".md", ".markdown"),
    "csv": (".csv",),
    "html": (".html", ".htm"),
    "docx": (".docx",),
    "confluence": (".xml",),
}


def refuse_unsafe_target(out: Path, fmt: str) -> None:
    """An export replaces only an earlier file of its own format; never a review, never some
    other file (the caller skips this check when the user said ``--force``)."""
    if not (out.exists() or out.is_symlink()):
        return
    if out.is_dir():
        raise ExportError(f"{out}: is a folder")
    lower = out.name.lower()
    if lower.endswith(".pmreview"):
        raise ExportError(f"{out}: is a review; an export never replaces one (choose another name)")
    if not lower.endswith(OWN_EXTENSIONS.get(fmt, ())):
        raise ExportError(
            f"{out}: exists and is not a {fmt.upper()} file; pass --force to replace it"
        )
