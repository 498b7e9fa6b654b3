"""Speed only: tell the regex engine which characters a pattern can start with.

Python's engine tries a pattern at every position of the text, and a pattern that opens with a
lookbehind (as ours do, to find whole words) gets no first-character shortcut. Checking the
25,000 short texts of a large review took seconds. A lookahead such as ``(?=[bcfi])`` in front lets
the engine skip most positions at once (about 3.5× faster, measured on the bench review).

The character set is derived from each pattern with the standard library's own regex parser, so
the rules in :mod:`.rules` stay the single source. If that parser is missing or produces
something we do not understand, the lookahead is left out: the same results, only slower.
"""

from __future__ import annotations

import re
from typing import Any

try:  # private, but stable since Python 3.11; guarded by the fallback below
    from re import _constants as _C  # type: ignore[attr-defined]  # private: not in typeshed
    from re import _parser as _P  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - a future Python without them
    _C = _P = None


class _Unknown(Exception):
    pass


def _first(seq: Any) -> tuple[set[int], bool]:
    """The code points a parsed sequence can start with, and whether it can match empty."""
    out: set[int] = set()
    for op, av in seq:
        if op in (_C.ASSERT, _C.ASSERT_NOT, _C.AT):
            continue  # zero width
        if op is _C.LITERAL:
            out.add(av)
            return out, False
        if op is _C.IN:
            for item_op, item in av:
                if item_op is _C.LITERAL:
                    out.add(item)
                elif item_op is _C.RANGE and item[1] - item[0] <= 256:
                    out.update(range(item[0], item[1] + 1))
                else:
                    raise _Unknown  # categories, negated sets
            return out, False
        if op is _C.BRANCH:
            nullable = False
            for branch in av[1]:
                chars, empty = _first(branch)
                out |= chars
                nullable |= empty
            if not nullable:
                return out, False
            continue
        if op is _C.SUBPATTERN:
            chars, empty = _first(av[-1])
            out |= chars
            if not empty:
                return out, False
            continue
        if op in (_C.MAX_REPEAT, _C.MIN_REPEAT):
            low, _high, sub = av
            chars, empty = _first(sub)
            out |= chars
            if low > 0 and not empty:
                return out, False
            continue
        raise _Unknown
    return out, True


def lead(source: str, flags: int = 0) -> str:
    """``(?=[…])`` with the possible first characters of ``source``, or "" if unsure."""
    if _P is None:
        return ""
    try:
        chars, nullable = _first(_P.parse(source, flags))
    except (_Unknown, re.error, TypeError, ValueError, AttributeError):
        return ""
    if nullable or not chars:
        return ""
    return "(?=[" + "".join(re.escape(chr(c)) for c in sorted(chars)) + "])"


def compile_fast(source: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile(source, flags)`` with a first-character lookahead when one can be derived.
    The lookahead is compiled with the same flags, so case-insensitive matching stays identical."""
    return re.compile(lead(source, flags) + source, flags)


class Scanner(tuple):
    """A case-insensitive pattern and its case-sensitive twin for the lower-cased text.

    Python's engine folds case character by character under ``re.IGNORECASE``; matching the
    lower-cased text instead is about twice as fast (measured over every coach pattern on the
    bench review). ``scanner[text.fold].finditer(text.hay)`` picks the pair's member: ``hay`` is
    the lower-cased text when lower-casing kept every offset (it does not for "İ", which becomes
    two characters) and ``fold`` is 1, else the text itself with ``fold`` 0. A tuple, so picking
    costs no Python call on the hot path. Patterns are written in lower case; a test compares
    both members on random text.
    """

    __slots__ = ()

    def __new__(cls, source: str, flags: int = re.IGNORECASE) -> Scanner:
        plain = compile_fast(source, flags)
        return super().__new__(cls, (plain, compile_fast(source, flags & ~re.IGNORECASE)))

    @property
    def plain(self) -> re.Pattern[str]:
        return self[0]

    @property
    def folded(self) -> re.Pattern[str]:
        return self[1]
