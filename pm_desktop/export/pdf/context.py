"""What every section of the PDF shares: the :class:`Context` (the review, the profile, the
styles, the zone, progress), headings with stable bookmark keys, and paragraphs of user text.

Sections (``sections_*.py``) import this module; :mod:`.story` imports the sections and puts
the story together, so no module imports one that imports it back.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property

from reportlab.platypus import Flowable, Paragraph

from pm_desktop.domain import timeutil
from pm_desktop.domain.model import Evidence, Review
from pm_desktop.domain.recurrence import Relation

from ..profiles import Profile
from ..whys_view import BranchInfo
from . import fonts, styles
from .doc import Heading, TocEntry
from .links import Places
from .text import aligned, markup, one_line, paragraphs


@dataclass
class Context:
    review: Review
    profile: Profile
    read_blob: Callable[[str], bytes]
    st: styles.Styles
    zone: str
    branches: BranchInfo
    progress: Callable[[float, str], None]
    toc: list[TocEntry] = field(default_factory=list)
    places: Places = field(default_factory=Places)
    orientation: str = "portrait"
    related: tuple[Relation, ...] = ()  # earlier reviews the library relates to this one
    _count: int = 0
    _section: int = 0
    _sections: int = 1
    _numbers: list[int] = field(default_factory=lambda: [0, 0])
    # texts too long for where they are printed, given in full in the appendix:
    # (label, what it is, the text, printed as code)
    notes: list[tuple[str, str, str, bool]] = field(default_factory=list)
    _note_keys: dict[str, str] = field(default_factory=dict)

    def continued(self, key: str, what: str, text: str, *, code: bool = False) -> str:
        """The appendix label ("A3") under which ``text`` is printed in full; the same label
        for the same ``key`` (a tree is measured once per orientation)."""
        label = self._note_keys.get(key)
        if label is None:
            label = self._note_keys[key] = f"A{len(self.notes) + 1}"
            self.notes.append((label, what, text, code))
        return label

    def shortened(self, key: str, what: str, text: str, limit: int) -> str:
        """``text`` itself when it has at most ``limit`` characters; else its start, saying
        where the rest is."""
        if len(text) <= limit:
            return text
        label = self.continued(key, what, text)
        return text[:limit].rstrip() + f" […continued in full in the appendix, {label}]"

    def step(self, message: str) -> None:
        """Report progress inside the current section (preparing the story is the first 30 %)."""
        done = self._section / max(1, self._sections)
        self.progress(0.01 + 0.29 * done, message)

    def key(self) -> str:
        self._count += 1
        return f"pm-{self._count}"

    def heading(self, text: str, level: int = 0, *, numbered: bool = True) -> Heading:
        """A section (level 0) or subsection (level 1) heading, in the outline and contents."""
        title = one_line(text, 110) or "—"
        if numbered:
            self._numbers[level] += 1
            if level == 0:
                self._numbers[1] = 0
            number = ".".join(str(n) for n in self._numbers[: level + 1])
            title = f"{number}  {title}"
        key = self.key()
        shown = markup(title, fonts.SANS_BOLD, breaks=False)
        toc = markup(title, fonts.SANS_BOLD if level == 0 else fonts.SANS, breaks=False)
        style = self.st.h1 if level == 0 else self.st.h2
        self.toc.append(TocEntry(level, toc, key))
        return Heading(
            shown,
            style,
            key=key,
            level=level,
            outline=one_line(title, 90),
            toc=toc,
            room=130.0 if level == 0 else 80.0,
        )

    def time(self, canonical: str | None, fmt: str = "YYYY-MM-DD HH:mm") -> str:
        return timeutil.format_time(canonical, self.zone, fmt)

    @cached_property
    def evidence_by_event(self) -> dict[str, list[Evidence]]:
        """Event id → the evidence linked to it, in evidence order (one pass, not per row)."""
        out: dict[str, list[Evidence]] = {}
        for item in self.review.sorted_evidence():
            for event_id in dict.fromkeys(item.event_ids):
                out.setdefault(event_id, []).append(item)
        return out

    @cached_property
    def event_targets(self) -> frozenset[str]:
        """Events something in the PDF links to (evidence captions, communications): only
        these rows become named places, not every row of a 20,000-event timeline."""
        linked = set(self.evidence_by_event) if self.profile.evidence else set()
        linked.update(e.id for e in self.review.events.values() if e.kind == "communication")
        return frozenset(linked)

    @cached_property  # asked for every screenshot's caption; it sorts every event
    def zone_name(self) -> str:
        first = next((e.time for e in self.review.sorted_events() if e.time), None)
        return timeutil.zone_label(self.zone, first)


# --------------------------------------------------------------------------- shared helpers


def text_block(text: str | None, style, empty: str | None = None, muted=None) -> list[Flowable]:
    """User text as paragraphs (split at blank lines); ``empty`` when there is none. A
    paragraph that reads right to left (Arabic, Hebrew) is right-aligned."""
    blocks = paragraphs(text)
    if not blocks:
        return [Paragraph(markup(empty), muted)] if empty and muted is not None else []
    return [Paragraph(markup(block, style.fontName), aligned(style, block)) for block in blocks]


def nothing(ctx: Context, text: str) -> Paragraph:
    return Paragraph(markup(text), ctx.st.muted)
