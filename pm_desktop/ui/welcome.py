"""The screen shown when no review is open: start a review, open one, or try the example.

Signals:

- ``newRequested(bool)`` — a new review; True starts from the built-in template, False blank.
- ``openRequested()`` — the user wants to pick a file.
- ``exampleRequested()`` — open a fresh copy of the worked example.
- ``recentRequested(str)`` — open this recent file.
- ``libraryRequested()`` — show the library of every review in the team's folders.
- ``fileDropped(str)`` — a local file was dropped on the screen.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QDragEnterEvent, QDropEvent, QFont, QPainter, QPen
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from pm_desktop import APP_NAME

from . import icons, themes, typography

REVIEW_SUFFIX = ".pmreview"
FOCUS_RING = 3.0


def dropped_files(mime) -> list[str]:  # noqa: ANN001 - QMimeData
    """Local files in a drag's data (remote URLs are not ours to open)."""
    if mime is None or not mime.hasUrls():
        return []
    return [u.toLocalFile() for u in mime.urls() if u.isLocalFile() and u.toLocalFile()]


class ActionButton(QPushButton):
    """A large button with a bold title and a quieter line saying what it does."""

    def __init__(self, title: str, detail: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setAccessibleName(title)
        self.setAccessibleDescription(detail)
        self.setToolTip(detail)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.title_label = typography.mark(QLabel(title), 1.25, QFont.Weight.Bold)
        self.detail_label = typography.mark(QLabel(detail), 1.0)
        self.detail_label.setProperty("role", "muted")
        self.detail_label.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 12, 18, 12)
        layout.setSpacing(3)
        for label in (self.title_label, self.detail_label):
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
            layout.addWidget(label)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return self.layout().sizeHint().expandedTo(super().sizeHint())

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt's name
        """The button, and a clear ring while it has the keyboard (Enter or Space presses it):
        the style drew only a faint outline on these large buttons."""
        super().paintEvent(event)
        if not self.hasFocus():
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pen = QPen(QColor(themes.colors().focus), FOCUS_RING)
        painter.setPen(pen)
        half = FOCUS_RING / 2
        painter.drawRoundedRect(QRectF(self.rect()).adjusted(half, half, -half, -half), 5, 5)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return self.layout().minimumSize()


class TwoLineEntry(QWidget):
    """A list entry: a name, and a quieter line under it (a folder, a summary)."""

    def __init__(self, title: str, detail: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.title = typography.mark(QLabel(title), 1.1, QFont.Weight.DemiBold)
        self.detail = typography.mark(QLabel(detail), 0.95)
        self.detail.setProperty("role", "muted")
        for label in (self.title, self.detail):
            label.setTextFormat(Qt.TextFormat.PlainText)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 7, 10, 7)
        layout.setSpacing(1)
        layout.addWidget(self.title)
        layout.addWidget(self.detail)


def set_entry_widgets(view: QListWidget) -> None:
    """Give each item the height of its :class:`TwoLineEntry` (after a font change too)."""
    for row in range(view.count()):
        item = view.item(row)
        entry = view.itemWidget(item)
        if entry is not None:
            item.setSizeHint(entry.sizeHint())


class WelcomeWidget(QWidget):
    newRequested = Signal(bool)
    openRequested = Signal()
    exampleRequested = Signal()
    recentRequested = Signal(str)
    fileDropped = Signal(str)
    libraryRequested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("Welcome")
        self.setAcceptDrops(True)

        logo = QLabel()
        logo.setPixmap(icons.pixmap(icons.APP_ICON, 88))
        logo.setFixedSize(QSize(88, 88))
        name = typography.mark(QLabel(APP_NAME), 2.4, QFont.Weight.Bold)
        tagline = typography.mark(
            QLabel("Blameless incident reviews, kept in one file on your computer."), 1.2
        )
        tagline.setProperty("role", "muted")
        tagline.setWordWrap(True)
        head_text = QVBoxLayout()
        head_text.setSpacing(2)
        head_text.addWidget(name)
        head_text.addWidget(tagline)
        head = QHBoxLayout()
        head.setSpacing(18)
        head.addWidget(logo, 0, Qt.AlignmentFlag.AlignTop)
        head.addLayout(head_text, 1)

        self.new_button = self._button(
            "New review", "Starts from the standard template: sections and prompts ready to fill."
        )
        self.new_button.setDefault(True)
        self.blank_button = self._button("Blank review", "Starts with nothing but a title.")
        self.open_button = self._button("Open a review…", "A .pmreview file on this computer.")
        self.example_button = self._button(
            "Open the example",
            "A finished review of a payments outage, to look around in. A copy: change it freely.",
        )
        self.library_button = self._button(
            "Library…",
            "Every review in your team's folders: search, open follow-ups, trends.",
        )
        self.library_button.clicked.connect(self.libraryRequested)
        self.new_button.clicked.connect(lambda: self.newRequested.emit(True))
        self.blank_button.clicked.connect(lambda: self.newRequested.emit(False))
        self.open_button.clicked.connect(self.openRequested)
        self.example_button.clicked.connect(self.exampleRequested)
        actions = QVBoxLayout()
        actions.setSpacing(10)
        for button in (
            self.new_button,
            self.blank_button,
            self.open_button,
            self.example_button,
            self.library_button,
        ):
            actions.addWidget(button)
        actions.addStretch(1)

        recent_title = typography.mark(QLabel("Recent reviews"), 1.25, QFont.Weight.Bold)
        self.recent_list = QListWidget()
        self.recent_list.setObjectName("RecentList")
        self.recent_list.setProperty("entries", True)
        self.recent_list.setAccessibleName("Recent reviews")
        self.recent_list.setUniformItemSizes(False)
        self.recent_list.setWordWrap(True)
        typography.mark(self.recent_list, 1.0)
        self.recent_list.itemActivated.connect(self._recent_activated)
        self.recent_list.itemClicked.connect(self._recent_activated)
        self.no_recent = typography.mark(QLabel("Reviews you open or save appear here."), 1.0)
        self.no_recent.setProperty("role", "muted")
        self.no_recent.setWordWrap(True)
        recent = QVBoxLayout()
        recent.setSpacing(8)
        recent.addWidget(recent_title)
        recent.addWidget(self.recent_list, 1)
        recent.addWidget(self.no_recent)
        recent.addStretch(0)

        columns = QHBoxLayout()
        columns.setSpacing(36)
        columns.addLayout(actions, 1)
        columns.addLayout(recent, 1)

        self.drop_hint = typography.mark(
            QLabel("Tip: drop a .pmreview file anywhere on this window to open it."), 1.0
        )
        self.drop_hint.setProperty("role", "muted")

        card = QFrame()
        card.setObjectName("Card")
        card.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        inner = QVBoxLayout(card)
        inner.setContentsMargins(40, 36, 40, 32)
        inner.setSpacing(26)
        inner.addLayout(head)
        inner.addLayout(columns)
        inner.addWidget(self.drop_hint)
        self._card = card

        outer = QVBoxLayout(self)
        outer.setContentsMargins(32, 32, 32, 32)
        outer.addStretch(1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(card, 12)
        row.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(2)
        self.set_recent([])
        typography.apply(self)
        self._fit()

    def _button(self, title: str, detail: str) -> QPushButton:
        button = ActionButton(title, detail)
        button.setAutoDefault(True)  # Enter presses the focused button, as Space does
        button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        return button

    def focus_first(self) -> None:
        """The keyboard starts on "New review": Enter or Space starts one at once."""
        self.new_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def _fit(self) -> None:
        self._card.setMaximumWidth(self.fontMetrics().averageCharWidth() * 150)
        rows = max(3, min(self.recent_list.count(), 7))
        row_height = int(self.recent_list.fontMetrics().height() * 2.2) + 16
        self.recent_list.setMinimumHeight(rows * row_height)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        super().changeEvent(event)
        if typography.is_font_change(event):
            typography.apply(self)
            set_entry_widgets(self.recent_list)
            self._fit()

    # ------------------------------------------------------------------ recent files
    def set_recent(self, paths: list[str]) -> None:
        self.recent_list.clear()
        for path in paths:
            p = Path(path)
            item = QListWidgetItem()
            item.setData(Qt.ItemDataRole.UserRole, str(p))
            item.setData(Qt.ItemDataRole.AccessibleTextRole, f"{p.stem}, in {p.parent}")
            item.setToolTip(str(p))
            self.recent_list.addItem(item)
            self.recent_list.setItemWidget(item, TwoLineEntry(p.stem, str(p.parent)))
        typography.apply(self)
        set_entry_widgets(self.recent_list)
        self.recent_list.setVisible(bool(paths))
        self.no_recent.setVisible(not paths)
        self._fit()

    def _recent_activated(self, item: QListWidgetItem) -> None:
        self.recentRequested.emit(str(item.data(Qt.ItemDataRole.UserRole)))

    # ------------------------------------------------------------------ drop to open
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 - Qt's name
        if dropped_files(event.mimeData()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if dropped_files(event.mimeData()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 - Qt's name
        files = dropped_files(event.mimeData())
        if not files:
            event.ignore()
            return
        event.acceptProposedAction()
        # One review per window: the first .pmreview, else the first file (which then gets a
        # clear "not a review" message rather than silence).
        reviews = [f for f in files if f.lower().endswith(REVIEW_SUFFIX)]
        self.fileDropped.emit((reviews or files)[0])
