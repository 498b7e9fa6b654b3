"""The review coach's findings for the open review, kept current cheaply for every view.

One :class:`CoachIndex` per controller (:func:`coach_index`) serves the findings pane, the
timeline and why-tree markers and the overview's checklist, so the coach runs once per change,
not once per view or per paint.

Why it is incremental: a whole-review pass over a 20,000-event review takes about 80 ms even
with the coach's per-text cache, which is a visible stall on every keystroke. A change names the
items it touched, so only those are checked again, plus the few items whose findings depend on
them (a follow-up and the why nodes it links; the review-level checklist). A change to the
people (whose names the blame check knows) or a new document checks everything, in slices of a
few milliseconds so a large review never freezes the window while it is read.

Changes are coalesced: however many arrive in one event-loop turn, the coach runs once, on a
zero-timer, after the views have handled them.

At start-up the main window holds the index (:meth:`CoachIndex.hold`) until it has painted for
the first time: the coach's checks load and compile their patterns on first use, which would
otherwise delay the first picture of the window. Work that arrives meanwhile waits and runs on
the first turn after the paint (or after ``HOLD_LIMIT_MS`` if the window is never shown).

Signals: ``updated()`` — findings, checklist or quiet state changed; views read them again.
"""

from __future__ import annotations

import time
from collections.abc import Iterable

from PySide6.QtCore import QObject, QTimer, Signal

from pm_desktop.domain import coach
from pm_desktop.domain.coach import ChecklistItem, Finding
from pm_desktop.domain.edits import Change, SetReviewField, only_position_differs, set_field
from pm_desktop.domain.model import Review

from ..controller import DocumentController

ITEM_KINDS: tuple[str, ...] = ("event", "why", "followup")
KIND_COLLECTION: dict[str, str] = {"event": "events", "why": "whys", "followup": "followups"}
# Findings about what an item lacks rather than how it is worded; the why node's own
# "needs a follow-up" pill and the card's "Needs:" line already say these.
COMPLETENESS_RULES = frozenset({"followup_incomplete", "review_incomplete"})
SLICE_S = 0.012  # a full check yields to the event loop after this much work
HOLD_LIMIT_MS = 1000  # a hold ends on its own after this long

Key = tuple[str, str]


class CoachIndex(QObject):
    updated = Signal()

    def __init__(self, controller: DocumentController, parent: QObject | None = None):
        super().__init__(parent if parent is not None else controller)
        self.controller = controller
        self._items: dict[Key, tuple[Finding, ...]] = {}  # ignored ones included
        self._review_level: tuple[Finding, ...] = ()
        self._checklist: tuple[ChecklistItem, ...] = ()
        self._links: dict[str, frozenset[str]] = {}  # follow-up id -> why ids last seen
        self._sig: dict[Key, tuple] = {}  # what the checklist reads of each item, last seen
        # The timeline's share of the checklist, summed from the events' signatures, so a
        # change does not read all 20,000 events again: events per kind, timed events with no zone
        self._kinds: dict[str, int] = {}
        self._unzoned = 0
        self._seen: dict[Key, object] = {}  # each item as it was when last checked
        self._positions: dict[str, dict[str, int]] = {}  # display order of whys / follow-ups
        self._queue: list[Key] = []  # a full check still to do, item by item
        self._pending: Change | None = None
        self._rebuild = False
        self._review_dirty = False
        self._quiet = False
        self._derived: dict[object, object] = {}
        self.revision = 0
        self.last_run_ms = 0.0  # work of the last update (all slices of a full check)
        self._work_s = 0.0
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._run)
        self._held = False
        self._hold_limit = QTimer(self)
        self._hold_limit.setSingleShot(True)
        self._hold_limit.timeout.connect(self.release)
        controller.changed.connect(self._on_changed)
        controller.documentReplaced.connect(self._on_replaced)
        self._on_replaced()

    # ------------------------------------------------------------------ reading
    @property
    def review(self) -> Review:
        return self.controller.review

    @property
    def busy(self) -> bool:
        """True while changes wait to be checked (the views show the previous findings)."""
        return (
            self._timer.isActive()
            or bool(self._queue)
            or self._rebuild
            or self._pending is not None
        )

    @property
    def quiet(self) -> bool:
        return self._quiet

    def set_quiet(self, on: bool) -> None:
        """Presentation mode: markers and checklists show nothing from the coach."""
        if on != self._quiet:
            self._quiet = on
            self._derived.clear()
            self.updated.emit()

    def findings(self) -> list[Finding]:
        """Findings not ignored, review first, then events in time order, why nodes tree by
        tree, follow-ups in board order (the order of ``review_findings``)."""
        return list(self._ordered()[0])

    def note_count(self) -> int:
        """``len(self.findings())`` without putting them in order (the status bar's count)."""
        cached = self._derived.get("count")
        if cached is None:
            ignored = self._ignored_keys()
            everything = [self._review_level, *self._items.values()]
            cached = sum(1 for found in everything for f in found if f.key not in ignored)
            self._derived["count"] = cached
        return cached  # type: ignore[return-value]

    def ignored_findings(self) -> list[Finding]:
        """Findings the team chose to ignore that still apply to the review as it is."""
        return list(self._ordered()[1])

    def item_findings(self, kind: str, item_id: str | None) -> list[Finding]:
        """The findings of one item that are not ignored (``kind`` "review": review-level)."""
        found = self._review_level if kind == "review" else self._items.get((kind, item_id or ""))
        ignored = self._ignored_keys()
        return [f for f in found or () if f.key not in ignored]

    def notes(self, kind: str) -> dict[str, tuple[Finding, ...]]:
        """Item id -> wording findings (blame, hindsight, judging words, vague promises) for
        the markers on timeline rows and why nodes; empty while quiet."""
        cache_key = ("notes", kind)
        if cache_key not in self._derived:
            out: dict[str, tuple[Finding, ...]] = {}
            if not self._quiet:
                ignored = self._ignored_keys()
                for (k, item_id), found in self._items.items():
                    if k != kind:
                        continue
                    shown = tuple(
                        f
                        for f in found
                        if f.rule not in COMPLETENESS_RULES and f.key not in ignored
                    )
                    if shown:
                        out[item_id] = shown
            self._derived[cache_key] = out
        return self._derived[cache_key]  # type: ignore[return-value]

    def checklist(self) -> list[ChecklistItem]:
        """The overview's checklist (:func:`coach.completeness`), empty while quiet."""
        return [] if self._quiet else list(self._checklist)

    # ------------------------------------------------------------------ ignoring
    def ignore_edit(self, finding: Finding) -> SetReviewField | None:
        """The undoable edit that ignores ``finding`` on its item (None: already ignored)."""
        keys = tuple(self.review.meta.coach_ignored)
        if finding.key in keys:
            return None
        return set_field(self.review, "coach_ignored", (*keys, finding.key), "Ignore coach note")

    def unignore_edit(self, finding: Finding) -> SetReviewField | None:
        keys = tuple(self.review.meta.coach_ignored)
        if finding.key not in keys:
            return None
        kept = tuple(k for k in keys if k != finding.key)
        return set_field(self.review, "coach_ignored", kept, "Stop ignoring coach note")

    # ------------------------------------------------------------------ holding at start-up
    @property
    def held(self) -> bool:
        return self._held

    def hold(self) -> None:
        """Run nothing until :meth:`release` (or ``HOLD_LIMIT_MS``); changes keep collecting."""
        self._held = True
        self._timer.stop()
        self._hold_limit.start(HOLD_LIMIT_MS)

    def release(self) -> None:
        """End a hold: waiting work runs on the next turn of the event loop."""
        if not self._held:
            return
        self._held = False
        self._hold_limit.stop()
        if self.busy:
            self._timer.start()

    # ------------------------------------------------------------------ following the document
    def flush(self) -> None:
        """Do all waiting work now (tests, screenshots, a view that must be current)."""
        while self.busy:
            self._timer.stop()
            self._run(budget=None)

    def _schedule(self) -> None:
        if not self._held and not self._timer.isActive():
            self._timer.start()

    def _on_replaced(self) -> None:
        self._items.clear()
        self._links.clear()
        self._sig.clear()
        self._kinds.clear()
        self._unzoned = 0
        self._seen.clear()
        self._positions.clear()
        self._queue = []
        self._review_level = ()
        self._checklist = ()
        self._pending = None
        self._rebuild = self.controller.document is not None
        self._derived.clear()
        self.revision += 1
        self.updated.emit()  # views drop what they showed of the previous review at once
        self._schedule()

    def _on_changed(self, change: Change) -> None:
        if change.touches("people"):
            self._rebuild = True  # the blame check knows participants' names
        elif not self._rebuild:
            self._pending = change if self._pending is None else self._pending.merged(change)
        self._schedule()

    def _run(self, budget: float | None = SLICE_S) -> None:
        start = time.perf_counter()
        if self._rebuild:
            self._start_full_check()
        if self._queue:
            self._work_queue(start, budget)
            if self._queue:
                self._work_s += time.perf_counter() - start
                self._schedule()  # let the window breathe; more next turn
                return
        pending, self._pending = self._pending, None
        if pending is not None:
            self._apply(pending)
        if self._review_dirty:
            self._review_dirty = False
            facts = coach.EventFacts(frozenset(self._kinds), self._unzoned == 0)
            found, checklist = coach.review_level(self.review, facts, include_ignored=True)
            self._review_level = tuple(found)
            self._checklist = tuple(checklist)
        self._work_s += time.perf_counter() - start
        self.last_run_ms = self._work_s * 1000
        self._work_s = 0.0
        self._derived.clear()
        self.revision += 1
        self.updated.emit()

    def _start_full_check(self) -> None:
        self._rebuild = False
        self._pending = None  # the full check reads every item as it is now
        self._items.clear()
        self._links.clear()
        self._sig.clear()
        self._kinds.clear()
        self._unzoned = 0
        self._seen.clear()
        self._positions.clear()
        review = self.review
        queue: list[Key] = [("event", i) for i in review.events]
        queue += [("why", i) for i in review.whys]
        queue += [("followup", i) for i in review.followups]
        queue.reverse()  # popped from the end: events first
        self._queue = queue
        self._review_dirty = True

    def _work_queue(self, start: float, budget: float | None) -> None:
        queue = self._queue
        while queue:
            for _ in range(64):
                if not queue:
                    break
                kind, item_id = queue.pop()
                self._check(kind, item_id)
            if budget is not None and time.perf_counter() - start > budget:
                return

    def _apply(self, change: Change) -> None:
        review = self.review
        if change.fields - {"coach_ignored"}:
            self._review_dirty = True
        for kind in ("why", "followup"):
            if change.touches(KIND_COLLECTION[kind]):
                self._positions.pop(kind, None)
        for event_id in self._reworded("event", change):
            self._check("event", event_id)
        cards = self._reworded("followup", change)
        nodes = self._reworded("why", change)
        why_dirty = set(nodes)
        for card_id in cards:
            why_dirty |= self._links.get(card_id, frozenset())
            card = review.followups.get(card_id)
            if card is not None:
                why_dirty.update(card.why_ids)
        card_dirty = set(cards)
        if nodes:  # a root cause mark decides whether its cards are linked to a root cause
            card_dirty.update(c.id for c in review.followups.values() if nodes & set(c.why_ids))
            card_dirty.update(c for c, links in self._links.items() if nodes & links)
        self._check_all("why", why_dirty)
        self._check_all("followup", card_dirty)

    def _reworded(self, kind: str, change: Change) -> set[str]:
        """Ids of ``kind`` in ``change`` whose checked content changed: moving a card renumbers
        its whole column, which changes no finding, so those cards are not checked again."""
        items = self.review.collection(KIND_COLLECTION[kind])
        out: set[str] = set()
        for item_id in change.ids(KIND_COLLECTION[kind]):
            before = self._seen.get((kind, item_id))
            now = items.get(item_id)
            if before is None or now is None or not _only_order_differs(before, now):
                out.add(item_id)
        return out

    def _check_all(self, kind: str, ids: Iterable[str]) -> None:
        for item_id in ids:
            self._check(kind, item_id)

    def _check(self, kind: str, item_id: str) -> None:
        review = self.review
        key = (kind, item_id)
        found = tuple(coach.findings_for(review, kind, item_id, include_ignored=True))
        if found:
            self._items[key] = found
        else:
            self._items.pop(key, None)
        item = review.collection(KIND_COLLECTION[kind]).get(item_id)
        if item is None:
            self._seen.pop(key, None)
        else:
            self._seen[key] = item
        if kind == "followup":
            card = review.followups.get(item_id)
            if card is None:
                self._links.pop(item_id, None)
            else:
                self._links[item_id] = frozenset(card.why_ids)
        # The checklist and the review-level notes read only a little of each item (a milestone
        # kind, a zone, a root-cause mark, a card's links): rewording an item leaves them be.
        sig = _signature(review, kind, item_id)
        old = self._sig.get(key)
        if old != sig:
            self._review_dirty = True
            if kind == "event":
                self._count_event(old, -1)
                self._count_event(sig, 1)
            if sig is None:
                self._sig.pop(key, None)
            else:
                self._sig[key] = sig

    def _count_event(self, sig: tuple | None, step: int) -> None:
        if sig is None:
            return
        kind, untimed, zoned = sig
        left = self._kinds.get(kind, 0) + step
        if left:
            self._kinds[kind] = left
        else:
            del self._kinds[kind]
        if not untimed and not zoned:
            self._unzoned += step

    # ------------------------------------------------------------------ derived views
    def _ignored_keys(self) -> frozenset[str]:
        keys = self._derived.get("ignored")
        if keys is None:
            keys = frozenset(self.review.meta.coach_ignored)
            self._derived["ignored"] = keys
        return keys  # type: ignore[return-value]

    def _ordered(self) -> tuple[tuple[Finding, ...], tuple[Finding, ...]]:
        cached = self._derived.get("ordered")
        if cached is None:
            everything = list(self._review_level)
            for kind in ITEM_KINDS:
                for item_id in self._order(kind):
                    everything.extend(self._items[(kind, item_id)])
            ignored = self._ignored_keys()
            cached = (
                tuple(f for f in everything if f.key not in ignored),
                tuple(f for f in everything if f.key in ignored),
            )
            self._derived["ordered"] = cached
        return cached  # type: ignore[return-value]

    def _order(self, kind: str) -> list[str]:
        """Ids of ``kind`` that have findings, in display order."""
        ids = [i for k, i in self._items if k == kind]
        if not ids:
            return []
        review = self.review
        if kind == "event":
            events = review.events
            return sorted((i for i in ids if i in events), key=lambda i: events[i].sort_key())
        positions = self._positions.get(kind)
        if positions is None:  # sorting every node again per keystroke is what this avoids
            ordered = review.sorted_whys() if kind == "why" else review.sorted_followups()
            positions = {item.id: i for i, item in enumerate(ordered)}
            self._positions[kind] = positions
        return sorted((i for i in ids if i in positions), key=positions.__getitem__)


def _only_order_differs(before: object, now: object) -> bool:
    """True when two versions of an item differ at most in their position (``seq``)."""
    return before is now or only_position_differs(before, now)


def _signature(review: Review, kind: str, item_id: str) -> tuple | None:
    """What :func:`coach.completeness` reads of an item (None: the item is gone)."""
    if kind == "event":
        event = review.events.get(item_id)
        return None if event is None else (event.kind, not event.time, bool(event.tz.strip()))
    if kind == "why":
        node = review.whys.get(item_id)
        return None if node is None else (node.root_cause, node.contributing)
    card = review.followups.get(item_id)
    return None if card is None else (card.status == "dropped", tuple(card.why_ids))


def coach_index(controller: DocumentController) -> CoachIndex:
    """The one :class:`CoachIndex` of ``controller`` (made on first use, owned by it)."""
    index = getattr(controller, "_coach_index", None)
    if index is None:
        index = CoachIndex(controller)
        controller._coach_index = index  # type: ignore[attr-defined]
    return index
