"""Help dialogs: About, Keyboard shortcuts, and the postmortem guide viewer.

The shortcut list is built from the window's real actions, so it can never drift from what the
keys actually do. The guide is ``resources/guide/postmortem-guide.md`` rendered as Markdown;
links in it open in the browser only when they are web or mail links.
"""

from __future__ import annotations

from importlib import resources

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QAction, QDesktopServices, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from pm_desktop import APP_NAME, __version__
from pm_desktop.domain.links import is_safe_url

from . import icons

GUIDE = "guide/postmortem-guide.md"

# Keys that work only inside presentation mode (they are not menu actions).
PRESENTATION_KEYS: tuple[tuple[str, str], ...] = (
    ("Next / previous section", "Page Down / Page Up"),
    ("Step through the current section", "← → ↑ ↓"),
    ("Start or pause the section timer", "Space"),
    ("Reset the section timer", "R"),
    ("Larger / smaller type (this meeting)", "Ctrl+= / Ctrl+-"),
    ("High contrast on or off", "H"),
    ("Show or hide the opening statement", "O"),
    ("Park an idea / parked ideas to follow-ups", "P / Shift+P"),
    ("Turning point with its open question", "T"),
    ("Closing round: what did you learn?", "L"),
    ("Leave presentation mode", "Esc"),
)


def _close_buttons(dialog: QDialog) -> QDialogButtonBox:
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
    box.rejected.connect(dialog.reject)
    box.accepted.connect(dialog.accept)
    return box


class AboutDialog(QDialog):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(f"About {APP_NAME}")
        logo = QLabel()
        logo.setPixmap(icons.pixmap(icons.APP_ICON, 72))
        text = QLabel(
            f"<h2>{APP_NAME} {__version__}</h2>"
            "<p>Write blameless incident reviews offline: a timeline with time zones, the evidence "
            "you captured, a 5&nbsp;whys tree that may branch into several root causes, and "
            "follow-ups with owners and acceptance criteria.</p>"
            "<p>Each review is a single file you can keep, copy and share.</p>"
            f"<p>Built with Qt for Python {pyside_version}. Bundled fonts: DejaVu, Droid Sans "
            "Fallback, NanumSquare and Symbola (see their licence files).</p>"
            "<p>Released under the MIT licence.</p>"
        )
        text.setWordWrap(True)
        text.setOpenExternalLinks(False)
        row = QHBoxLayout()
        row.setSpacing(18)
        row.addWidget(logo, 0)
        row.addWidget(text, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(_close_buttons(self))
        self.resize(520, 300)


# Dedicated keys some keyboards have ("Open", "Copy"…); listing them only adds noise.
_SPECIAL_KEYS = {
    Qt.Key.Key_New,
    Qt.Key.Key_Open,
    Qt.Key.Key_Save,
    Qt.Key.Key_Close,
    Qt.Key.Key_Undo,
    Qt.Key.Key_Redo,
    Qt.Key.Key_Cut,
    Qt.Key.Key_Copy,
    Qt.Key.Key_Paste,
    Qt.Key.Key_Find,
    Qt.Key.Key_ZoomIn,
    Qt.Key.Key_ZoomOut,
    Qt.Key.Key_Help,
}


def _typed(sequence: QKeySequence) -> bool:
    return sequence.count() > 0 and sequence[0].key() not in _SPECIAL_KEYS


def shortcut_rows(groups: list[tuple[str, list[QAction]]]) -> list[tuple[str, str, str]]:
    """(group, action text, keys) for every action that has a shortcut."""
    rows = []
    for group, actions in groups:
        for action in actions:
            keys = [
                s.toString(QKeySequence.SequenceFormat.NativeText)
                for s in action.shortcuts()
                if _typed(s)
            ]
            keys = [k for k in keys if k]
            if keys:
                text = action.text().replace("&&", "\0").replace("&", "").replace("\0", "&")
                rows.append((group, text.rstrip("…").strip(), " or ".join(dict.fromkeys(keys))))
    return rows


class ShortcutsDialog(QDialog):
    def __init__(self, groups: list[tuple[str, list[QAction]]], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Keyboard shortcuts")
        rows = shortcut_rows(groups) + [("Presentation mode", a, k) for a, k in PRESENTATION_KEYS]
        self.table = QTableWidget(len(rows), 3)
        self.table.setAccessibleName("Keyboard shortcuts")
        self.table.setHorizontalHeaderLabels(["Where", "What", "Keys"])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        for r, (group, what, keys) in enumerate(rows):
            for c, text in enumerate((group, what, keys)):
                self.table.setItem(r, c, QTableWidgetItem(text))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(_close_buttons(self))
        self.resize(760, 640)


def guide_text() -> str | None:
    """The guide's Markdown, or None when this installation does not include it."""
    path = resources.files("pm_desktop.resources").joinpath(*GUIDE.split("/"))
    try:
        return path.read_text(encoding="utf-8")
    except (FileNotFoundError, OSError, UnicodeDecodeError):
        return None


class GuideDialog(QDialog):
    """Non-modal, so it can stay open beside the review while writing."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Postmortem guide")
        self.browser = QTextBrowser()
        self.browser.setOpenLinks(False)
        self.browser.anchorClicked.connect(self._open_link)
        text = guide_text()
        if text is None:
            self.browser.setPlainText(
                "The postmortem guide is not included in this installation of pm-desktop."
            )
        else:
            self.browser.setMarkdown(text)
        self.browser.document().setDocumentMargin(18)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(_close_buttons(self))
        self.resize(760, 720)

    def _open_link(self, url: QUrl) -> None:
        if url.scheme() == "" and url.hasFragment():
            self.browser.scrollToAnchor(url.fragment())
            return
        text = url.toString()
        if is_safe_url(text):
            QDesktopServices.openUrl(url)
