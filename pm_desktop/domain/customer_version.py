"""The customer version: what a review shows to people outside the company, and the check
before it is sent.

Built on the one redaction engine (:mod:`pm_desktop.domain.redaction`): :func:`customer_review`
is the copy every external export draws from; :func:`customer_check` lists what that copy
removes or replaces and what still looks doubtful, each with its place, for File ▸ Export ▸
Customer version… and ``pm-desktop check FILE --profile external``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace
from typing import Any

from .model import Review, source_kind
from .redaction import Finding, Place, Redactor, fold, severity_words
from .redaction_patterns import SEVERITY_CODE_RE, suspicious_hits

# The review's own texts a customer sees, each through the engine (in reading order).
CUSTOMER_TEXTS: tuple[str, ...] = (
    "title", "summary", "impact", "trigger", "detection", "response", "recovery",
    "affected_services", "affected_regions", "authors", "confidentiality",
)  # fmt: skip


def customer_items(review: Review) -> Iterator[tuple[Place, str]]:
    """Every text the customer version shows, with its place, in reading order."""
    m = review.meta
    for name in CUSTOMER_TEXTS:
        yield Place("review", "", name), getattr(m, name)
    for event in review.sorted_events():
        if event.kind != "note":
            yield Place("events", event.id, "text"), event.text
    for node in customer_causes(review):
        yield Place("whys", node.id, "text"), node.text
    for card in customer_followups(review):
        yield Place("followups", card.id, "title"), card.title


def customer_causes(review: Review) -> list[Any]:
    """Only confirmed root causes and contributing factors reach a customer: a possible one is
    still a guess."""
    return [
        w
        for w in review.sorted_whys()
        if (w.root_cause or w.contributing) and w.status == "confirmed"
    ]


def customer_followups(review: Review) -> list[Any]:
    """Work we are doing or did; what we decided not to do stays internal."""
    return [f for f in review.sorted_followups() if f.status != "dropped"]


def target_month(due: str) -> str:
    """``2025-04-18`` → ``April 2025`` (a customer gets the month, not our internal date)."""
    months = ("January February March April May June July August September October "
              "November December").split()  # fmt: skip
    if len(due) >= 7 and due[4] == "-" and due[:4].isdigit() and due[5:7].isdigit():
        month = int(due[5:7])
        if 1 <= month <= 12:
            return f"{months[month - 1]} {due[:4]}"
    return ""


def customer_check(review: Review) -> list[Finding]:
    """What the customer version removes or replaces, and what still looks doubtful."""
    redactor = Redactor(review, external=True)
    found: list[Finding] = list(_left_out(review))
    for place, text in customer_items(review):
        found.extend(_findings(redactor, place, text))
    return found


def _left_out(review: Review) -> Iterator[Finding]:
    """Whole items the customer version leaves out, one finding each."""

    def out(category: str, text: str, place: Place) -> Finding:
        short = " ".join(text.split())
        short = short if len(short) <= 80 else short[:79] + "…"
        return Finding("removed", "content", category, short, "", place, 0, len(text))

    for person in review.sorted_people():
        yield out("participant", person.name, Place("people", person.id, "name"))
    for event in review.sorted_events():
        if event.kind == "note":
            yield out("note", event.text, Place("events", event.id, "text"))
    for node in review.sorted_whys():
        if node.status != "confirmed" and (node.root_cause or node.contributing):
            category = "possible root cause" if node.root_cause else "possible contributing factor"
            yield out(category, node.text, Place("whys", node.id, "text"))
    for card in review.sorted_followups("dropped"):
        yield out("won't do", card.title, Place("followups", card.id, "title"))
    for item in review.sorted_evidence():
        title = item.title or item.filename or item.url or item.kind
        yield out("evidence", title, Place("evidence", item.id, "title"))
    for event in review.sorted_events():
        if event.kind != "note" and event.open_question.strip():
            yield out("open question", event.open_question, Place("events", event.id, "text"))
    for parked in review.sorted_parking():
        yield out("parking lot", parked.text, Place("parking", parked.id, "text"))
    m = review.meta
    for name in ("lessons_went_well", "lessons_went_wrong", "lessons_got_lucky", "lessons_learned"):
        if getattr(m, name).strip():
            yield out("lessons", getattr(m, name), Place("review", "", name))
    if m.opening_statement.strip():
        yield out("meeting", m.opening_statement, Place("review", "", "opening_statement"))
    if m.attendees.strip():
        yield out("meeting", m.attendees, Place("review", "", "attendees"))


def _findings(redactor: Redactor, place: Place, text: str) -> Iterable[Finding]:
    hits = redactor.hits(text, place)
    for hit in hits:
        action = "removed" if hit.replacement.startswith("[") else "replaced"
        yield Finding(
            action, hit.kind, hit.category, text[hit.start : hit.end], hit.replacement, place,
            hit.start, hit.end,
        )  # fmt: skip
    for m in SEVERITY_CODE_RE.finditer(text):
        if not any(h.start <= m.start() < h.end for h in hits):
            words = severity_words(m.group(0))
            yield Finding("replaced", "wording", "severity code", m.group(0), words, place,
                          m.start(), m.end())  # fmt: skip
    for hit in suspicious_hits(text):
        if not any(h.start < hit.end and hit.start < h.end for h in hits):
            yield Finding(
                "suspicious", "suspicious", hit.category, text[hit.start : hit.end], "", place,
                hit.start, hit.end,
            )  # fmt: skip


def customer_review(review: Review, label: str = "External: prepared for customers") -> Review:
    """The customer version: no people, evidence, notes, guesses or dropped work; every kept
    text through the engine. Exporters show only what this copy holds."""
    redactor = Redactor(review, external=True)
    out = Review()
    m = review.meta

    def text(value: str, place: Place) -> str:
        return redactor.text(value, place)

    confidentiality = m.confidentiality.strip()
    if not confidentiality or fold(confidentiality) == "internal":
        confidentiality = label
    shown: dict[str, Any] = {
        name: text(getattr(m, name), Place("review", "", name)) for name in CUSTOMER_TEXTS
    }
    shown["authors"] = shown["authors"] or _teams_line(review)
    shown["confidentiality"] = text(confidentiality, Place("review", "", "confidentiality"))
    out.meta = replace(
        m,
        **shown,
        lessons_went_well="",
        lessons_went_wrong="",
        lessons_got_lucky="",
        coach_ignored=(),
        public_domains=(),
        # The meeting itself (who ran it, what was said to open it, what the room learned) is
        # the team's, like the lessons above.
        facilitator="",
        note_taker="",
        opening_statement="",
        lessons_learned="",
        attendees="",
    )
    for event in review.events.values():
        if event.kind == "note":
            continue
        out.events[event.id] = replace(
            event,
            text=text(event.text, Place("events", event.id, "text")),
            author=redactor.person_field(event.author),
            turning_point=False,
            open_question="",
            # the kind of source stays ("slack"); the channel or file name is internal
            source=source_kind(event.source),
        )
    for node in customer_causes(review):
        out.whys[node.id] = replace(
            node, parent_id=None, text=text(node.text, Place("whys", node.id, "text")),
            evidence_ids=(), source=source_kind(node.source), author="",
        )  # fmt: skip
    for card in customer_followups(review):
        out.followups[card.id] = replace(
            card,
            title=text(card.title, Place("followups", card.id, "title")),
            description="",
            acceptance_criteria=(),
            owner=redactor.person_field(card.owner),
            priority="",
            type="",
            url="",
            why_ids=tuple(w for w in card.why_ids if w in out.whys),
        )
    return out


def _teams_line(review: Review) -> str:
    teams: list[str] = []
    for person in review.sorted_people():
        team = " ".join(person.team.split())
        if team and team not in teams:
            teams.append(team)
    return ", ".join(teams)


CONTACT_SUPPORT = (
    "If you have questions about this incident or how it affected you, contact our support team "
    "through your usual channel and mention the incident date."
)


def what_we_are_changing(review: Review) -> list[str]:
    """One line per follow-up of the customer version: what, and when ("done", "by April 2025")."""
    lines = []
    for card in customer_followups(review):
        title = " ".join(card.title.split())
        if card.status == "done":
            lines.append(f"{title} (done)")
        else:
            month = target_month(card.due)
            lines.append(f"{title} (planned for {month})" if month else f"{title} (planned)")
    return lines
