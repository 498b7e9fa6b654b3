"""The findings model: grouped notes, a valid Qt model through every kind of update."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt

from pm_desktop.domain.edits import set_field, update
from pm_desktop.ui.coach.index import coach_index
from pm_desktop.ui.coach.model import GROUPS, FindingsModel, Roles


def _model(controller) -> FindingsModel:
    index = coach_index(controller)
    index.flush()
    model = FindingsModel(index)
    model.refresh()
    return model


def test_poor_review_notes_are_grouped_by_where_they_are(poor_controller):
    model = _model(poor_controller)
    counts = {g: model.count(g) for g in GROUPS}
    assert counts == {"review": 11, "event": 1, "why": 4, "followup": 11, "ignored": 0}
    event = model.entries("event")[0]
    assert event.finding.rule == "blame" and event.finding.text == "Dana ignored"
    assert event.where.startswith("16 May 17:52 · Dana ignored")
    assert model.data(model.group_index("event")) == "Timeline  (1)"
    first = model.index(0, 0, model.group_index("review"))
    assert model.data(first, Roles.Severity) == "warning"
    assert model.data(first).startswith("Warning · Blame: “Dana deployed a broken config”")
    assert model.data(first, Roles.Where) == "Summary"
    assert model.rowCount(first) == 0 and not model.index(0, 0, first).isValid()


def test_model_passes_the_model_tester_through_edits_ignoring_and_undo(
    qtmodeltester, qtbot, poor_controller
):
    model = _model(poor_controller)
    qtmodeltester.check(model)
    index = model.index_
    index.updated.connect(model.refresh)
    review = poor_controller.review
    card = next(c for c in review.followups.values() if c.title.startswith("Be more"))
    poor_controller.push(update(card, owner="Identity team", title="Validate config on deploy"))
    finding = model.entries("why")[0].finding
    poor_controller.push(index.ignore_edit(finding))
    model.set_show_ignored(True)
    poor_controller.push(set_field(poor_controller.review, "summary", ""))
    index.flush()
    qtmodeltester.check(model)
    assert model.count("ignored") == 1
    poor_controller.undo_stack.undo()
    poor_controller.undo_stack.undo()
    poor_controller.undo_stack.undo()
    index.flush()
    model.set_show_ignored(False)
    qtmodeltester.check(model)
    assert model.count("followup") == 11 and model.count("ignored") == 0


def test_updates_move_rows_without_resetting_the_model(qtbot, poor_controller):
    model = _model(poor_controller)
    index = model.index_
    index.updated.connect(model.refresh)
    resets = []
    model.modelReset.connect(lambda: resets.append(1))
    kept = model.index(0, 0, model.group_index("review"))
    persistent = QPersistentModelIndex(kept)
    key = model.entry(kept).finding.key
    event = next(iter(poor_controller.review.events.values()))
    with qtbot.waitSignal(model.rowsInserted):
        poor_controller.push(update(event, text="Jonas forgot to check the config"))
        index.flush()
    assert not resets
    assert persistent.isValid() and model.entry(persistent).finding.key == key


def test_group_rows_and_invalid_indexes_answer_safely(poor_controller):
    model = _model(poor_controller)
    assert model.rowCount() == len(GROUPS)
    assert model.parent(QModelIndex()) == QModelIndex()
    assert model.data(QModelIndex()) is None
    assert model.entry(model.group_index("review")) is None
    assert model.data(model.group_index("ignored"), Roles.Count) == 0
    assert model.flags(QModelIndex()) == Qt.ItemFlag.NoItemFlags
    assert not model.index(99, 0).isValid() and not model.index(0, 1).isValid()


def test_where_texts_follow_time_zone_rewording_and_moves(poor_controller):
    from pm_desktop.domain import ops

    model = _model(poor_controller)
    model.index_.updated.connect(model.refresh)
    review = poor_controller.review
    poor_controller.push(set_field(review, "display_tz", "Europe/Berlin"))
    model.index_.flush()
    assert model.entries("event")[0].where.startswith("16 May 19:52 · Dana ignored")
    event = model.entries("event")[0].finding.where_id
    poor_controller.push(update(poor_controller.review.events[event], text="Dana ignored it 😀"))
    model.index_.flush()
    assert model.entries("event")[0].where == "16 May 19:52 · Dana ignored it 😀"
    human = next(w for w in poor_controller.review.whys.values() if "Human error" in w.text)
    assert any(e.where.startswith("Why 2 · Human error") for e in model.entries("why"))
    root = poor_controller.review.why_roots()[0]
    poor_controller.push(ops.reparent_why(poor_controller.review, human.id, root.id, 0))
    model.index_.flush()
    assert any(e.where.startswith("Why 1 · Human error") for e in model.entries("why"))
