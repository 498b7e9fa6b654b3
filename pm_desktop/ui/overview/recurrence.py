"""The overview's "seen before" line.

It names the earlier reviews in the library that look like this incident (a service named in
both reviews' "Services affected", a similar cause, the same kinds of cause), read from the
library index in the app's data folder; it says nothing when there is no library yet.

Signals: ``libraryRequested()`` (the user wants the library window).
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from pm_desktop.domain.edits import Change

from ..controller import DocumentController
from ..library.opener import index_path

if TYPE_CHECKING:
    from pm_desktop.domain.recurrence import Relation

SHOWN = 4


def earlier_related(controller: DocumentController) -> list[Relation]:
    """Earlier reviews in the library related to the open review (as it is now, unsaved
    changes of other panels included)."""
    document = controller.document
    index = index_path()
    if document is None or not index.exists():
        return []  # no library yet: nothing to read (and its modules are not loaded)
    from pm_desktop.library.library import related_earlier

    return related_earlier(controller.review, document.path, index)


class RecurrenceSection(QWidget):
    libraryRequested = Signal()

    def __init__(
        self, controller: DocumentController, caption: QLabel, parent: QWidget | None = None
    ):
        super().__init__(parent)
        self.controller = controller
        self.caption = caption
        self.related = QLabel()
        self.related.setWordWrap(True)
        self.related.setOpenExternalLinks(False)
        self.related.linkActivated.connect(lambda _link: self.libraryRequested.emit())
        self.relations: list[Relation] = []
        self._timer = QTimer(self, singleShot=True, interval=400)
        self._timer.timeout.connect(self.refresh_related)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.caption)
        layout.addWidget(self.related)
        self.hide()  # until the library names an earlier review

    def on_document_replaced(self) -> None:
        self.refresh_related()

    def on_changed(self, change: Change) -> None:
        if change.touches("whys") or {"affected_services", "incident_date"} & set(change.fields):
            self._timer.start()

    def refresh_related(self) -> None:
        self.relations = earlier_related(self.controller)
        if not self.relations:
            self.related.setText("")
            self.hide()  # no caption over an empty line
            return
        from pm_desktop.domain.recurrence import summary  # loaded with the library's first answer

        items = "; ".join(
            f"{escape(r.other.title)} ({escape(r.other.date)}: {escape(', '.join(r.reasons))})"
            for r in self.relations[:SHOWN]
        )
        more = f" and {len(self.relations) - SHOWN} more" if len(self.relations) > SHOWN else ""
        self.related.setText(
            f"<b>{escape(summary(self.relations).capitalize())}</b>: {items}{more}. "
            "<a href='library'>Open the library</a>"
        )
        self.show()
