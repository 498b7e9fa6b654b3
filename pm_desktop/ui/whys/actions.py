"""The 5-whys panel's commands as QActions: one place for their text, key hint and state.

The keys themselves are handled by the canvas (see :mod:`.interactions`) so they work the same
whether a toolbar exists or not; the actions only show them in tooltips and menus.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMenu, QWidget

from pm_desktop.domain.model import WHY_CATEGORIES


@dataclass(frozen=True, slots=True)
class Spec:
    name: str
    text: str
    tip: str
    key: str = ""
    checkable: bool = False


SPECS: tuple[Spec, ...] = (
    Spec("new_problem", "New problem", "Start another tree with a new problem statement"),
    Spec("add_child", "Add why", "Ask why about the selected box: add an answer under it", "Tab"),
    Spec("add_sibling", "Add branch", "Add another answer beside the selected one", "Enter"),
    Spec("edit", "Edit text", "Edit the selected box in place", "F2"),
    Spec("delete", "Delete", "Delete the selected box and everything under it", "Del"),
    Spec("root_cause", "Root cause", "Mark the selected box as a root cause", "R", True),
    Spec(
        "contributing",
        "Contributing factor",
        "Mark the selected box as one of several contributing factors",
        "K",
        True,
    ),
    Spec(
        "confirmed", "Confirmed", "Evidence supports this answer (otherwise: possible)", "C", True
    ),
    Spec("followup", "Create follow-up", "Make a follow-up card linked to this why", "F"),
    Spec("fold", "Fold branch", "Hide or show what is under the selected box", "Space"),
    Spec("move_up", "Move earlier", "Move the box before its previous sibling", "Ctrl+Left"),
    Spec("move_down", "Move later", "Move the box after its next sibling", "Ctrl+Right"),
    Spec("copy", "Copy branch", "Copy the branch as an indented outline"),
    Spec("paste", "Paste as whys", "Paste indented text as a branch under the selected box"),
    Spec("tree", "Tree", "Show the whys as a tree", "", True),
    Spec("outline", "Worksheet", "Show the whys as an indented worksheet", "", True),
    Spec(
        "left_right", "Left to right", "Grow the tree to the right instead of downwards", "", True
    ),
    Spec("fit", "Fit", "Show every tree", "Ctrl+0"),
    Spec("zoom_in", "Zoom in", "Zoom in", "Ctrl+="),
    Spec("zoom_out", "Zoom out", "Zoom out", "Ctrl+-"),
    Spec("export_png", "Export PNG…", "Save the trees as a PNG picture"),
    Spec("export_svg", "Export SVG…", "Save the trees as an SVG drawing"),
)


def build_actions(owner: QWidget, handlers: dict[str, Callable[[], None]]) -> dict[str, QAction]:
    actions: dict[str, QAction] = {}
    for spec in SPECS:
        action = QAction(spec.text, owner)
        action.setObjectName(f"whys-{spec.name}")
        action.setToolTip(f"{spec.tip} ({spec.key})" if spec.key else spec.tip)
        action.setStatusTip(spec.tip)
        action.setCheckable(spec.checkable)
        handler = handlers.get(spec.name)
        if handler is not None:
            action.triggered.connect(lambda _checked=False, h=handler: h())
        actions[spec.name] = action
    mode = QActionGroup(owner)
    mode.setExclusive(True)
    mode.addAction(actions["tree"])
    mode.addAction(actions["outline"])
    actions["tree"].setChecked(True)
    return actions


def category_menu(parent: QWidget, current: str, choose: Callable[[str], None]) -> QMenu:
    menu = QMenu("Category", parent)
    group = QActionGroup(menu)
    for value in WHY_CATEGORIES:
        action = menu.addAction(value.capitalize() if value else "No category")
        action.setCheckable(True)
        action.setChecked(value == current)
        group.addAction(action)
        action.triggered.connect(lambda _checked=False, v=value: choose(v))
    return menu


def with_key(action: QAction) -> str:
    """Menu text with the key hint after a tab (shown right-aligned, not as a shortcut)."""
    tip = action.toolTip()
    key = tip[tip.rfind("(") + 1 : -1] if tip.endswith(")") else ""
    return f"{action.text()}\t{key}" if key else action.text()
