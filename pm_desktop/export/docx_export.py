"""The review as a Word document (``.docx``, python-docx): the PDF's sections in its order.

Content comes from :mod:`pm_desktop.export.rendered`, so the profile rules are the PDF's and
Markdown's. Headings use Word's own Heading 1–4 styles (the navigation pane and a table of
contents field find them), the timeline, metrics and follow-up tables are real Word tables,
lists use Word's list styles and screenshots are pictures. Text is set as runs, never parsed as
markup, and the characters XML cannot hold are taken out (Word refuses such a file).
"""

from __future__ import annotations

import datetime as dt
import io
import re
from typing import Any

from docx import Document
from docx.document import Document as WordDocument
from docx.enum.text import WD_BREAK
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Emu, Inches, Pt, RGBColor
from docx.text.paragraph import Paragraph
from markdown_it.token import Token

from pm_desktop.domain import direction
from pm_desktop.domain.links import is_safe_url
from pm_desktop.store import pictures

from .chart_picture import timeline_chart_png
from .job import ExportJob, atomic_output
from .profiles import apply_profile
from .rendered import RenderedReview, image_bytes, render_review, xml_text
from .tree_picture import ZOOM, why_tree_png
from .whys_view import branch_info

_TREE_HEADING = re.compile(r"Tree (\d+): ")

MONO = "Courier New"
MAX_PICTURE = Inches(6.3)
LINE_CHARS = 78  # about as many characters of body text as fit across MAX_PICTURE
WORD_LIMIT = 22  # a longer word (a URL, a key) may wrap inside itself
LINK_COLOUR = RGBColor(0x05, 0x50, 0xAE)


class _Writer:
    """Walks the token stream once, adding Word paragraphs, tables and pictures."""

    def __init__(self, job: ExportJob, rendered: RenderedReview, doc: WordDocument):
        self.job = job
        self.rendered = rendered
        self.doc = doc
        self.lists: list[str] = []  # "bullet" or "ordered", innermost last
        self.quote = 0
        self.item_start = False  # the next paragraph is the first of a list item
        self.view = apply_profile(job.review, job.profile)
        self.branches = branch_info(self.view)

    # ------------------------------------------------------------------ blocks

    def write(self) -> None:
        tokens = self.rendered.tokens
        i = 0
        while i < len(tokens):
            tok = tokens[i]
            kind = tok.type
            if kind == "heading_open":
                para = self.doc.add_paragraph(style=f"Heading {min(int(tok.tag[1]), 4)}")
                self.inline(para, tokens[i + 1])
                if tok.tag == "h3":
                    self.tree_picture(tokens[i + 1].content)
                elif tok.tag == "h2" and tokens[i + 1].content.strip() == "Timeline":
                    self.chart_picture()
                i += 2
            elif kind == "paragraph_open":
                para = self.doc.add_paragraph(style=self._paragraph_style())
                self.inline(para, tokens[i + 1])
                i += 2
            elif kind in ("bullet_list_open", "ordered_list_open"):
                self.lists.append("ordered" if kind.startswith("ordered") else "bullet")
            elif kind in ("bullet_list_close", "ordered_list_close"):
                self.lists.pop()
            elif kind == "list_item_open":
                self.item_start = True
            elif kind == "blockquote_open":
                self.quote += 1
            elif kind == "blockquote_close":
                self.quote -= 1
            elif kind == "table_open":
                i = self.table(tokens, i)
            elif kind in ("fence", "code_block", "html_block"):
                self.preformatted(tok.content)
            i += 1

    def chart_picture(self) -> None:
        """Under the Timeline heading, the timeline chart drawn as a picture."""
        png = timeline_chart_png(self.view)
        if png is None:
            return
        width_px = int.from_bytes(png[16:20], "big")  # the PNG header's width field
        width = min(MAX_PICTURE, Pt(width_px / ZOOM))
        self.doc.add_paragraph().add_run().add_picture(io.BytesIO(png), width=width)

    def tree_picture(self, heading: str) -> None:
        """Under each "Tree n" heading of the five whys, the tree drawn as a picture."""
        match = _TREE_HEADING.match(heading)
        roots = self.view.why_roots()
        if match is None or not 0 < int(match.group(1)) <= len(roots):
            return
        try:
            png = why_tree_png(self.view, roots[int(match.group(1)) - 1].id, self.branches)
        except ValueError:  # a tree the layout refuses (a cycle) stays a list only
            return
        width_px = int.from_bytes(png[16:20], "big")  # the PNG header's width field
        width = min(MAX_PICTURE, Pt(width_px / ZOOM))
        self.doc.add_paragraph().add_run().add_picture(io.BytesIO(png), width=width)

    def _paragraph_style(self) -> str:
        if self.lists and self.item_start:
            self.item_start = False
            depth = min(len(self.lists), 3)
            base = "List Number" if self.lists[-1] == "ordered" else "List Bullet"
            return base if depth == 1 else f"{base} {depth}"
        if self.lists:
            return f"List Continue {min(len(self.lists), 3)}".replace(" 1", "")
        return "Quote" if self.quote else "Normal"

    def preformatted(self, text: str) -> None:
        para = self.doc.add_paragraph(style="No Spacing")
        lines = xml_text(text.rstrip("\n")).split("\n")
        for n, line in enumerate(lines):
            run = para.add_run(line)
            run.font.name = MONO
            run.font.size = Pt(9)
            if n < len(lines) - 1:
                run.add_break()

    def table(self, tokens: list[Token], start: int) -> int:
        """A Markdown table as a Word table; returns the index of ``table_close``."""
        rows: list[list[Token]] = []
        header_rows = 0
        i = start
        while tokens[i].type != "table_close":
            tok = tokens[i]
            if tok.type == "tr_open":
                rows.append([])
            elif tok.type == "inline":
                rows[-1].append(tok)
            elif tok.type == "thead_close":
                header_rows = len(rows)
            i += 1
        if not rows:
            return i
        width = max(len(r) for r in rows)
        table = self.doc.add_table(rows=len(rows), cols=width)
        table.style = "Table Grid"
        _set_column_widths(table, rows, width)
        for r, row in enumerate(rows):
            for c, tok in enumerate(row):
                para = table.cell(r, c).paragraphs[0]
                self.inline(para, tok, bold=r < header_rows)
        if header_rows:
            _repeat_header(table.rows[0])
        return i

    # ------------------------------------------------------------------ inline

    def inline(self, para: Paragraph, token: Token, bold: bool = False) -> None:
        marks = {"strong": bold, "em": False, "s": False}
        link: str | None = None
        link_runs: list = []
        for child in token.children or []:
            kind = child.type
            if kind in ("strong_open", "em_open", "s_open"):
                marks[kind[:-5]] = True
            elif kind in ("strong_close", "em_close", "s_close"):
                marks[kind[:-6]] = kind == "strong_close" and bold
            elif kind == "link_open":
                href = str(child.attrGet("href") or "")
                link = href if is_safe_url(href) else None
                link_runs = []
            elif kind == "link_close":
                if link and link_runs:
                    _hyperlink(para, link, link_runs)
                link = None
            elif kind == "image":
                self.picture(para, child)
            elif kind in ("softbreak",):
                self._run(para, " ", marks, link_runs if link else None)
            elif kind == "hardbreak" or (kind == "html_inline" and _is_br(child.content)):
                para.add_run().add_break(WD_BREAK.LINE)
            elif kind == "code_inline":
                run = self._run(para, child.content, marks, link_runs if link else None)
                run.font.name = MONO
            else:  # text, and any other HTML printed as the text it is
                self._run(para, child.content, marks, link_runs if link else None)
        if direction.is_rtl(token.content):
            _right_to_left(para)

    def _run(self, para: Paragraph, text: str, marks: dict[str, bool], collect: list | None):
        run = para.add_run(xml_text(text))
        run.bold = marks["strong"] or None
        run.italic = marks["em"] or None
        run.font.strike = marks["s"] or None
        if collect is not None:
            run.font.color.rgb = LINK_COLOUR
            run.font.underline = True
            collect.append(run)
        return run

    def picture(self, para: Paragraph, token: Token) -> None:
        name = self.rendered.image_name(token)
        found = image_bytes(self.job, self.rendered.images[name]) if name else None
        if found is None:
            para.add_run("(image not included)").italic = True
            return
        try:  # Word reads PNG and JPEG everywhere: every picture goes in as a PNG
            picture = pictures.decode(found[1], fit=(2400, 2400))
        except pictures.PictureError as exc:
            para.add_run(f"({exc.label.lower()})").italic = True
            return
        width = min(MAX_PICTURE, Emu(int(picture.width * 914400 / 110)))
        para.add_run().add_picture(io.BytesIO(pictures.to_png(picture)), width=width)


def _set_column_widths(table, rows: list[list[Token]], columns: int) -> None:
    """Share the text width among the columns by how much they hold (longest cell, capped), as
    a browser lays out a table: without widths Word and LibreOffice give every column the same
    width and a timeline's text column wraps after two words."""
    floors, wants = [], []
    for c in range(columns):
        texts = [row[c].content for row in rows if c < len(row)]
        word = max((len(w) for t in texts for w in t.split()), default=0)
        floors.append(min(WORD_LIMIT, round(word * 1.25) + 2))  # the longest word fits whole
        wants.append(max(min(60, max((len(t) for t in texts), default=0)), floors[-1]))
    room = max(0, LINE_CHARS - sum(floors))
    extra = [w - f for w, f in zip(wants, floors, strict=True)]
    weights = [
        f + (room * e / sum(extra) if sum(extra) else 0) for f, e in zip(floors, extra, strict=True)
    ]
    total = sum(weights) or 1
    table.autofit = False
    for c, weight in enumerate(weights):
        width = Emu(int(MAX_PICTURE * weight / total))
        table.columns[c].width = width
        for cell in table.columns[c].cells:
            cell.width = width


def _field_char(kind: str) -> Any:
    run = OxmlElement("w:r")
    char = OxmlElement("w:fldChar")
    char.set(qn("w:fldCharType"), kind)
    run.append(char)
    return run


def _contents_as_field(doc: WordDocument) -> None:
    """Make the contents list a Word table-of-contents field whose shown result is that list:
    every reader shows it as written, and in Word "Update Field" rebuilds it from the headings
    with page numbers."""
    paragraphs = doc.paragraphs
    at = next((i for i, p in enumerate(paragraphs) if p.text.strip() == "Contents"), None)
    if at is None:
        return
    items = []
    for para in paragraphs[at + 1 :]:
        if para.style is None or not str(para.style.name).startswith("List"):
            break
        items.append(para)
    if not items:
        return
    instruction = OxmlElement("w:r")
    text = OxmlElement("w:instrText")
    text.set(qn("xml:space"), "preserve")
    text.text = ' TOC \\o "1-3" \\h \\z \\u '
    instruction.append(text)
    first = items[0]._p
    anchor = first.find(qn("w:pPr"))
    runs = [_field_char("begin"), instruction, _field_char("separate")]
    for run in reversed(runs):
        if anchor is not None:
            anchor.addnext(run)
        else:
            first.insert(0, run)
    items[-1]._p.append(_field_char("end"))


# What follows <w:bidi/> in a paragraph's properties (the schema fixes the order).
_AFTER_BIDI = (
    "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing",
    "w:mirrorIndents", "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment",
    "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr",
    "w:pPrChange",
)  # fmt: skip


def _right_to_left(para: Paragraph) -> None:
    """Mark an Arabic or Hebrew paragraph right to left (Word then aligns it to the right and
    orders its runs), and its runs as right-to-left text."""
    ppr = para._p.get_or_add_pPr()
    if ppr.find(qn("w:bidi")) is None:
        ppr.insert_element_before(OxmlElement("w:bidi"), *_AFTER_BIDI)
    for run in para.runs:
        if run.text and direction.is_rtl(run.text):
            run.font.rtl = True


def _is_br(content: str) -> bool:
    return content.strip().lower() in ("<br>", "<br/>", "<br />")


def _repeat_header(row) -> None:
    """The header row repeats on every page the table runs over."""
    props = row._tr.get_or_add_trPr()
    flag = OxmlElement("w:tblHeader")
    flag.set(qn("w:val"), "true")
    props.append(flag)


def _hyperlink(para: Paragraph, url: str, runs: list) -> None:
    """Wrap runs already added to ``para`` in a clickable link to ``url``."""
    rel = para.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), rel)
    runs[0]._r.addprevious(link)
    for run in runs:
        link.append(run._r)


def render_docx(job: ExportJob) -> bytes:
    rendered = render_review(job)
    doc = Document()
    first = next((t for t in rendered.tokens if t.type == "inline"), None)
    title = "".join(c.content for c in (first.children or []) if c.type == "text") if first else ""
    props = doc.core_properties
    props.title = xml_text(title)[:250] or "Review"
    props.author = props.comments = props.last_modified_by = ""  # the template's, not ours
    props.created = props.modified = dt.datetime.now(dt.UTC).replace(microsecond=0)
    _Writer(job, rendered, doc).write()
    _contents_as_field(doc)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def export_docx(job: ExportJob) -> None:
    """The ``docx`` format of :func:`pm_desktop.export.run_export`."""
    job.progress(0.0, "Writing the Word document")
    data = render_docx(job)
    with atomic_output(job.out) as fh:
        fh.write(data)
    job.progress(1.0, "Done")
