"""Pasting a timeline: a preview first, then everything added in one undo step."""

from __future__ import annotations

from PySide6.QtCore import QMimeData, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest

from pm_desktop.ui.timeline.paste_model import PREVIEW_COLUMNS, PastePreviewModel
from pm_desktop.ui.timeline.paste_preview import PastePreviewDialog

SEED_TIMELINE = """\
Incident Timeline — 12 March 2025 (all times in UTC)
09:15 — Alert triggered: Payment service response time exceeds 5s threshold
09:18 — Engineering team notified via team channel
09:25 — Initial investigation begins. Logs indicate database queries timing out
09:35 — Customer support reports increase in payment failure complaints
09:40 — DevOps/Backend checks database server metrics: CPU and I/O utilization spiked at 95%
09:45 — Hotfix deployed: temporarily increase database instance size to relieve load
09:50 — Response time improves; service partially restored
10:05 — Team continues root cause analysis; identifies recent schema migration as possible cause
10:20 — Communication sent to all stakeholders (sales, support, product) explaining the incident
10:30 — Database migration rollback plan drafted in case issues persist
11:00 — Monitoring confirms system stable; customer complaints drop
11:15 — Postmortem assigned and kickoff scheduled for next day
"""

MESSY = """\
09:02 UTC - error rate climbs on checkout
  stack trace line without a time
09:14 PST - someone in Seattle notices
09:20 XYZT - an unknown zone word
no time at all on this line
"""


def _mime(text: str) -> QMimeData:
    mime = QMimeData()
    mime.setText(text)
    return mime


def _col(name: str) -> int:
    return PREVIEW_COLUMNS.index(name)


def test_pasting_the_seed_timeline_adds_twelve_events_in_one_undo_step(panel, qtbot):
    controller = panel.controller
    before = len(controller.review.events)
    steps = controller.undo_stack.count()
    assert panel.paste(_mime(SEED_TIMELINE))
    dialog = panel.paste_dialog
    assert isinstance(dialog, PastePreviewDialog)
    qtbot.waitExposed(dialog)
    qtbot.waitUntil(lambda: not dialog.is_parsing())  # read in a worker thread
    assert dialog.model.rowCount() == 12
    assert dialog.add_button.text() == "Add 12 events"
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    assert len(controller.review.events) == before + 12
    assert controller.undo_stack.count() == steps + 1
    assert controller.undo_stack.undoText() == "Paste 12 timeline events"
    added = [controller.review.events[i] for i in dialog.added_ids]
    assert [e.time[11:16] for e in added][:3] == ["09:15", "09:18", "09:25"]
    assert {e.kind for e in added} >= {"detected", "mitigated", "communication"}
    assert panel.current_id() == dialog.added_ids[0]
    controller.undo_stack.undo()
    assert len(controller.review.events) == before


def test_the_preview_model_passes_qtmodeltester(qtmodeltester, qtbot):
    from pm_desktop.ingest.timeline_text import parse_timeline

    model = PastePreviewModel()
    qtmodeltester.check(model)
    model.set_result(parse_timeline(MESSY), "UTC")
    qtmodeltester.check(model)
    model.setData(
        model.index(0, _col("include")),
        Qt.CheckState.Unchecked.value,
        Qt.ItemDataRole.CheckStateRole,
    )
    model.setData(model.index(1, _col("kind")), "detected")
    qtmodeltester.check(model)


def test_problems_and_lines_without_a_time_are_shown_and_tinted(controller, qtbot):
    dialog = PastePreviewDialog(controller, MESSY)
    dialog.wait_for_parse()  # parsing runs in a worker thread
    qtbot.addWidget(dialog)
    model = dialog.model
    problems = [model.index(r, _col("problems")).data() for r in range(model.rowCount())]
    assert "1 line without a time joined to this entry" in problems[0]
    assert any("unknown zone" in p for p in problems)
    assert model.index(0, 0).data(Qt.ItemDataRole.BackgroundRole) is not None
    assert len(dialog.text_box.extraSelections()) >= 1
    assert model.index(1, _col("time")).data().endswith("17:14")  # 09:14 PST is 17:14 UTC


def test_changing_the_default_date_and_zone_re_parses(controller, qtbot):
    dialog = PastePreviewDialog(controller, "09:15 — Alert\n09:30 — Rollback")
    dialog.wait_for_parse()  # parsing runs in a worker thread
    qtbot.addWidget(dialog)
    model = dialog.model
    assert model.index(0, _col("time")).data() == "2025-03-12 09:15"
    dialog.date_field.setText("2025-03-14")
    dialog.parse_now()
    dialog.wait_for_parse()
    assert model.index(0, _col("time")).data() == "2025-03-14 09:15"
    dialog.zone_field.setEditText("Asia/Tokyo")
    qtbot.waitUntil(lambda: model.zone == "Asia/Tokyo")
    assert model.index(0, _col("time")).data() == "2025-03-14 09:15"
    assert model.events_to_add()[0].time == "2025-03-14T00:15:00Z"
    assert model.events_to_add()[0].tz == "Asia/Tokyo"
    dialog.date_field.setText("14/03")  # not a date we read: said, and the text's dates are used
    dialog.parse_now()
    dialog.wait_for_parse()
    assert "Default date" in dialog.warnings.text()


def test_excluded_entries_and_edited_kinds_survive_a_re_parse(controller, qtbot):
    dialog = PastePreviewDialog(controller, SEED_TIMELINE)
    dialog.wait_for_parse()  # parsing runs in a worker thread
    qtbot.addWidget(dialog)
    model = dialog.model
    model.setData(
        model.index(1, _col("include")),
        Qt.CheckState.Unchecked.value,
        Qt.ItemDataRole.CheckStateRole,
    )
    model.setData(model.index(2, _col("kind")), "acknowledged")
    dialog.zone_field.setEditText("Europe/Berlin")
    dialog.parse_now()
    dialog.wait_for_parse()
    assert not model.included(1)
    assert model.kind_of(2) == "acknowledged"
    assert dialog.add_button.text() == "Add 11 events"
    dialog.accept()
    added = [controller.review.events[i] for i in dialog.added_ids]
    assert len(added) == 11
    assert added[1].kind == "acknowledged"


def test_a_huge_paste_is_parsed_in_the_background_and_previewed(controller, qtbot):
    lines = [
        f"{(i // 60) % 24:02d}:{i % 60:02d} UTC — step {i} of the big log" for i in range(10_000)
    ]
    dialog = PastePreviewDialog(controller, "\n".join(lines))
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 10_000, timeout=30_000)
    assert dialog.add_button.isEnabled()
    assert dialog.add_button.text() == "Add 10,000 events"
    dialog.done(0)


def test_hostile_text_is_previewed_and_added_literally(panel, qtbot):
    text = "09:15 UTC — <img src=/etc/passwd> x<y\n09:16 UTC — Сбой 事故 🔥"
    dialog = panel.open_paste_preview(text)
    dialog.wait_for_parse()
    model = dialog.model
    assert model.index(0, _col("text")).data() == "<img src=/etc/passwd> x<y"
    tip = model.index(0, _col("text")).data(Qt.ItemDataRole.ToolTipRole)
    assert "<img" not in tip
    dialog.accept()
    texts = {panel.controller.review.events[i].text for i in dialog.added_ids}
    assert texts == {"<img src=/etc/passwd> x<y", "Сбой 事故 🔥"}


def test_ctrl_shift_v_opens_the_preview_with_the_clipboard(panel, qtbot):
    QGuiApplication.clipboard().setText("10:45 UTC — Cache warmed")
    panel.activateWindow()
    qtbot.waitActive(panel)
    panel.table.setFocus()
    QTest.keyClick(
        panel.table,
        Qt.Key.Key_V,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    dialog = panel.paste_dialog
    assert dialog is not None and dialog.text_box.toPlainText() == "10:45 UTC — Cache warmed"
    dialog.reject()


def test_copied_events_paste_back_exactly_and_read_as_text(panel, qtbot):
    from pm_desktop.ingest.timeline_text import parse_timeline

    controller = panel.controller
    panel.set_display_zone("Europe/Berlin")
    first, second = panel.model.index(1, 0), panel.model.index(2, 0)
    panel.table.selectionModel().select(
        first,
        panel.table.selectionModel().SelectionFlag.Select
        | panel.table.selectionModel().SelectionFlag.Rows,
    )
    panel.table.selectionModel().select(
        second,
        panel.table.selectionModel().SelectionFlag.Select
        | panel.table.selectionModel().SelectionFlag.Rows,
    )
    mime = panel.copy_selection()
    assert mime.text().splitlines()[:2] == [
        "2025-03-12",
        "10:15 Europe/Berlin — Alert fires: checkout-api p95 response time above the 5 s threshold.",
    ]
    parsed = parse_timeline(mime.text())
    assert [e.time for e in parsed.entries] == ["2025-03-12T09:15:00Z", "2025-03-12T09:18:00Z"]
    before = len(controller.review.events)
    assert panel.paste(mime)  # our own format: added directly, kinds and authors kept
    assert len(controller.review.events) == before + 2
    copies = [e for e in controller.review.events.values() if e.text.startswith("Alert fires")]
    assert {(e.kind, e.author, e.time) for e in copies} == {
        ("detected", "Mei Lin", "2025-03-12T09:15:00Z")
    }
    pasted_first = next(e for e in copies if e.seq == max(c.seq for c in copies))
    assert panel.current_id() == pasted_first.id  # the new copy is selected, not the original


def test_damaged_copied_events_are_left_out_with_a_message(panel):
    from pm_desktop.ui.timeline.clipboard import EVENTS_MIME

    mime = QMimeData()
    mime.setData(
        EVENTS_MIME, b'[{"time": "yesterday", "text": "bad"}, {"time": null, "text": "ok"}, 7]'
    )
    before = len(panel.controller.review.events)
    assert panel.paste(mime)
    assert len(panel.controller.review.events) == before + 1
    assert "2 copied events were damaged" in panel.message_label.text()
    garbage = QMimeData()
    garbage.setData(EVENTS_MIME, b"\xff\xfe not json")
    assert panel.paste(garbage)
    assert len(panel.controller.review.events) == before + 1


def test_a_paste_without_any_time_is_previewed_unticked(controller, qtbot):
    """Garbage or a title with no time is shown, but nothing is added unless ticked."""
    dialog = PastePreviewDialog(controller, "lorem ipsum dolor\nsit amet\n%%%%\n")
    dialog.wait_for_parse()  # parsing runs in a worker thread
    qtbot.addWidget(dialog)
    model = dialog.model
    assert model.rowCount() >= 1
    assert not any(model.included(r) for r in range(model.rowCount()))
    assert model.index(0, _col("include")).data(Qt.ItemDataRole.CheckStateRole) == (
        Qt.CheckState.Unchecked
    )
    assert model.events_to_add() == []
    model.setData(model.index(0, _col("include")), Qt.CheckState.Checked.value,
                  Qt.ItemDataRole.CheckStateRole)  # fmt: skip
    dialog.parse_now()
    dialog.wait_for_parse()
    assert model.included(0)  # the person's choice survives a re-parse
    assert len(model.events_to_add()) == 1


def test_lines_without_a_time_after_a_timed_one_continue_it(controller, qtbot):
    dialog = PastePreviewDialog(controller, "Title of the doc\n09:15 — Alert\nmore about it\n")
    dialog.wait_for_parse()  # parsing runs in a worker thread
    qtbot.addWidget(dialog)
    model = dialog.model
    texts = [model.entry(r).text for r in range(model.rowCount())]
    timed = [r for r in range(model.rowCount()) if model.entry(r).time is not None]
    assert len(timed) == 1 and "more about it" in texts[timed[0]]
    assert [model.included(r) for r in range(model.rowCount())] == [
        model.entry(r).time is not None for r in range(model.rowCount())
    ]


def test_garbage_before_the_first_time_is_unticked_and_after_it_is_joined(controller, qtbot):
    text = "garbage top\n%%%%\n09:15 Alert fires\nmore detail\n!!!! noise\n\n09:20 Paged\njunk\n"
    dialog = PastePreviewDialog(controller, text)
    dialog.wait_for_parse()  # parsing runs in a worker thread
    qtbot.addWidget(dialog)
    model = dialog.model
    rows = [(model.entry(r).text, model.included(r)) for r in range(model.rowCount())]
    assert rows == [
        ("garbage top", False),
        ("%%%%", False),
        ("Alert fires\nmore detail\n!!!! noise", True),
        ("Paged\njunk", True),
    ]
    assert [e.text for e in model.events_to_add()] == [rows[2][0], rows[3][0]]
