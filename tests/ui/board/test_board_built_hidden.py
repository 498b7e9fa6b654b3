"""A board built before it is shown (the main window builds its panels in the background) does
not measure its cards at the made-up width a hidden widget has: it measures them once, at the
width it is shown with, and every card ends in its place."""

from __future__ import annotations


def test_cards_are_measured_once_at_the_width_shown(qtbot, controller, monkeypatch):
    from pm_desktop.domain.ops import add_followup
    from pm_desktop.ui.board import BoardPanel
    from pm_desktop.ui.board import card as card_mod

    for n in range(30):
        controller.push(add_followup(controller.review, f"Card number {n} " + "word " * n, "todo"))
    widths: list[int] = []
    real = card_mod.build_layout

    def counting(view, width, *args, **kwargs):
        widths.append(width)
        return real(view, width, *args, **kwargs)

    monkeypatch.setattr(card_mod, "build_layout", counting)
    panel = BoardPanel(controller)  # built hidden, with fonts applied, as the window does
    qtbot.addWidget(panel)
    panel.resize(1400, 900)
    assert widths == []  # nothing measured while hidden

    panel.show()
    qtbot.waitExposed(panel)
    view = panel.view("todo")
    cards = controller.review.sorted_followups("todo")
    delegate = view.itemDelegate()
    qtbot.waitUntil(lambda: len(delegate._cache) >= len(controller.review.followups))
    shown_width = delegate.card_width(view.option_for(panel.model.card_index(cards[0].id)))
    assert set(widths) == {shown_width}
    assert len(widths) == len(controller.review.followups)  # each card measured once
    qtbot.wait(20)
    tops = [view.visualRect(panel.model.card_index(c.id)).top() for c in cards]
    assert tops == sorted(tops) and len(set(tops)) == len(tops)
    heights = {view.visualRect(panel.model.card_index(c.id)).height() for c in cards}
    assert len(heights) > 1  # real heights, not the placeholder
