"""User text → reportlab Paragraph markup, safely.

Paragraph text is markup: an unescaped ``<img src=…>`` would embed a local file and ``x<y``
raises. Every user string goes through :func:`markup`, which cleans it (control characters,
broken surrogates, tabs, overly long text), escapes each font run with ``xml.sax.saxutils``, and
wraps runs that need a fallback font in ``<font name=…>``. Links are made clickable only for
URLs :func:`pm_desktop.domain.links.is_safe_url` accepts, with the URL escaped for an attribute.
"""

from __future__ import annotations

import re
from functools import lru_cache
from xml.sax.saxutils import escape

from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle

from pm_desktop.domain.links import is_safe_url

from . import fonts, shaping

# Enough for any real summary or description; beyond it the PDF says what was left out.
TEXT_LIMIT = 60_000
CELL_LIMIT = 6_000

_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")
_SURROGATE_RE = re.compile(r"[\ud800-\udfff]")
_ATTR_ENTITIES = {'"': "&quot;", "'": "&apos;"}
LINK_COLOUR = "#1a56b0"


def clean(text: str | None) -> str:
    """Newlines normalised, tabs expanded, control characters and lone surrogates dropped."""
    if not text:
        return ""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u2028", "\n").replace("\u2029", "\n").replace("\x85", "\n")
    text = _SURROGATE_RE.sub("\ufffd", text)
    text = _CONTROL_RE.sub("", text)
    return text.expandtabs(4) if "\t" in text else text


def limited(text: str, limit: int) -> str:
    """``text`` cut at ``limit`` characters with a note saying how much was left out."""
    if len(text) <= limit:
        return text
    rest = len(text) - limit
    return text[:limit] + f" [… {rest:,} more characters are in the review file]"


def one_line(text: str | None, limit: int = 160) -> str:
    """For headings, outline entries, footers: one line, shortened with "…"."""
    flat = " ".join(clean(text).split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def attr(value: str) -> str:
    """Escape a value for a markup attribute (quotes included)."""
    return escape(value, _ATTR_ENTITIES)


def runs_markup(text: str, base: str = fonts.SANS) -> str:
    """One line of text as escaped markup with ``<font name>`` runs for fallback fonts.

    A line that needs shaping (right-to-left, Indic or Thai text, emoji sequences) stays one
    run in ``base``: the paragraph then measures and draws it as a whole line, so the bidi
    algorithm sees all of it and each part still gets its font (:mod:`.shaping`).
    """
    if shaping.needs_shaping(text):
        return escape(text)
    out: list[str] = []
    for font, part in fonts.runs(text, base):
        if font == base:
            out.append(escape(part))
        else:
            out.append(f'<font name="{font}">{escape(part)}</font>')
    return "".join(out)


def markup(
    text: str | None, base: str = fonts.SANS, limit: int = TEXT_LIMIT, breaks: bool = True
) -> str:
    """User text as safe Paragraph markup. Newlines become ``<br/>`` (or spaces)."""
    cleaned = limited(clean(text), limit)
    lines = cleaned.split("\n")
    if not breaks:
        return runs_markup(" ".join(lines), base)
    return "<br/>".join(runs_markup(line, base) for line in lines)


@lru_cache(maxsize=64)
def _right_aligned(style: ParagraphStyle) -> ParagraphStyle:
    return ParagraphStyle(f"{style.name}-rtl", parent=style, alignment=TA_RIGHT)


def aligned(style: ParagraphStyle, text: str | None) -> ParagraphStyle:
    """``style``, right-aligned when ``text`` is a right-to-left paragraph (Arabic, Hebrew):
    ``Paragraph(markup(text), aligned(style, text))``."""
    if style.alignment == TA_LEFT and shaping.is_rtl(clean(text)):
        return _right_aligned(style)
    return style


def link(url: str, label: str | None = None, base: str = fonts.SANS) -> str:
    """A clickable link for safe URLs; anything else is printed as plain text."""
    shown = markup(label if label else url, base, limit=2_000, breaks=False)
    target = clean(url).strip()
    if is_safe_url(target):
        return f'<a href="{attr(target)}" color="{LINK_COLOUR}">{shown}</a>'
    return shown


def paragraphs(text: str | None, limit: int = TEXT_LIMIT) -> list[str]:
    """Text split at blank lines into paragraphs (each still raw text)."""
    cleaned = limited(clean(text), limit).strip("\n")
    if not cleaned.strip():
        return []
    blocks = re.split(r"\n[ \t]*\n+", cleaned)
    return [block for block in blocks if block.strip()]
