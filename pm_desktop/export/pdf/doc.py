"""The page machinery: templates, footer with "Page X of Y", outline, contents, progress.

"Page X of Y" comes from :class:`PageCounter`, an indexing flowable at the end of the story:
``multiBuild`` repeats the layout until the page count of one pass equals the previous one, and
the footer prints the previous pass's count. (The usual NumberedCanvas recipe re-plays pages on a
second canvas and breaks every outline and TOC link.) Headings register their bookmark, outline
entry and contents entry when drawn; their keys are fixed when the story is built, so they are
identical in every pass.
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

from . import fonts, styles
from .rowtable import RowTable
from .text import attr

SHORT = 40.0  # a line or two under a heading do not keep it company at the foot of a page
MUTED_HEX = "#5f6b76"
# flowables that can start at the bottom of a page and go on on the next one
SPLITTABLE = (Paragraph, Table, Preformatted, XPreformatted, RowTable)

ProgressFn = Callable[[float, str], None]


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


class PageCounter(IndexingFlowable):
    """Placed last: records the page it lands on. Satisfied once two passes agree."""

    def __init__(self):
        super().__init__()
        self.total: int | None = None
        self.previous: int | None = None

    def isIndexing(self):
        return 1

    def beforeBuild(self):
        self.previous, self.total = self.total, None

    def isSatisfied(self):
        return self.total is not None and self.total == self.previous

    def wrap(self, avail_width, avail_height):
        return 0, 0

    def draw(self):
        self.total = self.canv.getPageNumber()


class DraftCanvas(Canvas):
    """The canvas of the first pass. ``multiBuild`` throws that pass's pages away: it only
    counts pages and collects bookmarks and contents entries (which headings still register),
    so text and pictures are not drawn at all. About a third of the layout time, and the memory
    of a whole document's page streams, on a large review."""

    def drawString(self, *args, **kwargs):  # noqa: N802 - reportlab's name
        return None

    drawRightString = drawCentredString = drawString  # noqa: N815 - reportlab's names

    def drawText(self, *args, **kwargs):  # noqa: N802 - reportlab's name
        return None

    def drawImage(self, *args, **kwargs):  # noqa: N802 - reportlab's name
        return (0, 0)

    drawInlineImage = drawImage  # noqa: N815 - reportlab's name


class PageCanvas(Canvas):
    """The canvas of the passes that can be kept. Each page's drawing commands are compressed
    as soon as the page is finished, exactly as reportlab would compress them when the file is
    written, instead of being held as text until the end (40 MB for 1,400 pages)."""

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


@dataclass(frozen=True, slots=True)
class TocEntry:
    level: int
    markup: str
    key: str


class Contents(IndexingFlowable):
    """A clickable table of contents. Entries are known when the story is built (so its size
    does not change between passes); page numbers come from the previous pass."""

    def __init__(self, entries: list[TocEntry], st: styles.Styles):
        super().__init__()
        self.planned = entries
        self.st = st
        self._found: list[tuple[int, str, int, str]] = []
        self._last: list[tuple[int, str, int, str]] = []
        self._table: Table | None = None

    def isIndexing(self):
        return 1

    def beforeBuild(self):
        self._last, self._found = self._found, []

    def isSatisfied(self):
        return self._found == self._last

    def notify(self, kind, stuff):
        if kind == "TOCEntry":
            self._found.append(tuple(stuff))

    def _build(self, avail_width: float) -> Table:
        """One row per section with its page; its subsections run on together in one
        paragraph under it ("1.1 Summary 3 · 1.2 Impact 3"), so the contents stay short."""
        pages = {key: page for (_level, _text, page, key) in self._last}
        rows: list[list[Any]] = []
        cmds: list[tuple[Any, ...]] = []
        subs: list[str] = []

        def flush() -> None:
            if subs:
                cmds.append(("SPAN", (0, len(rows)), (1, len(rows))))
                rows.append([Paragraph(" \u00a0·\u00a0 ".join(subs), self.st.toc1), ""])
                subs.clear()

        for entry in self.planned:
            page = pages.get(entry.key)
            href = attr("#" + entry.key)
            if entry.level > 0:
                number = f' <font color="{MUTED_HEX}">{page}</font>' if page else ""
                subs.append(f'<a href="{href}">{entry.markup}{number}</a>')
                continue
            flush()
            i = len(rows)
            rows.append(
                [
                    Paragraph(f'<a href="{href}">{entry.markup}</a>', self.st.toc0),
                    Paragraph(f'<a href="{href}">{page}</a>' if page else "", self.st.toc_page),
                ]
            )
            cmds.append(("TOPPADDING", (0, i), (-1, i), 7))
            if i:
                cmds.append(("LINEABOVE", (0, i), (-1, i), 0.4, styles.RULE))
        flush()
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
    """Portrait and landscape pages sharing one footer; reports progress per page and pass."""

    def __init__(
        self,
        out,
        *,
        footer_title: str,
        label: str,
        counter: PageCounter,
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
        self.counter = counter
        self._progress = progress
        self._span = span
        self.pass_no = 0
        self.release_story: Callable[[], None] | None = None
        self._size = 1
        self._last_report = 0.0
        self._done = 0.0
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
        """``canvasmaker`` for ``multiBuild``: a :class:`DraftCanvas` for the first pass."""
        return (DraftCanvas if self.pass_no < 2 else PageCanvas)(*args, **kwargs)

    def _allSatisfied(self):  # noqa: N802 - reportlab's (private) name
        # reportlab asks this after each pass and writes the file when it is true. The story
        # is no longer needed then; releasing it first lets writing the file reuse its memory.
        happy = super()._allSatisfied()
        if happy and self.release_story is not None:
            self.release_story()
        return happy

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
        total = self.counter.previous
        right = f"Page {page} of {total}" if total else f"Page {page}"
        size = 7.5
        inner = width - 2 * styles.MARGIN_X
        fonts.draw_right(canv, width - styles.MARGIN_X, y, right, fonts.SANS, size)
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
        if kind == "PASS":
            self.pass_no = value
            self._report(0.0, force=True)
        elif kind == "SIZE_EST":
            self._size = max(1, value)
        elif kind == "PROGRESS":
            self._report(min(1.0, value / self._size))

    def _report(self, within: float, force: bool = False) -> None:
        now = time.monotonic()
        if not force and now - self._last_report < 0.05:
            return
        self._last_report = now
        low, high = self._span
        # Usually two passes: the first finds the page numbers, the second prints them.
        done = min(1.0, (max(0, self.pass_no - 1) + within) / 2)
        # reportlab's size estimate can grow within a pass; a progress bar never goes back.
        done = self._done = max(self._done, done)
        self._progress(low + (high - low) * done, f"Laying out pages (pass {self.pass_no})")
