"""Typing in progress reaches the file before the review closes, the window quits, another
panel is shown, or a Save As or export copies the file.

An editor that is still open holds text the document has not seen: a table cell's editor, a why
box being edited in place, the follow-up form, the capture window's note. Focus-out already
commits most of them, but quitting with Ctrl+Q or closing the review moves no focus. So every
such moment calls :meth:`DocumentController.commit_pending_edits`, which emits
``commitRequested``; the window answers it for every item view (:func:`commit_item_view_editors`)
and the panels with editors of their own answer it for theirs.
"""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractItemDelegate, QAbstractItemView, QApplication, QWidget


def _open_editor(view: QAbstractItemView) -> QWidget | None:
    focus = QApplication.focusWidget()
    viewport = view.viewport()
    if focus is not None and viewport.isAncestorOf(focus):
        while focus.parentWidget() is not viewport:
            focus = focus.parentWidget()
        return focus
    index = view.currentIndex()
    editor = view.indexWidget(index) if index.isValid() else None
    if editor is not None:
        return editor
    shown = [w for w in viewport.findChildren(QWidget) if w.parentWidget() is viewport]
    shown = [w for w in shown if w.isVisible() or w.isVisibleTo(viewport)]
    return shown[0] if len(shown) == 1 else None


def commit_item_view_editors(root: QWidget) -> int:
    """Commit and close the open editor of every item view under ``root``; how many."""
    committed = 0
    for view in root.findChildren(QAbstractItemView):
        if view.state() != QAbstractItemView.State.EditingState:
            continue
        editor = _open_editor(view)
        if editor is None:
            continue
        delegate = view.itemDelegateForIndex(view.currentIndex()) or view.itemDelegate()
        delegate.commitData.emit(editor)
        delegate.closeEditor.emit(editor, QAbstractItemDelegate.EndEditHint.NoHint)
        committed += 1
    return committed
