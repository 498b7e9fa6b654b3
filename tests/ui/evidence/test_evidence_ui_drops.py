"""Dropping and pasting onto the evidence panel: what lands, what is refused, one undo step."""

from __future__ import annotations

import io
import json

from PIL import Image
from PySide6.QtCore import QByteArray, QMimeData, QUrl
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication

from pm_desktop.ui.evidence import EVIDENCE_MIME


def files_mime(*paths) -> QMimeData:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    return mime


def state(controller, blob_count):
    review = controller.review
    return (
        dict(review.evidence),
        dict(review.events),
        dict(review.whys),
        review.meta,
        blob_count(controller.document),
        controller.undo_stack.count(),
    )


def added(controller, before: dict) -> list:
    return [e for e in controller.review.sorted_evidence() if e.id not in before]


def test_two_png_files_from_a_file_manager_are_one_undoable_edit(
    panel, controller, drop, tmp_path, make_png, blob_count
):
    first, second = tmp_path / "Screenshot 09-41.png", tmp_path / "grafana_cpu.png"
    first.write_bytes(make_png(seed=1))
    second.write_bytes(make_png(seed=2))
    before = dict(controller.review.evidence)
    blobs = blob_count(controller.document)

    assert drop(panel.drop_area, files_mime(first, second))

    new = added(controller, before)
    assert [(e.kind, e.filename, e.mime) for e in new] == [
        ("image", "Screenshot 09-41.png", "image/png"),
        ("image", "grafana_cpu.png", "image/png"),
    ]
    assert new[1].title == "grafana cpu"
    assert blob_count(controller.document) == blobs + 2
    assert panel.selected_ids() == [e.id for e in new]
    assert panel.banner.text() == ""
    controller.undo_stack.undo()
    assert controller.review.evidence == before


def test_a_log_file_becomes_a_file_item(panel, controller, drop, tmp_path):
    log = tmp_path / "checkout-api.log"
    log.write_text("2025-03-12T09:24:51Z ERROR payment.authorize failed\n", encoding="utf-8")
    before = dict(controller.review.evidence)
    assert drop(panel.drop_area, files_mime(log))
    (item,) = added(controller, before)
    assert (item.kind, item.filename, item.mime) == ("file", "checkout-api.log", "text/plain")
    assert controller.document.read_blob(item.blob) == log.read_bytes()


def test_browser_url_list_keeps_titles_and_recognises_kinds(panel, controller, drop):
    chat = "https://example-corp.slack.com/archives/C07/p1741770900"
    ticket = "https://example-corp.atlassian.net/browse/SUP-4900"
    plain = "https://status.example.org/incidents/42"
    mime = QMimeData()
    mime.setUrls([QUrl(chat), QUrl(ticket), QUrl(plain)])
    moz = f"{chat}\n#inc-checkout thread\n{ticket}\nSUP-4900: refunds stuck"
    mime.setData("text/x-moz-url", QByteArray(moz.encode("utf-16-le")))
    mime.setHtml(f'<a href="{plain}">Public status page</a>')
    before = dict(controller.review.evidence)

    assert drop(panel.drop_area, mime)

    new = added(controller, before)
    assert [(e.kind, e.url, e.title) for e in new] == [
        ("link", chat, "#inc-checkout thread"),
        ("link", ticket, "SUP-4900: refunds stuck"),
        ("link", plain, "Public status page"),
    ]
    views = [panel.model.view(e.id) for e in new]
    assert [v.kind_label for v in views] == ["Chat thread", "Issue / ticket", "Web page"]
    assert controller.undo_stack.count() == 1


def test_image_data_from_another_application(panel, controller, drop):
    image = QImage(400, 240, QImage.Format.Format_RGB32)
    image.fill(QColor("#2f6fce"))
    mime = QMimeData()
    mime.setImageData(image)
    before = dict(controller.review.evidence)
    assert drop(panel.drop_area, mime)
    (item,) = added(controller, before)
    assert (item.kind, item.mime) == ("image", "image/png")
    info = controller.review.blobs[item.blob]
    assert (info.width, info.height) == (400, 240)
    assert item.captured_at == "2025-03-12T10:30:00Z"


def test_raw_png_bytes_are_stored_as_sent(panel, controller, drop, make_png):
    data = make_png(seed=9)
    mime = QMimeData()
    mime.setData("image/png", QByteArray(data))
    before = dict(controller.review.evidence)
    assert drop(panel.drop_area, mime)
    (item,) = added(controller, before)
    assert controller.document.read_blob(item.blob) == data


def test_text_holding_a_stack_trace_becomes_one_snippet(panel, controller, drop):
    trace = (
        "Traceback (most recent call last):\n"
        '  File "/srv/checkout/pay.py", line 88, in authorize\n'
        "    raise TimeoutError(f'db {ms}ms')\n"
        "TimeoutError: db 3012ms\n"
    )
    mime = QMimeData()
    mime.setText(trace)
    before = dict(controller.review.evidence)
    assert drop(panel.drop_area, mime)
    (item,) = added(controller, before)
    assert item.kind == "text" and item.text == trace.rstrip("\n")
    assert item.title == "Traceback (most recent call last):"


def test_clipboard_picture_paste(panel, controller, qtbot):
    image = QImage(300, 180, QImage.Format.Format_ARGB32)
    image.fill(QColor("#c62828"))
    QApplication.clipboard().setImage(image)
    qtbot.waitUntil(lambda: QApplication.clipboard().mimeData().hasImage())
    before = dict(controller.review.evidence)

    assert panel.paste_clipboard()

    (item,) = added(controller, before)
    assert item.kind == "image"
    assert controller.review.blobs[item.blob].width == 300
    controller.undo_stack.undo()
    assert controller.review.evidence == before


def test_the_same_screenshot_dropped_twice_is_stored_once(
    panel, controller, drop, tmp_path, make_png, blob_count
):
    shot = tmp_path / "shot.png"
    shot.write_bytes(make_png(seed=4))
    copy = tmp_path / "shot (copy).png"
    copy.write_bytes(shot.read_bytes())
    blobs = blob_count(controller.document)
    before = dict(controller.review.evidence)

    drop(panel.drop_area, files_mime(shot))
    drop(panel.drop_area, files_mime(copy))
    drop(panel.drop_area, files_mime(shot, copy))

    assert blob_count(controller.document) == blobs + 1
    assert len(added(controller, before)) == 1
    assert "already in the evidence" in panel.banner.text()


def test_refused_pictures_change_nothing_and_say_why(panel, controller, drop, tmp_path, blob_count):
    bomb = tmp_path / "huge.png"
    out = io.BytesIO()
    Image.new("1", (20000, 20000), 0).save(out, "PNG")
    bomb.write_bytes(out.getvalue())
    empty = tmp_path / "empty.png"
    empty.write_bytes(b"")
    fake = tmp_path / "fake.png"
    fake.write_text("I am not a picture <img src=/etc/passwd>", encoding="utf-8")
    expected = {"huge.png": "megapixels", "empty.png": "empty", "fake.png": "not a picture"}

    for path in (bomb, empty, fake):
        before = state(controller, blob_count)
        drop(panel.drop_area, files_mime(path))
        assert state(controller, blob_count) == before
        message = panel.banner.text()
        assert path.name in message and expected[path.name] in message


def test_a_mixed_drop_adds_the_good_and_lists_the_bad(panel, controller, drop, tmp_path, make_png):
    good = tmp_path / "good.png"
    good.write_bytes(make_png(seed=5))
    bad = tmp_path / "bad.png"
    bad.write_bytes(b"\x89PNG broken")
    before = dict(controller.review.evidence)
    drop(panel.drop_area, files_mime(good, bad))
    assert [e.filename for e in added(controller, before)] == ["good.png"]
    assert "bad.png" in panel.banner.text() and "good.png" not in panel.banner.text()


def test_a_too_big_file_is_refused_with_its_size(make_panel, controller, drop, tmp_path):
    small_limit = make_panel(controller, limit=1000)
    big = tmp_path / "heap.dump"
    big.write_bytes(b"x" * 5000)
    before = dict(controller.review.evidence)
    drop(small_limit.drop_area, files_mime(big))
    assert controller.review.evidence == before
    assert "heap.dump" in small_limit.banner.text() and "limit" in small_limit.banner.text()


def test_javascript_url_is_kept_as_text_and_never_opened(panel, controller, drop, opened, qtbot):
    mime = QMimeData()
    mime.setUrls([QUrl("javascript:alert(document.cookie)")])
    mime.setHtml('<a href="javascript:alert(document.cookie)">Open dashboard</a>')
    before = dict(controller.review.evidence)

    drop(panel.drop_area, mime)

    (item,) = added(controller, before)
    assert item.kind == "text" and item.url == "" and item.text.startswith("javascript:")
    panel.select_ids([item.id])
    assert not panel.detail.open_button.isVisible() or not panel.detail.open_button.isEnabled()
    panel.open_item(item.id)  # what a double-click does
    assert panel.open_link(item.id) is False
    if panel.viewer is not None:
        panel.viewer.close()
    assert opened == []


def test_a_safe_link_opens_only_when_asked(panel, controller, opened):
    link = next(e for e in controller.review.sorted_evidence() if e.kind == "link")
    panel.select_ids([link.id])
    assert opened == []
    panel.detail.open_button.click()
    assert opened == [link.url]


def test_own_cards_are_not_dropped_back_onto_the_panel(panel, controller, drop):
    ids = panel.model.ids()[:2]
    mime = panel.model.mimeData([panel.model.index_of(i) for i in ids])
    assert json.loads(bytes(mime.data(EVIDENCE_MIME).data())) == ids
    before = dict(controller.review.evidence)
    assert drop(panel.drop_area, mime) is False
    assert controller.review.evidence == before


def test_read_only_review_refuses_drops(make_panel, example_document, drop, tmp_path, make_png):
    from pm_desktop.store.document import Document
    from pm_desktop.ui.controller import DocumentController

    path = example_document.path
    example_document.close()
    with Document.open(path, read_only=True) as doc:
        controller = DocumentController(doc)
        panel = make_panel(controller)
        shot = tmp_path / "late.png"
        shot.write_bytes(make_png(seed=6))
        assert drop(panel.drop_area, files_mime(shot)) is False
        assert panel.paste(files_mime(shot)) is True
        assert "read-only" in panel.banner.text()
        assert len(doc.review.evidence) == 6
        controller.set_document(None)
