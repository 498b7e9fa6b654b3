"""The 5-whys commands are declared once (actions.SPECS): every key runs exactly one command,
tooltips and menus show the key from the table, and pressing it on the canvas does the edit."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import QMenu

from pm_desktop.ui.whys import actions
from pm_desktop.ui.whys.actions import SPEC_BY_NAME, SPECS, Spec, key_table

KEYED = [(spec.name, key) for spec in SPECS for key in spec.keys]


def _press(text: str) -> QKeyEvent:
    combo = QKeySequence(text)[0]
    return QKeyEvent(QEvent.Type.KeyPress, combo.key(), combo.keyboardModifiers())


def test_every_key_in_the_table_is_bound_exactly_once() -> None:
    table = key_table()
    assert len(table) == len(KEYED)
    assert sorted(table.values()) == sorted(name for name, _key in KEYED)


def test_a_key_given_to_two_commands_is_refused() -> None:
    twice = (
        Spec("a", "A", "First", lambda p: None, ("R",)),
        Spec("b", "B", "Second", lambda p: None, ("Shift+X", "R")),
    )
    with pytest.raises(ValueError, match="'R' is bound to a and b"):
        key_table(twice)


def test_menus_and_toolbar_name_only_declared_commands() -> None:
    named = {n for n in (*actions.TOOLBAR, *actions.NODE_MENU, *actions.CANVAS_MENU) if n}
    assert named - set(SPEC_BY_NAME) == {"category"}
    assert set(actions.EXPORT_MENU) <= set(SPEC_BY_NAME)


@pytest.mark.parametrize(("name", "key"), KEYED)
def test_the_canvas_runs_the_command_of_each_key(panel, name: str, key: str) -> None:
    assert panel.view.keys.command(_press(key)) == name
    assert panel.view.keys.wants(_press(key))


def test_tooltips_and_menus_show_the_first_key_of_the_table(panel) -> None:
    for spec in SPECS:
        action = panel.actions_[spec.name]
        assert action.shortcut().isEmpty()  # the canvas handles keys: no second binding
        if spec.keys:
            hint = QKeySequence(spec.keys[0]).toString(QKeySequence.SequenceFormat.NativeText)
            assert action.toolTip() == f"{spec.tip} ({hint})"
            assert spec.menu_text == f"{spec.text}\t{hint}"
        else:
            assert action.toolTip() == spec.tip
    assert "Tab: add why" in panel.status.text()


def test_the_node_menu_lists_the_table_with_its_keys(panel, monkeypatch) -> None:
    shown: list[QMenu] = []
    monkeypatch.setattr(QMenu, "popup", lambda menu, where: shown.append(menu))
    node = panel.controller.review.why_roots()[0]
    panel.editor.select(node.id)
    panel._context_menu(node.id, panel.mapToGlobal(panel.rect().center()))
    texts = [a.text() for a in shown[0].actions() if a.text()]
    assert texts[:3] == [SPEC_BY_NAME[n].menu_text for n in ("add_child", "add_sibling", "edit")]
    assert "Delete\tDel" in texts


def test_pressing_r_on_the_canvas_marks_a_root_cause(qtbot, panel, controller) -> None:
    review = controller.review
    node = next(w for w in review.sorted_whys() if w.parent_id and not w.root_cause)
    panel.editor.select(node.id)
    panel.view.setFocus()
    assert panel.view.keys.handle(_press("R"))
    assert review.whys[node.id].root_cause
    assert panel.actions_["root_cause"].isChecked()
