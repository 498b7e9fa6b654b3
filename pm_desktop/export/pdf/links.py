"""Cross-references inside the PDF: named places and the links that jump to them.

A place is a PDF destination named when the story is built (:meth:`Places.key`), so its name is
the same in every layout pass. Paragraphs mark a place with ``<a name>`` (:func:`anchor`) and
link to it with ``<a href="#…">`` (:func:`jump`); plain-text cells do the same through
:class:`~.textbox.Block`'s ``anchor`` and ``href``.

A link to a place that was never drawn would make reportlab refuse the whole file, so
:class:`LinkNet`, placed last in the story, binds any such place to the last page: a reader who
follows it lands at the end instead of the export failing. Sections only link to places they
know are drawn; the net is for what nobody foresaw.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from reportlab.platypus import Flowable

from .text import LINK_COLOUR, attr


@dataclass
class Places:
    """Destination names for the review's items: ``("event", id)`` → ``"x-event-3"``.
    Ids come from files anyone may send, so they never become names themselves."""

    _keys: dict[tuple[str, str], str] = field(default_factory=dict)
    marked: set[str] = field(default_factory=set)  # places some flowable will draw

    def key(self, kind: str, item_id: str) -> str:
        found = self._keys.get((kind, item_id))
        if found is None:
            found = self._keys[(kind, item_id)] = f"x-{kind}-{len(self._keys) + 1}"
        return found

    def mark(self, kind: str, item_id: str) -> str:
        """The name of a place a flowable being built will draw."""
        name = self.key(kind, item_id)
        self.marked.add(name)
        return name

    def has(self, kind: str, item_id: str) -> bool:
        return self._keys.get((kind, item_id)) in self.marked


def anchor(name: str) -> str:
    """Paragraph markup naming the place where it is drawn."""
    return f'<a name="{attr(name)}"/>'


def jump(name: str, shown_markup: str) -> str:
    """Paragraph markup: ``shown_markup`` as a link to the place ``name``."""
    return f'<a href="#{attr(name)}" color="{LINK_COLOUR}">{shown_markup}</a>'


class LinkNet(Flowable):
    """Placed last: binds every place a link names but nothing drew to the last page."""

    def wrap(self, avail_width, avail_height):
        return 0, 0

    def draw(self):
        canv = self.canv
        for name, dest in list(getattr(canv, "_destinations", {}).items()):
            if dest.page is None or dest.fmt is None:
                canv.bookmarkHorizontal(name, 0, 0)


class PlaceMark(Flowable):
    """A place with nothing drawn: put before a picture so a jump lands on its top."""

    def __init__(self, name: str):
        super().__init__()
        self.name = name

    def wrap(self, avail_width, avail_height):
        return 0, 0

    def draw(self):
        self.canv.bookmarkHorizontal(self.name, 0, 8)
