"""The Follow-ups panel: Edit-menu hooks, root-cause chips, tracker links, filters and
presentation mode."""

from __future__ import annotations

from board_helpers import card_id, column_titles
from PySide6.QtCore import QMimeData, QObject, Qt, QUrl, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtTest import QTest

from pm_desktop.domain.followup_quality import MISSING_CRITERIA
from pm_desktop.ui.board.clipboard import MAX_PASTED_CARDS, TITLE_LIMIT
from pm_desktop.ui.board.model import Roles
from pm_desktop.ui.panel import Panel


def text_mime(text: str) -> QMimeData:
    mime = QMimeData()
    mime.setText(text)
    return mime


def test_the_board_is_a_panel_with_its_key_and_title(board):
    assert isinstance(board, Panel)
    assert (board.key, board.title) == ("board", "Follow-ups")
    headers = [board.columns[s].header.text() for s in ("todo", "doing", "done", "dropped")]
    assert headers[0].startswith("○  To do") and headers[0].endswith("3")
    assert "Won't do" in headers[3]


def test_delete_is_undoable_and_only_offered_with_a_selection(board):
    assert not board.can_delete()
    cid = card_id(board.controller.review, "Fail CI")
    board.select_cards([cid])
    assert board.can_delete()
    board.delete_selection()
    assert cid not in board.controller.review.followups
    board.controller.undo_stack.undo()
    assert cid in board.controller.review.followups


def test_copy_gives_the_card_as_text_with_its_checklist(board):
    board.select_cards([card_id(board.controller.review, "Add a database-impact")])
    mime = board.copy_selection()
    text = mime.text()
    assert text.startswith("Add a database-impact section to the pull-request template\n")
    assert "Owner: Jonas Berg" in text and "Due: 2025-03-28" in text
    assert "- [x] The template asks for the plan" in text
    assert "Link: https://example-corp.atlassian.net/browse/PAY-1290" in text


def test_pasting_lines_makes_one_todo_card_each_in_one_undo_step(board):
    before = len(board.controller.review.followups)
    assert board.paste(text_mime("1. Add lock-wait alert\n\n- [ ] Review index coverage\r\n"))
    review = board.controller.review
    assert column_titles(review, "todo")[-2:] == ["Add lock-wait alert", "Review index coverage"]
    assert board.controller.undo_stack.count() == 1
    assert len(board.selected_ids()) == 2
    board.controller.undo_stack.undo()
    assert len(board.controller.review.followups) == before


def test_pasting_hostile_text_keeps_it_exactly_and_long_lines_lose_nothing(board):
    long_line = "Investigate " + "the replica lag " * 60
    hostile = "<img src=/etc/passwd> x<y Привет 你好 🚀\x00\x07"
    assert board.paste(text_mime(f"{hostile}\n{long_line}"))
    review = board.controller.review
    new = review.sorted_followups("todo")[-2:]
    assert new[0].title == "<img src=/etc/passwd> x<y Привет 你好 🚀"
    assert len(new[1].title) <= TITLE_LIMIT + 1 and new[1].title.endswith("…")
    assert new[1].description == " ".join(long_line.split())


def test_a_huge_or_empty_paste_is_refused_with_a_message(board, qtbot):
    huge = "\n".join(f"card {i}" for i in range(MAX_PASTED_CARDS + 1))
    with qtbot.wait_signal(board.controller.error) as blocker:
        assert board.paste(text_mime(huge))
    assert "at most" in blocker.args[0]
    with qtbot.wait_signal(board.controller.error):
        assert board.paste(text_mime("\n  \n\t"))
    assert board.controller.undo_stack.count() == 0
    assert not board.paste(QMimeData())


def test_copied_cards_paste_back_as_copies(board):
    review = board.controller.review
    original = review.followups[card_id(review, "Add a database-impact")]
    board.select_cards([original.id])
    assert board.paste(board.copy_selection())
    copies = [c for c in board.controller.review.followups.values() if c.title == original.title]
    assert len(copies) == 2
    copy = next(c for c in copies if c.id != original.id)
    assert copy.acceptance_criteria == original.acceptance_criteria
    assert copy.why_ids == original.why_ids and copy.owner == original.owner
    assert board.selected_ids() == [copy.id]  # the pasted copy is selected


def test_find_filters_the_board_and_clearing_it_shows_all(board):
    board.find("owning team")
    shown = [i for s in ("todo", "doing", "done", "dropped") for i in board.model.column_ids(s)]
    assert shown == [card_id(board.controller.review, "Name an owning team")]
    assert board.filter_label.text() == "Showing 1 of 7"
    board.find("")
    assert len(board.model.column_ids("todo")) == 3


def test_select_item_reveals_a_card_hidden_by_the_filters(board):
    target = card_id(board.controller.review, "Evaluate a caching")
    board.overdue_check.setChecked(True)
    assert not board.model.card_index(target).isValid()
    assert board.select_item("followups", target)
    assert board.selected_ids() == [target]
    assert not board.overdue_check.isChecked()
    assert not board.select_item("events", target)
    assert not board.select_item("followups", "no-such-card")


def test_filter_controls_drive_the_model(board):
    board.set_owner_filter("Jonas Berg")
    assert all(
        board.controller.review.followups[i].owner == "Jonas Berg"
        for s in ("todo", "doing", "done", "dropped")
        for i in board.model.column_ids(s)
    )
    board.unlinked_check.setChecked(True)
    titles = [
        board.controller.review.followups[i].title
        for s in ("done", "dropped")
        for i in board.model.column_ids(s)
    ]
    assert len(titles) == 2
    board.clear_filters()
    assert not board.model.filter.active


def test_clicking_a_root_cause_chip_asks_to_show_that_why(board, qtbot):
    cid = card_id(board.controller.review, "Fail CI")
    (rect, why_id), *_ = board.part_rects(cid)["causes"]
    assert board.controller.review.whys[why_id].root_cause
    with qtbot.wait_signal(board.showWhy) as blocker:
        QTest.mouseClick(
            board.view("todo").viewport(), Qt.MouseButton.LeftButton, pos=rect.center()
        )
    assert blocker.args == [why_id]


class UrlCatcher(QObject):
    def __init__(self):
        super().__init__()
        self.urls: list[str] = []

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        self.urls.append(url.toString())


def test_the_tracker_link_opens_only_on_an_explicit_click(board, qtbot):
    catcher = UrlCatcher()
    QDesktopServices.setUrlHandler("https", catcher, "open")
    try:
        cid = card_id(board.controller.review, "Fail CI")
        board.select_cards([cid])  # selecting a card opens nothing
        assert catcher.urls == []
        ((rect, url),) = board.part_rects(cid)["link"]
        QTest.mouseClick(
            board.view("todo").viewport(), Qt.MouseButton.LeftButton, pos=rect.center()
        )
        assert catcher.urls == ["https://example-corp.atlassian.net/browse/PAY-1291"]
    finally:
        QDesktopServices.unsetUrlHandler("https")


def test_unsafe_links_are_never_opened(board, qtbot):
    with qtbot.wait_signal(board.controller.error):
        assert not board.open_link("javascript:alert(1)")
    with qtbot.wait_signal(board.controller.error):
        assert not board.open_link("file:///etc/passwd")


def test_quality_hints_follow_edits(board):
    from pm_desktop.domain.edits import update

    review = board.controller.review
    cid = card_id(review, "Fail CI")
    board.controller.push(update(review.followups[cid], acceptance_criteria=()))
    assert MISSING_CRITERIA in board.model.card_index(cid).data(Roles.Hints)


def test_coach_wording_findings_appear_on_the_card(board):
    from pm_desktop.domain import ops

    board.controller.push(ops.add_followup(board.controller.review, "Be more careful with deploys"))
    card = next(
        c for c in board.controller.review.followups.values() if c.title.startswith("Be more")
    )
    view = board.model.card_index(card.id).data(Roles.View)
    assert any("Vague" in hint for hint in view.wording)
    assert not any("owner" in hint.lower() for hint in view.wording)  # said once, in .missing


def test_presentation_steps_through_all_columns_then_one_at_a_time(board):
    assert not board.present_step(1)  # not presenting
    board.set_presentation(True, 2.0)
    assert board.toolbar.isHidden()
    assert board.delegate.scale == 2.0
    assert board.presented_statuses() == ["todo", "doing", "done", "dropped"]
    steps = []
    while board.present_step(1):
        steps.append(board.presented_statuses())
    assert steps == [["todo"], ["doing"], ["done"], ["dropped"]]
    assert [s for s, c in board.columns.items() if not c.isHidden()] == ["dropped"]
    assert board.delegate.detailed  # one column: description and criteria on the cards
    while board.present_step(-1):
        pass
    assert board.presented_statuses() == ["todo", "doing", "done", "dropped"]
    board.set_presentation(False)
    assert not board.toolbar.isHidden() and board.delegate.scale == 1.0
    assert all(not c.isHidden() for c in board.columns.values())


def test_presentation_makes_cards_taller(board):
    cid = card_id(board.controller.review, "Fail CI")
    view = board.view("todo")
    before = view.visualRect(board.model.card_index(cid)).height()
    board.set_presentation(True, 1.8)
    after = view.visualRect(board.model.card_index(cid)).height()
    assert after > before * 1.4


def test_the_context_menu_offers_moves_causes_and_the_link(board):
    cid = card_id(board.controller.review, "Add a database-impact")
    menu = board.card_menu(cid)
    labels = [a.text() for a in menu.actions()]
    assert labels[:3] == ["Edit…", "Move to", "Show in 5 whys"]
    move = next(a.menu() for a in menu.actions() if a.text() == "Move to")
    done = next(a for a in move.actions() if a.text() == "Done")
    done.trigger()
    assert board.controller.review.followups[cid].status == "done"
    link = next(a for a in menu.actions() if a.text() == "Open tracker link")
    assert link.isEnabled()


def test_a_longer_title_makes_its_card_taller_right_away(board):
    from pm_desktop.domain.edits import update

    review = board.controller.review
    cid = card_id(review, "Fail CI")
    view = board.view("todo")
    before = view.visualRect(board.model.card_index(cid)).height()
    board.controller.push(update(review.followups[cid], title="Fail CI " + "on scans " * 12))
    after = view.visualRect(board.model.card_index(cid)).height()
    assert after > before
    next_card = board.model.card_index(card_id(review, "Name an owning team"))
    assert view.visualRect(next_card).top() >= view.visualRect(board.model.card_index(cid)).bottom()


def test_the_only_card_of_a_column_also_resizes(board):
    from pm_desktop.domain.edits import update

    review = board.controller.review
    cid = card_id(review, "Evaluate a caching")
    view = board.view("dropped")
    before = view.visualRect(board.model.card_index(cid)).height()
    board.controller.push(update(review.followups[cid], title="Evaluate " + "a cache " * 12))
    assert view.visualRect(board.model.card_index(cid)).height() > before


def test_a_garbled_card_payload_is_refused_with_a_message(board, qtbot):
    from pm_desktop.ui.board.clipboard import CARDS_JSON_MIME

    mime = QMimeData()
    mime.setData(CARDS_JSON_MIME, b"\x00{not json")
    with qtbot.wait_signal(board.controller.error) as blocker:
        assert board.paste(mime)
    assert "could not be read" in blocker.args[0]
    mime.setData(CARDS_JSON_MIME, b'{"followups": [{"title": "  "}, 42, {"due": "tomorrow"}]}')
    with qtbot.wait_signal(board.controller.error):
        assert board.paste(mime)
    assert board.controller.undo_stack.count() == 0


def test_pasted_copies_drop_bad_fields_but_keep_the_card(board):
    from pm_desktop.ui.board.clipboard import CARDS_JSON_MIME

    mime = QMimeData()
    mime.setData(
        CARDS_JSON_MIME,
        b'{"followups": [{"title": "Keep me", "due": "31/02/2025", "priority": "urgent",'
        b' "status": "blocked", "why_ids": ["missing", 7], "acceptance_criteria": ["ok", 5,'
        b' [1, 2], "  "], "acceptance_done": [true]}]}',
    )
    assert board.paste(mime)
    card = next(c for c in board.controller.review.followups.values() if c.title == "Keep me")
    assert (card.due, card.priority, card.status, card.why_ids) == ("", "", "todo", ())
    assert [(c.text, c.done) for c in card.acceptance_criteria] == [("ok", True)]


def test_new_follow_up_opens_the_editor_and_selects_the_saved_card(board):
    editor = board.new_card()
    editor.title_edit.setText("Page the database owner on lock waits")
    assert editor.save()
    card = board.controller.review.sorted_followups("todo")[-1]
    assert card.title == "Page the database owner on lock waits"
    assert board.selected_ids() == [card.id]
    assert board.editor is None


def test_the_whole_board_copies_as_a_markdown_checklist(board):
    from PySide6.QtWidgets import QApplication

    text = board.copy_board_markdown()
    assert text.startswith("### To do\n")
    assert QApplication.clipboard().text() == text


def test_coach_needs_are_not_shown_on_cards_in_presentation(board):
    """The room saw "⚠ Needs: not linked to a root cause" on a projected card."""
    from pm_desktop.ui.board.card import CardFonts, build_layout

    cid = card_id(board.controller.review, "Add the missing index")
    view = board.model.card_index(cid).data(Roles.View)
    assert view.missing  # the example card lacks a root-cause link
    fonts = CardFonts(board.font(), 1.8)
    editing = build_layout(view, 320, fonts)
    assert any("Needs:" in run.text for run in editing.runs)
    for detailed in (False, True):
        shown = build_layout(view, 320, fonts, roomy=True, detailed=detailed)
        assert not any("Needs:" in run.text for run in shown.runs)
        assert shown.hint_box is None
