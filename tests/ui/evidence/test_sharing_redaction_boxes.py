"""Drawing redaction boxes on a screenshot in the viewer: edits on the document, undoable."""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt

from pm_desktop.ui.evidence.viewer import ImageViewer


def _image(controller):
    return next(e for e in controller.review.sorted_evidence() if e.kind == "image")


def _drag(qtbot, viewer: ImageViewer, start: tuple[int, int], end: tuple[int, int]) -> None:
    port = viewer.view.viewport()
    a = viewer.view.mapFromScene(QPointF(*start))
    b = viewer.view.mapFromScene(QPointF(*end))
    qtbot.mousePress(port, Qt.MouseButton.LeftButton, pos=a)
    qtbot.mouseMove(port, b)
    qtbot.mouseRelease(port, Qt.MouseButton.LeftButton, pos=b)


def test_a_drag_in_redact_mode_draws_a_box_that_undo_removes(panel, controller, qtbot):
    image = _image(controller)
    panel.open_item(image.id)
    viewer = panel.viewer
    assert isinstance(viewer, ImageViewer) and viewer.boxes is not None
    qtbot.waitExposed(viewer)
    viewer.set_zoom(1.0)
    viewer.view.centerOn(200, 150)
    qtbot.keyClick(viewer, Qt.Key.Key_R)
    assert viewer.drawing
    _drag(qtbot, viewer, (100, 80), (300, 180))
    (box,) = controller.review.boxes_for(image.id)
    assert abs(box.x - 100) <= 2 and abs(box.y - 80) <= 2
    assert abs(box.w - 200) <= 3 and abs(box.h - 100) <= 3
    assert set(viewer.boxes.items) == {box.id}  # the scene mirrors the review
    controller.undo_stack.undo()
    assert controller.review.boxes == {} and viewer.boxes.items == {}
    controller.undo_stack.redo()
    assert list(viewer.boxes.items) == [box.id]
    viewer.close()


def test_delete_removes_the_selected_box_and_a_click_draws_nothing(panel, controller, qtbot):
    image = _image(controller)
    panel.open_item(image.id)
    viewer = panel.viewer
    qtbot.waitExposed(viewer)
    viewer.set_zoom(1.0)
    viewer.view.centerOn(200, 150)
    viewer.set_drawing(True)
    _drag(qtbot, viewer, (120, 120), (121, 121))
    assert controller.review.boxes == {}
    _drag(qtbot, viewer, (120, 100), (220, 160))
    assert len(controller.review.boxes) == 1
    qtbot.keyClick(viewer, Qt.Key.Key_Escape)
    assert not viewer.drawing
    next(iter(viewer.boxes.items.values())).setSelected(True)
    qtbot.keyClick(viewer, Qt.Key.Key_Delete)
    assert controller.review.boxes == {}
    controller.undo_stack.undo()
    assert len(controller.review.boxes) == 1
    viewer.close()


def test_the_detail_pane_counts_the_boxes_and_fills_them_in_the_preview(panel, controller):
    from PySide6.QtGui import QColor, QImage

    from pm_desktop.domain.ops import add_box

    image = _image(controller)
    info = controller.review.blobs[image.blob]
    controller.push(add_box(controller.review, image.id, 0, 0, info.width // 2, info.height // 2))
    detail = panel.detail
    detail.show_item(image.id)
    thumb = QImage(200, 100, QImage.Format.Format_RGB32)
    thumb.fill(QColor(255, 255, 255))
    detail.set_thumbnail(thumb)
    assert "1 redacted area" in detail.facts.text()
    shown = detail.preview.pixmap().toImage()
    assert shown.pixelColor(10, 10) == QColor(0, 0, 0)
    assert shown.pixelColor(shown.width() - 5, shown.height() - 5) == QColor(255, 255, 255)
    controller.undo_stack.undo()
    assert "redacted area" not in detail.facts.text()


def test_save_as_writes_a_copy_with_the_boxes_burned_in(panel, controller):
    import io
    from pathlib import Path

    from PIL import Image

    from pm_desktop.domain.ops import add_box

    image = _image(controller)
    original = controller.document.read_blob(image.blob)
    controller.push(add_box(controller.review, image.id, 10, 10, 40, 20))
    path = panel.save_item(image.id)
    with Image.open(io.BytesIO(Path(path).read_bytes())) as saved:
        rgb = saved.convert("RGB")
        assert {rgb.getpixel((x, y)) for x in range(10, 50) for y in range(10, 30)} == {(0, 0, 0)}
    assert controller.document.read_blob(image.blob) == original  # the stored picture stays


def test_the_detail_pane_strikes_marked_text_in_the_snippet_and_note(panel, controller):
    from pm_desktop.domain.ops import mark_redacted
    from pm_desktop.domain.redaction import Place

    snippet = next(e for e in controller.review.sorted_evidence() if e.kind == "text")
    word = snippet.text.split()[0]
    controller.push(mark_redacted(controller.review, word, "evidence", snippet.id, "text"))
    detail = panel.detail
    detail.show_item(snippet.id)
    assert detail.snippet_marks.place == Place("evidence", snippet.id, "text")
    assert detail.note_marks.place == Place("evidence", snippet.id, "note")
    assert detail.snippet.extraSelections()
    assert all(s.format.fontStrikeOut() for s in detail.snippet.extraSelections())
