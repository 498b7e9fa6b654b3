"""Opening a review that was refused as untrusted: offer a cleaned copy instead.

The file itself is never opened (see :mod:`pm_desktop.store.trust`). With the user's yes, a
cleaned copy is written to the untitled-reviews folder and opened as an untitled review, so
nothing is written beside the received file and the user picks a name with Save As.
"""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMessageBox, QWidget

from pm_desktop.store.document import Document
from pm_desktop.store.opening import UntrustedFile

from . import settings as settings_mod

if TYPE_CHECKING:
    from pm_desktop.store.cleaning import CleanReport


def question(target: Path, exc: UntrustedFile) -> str:
    return (
        f"{target.name} {exc.reason}: it may have been changed to run code on your edits.\n\n"
        "Open a cleaned copy instead? It keeps only pm-desktop's own tables and the data that "
        "passes every check; the received file stays as it is."
    )


def ask(parent: QWidget | None, message: str) -> bool:
    box = QMessageBox(QMessageBox.Icon.Warning, "Review from an untrusted source", message)
    yes = box.addButton("Open a cleaned copy", QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.exec()
    return box.clickedButton() is yes


def open_cleaned_copy(target: Path) -> tuple[Document, CleanReport]:
    """Write the cleaned copy as an untitled review and open it. Raises ``OpenError``."""
    from pm_desktop.store.cleaning import clean_copy  # only ever needed here: not at start-up

    copy = settings_mod.untitled_dir() / f"untitled-{uuid.uuid4().hex[:12]}.pmreview"
    report = clean_copy(target, copy)
    doc = Document.open(copy)
    doc.untitled = True
    return doc, report
