"""Alternate descriptions for what is drawn rather than written: screenshots, the timeline chart
and the why-trees.

reportlab writes untagged PDF: it has no structure tree, so there is no ``/Figure`` element to
carry an ``/Alt`` entry, and its image calls take no description. What the PDF format does allow
without a structure tree is a marked-content span with an ``/Alt`` property around the drawing
(``/Span <</Alt (…)>> BDC … EMC``, PDF 1.7 section 14.9.3). Readers that offer alternate text for
untagged content (screen readers through Acrobat, accessibility checkers) find it there; readers
that only follow a structure tree do not, and that is the limit of what reportlab allows us.
"""

from __future__ import annotations

from .text import one_line

LIMIT = 600  # a description to listen to, not the whole tree again


def pdf_text(text: str) -> str:
    """``text`` as a PDF text string: UTF-16BE with its byte order mark, in hex."""
    return "<" + ("\ufeff" + text).encode("utf-16-be", "surrogatepass").hex().upper() + ">"


def begin(canv, description: str) -> None:
    """Start a span described as ``description``; close it with :func:`end`."""
    canv._code.append(f"/Span <</Alt {pdf_text(one_line(description, LIMIT))}>> BDC")


def end(canv) -> None:
    canv._code.append("EMC")


def tree_description(lines: dict[str, list[str]], states: dict[str, str]) -> str:
    """ "Why-tree of 7 boxes for: <problem>. Root causes: <a>; <b>." from a laid-out tree."""

    def text(node_id: str) -> str:
        return " ".join(lines.get(node_id, []))

    problems = [text(i) for i, state in states.items() if state == "problem"]
    causes = [text(i) for i, state in states.items() if state == "root_cause"]
    out = f"Why-tree of {len(states)} {'box' if len(states) == 1 else 'boxes'}"
    if problems:
        out += " for: " + "; ".join(problems)
    out += ". "
    if causes:
        out += "Root causes: " + "; ".join(causes) + "."
    else:
        out += "No root cause marked yet."
    return out
