"""The timeline table model: events in time order, in the display zone, updated in place."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt
from timeline_helpers import column, event_id, shown

from pm_desktop.domain import ops
from pm_desktop.domain.edits import set_field, update
from pm_desktop.ui.timeline.model import Roles, TimelineFilter, TimelineModel


def test_the_model_passes_qtmodeltester_before_and_after_edits(controller, qtmodeltester):
    model = TimelineModel(controller)
    qtmodeltester.check(model)
    review = controller.review
    controller.push(
        ops.add_event(review, None, "Someone remembers a slow page", kind="observation")
    )
    controller.push(set_field(controller.review, "display_tz", "Asia/Kolkata"))
    first = controller.review.sorted_events()[0]
    controller.push(update(first, time="2025-03-13T02:00:00Z"))
    qtmodeltester.check(model)


def test_events_are_in_time_order_with_untimed_ones_last_and_marked(controller):
    model = TimelineModel(controller)
    controller.push(ops.add_event(controller.review, None, "Time not known yet"))
    controller.push(ops.add_event(controller.review, "2025-03-12T08:55:00Z", "Canary deployed"))
    times = shown(model, "time")
    assert times[0] == "08:55" and times[-1] == "no time"
    assert times[1:-1] == sorted(times[1:-1])
    last = model.index(model.rowCount() - 1, column(model, "time"))
    assert last.data(Roles.Untimed) is True
    assert last.data(Qt.ItemDataRole.FontRole).italic()


def test_gap_column_counts_from_the_previous_timed_event(controller):
    model = TimelineModel(controller)
    gaps = shown(model, "gap")
    assert gaps[:4] == ["", "+13 min", "+3 min", "+7 min"]
    assert "+30 min" in gaps


def test_an_added_event_is_inserted_not_reset(controller, qtbot):
    model = TimelineModel(controller)
    before = model.rowCount()
    with qtbot.assert_not_emitted(model.modelReset):
        with qtbot.wait_signal(model.rowsInserted) as blocker:
            controller.push(ops.add_event(controller.review, "2025-03-12T09:16:00Z", "Pager"))
    assert blocker.args[1] == blocker.args[2] == 2  # between 09:15 and 09:18
    assert model.rowCount() == before + 1
    with qtbot.wait_signal(model.rowsRemoved):
        controller.undo_stack.undo()
    assert model.rowCount() == before


def test_a_time_edit_moves_the_row_and_the_selection_follows(controller, qtbot):
    from PySide6.QtWidgets import QTableView

    model = TimelineModel(controller)
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    moving = event_id(controller.review, "Alert fires")
    view.selectionModel().select(
        model.index_of(moving),
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
    )
    with qtbot.assert_not_emitted(model.modelReset):
        controller.push(update(controller.review.events[moving], time="2025-03-12T10:25:00Z"))
    rows = [i.row() for i in view.selectionModel().selectedRows()]
    assert rows == [model.row_of(moving)]
    assert model.event_id(rows[0]) == moving
    assert shown(model, "time") == sorted(shown(model, "time"))


def test_day_captions_appear_only_when_the_incident_spans_days(controller):
    model = TimelineModel(controller)
    assert not any(shown(model, "time", Roles.DayCaption))
    last = controller.review.sorted_events()[-1]
    controller.push(update(last, time="2025-03-13T00:20:00Z"))
    captions = shown(model, "time", Roles.DayCaption)
    assert captions[0] == "Wed 12 Mar"
    assert captions[-1] == "Thu 13 Mar"
    assert sum(1 for c in captions if c) == 2


def test_a_moment_in_another_year_shows_the_year_and_a_gap_in_years(controller):
    """Typed 1900 by mistake: the day headers say the years, the gap reads in years."""
    first = controller.review.sorted_events()[0]
    controller.push(update(first, time="1900-01-01T09:00:00Z"))
    model = TimelineModel(controller)
    captions = [c for c in shown(model, "time", Roles.DayCaption) if c]
    assert captions[0] == "Mon 1 Jan 1900"
    assert captions[1] == "Wed 12 Mar 2025"
    gaps = shown(model, "gap")
    assert any(g.startswith("+125 y ") for g in gaps), gaps


def test_search_and_kind_filters(controller):
    model = TimelineModel(controller)
    model.set_filter(TimelineFilter("orders-db"))
    assert model.rowCount() == 3
    assert all("orders-db" in t for t in shown(model, "text"))
    model.set_filter(TimelineFilter("", frozenset({"observation"})))
    assert set(shown(model, "kind")) == {"Observation"}
    model.set_filter(TimelineFilter("mei lin"))  # authors match too, any letter case
    assert model.rowCount() > 0
    assert set(shown(model, "author")) == {"Mei Lin"}
    model.set_filter(TimelineFilter())
    assert model.rowCount() == len(controller.review.events)


def test_a_filtered_model_keeps_in_step_with_edits(controller, qtmodeltester):
    model = TimelineModel(controller)
    model.set_filter(TimelineFilter("rollback"))
    assert model.rowCount() == 1
    controller.push(ops.add_event(controller.review, "2025-03-12T10:40:00Z", "Rollback tested"))
    assert model.rowCount() == 2
    target = controller.review.events[event_id(controller.review, "Rollback tested")]
    controller.push(update(target, text="Plan reviewed"))
    assert model.rowCount() == 1
    qtmodeltester.check(model)


def test_evidence_count_and_entered_zone_tooltip(controller):
    model = TimelineModel(controller)
    eid = event_id(controller.review, "orders-db primary")
    row = model.row_of(eid)
    assert model.index(row, column(model, "evidence")).data() == "2"
    assert model.index(row, column(model, "evidence")).data(Qt.ItemDataRole.DecorationRole)
    event = controller.review.events[eid]
    controller.push(update(event, tz="Europe/Berlin"))
    tip = model.index(model.row_of(eid), column(model, "time")).data(Qt.ItemDataRole.ToolTipRole)
    assert "Entered as 10:40 Europe/Berlin" in tip


def test_hostile_text_is_shown_literally_and_tooltips_are_escaped(controller):
    model = TimelineModel(controller)
    nasty = "<img src=/etc/passwd> x<y Привет 事故 🔥\nsecond line"
    controller.push(ops.add_event(controller.review, "2025-03-12T09:03:00Z", nasty))
    row = model.row_of(event_id(controller.review, "<img"))
    text = model.index(row, column(model, "text"))
    assert text.data() == "<img src=/etc/passwd> x<y Привет 事故 🔥 …"
    assert text.data(Qt.ItemDataRole.EditRole) == nasty
    tip = text.data(Qt.ItemDataRole.ToolTipRole)
    assert "<img" not in tip and "&lt;img src=/etc/passwd&gt;" in tip


def test_a_review_without_events_is_an_empty_table(qtbot, tmp_path, qtmodeltester):
    from pm_desktop.domain.model import Review
    from pm_desktop.store.document import Document
    from pm_desktop.ui.controller import DocumentController

    doc = Document.create(tmp_path / "empty.pmreview", Review())
    ctl = DocumentController(doc)
    model = TimelineModel(ctl)
    assert model.rowCount() == 0
    qtmodeltester.check(model)
    ctl.push(ops.add_event(ctl.review, "2025-01-01T00:00:00Z", "First"))
    assert model.rowCount() == 1
    ctl.set_document(None)
    doc.close()
    assert model.rowCount() == 0


def test_many_events_at_once_stay_consistent(controller, qtmodeltester):
    model = TimelineModel(controller)
    entries = [
        ops.EventDraft(time=f"2025-03-12T{8 + i // 60:02d}:{i % 60:02d}:00Z", text=f"tick {i}")
        for i in range(0, 240, 7)
    ]
    controller.push(ops.add_events(controller.review, entries))
    assert model.ids() == [e.id for e in controller.review.sorted_events()]
    controller.undo_stack.undo()
    assert model.ids() == [e.id for e in controller.review.sorted_events()]
    controller.undo_stack.redo()
    doomed = [e.id for e in controller.review.sorted_events()[::3]]
    controller.push(ops.delete_events(controller.review, doomed))
    assert model.ids() == [e.id for e in controller.review.sorted_events()]
    qtmodeltester.check(model)


def test_document_replaced_rebuilds(controller, qtbot):
    model = TimelineModel(controller)
    doc = controller.document
    with qtbot.wait_signal(model.modelReset):
        controller.set_document(None)
    assert model.rowCount() == 0
    controller.set_document(doc)
    assert model.rowCount() == len(doc.review.events)


def test_random_edits_undo_and_redo_keep_table_and_chart_in_step(controller, qtmodeltester):
    """Whatever users do, the incrementally kept order equals a fresh sort, and the chart's
    incrementally kept lanes equal a rebuild."""
    import random

    from review_strategies import random_edit

    from pm_desktop.domain.chart_data import ChartData
    from pm_desktop.domain.edits import EditError
    from pm_desktop.ui.timeline.chart import TimelineChart

    model = TimelineModel(controller)
    chart = TimelineChart()
    chart.set_review(controller.review)
    controller.changed.connect(lambda change: chart.apply_change(controller.review, change))
    rng = random.Random(20250312)
    for step in range(150):
        if step % 7 == 6 and controller.undo_stack.canUndo():
            controller.undo_stack.undo()
        elif step % 11 == 10 and controller.undo_stack.canRedo():
            controller.undo_stack.redo()
        else:
            try:
                edit = random_edit(rng, controller.review)
            except (EditError, ValueError, KeyError, IndexError):
                continue
            controller.push(edit)
        assert model.ids() == [e.id for e in controller.review.sorted_events()]
    fresh = ChartData()
    fresh.rebuild(controller.review)
    assert (chart.data.lanes, chart.data.texts) == (fresh.lanes, fresh.texts)
    assert chart.data.phases == fresh.phases
    qtmodeltester.check(model)
    chart.deleteLater()
