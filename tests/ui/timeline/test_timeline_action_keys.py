"""The timeline's keys are bound once (on its actions) and its buttons' tooltips show them."""

from __future__ import annotations

from PySide6.QtGui import QKeySequence

from pm_desktop.ui.key_hints import shortcut_text


def test_tooltips_show_the_bound_shortcuts_and_each_key_is_bound_once(qtbot, controller):
    from pm_desktop.ui.timeline.panel import TimelinePanel

    panel = TimelinePanel(controller)
    qtbot.addWidget(panel)
    native = QKeySequence.SequenceFormat.NativeText
    for button, action in (
        (panel.add_button, panel.add_action),
        (panel.paste_button, panel.paste_action),
    ):
        keys = [s.toString(native) for s in action.shortcuts()]
        assert keys and button.toolTip().endswith(f"({' or '.join(keys)})")
        assert shortcut_text(action) in button.toolTip()
    bound = [s.toString() for a in panel.actions() for s in a.shortcuts()]
    assert len(bound) == len(set(bound))
