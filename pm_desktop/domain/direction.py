"""Which way a paragraph of text reads: right to left when its first letter is Arabic, Hebrew or
another right-to-left script (rules P2 and P3 of the Unicode bidi algorithm).

Every export that can say so asks here: the PDF right-aligns such paragraphs, the HTML marks
blocks ``dir="auto"``, the Word document sets the paragraph's right-to-left property.
"""

from __future__ import annotations

import unicodedata

_ISOLATES = frozenset({"\u2066", "\u2067", "\u2068"})  # LRI, RLI, FSI
_POP_ISOLATE = "\u2069"


def is_rtl(text: str | None) -> bool:
    """Whether the first strong character of ``text`` (outside isolates) is right to left."""
    if not text or text.isascii():
        return False
    depth = 0
    for char in text:
        if char in _ISOLATES:
            depth += 1
        elif char == _POP_ISOLATE:
            depth = max(0, depth - 1)
        elif depth == 0:
            kind = unicodedata.bidirectional(char)
            if kind == "L":
                return False
            if kind in ("R", "AL"):
                return True
    return False
