"""The chart, the metrics header, evidence drops and presentation mode."""

from __future__ import annotations

import json
import re

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from timeline_helpers import column, event_id

from pm_desktop.domain import ops
from pm_desktop.domain.chart_layout import (
    Scale,
    choose_step,
    cluster_lane,
    ticks,
    time_range,
)
from pm_desktop.domain.edits import update
from pm_desktop.ui.timeline import EVIDENCE_IDS_MIME
from pm_desktop.ui.timeline.chart import TimelineChart


def test_clicking_a_marker_selects_its_row(panel, qtbot):
    eid = event_id(panel.controller.review, "Rollback plan")
    center = panel.chart.marker_center(eid)
    assert center is not None
    with qtbot.wait_signal(panel.eventSelected) as blocker:
        QTest.mouseClick(panel.chart, Qt.MouseButton.LeftButton, pos=center.toPoint())
    assert blocker.args == [eid]
    assert panel.selected_ids() == [eid]


def test_selecting_a_row_highlights_its_marker(panel):
    eid = event_id(panel.controller.review, "Response times back")
    panel.select_event(eid)
    assert panel.chart.selected == {eid}
    panel.table.clearSelection()
    assert panel.chart.selected == set()


def test_hovering_a_marker_gives_its_text(panel):
    eid = event_id(panel.controller.review, "Alert fires")
    cluster = panel.chart.cluster_at(panel.chart.marker_center(eid))
    tip = panel.chart.tooltip_for(cluster)
    assert "09:15 UTC · Detected — Alert fires" in tip


def test_the_chart_shades_phases_and_lists_the_kinds_present(panel):
    chart = panel.chart
    assert [p.label for p in chart.data.phases] == ["Undetected impact", "Responding", "Recovering"]
    assert chart.lane_kinds[:3] == ["impact_start", "detected", "acknowledged"]
    assert "note" in chart.lane_kinds


def test_the_chart_follows_edits_without_rebuilding_and_matches_a_rebuild(panel):
    from pm_desktop.domain.chart_data import ChartData

    controller = panel.controller
    review = controller.review
    controller.push(ops.add_event(review, "2025-03-12T08:00:00Z", "early", kind="detected"))
    moved = review.events[event_id(review, "Rollback plan")]
    controller.push(update(moved, time="2025-03-12T12:30:00Z", kind="resolved"))
    controller.push(ops.delete_events(review, [event_id(review, "Review assigned")]))
    controller.push(ops.add_event(review, None, "untimed"))
    controller.undo_stack.undo()
    fresh = ChartData()
    fresh.rebuild(controller.review)
    data = panel.chart.data
    assert (data.lanes, data.texts, data.untimed) == (fresh.lanes, fresh.texts, fresh.untimed)
    assert (data.range, data.phases) == (fresh.range, fresh.phases)
    # "Detected" at 08:00 comes before impact: no undetected phase, responding starts at 08:00
    assert (data.phases[0].label, data.phases[0].start) == ("Responding", 1_741_766_400)
    assert sum(c.count for c in panel.chart.clusters()) == len(data.texts)


def test_an_empty_or_single_event_review_has_a_friendly_chart(qtbot, tmp_path):
    from pm_desktop.domain.model import Review
    from pm_desktop.store.document import Document

    chart = TimelineChart()
    qtbot.addWidget(chart)
    chart.resize(800, 200)
    doc = Document.create(tmp_path / "one.pmreview", Review())
    chart.set_review(doc.review)
    assert chart.clusters() == []
    assert not chart.grab().isNull()
    doc.apply(ops.add_event(doc.review, None, "not yet timed"))
    chart.set_review(doc.review)
    assert len(chart.data.untimed) == 1 and chart.clusters() == []
    doc.apply(ops.add_event(doc.review, "2025-03-12T09:00:00Z", "lone"))
    chart.set_review(doc.review)
    (cluster,) = chart.clusters()
    assert 0 < cluster.x < chart.width()
    assert not chart.grab().isNull()
    doc.close()


def test_twenty_thousand_events_draw_as_a_bounded_number_of_markers():
    points = [(1_741_770_000 + i * 13, f"e{i}") for i in range(20_000)]
    scale = Scale(points[0][0], points[-1][0], 100, 1300)
    clusters = cluster_lane("note", points, scale, 12)
    assert len(clusters) <= 1200 // 12 + 1
    assert sum(c.count for c in clusters) == 20_000


def test_axis_ticks_stay_on_round_hours_across_a_dst_change():
    start, end = time_range([1_761_400_800, 1_761_588_000])  # 25–27 Oct 2025
    labels = [t.label for t in ticks(start, end, "Europe/Berlin", 6 * 3600)]
    assert set(labels) <= {"00:00", "06:00", "12:00", "18:00"}


HOUR, DAY = 3600, 86400


@pytest.mark.parametrize(
    ("span", "shape"),
    [
        (2 * HOUR, r"\d\d:\d\d"),
        (3 * DAY, r"\d\d:\d\d"),
        (45 * DAY, r"\w{3} \d{1,2} \w{3}"),
        (400 * DAY, r"\w{3} \d{4}"),
        (3 * 365 * DAY, r"(\w{3} )?\d{4}"),
        (40 * 365 * DAY, r"\d{4}"),
        (250 * 365 * DAY, r"\d{4}"),
    ],
)
def test_axis_ticks_adapt_to_any_span_and_never_crowd(span, shape):
    """Hours, days, months, years: labels stay a label apart, whatever the span."""
    t0 = -2_000_000_000 if span > 100 * 365 * DAY else 1_700_000_000 - span // 2  # 1906 / 2023
    width, min_px = 900.0, 90.0
    step = choose_step(span, width, min_px)
    found = ticks(t0, t0 + span, "Europe/Berlin", step)
    assert 2 <= len(found) <= width / min_px + 2
    gaps = [b.t - a.t for a, b in zip(found, found[1:], strict=False)]
    assert min(gaps) * width / span >= min_px * 0.9  # months are 28-31 days, not 30
    assert all(re.fullmatch(shape, t.label) for t in found), [t.label for t in found]


def test_day_labels_carry_the_year_when_the_range_spans_two():
    t0 = 1_766_000_000  # 17 Dec 2025
    found = ticks(t0, t0 + 40 * DAY, "UTC", 7 * DAY)
    assert any(t.label.endswith("2025") for t in found) and any(
        t.label.endswith("2026") for t in found
    )


def test_a_chart_spanning_a_century_paints(panel, qtbot):
    controller = panel.controller
    first = controller.review.events[event_id(controller.review, "Alert fires")]
    controller.push(update(first, time="1925-03-12T08:50:00Z"))
    panel.chart.resize(1200, 220)
    image = panel.chart.grab()
    assert not image.isNull()


def test_metrics_header_flags_out_of_order_milestones_without_negative_durations(panel):
    controller = panel.controller
    detected = controller.review.events[event_id(controller.review, "Alert fires")]
    controller.push(update(detected, time="2025-03-12T08:50:00Z"))  # before impact starts
    chips = panel.metrics.chips
    assert chips["TTD"].value_label.text() == "—"
    assert chips["TTD"].flagged
    assert "out of order" in chips["TTD"].toolTip().lower()
    assert not chips["TTM"].flagged and chips["TTM"].value_label.text() == "48 min"
    assert panel.metrics.warning.isVisibleTo(panel)
    assert "comes before" in panel.metrics.warning.toolTip()
    assert all(
        "−" not in c.value_label.text() and "-" not in c.value_label.text() for c in chips.values()
    )
    controller.undo_stack.undo()
    assert chips["TTD"].value_label.text() == "13 min" and not chips["TTD"].flagged
    assert not panel.metrics.warning.isVisibleTo(panel)


COPY = Qt.DropAction.CopyAction


def _drag(kind, at: QPointF, mime: QMimeData):
    """A synthetic drag event: PySide 6.12 takes a QPointF (QPoint is deprecated there),
    older versions only a QPoint for enter/move."""
    buttons, mods = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    try:
        return kind(at, COPY, mime, buttons, mods)
    except TypeError:
        return kind(at.toPoint(), COPY, mime, buttons, mods)


def _evidence_mime(ids) -> QMimeData:
    mime = QMimeData()
    mime.setData(EVIDENCE_IDS_MIME, json.dumps(list(ids)).encode())
    return mime


def test_dropping_evidence_on_a_row_links_it_in_one_undo_step(panel, qtbot):
    controller = panel.controller
    review = controller.review
    target = event_id(review, "Rollback plan")
    items = [e.id for e in review.sorted_evidence()[:2]]
    row_rect = panel.table.visualRect(panel.model.index_of(target, column(panel.model, "text")))
    pos = QPointF(row_rect.center())
    viewport = panel.table.viewport()
    mime = _evidence_mime(items)
    enter = _drag(QDragEnterEvent, pos, mime)
    QApplication.sendEvent(viewport, enter)
    assert enter.isAccepted()
    move = _drag(QDragMoveEvent, pos, mime)
    QApplication.sendEvent(viewport, move)
    assert move.isAccepted()
    steps = controller.undo_stack.count()
    drop = QDropEvent(pos, COPY, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(viewport, drop)
    assert all(target in controller.review.evidence[i].event_ids for i in items)
    assert controller.undo_stack.count() == steps + 1
    assert panel.model.index_of(target, column(panel.model, "evidence")).data() == "2"
    controller.undo_stack.undo()
    assert not any(target in controller.review.evidence[i].event_ids for i in items)


def test_evidence_drops_through_the_model_and_bad_payloads(panel):
    model = panel.model
    review = panel.controller.review
    target = event_id(review, "Review assigned")
    index = model.index_of(target)
    item = review.sorted_evidence()[0].id
    assert model.canDropMimeData(_evidence_mime([item]), Qt.DropAction.CopyAction, -1, -1, index)
    assert not model.canDropMimeData(
        _evidence_mime([item]), Qt.DropAction.CopyAction, -1, -1, model.index(-1, -1)
    )
    assert model.dropMimeData(_evidence_mime([item]), Qt.DropAction.CopyAction, -1, -1, index)
    assert target in panel.controller.review.evidence[item].event_ids
    assert not model.dropMimeData(_evidence_mime([item]), Qt.DropAction.CopyAction, -1, -1, index)
    assert "already linked" in panel.message_label.text()
    bad = QMimeData()
    bad.setData(EVIDENCE_IDS_MIME, b"<img src=/etc/passwd>")
    assert not model.dropMimeData(bad, Qt.DropAction.CopyAction, -1, -1, index)
    assert not model.dropMimeData(
        _evidence_mime(["no-such-id"]), Qt.DropAction.CopyAction, -1, -1, index
    )


def test_presentation_mode_steps_through_events_in_large_type(panel):
    normal = panel.table.font().pointSizeF()
    panel.set_presentation(True, 1.6)
    assert panel.table.font().pointSizeF() > normal * 1.5
    assert not panel.tools.isVisibleTo(panel) and panel.present_card.isVisibleTo(panel)
    first = panel.model.event_id(0)
    assert panel.chart.current == first
    assert panel.present_card.time_label.text() == "09:02 UTC"
    assert panel.present_card.kind_label.text() == "Impact starts"
    assert panel.present_step(1)
    second = panel.model.event_id(1)
    assert panel.chart.current == second and panel.selected_ids() == [second]
    assert panel.present_card.position.text() == "Event 2 of 14"
    assert not panel.present_step(-2)  # before the first: at the end
    while panel.present_step(1):
        pass
    assert panel.present_card.position.text() == "Event 14 of 14"
    panel.set_presentation(False)
    assert panel.chart.current is None
    assert abs(panel.table.font().pointSizeF() - normal) < 0.01
    assert panel.tools.isVisibleTo(panel)


def test_find_filters_and_select_item_shows_a_hidden_event(panel):
    assert panel.find("orders-db")
    assert panel.model.rowCount() == 3
    hidden = event_id(panel.controller.review, "Review assigned")
    assert panel.select_item("events", hidden)
    assert panel.selected_ids() == [hidden]
    assert panel.model.rowCount() == 14
    assert not panel.find("nothing like this anywhere")
    assert not panel.select_item("whys", hidden)


def test_event_selected_is_empty_when_nothing_is_selected(panel, qtbot):
    panel.select_event(event_id(panel.controller.review, "Alert fires"))
    with qtbot.wait_signal(panel.eventSelected) as blocker:
        panel.table.clearSelection()
    assert blocker.args == [""]


def test_rewording_an_event_repaints_no_marker_but_its_tooltip_has_the_new_words(panel):
    controller = panel.controller
    review = controller.review
    eid = event_id(review, "Alert fires")
    repaints: list[int] = []
    panel.chart.update = lambda *args: repaints.append(1)  # what a repaint request would do
    controller.push(update(review.events[eid], text="Alert fires for checkout latency"))
    assert repaints == []
    cluster = panel.chart.cluster_at(panel.chart.marker_center(eid))
    assert "Alert fires for checkout latency" in panel.chart.tooltip_for(cluster)
    controller.push(update(review.events[eid], time="2025-03-12T09:16:00Z"))
    assert repaints  # a marker moved


def test_the_header_is_recomputed_only_when_a_time_kind_or_zone_changes(panel):
    controller = panel.controller
    review = controller.review
    eid = event_id(review, "Alert fires")
    refreshed: list[int] = []
    original = panel.metrics.refresh
    panel.metrics.refresh = lambda r: (refreshed.append(1), original(r))[1]
    controller.push(update(review.events[eid], text="Alert fires (checkout)"))
    assert refreshed == []
    controller.push(update(review.events[eid], kind="resolved"))
    assert len(refreshed) == 1
    controller.undo_stack.undo()  # back to "detected": the metrics follow
    assert len(refreshed) == 2
    assert panel.metrics.refresh(review) == original(review)
