"""The paste parser's shortcuts (issue #24) read every paste exactly as the plain way does.

Each shortcut has a plain counterpart kept beside it; these tests parse every paste the other
test files hold, and a large mixed one, both ways and compare the whole result.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_paste_chat import CHATS
from test_paste_real_world import HEADINGS, PROSE, STATUS_PAGES, UNTIMED
from test_timeline_text import PASTES, SEED_TIMELINE

from pm_desktop.ingest import timeline_entries, timeline_text
from pm_desktop.ingest import timeline_formats as fmt
from pm_desktop.ingest.timeline_text import parse_timeline

# Phrases of every kind rule, near misses, and words that only contain a phrase.
KIND_WORDS = (
    "resolved", "not resolved", "isn't resolved", "incident closed", "all-clear", "back to normal",
    "mitigated", "x-mitigated", "partially restored", "error rate recovered", "improved",
    "acknowledged", "ack'd", "acked", "declared an incident", "started investigating",
    "alert fired", "paged", "pagerduty", "first customer reports", "reported by",
    "impact started", "went down", "users were unable", "errors began",
    "status page", "e-mailed", "email", "notified", "tweeted", "customer update",
    "redeployed", "rolled back", "restarted", "scaled out", "failed over", "disabled",
    "logs show", "we saw", "spike", "latency", "cpu", "root cause", "confirmed",
    "unresolved", "packed", "rack", "resolvedness", "p95", "checkout-api", "1234 ms", "nothing",
    "préparé", "ÉCHEC", "naïve", "—", "!", "", "_paged_", "9am", "a fix has been deployed",
    "2resolved", "resolved2", "re5solved", "pod-7 paged", "4xx alert fired", "v2 redeployed",
)  # fmt: skip


def _corpus() -> list[tuple[str, dict]]:
    """(text, parse options) of every paste in the parser's tests, and a mixed large one."""
    out: list[tuple[str, dict]] = [(SEED_TIMELINE, {"default_date": dt.date(2025, 3, 12)})]
    for p in PASTES:
        out.append((p.text, {"default_date": p.default_date, "default_tz": p.default_tz}))
    for c in (*HEADINGS, *PROSE, *UNTIMED, *STATUS_PAGES, *CHATS):
        options = {"default_date": c.default_date, "default_tz": c.default_tz}
        out.append((c.text, {**options, "date_order": c.date_order}))
    out.append((_mixed_paste(600), {"default_date": dt.date(2025, 3, 10)}))
    out.append((_mixed_paste(300), {"default_date": None, "default_tz": "Europe/Berlin"}))
    return out


def _mixed_paste(lines: int) -> str:
    """Every line shape of the benchmark paste, with words of every kind rule."""
    rng = random.Random(24)
    shapes = (
        "{hh:02d}:{mm:02d} \u2014 {text}",
        "{hh:02d}:{mm:02d} UTC - {text}",
        "[{hh:02d}:{mm:02d}] maria: {text}",
        "- **{hh:02d}:{mm:02d} UTC** - {text}",
        "| {hh:02d}:{mm:02d} | {text} |",
        "2025-03-{day:02d} {hh:02d}:{mm:02d}:{ss:02d} +01:00 {text}",
        "  continued: {text}",
        "",
        "{hh:02d}:{mm:02d} PST {text}",
    )
    out = ["Incident timeline \u2014 10 March 2025 (all times in UTC)"]
    minute = 0
    for i in range(lines):
        minute += rng.choice((0, 1, 2, 45))
        words = " and ".join(rng.sample(KIND_WORDS, 2))
        out.append(
            shapes[i % len(shapes)].format(
                hh=(minute // 60) % 24, mm=minute % 60, ss=rng.randint(0, 59),
                day=10 + minute // 1440, text=f"{words} on pod {i}",
            )
        )  # fmt: skip
    return "\n".join(out)


def _plain(monkeypatch: pytest.MonkeyPatch) -> None:
    """Turn every shortcut off: the parser then takes its plain path."""
    monkeypatch.setattr(fmt, "kind_in_words", fmt.kind_rule_by_rule)
    monkeypatch.setattr(timeline_entries.Draft, "finish", timeline_entries.Draft.finish_joined)


@pytest.mark.parametrize("index", range(len(_corpus())))
def test_every_paste_reads_the_same_with_and_without_the_shortcuts(index, monkeypatch):
    text, options = _corpus()[index]
    fast = parse_timeline(text, **options)
    with monkeypatch.context() as m:
        _plain(m)
        plain = parse_timeline(text, **options)
    assert fast.entries, "the corpus paste must give entries"
    assert dataclasses.astuple(fast) == dataclasses.astuple(plain)


def test_the_shortcuts_are_really_taken_and_really_turned_off(monkeypatch):
    calls: list[str] = []
    monkeypatch.setattr(fmt, "kind_rule_by_rule", lambda s: calls.append(s) or "note")
    parse_timeline("09:15 rolled back", default_date=dt.date(2025, 3, 10))
    assert calls == []
    _plain(monkeypatch)
    parse_timeline("09:15 rolled back", default_date=dt.date(2025, 3, 10))
    assert calls == ["rolled back"]


def test_one_pass_kind_search_agrees_with_the_rules_on_every_corpus_line():
    lines = {line.lower() for text, _ in _corpus() for line in text.splitlines()}
    lines.update(w.lower() for w in KIND_WORDS)
    assert len(lines) > 500
    for line in sorted(lines):
        assert fmt.kind_in_words(line) == fmt.kind_rule_by_rule(line), line


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(KIND_WORDS + (" ", ", ", "-", "(", ")")), max_size=8))
def test_one_pass_kind_search_agrees_with_the_rules_on_any_mix_of_phrases(words):
    text = " ".join(words).lower()
    assert fmt.kind_in_words(text) == fmt.kind_rule_by_rule(text)


def test_digits_never_change_the_kind_so_it_is_kept_per_text_with_digits_as_zero():
    for text in ("2resolved pod 7", "resolved2 pod 7", "pod-7 paged", "p95 1234 ms, restarted"):
        for digits in ("0123456789", "9876543210"):
            changed = text.translate(str.maketrans("0123456789", digits))
            assert fmt.kind_in_words(changed) == fmt.kind_rule_by_rule(changed), changed
    assert fmt.kind_in_words("2resolved") == "note"  # "2resolved" is one word: no phrase starts it
    assert fmt.kind_in_words("resolved 2") == "resolved"


def test_the_first_rule_in_order_wins_wherever_its_phrase_stands():
    # "restarted" (action) comes first in the line, "resolved" (an earlier rule) later.
    assert timeline_text.guess_kind("Restarted the pods; incident resolved") == "resolved"
    assert timeline_text.guess_kind("latency up, then rolled back") == "action"
    assert timeline_text.guess_kind("not resolved yet, mitigated by hand") == "mitigated"


def test_the_kind_cache_keeps_only_texts_of_a_usual_length():
    from pm_desktop.ingest import timeline_formats as tf

    tf._kind_in_words.cache_clear()
    long_text = "deploy started " + "x" * 5_000
    assert tf.kind_in_words(long_text) == tf.kind_rule_by_rule(long_text)
    assert tf._kind_in_words.cache_info().currsize == 0
    assert tf.kind_in_words("deploy started") == tf.kind_rule_by_rule("deploy started")
    assert tf._kind_in_words.cache_info().currsize == 1
