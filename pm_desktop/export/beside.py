"""Writing an export with a folder of files beside it (``NAME_files/``): the Markdown export's
images, the Confluence page's attachments.

The folder is a marked one (:func:`pm_desktop.store.files.make_marked_folder`): it is staged
under the output's part name while the output's lock is held, then put in place with the file;
an existing folder is replaced only when a pm-desktop export made it. Nothing is left behind when
writing fails, and the next start tells a killed export's staging folder from ours.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from pm_desktop.store.files import is_our_folder, make_marked_folder, part_path, remove_part

from .job import ExportError, ExportJob, atomic_output

# (file name in the folder, how to get its bytes)
Files = Sequence[tuple[str, Callable[[], bytes]]]


def folder_for(out: Path) -> Path:
    return out.with_name(f"{out.stem}_files")


def write_with_folder(
    job: ExportJob, out: Path, text: str, files: Files, *, what: str, start: float
) -> None:
    """Write ``text`` to ``out`` and ``files`` into its folder; progress from ``start`` to 0.95,
    saying "Writing <what> (n of N)"."""
    folder = folder_for(out)
    if files and (folder.exists() or folder.is_symlink()) and not is_our_folder(folder):
        raise ExportError(
            f"{folder}: exists and was not made by a pm-desktop export, so it is not replaced; "
            "move it away or choose another file name"
        )
    # The output's lock is held from here to the end (atomic_output), so the next start tells
    # the staging folder of a killed export (named like the output's part files) from ours.
    with atomic_output(out, "w", encoding="utf-8") as fh:
        staging = part_path(out) if files else None
        try:
            if staging is not None:
                make_marked_folder(staging)
                for n, (name, data) in enumerate(files, 1):
                    job.progress(
                        start + (0.95 - start) * n / len(files),
                        f"Writing {what} ({n} of {len(files)})",
                    )
                    with open(staging / name, "xb") as fh_file:
                        fh_file.write(data())
            fh.write(text)
            if staging is not None:
                _swap_folder(staging, folder, out)
                staging = None
        finally:
            if staging is not None:
                remove_part(staging)


def _swap_folder(staging: Path, folder: Path, out: Path) -> None:
    """Put the new folder in place of an older one from a previous export (only ever one of
    ours: it carries the marker file)."""
    old = None
    if folder.exists():
        if not is_our_folder(folder):
            raise ExportError(f"{folder}: was not made by a pm-desktop export; it is not replaced")
        old = part_path(out)
        folder.rename(old)
    staging.rename(folder)
    if old is not None:
        remove_part(old)
