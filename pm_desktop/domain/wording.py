"""Counts in sentences: "1 why", "3 whys", "1 entry", never "1 whys" or "2 item(s)"."""

from __future__ import annotations


def counted(n: int, singular: str, plural: str | None = None) -> str:
    """``n`` with the right form of the noun; ``plural`` defaults to ``singular + "s"``.

    Thousands are grouped (``1,200 rows``) so large counts stay readable.
    """
    word = singular if n == 1 else (plural or singular + "s")
    return f"{n:,} {word}"
