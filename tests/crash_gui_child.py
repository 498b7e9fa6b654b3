"""Child process for the GUI kill trials: the real main window, offscreen, with a person's
keystrokes sent to real widgets (QTest, as pytest-qt's qtbot does) until it is killed.

Every edit reaches the file through ``Document.apply``; the child wraps that one method to
acknowledge, through the pipe whose descriptor it was given, the state each edit will leave
(``pending``) and, once the commit returned, the state it left (``committed``).
Run: python crash_gui_child.py FILE SEED ACK_FD.
"""

from __future__ import annotations

import os
import random
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from crash_trials import Acks, digest  # noqa: E402
from PySide6.QtCore import QEvent, Qt  # noqa: E402
from PySide6.QtGui import QKeyEvent  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

WORDS = ["database", "checkout", "alert", "Привет", "数据库", "x<y", "rollback", "😀"]


def type_text(widget: QWidget, text: str) -> None:
    """Key presses for ``text``; characters beyond ASCII as key events carrying their text
    (QTest's key tables know ASCII only)."""
    for char in text:
        if char.isascii():
            QTest.keyClick(widget, char)
            continue
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, char))


def acknowledge_every_commit(document, acks: Acks) -> None:
    plain_apply = document.apply

    def apply(edit):  # noqa: ANN001, ANN202 - wraps Document.apply as it is
        preview = document.review.copy()
        try:
            edit.apply(preview)
        except Exception:  # refused: Document.apply will say so and change nothing
            preview = None
        if preview is not None:
            acks.say("pending", digest(preview))
        change = plain_apply(edit)
        acks.say("committed", digest(document.review))
        return change

    document.apply = apply


def type_into_title(window, rng: random.Random) -> None:
    window.show_panel("overview")
    field = window.panel("overview").editors["title"]
    field.setFocus()
    QTest.keyClick(field, Qt.Key.Key_End)
    type_text(field, " " + rng.choice(WORDS))


def type_into_timeline(window, rng: random.Random) -> None:
    from pm_desktop.ui.timeline.model import COLUMNS

    window.show_panel("timeline")
    panel = window.panel("timeline")
    table = panel.table
    rows = panel.model.rowCount()
    if not rows:
        return
    index = panel.model.index(rng.randrange(rows), COLUMNS.index("text"))
    if not (index.flags() & Qt.ItemFlag.ItemIsEditable):
        return
    table.setCurrentIndex(index)
    table.edit(index)
    QApplication.processEvents()
    editors = [
        w for w in table.viewport().findChildren(QWidget)
        if w.isVisible() and w.parent() is table.viewport()
    ]  # fmt: skip
    if len(editors) != 1:
        return
    editor = editors[0]
    type_text(editor, " " + " ".join(rng.choice(WORDS) for _ in range(3)))
    QTest.keyClick(editor, Qt.Key.Key_Return)


def type_into_a_why(window, rng: random.Random) -> None:
    """F2 on a why box, words, then Enter (commit) or Tab (commit and add a child why)."""
    window.show_panel("whys")
    panel = window.panel("whys")
    whys = list(window.controller.review.whys)
    if not whys:
        return
    panel.editor.select(rng.choice(sorted(whys)))
    view = panel.editor.view
    view.setFocus()
    QTest.keyClick(view, Qt.Key.Key_F2)
    type_text(view, " " + rng.choice(WORDS))
    QTest.keyClick(view, rng.choice([Qt.Key.Key_Return, Qt.Key.Key_Return, Qt.Key.Key_Tab]))
    if panel.editor.editing:
        type_text(view, rng.choice(WORDS))
        QTest.keyClick(view, Qt.Key.Key_Return)


def add_timeline_event(window, rng: random.Random) -> None:
    window.show_panel("timeline")
    table = window.panel("timeline").table
    table.setFocus()
    QTest.keyClick(table, Qt.Key.Key_Insert)
    QTest.keyClick(QApplication.focusWidget() or table, Qt.Key.Key_Escape)


def main() -> None:
    path, seed, fd = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    rng = random.Random(seed)
    acks = Acks(fd)
    from pm_desktop.ui import settings as settings_mod
    from pm_desktop.ui.app import configure_application_names
    from pm_desktop.ui.file_actions import QuietPrompts
    from pm_desktop.ui.main_window import MainWindow

    app = QApplication([])
    configure_application_names()
    with tempfile.TemporaryDirectory(prefix="pm-gui-child-") as home:
        with settings_mod.isolate(Path(home)):
            window = MainWindow(settings_mod.Settings(), prompts=QuietPrompts())
            window.resize(1200, 800)
            window.show()
            assert window.files.open_path(path)
            document = window.controller.document
            acks.say("committed", digest(document.review))
            acknowledge_every_commit(document, acks)
            acks.say("go")
            actions = [
                type_into_title,
                type_into_timeline,
                type_into_timeline,
                type_into_a_why,
                add_timeline_event,
            ]
            while True:
                rng.choice(actions)(window, rng)
                app.processEvents()


if __name__ == "__main__":
    main()
