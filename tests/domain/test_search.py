"""One meaning of Find: words and phrases, no case, no accents, spans that point at the original."""

from __future__ import annotations

import pytest

from pm_desktop.domain.model import (
    Criterion,
    Evidence,
    FollowUp,
    Person,
    Review,
    ReviewMeta,
    TimelineEvent,
    WhyNode,
)
from pm_desktop.domain.search import Query, entity_texts, fold, fold_with_offsets

TEXTS = {
    "accent": "Le cache de Zoë a expiré à 09:15; la file d'attente a débordé.",
    "decomposed": "Cafe\u0301 au lait: re\u0301seau lent",
    "german": "Die Straße zum Rechenzentrum war gesperrt (Glasfaser).",
    "cjk": "東京リージョンでタイムアウトが発生した",
    "punctuation": "api-gateway returned HTTP 503 (upstream: auth-svc); retry=3",
    "spaces": "Disk\t full   on  db-01\nafter the backup",
    "turkish": "İstanbul ekibi uyarıyı gördü",
}


@pytest.mark.parametrize(
    ("query", "key", "found"),
    [
        ("expire", "accent", True),
        ("ZOE", "accent", True),
        ("débordé zoë", "accent", True),
        ("debordement", "accent", False),
        ("café réseau", "decomposed", True),
        ("strasse", "german", True),
        ("STRASSE glasfaser", "german", True),
        ("タイムアウト", "cjk", True),
        ("東京 発生", "cjk", True),
        ("大阪", "cjk", False),
        ("auth-svc", "punctuation", True),
        ("503 upstream:", "punctuation", True),
        ('"http 503"', "punctuation", True),
        ('"503 http"', "punctuation", False),
        ('"disk full on db-01"', "spaces", True),
        ("“after the backup”", "spaces", True),
        ('"full disk"', "spaces", False),
        ("istanbul", "turkish", True),
        ("UYARIYI", "turkish", False),  # dotless ı is its own letter, not an accented i
        ("uyarıyı", "turkish", True),
        ('"unclosed phrase', "spaces", False),
        ('backup "after the', "spaces", True),
    ],
)
def test_query_matches_real_texts(query: str, key: str, found: bool) -> None:
    text = TEXTS[key]
    q = Query.parse(query)
    assert q.test_texts([text]) is found
    hits = q.matches_texts([("text", text)])
    assert bool(hits) is found
    for hit in hits:
        assert fold(text[hit.start : hit.end]) == hit.term


@pytest.mark.parametrize(
    "text",
    list(TEXTS.values()) + ["", "  ", "ﬁ ẞ Ⅻ", "a\u00a0b", "a\U0001d165b ¨", "x" * 5000 + "É"],
)
def test_fast_fold_and_fold_with_offsets_agree(text: str) -> None:
    folded, origin = fold_with_offsets(text)
    assert folded == fold(text)
    assert len(origin) == len(folded)
    assert origin == sorted(origin)


def test_hit_spans_cover_the_original_characters_for_highlighting() -> None:
    text = TEXTS["decomposed"]
    [hit] = Query.parse("CAFÉ").matches_texts([("note", text)])
    assert (hit.field, text[hit.start : hit.end]) == ("note", "Cafe\u0301")
    [hit] = Query.parse("strasse").matches_texts([("text", TEXTS["german"])])
    assert TEXTS["german"][hit.start : hit.end] == "Straße"


def test_every_term_must_match_but_across_fields() -> None:
    event = TimelineEvent(id="e", time=None, text="Paged the on-call", author="Mei Lin")
    assert Query.parse("paged mei").test(event)
    hits = Query.parse("paged mei").matches(event)
    assert [(h.field, h.term) for h in hits] == [("text", "paged"), ("author", "mei")]
    assert not Query.parse("paged bob").matches(event)
    assert not Query.parse("paged bob").test(event)


def test_every_occurrence_is_a_hit_in_reading_order() -> None:
    hits = Query.parse("db").matches_texts([("text", "db-01 and db-02; DB")])
    assert [h.start for h in hits] == [0, 10, 17]


def test_empty_query_matches_everything_but_highlights_nothing() -> None:
    for text in ("", "   ", '""'):
        q = Query.parse(text)
        assert not q
        assert q.test_texts(["anything"])
        assert q.matches_texts([("text", "anything")]) == []


def test_repeated_terms_are_asked_once() -> None:
    assert Query.parse("disk Disk DISK").terms == ("disk",)


def test_follow_up_texts_include_criteria_and_linked_causes() -> None:
    review = Review()
    review.whys["w"] = WhyNode(id="w", parent_id=None, text="No alert on queue depth")
    card = FollowUp(
        id="f",
        title="Add alert",
        acceptance_criteria=(Criterion("Pager fires in staging"),),
        why_ids=("w", "gone"),
    )
    fields = dict(entity_texts(card, review))
    assert fields["acceptance_criteria.0"] == "Pager fires in staging"
    assert fields["whys.w"] == "No alert on queue depth"
    assert Query.parse("queue staging").test(card, review)
    assert not Query.parse("queue staging").test(card)  # without the review: no linked causes


@pytest.mark.parametrize(
    ("entity", "query"),
    [
        (Evidence(id="x", kind="link", url="https://grafana.example/d/abc"), "grafana"),
        (Evidence(id="x", kind="file", filename="pod-logs.txt"), "pod logs"),
        (Person(id="p", name="Zoë Martín", handles=("@zoe.m",)), "martin @zoe"),
        (ReviewMeta(summary="Checkout was slow"), "checkout"),
        (WhyNode(id="w", parent_id=None, text="Le délai était trop court"), "delai"),
    ],
)
def test_each_kind_of_item_is_searched_on_its_own_texts(entity: object, query: str) -> None:
    assert Query.parse(query).test(entity)
    assert Query.parse(query).matches(entity)


def test_an_unknown_item_is_a_programming_error() -> None:
    with pytest.raises(TypeError):
        entity_texts(object())


@pytest.mark.parametrize("query", ["zoe", "cache 東京", '"timed out"', "resume strasse", "db-01"])
def test_the_quick_yes_no_agrees_with_the_hits(query: str) -> None:
    q = Query.parse(query)
    for text in TEXTS.values():
        event = TimelineEvent(id="e", time=None, text=text, author="Zoë")
        assert q.test(event) is bool(q.matches(event)), text
