"""Viewers, Save as, copy and paste of cards, and presentation mode."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QFontInfo, QWheelEvent
from PySide6.QtWidgets import QApplication

from pm_desktop.ingest.evidence_edits import build_edit, duplicate_edit
from pm_desktop.ui import typography
from pm_desktop.ui.evidence import evidence_ids
from pm_desktop.ui.evidence.viewer import ImageViewer, SnippetViewer


def first(controller, kind: str):
    return next(e for e in controller.review.sorted_evidence() if e.kind == kind)


def wheel(widget, delta: int, modifiers=Qt.KeyboardModifier.ControlModifier) -> None:
    pos = QPointF(widget.rect().center())
    event = QWheelEvent(
        pos,
        QPointF(widget.mapToGlobal(pos.toPoint())),
        QPoint(0, 0),
        QPoint(0, delta),
        Qt.MouseButton.NoButton,
        modifiers,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(widget, event)


def test_image_viewer_zooms_and_pans(panel, controller, qtbot):
    image = first(controller, "image")
    panel.open_item(image.id)
    viewer = panel.viewer
    assert isinstance(viewer, ImageViewer) and viewer.image_ok
    qtbot.waitExposed(viewer)
    fitted = viewer.zoom
    assert fitted < 1.0  # a 1400 px screenshot fits the window
    wheel(viewer.view.viewport(), 120)
    assert viewer.zoom > fitted
    qtbot.keyClick(viewer, Qt.Key.Key_1)
    assert viewer.zoom == 1.0
    qtbot.keyClick(viewer, Qt.Key.Key_Plus)
    assert viewer.zoom > 1.0
    qtbot.keyClick(viewer, Qt.Key.Key_Minus)
    qtbot.keyClick(viewer, Qt.Key.Key_Minus)
    assert viewer.zoom < 1.0
    viewer.set_zoom(2.0)
    bar = viewer.view.horizontalScrollBar()
    start = bar.value()
    port = viewer.view.viewport()
    centre = port.rect().center()
    qtbot.mousePress(port, Qt.MouseButton.LeftButton, pos=centre)
    qtbot.mouseMove(port, centre + QPoint(-150, 0))
    qtbot.mouseRelease(port, Qt.MouseButton.LeftButton, pos=centre + QPoint(-150, 0))
    assert bar.value() != start
    wheel(viewer.view.viewport(), -120, Qt.KeyboardModifier.NoModifier)  # plain wheel scrolls
    assert viewer.zoom == 2.0
    viewer.close()


def test_snippet_viewer_is_read_only_monospace_and_copies(panel, controller, qtbot):
    snippet = first(controller, "text")
    panel.open_item(snippet.id)
    viewer = panel.viewer
    assert isinstance(viewer, SnippetViewer)
    assert viewer.editor.isReadOnly()
    # The shipped monospace font, not whatever this machine calls "monospace".
    assert QFontInfo(viewer.editor.font()).family() == typography.MONO_FAMILY
    assert viewer.editor.toPlainText() == snippet.text
    assert "captured 2025-03-12 09:25 UTC" in viewer.caption.text()
    assert viewer.copy() == snippet.text
    assert QApplication.clipboard().text() == snippet.text
    viewer.close()


def test_save_as_writes_the_stored_bytes_and_text(panel, controller, saved_dir):
    image = first(controller, "image")
    snippet = first(controller, "text")
    path = panel.save_item(image.id)
    assert path.endswith("latency-dashboard.png")
    assert Path(path).read_bytes() == controller.document.read_blob(image.blob)
    text_path = panel.save_item(snippet.id)
    assert Path(text_path).read_text(encoding="utf-8") == snippet.text
    assert text_path.startswith(str(saved_dir)) and text_path.endswith(".txt")


def test_a_plain_file_is_saved_never_opened(panel, controller, drop, tmp_path, opened, saved_dir):
    from PySide6.QtCore import QMimeData, QUrl

    binary = tmp_path / "tool.exe"
    binary.write_bytes(b"MZ\x90\x00 binary")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(binary))])
    drop(panel.drop_area, mime)
    item = first(controller, "file")
    assert item.filename == "tool.exe"
    panel.open_item(item.id)  # double-click: Save as, nothing runs
    assert (saved_dir / "tool.exe").read_bytes() == b"MZ\x90\x00 binary"
    assert opened == []


def test_copied_cards_paste_as_copies_in_one_step(panel, controller):
    link = first(controller, "link")
    panel.select_ids([link.id])
    mime = panel.copy_selection()
    assert evidence_ids(mime) == [link.id] and mime.text() == link.url
    before = len(controller.review.evidence)
    assert panel.paste(mime)
    assert len(controller.review.evidence) == before + 1
    (copy,) = [controller.review.evidence[i] for i in panel.selected_ids()]
    assert copy.id != link.id and copy.url == link.url and copy.event_ids == link.event_ids
    controller.undo_stack.undo()
    assert len(controller.review.evidence) == before


def test_a_copied_screenshot_carries_the_picture(panel, controller):
    image = first(controller, "image")
    panel.select_ids([image.id])
    mime = panel.copy_selection()
    assert mime.hasImage()


def test_build_edit_stores_bytes_once_and_adds_in_order(controller, make_png):
    from pm_desktop.ingest.evidence_intake import intake_file, intake_url

    data = make_png(seed=3)
    drafts = [
        *intake_file("a.png", data).drafts,
        *intake_url("https://x.example/1").drafts,
    ]
    edit = build_edit(controller.review, drafts, controller.document.put_blob, captured_by="Mei")
    assert [a.entity.kind for a in edit.edits] == ["image", "link"]
    seqs = [a.entity.seq for a in edit.edits]
    assert seqs == sorted(seqs) and seqs[0] == controller.review.next_seq("evidence")
    assert all(a.entity.captured_by == "Mei" for a in edit.edits)
    assert edit.edits[0].entity.blob in controller.review.blobs
    assert duplicate_edit(controller.review, ["missing"]).edits == ()


def test_presentation_steps_through_the_evidence(panel, controller, qtbot):
    ids = panel.model.ids()
    view = panel.presentation_widget()
    panel.set_presentation(True, 2.0)
    view.resize(1600, 1000)
    view.show()
    qtbot.waitExposed(view)
    assert view.current_id() == ids[0]
    assert view.picture.image is not None and view.picture.image.width() == 1400
    assert panel.present_step(-1) is False
    seen = [view.current_id()]
    while panel.present_step(1):
        seen.append(view.current_id())
        kind = controller.review.evidence[seen[-1]].kind
        shown = view.stack.currentWidget()
        assert shown is {"image": view.picture, "text": view.snippet}.get(kind, view.address)
    assert seen == ids
    assert panel.selected_ids() == [ids[-1]]
    assert view.title.text() == controller.review.evidence[ids[-1]].title
    panel.set_presentation(False)
    view.close()


def test_presentation_of_an_empty_review(make_panel, qtbot, tmp_path):
    from pm_desktop.store.document import Document
    from pm_desktop.ui.controller import DocumentController

    with Document.create(tmp_path / "empty.pmreview") as doc:
        controller = DocumentController(doc)
        panel = make_panel(controller)
        assert "No evidence yet" in panel.drop_area.empty.text()
        panel.set_presentation(True)
        assert panel.present_step(1) is False
        assert not panel.presentation_widget().empty.isHidden()
        controller.set_document(None)


def test_enter_on_a_card_opens_it_and_nothing_opens_on_a_single_click(
    panel, controller, qtbot, opened
):
    snippet = first(controller, "text")
    link = first(controller, "link")
    panel.show()
    qtbot.waitExposed(panel)
    panel.select_ids([link.id])
    rect = panel.view.visualRect(panel.model.index_of(link.id))
    qtbot.mouseClick(panel.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert panel.viewer is None and opened == []
    qtbot.keyClick(panel.view, Qt.Key.Key_Return)  # Enter on a link is the explicit action
    assert opened == [link.url]
    panel.select_ids([snippet.id])
    qtbot.keyClick(panel.view, Qt.Key.Key_Return)
    assert isinstance(panel.viewer, SnippetViewer)
    panel.viewer.close()


def test_the_card_drag_type_is_the_one_the_other_panels_accept():
    import pytest

    from pm_desktop.ui.evidence import EVIDENCE_MIME

    whys = pytest.importorskip("pm_desktop.ui.whys.mime")
    timeline = pytest.importorskip("pm_desktop.ui.timeline.editing")
    assert EVIDENCE_MIME == whys.EVIDENCE_MIME == timeline.EVIDENCE_IDS_MIME
