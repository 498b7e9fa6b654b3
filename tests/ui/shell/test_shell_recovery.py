"""Untitled reviews left behind by a crash are offered back: open, save, or discard."""

from __future__ import annotations

from pm_desktop.domain.edits import set_field
from pm_desktop.ingest.builtin import load_example
from pm_desktop.store.document import Document
from pm_desktop.ui import settings as settings_mod
from pm_desktop.ui.recovery import leftover_reviews
from pm_desktop.ui.settings import Settings


def _left_behind(title: str = "Written before the crash"):
    """An untitled review whose app went away without closing it properly."""
    ex = load_example()
    doc = Document.create_untitled(settings_mod.untitled_dir(), ex.review, ex.blobs)
    doc.apply(set_field(doc.review, "title", title))
    path = doc.path
    doc.close()  # the lock goes with the process; the file stays
    return path


def test_a_left_behind_review_is_offered_with_what_it_holds(window, prompts):
    path = _left_behind()
    items = leftover_reviews(settings_mod.untitled_dir())
    assert [i.path for i in items] == [path]
    assert items[0].title == "Written before the crash"
    assert "timeline events" in items[0].summary
    assert window.files.offer_recovery() == 1
    dialog = prompts.recovery_dialogs[0]
    assert dialog.paths() == [str(path)]


def test_a_review_open_in_a_running_instance_is_not_offered(window):
    window.files.new_review(False)  # this instance holds it
    assert leftover_reviews(settings_mod.untitled_dir()) == []
    assert window.files.offer_recovery() == 0


def test_opening_a_recovered_review_keeps_it_untitled(window, prompts):
    path = _left_behind()
    prompts.on_recovery = lambda dialog: dialog.open_item(str(path))
    window.files.offer_recovery()
    doc = window.controller.document
    assert doc.path == path and doc.untitled
    assert doc.review.meta.title == "Written before the crash"
    assert Settings().recent_files() == []  # scratch files are not "recent"
    prompts.keep_answers.append("cancel")  # a recovered review is never closed silently
    assert not window.files.close_review()
    assert prompts.asked_keep == ["Written before the crash"]


def test_saving_a_recovered_review_moves_it_out_of_app_data(window, prompts, tmp_path):
    path = _left_behind("Keep me")
    target = tmp_path / "kept.pmreview"
    prompts.save_answers.append(str(target))
    prompts.on_recovery = lambda dialog: dialog.save_item(str(path))
    window.files.offer_recovery()
    assert not path.exists()
    with Document.open(target, read_only=True) as doc:
        assert doc.review.meta.title == "Keep me"
    assert Settings().recent_files() == [str(target.resolve())]
    assert window.controller.document is None  # saved, not opened


def test_discarding_deletes_only_that_review(window, prompts):
    first = _left_behind("First")
    second = _left_behind("Second")
    results = []
    prompts.on_recovery = lambda dialog: results.append(dialog.discard_item(str(first)))
    window.files.offer_recovery()
    assert results == [True]
    assert not first.exists() and second.exists()
    assert [i.title for i in leftover_reviews(settings_mod.untitled_dir())] == ["Second"]


def test_a_damaged_leftover_is_still_listed_so_it_can_be_discarded(window):
    broken = settings_mod.untitled_dir() / "untitled-0123456789ab.pmreview"
    broken.write_bytes(b"garbage" * 50)
    items = leftover_reviews(settings_mod.untitled_dir())
    assert len(items) == 1 and items[0].title == broken.name
    assert items[0].problem and items[0].problem in items[0].summary


def test_a_review_killed_mid_write_is_offered_whole_and_discard_leaves_nothing(window, prompts):
    from crash_trials import kill_mid_write

    path = _left_behind("Typed just before the kill")
    kill_mid_write(path)  # leaves a hot journal, as a crash during a write does
    folder = settings_mod.untitled_dir()
    assert (folder / f"{path.name}-journal").exists()
    items = leftover_reviews(folder)
    assert [(i.path, i.title, i.problem) for i in items] == [
        (path, "Typed just before the kill", "")
    ]
    assert window.files.offer_recovery() == 1
    dialog = prompts.recovery_dialogs[0]
    assert dialog.discard_item(str(path))
    assert sorted(p.name for p in folder.iterdir()) == []


def test_a_leftover_summary_counts_in_words():
    import datetime as dt
    from pathlib import Path

    from pm_desktop.ui.recovery import LeftOver

    item = LeftOver(
        Path("x.pmreview"),
        "A",
        dt.datetime(2026, 12, 3, 6, 0),
        {"events": 1, "whys": 1, "followups": 2},
    )
    assert item.summary.endswith("1 timeline event, 1 why, 2 follow-ups")
