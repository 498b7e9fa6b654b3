"""The one redaction engine: what leaves the team, and what a customer may read.

Every exporter gets its review through :func:`redacted_review`, so no export can show what the
engine removed. Three layers:

- **secrets** (API keys, tokens, ``password=`` values, private key blocks, JWTs...) and the text a
  user marked as redacted go from every export, internal ones too, as ``[redacted]``;
- for the **customer version**, people by every form of their name we know (full name, given or
  family name alone, initial and family name, "Dr. Okafor", handles and e-mails listed on the
  person), matched case-, accent- and Unicode-form-insensitively, with word boundaries that also
  work inside Chinese or Japanese text. A name becomes a phrase that reads well ("the incident
  lead"), once per mention, never "X-X";
- internal references by shape: links with or without a scheme (unless their domain is one the
  review marked public), host names, IP addresses, UNC and file paths, ticket keys, chat channels
  and handles, e-mail addresses.

What a customer version keeps, and the pre-send check built on this engine, live in
:mod:`pm_desktop.domain.customer_version`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, fields, replace
from functools import lru_cache
from typing import Any

from .model import (
    SEVERITY_WORDS,
    Criterion,
    Person,
    RedactedSpan,
    Review,
)
from .places import Place
from .redaction_patterns import (
    P_MARKED,
    P_PERSON,
    SECRET,
    SEVERITY_CODE_RE,
    Hit,
    reference_hits,
    secret_hits,
)

__all__ = [
    "SECRET",
    "Finding",
    "Hit",
    "Place",
    "Redactor",
    "fold",
    "redacted_review",
    "secrets_in",
    "severity_words",
]

_CJK = "\u2e80-\u9fff\u3040-\u30ff\u3400-\u4dbf\uac00-\ud7af\uf900-\ufaff\uff66-\uff9f"
_CJK_RE = re.compile(f"[{_CJK}]")
# A name starts and ends where no letter of a spaced script touches it: "Mei" is not found in
# "Meier", but "李伟" is found in "李伟重启了服务" (Chinese has no spaces between words).
# (Written as two lookarounds: a class like [^\W<CJK>] takes 0.1 s to compile per person.)
_LEFT = rf"(?:(?<=[{_CJK}])|(?<!\w))"
_RIGHT = rf"(?:(?=[{_CJK}])|(?!\w))"
_TITLES = r"(?:(?:dr|mr|mrs|ms|mx|prof|sir|dame)\.?\s+)?"
_SEP = r"[\s._-]{0,3}"
# Given names that are also ordinary words: matched only when written with a capital.
_WORD_NAMES = frozenset(
    """will may june april august rose mark bill art hope grace faith joy dawn amber summer
    sky king young long page hall wood lane bell case hunter ray frank drew gene""".split()
)
_FIELDS_SKIPPED = frozenset(
    {"id", "time", "tz", "kind", "status", "blob", "mime", "captured_at", "captured_tz",
     "parent_id", "category", "priority", "type", "due", "target", "target_id", "field",
     "evidence_id", "approximate", "root_cause", "seq"}
)  # fmt: skip


# --------------------------------------------------------------------------- folding


@lru_cache(maxsize=8192)
def _fold_char(ch: str) -> str:
    decomposed = unicodedata.normalize("NFKD", ch.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def fold(text: str) -> str:
    """Case-, accent- and form-insensitive text: "TOMÁS", "Tomás" (NFC or NFD) → "tomas"."""
    return "".join(_fold_char(ch) for ch in text if not unicodedata.combining(ch))


def _folded_with_index(text: str) -> tuple[str, list[int]]:
    """The folded text and, for each of its characters, the index in ``text`` it came from."""
    if text.isascii():
        return text.lower(), list(range(len(text)))
    chars: list[str] = []
    index: list[int] = []
    for i, ch in enumerate(text):
        if unicodedata.combining(ch):
            continue
        for c in _fold_char(ch):
            chars.append(c)
            index.append(i)
    return "".join(chars), index


def _span_back(text: str, index: list[int], start: int, end: int) -> tuple[int, int]:
    lo = index[start]
    hi = index[end - 1] + 1
    while hi < len(text) and unicodedata.combining(text[hi]):
        hi += 1  # the accent typed after the letter (NFD) goes with it
    return lo, hi


# --------------------------------------------------------------------------- places and findings


@dataclass(frozen=True, slots=True)
class Finding:
    """One line of the pre-send check. ``action`` is removed, replaced or suspicious."""

    action: str
    kind: str
    category: str
    text: str
    replacement: str
    place: Place
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "action": self.action,
            "kind": self.kind,
            "category": self.category,
            "text": self.text,
            "replacement": self.replacement,
            "where": {"kind": self.place.kind, "id": self.place.id, "field": self.place.field},
            "start": self.start,
            "end": self.end,
        }


# --------------------------------------------------------------------------- people


def describe_person(person: Person, review: Review) -> str:
    """How the customer version calls a person: "the incident lead", "a backend engineer"."""
    role = " ".join(person.role.split(",")[0].split())
    if role:
        first, _, rest = role.partition(" ")
        keep_case = any(c.isupper() for c in first[1:]) or first.isupper()
        words = (first if keep_case else first.lower()) + (" " + rest.lower() if rest else "")
        if words.endswith("on-call"):
            words += " engineer"
        same = sum(1 for p in review.people.values() if fold(p.role.split(",")[0]) == fold(role))
        if same == 1:
            return f"the {words}"
        return f"{'an' if words[0].lower() in 'aeiou' else 'a'} {words}"
    team = " ".join(person.team.split())
    if team:
        return f"a member of the {team}" + ("" if fold(team).endswith("team") else " team")
    return "a team member"


def _name_forms(person: Person) -> list[str]:
    """Regular expressions (over folded text) for every form of the person's name we know."""
    name = " ".join(person.name.split())
    forms: list[str] = []
    if _CJK_RE.search(name):
        compact = fold(name.replace(" ", ""))
        forms.append(re.escape(compact))
        if " " in name:
            forms.append(_SEP.join(re.escape(fold(p)) for p in name.split()))
    else:
        parts = [fold(p.strip(".")) for p in re.split(r"[\s\-]+", name) if p.strip(".")]
        parts = [p for p in parts if p]
        escaped = [re.escape(p) for p in parts]
        if len(parts) >= 2:
            forms.append(_SEP.join(escaped))
            forms.append(escaped[0] + _SEP + escaped[-1])
            forms.append(escaped[-1] + r",?\s+" + escaped[0])
            forms.append(re.escape(parts[0][0]) + r"[\s.\-_]{0,3}" + escaped[-1])
        forms.extend(e for p, e in zip(parts, escaped, strict=True) if len(p) >= 2)
    for handle in person.handles:
        h = fold(handle.strip())
        if not h:
            continue
        if h.startswith("@"):
            forms.append("@?" + re.escape(h[1:]))
        else:
            forms.append(re.escape(h))
    unique = sorted(set(forms), key=len, reverse=True)
    return unique


def _person_regex(forms: list[str]) -> re.Pattern[str]:
    """One regex for all forms: word boundaries where a form starts or ends in a spaced
    script, none where it starts or ends in Chinese or Japanese. (Boundaries are written once
    per group: each copy of the CJK class costs milliseconds to compile.)"""
    groups: dict[tuple[bool, bool], list[str]] = {}
    for form in forms:
        sample = form.replace("\\", "")
        key = (not _CJK_RE.match(sample[:1]), not _CJK_RE.match(sample[-1:]))
        groups.setdefault(key, []).append(form)
    parts = []
    for (left, right), members in groups.items():
        body = "(?:" + "|".join(members) + ")"
        parts.append((_LEFT if left else "") + _TITLES + body + (_RIGHT if right else ""))
    return re.compile("|".join(parts))


@dataclass(frozen=True, slots=True)
class _PersonPattern:
    person_id: str
    regex: re.Pattern[str]
    phrase: str
    # Every form of the name contains one of these (folded); a text without any of them is
    # not searched with the regex at all, which keeps a 20,000-event review fast.
    anchors: tuple[str, ...]


def _anchors(person: Person) -> tuple[str, ...]:
    name = fold(" ".join(person.name.split()))
    if _CJK_RE.search(name):
        found = {name.replace(" ", "")} | {p for p in name.split() if p}
    else:
        # the same parts as _name_forms: each form holds one of them (or a listed handle)
        found = {p.strip(".") for p in re.split(r"[\s\-]+", name) if len(p.strip(".")) >= 2}
    for handle in person.handles:
        h = fold(handle.strip()).lstrip("@")
        if h:
            found.add(h)
    return tuple(sorted(found))


def _sentence_start(text: str, start: int) -> bool:
    window = text[max(0, start - 24) : start]  # a short look back: linear on long texts
    before = window.rstrip(" \t\"'“(")
    if not before:
        return len(window) == start  # nothing but spaces back to the start of the text
    return before[-1] in ".!?\n:"


# --------------------------------------------------------------------------- the engine


class Redactor:
    """Finds what to remove in a text. ``external=False`` (every export) removes secrets and the
    text the user marked; ``external=True`` (the customer version) also removes people and
    internal references."""

    def __init__(self, review: Review, *, external: bool):
        self.external = external
        self.public_domains = review.meta.public_domains
        self._marked: list[RedactedSpan] = sorted(
            review.redactions.values(), key=lambda r: (r.seq, r.id)
        )
        self._people: list[_PersonPattern] = []
        self._team_of: dict[str, str] = {}
        self._teams: set[str] = set()
        if external:
            for person in review.sorted_people():
                forms = _name_forms(person)
                if not forms:
                    continue
                regex = _person_regex(forms)
                self._people.append(
                    _PersonPattern(
                        person.id, regex, describe_person(person, review), _anchors(person)
                    )
                )
                team = " ".join(person.team.split())
                for key in (person.name, *person.handles):
                    self._team_of[fold(" ".join(key.split()))] = team
                if team:
                    self._teams.add(fold(team))

    # ------------------------------------------------------------------ finding
    def marked_hits(self, text: str, place: Place | None) -> Iterator[Hit]:
        if not self._marked:
            return
        folded, index = _folded_with_index(text)
        for span in self._marked:
            if place is not None and not _applies(span, place):
                continue
            needle = fold(span.text.strip())
            if not needle:
                continue
            at = folded.find(needle)
            while at >= 0:
                lo, hi = _span_back(text, index, at, at + len(needle))
                yield Hit(lo, hi, "marked", "marked by you", SECRET, P_MARKED)
                at = folded.find(needle, at + len(needle))

    def _person_hits(self, text: str) -> Iterator[Hit]:
        if not self._people:
            return
        folded, index = _folded_with_index(text)
        for pattern in self._people:
            if not any(anchor in folded for anchor in pattern.anchors):
                continue
            for m in pattern.regex.finditer(folded):
                if m.end() == m.start():
                    continue
                lo, hi = _span_back(text, index, m.start(), m.end())
                if lo > 0 and text[lo - 1] == "@":
                    lo -= 1  # "@mlin" is the person, not a stray "@"
                original = text[lo:hi]
                words = re.findall(r"\w+", m.group(0))
                if all(w in _WORD_NAMES for w in words) and not original[:1].isupper():
                    continue  # "we will hope", not "Will Hope"
                category = (
                    "handle or e-mail"
                    if "@" in original or "." in original.strip(".") and " " not in original
                    else "name"
                )
                yield Hit(lo, hi, "person", category, pattern.phrase, P_PERSON, pattern.person_id)

    def raw_hits(self, text: str, place: Place | None = None) -> list[Hit]:
        found: list[Hit] = list(secret_hits(text))
        found.extend(self.marked_hits(text, place))
        if self.external:
            found.extend(reference_hits(text, self.public_domains))
            found.extend(self._person_hits(text))
        return found

    def hits(self, text: str, place: Place | None = None) -> list[Hit]:
        """The spans to replace, left to right, never overlapping (longest, then strongest)."""
        if not text:
            return []
        chosen: list[Hit] = []
        end = -1
        for hit in sorted(
            self.raw_hits(text, place), key=lambda h: (h.start, -(h.end - h.start), -h.priority)
        ):
            if hit.start < end:
                continue
            chosen.append(hit)
            end = hit.end
        return _merge_same_person(text, chosen)

    # ------------------------------------------------------------------ replacing
    def text(self, text: str, place: Place | None = None) -> str:
        hits = self.hits(text, place)
        if not hits:
            return text if not self.external else severity_words(text)
        out: list[str] = []
        at = 0
        for hit in hits:
            out.append(text[at : hit.start])
            replacement = hit.replacement
            if hit.kind == "person" and _sentence_start(text, hit.start):
                replacement = replacement[:1].upper() + replacement[1:]
            out.append(replacement)
            at = hit.end
        out.append(text[at:])
        result = "".join(out)
        return severity_words(result) if self.external else result

    def person_field(self, value: str) -> str:
        """An author or owner field in the customer version: the person's team, a known team
        name, or nothing."""
        key = fold(" ".join(value.split()))
        if not key:
            return ""
        if key in self._team_of:
            return self._team_of[key]
        if key in self._teams:
            return " ".join(value.split())
        return ""


def _applies(span: RedactedSpan, place: Place) -> bool:
    if span.target in ("", "review") and not span.target_id and not span.field:
        return span.target == "" or place.kind == "review"
    if span.target and span.target != place.kind:
        return False
    if span.target_id and span.target_id != place.id:
        return False
    return not span.field or span.field == place.field


_JOINER_RE = re.compile(r"^[\s\-/.,'’&]*$")


def _merge_same_person(text: str, hits: list[Hit]) -> list[Hit]:
    """ "Mei / Mei Lin" or "Berg-Jonas" name one person once."""
    out: list[Hit] = []
    for hit in hits:
        prev = out[-1] if out else None
        if (
            prev is not None
            and hit.kind == prev.kind == "person"
            and hit.key == prev.key
            and hit.start - prev.end <= 3
            and _JOINER_RE.match(text[prev.end : hit.start])
        ):
            out[-1] = replace(prev, end=hit.end)
        else:
            out.append(hit)
    return out


def severity_words(text: str) -> str:
    """ "SEV2" is our jargon; a customer reads "major-severity"."""

    def word(m: re.Match[str]) -> str:
        label = SEVERITY_WORDS[f"SEV{m.group(1)}"].split(":")[0].lower()
        return f"{label}-severity"

    return SEVERITY_CODE_RE.sub(word, text)


# --------------------------------------------------------------------------- whole reviews


# The review's own texts every export passes through the engine (secrets, marked spans).
REVIEW_TEXTS: tuple[str, ...] = (
    "title", "summary", "impact", "lessons_went_well", "lessons_went_wrong", "lessons_got_lucky",
    "authors", "confidentiality", "trigger", "detection", "response", "recovery",
    "affected_services", "affected_regions", "attendees", "facilitator", "note_taker",
    "opening_statement", "lessons_learned",
)  # fmt: skip


def _texts(review: Review) -> Iterator[tuple[Place, str]]:
    """Every free text of a review with its place (secrets can hide anywhere)."""
    m = review.meta
    for name in REVIEW_TEXTS:
        yield Place("review", "", name), getattr(m, name)
    for collection in ("people", "events", "evidence", "whys", "followups"):
        for entity in review.collection(collection).values():
            for f in fields(entity):
                value = getattr(entity, f.name)
                if f.name not in _FIELDS_SKIPPED and isinstance(value, str):
                    yield Place(collection, entity.id, f.name), value


def _redact_entity(entity: Any, collection: str, redactor: Redactor) -> Any:
    changes: dict[str, Any] = {}
    for f in fields(entity):
        value = getattr(entity, f.name)
        if f.name in _FIELDS_SKIPPED:
            continue
        place = Place(collection, entity.id, f.name)
        if isinstance(value, str) and value:
            new = redactor.text(value, place)
            if new != value:
                changes[f.name] = new
        elif f.name == "acceptance_criteria":
            criteria = tuple(Criterion(redactor.text(c.text, place), c.done) for c in value)
            if criteria != value:
                changes[f.name] = criteria
        elif f.name == "handles":
            changes[f.name] = tuple(redactor.text(h, place) for h in value)
    return replace(entity, **changes) if changes else entity


def redacted_review(review: Review) -> Review:
    """A copy for every export: secrets and the text the user marked are gone, everything else
    stays. The redaction marks and boxes themselves are not part of an exported review's text."""
    redactor = Redactor(review, external=False)
    out = review.copy()
    m = review.meta
    cleaned: dict[str, Any] = {
        name: redactor.text(getattr(m, name), Place("review", "", name))
        for name in REVIEW_TEXTS
    }
    out.meta = replace(m, **cleaned)
    for collection in ("people", "events", "evidence", "whys", "followups"):
        items = out.collection(collection)
        for key, entity in list(items.items()):
            items[key] = _redact_entity(entity, collection, redactor)
    return out


def secrets_in(text: str) -> list[tuple[int, int]]:
    """Spans of the secrets in ``text`` (for "suggest redacting" in a snippet)."""
    return [(h.start, h.end) for h in secret_hits(text)]
