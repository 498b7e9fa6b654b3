"""The paste clean-up keeps its meaning without the backtracking regex it replaced."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from hypothesis import given, settings
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


# --------------------------------------------------------------------------- the newer shapes
# Each line below is built to make a backtracking pattern retry from every position (a long run
# of spaces, colons or brackets after something that starts a match); the parser looks at a
# bounded slice of each, so all of them come back at once.
_HOSTILE_SHAPES = {
    "chat_message_of_spaces_ending_in_a_bracket": "Mei Lin  10:42 AM\nAmy Ng  10:43 AM\nx\n"
    + "a"
    + " " * 64_000
    + ")",
    "chat_reaction_codes_without_end": "Mei Lin  10:42 AM\nAmy Ng  10:43 AM\nx\n"
    + ":a:" * 30_000
    + "b",
    "chat_thread_noise_prefix": "Mei Lin  10:42 AM\nAmy Ng  10:43 AM\nx\n" + "2 replies " * 8_000,
    "heading_of_open_brackets": "### " + "(" * 64_000 + ")",
    "list_item_with_spaces_before_the_bracket": "- a" + " " * 64_000 + "(11/02 06:10)",
    "date_then_spaces_then_a_time": "March 3, " + " " * 64_000 + "16:20 the queue",
    "digits_then_an_impossible_clock": "1" * 64_000 + ":75",
    "numeric_dates_without_end": "1/1 " * 30_000,
    "approximate_words_without_a_time": "March 3, " + "around " * 10_000,
}


@pytest.mark.parametrize("text", list(_HOSTILE_SHAPES.values()), ids=list(_HOSTILE_SHAPES))
def test_hostile_lines_for_the_newer_shapes_parse_and_keep_their_words(text):
    result = parse_timeline(text)
    kept = "".join(e.raw for e in result.entries)
    assert len(kept) >= len(text.replace("\n", "")) - 200  # nothing of the paste is lost


_SHAPE_BLOCK = (
    "Mei Lin  10:42 AM\ncheckout is failing (edited)\n:eyes: 2\n10:44\nrolling back\n"
    "Ravi Patel, 10:47\nerror rate back to normal\n"
)
_DOC_BLOCK = (
    "### Recovery (11/02 06:10 \u2013 11/03 01:00)\nqueues drained\n"
    "March 3, starting around 16:20 UTC, the queue grew\n19:75 cache flushed\n"
)


@pytest.mark.parametrize("block", [_SHAPE_BLOCK, _DOC_BLOCK], ids=["chat", "document"])
def test_doubling_a_paste_doubles_its_timed_and_untimed_entries_exactly(block):
    once, twice = (parse_timeline(block * n, default_date=dt.date(2025, 3, 5)) for n in (50, 100))
    assert len(twice.entries) == 2 * len(once.entries) > 0
    untimed_once = sum(e.time is None for e in once.entries)
    assert sum(e.time is None for e in twice.entries) == 2 * untimed_once


_CLOCK_RE = re.compile(r"\d{1,2}(?::\d{2}|\s?[ap]\.?m)", re.IGNORECASE)
_TOKENS = [
    "Mei Lin", "  ", " ", "10:42", " AM", "19:75", "25:10", "(", ")", "###", "- ", "11/02",
    "\u2013", " to ", "March 3", ", ", "around ", "~", "UTC", "(edited)", ":eyes: 2", "Today",
    "\n", "\r\n", "\u00a0", "[", "]", ": ", "Resolved - ", "Mar 3, 17:05 UTC", "x",
]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_TOKENS), max_size=40))
def test_no_entry_gets_a_time_its_own_lines_do_not_write(tokens):
    for entry in parse_timeline("".join(tokens), default_date=dt.date(2025, 3, 5)).entries:
        if entry.time is not None:
            assert _CLOCK_RE.search(entry.raw), entry
