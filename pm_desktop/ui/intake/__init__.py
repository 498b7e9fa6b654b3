"""File ▸ Import: choose a file, map a CSV's columns, preview the entries, add them as one step."""

from .actions import IMPORT_KINDS, ImportActions
from .preview import IntakePreviewDialog

__all__ = ["IMPORT_KINDS", "ImportActions", "IntakePreviewDialog"]
