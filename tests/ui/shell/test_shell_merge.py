"""File ▸ Merge Review…: choose a colleague's file, see the preview, choose per conflict, merge
as one undo step."""

from __future__ import annotations

import shutil

import pytest
from merge_story import write_pair

from pm_desktop.ui.merge_dialog import KEEP_MINE, TAKE_THEIRS, MergeDialog


@pytest.fixture(scope="module")
def pair(tmp_path_factory):
    return write_pair(tmp_path_factory.mktemp("story"))


@pytest.fixture
def opened(window, pair, tmp_path, prompts):
    mei, ana = tmp_path / "mei.pmreview", tmp_path / "ana.pmreview"
    shutil.copyfile(pair[0], mei)
    shutil.copyfile(pair[1], ana)
    assert window.files.open_path(str(mei))
    prompts.open_answers.append(str(ana))
    return window, ana


def _state(review):
    return {
        name: dict(getattr(review, name))
        for name in (
            "people",
            "events",
            "evidence",
            "whys",
            "followups",
            "parking",
            "redactions",
            "boxes",
        )
    } | {"meta": review.meta}


def test_the_preview_lists_counts_and_conflicts_and_merge_is_one_undo_step(opened, prompts):
    window, _ana = opened
    c = window.controller
    before = _state(c.review)
    seen: list[MergeDialog] = []

    def preview(dialog: MergeDialog) -> bool:
        seen.append(dialog)
        assert "2 events, 1 person, 2 screenshots" in dialog.summary_label.text()
        assert "3 items written in both files" in dialog.summary_label.text()
        assert dialog.table.rowCount() == 2
        assert dialog.table.item(0, 1).text() == "Checkout error rate above 5 % (dashboard)"
        assert dialog.table.item(0, 2).text() == "Checkout error rate above 5 % for EU shoppers"
        assert dialog.table.item(1, 1).text() == "SEV3"
        assert dialog.table.item(1, 2).text() == "SEV2"
        assert [dialog.choice_text(row) for row in (0, 1)] == [KEEP_MINE, KEEP_MINE]
        dialog.all_theirs.click()
        assert dialog.choice_text(1) == TAKE_THEIRS
        dialog.choose(1, theirs=False)
        assert [dialog.choice_text(row) for row in (0, 1)] == [TAKE_THEIRS, KEEP_MINE]
        assert "1 mine, 1 theirs" in dialog.conflict_label.text()
        return True

    prompts.merge_preview = preview
    steps = c.undo_stack.count()
    window.menus.merge_action.trigger()
    assert seen and prompts.errors == []
    review = c.review
    assert c.undo_stack.count() == steps + 1
    assert c.undo_stack.undoText() == "Merge ana.pmreview"
    assert len(review.events) == 6
    assert review.events["base-2"].text == "Checkout error rate above 5 % for EU shoppers"
    assert review.events["m-1"].author == "Mei, Ana"
    assert review.meta.severity == "SEV3"
    assert review.followups["c-a"].number == 3

    c.undo_stack.undo()
    assert _state(c.review) == before
    c.undo_stack.redo()
    assert c.review.events["a-3"].source == "merged:ana.pmreview"
    assert c.document.read_blob(c.review.evidence["a-graph"].blob)


def test_cancelling_the_preview_changes_nothing(opened, prompts):
    window, _ana = opened
    c = window.controller
    before = _state(c.review)
    steps = c.undo_stack.count()
    prompts.merge_preview = lambda dialog: False
    assert not window.files.merge_review()
    assert _state(c.review) == before and c.undo_stack.count() == steps


def test_a_file_that_is_not_a_review_gets_one_message_and_changes_nothing(
    opened, prompts, tmp_path
):
    window, _ana = opened
    c = window.controller
    junk = tmp_path / "notes.pmreview"
    junk.write_bytes(b"%PDF-1.7 not a review")
    prompts.open_answers.clear()
    prompts.open_answers.append(str(junk))
    prompts.merge_preview = lambda dialog: pytest.fail("no preview for a refused file")
    before = _state(c.review)
    assert not window.files.merge_review()
    assert prompts.errors == [f"{junk}: is a PDF document, not a pm-desktop review"]
    assert _state(c.review) == before


def test_merge_is_offered_only_for_a_writable_review(window, pair):
    assert not window.menus.merge_action.isEnabled()
    assert window.files.open_path(str(pair[0]), read_only=True)
    assert not window.menus.merge_action.isEnabled()
