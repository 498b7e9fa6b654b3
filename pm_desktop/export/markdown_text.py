"""Markdown text that stays text: the escaping every Markdown writer of ours uses.

HTML (``<img src=…>``) is written as ``&lt;img…``, Markdown punctuation is backslash-escaped,
pipes in tables are ``\\|``, newlines inside a table cell become ``<br>``, code fences are longer
than any backtick run inside them, and only links :func:`~pm_desktop.domain.links.is_safe_url`
accepts become clickable.
"""

from __future__ import annotations

import re
from urllib.parse import quote

from pm_desktop.domain.links import is_safe_url

# --------------------------------------------------------------------------- escaping

_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_INLINE_RE = re.compile(r"([\\`*_\[\]|~])")
_LINE_START_RE = re.compile(r"^(\s*)([-+=#]|\d+[.)])", re.MULTILINE)


def clean(text: str | None) -> str:
    if not text:
        return ""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n")
    text = text.replace("\u2029", "\n").replace("\x85", "\n")
    text = re.sub(r"[\ud800-\udfff]", "\ufffd", text)
    return _CONTROL_RE.sub("", text).expandtabs(4)


def esc(text: str | None) -> str:
    """Inline text: HTML and Markdown punctuation escaped; line-start markers neutralised."""
    out = clean(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    out = _INLINE_RE.sub(r"\\\1", out)
    return _LINE_START_RE.sub(_neutralise, out)


def _neutralise(match: re.Match) -> str:
    """``- x`` → ``\\- x``; ``1. x`` → ``1\\. x`` (a backslash before a digit would show)."""
    marker = match.group(2)
    return match.group(1) + marker[:-1] + "\\" + marker[-1]


def one_line(text: str | None, limit: int = 0) -> str:
    flat = " ".join(clean(text).split())
    if limit and len(flat) > limit:
        flat = flat[: limit - 1].rstrip() + "…"
    return esc(flat)


def block(text: str | None) -> list[str]:
    """Paragraphs (split at blank lines); lines inside a paragraph keep their breaks."""
    cleaned = clean(text).strip("\n")
    if not cleaned.strip():
        return []
    paras = [p for p in re.split(r"\n[ \t]*\n+", cleaned) if p.strip()]
    return ["\\\n".join(esc(line.strip()) for line in p.split("\n") if line.strip()) for p in paras]


def cell(text: str | None) -> str:
    lines = [esc(line.strip()) for line in clean(text).split("\n") if line.strip()]
    return "<br>".join(lines) or " "


def link(url: str, label: str | None = None) -> str:
    target = clean(url).strip()
    shown = one_line(label or target) or "link"
    if is_safe_url(target):
        safe = "".join(quote(ch, safe="") if ch in "<>()\\ \"'`" else ch for ch in target)
        return f"[{shown}](<{safe}>)"
    return f"{shown} (not a web link, shown as text)" if label else shown


def fence(text: str, info: str = "text") -> list[str]:
    body = clean(text)
    longest = max((len(run) for run in re.findall(r"`+|~+", body)), default=0)
    marks = "`" * max(3, longest + 1)
    return [f"{marks}{info}", *body.split("\n"), marks]


def slug(title: str) -> str:
    """GitHub's heading anchor for our own (fixed) heading texts."""
    return re.sub(r"[^a-z0-9 -]", "", title.lower()).replace(" ", "-")
