"""A long column measures its cards a batch per turn of the event loop: the board paints with
the first cards measured, and a moment later every card has its place, in board order."""

from __future__ import annotations


def test_a_long_column_is_measured_in_batches_and_ends_fully_laid_out(qtbot, controller):
    from pm_desktop.domain.ops import add_followup
    from pm_desktop.ui.board import BoardPanel
    from pm_desktop.ui.board.columns import BATCH

    for n in range(6 * BATCH):
        controller.push(add_followup(controller.review, f"Card number {n}", "todo"))
    panel = BoardPanel(controller)
    qtbot.addWidget(panel)
    panel.resize(1400, 900)
    view = panel.view("todo")
    delegate = view.itemDelegate()
    cards = controller.review.sorted_followups("todo")
    assert len(cards) > 6 * BATCH

    panel.show()
    qtbot.waitExposed(panel)
    assert len(delegate._cache) < len(cards)  # painted before every card was measured

    qtbot.waitUntil(lambda: len(delegate._cache) >= len(cards))
    qtbot.wait(20)
    tops = [view.visualRect(panel.model.card_index(card.id)).top() for card in cards]
    assert tops == sorted(tops) and len(set(tops)) == len(tops)
    last = view.visualRect(panel.model.card_index(cards[-1].id))
    assert view.verticalScrollBar().maximum() >= last.bottom() - view.viewport().height()
