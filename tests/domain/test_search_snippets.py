"""The library's excerpts and index look-ups come from the one search module."""

from __future__ import annotations

from pm_desktop.domain.search import Query, fts_phrases, snippet


def test_a_snippet_is_cut_around_the_first_hit_at_word_edges_with_spans_on_the_hits():
    text = (
        ("The morning was quiet. " * 8)
        + "Then the connection pool of ledger-db ran dry. "
        + ("Nothing else happened. " * 8)
    )
    texts = [("title", "Pool trouble"), ("text", text)]
    query = Query.parse("ledger pool")
    hits = query.matches_texts(texts)
    excerpt = snippet(texts, hits, width=60)
    assert excerpt is not None and excerpt.field == "title"
    # The title holds only "pool": the first hit decides the field shown.
    assert [excerpt.text[a:b] for a, b in excerpt.spans] == ["Pool"]
    body = snippet([("text", text)], query.matches_texts([("text", text)]), width=60)
    assert body.text.startswith("… ") and body.text.endswith(" …")
    assert [body.text[a:b] for a, b in body.spans] == ["pool", "ledger"]
    assert len(body.text) < 120


def test_snippet_spans_follow_accents_and_collapsed_white_space():
    text = "Café  \n\n  crème brûlée  was   served"
    hits = Query.parse("creme brulee").matches_texts([("t", text)])
    excerpt = snippet([("t", text)], hits)
    assert excerpt.text == "Café crème brûlée was served"
    assert [excerpt.text[a:b] for a, b in excerpt.spans] == ["crème", "brûlée"]


def test_no_hits_no_snippet():
    assert snippet([("t", "anything")], []) is None


def test_index_phrases_are_the_terms_long_enough_for_trigrams_each_quoted():
    query = Query.parse('ab "Say  hi NOW" timeout é OR*')
    assert fts_phrases(query) == ['"say hi now"', '"timeout"', '"or*"']
