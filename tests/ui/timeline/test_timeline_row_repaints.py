"""What a change repaints: rewording an event repaints its row only (one keystroke in a
20,000-row table is one row, not the page); a change that moves rows, changes gaps, day captions
or every clock repaints them all. The evidence list does not repaint for a reworded event."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex

from pm_desktop.domain import ops
from pm_desktop.domain.edits import set_field, update
from pm_desktop.ui.timeline.model import COLUMNS, TimelineModel


def _record(model) -> list[tuple[int, int, int, int]]:
    spans: list[tuple[int, int, int, int]] = []

    def seen(top: QModelIndex, bottom: QModelIndex, _roles=()) -> None:
        spans.append((top.row(), bottom.row(), top.column(), bottom.column()))

    model.dataChanged.connect(seen)
    return spans


def _whole(model) -> tuple[int, int, int, int]:
    return (0, model.rowCount() - 1, 0, len(COLUMNS) - 1)


def test_rewording_an_event_repaints_only_its_row(controller):
    model = TimelineModel(controller)
    spans = _record(model)
    event = controller.review.sorted_events()[3]
    controller.push(update(event, text="Rolled back the canary"))
    row = model.row_of(event.id)
    assert spans == [(row, row, 0, len(COLUMNS) - 1)]
    assert model.data(model.index(row, COLUMNS.index("text"))) == "Rolled back the canary"
    spans.clear()
    controller.undo_stack.undo()
    assert spans == [(row, row, 0, len(COLUMNS) - 1)]
    assert model.data(model.index(row, COLUMNS.index("text"))) == event.text.split("\n")[0]


def test_a_new_kind_repaints_its_row_only_too(controller):
    model = TimelineModel(controller)
    spans = _record(model)
    event = controller.review.sorted_events()[0]
    controller.push(update(event, kind="observation"))
    row = model.row_of(event.id)
    assert spans == [(row, row, 0, len(COLUMNS) - 1)]


def test_changes_that_move_rows_or_clocks_repaint_every_row(controller):
    model = TimelineModel(controller)
    spans = _record(model)
    first = controller.review.sorted_events()[0]
    controller.push(update(first, time="2025-03-12T23:59:00Z"))  # moves: gaps change around it
    assert _whole(model) in spans
    spans.clear()
    controller.push(ops.add_event(controller.review, "2025-03-12T09:00:00Z", "Pager went off"))
    assert _whole(model) in spans
    spans.clear()
    controller.push(set_field(controller.review, "display_tz", "Asia/Kolkata"))
    assert _whole(model) in spans
    spans.clear()
    # The first time with seconds shows seconds on every clock.
    event = controller.review.sorted_events()[2]
    assert event.time is not None and event.time.endswith(":00Z")
    controller.push(update(event, time=event.time[:-3] + "07Z"))
    assert _whole(model) in spans


def test_a_filtered_table_refilters_when_an_event_is_reworded(controller):
    from pm_desktop.ui.timeline.model import TimelineFilter

    model = TimelineModel(controller)
    event = controller.review.sorted_events()[4]
    word = max(event.text.split(), key=len)
    model.set_filter(TimelineFilter(text=word))
    assert event.id in model.ids()
    controller.push(update(event, text="Something else entirely"))
    assert event.id not in model.ids()


def test_the_evidence_list_keeps_still_when_an_event_is_reworded(qtbot, controller):
    from pm_desktop.ui.evidence.model import EvidenceModel
    from pm_desktop.ui.evidence.thumbs import ThumbnailCache

    model = EvidenceModel(controller, ThumbnailCache(lambda: controller.document, threaded=False))
    assert model.rowCount() > 0
    event = controller.review.sorted_events()[1]
    with qtbot.assertNotEmitted(model.dataChanged):
        controller.push(update(event, text="Reworded while the evidence list is open"))
    linked = next(e for e in controller.review.evidence.values() if e.event_ids)
    target = controller.review.events[linked.event_ids[0]]
    row = model.ids().index(linked.id)
    before = model.view(linked.id).linked
    with qtbot.waitSignal(model.dataChanged):
        controller.push(ops.delete_events(controller.review, [target.id]))
    assert model.view(linked.id).linked == before - 1
    assert model.ids()[row] == linked.id


def test_events_added_and_removed_are_inserted_in_place_without_a_reset(qtbot, controller):
    from pm_desktop.domain.edits import Batch

    model = TimelineModel(controller)
    review = controller.review
    times = ["2025-03-12T00:01:00Z", "2025-03-12T10:00:30Z", "2025-03-14T23:00:00Z", None]
    batch = Batch(
        tuple(ops.add_event(review, t, f"Added {i}") for i, t in enumerate(times)), "Add four"
    )
    with (
        qtbot.assertNotEmitted(model.modelReset),
        qtbot.assertNotEmitted(model.layoutChanged),
    ):
        controller.push(batch)
        assert model.ids() == [e.id for e in controller.review.sorted_events()]
        controller.undo_stack.undo()
        assert model.ids() == [e.id for e in controller.review.sorted_events()]
        controller.undo_stack.redo()
        assert model.ids() == [e.id for e in controller.review.sorted_events()]
        gone = controller.review.sorted_events()[5]
        controller.push(ops.delete_events(controller.review, [gone.id]))
        assert model.ids() == [e.id for e in controller.review.sorted_events()]
    assert model.row_of(gone.id) == -1
