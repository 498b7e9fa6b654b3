"""What the library answers over the generated 200 reviews: exact search hits, follow-ups with
their filters and order, trend numbers checked by hand, related reviews."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from library_gen import COUNT, TODAY, review_for

from pm_desktop.domain.recurrence import services_of
from pm_desktop.domain.search import Query
from pm_desktop.domain.trends import FollowupFacts, ReviewFacts, Spread, compute, csv_rows
from pm_desktop.library.queries import followup_csv_rows


def _index(path: str) -> int:
    return int(Path(path).stem.split("-")[1])


def test_search_finds_exactly_the_planted_snippet_text_and_highlights_it(indexed):
    library, *_ = indexed
    hits = library.search("kraken-queue overflow")
    expected = sorted(i for i in range(COUNT) if i % 10 == 3)
    assert sorted(_index(h.path) for h in hits) == expected
    assert {(h.kind, h.snippet.field) for h in hits} == {("evidence", "text")}
    for h in hits:
        assert h.item_id == f"v{_index(h.path)}-0"
        marked = [h.snippet.text[a:b] for a, b in h.snippet.spans]
        assert marked == ["kraken-queue", "overflow"]


def test_search_follows_the_find_rules_case_accents_and_inside_words(indexed):
    library, *_ = indexed
    assert len(library.search("KRÀKEN-QUEUE")) == len(library.search("kraken-queue")) == 20
    hits = library.search('"number 0042"')
    assert [(_index(h.path), h.kind, h.item_id) for h in hits] == [(42, "event", "e42-0")]
    # Every word must be in the same item: the first event and the follow-ups name both.
    service = services_of(review_for(42).meta.affected_services)[0]
    hits = library.search(f"0042 {service}")
    board_order = [f.id for f in review_for(42).sorted_followups()]
    assert [(h.kind, h.item_id) for h in hits] == [("event", "e42-0")] + [
        ("followup", card) for card in board_order
    ]
    assert library.search("0042 kraken") == []


def test_search_agrees_with_the_domain_matcher_item_by_item(indexed):
    library, *_ = indexed
    query = Query.parse("pool ledger")
    hits = library.search(query.text, limit=10_000)
    expected = set()
    for i in range(COUNT):
        review = review_for(i)
        for w in review.sorted_whys():
            if query.test(w):
                expected.add((i, "why", w.id))
        for f in review.sorted_followups():
            if query.test(f, review):
                expected.add((i, "followup", f.id))
        for e in review.sorted_evidence():
            if query.test(e):
                expected.add((i, "evidence", e.id))
        for e in review.sorted_events():
            if query.test(e):
                expected.add((i, "event", e.id))
        if query.test(review.meta):
            expected.add((i, "review", ""))
    assert {(_index(h.path), h.kind, h.item_id) for h in hits} == expected
    assert expected  # the generator plants ledger-db pool causes


def test_short_words_without_a_trigram_still_search(indexed):
    library, *_ = indexed
    hits = library.search("0 ab", limit=5)
    assert len(hits) == 5 and all(h.snippet.spans for h in hits)
    assert library.search("zq") == []


def test_follow_ups_of_every_review_are_listed_overdue_first(indexed):
    library, *_ = indexed
    entries = library.followups(TODAY)
    assert len(entries) == sum(2 + i % 4 for i in range(COUNT))
    flags = [(not e.is_open, not e.overdue(TODAY)) for e in entries]
    assert flags == sorted(flags)
    overdue = [e for e in entries if e.overdue(TODAY)]
    assert [e.due for e in overdue] == sorted(e.due for e in overdue)


def test_follow_up_filters_open_overdue_owner_and_team(indexed):
    library, *_ = indexed
    every = library.followups(TODAY)
    opened = library.followups(TODAY, open_only=True)
    assert opened == [e for e in every if e.status in ("todo", "doing")]
    overdue = library.followups(TODAY, overdue_only=True)
    assert overdue and all(e.is_open and e.due < "2026-12-01" for e in overdue)
    mine = library.followups(TODAY, owner="mei")
    assert mine and {e.owner for e in mine} == {"Mei Lin"}
    team = library.followups(TODAY, team="platform")
    assert team and {e.team for e in team} == {"Platform"}
    # Teams come from the review's people: the owner's team in that review.
    for e in team[:20]:
        review = review_for(_index(e.path))
        assert any(p.name == e.owner and p.team == "Platform" for p in review.people.values())


def test_open_follow_ups_of_reviews_older_than_90_days_are_marked(indexed):
    library, *_ = indexed
    for e in library.followups(TODAY, open_only=True):
        age = (TODAY - dt.date.fromisoformat(e.review_date)).days
        assert e.stale(TODAY) == (age > 90)
    rows = followup_csv_rows(library.followups(TODAY, owner="mei"), TODAY)
    assert rows[0][:3] == ["Title", "Owner", "Team"]
    assert all(r[1] == "Mei Lin" for r in rows[1:])


def test_trend_numbers_for_a_small_library_checked_by_hand():
    facts = [
        ReviewFacts("a", "2026-01-05", "SEV1", {"TTD": 60, "TTR": 3600},
                    (FollowupFacts("done"), FollowupFacts("todo"), FollowupFacts("dropped"))),
        ReviewFacts("b", "2026-01-20", "SEV2", {"TTD": 180, "TTR": 7200}, (FollowupFacts("done"),)),
        ReviewFacts("c", "2026-01-28", "SEV2", {"TTD": 300}, ()),
        ReviewFacts("d", "2026-03-02", "SEV2", {"TTD": 600, "TTR": 600}, (FollowupFacts("doing"),)),
        ReviewFacts("undated", "", "SEV1", {"TTD": 1}, ()),
    ]  # fmt: skip
    trends = compute(facts, today=dt.date(2026, 4, 1))
    assert trends.periods == ("2026-01", "2026-02", "2026-03")
    # January TTD: 60, 180, 300 s → median 180, quartiles 120 and 240 (inclusive method).
    assert trends.metric("TTD")["2026-01"] == Spread(3, 180, 120, 240)
    assert trends.metric("TTR")["2026-01"] == Spread(2, 5400, 4500, 6300)
    assert trends.metric("TTD", "SEV2")["2026-01"] == Spread(2, 240, 210, 270)
    assert "2026-02" not in trends.metric("TTD")
    counts = {c.period: c for c in trends.counts}
    assert [counts[p].incidents for p in trends.periods] == [3, 0, 1]
    jan = counts["2026-01"]
    assert (jan.followups, jan.done, jan.open, jan.completion) == (3, 2, 1, 2 / 3)
    assert jan.open_age_days == Spread(1, 86, 86, 86)  # 5 January → 1 April
    assert counts["2026-03"].completion == 0.0
    quarters = compute(facts, by="quarter", today=dt.date(2026, 4, 1))
    assert quarters.periods == ("2026-Q1",)
    assert quarters.metric("TTD")["2026-Q1"].median == 240
    table = csv_rows(trends)
    assert table[1][:8] == ["2026-01", "all", "3", "3", "2", "1", "67", "86"]
    assert compute(facts, since="2026-02-01").periods == ("2026-03",)


def test_the_library_trends_use_each_reviews_own_metrics(indexed):
    library, *_ = indexed
    facts = {Path(f.key).stem: f for f in library.facts()}
    f = facts["incident-0007"]
    ttd, tta = 2 + 7 % 13, 1 + 7 % 5
    ttm = ttd + tta + 10 + 7 % 30
    assert f.metrics == {"TTD": ttd * 60, "TTA": tta * 60, "TTM": ttm * 60,
                         "TTR": (ttm + 20 + 7 % 45) * 60}  # fmt: skip
    assert len(compute(library.facts()).periods) >= 20


def test_reviews_with_the_same_root_cause_are_related_with_their_reasons(indexed):
    library, *_ = indexed
    path = next(r.path for r in library.reviews() if Path(r.path).stem == "incident-0140")
    relations = library.related_to(path)
    assert relations
    assert all(r.other.date < review_for(140).meta.incident_date for r in relations)
    cause_twins = [r for r in relations if "similar cause" in r.reasons]
    assert {int(Path(r.other.key).stem.split("-")[1]) % 7 for r in cause_twins} >= {0}
    entry = next(r for r in library.reviews() if r.path == path)
    assert entry.related_earlier == len(relations)
