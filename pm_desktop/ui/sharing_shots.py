"""Screens of the sharing features for ``pm-desktop screenshot``: the pre-send check and a
screenshot with a redaction box in the evidence viewer.

Works on the review the screenshot command opened (always a temporary copy); the box it draws is
undone afterwards, so the copy ends as it began.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from pm_desktop.domain.ops import add_box

from .evidence.viewer import ImageViewer
from .presend import PresendDialog

Save = Callable[[QWidget, str], None]


def sharing_screens(window, save: Save, theme: str, size: tuple[int, int]) -> None:  # noqa: ANN001
    """Save ``<theme>-presend-check`` and ``<theme>-redacted-screenshot``."""
    controller = window.controller
    dialog = PresendDialog(controller, window)
    dialog.resize(*size)
    dialog.show()
    if dialog.findings:
        dialog.table.selectRow(0)
    save(dialog, f"{theme}-presend-check")
    dialog.close()
    dialog.deleteLater()

    doc = controller.document
    image = next((e for e in controller.review.sorted_evidence() if e.kind == "image"), None)
    if doc is None or image is None or image.blob is None or controller.read_only:
        return
    info = controller.review.blobs.get(image.blob)
    width = info.width if info and info.width else 800
    height = info.height if info and info.height else 600
    # over the dashboard's header, where a real screenshot shows internal names
    x, y, w, h = width // 140, height // 140, width // 3, height // 20
    edit = add_box(controller.review, image.id, x, y, w, h)
    if not controller.push(edit):
        return
    try:
        viewer = ImageViewer(
            image, doc.read_blob(image.blob), image.title, read_blob=doc.read_blob,
            controller=controller, parent=window,
        )  # fmt: skip
        viewer.resize(*size)
        viewer.show()
        viewer.fit()
        for item in viewer.boxes.items.values() if viewer.boxes else ():
            item.setSelected(True)
        save(viewer, f"{theme}-redacted-screenshot")
        viewer.close()
        viewer.deleteLater()
    finally:
        controller.undo_stack.undo()
