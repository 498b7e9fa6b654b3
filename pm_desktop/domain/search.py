"""Find, once: what a query means and where it matches, for every panel and for the library.

A query is words and "quoted phrases". An item matches when every word and every phrase appears
somewhere in its texts (any field, any order), and every ``source:WORD`` / ``author:WORD``
(also ``author:"Mei Lin"``) appears in the item's source (``slack:#inc-db``) or author; a word matches inside a longer word ("time"
finds "timeout"), which also makes it work for languages written without spaces. Matching
ignores case and accents: both sides are folded with casefold and NFKD with the combining marks
dropped, and runs of white space count as one space.

Matching is on the entity's own texts (:func:`entity_texts`), never on what a widget shows, so
the timeline, evidence, whys, board and overview agree for the same query, and a library index
(FTS5 over the same texts) can use the same :class:`Query` to check and highlight its hits.

- ``Query.parse(text)`` — the query; ``bool(query)`` is False when it asks for nothing.
- ``query.test(entity)`` — the fast yes/no a filter needs (no spans computed).
- ``query.matches(entity)`` — the :class:`Hit` list (field, start, end in the original text)
  that a UI highlights; empty when the entity does not match.
- ``query.matches_texts(pairs)`` — the same over any ``(field, text)`` pairs.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from pm_desktop.domain.model import (
    Evidence,
    FollowUp,
    ParkingItem,
    Person,
    Review,
    ReviewMeta,
    TimelineEvent,
    WhyNode,
)

Texts = list[tuple[str, str]]

# The review fields the overview shows as text, in the order Find visits them.
META_FIELDS: tuple[str, ...] = (
    "title",
    "summary",
    "impact",
    "trigger",
    "detection",
    "response",
    "recovery",
    "affected_services",
    "affected_regions",
    "lessons_went_well",
    "lessons_went_wrong",
    "lessons_got_lucky",
    "lessons_learned",
    "opening_statement",
    "authors",
    "confidentiality",
    "facilitator",
    "note_taker",
    "attendees",
)


@lru_cache(maxsize=4096)
def _fold_char(char: str) -> str:
    if char.isspace():
        return " "
    decomposed = unicodedata.normalize("NFKD", char.casefold())
    kept = "".join(c for c in decomposed if not unicodedata.combining(c))
    return kept.casefold()


_marks: re.Pattern[str] | None = None
CACHED_LENGTH = 4096  # longer texts (pasted logs) are folded afresh rather than kept twice


def _marks_re() -> re.Pattern[str]:
    """Combining marks of the Basic Multilingual Plane, built on the first accented text."""
    global _marks
    if _marks is None:
        marks = "".join(chr(i) for i in range(0x10000) if unicodedata.combining(chr(i)))
        _marks = re.compile(f"[{re.escape(marks)}]+")
    return _marks


def _fold(text: str) -> str:
    if text.isascii():
        folded = text.lower()
    else:  # the same as _fold_char on each character, at C speed
        folded = _marks_re().sub("", unicodedata.normalize("NFKD", text.casefold()))
        if max(folded) > "\uffff":
            folded = "".join(c for c in folded if not unicodedata.combining(c))
        folded = folded.casefold()
    return " ".join(folded.split())


_fold_cached = lru_cache(maxsize=1 << 17)(_fold)


def fold(text: str) -> str:
    """``text`` as matching sees it: no case, no accents, single spaces, no outer spaces.

    Cached: a Find re-reads the same texts at every keystroke."""
    return _fold_cached(text) if len(text) <= CACHED_LENGTH else _fold(text)


_UNEVEN_SPACE_RE = re.compile(r"\s\s|[^\S ]|^ | $")


def fold_with_offsets(text: str) -> tuple[str, list[int]]:
    """:func:`fold` plus, for each folded character, the index of the character it came from."""
    if text.isascii() and not _UNEVEN_SPACE_RE.search(text):
        # Plain text (the common case): folding is lower-casing, one character for one.
        return text.lower(), list(range(len(text)))
    out: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        piece = _fold_char(char)
        for c in piece:
            if c == " " and (not out or out[-1] == " "):
                continue
            out.append(c)
            origin.append(index)
    if out and out[-1] == " ":
        out.pop()
        origin.pop()
    return "".join(out), origin


# Field words: ``source:slack``, ``author:mei``, ``author:"Mei Lin"`` narrow to one field.
QUALIFIERS: tuple[str, ...] = ("source", "author")
_QUALIFIER_RE = re.compile(r'(?<!\S)(source|author):(?:"([^"]*)"?|“([^”]*)”?|(\S+))', re.IGNORECASE)


def _qualifiers(text: str) -> tuple[str, tuple[tuple[str, str], ...]]:
    """The query without its field words, and the field words as (field, folded value)."""
    found: list[tuple[str, str]] = []

    def take(m: re.Match[str]) -> str:
        value = fold(m.group(2) or m.group(3) or m.group(4) or "")
        if value:
            found.append((m.group(1).lower(), value))
        return " "

    return _QUALIFIER_RE.sub(take, text), tuple(dict.fromkeys(found))


def _field_value(entity: object, name: str) -> str | None:
    if name == "source":
        value = getattr(entity, "source", None)
        return value if isinstance(value, str) else None
    if isinstance(entity, Evidence):
        return entity.captured_by
    value = getattr(entity, "author", None)
    return value if isinstance(value, str) else None


def _split_query(text: str) -> list[str]:
    """Words and quoted phrases (straight or curly quotes; an unclosed quote runs to the end)."""
    terms: list[str] = []
    normal = text.replace("“", '"').replace("”", '"').replace("„", '"')
    for i, part in enumerate(normal.split('"')):
        if i % 2:  # inside quotes
            phrase = fold(part)
            if phrase:
                terms.append(phrase)
        else:
            terms.extend(fold(part).split())
    return terms


@dataclass(frozen=True, slots=True)
class Hit:
    """One place a query term matched: ``text[start:end]`` of ``field`` in the original text.

    ``field`` names the entity's field (``title``, ``acceptance_criteria.0``, ``whys.<id>`` for a
    linked why's text on a card).
    """

    field: str
    start: int
    end: int
    term: str


@dataclass(frozen=True, slots=True)
class Query:
    """A parsed Find text: folded terms (words and phrases), all of which must match."""

    text: str
    terms: tuple[str, ...]
    fields: tuple[tuple[str, str], ...] = ()  # (source|author, folded value)

    @classmethod
    def parse(cls, text: str) -> Query:
        rest, fields = _qualifiers(text or "")
        seen: dict[str, None] = dict.fromkeys(_split_query(rest))
        return cls(text or "", tuple(seen), fields)

    def __bool__(self) -> bool:
        return bool(self.terms or self.fields)

    def fields_match(self, entity: object) -> bool:
        """Every field word is in that field of ``entity`` (an item without the field fails)."""
        for name, value in self.fields:
            have = _field_value(entity, name)
            if have is None or value not in fold(have):
                return False
        return True

    def test_texts(self, texts: Iterable[str]) -> bool:
        """True when every term is in one of ``texts`` (an empty query matches everything)."""
        if not self.terms:
            return True
        haystack = "\n".join(fold(t) for t in texts if t)
        return all(term in haystack for term in self.terms)

    def test(self, entity: object, review: Review | None = None) -> bool:
        if self.fields and not self.fields_match(entity):
            return False
        if not self.terms:
            return True
        if review is None or not isinstance(entity, FollowUp):
            haystack = _haystack(entity)
        else:  # a card's linked causes change without the card changing: not cached
            haystack = _join_folded(entity_texts(entity, review))
        return all(term in haystack for term in self.terms)

    def matches_texts(self, texts: Iterable[tuple[str, str]]) -> list[Hit]:
        """Every occurrence of every term, in field order; empty unless all terms occur."""
        if not self.terms:
            return []
        hits: list[Hit] = []
        found: set[str] = set()
        for field, text in texts:
            if not text:
                continue
            quick = fold(text)  # cached and at C speed: skip fields no term is in
            if not any(term in quick for term in self.terms):
                continue
            folded, origin = fold_with_offsets(text)
            here: list[Hit] = []
            for term in self.terms:
                at = folded.find(term)
                while at >= 0:
                    last = at + len(term) - 1
                    here.append(Hit(field, origin[at], _end_of(text, origin[last]), term))
                    found.add(term)
                    at = folded.find(term, at + 1)
            hits.extend(sorted(here, key=lambda h: (h.start, h.end)))
        if len(found) < len(self.terms):
            return []
        return hits

    def matches(self, entity: object, review: Review | None = None) -> list[Hit]:
        if self.fields:
            if not self.fields_match(entity):
                return []
            if not self.terms:  # only field words: the fields themselves are the hits
                hits = []
                for name, _value in self.fields:
                    have = _field_value(entity, name) or ""
                    field = (
                        "captured_by" if isinstance(entity, Evidence) and name == "author" else name
                    )
                    hits.append(Hit(field, 0, len(have), name))
                return hits
        return self.matches_texts(entity_texts(entity, review))


def _join_folded(texts: Texts) -> str:
    return "\n".join([fold(text) for _field, text in texts if text])


@lru_cache(maxsize=1 << 16)
def _haystack(entity: object) -> str:
    """Every text of an entity, folded (entities are frozen values: the same value, the same
    texts; a Find re-reads them at every keystroke)."""
    return _join_folded(entity_texts(entity))


def _end_of(text: str, index: int) -> int:
    """One past the character at ``index`` and the combining marks that belong to it."""
    end = index + 1
    while end < len(text) and unicodedata.combining(text[end]):
        end += 1
    return end


def entity_texts(entity: object, review: Review | None = None) -> Texts:
    """The ``(field, text)`` pairs Find looks at for one item of a review.

    With ``review``, a follow-up also offers the text of the why nodes it is linked to (so a
    card is found by the cause it answers).
    """
    if isinstance(entity, TimelineEvent):
        return [
            ("text", entity.text),
            ("author", entity.author),
            ("open_question", entity.open_question),
        ]
    if isinstance(entity, Evidence):
        return [
            ("title", entity.title),
            ("note", entity.note),
            ("text", entity.text),
            ("url", entity.url),
            ("filename", entity.filename),
            ("captured_by", entity.captured_by),
        ]
    if isinstance(entity, WhyNode):
        return [("text", entity.text)]
    if isinstance(entity, FollowUp):
        return _followup_texts(entity, review)
    if isinstance(entity, Person):
        pairs = [
            ("name", entity.name),
            ("role", entity.role),
            ("team", entity.team),
            ("contribution", entity.contribution),
        ]
        pairs.extend((f"handles.{i}", h) for i, h in enumerate(entity.handles))
        return pairs
    if isinstance(entity, ParkingItem):
        return [("text", entity.text)]
    if isinstance(entity, ReviewMeta):
        return [(name, getattr(entity, name)) for name in META_FIELDS]
    raise TypeError(f"nothing to search in a {type(entity).__name__}")


def _followup_texts(card: FollowUp, review: Review | None) -> Texts:
    pairs = [
        ("title", card.title),
        ("description", card.description),
        ("owner", card.owner),
        ("url", card.url),
        ("priority", card.priority),
        ("type", card.type),
    ]
    pairs.extend(
        (f"acceptance_criteria.{i}", c.text) for i, c in enumerate(card.acceptance_criteria)
    )
    if review is not None:
        for why_id in card.why_ids:
            node = review.whys.get(why_id)
            if node is not None:
                pairs.append((f"whys.{why_id}", node.text))
    return pairs


@dataclass(frozen=True, slots=True)
class Snippet:
    """A short excerpt of one field around its first hit, with the hits inside it as
    ``(start, end)`` spans of ``text`` (what a result list highlights)."""

    field: str
    text: str
    spans: tuple[tuple[int, int], ...]


def snippet(texts: Iterable[tuple[str, str]], hits: list[Hit], width: int = 120) -> Snippet | None:
    """The excerpt a result list shows for ``hits`` (from :meth:`Query.matches_texts` over the
    same ``texts``): the field of the first hit, cut to about ``width`` characters around it at
    word edges, white space runs shown as one space. ``None`` when there are no hits."""
    if not hits:
        return None
    field = hits[0].field
    text = dict(texts).get(field, "")
    first = hits[0]
    start = max(0, first.start - width // 3)
    end = min(len(text), max(first.end, start + width))
    if start > 0:
        space = text.rfind(" ", 0, start)
        start = space + 1 if space >= 0 and start - space < 20 else start
    if end < len(text):
        space = text.find(" ", end)
        end = space if 0 <= space and space - end < 20 else end
    prefix = "… " if start > 0 else ""
    suffix = " …" if end < len(text) else ""

    def shown(upto: int) -> int:  # where text[upto] lands in the excerpt
        return len(prefix) + len(_collapse(text[start:upto]))

    spans = tuple(
        (shown(hit.start), shown(hit.end))
        for hit in hits
        if hit.field == field and hit.start >= start and hit.end <= end
    )
    return Snippet(field, prefix + _collapse(text[start:end]) + suffix, spans)


_SPACES_RE = re.compile(r"\s+")


def _collapse(text: str) -> str:
    """Runs of white space as one space (as :func:`fold` sees them)."""
    return _SPACES_RE.sub(" ", text)


def fts_phrases(query: Query, shortest: int = 3) -> list[str]:
    """The query's terms a trigram full-text index can look up (``shortest`` characters or
    more), each as an FTS5 string with its quotes doubled; a library index ANDs them to find
    candidates, then :meth:`Query.matches_texts` decides (the index stores :func:`fold` text)."""
    return ['"' + term.replace('"', '""') + '"' for term in query.terms if len(term) >= shortest]
