"""A second window on a review another window has open: switch to it, or follow it read-only."""

from __future__ import annotations

from pm_desktop.domain import ops
from pm_desktop.domain.edits import set_field
from pm_desktop.store.document import Document
from pm_desktop.store.lock import AlreadyOpenError, FileLock


def test_the_lock_message_names_no_process_id(tmp_path, review_file):
    with FileLock(review_file), Document.open(review_file, read_only=True):
        try:
            Document.open(review_file)
        except AlreadyOpenError as exc:
            message = str(exc)
    assert message.startswith(str(review_file)) and "another window of this app" in message
    assert "pid" not in message and "read-only" not in message


def test_a_review_open_in_our_other_window_offers_to_switch(make_window, prompts, review_file):
    owner, second = make_window(), make_window()
    assert owner.open_path(review_file)
    prompts.already_open_answer = "switch"
    assert not second.open_path(review_file)
    assert second.controller.document is None  # nothing opened; the owner was brought forward
    assert "another window of this app" in prompts.read_only_message
    assert "(opened read-only)" not in prompts.read_only_message


def test_the_read_only_window_follows_the_owners_edits(make_window, prompts, review_file, qtbot):
    owner, second = make_window(), make_window()
    assert owner.open_path(review_file)
    prompts.already_open_answer = "read_only"
    assert second.open_path(review_file)
    assert second.controller.read_only
    assert "(opened read-only)" not in second.banner_label.text()
    timeline = second.panel("timeline")
    picked = second.controller.review.sorted_events()[2].id
    assert timeline.select_item("events", picked)

    review = owner.controller.review
    owner.controller.push(set_field(review, "title", "Payments outage, second look"))
    owner.controller.push(ops.add_event(review, "2025-03-12T11:00:00Z", "Post-incident check"))

    qtbot.waitUntil(
        lambda: second.controller.review.meta.title == "Payments outage, second look", timeout=5000
    )
    qtbot.waitUntil(lambda: len(second.controller.review.events) == len(review.events))
    assert second.controller.read_only
    assert timeline.selected_ids() == [picked]  # the selection is kept
