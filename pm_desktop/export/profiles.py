"""What each export profile keeps: one rule set for the PDF and the Markdown exporters.

``internal`` keeps everything. ``external`` is the version a company sends to its customers:

- no participant names anywhere: the participants list is dropped, event authors and follow-up
  owners become the person's team (or nothing), and names are replaced by the team inside every
  kept text too;
- no evidence at all (screenshots, links, snippets, files) and no URLs or e-mail addresses, not
  even inside free text;
- the authors line shows the team, never a person;
- kept: summary, impact, key metrics, the timeline, the root causes, and follow-up titles with
  their status. Lessons, the why-trees themselves and follow-up details stay internal.

The filtering works on a copy of the review (:func:`apply_profile`), so an exporter cannot show
what is not there; the :class:`Profile` flags tell it which sections to leave out entirely.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from pm_desktop.domain.model import Review

from .job import ExportError

PROFILE_NAMES: tuple[str, ...] = ("internal", "external")

REMOVED_LINK = "[link removed]"
REMOVED_ADDRESS = "[address removed]"
UNNAMED = "a team member"
EXTERNAL_LABEL = "External: prepared for customers"


@dataclass(frozen=True, slots=True)
class Profile:
    name: str
    label: str  # shown on the title page under the confidentiality label
    participants: bool  # participants section and personal names
    evidence: bool  # the evidence section
    urls: bool  # clickable links and URLs in text
    why_trees: bool  # the drawn/nested why-trees (root causes are always listed)
    followup_details: bool  # owner, due, priority, type, description, criteria, tracker link
    lessons: bool
    metrics: bool


PROFILES: dict[str, Profile] = {
    "internal": Profile("internal", "Internal version", True, True, True, True, True, True, True),
    "external": Profile(
        "external",
        "Customer version (no names, evidence or internal links)",
        False,
        False,
        False,
        False,
        False,
        False,
        True,
    ),
}


def get_profile(name: str) -> Profile:
    try:
        return PROFILES[name]
    except KeyError:
        raise ExportError(
            f"unknown export profile {name!r}; use {' or '.join(PROFILE_NAMES)}"
        ) from None


# --------------------------------------------------------------------------- scrubbing

_URL_RE = re.compile(
    r"(?i)\b(?:[a-z][a-z0-9+.\-]{1,20}://|www\.|mailto:)[^\s<>\"')\]]*[^\s<>\"')\].,;:!?]?"
)
_EMAIL_RE = re.compile(r"[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+")


class Scrubber:
    """Replaces participant names (full names first, then each part of a name), URLs and
    e-mail addresses in free text. Names become the person's team, or "a team member"."""

    def __init__(self, review: Review):
        self._team_of: dict[str, str] = {}
        replacements: dict[str, str] = {}
        # Longest first, so "Mei Lin" is replaced as a whole before "Mei" or "Lin".
        for person in review.sorted_people():
            name = " ".join(person.name.split())
            if not name:
                continue
            team = " ".join(person.team.split()) or UNNAMED
            self._team_of[name.casefold()] = " ".join(person.team.split())
            replacements.setdefault(name, team)
        for person in review.sorted_people():
            team = " ".join(person.team.split()) or UNNAMED
            for part in person.name.split():
                if len(part) >= 2 and any(ch.isalpha() for ch in part):
                    replacements.setdefault(part, team)
        self._replacements = replacements
        words = sorted(replacements, key=len, reverse=True)
        self._names_re = (
            re.compile(r"(?<!\w)(?:" + "|".join(re.escape(w) for w in words) + r")(?!\w)")
            if words
            else None
        )
        self.teams = {team.casefold() for team in self._team_of.values() if team}

    def text(self, value: str) -> str:
        if not value:
            return value
        value = _URL_RE.sub(REMOVED_LINK, value)
        value = _EMAIL_RE.sub(REMOVED_ADDRESS, value)
        if self._names_re is not None:
            value = self._names_re.sub(lambda m: self._replacements[m.group(0)], value)
        return value

    def person_field(self, value: str) -> str:
        """An author/owner field: the person's team, a known team name, or nothing."""
        key = " ".join(value.split()).casefold()
        if not key:
            return ""
        if key in self._team_of:
            return self._team_of[key]
        if key in self.teams:
            return " ".join(value.split())
        return ""


def apply_profile(review: Review, profile: Profile | str) -> Review:
    """A copy of ``review`` holding only what ``profile`` may show."""
    if isinstance(profile, str):
        profile = get_profile(profile)
    if profile.name == "internal":
        return review.copy()
    scrub = Scrubber(review)
    out = Review()
    m = review.meta
    label = m.confidentiality.strip()
    if not label or label.casefold() == "internal":
        label = EXTERNAL_LABEL
    out.meta = replace(
        m,
        title=scrub.text(m.title),
        summary=scrub.text(m.summary),
        impact=scrub.text(m.impact),
        lessons_went_well="",
        lessons_went_wrong="",
        lessons_got_lucky="",
        authors=scrub.text(m.authors) or _teams_line(review),
        confidentiality=scrub.text(label),
        coach_ignored=(),
    )
    for event in review.events.values():
        out.events[event.id] = replace(
            event, text=scrub.text(event.text), author=scrub.person_field(event.author)
        )
    for node in review.whys.values():
        out.whys[node.id] = replace(node, text=scrub.text(node.text), evidence_ids=())
    for card in review.followups.values():
        out.followups[card.id] = replace(
            card,
            title=scrub.text(card.title),
            description="",
            acceptance_criteria=(),
            owner=scrub.person_field(card.owner),
            due="",
            priority="",
            type="",
            url="",
        )
    return out


def _teams_line(review: Review) -> str:
    teams: list[str] = []
    for person in review.sorted_people():
        team = " ".join(person.team.split())
        if team and team not in teams:
            teams.append(team)
    return ", ".join(teams)
