"""Who is the subject of a sentence: a person, or a system, a team, a common word?

A participant's name, he/she, "someone" and "the intern" are always people (:data:`KNOWN`); a
common given name is one (:data:`NAME`); a group of people ("the SRE team", "Operations", "the
developers") is :data:`GROUP` — people, but judged only by what a group can fail at (reacting,
responding, testing), never by "X should have"; an unknown capitalised word in the middle of a
sentence may be a person (:data:`MAYBE`); days, months, systems, vendors, areas of the product and
capitalised common words never are (:data:`NONE`). Unicode names, decomposed accents and possessives ("Zoë's", "Andrés'")
are handled; tokens are computed once per text, and only when a rule needs them.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass
from functools import cached_property, lru_cache

from . import lexicon as lx
from . import rules as R

NONE, MAYBE, GROUP, NAME, KNOWN = 0, 1, 2, 3, 4

_TOKEN = re.compile(r"[^\W_][\w\u0300-\u036f]*(?:['-][^\W_][\w\u0300-\u036f]*)*")
_BOUNDARY = re.compile(r"[.!?;:\n\r•·—–*#>()\[\]{}\"“”|]")
_SENTENCE_END = re.compile(r"[.!?\n\r]")
_OWNED = re.compile(R.OWNED_THINGS, re.IGNORECASE)
_AREAS = lx.TEAMS_AND_AREAS | lx.SYSTEMS  # "someone from the data team"


@dataclass(frozen=True, slots=True)
class Token:
    start: int
    end: int
    base: str  # without a possessive 's / '
    fold: str  # base, case-folded and NFC
    possessive: bool
    sent_start: bool


class Text:
    """One text, straightened apostrophes, and its tokens and sentence ends — computed on first
    use, since most texts never match a predicate and need no tokens at all."""

    def __init__(self, text: str, participants: frozenset[str]) -> None:
        self.raw = text
        self.norm = text.replace("’", "'").replace("‘", "'")
        low = self.norm.lower()
        # what the coach's patterns scan: see ``prefilter.Scanner``
        self.fold = 1 if len(low) == len(self.norm) else 0
        self.hay = low if self.fold else self.norm
        self.participants = participants
        self._searched: dict[tuple[str, int, int], bool] = {}

    @cached_property
    def tokens(self) -> list[Token]:
        tokens: list[Token] = []
        prev_end = 0
        for m in _TOKEN.finditer(self.norm):
            word = m.group()
            end = m.end()
            possessive = False
            if word.endswith(("'s", "'S")) and len(word) > 2:
                word, possessive = word[:-2], True
            elif word[-1:] in "sS" and self.norm[end : end + 1] == "'":
                possessive = True
            sent = not tokens or bool(_BOUNDARY.search(self.norm, prev_end, m.start()))
            fold = unicodedata.normalize("NFC", word).casefold()
            tokens.append(Token(m.start(), end, word, fold, possessive, sent))
            prev_end = end
        return tokens

    @cached_property
    def starts(self) -> list[int]:
        return [t.start for t in self.tokens]

    @cached_property
    def sentence_ends(self) -> list[int]:
        return [m.start() for m in _SENTENCE_END.finditer(self.norm)]

    def token_at(self, pos: int) -> int:
        """Index of the first token starting at or after ``pos``."""
        return bisect.bisect_left(self.starts, pos)

    def sentence_bounds(self, start: int, end: int) -> tuple[int, int]:
        i = bisect.bisect_left(self.sentence_ends, start)
        lo = self.sentence_ends[i - 1] + 1 if i > 0 else 0
        j = bisect.bisect_left(self.sentence_ends, end)
        hi = self.sentence_ends[j] if j < len(self.sentence_ends) else len(self.norm)
        return lo, hi

    def has(self, regex: re.Pattern[str], lo: int, hi: int) -> bool:
        """Whether ``regex`` occurs in ``norm[lo:hi]`` (cached: many hits share one sentence)."""
        key = (regex.pattern, lo, hi)
        if key not in self._searched:
            self._searched[key] = regex.search(self.norm, lo, hi) is not None
        return self._searched[key]

    def only_space_between(self, a: int, b: int) -> bool:
        return self.norm[a:b].strip() == ""


# ------------------------------------------------------------------------------ people


@lru_cache(maxsize=64)
def participant_tokens(people: tuple[str, ...]) -> frozenset[str]:
    """Every word of every participant's name (as typed, NFC), except particles like "van"."""
    out: set[str] = set()
    for name in people:
        for m in _TOKEN.finditer(name.replace("’", "'")):
            word = unicodedata.normalize("NFC", m.group())
            if word.endswith("'s"):
                word = word[:-2]
            if len(word) < 2 or word.casefold() in lx.NAME_PARTICLES or word.isdigit():
                continue
            if word.isupper() and len(word) <= 4 and not name.isupper():
                continue  # "Dana (SRE)": the acronym is a role, not a name
            out.add(word)
    return frozenset(out)


def name_like(word: str) -> bool:
    """Shaped like a personal name: capitalised letters, not an acronym or a CamelCase product."""
    if len(word) < 2 or not word[0].isupper():
        return False
    letters = [c for c in word if c.isalpha()]
    if not letters or all(c.isupper() for c in letters):
        return False  # "DNS", "CI"
    for i, ch in enumerate(word):
        if not (ch.isalpha() or ch in "'-" or unicodedata.combining(ch)):
            return False
        if i and ch.isupper() and word[i - 1] not in "'-" and word[:i] not in ("Mc", "Mac", "O"):
            return False  # "PagerDuty", "GitHub"
    return True


def is_participant(t: Token, doc: Text) -> bool:
    return unicodedata.normalize("NFC", t.base) in doc.participants


def _name_chunk_class(doc: Text, chunk: list[int]) -> int:
    toks = [doc.tokens[i] for i in chunk]
    if any(is_participant(t, doc) for t in toks):
        return KNOWN
    if any(t.fold in lx.NOT_PERSON for t in toks):
        return NONE
    before = chunk[0] - 1
    if before >= 0 and not toks[0].sent_start and doc.tokens[before].fold in lx.DETERMINERS:
        return NONE  # "the Scheduler", "our Ledger"
    if any(t.fold in lx.FIRST_NAMES for t in toks):
        return NAME
    if len(toks) == 1 and toks[0].sent_start and toks[0].fold.endswith(lx.NOUN_SUFFIXES):
        return NONE  # "Deploys ignored …", "Caching missed …"
    return MAYBE


def _role_class(doc: Text, j: int) -> tuple[int, int]:
    """A singular role after a determiner is one person: "the intern", "a junior developer";
    and where that person's words start (the determiner)."""
    k = j - 1
    for _ in range(2):
        if k >= 0 and doc.tokens[k].fold in lx.ROLE_MODIFIERS:
            k -= 1
    if k >= 0 and doc.tokens[k].fold in lx.DETERMINERS:
        return KNOWN, doc.tokens[k].start
    return NONE, doc.tokens[j].start


def _group_start(doc: Text, j: int) -> int | None:
    """Where a group of people ending at ``j`` starts: "Operations", "the SRE team", "the
    developers", "the networking folks", "the on-call rotation"; None if it is not one."""
    t = doc.tokens[j]
    if t.fold in lx.PEOPLE_GROUPS:
        k = j - 1
        if k >= 0 and not t.sent_start and doc.tokens[k].fold in lx.DETERMINERS:
            return doc.tokens[k].start
        return t.start
    if t.fold in lx.GROUP_HEADS_AFTER:
        if j == 0 or doc.tokens[j - 1].fold not in lx.GROUP_HEADS_AFTER[t.fold]:
            return None
    elif t.fold not in lx.GROUP_HEADS and t.fold not in lx.PLURAL_ROLES:
        return None
    k = j
    while k > 0 and j - k < 3 and not doc.tokens[k].sent_start:
        prev = doc.tokens[k - 1]
        if prev.possessive or prev.fold in lx.DETERMINERS:
            break
        k -= 1  # "the payments on-call rotation", "the networking folks"
    if k > 0 and not doc.tokens[k].sent_start and doc.tokens[k - 1].fold in lx.DETERMINERS:
        return doc.tokens[k - 1].start
    if k < j and doc.tokens[k].sent_start:
        return doc.tokens[k].start  # "Payments team ignored …"
    if t.fold in lx.PLURAL_ROLES and k == j:
        return t.start  # "Engineers never bothered …"
    return None


def owner_class(doc: Text, j: int) -> tuple[int, int]:
    """Like :func:`subject_class` for the owner in a possessive ("the intern's bad query")."""
    t = doc.tokens[j]
    if t.fold in lx.ROLE_NOUNS:
        return _role_class(doc, j)
    return subject_class(doc, j, owned=False)


def subject_class(
    doc: Text, j: int, *, owned: bool = True, affiliated: bool = True
) -> tuple[int, int]:
    """How surely the token at ``j`` (ending a subject) is a person; and where the subject starts."""
    if j < 0:
        return NONE, 0
    t = doc.tokens[j]
    if is_participant(t, doc):
        chunk = _chunk_back(doc, j)
        return KNOWN, doc.tokens[chunk[0]].start
    if t.fold in lx.PERSON_PRONOUNS and not t.possessive:
        return KNOWN, t.start
    if t.fold in lx.ROLE_NOUNS and not t.possessive:
        return _role_class(doc, j)
    if not t.possessive and (group := _group_start(doc, j)) is not None:
        if affiliated and (person := _affiliated(doc, j))[0] >= NAME:
            return person  # "someone from the data team"
        return GROUP, group
    if owned and _OWNED.fullmatch(t.fold):
        # "Jonas's change", "Dana's config change", "Priya's pull request"
        for back in (1, 2, 3):
            k = j - back
            if k < 0 or doc.tokens[k + 1].sent_start:
                break
            if doc.tokens[k].possessive:
                if doc.tokens[k].fold in lx.ROLE_NOUNS:
                    return _role_class(doc, k)  # "the intern's script"
                return subject_class(doc, k, owned=False, affiliated=False)
    if name_like(t.base):
        chunk = _chunk_back(doc, j)
        cls = _name_chunk_class(doc, chunk)
        if cls != NONE or not affiliated:
            return cls, doc.tokens[chunk[0]].start
    return _affiliated(doc, j) if affiliated else (NONE, t.start)


def _affiliated(doc: Text, j: int) -> tuple[int, int]:
    """The person before an affiliation: "Dana from support", "someone on the team"."""
    for back in (2, 3, 4):
        k = j - back
        if k < 0:
            break
        if any(doc.tokens[i].sent_start for i in range(k + 1, j + 1)):
            break
        if doc.tokens[k + 1].fold not in lx.AFFILIATIONS:
            continue
        middle = doc.tokens[k + 2 : j]
        if all(
            t.fold in lx.DETERMINERS or t.fold in lx.ROLE_MODIFIERS or t.fold in _AREAS
            for t in middle
        ):
            cls, start = subject_class(doc, k, owned=False, affiliated=False)
            if cls >= NAME:
                return cls, start
    return NONE, doc.tokens[j].start


def _chunk_back(doc: Text, j: int) -> list[int]:
    chunk = [j]
    while len(chunk) < 3 and not doc.tokens[chunk[0]].sent_start:
        k = chunk[0] - 1
        prev = doc.tokens[k]
        if prev.possessive or not name_like(prev.base) and not is_participant(prev, doc):
            break
        if prev.fold in lx.COMMON_CAPITALISED or prev.fold in lx.DAYS_MONTHS:
            break  # "Because Bartholomew …", "On Monday Dana …"
        if not doc.only_space_between(prev.end, doc.tokens[chunk[0]].start):
            break
        chunk.insert(0, k)
    return chunk


def may_name_a_person(doc: Text, pos: int) -> bool:
    """Whether the word at ``pos`` could start a person for :func:`object_class`, decided
    without tokenising the text ("errors from redis" is common in timelines and is not)."""
    m = _TOKEN.match(doc.norm, pos)
    if m is None:
        return False
    word = m.group()
    if word[0].isupper():
        return True
    fold = word.casefold()
    if fold in lx.OBJECT_PRONOUNS or fold in lx.DETERMINERS:
        return True
    return unicodedata.normalize("NFC", word.removesuffix("'s")) in doc.participants


def object_class(doc: Text, k: int) -> tuple[int, int]:
    """Like :func:`subject_class` for the words after "by"/"of"/"on"; returns (class, end)."""
    if k >= len(doc.tokens):
        return NONE, 0
    t = doc.tokens[k]
    if t.fold in lx.OBJECT_PRONOUNS:
        return KNOWN, t.end
    if t.fold in lx.DETERMINERS:
        m = k + 1
        while m < len(doc.tokens) and m <= k + 2 and doc.tokens[m].fold in lx.ROLE_MODIFIERS:
            m += 1
        if m < len(doc.tokens) and doc.tokens[m].fold in lx.ROLE_NOUNS:
            return KNOWN, doc.tokens[m].end
        return NONE, t.end
    if not (name_like(t.base) or is_participant(t, doc)):
        return NONE, t.end
    chunk = [k]
    while len(chunk) < 3 and not doc.tokens[chunk[-1]].possessive:
        n = chunk[-1] + 1
        if n >= len(doc.tokens) or doc.tokens[n].sent_start:
            break
        nxt = doc.tokens[n]
        if not (name_like(nxt.base) or is_participant(nxt, doc)):
            break
        chunk.append(n)
    end = doc.tokens[chunk[-1]].end
    last = chunk[-1]
    if doc.tokens[last].possessive and last + 1 < len(doc.tokens):
        thing = doc.tokens[last + 1]  # "by Tomás's deploy": the span ends after the thing
        if not thing.sent_start and _OWNED.fullmatch(thing.fold):
            end = thing.end
    return _name_chunk_class(doc, chunk), end


def subject_before(doc: Text, pos: int) -> tuple[int, int]:
    """The person-ness of the subject in front of a predicate starting at ``pos``."""
    k = doc.token_at(pos)
    if k >= len(doc.tokens) or k == 0:
        return NONE, 0
    skipped = 0
    j = k
    while True:
        if doc.tokens[j].sent_start:
            return NONE, 0
        prev = doc.tokens[j - 1]
        if not doc.only_space_between(prev.end, doc.tokens[j].start):
            return NONE, 0
        if prev.fold in lx.GAP_WORDS and skipped < 3 and j - 1 > 0:
            j -= 1
            skipped += 1
            continue
        return subject_class(doc, j - 1)


def word_after(doc: Text, pos: int) -> Token | None:
    """The word right after ``pos``, if only spaces stand between."""
    k = doc.token_at(pos)
    if k < len(doc.tokens) and doc.only_space_between(pos, doc.tokens[k].start):
        return doc.tokens[k]
    return None
