"""The review as a parsed document: one token stream for the HTML, DOCX and Confluence exporters.

The Markdown exporter already lays the review out in the PDF's order, per profile, with every
piece of user text escaped. Parsing that text once (markdown-it, CommonMark plus tables and
strikethrough) gives the other formats the same content and order without a second copy of the
layout: a change to a section shows up in every format. Escaped user text parses back to plain
text tokens; the only raw HTML in the source is our own ``<br>`` inside table cells, so the
renderers let that through and print any other HTML token as text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import unquote

from markdown_it import MarkdownIt
from markdown_it.token import Token

from pm_desktop.store import pictures

from .job import ExportJob
from .markdown import render_markdown, slug

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
    tokens = parser().parse(text)
    _tick_boxes(tokens)
    return RenderedReview(tokens, dict(images))


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
