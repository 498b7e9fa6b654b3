"""The evidence model: a well-behaved Qt model, lazy thumbnails, filters, links that survive."""

from __future__ import annotations

import hashlib
import json

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from pm_desktop.domain import ops
from pm_desktop.domain.edits import AddEntity, update
from pm_desktop.domain.model import BlobInfo, Evidence, Review, TimelineEvent
from pm_desktop.export.json_export import review_to_json
from pm_desktop.ingest import thumbnails
from pm_desktop.ingest.json_import import review_from_dict
from pm_desktop.store.document import Document
from pm_desktop.ui.controller import DocumentController
from pm_desktop.ui.evidence.model import Roles


def test_model_passes_qtmodeltester(panel, qtmodeltester):
    qtmodeltester.check(panel.model)
    panel.find("log")
    qtmodeltester.check(panel.model)
    panel.kind_combo.setCurrentIndex(panel.kind_combo.findData("link"))
    qtmodeltester.check(panel.model)


def test_rows_follow_edits_without_a_reset(panel, controller, qtbot):
    model = panel.model
    first = model.ids()[0]
    with qtbot.assertNotEmitted(model.modelReset):
        controller.push(ops.delete_evidence(controller.review, [first]))
        assert first not in model.ids()
        controller.undo_stack.undo()
    assert model.ids()[0] == first
    item = controller.review.evidence[first]
    assert model.data(model.index_of(first), Qt.ItemDataRole.DisplayRole) == item.title


def test_filter_to_event_and_find(panel, controller):
    event_id = "6cd26ce9-d79a-5686-bc5b-eeb1a1379ada"
    linked = [e.id for e in controller.review.evidence_for_event(event_id)]
    panel.filter_to_event(event_id)
    assert panel.model.ids() == linked
    assert not panel.event_chip.isHidden() and "09:25" in panel.event_chip.text()
    panel.filter_to_event("")
    assert len(panel.model.ids()) == len(controller.review.evidence)
    panel.find("pg_stat")
    assert [controller.review.evidence[i].title for i in panel.model.ids()] == [
        "Slow query found in pg_stat_statements"
    ]
    panel.find("SLACK.COM")  # matches the URL, whatever the case
    assert len(panel.model.ids()) == 1
    panel.find("")
    panel.filter_to_event("no-such-event")
    assert len(panel.model.ids()) == len(controller.review.evidence)


def test_the_event_filter_is_a_chip_that_removes_itself(panel, controller):
    event_id = "6cd26ce9-d79a-5686-bc5b-eeb1a1379ada"
    panel.filter_to_event(event_id)
    assert panel.event_chip.isVisibleTo(panel) and panel.event_chip.text().endswith("✕")
    assert "Remove the filter" in panel.event_chip.accessibleName()
    panel.event_chip.click()
    assert panel.model.filter.event_id == ""
    assert panel.event_chip.isHidden()
    assert len(panel.model.ids()) == len(controller.review.evidence)


def test_a_long_entry_never_makes_the_chip_wide(panel, controller):
    """The chip names the entry shortened (its tooltip holds it whole): filtering to a long
    entry must not push the window past a small screen."""
    event_id = "6cd26ce9-d79a-5686-bc5b-eeb1a1379ada"
    event = controller.review.events[event_id]
    long_text = "The checkout service kept retrying every payment " * 6
    controller.push(update(event, text=long_text))
    panel.filter_to_event(event_id)
    assert "…" in panel.event_chip.text()
    assert panel.event_chip.minimumSizeHint().width() < 600
    assert long_text.split()[-1] in panel.event_chip.toolTip()
    assert event.id in controller.review.events


def test_evidence_added_elsewhere_that_the_filter_hides_shows_everything(panel, controller):
    """A screenshot pasted in the capture window while the panel is filtered to another moment
    must not leave the panel saying that nothing matches."""
    event_id = "6cd26ce9-d79a-5686-bc5b-eeb1a1379ada"
    panel.filter_to_event(event_id)
    item = Evidence(id="fresh-note", kind="text", title="Pasted while filtered", text="log line")
    controller.push(AddEntity(item))
    assert panel.model.filter.event_id == ""
    assert "fresh-note" in panel.model.ids()
    assert "did not match the filter" in panel.banner.text()


def test_a_deleted_event_drops_its_filter(panel, controller):
    event_id = "6cd26ce9-d79a-5686-bc5b-eeb1a1379ada"
    panel.filter_to_event(event_id)
    controller.push(ops.delete_events(controller.review, [event_id]))
    assert panel.model.filter.event_id == ""
    assert len(panel.model.ids()) == len(controller.review.evidence)


def test_select_item_clears_a_filter_that_hides_it(panel, controller):
    panel.find("pg_stat")
    target = next(e.id for e in controller.review.sorted_evidence() if e.kind == "link")
    assert panel.select_item("evidence", target)
    assert panel.selected_ids() == [target] and panel.detail.item_id == target
    assert not panel.select_item("events", target)
    assert not panel.select_item("evidence", "missing")


# ------------------------------------------------------------------ 200 screenshots


def many_screenshots(tmp_path, make_png, n: int = 200) -> Document:
    review = Review()
    blobs: dict[str, bytes] = {}
    for i in range(n):
        data = make_png(240, 150, seed=i)
        sha = hashlib.sha256(data).hexdigest()
        blobs[sha] = data
        review.blobs[sha] = BlobInfo(sha, "image/png", len(data), 240, 150)
        review.evidence[f"ev{i:03d}"] = Evidence(
            f"ev{i:03d}", "image", title=f"Screenshot {i}", blob=sha, mime="image/png", seq=i
        )
    return Document.create(tmp_path / "busy.pmreview", review, blobs)


def test_two_hundred_screenshots_open_without_decoding_them_all(
    qtbot, tmp_path, make_panel, make_png
):
    doc = many_screenshots(tmp_path, make_png)
    controller = DocumentController(doc)
    panel = make_panel(controller)
    start = thumbnails.decode_count()
    panel.show()
    qtbot.waitExposed(panel)
    for _ in range(3):
        QApplication.processEvents()
    on_screen = thumbnails.decode_count() - start
    assert 0 < on_screen < 60  # only the cards that were painted

    model = panel.model
    for row in range(model.rowCount()):  # scroll through everything, twice
        model.data(model.index(row, 0), Roles.Thumb)
    QApplication.processEvents()
    for row in range(model.rowCount()):
        assert model.data(model.index(row, 0), Roles.Thumb) is not None
    assert thumbnails.decode_count() - start == 200  # each picture exactly once

    controller.set_document(None)
    doc.close()
    reopened = Document.open(tmp_path / "busy.pmreview")
    again = make_panel(DocumentController(reopened))
    before = thumbnails.decode_count()
    again.show()
    qtbot.waitExposed(again)
    for row in range(again.model.rowCount()):
        again.model.data(again.model.index(row, 0), Roles.Thumb)
    QApplication.processEvents()
    assert thumbnails.decode_count() == before  # kept in the file
    assert again.model.data(again.model.index(199, 0), Roles.Thumb) is not None
    again.controller.set_document(None)
    reopened.close()


def test_thumbnails_are_made_off_the_ui_thread(qtbot, tmp_path, make_panel, make_png):
    doc = many_screenshots(tmp_path, make_png, n=12)
    controller = DocumentController(doc)
    panel = make_panel(controller, threaded_thumbnails=True)
    model = panel.model
    for row in range(model.rowCount()):
        assert model.data(model.index(row, 0), Roles.Thumb) is None  # asked, not waited for
    with qtbot.waitSignals([panel.thumbs.ready] * 12, timeout=20000):
        pass
    qtbot.waitUntil(lambda: not panel.thumbs.pending(), timeout=20000)
    assert all(model.data(model.index(r, 0), Roles.Thumb) is not None for r in range(12))
    panel.thumbs.wait()
    controller.set_document(None)
    doc.close()


def test_a_damaged_picture_shows_why_it_has_no_preview(controller, make_panel, qtbot):
    doc = controller.document
    info = doc.put_blob(b"not a picture at all", "image/png")
    item = ops.new_evidence(controller.review, "image", title="Broken", blob=info.sha256)
    controller.push(AddEntity(item))
    panel = make_panel(controller)
    index = panel.model.index_of(item.id)
    assert panel.model.data(index, Roles.Thumb) is None
    QApplication.processEvents()
    assert "picture" in panel.model.data(index, Roles.ThumbProblem)


# ------------------------------------------------------------------ links survive


def test_evidence_event_links_survive_the_file_and_json_round_trips(
    panel, controller, example_document
):
    review = controller.review
    snippet = next(e for e in review.sorted_evidence() if e.kind == "text")
    image = next(e for e in review.sorted_evidence() if e.kind == "image")
    extra = TimelineEvent("ev-extra", "2025-03-12T09:26:00Z", text="Retry storm seen")
    controller.push(AddEntity(extra))
    controller.push(ops.link_evidence(controller.review, snippet.id, "ev-extra"))
    wanted = {e.id: e.event_ids for e in controller.review.evidence.values()}
    assert "ev-extra" in wanted[snippet.id]

    path = controller.document.path
    image_bytes = controller.document.read_blob(image.blob)
    controller.set_document(None)
    assert panel.model.rowCount() == 0  # the panel follows the controller
    example_document.close()
    reopened = Document.open(path)
    try:
        assert {e.id: e.event_ids for e in reopened.review.evidence.values()} == wanted
        text = review_to_json(reopened.review, reopened.read_blob)
        imported = review_from_dict(json.loads(text))
        assert {e.id: e.event_ids for e in imported.review.evidence.values()} == wanted
        assert imported.blobs[image.blob] == image_bytes
    finally:
        reopened.close()
