"""The 5-whys panel's commands, declared once: text, keys, handler, menus and tooltip.

:data:`SPECS` is the one table. :func:`build_actions` makes the QActions from it (tooltips and
menu texts show the first key of the table), :func:`key_table` tells the canvas which key runs
which command (see :mod:`.interactions`), and the toolbar and context menus list commands by
name (:data:`TOOLBAR`, :data:`NODE_MENU`, :data:`CANVAS_MENU`). The keys are handled by the
canvas rather than as QAction shortcuts, so they work the same whether a toolbar exists or not
and never fire while a box's text is being edited.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QKeyCombination, Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMenu, QWidget

from pm_desktop.domain.model import WHY_CATEGORIES

if TYPE_CHECKING:  # pragma: no cover
    from .panel import WhysPanel

Handler = Callable[["WhysPanel"], object]


def _add(make: Callable[[WhysPanel, bool], str]) -> Handler:
    return lambda p: p.add_with(lambda edit: make(p, edit))


@dataclass(frozen=True, slots=True)
class Spec:
    """One command. ``keys`` are QKeySequence texts; the first is the one shown."""

    name: str
    text: str
    tip: str
    run: Handler
    keys: tuple[str, ...] = ()
    checkable: bool = False

    @property
    def key_hint(self) -> str:
        if not self.keys:
            return ""
        return QKeySequence(self.keys[0]).toString(QKeySequence.SequenceFormat.NativeText)

    @property
    def tooltip(self) -> str:
        return f"{self.tip} ({self.key_hint})" if self.keys else self.tip

    @property
    def menu_text(self) -> str:
        """Menu text with the key hint after a tab (shown right-aligned, not as a shortcut)."""
        return f"{self.text}\t{self.key_hint}" if self.keys else self.text


SPECS: tuple[Spec, ...] = (
    Spec(
        "new_problem",
        "New problem",
        "Start another tree with a new problem statement",
        _add(lambda p, edit: p.editor.add_problem(edit=edit)),
    ),
    Spec(
        "add_child",
        "Add why",
        "Ask why about the selected box: add an answer under it",
        _add(lambda p, edit: p.editor.add_child(edit=edit)),
        ("Tab", "Ins"),
    ),
    Spec(
        "add_sibling",
        "Add branch",
        "Add another answer beside the selected one",
        _add(lambda p, edit: p.editor.add_sibling(edit=edit)),
        ("Enter", "Return"),
    ),
    Spec(
        "edit", "Edit text", "Edit the selected box in place", lambda p: p.edit_current(), ("F2",)
    ),
    Spec(
        "delete",
        "Delete",
        "Delete the selected box and everything under it",
        lambda p: p.delete_selection(),
        ("Del", "Backspace"),
    ),
    Spec(
        "root_cause",
        "Root cause",
        "Mark the selected box as a root cause",
        lambda p: p.toggle(p.editor.toggle_root_cause),
        ("R",),
        True,
    ),
    Spec(
        "contributing",
        "Contributing factor",
        "Mark the selected box as one of several contributing factors",
        lambda p: p.toggle(p.editor.toggle_contributing),
        ("K",),
        True,
    ),
    Spec(
        "confirmed",
        "Confirmed",
        "Evidence supports this answer (otherwise: possible)",
        lambda p: p.toggle(p.editor.toggle_confirmed),
        ("C",),
        True,
    ),
    Spec(
        "followup",
        "Create follow-up",
        "Make a follow-up card linked to this why",
        lambda p: p.editor.create_followup(),
        ("F",),
    ),
    Spec(
        "fold",
        "Fold branch",
        "Hide or show what is under the selected box",
        lambda p: p.editor.toggle_collapsed(),
        ("Space",),
    ),
    Spec(
        "move_up",
        "Move earlier",
        "Move the box before its previous sibling",
        lambda p: p.editor.move_among_siblings(-1),
        ("Ctrl+Left", "Ctrl+Up"),
    ),
    Spec(
        "move_down",
        "Move later",
        "Move the box after its next sibling",
        lambda p: p.editor.move_among_siblings(+1),
        ("Ctrl+Right", "Ctrl+Down"),
    ),
    Spec(
        "copy",
        "Copy branch",
        "Copy the branch as an indented outline",
        lambda p: p.copy_to_clipboard(),
    ),
    Spec(
        "paste",
        "Paste as whys",
        "Paste indented text as a branch under the selected box",
        lambda p: p.paste_from_clipboard(),
    ),
    Spec("tree", "Tree", "Show the whys as a tree", lambda p: p.show_mode("tree"), (), True),
    Spec(
        "outline",
        "Worksheet",
        "Show the whys as an indented worksheet",
        lambda p: p.show_mode("outline"),
        (),
        True,
    ),
    Spec(
        "left_right",
        "Left to right",
        "Grow the tree to the right instead of downwards",
        lambda p: p.toggle_orientation(),
        (),
        True,
    ),
    Spec("fit", "Fit", "Show every tree", lambda p: p.view.fit(), ("Ctrl+0",)),
    Spec("zoom_in", "Zoom in", "Zoom in", lambda p: p.view.zoom_by(1.2), ("Ctrl+=", "Ctrl++")),
    Spec("zoom_out", "Zoom out", "Zoom out", lambda p: p.view.zoom_by(1 / 1.2), ("Ctrl+-",)),
    Spec(
        "export_png",
        "Export PNG…",
        "Save the trees as a PNG picture",
        lambda p: p.export("png"),
    ),
    Spec(
        "export_svg",
        "Export SVG…",
        "Save the trees as an SVG drawing",
        lambda p: p.export("svg"),
    ),
)
SPEC_BY_NAME: dict[str, Spec] = {spec.name: spec for spec in SPECS}

# Where the commands show, by name; None is a separator. "category" is the category submenu.
TOOLBAR: tuple[str | None, ...] = (
    *("new_problem", "add_child", "add_sibling", "delete", None),
    *("root_cause", "contributing", "confirmed", "followup", None),
    *("tree", "outline", "left_right", "fit", None),
)
EXPORT_MENU: tuple[str, ...] = ("export_png", "export_svg")
NODE_MENU: tuple[str | None, ...] = (
    *("add_child", "add_sibling", "edit", None, "root_cause", "contributing", "confirmed"),
    *("category", None, "followup", "fold", "move_up", "move_down", None, "copy", "paste"),
    *(None, "delete", None),
)
CANVAS_MENU: tuple[str | None, ...] = ("new_problem", "paste", None, "fit", "left_right", None)
# The canvas's status line: the keys worth learning first, each with a word or two (the line
# must stay short: it sets the narrowest width of the window).
HINT_WORDS: dict[str, str] = {
    "add_child": "add why",
    "add_sibling": "add branch",
    "edit": "edit",
    "root_cause": "root cause",
    "contributing": "contributing",
    "confirmed": "confirmed",
    "fold": "fold",
}
HINT = " · ".join(f"{SPEC_BY_NAME[n].key_hint}: {words}" for n, words in HINT_WORDS.items())


def key_table(specs: tuple[Spec, ...] = SPECS) -> dict[int, str]:
    """Each key combination (``QKeyCombination.toCombined()``) → the command it runs.

    A key listed for two commands is a mistake in the table, refused here."""
    table: dict[int, str] = {}
    for spec in specs:
        for text in spec.keys:
            sequence = QKeySequence(text)
            if sequence.count() != 1 or sequence[0].key() == Qt.Key.Key_unknown:
                raise ValueError(f"{spec.name}: {text!r} is not one key")
            combined = sequence[0].toCombined()
            if combined in table:
                raise ValueError(f"{text!r} is bound to {table[combined]} and {spec.name}")
            table[combined] = spec.name
    return table


def combined(key: int, modifiers: Qt.KeyboardModifier) -> int:
    return QKeyCombination(modifiers, Qt.Key(key)).toCombined()


def build_actions(panel: WhysPanel) -> dict[str, QAction]:
    actions: dict[str, QAction] = {}
    for spec in SPECS:
        action = QAction(spec.text, panel)
        action.setObjectName(f"whys-{spec.name}")
        action.setToolTip(spec.tooltip)
        action.setStatusTip(spec.tip)
        action.setCheckable(spec.checkable)
        action.triggered.connect(lambda _checked=False, s=spec: s.run(panel))
        actions[spec.name] = action
    mode = QActionGroup(panel)
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
