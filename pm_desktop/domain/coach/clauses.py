"""Applying the sentence shapes of :mod:`.shapes` to one text.

Each function adds hits to a list, like the scanners in :mod:`.matching`. Most shapes find a
marker of harm first (an adverb, a judged word, a place, a skipped step) and only then look for
the clause's subject, so a text without markers costs one regex pass per shape and needs no
tokens. The subject of a clause is the subject of its first verb ("Because the intern ran the
load test against production by accident": the intern ran); a clause ends at . ! ? ; : and
at line breaks.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from . import rules as R
from . import shapes as S
from .prefilter import Scanner
from .subjects import (
    GROUP,
    MAYBE,
    NAME,
    Text,
    owner_class,
    subject_before,
    subject_class,
)

_F = re.IGNORECASE
_START = r"(?<![\w'-])"
_END = r"(?![\w'])"


def _re(source: str) -> Scanner:
    return Scanner(_START + source + _END, _F)


def _alt(patterns: tuple[str, ...]) -> str:
    return "(?:" + "|".join(patterns) + ")"


_MANNER = _re(S.JUDGING_MANNER)
_JUDGED = _re(r"(?P<strong>" + S.JUDGED_STRONG + r")|(?P<weak>" + S.JUDGED_WEAK + r")")
_SKIPPED = _re(S.SKIPPED_STEP)
_TARGET = _re(S.HARMFUL_TARGET)
_HARM_VERB = _re(S.HARM_VERBS)
_DESTRUCTIVE = _re(S.DESTRUCTIVE)
_INTENDED = re.compile(S.INTENDED, _F)
_NEVER = _re(S.NEVER_DONE)
_POSSESSIVE_JUDGED = Scanner(
    r"(?<=[^\W_])(?:'s|')\s+(?:(?P<strong>"
    + S.JUDGED_STRONG
    + "|"
    + S.JUDGING_NOUNS
    + "|"
    + S.CHOSEN_FAILURE
    + r")|(?P<weak>"
    + S.JUDGED_WEAK
    + r"))"
    + _END,
    _F,
)
_JUDGED_ADJ = re.compile(S.JUDGED_STRONG, _F)
_GROUP_VERDICT = _re(_alt(S.GROUP_VERDICTS))
_GROUP_DUTY = _re(S.GROUP_DUTY_FAILURE + R.HUMAN_DUTIES)
_NOT_BOTHERED = _re(_alt(S.NOT_BOTHERED))
_HAD_FIRST = re.compile(r"(?:^|[.!?;:,\n]\s*)had\s", _F)
_PARTICIPLE = re.compile(R.PAST_PARTICIPLE, _F)
_CLAUSE_END = re.compile(r"[.!?;:\n]")
# Verbs after which a weak judged word ("a bad config") is about the person's own work.
_SHIP_VERBS = frozenset(
    "pushed deployed merged shipped committed released wrote introduced ran applied uploaded "
    "used picked chose typed restored rolled".split()
)

SCANNERS: tuple[Scanner, ...] = (
    _MANNER, _JUDGED, _SKIPPED, _TARGET, _HARM_VERB, _DESTRUCTIVE, _NEVER, _POSSESSIVE_JUDGED,
    _GROUP_VERDICT, _GROUP_DUTY, _NOT_BOTHERED,
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Hit:
    rule: str
    start: int
    end: int
    advice: R.Advice


Add = Callable[[Hit], None]


def _verb_like(fold: str) -> bool:
    if fold in S.IRREGULAR_PAST:
        return True
    return len(fold) > 3 and fold.endswith("ed") and fold not in S.NOT_VERBS


_CLAUSE_REACH = 300  # characters looked back for a clause's start, so a long paste stays linear


def _clause_start(doc: Text, pos: int) -> int:
    start = max(0, pos - _CLAUSE_REACH)
    for m in _CLAUSE_END.finditer(doc.norm, start, pos):
        start = m.end()
    return start


def _clause_subject(doc: Text, pos: int) -> tuple[int, int, str]:
    """The person-ness and start of the subject of the first verb before ``pos`` in its clause,
    and that verb (case-folded); (NONE, 0, "") when the clause has no verb before ``pos``."""
    lo = _clause_start(doc, pos)
    k = doc.token_at(lo)
    tokens = doc.tokens
    while k < len(tokens) and tokens[k].start < pos:
        if _verb_like(tokens[k].fold):
            if k == 0 or tokens[k - 1].start < lo:
                return 0, 0, ""
            cls, start = subject_before(doc, tokens[k].start)
            return cls, start, tokens[k].fold
        k += 1
    return 0, 0, ""


def _intended(doc: Text, pos: int) -> bool:
    """The rest of the sentence says the action was meant: "as planned", "once … verified"."""
    _lo, hi = doc.sentence_bounds(pos, pos)
    return _INTENDED.search(doc.norm, pos, min(hi, pos + _CLAUSE_REACH)) is not None


def harm(doc: Text, add: Add, context: str) -> None:
    """A person or role as the subject of a clause that carries harm. On the timeline
    (``context`` "event") destructive actions alone are history, not harm."""
    history = context == "event"
    for m in _MANNER[doc.fold].finditer(doc.hay):
        k = doc.token_at(m.end())
        if k < len(doc.tokens) and _verb_like(doc.tokens[k].fold):
            cls, start = subject_before(doc, m.start())  # "Ravi mistakenly revoked"
        else:
            cls, start, _verb = _clause_subject(doc, m.start())  # "… by accident"
        if cls >= MAYBE:
            add(Hit("blame", start, m.end(), S.BLAME_HARM))
    for m in _JUDGED[doc.fold].finditer(doc.hay):
        cls, start, verb = _clause_subject(doc, m.start())
        need = MAYBE if m.group("strong") else NAME
        if m.group("weak") and verb not in _SHIP_VERBS:
            continue
        if cls >= need:
            add(Hit("blame", start, m.end(), S.BLAME_HARM))
    for m in _SKIPPED[doc.fold].finditer(doc.hay):
        cls, start, _verb = _clause_subject(doc, m.start())
        if cls >= MAYBE:
            add(Hit("blame", start, m.end(), S.BLAME_HARM))
    for m in _TARGET[doc.fold].finditer(doc.hay):
        cls, start, _verb = _clause_subject(doc, m.start())
        if cls >= NAME and not _intended(doc, m.end()):
            add(Hit("blame", start, m.end(), S.BLAME_HARM))
    for m in _HARM_VERB[doc.fold].finditer(doc.hay):
        cls, start = subject_before(doc, m.start())
        word = m.group().casefold()
        if history and word.startswith(("took", "brought", "sent")):
            continue  # "Jonas took the primary offline" during the response
        need = MAYBE if word.startswith(("mis", "rushed")) else NAME
        if cls >= need and (need == MAYBE or not _intended(doc, m.end())):
            add(Hit("blame", start, m.end(), S.BLAME_HARM))
    for m in () if history else _DESTRUCTIVE[doc.fold].finditer(doc.hay):
        cls, start = subject_before(doc, m.start())
        if cls < NAME:
            continue
        k = doc.token_at(m.end())
        if any(t.fold in S.SAFE_OBJECT for t in doc.tokens[k : k + 3]):
            continue  # "deleted the stale records"
        if _intended(doc, m.end()):
            continue  # "… once the export was verified"
        end = doc.tokens[k].end if k < len(doc.tokens) else m.end()
        add(Hit("blame", start, end, S.BLAME_HARM))
    for m in _NEVER[doc.fold].finditer(doc.hay):
        cls, start = subject_before(doc, m.start())
        if cls >= GROUP:
            add(Hit("blame", start, m.end(), S.BLAME_HARM))


def judged_work(doc: Text, add: Add) -> None:
    """A possessive in front of judged work: "Lena's unreviewed patch"."""
    for m in _POSSESSIVE_JUDGED[doc.fold].finditer(doc.hay):
        i = doc.token_at(m.start()) - 1
        if i < 0 or not doc.tokens[i].possessive:
            continue
        k = doc.token_at(m.end())
        thing = doc.tokens[k] if k < len(doc.tokens) else None
        adjective = m.group("weak") or _JUDGED_ADJ.fullmatch(m.group("strong"))
        if adjective and (thing is None or thing.sent_start or thing.fold not in S.WORK_NOUNS):
            continue  # "Priya's untested theory": not a piece of work
        need = MAYBE if m.group("strong") else NAME
        cls, start = owner_class(doc, i)
        if cls >= need:
            end = thing.end if adjective and thing is not None else m.end()
            add(Hit("blame", start, end, S.BLAME_JUDGED_WORK))


def group_verdicts(doc: Text, add: Add) -> None:
    """A team judged on speed or care, and anybody said not to bother."""
    for regex in (_GROUP_VERDICT, _GROUP_DUTY):
        for m in regex[doc.fold].finditer(doc.hay):
            cls, start = subject_before(doc, m.start())
            if cls >= GROUP:
                add(Hit("blame", start, m.end(), S.BLAME_GROUP))
    for m in _NOT_BOTHERED[doc.fold].finditer(doc.hay):
        add(Hit("blame", m.start(), m.end(), S.BLAME_BOTHER))


def inverted_had(doc: Text, add: Add) -> None:
    """ "Had Lena waited for the approval, …": hindsight about a person, without an "if"."""
    if not _HAD_FIRST.search(doc.norm):
        return
    tokens = doc.tokens
    for i, t in enumerate(tokens):
        if t.fold != "had":
            continue
        if not (t.sent_start or (i > 0 and "," in doc.norm[tokens[i - 1].end : t.start])):
            continue  # "had" opens a clause: "…, had Lena waited"
        for p in range(i + 2, min(i + 6, len(tokens))):
            if tokens[p].sent_start:
                break
            if _PARTICIPLE.fullmatch(tokens[p].fold):
                cls, _start = subject_class(doc, p - 1)
                if cls >= NAME:
                    add(Hit("blame", t.start, tokens[p].end, R.BLAME_HINDSIGHT))
                break


# ------------------------------------------------------------------------------ generic follow-ups

_GENERIC_START = re.compile(r"\W{0,8}" + S.GENERIC_VERBS + _END, _F)
_PART_SPLIT = re.compile(S.PART_SPLIT, _F)
_TAKEAWAY = Scanner(_START + S.TAKEAWAY_LABEL, _F)
_WORD = re.compile(r"[^\W\d_][\w'-]*")
# What makes a follow-up checkable even when it starts with a generic verb. (Not "and fix …":
# a second generic part does not make the first one checkable.)
_CHECKABLE = re.compile(_alt(R.SPECIFIC_MARKERS[:4] + R.DELIVERABLES[1:] + R.DATE_MARKERS), _F)
_MAX_PART_WORDS = 9
_MAX_LIST_CHARS = 400


def _generic_part(part: str) -> bool:
    m = _GENERIC_START.match(part)
    if m is None:
        return False
    words = _WORD.findall(part, m.end())
    if len(words) > _MAX_PART_WORDS:
        return False
    for word in words:
        fold = word.casefold()
        if fold.endswith("'s"):
            fold = fold[:-2]
        if fold not in S.GENERIC_OBJECT_WORDS:
            return False
    return True


def _generic_list(text: str) -> bool:
    """Every item of ``text`` is a generic verb on a generic object, and nothing is checkable."""
    if _CHECKABLE.search(text):
        return False
    parts = [p for p in _PART_SPLIT.split(text) if p.strip(" .!-–—")]
    return bool(parts) and all(_generic_part(p) for p in parts)


def generic_followups(doc: Text, add: Add, context: str) -> None:
    """ "Fix the cache", "Revisit the alerting": in a follow-up's title, or after a takeaway
    label ("Next steps: …") in a longer text."""
    if context == "followup":
        stripped = doc.norm.strip()
        if stripped and _generic_list(stripped):
            start = doc.norm.find(stripped)
            add(Hit("vague_followup", start, start + len(stripped), S.VAGUE_GENERIC))
        return
    for m in _TAKEAWAY[doc.fold].finditer(doc.hay):
        _lo, hi = doc.sentence_bounds(m.end(), m.end())
        if hi - m.end() > _MAX_LIST_CHARS:
            continue  # not a short list of takeaways (and a long paste stays linear)
        items = doc.norm[m.end() : hi]
        if items.strip() and _generic_list(items):
            add(Hit("vague_followup", m.end(), m.end() + len(items.rstrip()), S.VAGUE_GENERIC))
