"""What a merge calls the same moment and the same person, at the edges of each rule."""

from __future__ import annotations

from dataclasses import replace

import pytest

from pm_desktop.domain import merge_match
from pm_desktop.domain.merge import plan_merge
from pm_desktop.domain.merge_match import (
    NEAR_IDENTICAL,
    MomentIndex,
    PeopleIndex,
    join_authors,
    near_identical,
    normalise,
    similarity,
)
from pm_desktop.domain.model import Person, Review, TimelineEvent


def ev(eid: str, time: str | None, text: str, author: str = "") -> TimelineEvent:
    return TimelineEvent(eid, time, text=text, author=author)


def test_normalise_folds_case_and_collapses_whitespace():
    assert normalise("  Rolled\tBACK \n the   deploy ") == "rolled back the deploy"
    assert normalise("STRASSE") == normalise("straße")


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("Rolled back the deploy", "rolled back   the DEPLOY", True),  # case and spaces only
        ("Paged on-call; Ana acknowledged", "Paged on-call; Ana acknowledged in Slack", True),
        ("Rolled back deploy 4812", "Rolled back deploy 4813", True),  # one digit
        ("DB failover started", "DB failover finished", False),
        ("Error rate 5 %", "Error rate 50 % and rising fast on EU nodes", False),
        ("", "", False),  # empty says nothing
        ("Restarted", "", False),
    ],
)
def test_near_identical_texts(a, b, same):
    assert near_identical(a, b) is same


def test_the_threshold_is_inclusive():
    # 20 characters, 3 changed at the end: ratio = 2*17/40 = 0.85 exactly.
    a, b = "abcdefghijklmnopqrst", "abcdefghijklmnopqxyz"
    assert similarity(a, b) == pytest.approx(NEAR_IDENTICAL)
    assert near_identical(a, b)
    c = "abcdefghijklmnopwxyz"  # one more changed: 2*16/40 = 0.80
    assert similarity(a, c) == pytest.approx(0.80)
    assert not near_identical(a, c)


def test_very_long_texts_must_be_equal_once_normalised():
    long = "log line " * 1000
    assert near_identical(long, long.upper())
    assert not near_identical(long, long + "x")


def test_join_authors_keeps_each_name_once_in_order():
    assert join_authors("Mei", "Ana") == "Mei, Ana"
    assert join_authors("Mei, Ana", "ana", "Raj") == "Mei, Ana, Raj"
    assert join_authors("", "Ana") == "Ana"
    assert join_authors("", "") == ""


@pytest.mark.parametrize(
    ("theirs_time", "found"),
    [
        ("2026-11-02T09:14:00Z", True),
        ("2026-11-02T09:16:00Z", True),  # exactly 2 minutes later
        ("2026-11-02T09:12:00Z", True),  # exactly 2 minutes earlier
        ("2026-11-02T09:16:01Z", False),
        ("2026-11-02T09:11:59Z", False),
        (None, False),
    ],
)
def test_the_same_moment_is_two_minutes_either_way(theirs_time, found):
    index = MomentIndex.of([ev("a", "2026-11-02T09:14:00Z", "Paged on-call")])
    twin = index.same_moment(ev("b", theirs_time, "paged on-call"))
    assert (twin is not None) is found


def test_untimed_notes_are_the_same_only_when_equal():
    index = MomentIndex.of([ev("a", None, "Ask the vendor about the timeout")])
    assert index.same_moment(ev("b", None, "ask the vendor about the  timeout")).id == "a"
    assert index.same_moment(ev("c", None, "Ask the vendor about the timeouts")) is None


def test_the_most_similar_then_nearest_event_wins():
    index = MomentIndex.of(
        [
            ev("far", "2026-11-02T09:15:50Z", "Rolled back deploy 4812"),
            ev("near", "2026-11-02T09:14:05Z", "Rolled back deploy 4812"),
            ev("other", "2026-11-02T09:14:00Z", "Rolled back deploy 4813"),
        ]
    )
    assert (
        index.same_moment(ev("t", "2026-11-02T09:14:00Z", "rolled back deploy 4812")).id == "near"
    )


def test_the_search_looks_only_at_neighbouring_buckets(monkeypatch):
    """20,000 events a minute apart: each lookup compares a handful, not all of them."""
    events = [
        ev(f"e{i}", f"2026-11-{1 + i // 1440:02d}T{i // 60 % 24:02d}:{i % 60:02d}:00Z", f"note {i}")
        for i in range(20_000)
    ]
    index = MomentIndex.of(events)
    calls = 0
    real = merge_match._Query.ratio

    def counting(self, other, counts):
        nonlocal calls
        calls += 1
        return real(self, other, counts)

    monkeypatch.setattr(merge_match._Query, "ratio", counting)
    for i in range(0, 20_000, 100):
        assert index.same_moment(ev(f"t{i}", events[i].time, f"note {i}")).id == f"e{i}"
    assert calls <= 200 * 6


def test_people_match_by_name_or_handle_case_folded():
    index = PeopleIndex([Person("p1", "Mei Lin", handles=("@mei",)), Person("p2", "Ana")])
    assert index.find(Person("x", "MEI LIN")) == "p1"
    assert index.find(Person("x", "Mei L.", handles=("mei",))) == "p1"
    assert index.find(Person("x", "ana")) == "p2"
    assert index.find(Person("x", "Raj")) is None


def test_two_participants_of_one_name_in_the_other_file_stay_two_and_match_ours():
    theirs = Review()
    theirs.people["r1"] = Person("r1", "Raj Patel", seq=1)
    theirs.people["r2"] = Person("r2", "raj patel", seq=2, handles=("@raj",))
    merge = plan_merge(Review(), theirs, "x.pmreview")
    assert merge.added["people"] == 2 and merge.duplicates == 0
    ours = Review()
    ours.people["p"] = Person("p", "Raj Patel", seq=1)
    merge = plan_merge(ours, theirs, "x.pmreview")
    merge.edit().apply(ours)
    assert list(ours.people) == ["p"] and ours.people["p"].handles == ("@raj",)
    assert merge.duplicates == 2


def test_review_list_fields_are_united_and_empty_fields_filled():
    ours, theirs = Review(), Review()
    ours.meta = replace(ours.meta, public_domains=("status.example.com",), impact="")
    theirs.meta = replace(
        theirs.meta, public_domains=("docs.example.com",), impact="EU checkout down"
    )
    merge = plan_merge(ours, theirs, "x.pmreview")
    merge.edit().apply(ours)
    assert ours.meta.public_domains == ("status.example.com", "docs.example.com")
    assert ours.meta.impact == "EU checkout down"
    assert not merge.conflicts


def test_a_file_created_and_saved_at_other_moments_is_no_conflict():
    """Created, last changed and the status changes are each file's own record, kept as ours."""
    ours, theirs = Review(), Review()
    ours.meta = replace(
        ours.meta, created="2026-11-02T10:00:00Z", changed="2026-11-03T08:00:00Z",
        status_history=("2026-11-02T10:00:00Z draft",),
    )  # fmt: skip
    theirs.meta = replace(
        theirs.meta, created="2026-11-02T10:00:01Z", changed="2026-11-04T17:30:00Z",
        status_history=("2026-11-04T17:30:00Z in-review",),
    )  # fmt: skip
    before = ours.meta
    merge = plan_merge(ours, theirs, "x.pmreview")
    assert not merge.conflicts
    assert merge.edit().edits == ()
    assert ours.meta == before and ours.meta.created == "2026-11-02T10:00:00Z"


def test_a_crowded_minute_looks_only_for_equal_texts(monkeypatch):
    """A file with thousands of notes at one instant: each lookup compares no text by ratio."""
    crowd = [ev(f"e{i}", "2026-11-02T09:14:00Z", f"alert fired on node {i}") for i in range(2_000)]
    index = MomentIndex.of(crowd)
    monkeypatch.setattr(
        merge_match._Query, "ratio", lambda *a: pytest.fail("ratio computed in a crowd")
    )
    assert index.same_moment(ev("t", "2026-11-02T09:14:30Z", "Alert fired on node 1234")).id == (
        "e1234"
    )
    assert index.same_moment(ev("u", "2026-11-02T09:14:30Z", "alert fired on node 12345")) is None
