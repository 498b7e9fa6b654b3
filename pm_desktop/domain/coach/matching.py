"""Finding blame, hindsight, judging words and vague takeaways in one piece of text.

How blame is told apart from a neutral sentence: a *failure predicate* (``forgot``, ``failed to``,
``should have``…) must have a *person* as its subject, found by walking back over a few adverbs
("Dana then accidentally forgot"). A participant's name, he/she, "someone" and "the intern" are
always people. A capitalised word we do not know may be a person too, but only counts in front of
verbs that systems do not do (forgot, ignored, neglected); "Helios failed to start" stays quiet
while "Zoë failed to check" does not, because Zoë is a common given name. Days, months, system,
vendor and team names and capitalised common words are never people.

Decisions:
- "X should have …" (and "could have", "if X had …") with a person as X is reported once, as
  blame; the same phrase about a system or "we" is a counterfactual.
- A judging word or hindsight phrase inside a blame span is not reported again.
- Effort phrases ("be more careful") and "improve monitoring" only count where takeaways are
  written (context "text" or "followup"); an event saying "we reminded the team" is history.

Every pattern is compiled once from :mod:`.rules` and has bounded repetition only.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence
from functools import lru_cache

from . import clauses as CL
from . import rules as R
from .findings import TextFinding
from .prefilter import Scanner
from .subjects import (
    MAYBE,
    NAME,
    Text,
    may_name_a_person,
    object_class,
    participant_tokens,
    subject_before,
    subject_class,
    word_after,
)

CONTEXTS: tuple[str, ...] = ("text", "event", "why", "followup")
# Prose ends long before this; beyond it a field is a pasted log, and checking it would only
# slow the editor down.
MAX_CHECKED = 200_000

_F = re.IGNORECASE
_START = r"(?<![\w'-])"
_END = r"(?![\w'])"


def _alt(patterns: Iterable[str]) -> str:
    return "(?:" + "|".join(patterns) + ")"


def _words_re(patterns: Iterable[str]) -> Scanner:
    return Scanner(_START + _alt(patterns) + _END, _F)


def _re(source: str) -> Scanner:
    return Scanner(source, _F)


_STRONG = _words_re(R.STRONG_FAILURES)
_WEAK = _words_re(R.WEAK_FAILURES)
_MODAL = _re(_START + R.HINDSIGHT_MODALS + r"(?! " + R.MODAL_EXEMPT_AFTER + ")")
_IF_HAD = _re(_START + R.COUNTERFACTUALS[1])
_IF_ONLY = _re(_START + R.COUNTERFACTUALS[0] + _END)
_FAULT_BY = _re(_START + R.FAULT_BY + r" ")
_BY_STRONG = _re(_START + R.BY_STRONG + r" ")
_BY_WEAK = _re(_START + R.BY_WEAK + r" ")
_BLAME_ON = _re(_START + R.BLAME_ON + r" ")
_LABELS = _words_re(R.BLAME_LABELS)
_NORMATIVE = _words_re(R.NORMATIVE_WORDS)
_EASY = _words_re(R.EASY_WORDS)
_EFFORT = _words_re(R.EFFORT_PHRASES)
_WISH = _words_re(R.WISH_PHRASES)
_IMPROVE = _re(_START + R.IMPROVE_PHRASE + _END)
_INVESTIGATE = re.compile(r"^\W{0,8}" + R.INVESTIGATE_START + _END, _F)
_SPECIFIC = re.compile(_alt(R.SPECIFIC_MARKERS), _F)
_DELIVERABLE = re.compile(_alt(R.DELIVERABLES + R.DATE_MARKERS), _F)
_FAULT_NOUN = re.compile(R.FAULT_NOUNS + "s?", _F)
_POSSESSIVE_FAULT = _re(
    r"(?<=[^\W_])(?:'s|')\s+(?:(?:own|entire|whole|big|huge)\s+)?" + R.FAULT_NOUNS + r"s?" + _END
)
# The patterns run over every text, for tests that compare them with their plain versions.
SCANNERS: tuple[Scanner, ...] = (
    _STRONG, _WEAK, _MODAL, _IF_HAD, _IF_ONLY, _FAULT_BY, _BY_STRONG, _BY_WEAK, _BLAME_ON,
    _LABELS, _NORMATIVE, _EASY, _EFFORT, _WISH, _IMPROVE, _POSSESSIVE_FAULT, *CL.SCANNERS,
)  # fmt: skip

# ------------------------------------------------------------------------------ scanning


_Hit = CL.Hit


def _blame(doc: Text, hits: list[_Hit]) -> None:
    for regex, need in ((_STRONG, MAYBE), (_WEAK, NAME)):
        for m in regex[doc.fold].finditer(doc.hay):
            cls, start = subject_before(doc, m.start())
            if cls >= need:
                hits.append(_Hit("blame", start, m.end(), R.BLAME))
    for m in _FAULT_BY[doc.fold].finditer(doc.hay):
        if not may_name_a_person(doc, m.end()):
            continue
        noun = m.group().split()[0].casefold().rstrip("s")
        need = MAYBE if noun in R.STRICT_FAULTS else NAME
        cls, end = object_class(doc, doc.token_at(m.end()))
        if cls >= need:
            hits.append(_Hit("blame", m.start(), end, R.BLAME))
    for regex, need in ((_BY_STRONG, MAYBE), (_BLAME_ON, MAYBE), (_BY_WEAK, NAME)):
        for m in regex[doc.fold].finditer(doc.hay):
            if not may_name_a_person(doc, m.end()):
                continue
            cls, end = object_class(doc, doc.token_at(m.end()))
            if cls >= need:
                hits.append(_Hit("blame", m.start(), end, R.BLAME))
    tokens = doc.tokens if _POSSESSIVE_FAULT[doc.fold].search(doc.hay) else []
    for m in _POSSESSIVE_FAULT[doc.fold].finditer(doc.hay):
        i = doc.token_at(m.start()) - 1
        if i < 0 or i + 1 >= len(tokens) or not tokens[i].possessive:
            continue
        n = i + 1
        if tokens[n].fold in ("own", "entire", "whole", "big", "huge") and n + 1 < len(tokens):
            n += 1
        noun = tokens[n]
        if noun.sent_start or not _FAULT_NOUN.fullmatch(noun.fold):
            continue
        after = tokens[n + 1] if n + 1 < len(tokens) else None
        if after is not None and not after.sent_start and after.fold in R.FAULT_NOT_BLAME:
            continue  # "Helios's error rate"
        need = MAYBE if noun.fold in R.STRICT_FAULTS else NAME
        cls, start = subject_class(doc, i, owned=False)
        if cls >= need:
            hits.append(_Hit("blame", start, noun.end, R.BLAME))
    for m in _LABELS[doc.fold].finditer(doc.hay):
        hits.append(_Hit("blame", m.start(), m.end(), R.BLAME_LABEL))


def _hindsight(doc: Text, hits: list[_Hit]) -> None:
    for m in _MODAL[doc.fold].finditer(doc.hay):
        after = word_after(doc, m.end())
        end = after.end if after is not None else m.end()
        passive = after is not None and after.fold == "been"
        if passive and (verb := word_after(doc, end)) is not None:
            end = verb.end  # "would have been caught"
        if not m.group().casefold().startswith("would") and not passive:
            cls, start = subject_before(doc, m.start())
            if cls >= NAME:
                hits.append(_Hit("blame", start, end, R.BLAME_HINDSIGHT))
                continue
        hits.append(_Hit("counterfactual", m.start(), end, R.COUNTERFACTUAL))
    for m in _IF_HAD[doc.fold].finditer(doc.hay):
        had = m.start() + m.group().casefold().find(" had") + 1
        cls, _start = subject_before(doc, had)
        if cls >= NAME:
            hits.append(_Hit("blame", m.start(), m.end(), R.BLAME_HINDSIGHT))
        else:
            hits.append(_Hit("counterfactual", m.start(), m.end(), R.COUNTERFACTUAL))
    for m in _IF_ONLY[doc.fold].finditer(doc.hay):
        hits.append(_Hit("counterfactual", m.start(), m.end(), R.COUNTERFACTUAL))


def _judging(doc: Text, hits: list[_Hit]) -> None:
    for regex, advice in ((_NORMATIVE, R.NORMATIVE), (_EASY, R.NORMATIVE_EASY)):
        for m in regex[doc.fold].finditer(doc.hay):
            hits.append(_Hit("normative", m.start(), m.end(), advice))


def _vague(
    doc: Text,
    hits: list[_Hit],
    context: str,
    measurable_elsewhere: bool,
    deliverable_elsewhere: bool,
) -> None:
    for m in _EFFORT[doc.fold].finditer(doc.hay):
        hits.append(_Hit("vague_followup", m.start(), m.end(), R.VAGUE_EFFORT))
    if not measurable_elsewhere:
        # vague unless the same sentence (or the whole title) names something checkable
        for regex, advice in ((_WISH, R.VAGUE_WISH), (_IMPROVE, R.VAGUE_IMPROVE)):
            for m in regex[doc.fold].finditer(doc.hay):
                if context == "followup":
                    lo, hi = 0, len(doc.norm)
                else:
                    lo, hi = doc.sentence_bounds(m.start(), m.end())
                if not doc.has(_SPECIFIC, lo, hi):
                    hits.append(_Hit("vague_followup", m.start(), m.end(), advice))
    if not (measurable_elsewhere or deliverable_elsewhere):
        CL.generic_followups(doc, hits.append, context)
    if context == "followup" and not deliverable_elsewhere:
        m = _INVESTIGATE.match(doc.norm)
        if m is not None and not _DELIVERABLE.search(doc.norm):
            stripped = doc.norm.rstrip()
            start = len(doc.norm) - len(doc.norm.lstrip())
            hits.append(_Hit("vague_followup", start, len(stripped), R.VAGUE_INVESTIGATE))


def _settle(hits: list[_Hit]) -> list[_Hit]:
    """One finding per phrase: same-rule overlaps keep the longer; judging words and hindsight
    inside a blame span are covered by the blame finding."""
    hits.sort(key=lambda h: (h.start, -(h.end - h.start)))
    kept: dict[str, list[_Hit]] = {}
    for h in hits:
        same = kept.setdefault(h.rule, [])
        if same and h.start < same[-1].end:
            if h.end - h.start > same[-1].end - same[-1].start:
                same[-1] = h
            continue
        same.append(h)
    blames = kept.get("blame", [])
    blame_starts = [b.start for b in blames]
    out = list(blames)
    for rule, items in kept.items():
        if rule == "blame":
            continue
        for h in items:
            i = bisect.bisect_right(blame_starts, h.start) - 1
            covered = i >= 0 and blames[i].end > h.start
            nxt = i + 1 < len(blames) and blames[i + 1].start < h.end
            if rule in ("normative", "counterfactual") and (covered or nxt):
                continue
            out.append(h)
    out.sort(key=lambda h: (h.start, h.end, h.rule))
    return out


def scan(
    text: str,
    participants: frozenset[str],
    context: str = "text",
    *,
    measurable_elsewhere: bool = False,
    deliverable_elsewhere: bool = False,
) -> list[TextFinding]:
    """All findings in ``text``. ``measurable_elsewhere``/``deliverable_elsewhere`` say that
    another field of the same follow-up already makes it checkable or gives it a deliverable.

    Results are cached by their inputs, so checking a whole review again after one edit only
    scans the text that changed.
    """
    if context not in CONTEXTS:
        raise ValueError(f"unknown coach context {context!r}; expected one of {CONTEXTS}")
    if not text or not text.strip():
        return []
    return list(_scan(text, participants, context, measurable_elsewhere, deliverable_elsewhere))


@lru_cache(maxsize=65_536)  # a large review has ~25,000 texts
def _scan(
    text: str,
    participants: frozenset[str],
    context: str,
    measurable_elsewhere: bool,
    deliverable_elsewhere: bool,
) -> tuple[TextFinding, ...]:
    doc = Text(text[:MAX_CHECKED], participants)
    hits: list[_Hit] = []
    _blame(doc, hits)
    CL.harm(doc, hits.append, context)
    CL.judged_work(doc, hits.append)
    CL.group_verdicts(doc, hits.append)
    CL.inverted_had(doc, hits.append)
    _hindsight(doc, hits)
    _judging(doc, hits)
    if context in ("text", "followup"):
        _vague(doc, hits, context, measurable_elsewhere, deliverable_elsewhere)
    return tuple(
        TextFinding(
            h.rule,
            (h.start, h.end),
            text[h.start : h.end],
            h.advice.message,
            h.advice.suggestion,
            h.advice.severity,
        )
        for h in _settle(hits)
    )


def text_findings(
    text: str, *, people: Sequence[str] = (), context: str = "text"
) -> list[TextFinding]:
    """Findings in one piece of text, for live checks while typing.

    ``people`` are the participants' names (always treated as people). ``context`` is where the
    text is written: "event" and "why" check language only; "text" (summary, lessons, a follow-up's
    description) also checks for vague takeaways; "followup" (a follow-up's title) also asks an
    investigation for a deliverable or a date.
    """
    return scan(text, participant_tokens(tuple(people)), context)
