"""The paste clean-up keeps its meaning without the backtracking regex it replaced."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from pm_desktop.ingest import timeline_formats
from pm_desktop.ingest.timeline_text import parse_timeline

# The original rule, quadratic on long runs of spaces; kept here only as the reference meaning.
_REFERENCE = re.compile(r"^(?:\*\*|__)\s*|\s*(?:\*\*|__)$")


@given(
    st.text(alphabet=st.sampled_from(["*", "_", " ", "\t", "a", "\u00a0", "\u2003"]), max_size=14)
)
def test_stray_emphasis_edges_are_stripped_exactly_as_before(line):
    assert timeline_formats._strip_stray_edges(line) == _REFERENCE.sub("", line)


def test_a_line_of_sixty_four_thousand_spaces_between_two_words_parses_to_them():
    entries = parse_timeline("alpha" + " " * 64_000 + "beta").entries
    assert [e.text for e in entries] == ["alpha beta"]
