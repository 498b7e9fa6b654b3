"""Word wrap decides most line breaks from the widths of words measured once: the lines are the
ones measuring every growing line would give, and far fewer texts are measured."""

from __future__ import annotations

import random

from pm_desktop.domain.tree_layout import _TOKEN_RE, node_size, wrap_text

WIDTHS = {c: 5.0 + (ord(c) % 7) for c in "abcdefghijklmnopqrstuvwxyz "}


def additive(text: str) -> float:
    return sum(WIDTHS.get(c, 9.0) for c in text)


def measure_every_prefix(text: str, max_width: float, measure) -> list[str]:
    """The plain greedy wrap: measure each candidate line as a whole (words fit in the tests)."""
    lines: list[str] = []
    for para in text.split("\n"):
        line = pending = ""
        for tok in _TOKEN_RE.findall(para):
            if tok[0].isspace():
                pending += tok
                continue
            if measure(line + pending + tok) <= max_width:
                line, pending = line + pending + tok, ""
                continue
            if line:
                lines.append(line)
            line, pending = tok, ""
        lines.append(line)
    return lines


def sentences(rng: random.Random, count: int) -> list[str]:
    words = ["the", "deploy", "pipeline", "skipped", "a", "check", "because", "of", "cache"]
    return [
        " ".join(rng.choice(words) for _ in range(rng.randint(1, 40))) for _ in range(count)
    ]


def test_the_lines_are_those_of_measuring_every_growing_line():
    rng = random.Random(4)
    for text in sentences(rng, 300):
        for width in (60.0, 150.0, 233.0):
            assert wrap_text(text, width, additive) == measure_every_prefix(
                text, width, additive
            )


def test_a_measure_that_is_not_a_sum_still_never_overflows_a_line():
    def kerned(text: str) -> float:  # a pair of letters around a space is a little narrower
        return additive(text) - 0.4 * text.count(" ")

    for text in sentences(random.Random(9), 200):
        for line in wrap_text(text, 150.0, kerned):
            assert kerned(line) <= 150.0 or " " not in line


def test_words_are_measured_once_and_the_box_width_is_the_widest_line():
    calls: list[str] = []

    def counting(text: str) -> float:
        calls.append(text)
        return additive(text)

    text = " ".join(["deploy", "pipeline", "check"] * 30)
    width, _height, lines = node_size(
        text, counting, line_height=10, max_width=220, min_width=40, padding=8
    )
    assert len(lines) > 5
    assert width == max(additive(line) for line in lines) + 16
    assert len(calls) < 3 * len(lines) + 4  # not one per word of every line
