"""Each kind rule names the letters its phrases can begin with (the search skips every other
place at once). A phrase added later that begins with another letter would silently never
match: this reads the rule's own pattern and lists the letters a match can begin with."""

from __future__ import annotations

import re
from re import _constants as C  # noqa: N812 - the pattern parser's names
from re import _parser as P  # noqa: N812

from pm_desktop.ingest.timeline_formats import _KIND_RULES, guess_kind


def _first_letters(items) -> set[str] | None:
    """Characters a match of the parsed ``items`` can begin with (None: cannot tell)."""
    out: set[str] = set()
    for op, av in items:
        if op in (C.AT, C.ASSERT, C.ASSERT_NOT):
            continue  # zero-width: look at what follows
        if op is C.LITERAL:
            return out | {chr(av)}
        if op is C.IN:
            for kind, arg in av:
                if kind is C.LITERAL:
                    out.add(chr(arg))
                elif kind is C.RANGE:
                    out.update(chr(c) for c in range(arg[0], arg[1] + 1))
                else:
                    return None
            return out
        if op is C.BRANCH:
            for alternative in av[1]:
                found = _first_letters(alternative)
                if found is None:
                    return None
                out |= found
            return out
        if op is C.SUBPATTERN:
            found = _first_letters(av[-1])
            return None if found is None else out | found
        if op in (C.MAX_REPEAT, C.MIN_REPEAT):
            low, _high, item = av
            found = _first_letters(item)
            if found is None:
                return None
            out |= found
            if low > 0:
                return out
            continue  # optional: what follows may begin the match too
        return None
    return None


def test_every_rule_lists_each_letter_its_phrases_begin_with():
    for kind, pattern in _KIND_RULES:
        match = re.match(r"\(\?=\[([a-z]+)\]\)\\b\(\?:(.*)\)$", pattern.pattern, re.S)
        assert match, kind
        starts, phrases = match.groups()
        letters = _first_letters(P.parse(phrases))
        assert letters is not None, kind
        assert letters <= set(starts), (kind, sorted(letters - set(starts)))


def test_kinds_are_still_found_anywhere_in_the_line():
    assert guess_kind("At last the incident is closed") == "resolved"
    assert guess_kind("we rolled back the deploy") == "action"
    assert guess_kind("cpu at 95%") == "observation"
    assert guess_kind("x-mitigated by hand") == "mitigated"
    assert guess_kind("nothing to see") == "note"
