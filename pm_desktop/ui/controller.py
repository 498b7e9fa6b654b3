"""The UI's single door to the document: every widget edit goes through :meth:`push`.

``push(edit)`` applies a domain edit through ``Document.apply`` (one committed transaction),
records it on the :class:`QUndoStack` and returns the :class:`Change` it made (new ids included);
undo applies ``edit.inverse()``. Panels never talk to each
other: they listen to :attr:`DocumentController.changed` and refresh what they show.

Signals:

- ``changed(Change)`` — after every applied edit, undo and redo (what changed, which ids).
- ``documentReplaced()`` — a different document is open (new, open, close); rebuild everything.
- ``pathChanged(str)`` — the file moved (Save As); the review itself is unchanged.
- ``error(str)`` — an edit was refused or could not be saved; one sentence for the status bar.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from pm_desktop.domain.edits import Change, Edit, EditError, SetReviewField, UpdateEntity
from pm_desktop.domain.model import Review
from pm_desktop.store.document import Document, StoreError

# Typing into one field within this many seconds is one undo step.
MERGE_WINDOW_S = 1.5


class EditCommand(QUndoCommand):
    """A QUndoCommand wrapping one domain edit. The edit is applied before it is pushed, so the
    first ``redo`` (which QUndoStack.push calls) does nothing."""

    def __init__(self, controller: DocumentController, edit: Edit, merge_key: str | None):
        super().__init__(edit.label or "Edit")
        self.controller = controller
        self.edit = edit
        self.merge_key = merge_key
        self._skip_redo = True
        self._stamp = time.monotonic()

    def redo(self) -> None:
        if self._skip_redo:
            self._skip_redo = False
            return
        self.controller._apply_quietly(self.edit)

    def undo(self) -> None:
        self.controller._apply_quietly(self.edit.inverse())

    def id(self) -> int:  # noqa: A003 - Qt's name
        return 1 if self.merge_key else -1

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 - Qt's name
        if (
            not isinstance(other, EditCommand)
            or other.merge_key != self.merge_key
            or self.merge_key is None
        ):
            return False
        if other._stamp - self._stamp > MERGE_WINDOW_S:
            return False
        merged = _merge(self.edit, other.edit)
        if merged is None:
            return False
        self.edit = merged
        self._stamp = other._stamp
        return True


def _merge(first: Edit, second: Edit) -> Edit | None:
    """Two successive edits of the same field as one edit, or None when they cannot be merged."""
    if (
        isinstance(first, SetReviewField)
        and isinstance(second, SetReviewField)
        and first.name == second.name
    ):
        return SetReviewField(first.name, first.old, second.new, first.label)
    if (
        isinstance(first, UpdateEntity)
        and isinstance(second, UpdateEntity)
        and first.new == second.old
    ):
        return UpdateEntity(first.old, second.new, first.label)
    return None


class DocumentController(QObject):
    changed = Signal(object)
    documentReplaced = Signal()
    pathChanged = Signal(str)
    error = Signal(str)
    # Editors still open: commit what you hold now (see ui/pending.py).
    commitRequested = Signal()

    def __init__(self, document: Document | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self.undo_stack = QUndoStack(self)
        self._document: Document | None = None
        if document is not None:
            self.set_document(document)

    # ------------------------------------------------------------------ the document
    @property
    def document(self) -> Document | None:
        return self._document

    @property
    def review(self) -> Review:
        """The open review (an empty one when nothing is open, so views can always read it)."""
        return self._document.review if self._document is not None else _EMPTY

    @property
    def read_only(self) -> bool:
        return self._document is None or self._document.read_only

    def set_document(self, document: Document | None) -> None:
        """Show another document. The caller closes the previous one if it should be closed."""
        if self._document is not None:
            self._document.unsubscribe(self._on_document_change)
        self._document = document
        self.undo_stack.clear()
        if document is not None:
            document.subscribe(self._on_document_change)
        self.documentReplaced.emit()

    def commit_pending_edits(self) -> None:
        """Ask every open editor to commit its text (before a close, a quit, a panel switch,
        a Save As or an export)."""
        if self._document is not None and not self._document.closed:
            self.commitRequested.emit()

    def save_as(self, target: str) -> None:
        """Move the open review to ``target``; the undo history stays valid."""
        if self._document is None:
            raise StoreError("no review is open")
        self._document.save_as(target)
        self.pathChanged.emit(str(self._document.path))

    def _on_document_change(self, change: Change) -> None:
        self.changed.emit(change)

    # ------------------------------------------------------------------ the edit path
    def push(self, edit: Edit, merge_key: str | None = None) -> Change | None:
        """Apply ``edit`` and put it on the undo stack; return what it changed.

        None (and ``error``) when the edit was refused or could not be saved, so ``if not
        push(...)`` still reads "it failed". An edit that changed nothing returns an empty
        :class:`Change` (falsy too): test ``is None`` where "nothing to do" counts as done. A
        view failing to follow the change after the commit does not undo it (the document logs
        that failure): the edit is on disk and on the undo stack.
        """
        if self._document is None:
            self.error.emit("No review is open.")
            return None
        try:
            change = self._document.apply(edit)
        except (EditError, StoreError, ValueError) as exc:
            self.error.emit(str(exc))
            return None
        if change:
            self.undo_stack.push(EditCommand(self, edit, merge_key))
        return change

    def _apply_quietly(self, edit: Edit) -> None:
        """Undo/redo path: a failure here (file gone read-only, say) is reported, not raised,
        because Qt calls it from C++."""
        if self._document is None:
            return
        try:
            self._document.apply(edit)
        except (EditError, StoreError, ValueError) as exc:
            self.error.emit(f"Could not undo or redo: {exc}")

    def close_document(self) -> None:
        doc = self._document
        self.set_document(None)
        if doc is not None:
            doc.close()


_EMPTY = Review()
