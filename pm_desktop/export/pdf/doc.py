"""The page machinery: templates, footer with "Page X of Y", outline, contents, progress.

The document is laid out once (:meth:`ReviewDocTemplate.build_once`). Numbers that are known
only at the end — the total in every footer's "Page X of Y" and the page of each contents entry
— are PDF form XObjects: a page draws a named form where the number goes, and the forms are
written when the last page is done (:meth:`ReviewDocTemplate.finish`; PDF lets a page use a form
defined later). Laying the whole document out a second time only to print those numbers cost a
large review a fifth of its export time and kept every flowable alive for that second pass.
(The usual NumberedCanvas recipe re-plays pages on a second canvas and breaks every outline and
contents link.) Headings register their bookmark, outline entry and contents entry when drawn.
"""

from __future__ import annotations

import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from reportlab import rl_config
from reportlab.pdfbase.pdfdoc import PDFArray, PDFName, PDFStream
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    Flowable,
    Paragraph,
    Preformatted,
    Spacer,
    Table,
    TableStyle,
    XPreformatted,
)
from reportlab.platypus.doctemplate import (
    ActionFlowable,
    BaseDocTemplate,
    IndexingFlowable,
    PageTemplate,
)
from reportlab.platypus.frames import Frame

from . import fonts, styles, writer
from .flowables import LazyImage
from .rowtable import RowTable
from .text import attr

SHORT = 40.0  # a line or two under a heading do not keep it company at the foot of a page
MUTED_HEX = "#5f6b76"
# flowables that can start at the bottom of a page and go on on the next one
SPLITTABLE = (Paragraph, Table, Preformatted, XPreformatted, RowTable)

ProgressFn = Callable[[float, str], None]
REPORT_EVERY = 0.05  # seconds between two progress reports
PICTURE_WEIGHT = 300  # a screenshot's share of the layout progress, in table rows


class Heading(Paragraph):
    """A section heading that is also a bookmark, an outline entry and a contents entry."""

    def __init__(
        self,
        markup: str,
        style,
        *,
        key: str,
        level: int,
        outline: str,
        toc: str,
        room: float = 0.0,
    ):
        super().__init__(markup, style)
        self.key = key
        self.level = level
        self.outline = outline
        self.toc = toc
        self.room = room  # space the content after it needs on the same page
        self.keepWithNext = 0
        # what follows it in the story (set by :func:`keep_headings`): the heading moves to
        # the next page unless the start of that content fits under it
        self.followers: list[Flowable] = []

    def wrap(self, avail_width, avail_height):
        width, height = super().wrap(avail_width, avail_height)
        if self.room and height + self.need(avail_width) > avail_height:
            # Too close to the bottom: claim not to fit, so it moves to the next page (unlike
            # keepWithNext, this does not drag a long table after it).
            if height + self.need(avail_width) <= _fresh_height(self, avail_height) + 0.5:
                return width, avail_height + 1
            if height + self.room > avail_height:
                return width, avail_height + 1
        return width, height

    def need(self, avail_width: float, canv=None) -> float:
        """The room the content after the heading needs on the same page: the first
        ``room`` points of it, and all of what cannot be split within them (a picture, a
        chart, a tree); a subheading right under it, with what that one needs in turn."""
        canv = canv or getattr(self, "canv", None)
        if not self.followers or not self.room or canv is None:
            return self.room
        total = 0.0
        for follower in self.followers:
            if isinstance(follower, Heading):
                # complete content came first: this heading is not alone (a section's heading
                # with only a line or two under it still goes on with its first subsection)
                if total > (SHORT if self.level < follower.level else 0):
                    break
                _, height = Paragraph.wrap(follower, avail_width, 1e9)
                return height + follower.style.spaceBefore + follower.need(avail_width, canv)
            parts = getattr(follower, "_content", None)  # a KeepTogether: all of its content
            if isinstance(parts, list):
                while parts and isinstance(parts[-1], Spacer):  # no use at the foot of a page
                    parts = parts[:-1]
                total += sum(_height(f, canv, avail_width) for f in parts)
            elif isinstance(follower, RowTable):
                height = _height(follower, canv, avail_width)
                least = follower.least_height(avail_width)
                if least > _fresh_height(self, least):  # it can start only by breaking
                    least = follower.first_piece_height(avail_width)  # inside a cut row
                total += max(least, min(height, self.room - total))
            elif isinstance(follower, SPLITTABLE):
                height = _height(follower, canv, avail_width)
                total += min(height, self.room - total)
            else:
                total += _height(follower, canv, avail_width)
            if total >= self.room:
                break
        return total

    def split(self, avail_width, avail_height):
        # Heading text is bounded (one_line), so it always fits a fresh frame; never split it.
        return []

    def draw(self):
        super().draw()
        canv = self.canv
        canv.bookmarkHorizontal(self.key, 0, self.height + 6)
        canv.addOutlineEntry(self.outline, self.key, self.level, closed=False)
        template = getattr(canv, "_doctemplate", None)
        if template is not None:
            template.notify("TOCEntry", (self.level, self.toc, canv.getPageNumber(), self.key))


def _fresh_height(flowable: Flowable, fallback: float) -> float:
    """The height of a whole frame on the current page (what a page break gives)."""
    try:
        frame = flowable._doctemplateAttr("frame")
    except AttributeError:
        return fallback
    return float(getattr(frame, "_height", fallback)) if frame is not None else fallback


def _height(flowable: Flowable, canv, avail_width: float) -> float:
    return (
        flowable.wrapOn(canv, avail_width, 1e9)[1]
        + flowable.getSpaceBefore()
        + flowable.getSpaceAfter()
    )


def keep_headings(story: list[Flowable]) -> None:
    """Tie each heading to the flowables after it, up to the next page break, so a heading
    never ends a page alone: not before a picture or a tree that moves on, nor before a
    subheading, nor before a short paragraph and what follows it."""
    for i, flowable in enumerate(story):
        if isinstance(flowable, Heading) and not isinstance(flowable, Anchor):
            followers = []
            for nxt in story[i + 1 : i + 6]:
                if isinstance(nxt, ActionFlowable | IndexingFlowable):
                    break
                followers.append(nxt)
                if isinstance(nxt, Heading):
                    break
            flowable.followers = followers


class Anchor(Heading):
    """An outline/contents entry without visible text (the title page)."""

    def __init__(self, style, *, key: str, level: int, outline: str, toc: str):
        super().__init__("", style, key=key, level=level, outline=outline, toc=toc)
        self.keepWithNext = 0

    def wrap(self, avail_width, avail_height):
        self.width, self.height = avail_width, 0
        return avail_width, 0

    def draw(self):
        canv = self.canv
        canv.bookmarkHorizontal(self.key, 0, 20)
        canv.addOutlineEntry(self.outline, self.key, self.level, closed=False)
        canv._doctemplate.notify("TOCEntry", (self.level, self.toc, canv.getPageNumber(), self.key))


class PageCanvas(Canvas):
    """The canvas of the document. Each page's drawing commands are compressed as soon as the
    page is finished, exactly as reportlab would compress them when the file is written, instead
    of being held as text until the end (40 MB for 1,400 pages). ``finish``, when set, runs once
    every page is done and before the file is written (it defines the forms pages refer to); a
    file object is written object by object (:mod:`.writer`)."""

    def __init__(self, *args, finish: Callable[[Canvas], None] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.finish = finish

    def showPage(self):  # noqa: N802 - reportlab's name
        super().showPage()
        page = self._doc.Pages.pages[-1]
        stream = getattr(page, "stream", None)
        if stream and page.compression and not page.Contents and not rl_config.useA85:
            data = stream.encode("utf8") if isinstance(stream, str) else stream
            contents = PDFStream(content=zlib.compress(data))
            contents.dictionary["Filter"] = PDFArray([PDFName("FlateDecode")])
            contents.__Comment__ = "page stream"
            page.Contents, page.stream = contents, None

    def save(self):
        if self._code:  # a page still open: end it as reportlab's save would
            self.showPage()
        finish, self.finish = self.finish, None
        if finish is not None:
            finish(self)
        target = self._filename
        if callable(getattr(target, "write", None)) and not getattr(self._doc, "_digiSigs", None):
            writer.save(self, target)  # object by object, not the whole file as one string
        else:
            super().save()


@dataclass(frozen=True, slots=True)
class TocEntry:
    level: int
    markup: str
    key: str


class PageNumberSlot(Flowable):
    """Where a contents entry's page number goes: draws the form the number is written into
    at the end, and links to the entry's heading like the entry's text does."""

    def __init__(self, form: str, key: str, style):
        super().__init__()
        self.form = form
        self.key = key
        self.style = style

    def wrap(self, avail_width, avail_height):
        self.width = avail_width
        self.height = Paragraph("0", self.style).wrap(avail_width, avail_height)[1]
        return self.width, self.height

    def draw(self):
        canv = self.canv
        canv.doForm(self.form)
        canv.linkRect("", self.key, (0, 0, self.width, self.height), relative=1, thickness=0)
        slots = getattr(canv, "page_number_slots", None)
        if slots is None:
            slots = canv.page_number_slots = {}
        slots[self.form] = (self.key, self.width, self.height, self.style)


class Contents(IndexingFlowable):
    """A clickable table of contents: one row per top-level section with its page. Entries are
    known when the story is built, so its size never depends on the page numbers; those are
    filled in when the document is finished (:class:`PageNumberSlot`), so one pass is enough."""

    def __init__(self, entries: list[TocEntry], st: styles.Styles):
        super().__init__()
        self.planned = entries
        self.st = st
        self.pages: dict[str, int] = {}  # heading key -> the page it was drawn on
        self._table: Table | None = None

    def isIndexing(self):
        return 1

    def beforeBuild(self):
        self.pages = {}

    def isSatisfied(self):
        return True

    def notify(self, kind, stuff):
        if kind == "TOCEntry":
            _level, _text, page, key = stuff
            self.pages.setdefault(key, page)

    def _build(self, avail_width: float) -> Table:
        rows: list[list[Any]] = []
        cmds: list[tuple[Any, ...]] = []
        for i, entry in enumerate(e for e in self.planned if e.level == 0):
            href = attr("#" + entry.key)
            rows.append(
                [
                    Paragraph(f'<a href="{href}">{entry.markup}</a>', self.st.toc0),
                    PageNumberSlot(f"pmTocPage{i}", entry.key, self.st.toc_page),
                ]
            )
            cmds.append(("TOPPADDING", (0, i), (-1, i), 7))
            if i:
                cmds.append(("LINEABOVE", (0, i), (-1, i), 0.4, styles.RULE))
        table = Table(rows, colWidths=(avail_width - 40, 40))
        table.setStyle(
            TableStyle(
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("FONTNAME", (0, 0), (-1, -1), fonts.SANS),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                    ("TOPPADDING", (0, 0), (-1, -1), 2),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
                    *cmds,
                ]
            )
        )
        return table

    def wrap(self, avail_width, avail_height):
        self._table = self._build(avail_width)
        self.width, self.height = self._table.wrapOn(self.canv, avail_width, avail_height)
        return self.width, self.height

    def split(self, avail_width, avail_height):
        self._table = self._build(avail_width)
        return self._table.splitOn(self.canv, avail_width, avail_height)

    def drawOn(self, canvas, x, y, _sW=0):
        assert self._table is not None
        self._table.drawOn(canvas, x, y, _sW)


DRAFT_WORD = "DRAFT"


class ReviewDocTemplate(BaseDocTemplate):
    """Portrait and landscape pages sharing one footer; reports progress as pages are laid out.
    Build it with :meth:`build_once` (or ``build`` for a story without contents)."""

    def __init__(
        self,
        out,
        *,
        footer_title: str,
        label: str,
        draft: bool = False,
        progress: ProgressFn,
        span: tuple[float, float] = (0.3, 0.97),
        **meta,
    ):
        super().__init__(
            out,
            pagesize=styles.PORTRAIT,
            leftMargin=styles.MARGIN_X,
            rightMargin=styles.MARGIN_X,
            topMargin=styles.MARGIN_TOP,
            bottomMargin=styles.MARGIN_BOTTOM,
            creator="pm-desktop",
            initialFontName=fonts.SANS,  # else every page names an unembedded Helvetica
            producer="pm-desktop (reportlab)",
            # Readers show the title, not the file name, and open with the bookmarks; the
            # words pm-desktop writes around the review's own text are English.
            displayDocTitle=True,
            lang="en",
            **meta,
        )
        self.draft = draft
        self.footer_title = footer_title
        self.label = label
        self._progress = progress
        self._span = span
        self._size = 1
        self._last_report = 0.0
        self._done = 0.0
        self._total = 0  # build_once: the story's weight (a table weighs its rows)
        self._drawn = 0
        templates = []
        for name, size in (("portrait", styles.PORTRAIT), ("landscape", styles.LANDSCAPE)):
            w, h = styles.frame_size(size)
            frame = Frame(
                styles.MARGIN_X,
                styles.MARGIN_BOTTOM,
                w,
                h,
                leftPadding=0,
                rightPadding=0,
                topPadding=0,
                bottomPadding=0,
                id=f"{name}-frame",
            )
            templates.append(
                PageTemplate(id=name, frames=[frame], onPage=self._footer, pagesize=size)
            )
        self.addPageTemplates(templates)
        self.setProgressCallBack(self._on_progress)

    def make_canvas(self, *args, **kwargs) -> Canvas:
        """The ``canvasmaker``: a :class:`PageCanvas` that calls :meth:`finish` before saving."""
        return PageCanvas(*args, finish=self.finish, **kwargs)

    def build(self, flowables, filename=None, canvasmaker=None):
        super().build(flowables, filename, canvasmaker or self.make_canvas)

    def build_once(self, story: list[Flowable]) -> None:
        """Lay ``story`` out and write the file, in one pass. The list is consumed as it is
        laid out, so each flowable's memory goes once its page is done (``multiBuild`` keeps the
        whole story for a next pass); the contents hear of every heading as it is drawn."""
        self._indexingFlowables = [f for f in story if f.isIndexing()]
        for flowable in self._indexingFlowables:
            flowable.beforeBuild()
        self._total, self._drawn = max(1, sum(_weight(f) for f in story)), 0
        self._report(0.0, force=True)
        self.build(story)
        self._indexingFlowables = []

    def handle_flowable(self, flowables):
        # Progress by what is laid out, a table row by row: counting flowables left the bar
        # still for the many pages of a 20,000-row timeline, which is one flowable.
        first, before = flowables[0], len(flowables)
        weight = _weight(first)
        super().handle_flowable(flowables)
        if self._total:
            put_back = flowables[: max(0, len(flowables) - before + 1)]  # e.g. a split's rest
            self._drawn += max(0, weight - sum(_weight(f) for f in put_back))
            self._report(self._drawn / self._total)

    # ------------------------------------------------------------------ numbers known at the end
    def finish(self, canv: Canvas) -> None:
        """Every page is done: write the forms pages drew before their numbers were known —
        each footer's "Page X of Y" and each contents entry's page number."""
        footers: list[tuple[int, float, float]] = getattr(canv, "footer_forms", [])
        total = max((page for page, _w, _h in footers), default=0)
        for page, width, height in footers:
            canv.beginForm(_footer_form(page), 0, 0, width, height)
            canv.setFillColor(styles.MUTED)
            text = f"Page {page} of {total}"
            fonts.draw_right(canv, width - styles.MARGIN_X, styles.FOOTER_Y, text, fonts.SANS, 7.5)
            canv.endForm()
        pages: dict[str, int] = {}
        for flowable in self._indexingFlowables:
            if isinstance(flowable, Contents):
                pages.update(flowable.pages)
        slots = getattr(canv, "page_number_slots", {})
        for form, (key, width, height, style) in slots.items():
            canv.beginForm(form, 0, 0, width, height)
            found = pages.get(key)
            if found is not None:
                number = Paragraph(str(found), style)
                number.wrapOn(canv, width, height)
                number.drawOn(canv, 0, 0)
            canv.endForm()

    # ------------------------------------------------------------------ footer
    def _footer(self, canv, doc) -> None:
        width, height = canv._pagesize
        canv.showOutline()  # the bookmarks pane opens with the document
        if self.draft:
            self._draft_mark(canv, width, height)
        canv.saveState()
        y = styles.FOOTER_Y
        canv.setStrokeColor(styles.RULE)
        canv.setLineWidth(0.5)
        canv.line(styles.MARGIN_X, y + 10, width - styles.MARGIN_X, y + 10)
        canv.setFillColor(styles.MUTED)
        page = canv.getPageNumber()
        # "Page X of Y": written when the last page is done (finish), drawn here as a form.
        canv.doForm(_footer_form(page))
        footers = getattr(canv, "footer_forms", None)
        if footers is None:
            footers = canv.footer_forms = []
        footers.append((page, width, height))
        size = 7.5
        inner = width - 2 * styles.MARGIN_X
        label = fonts.fit(self.label, fonts.SANS_BOLD, size, inner * 0.3)
        fonts.draw_centred(canv, width / 2, y, label, fonts.SANS_BOLD, size)
        # The title takes the room left of the centred label, cut between words.
        room = inner / 2 - fonts.string_width(label, fonts.SANS_BOLD, size) / 2 - 12
        title = fonts.fit_words(self.footer_title, fonts.SANS, size, room)
        fonts.draw_string(canv, styles.MARGIN_X, y, title, fonts.SANS, size)
        canv.restoreState()

    @staticmethod
    def _draft_mark(canv, width: float, height: float) -> None:
        """A large, pale "DRAFT" across the page, under the content: a draft or a review still
        being discussed is never mistaken for the final word."""
        canv.saveState()
        canv.setFillColor(styles.DRAFT_MARK)
        canv.translate(width / 2, height / 2)
        canv.rotate(35)
        fonts.draw_centred(canv, 0, -30, DRAFT_WORD, fonts.SANS_BOLD, 110)
        canv.restoreState()

    # ------------------------------------------------------------------ progress
    def _on_progress(self, kind: str, value: int) -> None:
        if kind == "SIZE_EST":
            self._size = max(1, value)
        elif kind == "PROGRESS" and not self._total:  # a plain build: flowables left
            self._report(min(1.0, value / self._size))

    def _report(self, within: float, force: bool = False) -> None:
        now = time.monotonic()
        if not force and now - self._last_report < REPORT_EVERY:
            return
        self._last_report = now
        low, high = self._span
        # A flowable split across pages puts its rest back into the story: never go back.
        done = self._done = max(self._done, min(1.0, within))
        self._progress(low + (high - low) * done, "Laying out pages")


def _weight(flowable: Flowable) -> int:
    """About how long a flowable takes to lay out and draw, in table rows: a table its rows, a
    screenshot (read, decoded, scaled and compressed when drawn) a few hundred, anything else
    one. (Measured on the large review: 0.2 ms a row, 66 ms a screenshot.)"""
    if isinstance(flowable, RowTable):
        return flowable.row_count()
    if isinstance(flowable, LazyImage):
        return PICTURE_WEIGHT
    parts = getattr(flowable, "_content", None)  # a KeepTogether: what it holds
    return max(1, sum(_weight(f) for f in parts)) if isinstance(parts, list) else 1


def _footer_form(page: int) -> str:
    return f"pmPageOf{page}"
