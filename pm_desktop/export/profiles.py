"""What each export profile keeps: one rule set for the PDF, Markdown, CSV and JSON exporters.

``internal`` keeps everything except secrets and the text the user marked as redacted.
``external`` is the customer version (:func:`pm_desktop.domain.redaction.customer_review`):

- no participant names in any form: the participants list is dropped, event authors and
  follow-up owners become the person's team (or nothing), names in text become a phrase such as
  "the incident lead";
- no evidence at all, no internal links, host names, addresses, paths, tickets or channels;
- no ``note`` events, no possible (unconfirmed) root causes, no "Won't do" follow-ups; the
  severity is written out and a closing section says what we are changing and whom to contact;
- kept: summary, impact, key metrics, the timeline, the confirmed root causes, and follow-up
  titles with their status. Lessons, the why-trees and follow-up details stay internal.

The filtering works on a copy of the review (:func:`apply_profile`), so an exporter cannot show
what is not there; the :class:`Profile` flags tell it which sections to leave out entirely.
"""

from __future__ import annotations

from dataclasses import dataclass

from pm_desktop.domain.customer_version import customer_review
from pm_desktop.domain.model import Review
from pm_desktop.domain.redaction import redacted_review

from .job import ExportError

PROFILE_NAMES: tuple[str, ...] = ("internal", "external")

EXTERNAL_SUFFIX = "-external"
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
    customer: bool = False  # severity in words, "What we are changing", "Contact support"


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


def apply_profile(review: Review, profile: Profile | str) -> Review:
    """A copy of ``review`` holding only what ``profile`` may show.

    Every profile loses secrets and the text the user marked as redacted; the external one is
    the customer version built by the domain's one redaction engine."""
    if isinstance(profile, str):
        profile = get_profile(profile)
    if profile.name == "internal":
        return redacted_review(review)
    return customer_review(review, EXTERNAL_LABEL)


def default_stem(stem: str, profile: str) -> str:
    """The default output name: ``incident-external`` for customers; an internal export never
    gets a name that ends in ``-external``."""
    base = stem[: -len(EXTERNAL_SUFFIX)] if stem.endswith(EXTERNAL_SUFFIX) else stem
    if profile == "external":
        return base + EXTERNAL_SUFFIX
    return base + "-internal" if base != stem else stem
