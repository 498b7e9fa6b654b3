"""The board model: a sound Qt model that follows the document, colours due dates against
today in the review's zone, filters, and moves cards through mimeData/dropMimeData."""

from __future__ import annotations

import datetime as dt

import pytest
from board_helpers import card_id, column_titles
from PySide6.QtCore import QMimeData, QPersistentModelIndex, Qt

from pm_desktop.domain import ops
from pm_desktop.domain.board_filter import BoardFilter
from pm_desktop.domain.edits import set_field, update
from pm_desktop.domain.followup_quality import MISSING_OWNER, MISSING_ROOT_CAUSE
from pm_desktop.ui.board.model import BoardModel, Roles


@pytest.fixture
def model(controller, frozen_clock):
    return BoardModel(controller, frozen_clock)


def test_board_model_passes_the_model_tester_through_edits_filters_and_undo(
    qtmodeltester, controller, model
):
    qtmodeltester.check(model)
    review = controller.review
    controller.push(ops.add_followup(review, "Rotate the on-call pager credentials"))
    controller.push(ops.move_followup(review, card_id(review, "Fail CI"), "done", 0))
    controller.push(ops.delete_followups(review, [card_id(review, "Name an owning")]))
    model.set_filter(BoardFilter(owner="Mei Lin"))
    model.set_filter(BoardFilter(text="database"))
    model.set_filter(BoardFilter())
    for _ in range(3):
        controller.undo_stack.undo()
    qtmodeltester.check(model)


def test_columns_show_the_cards_in_file_order(controller, model):
    review = controller.review
    for status in ("todo", "doing", "done", "dropped"):
        shown = [review.followups[i].title for i in model.column_ids(status)]
        assert shown == column_titles(review, status)
    top = model.column_index("doing")
    assert top.data() == "In progress"
    assert model.rowCount(top) == 2
    assert model.data(top, Roles.Count) == (2, 2)


def test_due_state_is_measured_against_a_frozen_today(controller, model):
    review = controller.review

    def state(title):
        return model.card_index(card_id(review, title)).data(Roles.DueState)

    assert state("Name an owning team") == "overdue"  # due 21 Mar
    assert state("Alert on sustained") == "soon"  # due 25 Mar
    assert state("Add a database-impact") == "soon"  # due 28 Mar, four days away
    assert state("Fail CI") == "ok"  # due 18 Apr
    assert state("Add the missing index") == "ok"  # done: never overdue
    assert state("Evaluate a caching") == "none"  # no date
    view = model.card_index(card_id(review, "Name an owning team")).data(Roles.View)
    assert "overdue by 3 days" in view.due_text


def test_today_is_the_date_in_the_reviews_display_zone(controller):
    # 23:30 UTC on 20 March is already 21 March in Tokyo: a card due on the 20th is overdue there.
    clock = lambda: dt.datetime(2025, 3, 20, 23, 30, tzinfo=dt.UTC)  # noqa: E731
    review = controller.review
    card = review.followups[card_id(review, "Fail CI")]
    controller.push(update(card, due="2025-03-20"))
    model = BoardModel(controller, clock)
    assert model.today == dt.date(2025, 3, 20)
    assert model.card_index(card.id).data(Roles.DueState) == "soon"
    controller.push(set_field(controller.review, "display_tz", "Asia/Tokyo"))
    assert model.today == dt.date(2025, 3, 21)
    assert model.card_index(card.id).data(Roles.DueState) == "overdue"


def test_roles_expose_owner_progress_causes_link_and_quality_hints(controller, model):
    review = controller.review
    index = model.card_index(card_id(review, "Add a database-impact"))
    assert index.data(Roles.Owner) == "Jonas Berg"
    assert index.data(Roles.Progress) == (1, 3)
    assert index.data(Roles.Priority) == "high"
    assert index.data(Roles.Type) == "prevent"
    causes = index.data(Roles.Causes)
    assert len(causes) == 1 and causes[0][2] is True
    assert index.data(Roles.Url).endswith("PAY-1290")
    assert index.data(Roles.View).url_label.startswith("PAY-1290")
    # the done card is linked to a why that is not a root cause
    done = model.card_index(card_id(review, "Add the missing index"))
    assert MISSING_ROOT_CAUSE in done.data(Roles.Hints)
    controller.push(ops.add_followup(review, "Tidy the runbook"))
    new = next(c for c in controller.review.followups.values() if c.title == "Tidy the runbook")
    assert MISSING_OWNER in model.card_index(new.id).data(Roles.Hints)


def test_a_why_edit_restyles_the_chips_of_linked_cards(controller, model, qtbot):
    review = controller.review
    root = review.whys[review.followups[card_id(review, "Fail CI")].why_ids[0]]
    with qtbot.wait_signal(model.dataChanged):
        controller.push(update(root, text="Reviews never looked at query plans."))
    causes = model.card_index(card_id(review, "Fail CI")).data(Roles.Causes)
    assert causes[0][1] == "Reviews never looked at query plans."


def test_edits_elsewhere_keep_the_selection_anchor_on_the_same_card(controller, model):
    review = controller.review
    target = card_id(review, "Write down how")
    anchor = QPersistentModelIndex(model.card_index(target))
    controller.push(ops.move_followup(review, target, "todo", 0))
    assert model.card_id(model.index(anchor.row(), 0, anchor.parent())) == target
    assert anchor.row() == 0


def test_filters_by_owner_overdue_and_unlinked(controller, model):
    model.set_filter(BoardFilter(owner="mei lin"))
    shown = {
        controller.review.followups[i].title for s in ("todo", "doing") for i in model.column_ids(s)
    }
    assert shown == {
        "Fail CI when a query plan scans the orders or payments tables",
        "Alert on sustained payment latency sooner",
    }
    model.set_filter(BoardFilter(overdue_only=True))
    assert [controller.review.followups[i].title for i in model.column_ids("todo")] == [
        "Name an owning team for the payments database"
    ]
    assert model.column_ids("doing") == []
    model.set_filter(BoardFilter(unlinked_only=True))
    unlinked = [i for s in ("todo", "doing", "done", "dropped") for i in model.column_ids(s)]
    titles = {controller.review.followups[i].title for i in unlinked}
    assert titles == {
        "Alert on sustained payment latency sooner",
        "Add the missing index and return orders-db to its usual size",
        "Evaluate a caching layer in front of the orders table",
    }
    assert model.data(model.column_index("doing"), Roles.Count) == (1, 2)


def test_text_filter_finds_words_in_criteria_and_linked_causes(controller, model):
    model.set_filter(BoardFilter(text="SNAPSHOT weekly"))
    assert len(model.column_ids("todo")) == 1
    model.set_filter(BoardFilter(text="launch date"))  # only in the linked root cause
    assert [controller.review.followups[i].title for i in model.column_ids("todo")] == [
        "Write down how review steps may be skipped under a deadline"
    ]
    model.set_filter(BoardFilter(text="ничего"))
    assert all(model.column_ids(s) == [] for s in ("todo", "doing", "done", "dropped"))


def test_drop_through_mimedata_moves_a_card_to_another_column_at_a_position(controller, model):
    review = controller.review
    moving = card_id(review, "Name an owning team")
    data = model.mimeData([model.card_index(moving)])
    assert set(data.formats()) >= {"text/plain", "application/x-pm-desktop-followup-ids"}
    top = model.column_index("doing")
    assert model.canDropMimeData(data, Qt.DropAction.MoveAction, 1, 0, top)
    assert model.dropMimeData(data, Qt.DropAction.MoveAction, 1, 0, top)
    assert column_titles(controller.review, "doing") == [
        "Add a database-impact section to the pull-request template",
        "Name an owning team for the payments database",
        "Alert on sustained payment latency sooner",
    ]
    assert [c.seq for c in controller.review.sorted_followups("doing")] == [0, 1, 2]
    assert [c.seq for c in controller.review.sorted_followups("todo")] == [0, 1]
    assert controller.undo_stack.count() == 1
    controller.undo_stack.undo()
    assert controller.review.followups[moving].status == "todo"
    assert column_titles(controller.review, "todo")[1].startswith("Name an owning team")


def test_drop_through_mimedata_reorders_within_a_column(controller, model):
    review = controller.review
    last = card_id(review, "Write down how")
    data = model.mimeData([model.card_index(last)])
    top = model.column_index("todo")
    assert model.dropMimeData(data, Qt.DropAction.MoveAction, 0, 0, top)
    assert column_titles(controller.review, "todo")[0].startswith("Write down how")
    # dropping a card right where it is changes nothing and records nothing
    data = model.mimeData([model.card_index(last)])
    assert model.dropMimeData(data, Qt.DropAction.MoveAction, 1, 0, top)
    assert controller.undo_stack.count() == 1


def test_dropping_several_cards_keeps_them_together_in_board_order(controller, model):
    review = controller.review
    ids = [card_id(review, "Fail CI"), card_id(review, "Write down how")]
    data = model.mimeData([model.card_index(i) for i in reversed(ids)])
    assert model.dropMimeData(data, Qt.DropAction.MoveAction, -1, 0, model.column_index("done"))
    assert column_titles(controller.review, "done") == [
        "Add the missing index and return orders-db to its usual size",
        "Fail CI when a query plan scans the orders or payments tables",
        "Write down how review steps may be skipped under a deadline",
    ]
    assert controller.undo_stack.undoText() == "Move 2 follow-ups to Done"


def test_dropped_text_becomes_new_cards_in_that_column(controller, model):
    data = QMimeData()
    data.setText("- Add a dashboard for lock waits\n\n* Review index coverage quarterly\n")
    assert model.dropMimeData(data, Qt.DropAction.CopyAction, 0, 0, model.column_index("doing"))
    titles = column_titles(controller.review, "doing")
    assert titles[-2:] == ["Add a dashboard for lock waits", "Review index coverage quarterly"]


def test_garbage_and_foreign_drops_are_refused(controller, model):
    data = QMimeData()
    data.setData("application/x-pm-desktop-followup-ids", b"\xff\xfenot json")
    assert not model.canDropMimeData(
        data, Qt.DropAction.MoveAction, 0, 0, model.column_index("todo")
    )
    ids_elsewhere = QMimeData()
    ids_elsewhere.setData("application/x-pm-desktop-followup-ids", b'["no-such-card"]')
    assert not model.dropMimeData(
        ids_elsewhere, Qt.DropAction.MoveAction, 0, 0, model.column_index("todo")
    )
    assert not model.canDropMimeData(data, Qt.DropAction.MoveAction, 0, 0, model.index(9, 0))
    assert controller.undo_stack.count() == 0
