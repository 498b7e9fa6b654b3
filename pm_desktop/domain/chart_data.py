"""What the timeline chart draws, kept in step with the review edit by edit.

Events sit in one lane per kind, each lane sorted by time. An edit that adds, removes or moves a
few events updates only their lanes (a binary search each), so a single change in a 20,000-event
timeline does not rebuild everything; a large or unknown change rebuilds from the review. The
caller learns which lanes changed and whether the time range did, and re-clusters only those.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from . import timefmt
from .chart_layout import time_range
from .edits import Change
from .metrics import MILESTONES, first_milestones
from .model import EVENT_KINDS, Review, TimelineEvent
from .palette import PHASES

INCREMENTAL_LIMIT = 200  # more changed events than this: rebuild


@dataclass(frozen=True, slots=True)
class Phase:
    label: str
    start: int
    end: int


class ChartData:
    def __init__(self) -> None:
        self.lanes: dict[str, list[tuple[int, str]]] = {}
        self.texts: dict[str, tuple[int, str, str]] = {}  # id -> (time, kind, text)
        self.untimed: set[str] = set()
        self.phases: list[Phase] = []
        self.range: tuple[float, float] | None = None
        self.zone = "UTC"
        self._with_seconds = 0  # timed events whose seconds are not zero (the seconds rule)

    @property
    def seconds(self) -> bool:
        """The review's seconds rule (:mod:`.timefmt`), kept edit by edit."""
        return self._with_seconds > 0

    def rebuild(self, review: Review) -> None:
        lanes: dict[str, list[tuple[int, str]]] = {}
        texts: dict[str, tuple[int, str, str]] = {}
        untimed: set[str] = set()
        epoch = timefmt.epoch
        for event in review.events.values():
            if event.time is None:
                untimed.add(event.id)
                continue
            t = epoch(event.time)
            lanes.setdefault(event.kind, []).append((t, event.id))
            texts[event.id] = (t, event.kind, event.text)
        for points in lanes.values():
            points.sort()
        self.lanes = {k: lanes[k] for k in EVENT_KINDS if k in lanes}
        self.texts = texts
        self._with_seconds = sum(1 for t, _kind, _text in texts.values() if t % 60)
        self.untimed = untimed
        self.zone = timefmt.safe_zone(review.meta.display_tz)
        self._update_range()
        self._update_phases(review)

    def apply(self, review: Review, change: Change) -> tuple[set[str], bool] | None:
        """Follow one edit. Returns (changed lanes, whether the time range changed), or None
        when everything was rebuilt."""
        self.zone = timefmt.safe_zone(review.meta.display_tz)
        ids = change.ids("events")
        if len(ids) > INCREMENTAL_LIMIT:
            self.rebuild(review)
            return None
        dirty: set[str] = set()
        milestone = False
        for event_id in ids:
            old = self.texts.get(event_id)
            event = review.events.get(event_id)
            new = None
            if event is not None and event.time is not None:
                new = (timefmt.epoch(event.time), event.kind, event.text)
            if old is not None and new is not None and old[:2] == new[:2]:
                self.texts[event_id] = new  # only the text changed
                continue
            if old is not None:
                self._remove(event_id, old[0], old[1])
                dirty.add(old[1])
                milestone |= old[1] in MILESTONES
            if new is not None:
                self._insert(event_id, new)
                dirty.add(new[1])
                milestone |= new[1] in MILESTONES
            if event is not None and event.time is None:
                self.untimed.add(event_id)
            else:
                self.untimed.discard(event_id)
        if not dirty:
            return set(), False
        if milestone:
            self._update_phases(review)
        before = self.range
        self._update_range()
        return dirty, self.range != before

    def _remove(self, event_id: str, t: int, kind: str) -> None:
        lane = self.lanes.get(kind, [])
        i = bisect.bisect_left(lane, (t, event_id))
        if i < len(lane) and lane[i] == (t, event_id):
            del lane[i]
        if not lane:
            self.lanes.pop(kind, None)
        if self.texts.pop(event_id, None) is not None and t % 60:
            self._with_seconds -= 1

    def _insert(self, event_id: str, new: tuple[int, str, str]) -> None:
        t, kind, _text = new
        if kind not in self.lanes:
            self.lanes[kind] = []
            self.lanes = {k: self.lanes[k] for k in EVENT_KINDS if k in self.lanes}
        bisect.insort(self.lanes[kind], (t, event_id))
        self.texts[event_id] = new
        self._with_seconds += 1 if t % 60 else 0

    def _update_range(self) -> None:
        if not self.lanes:
            self.range = None
            return
        first = min(points[0][0] for points in self.lanes.values())
        last = max(points[-1][0] for points in self.lanes.values())
        self.range = time_range([first, last])

    def _update_phases(self, review: Review) -> None:
        self.phases = []
        milestones = first_milestones(milestones_only(review))
        for start_kind, end_kind, label in PHASES:
            a, b = milestones.get(start_kind), milestones.get(end_kind)
            if a is not None and b is not None and a.time and b.time and b.time > a.time:
                self.phases.append(Phase(label, timefmt.epoch(a.time), timefmt.epoch(b.time)))


def milestones_only(review: Review) -> Review:
    """A review holding only the first timed event of each milestone kind — all that the
    metrics and the phase shading read — found in one pass, so an edit in a 20,000-event
    timeline does not sort it again for them."""
    first: dict[str, TimelineEvent] = {}
    for event in review.events.values():
        if event.time is None or event.kind not in MILESTONES:
            continue
        best = first.get(event.kind)
        if best is None or (event.time, event.seq, event.id) < (best.time, best.seq, best.id):
            first[event.kind] = event
    return Review(meta=review.meta, events={e.id: e for e in first.values()})
