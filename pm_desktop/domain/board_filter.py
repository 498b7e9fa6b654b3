"""What the board shows: the filters (owner, overdue only, not linked to a root cause, Find text)
and the due-date state every card is coloured by.

Plain Python on purpose: the board's model applies a :class:`BoardFilter`, tests check it without
Qt. The Find text means what it means everywhere (:mod:`pm_desktop.domain.search`).
"Today" is the date in the review's display zone, so a card due on the 20th is not overdue for a
team in Sydney while it is already the 21st there only in UTC.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable
from dataclasses import dataclass, field

from pm_desktop.domain import timeutil
from pm_desktop.domain.model import FollowUp, Review
from pm_desktop.domain.search import Query

Clock = Callable[[], _dt.datetime]

SOON_DAYS = 7
DUE_OVERDUE = "overdue"
DUE_SOON = "soon"
DUE_OK = "ok"
DUE_NONE = "none"
NO_OWNER = ""  # the owner filter value meaning "cards nobody owns yet"


def today_in_zone(zone_name: str, clock: Clock | None = None) -> _dt.date:
    """The calendar date now in ``zone_name`` (UTC when the zone is unknown)."""
    now = timeutil.now_canonical(clock)
    try:
        return timeutil.in_zone(now, zone_name).date()
    except timeutil.TimeError:
        return timeutil.in_zone(now, timeutil.UTC).date()


def due_date(card: FollowUp) -> _dt.date | None:
    if not card.due:
        return None
    try:
        return timeutil.parse_date(card.due)
    except timeutil.TimeError:
        return None


def due_state(card: FollowUp, today: _dt.date) -> str:
    """``overdue`` (due before today), ``soon`` (due within a week), ``ok`` or ``none`` (no date).

    Finished and dropped cards are never overdue: the date no longer asks anything of anyone.
    """
    due = due_date(card)
    if due is None:
        return DUE_NONE
    if card.status in ("done", "dropped"):
        return DUE_OK
    if due < today:
        return DUE_OVERDUE
    if (due - today).days <= SOON_DAYS:
        return DUE_SOON
    return DUE_OK


_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def date_text(day: _dt.date) -> str:
    """``28 Mar 2025`` — the same in every locale, with the year so it is never ambiguous."""
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def due_words(card: FollowUp, today: _dt.date) -> str:
    """What the card says about its date, in words (colour is never the only cue)."""
    due = due_date(card)
    if due is None:
        return "No due date"
    state = due_state(card, today)
    days = (due - today).days
    when = f"Due {date_text(due)}"
    if state == DUE_OVERDUE:
        late = -days
        return f"{when} · overdue by {late} day{'s' if late != 1 else ''}"
    if state == DUE_SOON:
        if days == 0:
            return f"{when} · due today"
        if days == 1:
            return f"{when} · due tomorrow"
        return f"{when} · in {days} days"
    return when


def is_linked_to_root_cause(card: FollowUp, review: Review) -> bool:
    return any((node := review.whys.get(w)) is not None and node.root_cause for w in card.why_ids)


@dataclass(frozen=True, slots=True)
class BoardFilter:
    """Which cards the board shows. ``owner`` None means everyone, ``""`` means nobody's."""

    owner: str | None = None
    overdue_only: bool = False
    unlinked_only: bool = False
    text: str = ""
    query: Query = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "query", Query.parse(self.text))

    @property
    def active(self) -> bool:
        return self.owner is not None or self.overdue_only or self.unlinked_only or bool(self.query)

    def matches(self, card: FollowUp, review: Review, today: _dt.date) -> bool:
        if self.owner is not None:
            if self.owner == NO_OWNER:
                if card.owner.strip():
                    return False
            elif card.owner.strip().casefold() != self.owner.strip().casefold():
                return False
        if self.overdue_only and due_state(card, today) != DUE_OVERDUE:
            return False
        if self.unlinked_only and is_linked_to_root_cause(card, review):
            return False
        return self.query.test(card, review)


def owner_choices(review: Review) -> list[str]:
    """Names worth offering in the owner filter: card owners first, then the review's people."""
    seen: dict[str, str] = {}
    for card in review.sorted_followups():
        name = card.owner.strip()
        if name:
            seen.setdefault(name.casefold(), name)
    for person in review.sorted_people():
        name = person.name.strip()
        if name:
            seen.setdefault(name.casefold(), name)
    return sorted(seen.values(), key=str.casefold)
