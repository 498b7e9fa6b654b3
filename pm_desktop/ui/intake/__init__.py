"""File ▸ Import: choose a file, map a CSV's columns, preview the entries, add them as one step."""

from typing import Any

from .actions import IMPORT_KINDS, ImportActions

__all__ = ["IMPORT_KINDS", "ImportActions", "IntakePreviewDialog"]


def __getattr__(name: str) -> Any:
    # The preview dialog (and the timeline widgets it borrows) load on first use, not with the
    # main window, which builds ImportActions before its first paint.
    if name == "IntakePreviewDialog":
        from .preview import IntakePreviewDialog

        return IntakePreviewDialog
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
