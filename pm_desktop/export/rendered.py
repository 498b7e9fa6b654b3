"""The review as a parsed document: one token stream for the HTML, DOCX and Confluence exporters.

The Markdown exporter already lays the review out in the PDF's order, per profile, with every
piece of user text escaped. Parsing that text once (markdown-it, CommonMark plus tables and
strikethrough) gives the other formats the same content and order without a second copy of the
layout: a change to a section shows up in every format. Escaped user text parses back to plain
text tokens; the only raw HTML in the source is our own ``<br>`` inside table cells, so the
renderers let that through and print any other HTML token as text.

On top of the Markdown layout, the Follow-ups section opens with a table of the cards (tracker
key, title, status, owner, due date), so Word and Confluence readers get the board as a real
table; its status cells are marked (``token.meta["status"]``) for the status lozenges.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import unquote

from markdown_it import MarkdownIt
from markdown_it.token import Token

from pm_desktop.domain.model import FOLLOWUP_STATUS_LABELS, Review
from pm_desktop.store import pictures

from .job import ExportJob
from .markdown import cell, render_markdown, slug
from .profiles import apply_profile
from .trackers import external_key

IMAGE_DIR = "images"  # the folder name written in image links while rendering
BOXES = {"[ ] ": "☐ ", "[x] ": "☑ "}
# Characters XML 1.0 cannot hold (after the Markdown exporter's clean-up, only these remain).
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


@dataclass
class RenderedReview:
    tokens: list[Token]
    images: dict[str, str]  # file name → blob sha

    def image_name(self, token: Token) -> str | None:
        """The file name an ``image`` token points at, when it is one of the review's images."""
        src = unquote(str(token.attrGet("src") or ""))
        name = src.rsplit("/", 1)[-1]
        return name if src == f"{IMAGE_DIR}/{name}" and name in self.images else None


def parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": True, "xhtmlOut": True, "typographer": False})
    return md.enable(["table", "strikethrough"])


def render_review(job: ExportJob) -> RenderedReview:
    text, images = render_markdown(job, IMAGE_DIR)
    text = _with_followup_table(text, apply_profile(job.review, job.profile))
    tokens = parser().parse(text)
    _tick_boxes(tokens)
    _drop_empty_headers(tokens)
    _mark_status_cells(tokens)
    return RenderedReview(tokens, dict(images))


FOLLOWUPS_HEADING = "## Follow-ups\n\n"
TABLE_HEADER = ("Key", "Follow-up", "Status", "Owner", "Due")
STATUS_COLUMN = 2


def _with_followup_table(text: str, review: Review) -> str:
    """The Markdown text with the board's table at the top of its Follow-ups section (the
    customer version has no such section: it lists what we are changing instead)."""
    cards = review.sorted_followups()
    at = text.find(FOLLOWUPS_HEADING)
    if at < 0 or not cards:
        return text
    lines = ["| " + " | ".join(TABLE_HEADER) + " |", "|---" * len(TABLE_HEADER) + "|"]
    for card in cards:
        row = [
            external_key(card, review),
            cell(card.title),
            FOLLOWUP_STATUS_LABELS.get(card.status, card.status),
            cell(card.owner),
            card.due or " ",
        ]
        lines.append("| " + " | ".join(row) + " |")
    at += len(FOLLOWUPS_HEADING)
    return text[:at] + "\n".join(lines) + "\n\n" + text[at:]


def _mark_status_cells(tokens: list[Token]) -> None:
    """Tag the status cells of the follow-up table with the status they show."""
    by_label = {label: status for status, label in FOLLOWUP_STATUS_LABELS.items()}
    in_section = in_table = False
    column = 0
    for i, tok in enumerate(tokens):
        if tok.type == "heading_open" and tok.tag == "h2":
            in_section = tokens[i + 1].content == "Follow-ups"
        elif tok.type == "table_open":
            in_table = in_section
        elif tok.type == "table_close":
            in_table = in_section = False
        elif in_table and tok.type == "tr_open":
            column = 0
        elif in_table and tok.type == "td_open":
            inline = tokens[i + 1]
            if column == STATUS_COLUMN and inline.content in by_label:
                inline.meta["status"] = by_label[inline.content]
            column += 1


def _drop_empty_headers(tokens: list[Token]) -> None:
    """A table whose header cells are all empty (the title block's facts) loses its header."""
    i = 0
    while i < len(tokens):
        if tokens[i].type == "thead_open":
            end = next(j for j in range(i, len(tokens)) if tokens[j].type == "thead_close")
            if all(not t.content.strip() for t in tokens[i:end] if t.type == "inline"):
                del tokens[i : end + 1]
                continue
        i += 1


def _tick_boxes(tokens: list[Token]) -> None:
    """``- [x] item`` written by the exporter becomes a box character. The inline token's
    source tells ours apart from user text, which the exporter wrote as ``\\[x\\]``."""
    for i, tok in enumerate(tokens):
        if tok.type != "inline" or i < 2 or tokens[i - 2].type != "list_item_open":
            continue
        start = tok.content[:4]
        first = tok.children[0] if tok.children else None
        if start in BOXES and first is not None and first.type == "text":
            first.content = BOXES[start] + first.content[4:]


def heading_anchor(tokens: list[Token], idx: int) -> str:
    """The anchor the contents list links to (level-2 headings hold our own fixed titles)."""
    if tokens[idx].tag != "h2" or idx + 1 >= len(tokens):
        return ""
    return slug(tokens[idx + 1].content)


def xml_text(text: str) -> str:
    """Text with the characters XML cannot hold taken out."""
    return _XML_ILLEGAL.sub("", text)


def image_bytes(job: ExportJob, sha: str) -> tuple[str, bytes] | None:
    """(mime, bytes) of a stored picture the one decoder accepts, or None."""
    try:
        data = job.read_blob(sha)
        mime, _w, _h = pictures.probe(data)
    except Exception:  # a picture we do not decode, or a missing row: left out
        return None
    return mime, data
