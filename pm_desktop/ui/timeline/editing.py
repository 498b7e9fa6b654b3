"""Turning what people type into timeline edits, without ever guessing a time silently.

:class:`TimeCommitter` reads a typed time with ``parse_time_input`` in the display zone. A time
that daylight saving makes ambiguous (it happens twice) or skips (it never happens) is not
resolved here: the *chooser* is asked which instant was meant — a small dialog in the app, a
function in the tests. An unreadable entry leaves the stored time alone and reports the
parser's own sentence.

The question is asked after the cell editor has closed (on the next turn of the event loop),
never from inside the view's commit, where a modal dialog would re-enter the editor.

Signals (TimeCommitter):

- ``message(str)`` — a sentence for the user (why a time was not changed).
- ``committed(str)`` — the id of an event whose time was just changed.
- ``farMoment(str event_id, str instant, object before, str question)`` — a time just stored is
  more than a week from every other moment (a year typed wrong?); the panel asks, without a
  modal dialog, whether to keep it or put ``before`` back (:meth:`TimeCommitter.put_back`).
"""

from __future__ import annotations

import datetime as _dt
import json
from collections.abc import Callable, Iterable

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QWidget

from pm_desktop.domain import ops, timeutil
from pm_desktop.domain.edits import Batch, Edit, update
from pm_desktop.domain.model import EVENT_KINDS, MAX_TEXT, Review, TimelineEvent
from pm_desktop.domain.time_input import TimeInput, parse_time_input

from ..controller import DocumentController
from . import formatting
from .dst import ask_dst_choice

Clock = Callable[[], _dt.datetime]
Chooser = Callable[[TimeInput, "QWidget | None"], "str | None"]

FAR_FROM_THE_REST = 7 * 86400  # a moment this far from every other one is probably a typo


def far_from_the_rest(review: Review, event_id: str, instant: str) -> float | None:
    """Seconds between ``instant`` and the nearest other timed event when that is more than
    :data:`FAR_FROM_THE_REST` (a year typed wrong, "1900-01-01"); otherwise None."""
    others = [e.time for e in review.events.values() if e.time is not None and e.id != event_id]
    if not others:
        return None
    at = formatting.epoch(instant)
    nearest = min(abs(formatting.epoch(t) - at) for t in others)
    return float(nearest) if nearest > FAR_FROM_THE_REST else None


EVIDENCE_IDS_MIME = "application/x-pm-evidence-ids"


def now_utc(clock: Clock | None = None) -> str:
    return timeutil.now_canonical(clock)


def default_date(
    review: Review, event: TimelineEvent | None, zone: str, clock: Clock | None = None
) -> _dt.date:
    """The day a bare ``09:15`` falls on: the event's own date in the display zone, else the
    incident date, else today in the display zone."""
    if event is not None and event.time is not None:
        return formatting.local(event.time, zone).date()
    if timeutil.is_valid_date(review.meta.incident_date):
        return timeutil.parse_date(review.meta.incident_date)
    return formatting.local(now_utc(clock), zone).date()


def previous_timed(review: Review, event_id: str | None) -> str | None:
    """The time ``+5m`` counts from: the event's own time, or the latest timed event."""
    if event_id is not None:
        event = review.events.get(event_id)
        if event is not None and event.time is not None:
            return event.time
    times = [e.time for e in review.events.values() if e.time is not None]
    return max(times) if times else None


def read_time(
    review: Review, event_id: str | None, text: str, clock: Clock | None = None
) -> TimeInput:
    """``text`` typed into the time cell of ``event_id`` (None: a new event), read in the
    display zone."""
    zone = formatting.safe_zone(review.meta.display_tz)
    event = review.events.get(event_id) if event_id else None
    return parse_time_input(
        text,
        default_date=default_date(review, event, zone, clock),
        zone=zone,
        reference=previous_timed(review, event_id),
    )


class TimeCommitter(QObject):
    message = Signal(str)
    committed = Signal(str)
    farMoment = Signal(str, str, object, str)

    def __init__(
        self,
        controller: DocumentController,
        chooser: Chooser | None = None,
        clock: Clock | None = None,
        parent: QObject | None = None,
    ):
        super().__init__(parent)
        self.controller = controller
        self.chooser = chooser
        self.clock = clock
        self.dialog_parent: QWidget | None = None
        self._asking = False

    def commit(self, event_id: str, text: str) -> bool:
        """Change the event's time to what ``text`` says. True when it was stored now; False
        when it was refused (``message`` says why) or a DST question was scheduled."""
        review = self.controller.review
        if event_id not in review.events:
            return False
        result = read_time(review, event_id, text, self.clock)
        if result.status == "ok":
            return self._store(event_id, result.choices[0], result.zone, result.approximate)
        if result.status in ("ambiguous", "nonexistent") and len(result.choices) == 2:
            QTimer.singleShot(0, self, lambda: self._ask(event_id, result))
            return False
        self.message.emit(f"Time not changed: {result.message}")
        return False

    def _ask(self, event_id: str, result: TimeInput) -> None:
        if self._asking:
            return
        self._asking = True
        try:
            chooser = self.chooser or _default_chooser
            chosen = chooser(result, self.dialog_parent)
        finally:
            self._asking = False
        if chosen is None:
            self.message.emit("Time not changed: no reading was chosen.")
            return
        if chosen not in result.choices:
            self.message.emit("Time not changed: the chosen time was not one of the two readings.")
            return
        self._store(event_id, chosen, result.zone, result.approximate)

    def _store(self, event_id: str, instant: str, zone: str, approximate: bool) -> bool:
        review = self.controller.review
        event = review.events.get(event_id)
        if event is None:
            self.message.emit("Time not changed: the event was deleted meanwhile.")
            return False
        if (event.time, event.tz, event.approximate) == (instant, zone, approximate):
            return True
        edit = update(event, "Change event time", time=instant, tz=zone, approximate=approximate)
        if self.controller.push(edit):
            self.committed.emit(event_id)
            gap = far_from_the_rest(self.controller.review, event_id, instant)
            if gap is not None:
                # Stored first (nothing typed is lost if the app closes now), then asked.
                zone = formatting.safe_zone(self.controller.review.meta.display_tz)
                moment = formatting.local(instant, zone)
                question = (
                    f"{formatting.long_day(moment)}, {moment:%H:%M} {zone} is "
                    f"{timeutil.duration_text(gap)} away from every other moment. Keep this date?"
                )
                self.farMoment.emit(event_id, instant, event.time, question)
            return True
        return False

    def put_back(self, event_id: str, instant: str, before: str | None) -> bool:
        """Undo a far-off time the person did not mean, if it is still the event's time."""
        event = self.controller.review.events.get(event_id)
        if event is None or event.time != instant:
            return False
        return (
            self.controller.push(update(event, "Put the earlier time back", time=before))
            is not None
        )


def _default_chooser(result: TimeInput, parent: QWidget | None) -> str | None:
    return ask_dst_choice(result, parent)


# ------------------------------------------------------------------------------ other fields


def field_edit(event: TimelineEvent, field: str, value: object) -> tuple[Edit | None, str]:
    """The edit for typing ``value`` into ``field`` (kind, text or author), or (None, reason)."""
    if field == "kind":
        kind = str(value)
        if kind not in EVENT_KINDS:
            return None, f"“{kind[:40]}” is not an event kind"
        return (
            (None, "")
            if kind == event.kind
            else (update(event, "Change event kind", kind=kind), "")
        )
    if field == "text":
        text = str(value).rstrip()
        if len(text) > MAX_TEXT:
            return None, "That text is too long for one event; split it or attach it as evidence."
        return (
            (None, "") if text == event.text else (update(event, "Edit event text", text=text), "")
        )
    if field == "author":
        author = " ".join(str(value).split())
        if len(author) > 200:
            return None, "That name is too long."
        if author == event.author:
            return None, ""
        return update(event, "Edit event author", author=author), ""
    return None, f"{field} cannot be edited here"


def new_event_edit(
    review: Review, selected: str | None, clock: Clock | None = None, kind: str = "note"
) -> tuple[Edit, str]:
    """A new event one minute after the selected one (or now), in the display zone."""
    zone = formatting.safe_zone(review.meta.display_tz)
    base = review.events.get(selected) if selected else None
    if base is not None and base.time is not None:
        time = formatting.from_epoch(formatting.epoch(base.time) + 60)
    else:
        time = now_utc(clock)
    edit = ops.add_event(review, time, "", kind=kind, tz=zone, source="typed")
    return edit, edit.entity.id


def link_edit(
    review: Review, evidence_ids: Iterable[str], event_id: str
) -> tuple[Edit | None, str]:
    """One edit linking evidence items to an event (unknown ids are reported, not linked)."""
    if event_id not in review.events:
        return None, "That event no longer exists."
    known, unknown = [], []
    for item_id in evidence_ids:
        (known if item_id in review.evidence else unknown).append(item_id)
    edits = []
    for item_id in dict.fromkeys(known):
        if event_id not in review.evidence[item_id].event_ids:
            edits.append(ops.link_evidence(review, item_id, event_id))
    if not edits:
        if unknown:
            return None, "The dropped evidence is not in this review."
        return None, "That evidence is already linked to this event."
    label = (
        "Link evidence to event"
        if len(edits) == 1
        else f"Link {len(edits)} evidence items to event"
    )
    return Batch(tuple(edits), label), ""


def decode_evidence_ids(data: bytes) -> list[str]:
    """The evidence panel's drag payload: a JSON list of ids. Anything else gives []."""
    try:
        value = json.loads(bytes(data).decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return []
    if not isinstance(value, list):
        return []
    return [v for v in value if isinstance(v, str) and 0 < len(v) <= 100][:10_000]
