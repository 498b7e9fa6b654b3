"""What an import adds to a review: duplicates marked, then one edit for everything chosen.

An entry duplicates an event the review already holds (or one earlier in the same import)
when both have the same text, ignoring case, accents and spacing, and their times are within
:data:`DUPLICATE_SECONDS` of each other (or both are untimed). Bringing the same export in twice
therefore adds nothing the second time. Duplicates start unticked; the user may still tick one.

:func:`intake_edit` makes ONE :class:`~pm_desktop.domain.edits.Batch` (one undo step): the
events, the people who wrote them (with their handles; a person the review already knows by
name or handle gains the missing handles instead), and link evidence for every link found with
an entry, attached to that entry's event (a link the review already holds is not added twice).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from pm_desktop.domain import timeutil
from pm_desktop.domain.edits import AddEntity, Batch, Edit, UpdateEntity
from pm_desktop.domain.model import Evidence, Person, Review, TimelineEvent, new_id
from pm_desktop.domain.search import fold
from pm_desktop.domain.wording import counted

from .entries import IntakeEntry, IntakePerson, IntakeResult, checked_kind

DUPLICATE_SECONDS = 120


@dataclass(frozen=True, slots=True)
class PlannedEntry:
    entry: IntakeEntry
    duplicate: bool


@dataclass(frozen=True, slots=True)
class IntakeSummary:
    events: int
    people: int
    links: int
    duplicates: int

    def line(self) -> str:
        return (
            f"added {counted(self.events, 'event')}, {counted(self.people, 'person', 'people')}, "
            f"{counted(self.links, 'link')}; {counted(self.duplicates, 'duplicate')} skipped"
        )


def _seconds(instant: str) -> float:
    return timeutil.from_canonical(instant).timestamp()


class _Seen:
    """Events by folded text, with their instants, for the duplicate test."""

    def __init__(self) -> None:
        self.by_text: dict[str, list[float | None]] = {}

    def add(self, text: str, time: str | None) -> None:
        self.by_text.setdefault(fold(text), []).append(None if time is None else _seconds(time))

    def holds(self, text: str, time: str | None) -> bool:
        times = self.by_text.get(fold(text))
        if not times:
            return False
        if time is None:
            return None in times
        at = _seconds(time)
        return any(t is not None and abs(t - at) <= DUPLICATE_SECONDS for t in times)


def plan_intake(review: Review, entries: Sequence[IntakeEntry]) -> list[PlannedEntry]:
    seen = _Seen()
    for event in review.events.values():
        seen.add(event.text, event.time)
    planned = []
    for entry in entries:
        duplicate = seen.holds(entry.text, entry.time)
        planned.append(PlannedEntry(entry, duplicate))
        seen.add(entry.text, entry.time)
    return planned


def _forms(name: str) -> set[str]:
    """The ways a name or handle can be written that count as the same person: as is, without
    ``@``, and an e-mail address by its part before the ``@`` (``mei.lin@example.com`` is the
    Slack handle ``@mei.lin``)."""
    bare = fold(name.lstrip("@"))
    out = {bare}
    local, at, _domain = bare.partition("@")
    if at and local:
        out.add(local)
    return out


def _person_for(review: Review, person: IntakePerson, extra: Sequence[Person]) -> Person | None:
    names = set().union(*(_forms(n) for n in (person.name, *person.handles)))
    for known in (*review.sorted_people(), *extra):
        forms = set().union(*(_forms(n) for n in (known.name, *known.handles)))
        if names & forms:
            return known
    return None


def _resolve_people(
    review: Review, people: Sequence[IntakePerson], authors: set[str]
) -> tuple[list[Edit], dict[str, str], int]:
    """Edits for the people behind ``authors``, the author names to write instead (an e-mail
    address that belongs to a known person becomes that person's name), and how many are new."""
    edits: list[Edit] = []
    renamed: dict[str, str] = {}
    added: list[Person] = []
    grown: dict[str, Person] = {}
    seq = review.next_seq("people")
    for person in people:
        if person.name not in authors:
            continue
        known = _person_for(review, person, added)
        if known is None:
            new = Person(new_id(), person.name, seq=seq + len(added), handles=person.handles)
            added.append(new)
            continue
        known = grown.get(known.id, known)
        renamed[person.name] = known.name
        wanted = [*person.handles]
        if person.name != known.name:
            wanted.insert(0, person.name)
        missing = tuple(h for h in dict.fromkeys(wanted) if h not in known.handles)
        if missing and known.id in review.people:
            grown[known.id] = replace(known, handles=(*known.handles, *missing))
    for person_id, longer in grown.items():
        edits.append(UpdateEntity(review.people[person_id], longer))
    edits.extend(AddEntity(p) for p in added)
    return edits, renamed, len(added)


def intake_edit(
    review: Review,
    entries: Sequence[IntakeEntry],
    people: Sequence[IntakePerson] = (),
    label: str = "",
) -> tuple[Edit, IntakeSummary]:
    """One undoable edit that adds ``entries`` (already chosen by the caller) with their
    authors and links. The summary's ``duplicates`` is 0: the caller knows what it left out."""
    people_edits, renamed, new_people = _resolve_people(
        review, people, {e.author for e in entries if e.author}
    )
    edits: list[Edit] = []
    seq = review.next_seq("events")
    evidence_seq = review.next_seq("evidence")
    known_urls = {e.url for e in review.evidence.values() if e.url}
    links = 0
    for n, entry in enumerate(entries):
        author = renamed.get(entry.author, entry.author)
        event = TimelineEvent(
            id=new_id(),
            time=entry.time,
            tz=entry.tz,
            text=entry.text,
            kind=checked_kind(entry.kind),
            author=author,
            seq=seq + n,
            source=entry.source,
        )
        edits.append(AddEntity(event))
        for link in entry.links:
            if link.url in known_urls:
                continue
            known_urls.add(link.url)
            edits.append(
                AddEntity(
                    Evidence(
                        id=new_id(),
                        kind="link",
                        title=link.title,
                        url=link.url,
                        captured_at=entry.time,
                        captured_tz=entry.tz,
                        captured_by=author,
                        event_ids=(event.id,),
                        seq=evidence_seq + links,
                        source=entry.source,
                    )
                )
            )
            links += 1
    summary = IntakeSummary(len(entries), new_people, links, 0)
    label = label or f"Import {counted(len(entries), 'event')}"
    return Batch((*people_edits, *edits), label), summary


def chosen_entries(
    planned: Sequence[PlannedEntry], include_duplicates: bool = False
) -> list[IntakeEntry]:
    return [p.entry for p in planned if include_duplicates or not p.duplicate]


def import_result(
    review: Review, result: IntakeResult, label: str = ""
) -> tuple[Edit, IntakeSummary]:
    """Everything new in ``result`` as one edit (what the CLI does without asking)."""
    planned = plan_intake(review, result.entries)
    edit, summary = intake_edit(review, chosen_entries(planned), result.people, label)
    duplicates = sum(1 for p in planned if p.duplicate)
    return edit, replace(summary, duplicates=duplicates)
