"""Documents out: PDF, Markdown, CSV, JSON, HTML, Word and Confluence. No Qt here.

:func:`run_export` picks the exporter for a format; each exporter module has one entry point
taking an :class:`~pm_desktop.export.job.ExportJob`.
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .job import ExportCancelled, ExportError, ExportJob, atomic_output

# The job's names (and what they import: the store's file helpers, the recurrence profile) load
# when first asked for, so a window that only names the formats starts without them.
_FROM_JOB = frozenset({"ExportCancelled", "ExportError", "ExportJob", "atomic_output"})


def __getattr__(name: str) -> Any:
    if name in _FROM_JOB:
        from . import job

        return getattr(job, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

__all__ = [
    "FORMATS",
    "ExportCancelled",
    "ExportError",
    "ExportJob",
    "atomic_output",
    "format_for",
    "run_export",
]

# format → "module:function"; imported lazily so the CLI starts fast.
FORMATS: dict[str, str] = {
    "json": "pm_desktop.export.json_export:export_json",
    "pdf": "pm_desktop.export.pdf:export_pdf",
    "md": "pm_desktop.export.markdown:export_markdown",
    "csv": "pm_desktop.export.csv_export:export_csv",
    "html": "pm_desktop.export.html_export:export_html",
    "docx": "pm_desktop.export.docx_export:export_docx",
    "confluence": "pm_desktop.export.confluence:export_confluence",
}
EXTENSIONS = {
    ".json": "json",
    ".pdf": "pdf",
    ".md": "md",
    ".markdown": "md",
    ".csv": "csv",
    ".html": "html",
    ".htm": "html",
    ".docx": "docx",
    ".xml": "confluence",
}


def format_for(path_name: str, explicit: str | None = None) -> str:
    if explicit:
        return explicit
    lower = path_name.lower()
    for ext, fmt in EXTENSIONS.items():
        if lower.endswith(ext):
            return fmt
    from .job import ExportError

    raise ExportError(
        f"{path_name}: cannot tell the format from the name; use --format " + ", ".join(FORMATS)
    )


def run_export(fmt: str, job: ExportJob) -> None:
    from pm_desktop.store.files import clean_leftovers

    from .job import ExportError

    target = FORMATS.get(fmt)
    if target is None:
        raise ExportError(
            f"{job.out}: the {fmt!r} format is not supported (use {', '.join(sorted(FORMATS))})"
        )
    if fmt != "json":
        # Every document export burns redaction boxes into copies of the screenshots. The JSON
        # interchange stays lossless: it carries the original image and the boxes.
        from dataclasses import replace

        from .burn import burned_reader

        job = replace(job, read_blob=burned_reader(job.review, job.read_blob))
    module_name, func_name = target.split(":")
    func = getattr(importlib.import_module(module_name), func_name)
    # Part files and locks of an export that was killed here before go first.
    clean_leftovers(Path(job.out).parent)
    func(job)
