"""Turn a pasted timeline into timed entries, the way it was meant and with every guess shown.

People paste timelines from chat logs, wikis, markdown postmortems, status pages and spreadsheets.
This parser reads those shapes line by line (the shapes live in ``timeline_formats``), places each
time on a date and in a zone, and reports what it had to assume as ``problems`` on the entry, so
the paste preview can show them before anything is added to the review. Nothing is dropped: a
line without a time joins the entry above it, or becomes an untimed entry.

Dates and zones carry forward: a title such as "Timeline - 12 March 2025 (all times in UTC)" sets
both for the lines below it; a time that jumps back by more than :data:`ROLLOVER_HOURS` hours is read
on the next day (a midnight crossing), a smaller step back is kept and flagged as out of order.

Pure: no Qt, no storage. Never raises, whatever the text.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable

from pm_desktop.domain import timeutil
from pm_desktop.domain.time_input import Stamp, closest_year, scan_stamp, stamp_date, zone_label_at
from pm_desktop.domain.zonewords import resolve_zone_word
from pm_desktop.ingest import timeline_chat as chat
from pm_desktop.ingest import timeline_formats as fmt
from pm_desktop.ingest import timeline_headings as headings
from pm_desktop.ingest import timeline_prose as prose
from pm_desktop.ingest import timeline_status_page as status_page
from pm_desktop.ingest.timeline_entries import Draft as _Draft
from pm_desktop.ingest.timeline_entries import ParsedEntry, ParseResult
from pm_desktop.ingest.timeline_formats import guess_kind

__all__ = ["ParseResult", "ParsedEntry", "guess_kind", "parse_timeline"]

ROLLOVER_HOURS = 6


PROGRESS_EVERY = 256  # lines between two calls of a parse's progress callback
Progress = Callable[[int, int], None]


class ParseCancelled(Exception):  # noqa: N818 - a request, not a failure
    """Raised by a progress callback to stop :func:`parse_timeline` (the preview was closed or
    the text changed again)."""


class _Parser:
    def __init__(
        self,
        lines: list[str],
        default_date: _dt.date | None,
        default_tz: str,
        attach: bool,
        date_order: str | None = None,
    ):
        self.lines = lines
        self.attach = attach
        self.warnings: list[str] = []
        self.zone = self._default_zone(default_tz)
        self.declared_zone = False  # a title or table header named the zone
        self.entries: list[_Draft] = []
        self.pending: list[tuple[int, str, str]] = []  # (line, raw, cleaned); cleaned "" = blank
        self.unparsed: list[int] = []
        self.body_mode = False  # the current entry expects paragraphs under it
        self.stamp_after: bool | None = None  # status-page style: stamp line below its message
        self.in_table = False
        self.prev_instant: _dt.datetime | None = None
        self.prev_wall: _dt.datetime | None = None
        self.prev_zone = self.zone
        self.saw_date = False
        self.dated_instants: list[str] = []
        self.dm_order = headings.numeric_date_order(lines)
        self.default_order = date_order if date_order in ("dm", "md") else None
        self.order_noted = False
        self.date = default_date if default_date is not None else self._first_date_or_today()
        self.default_date_given = default_date is not None
        self.date_start = self.date.isoformat()
        self.chat = chat.looks_like_chat(lines)  # one entry per message, with its author
        self.speaker = ""

    # ------------------------------------------------------------------ setup

    def _default_zone(self, name: str) -> str:
        zone = resolve_zone_word(name) if isinstance(name, str) else None
        if zone is None:
            self.warnings.append(
                f"unknown default zone {name!r}; times without a zone are read as UTC"
            )
            return timeutil.UTC
        return zone

    def _first_date_or_today(self) -> _dt.date:
        today = self._today()
        for line in self.lines:
            det = fmt.strip_controls(line[: fmt.DETECT_CHARS])
            heading = fmt.HEADING_RE.match(det)
            content = heading.group(2) if heading else det
            stamp = fmt.scan_line(content)
            if stamp is not None and stamp.date_kind in ("iso", "name", "dotted"):
                found = stamp_date(stamp, today)
                if found:
                    return found
            if fmt.is_title_line(content, bool(heading)):
                found = fmt.title_date(content, today)
                if found:
                    return found
        return today

    def _today(self) -> _dt.date:
        try:
            now = timeutil.in_zone(timeutil.now_canonical(), self.zone)
            return _dt.date(now.year, now.month, now.day)
        except Exception:  # a clock or zone oddity must not stop the parse
            return _dt.date.today()

    # ------------------------------------------------------------------ dates and zones

    def _numeric_date(self, stamp: Stamp, problems: list[str]) -> _dt.date | None:
        a, b = stamp.numeric or (0, 0)
        rule = self.dm_order or self.default_order
        ambiguous = a != b and 1 <= a <= 12 and 1 <= b <= 12
        if ambiguous and self.dm_order is None and not self.order_noted:
            self.order_noted = True  # said once: nothing in the paste settles day/month order
            self.warnings.append(headings.order_warning(a, b, self.default_order))
        readings: list[tuple[str, _dt.date]] = []
        for order, (day, month) in (("dm", (a, b)), ("md", (b, a))):
            if rule in (None, order) and 1 <= month <= 12:
                if stamp.year is None:
                    date = closest_year(month, day, self.date)
                else:
                    try:
                        date = _dt.date(stamp.year, month, day)
                    except ValueError:
                        date = None
                if date is not None and date not in [r for _, r in readings]:
                    readings.append((order, date))
        if not readings:
            problems.append(f"{a:02d}/{b:02d} is not a date; read on {self.date.isoformat()}")
            return None
        readings.sort(key=lambda r: abs((r[1] - self.date).days))
        chosen = readings[0][1]
        if len(readings) > 1:
            other = readings[1][1]
            problems.append(
                f"{a:02d}/{b:02d} could be {chosen.day} {chosen:%B} or {other.day} {other:%B}; "
                f"read as {chosen.day} {chosen:%B %Y}, the one nearer the other entries"
            )
        return chosen

    def _place(
        self, stamp: Stamp, zone_word: str | None, problems: list[str]
    ) -> tuple[str | None, str]:
        """The instant and zone for a stamp, carrying date and zone forward."""
        zone = self.zone
        if zone_word is not None:
            found = resolve_zone_word(zone_word)
            if found is None:
                problems.append(
                    f"unknown zone '{zone_word}' - read as the default zone {self.zone}"
                )
            else:
                zone = found
                if not self.declared_zone:
                    self.zone = found  # "09:15 PST" also covers the lines below it
        explicit = stamp.date_kind is not None
        if stamp.date_kind == "numeric":
            date = self._numeric_date(stamp, problems)
        elif explicit:
            date = stamp_date(stamp, self.date)
            if date is None:
                problems.append(f"that date does not exist; read on {self.date.isoformat()}")
        else:
            date = None
        explicit = date is not None
        if date is None:
            date = self.date
        else:
            self.saw_date = True
        wall = _dt.datetime(
            date.year, date.month, date.day, stamp.hour or 0, stamp.minute, stamp.second
        )
        instant = self._resolve(wall, zone, problems)
        moment = fmt.as_datetime(instant) if stamp.hour is not None and instant else None
        if moment is not None and not explicit and self.prev_instant is not None:
            back = (self.prev_instant - moment).total_seconds()
            if back > ROLLOVER_HOURS * 3600:
                wall += _dt.timedelta(days=1)
                next_day = f"read as the next day ({wall.date().isoformat()})"
                if self.prev_wall is not None and self.prev_zone == zone:
                    problems.append(
                        f"the clock goes back from {self.prev_wall:%H:%M} to {wall:%H:%M}: {next_day}"
                    )
                else:
                    problems.append(
                        f"{wall:%H:%M} {zone} is {timeutil.duration_text(back)} before the entry "
                        f"above: {next_day}"
                    )
                instant = self._resolve(wall, zone, problems)
                moment = fmt.as_datetime(instant) if instant else None
            elif back > 0:
                problems.append(
                    f"out of order: {timeutil.duration_text(back)} earlier than the entry above"
                )
        self.date = wall.date()
        if moment is not None:  # a time was placed (the stamp has a clock)
            self.prev_instant, self.prev_wall = moment, wall
            self.prev_zone = zone
            if explicit and instant:  # (instant is set whenever moment is)
                self.dated_instants.append(instant)
        else:
            self.prev_instant = None
        return instant, zone

    @classmethod
    def _resolve(cls, wall: _dt.datetime, zone: str, problems: list[str]) -> str | None:
        instant = cls._resolve_any_year(wall, zone, problems)
        if instant is not None and not timeutil.year_in_range(instant):
            problems.append(
                f"{wall:%Y-%m-%d %H:%M} is out of range ({timeutil.YEAR_RANGE_TEXT}); left untimed"
            )
            return None
        return instant

    @staticmethod
    def _resolve_any_year(wall: _dt.datetime, zone: str, problems: list[str]) -> str | None:
        try:
            fixed = fmt.fixed_zone_instant(wall, zone)  # fast path: no DST in UTC or "+05:30"
            if fixed is not None:
                return fixed
            resolution = timeutil.resolve_local(wall, zone)
        except (timeutil.TimeError, OverflowError, ValueError):
            problems.append(f"{wall:%Y-%m-%d %H:%M} cannot be placed in {zone}")
            return None
        earlier = resolution.choices[0]
        clock, day = f"{wall:%H:%M}", wall.date().isoformat()
        if resolution.status == "ambiguous":
            problems.append(
                f"DST: {clock} happens twice in {zone} on {day}; "
                f"took the earlier ({zone_label_at(earlier, zone)})"
            )
        elif resolution.status == "nonexistent":
            local = timeutil.in_zone(earlier, zone)
            problems.append(
                f"DST: {clock} does not exist in {zone} on {day} (the clocks jump forward); "
                f"took the earlier reading, {local:%H:%M} {zone_label_at(earlier, zone)}"
            )
        return earlier

    # ------------------------------------------------------------------ pending lines

    def _flush(self) -> None:
        """Attach the lines without a time to the entry above, or keep them as untimed entries."""
        items = self.pending
        self.pending = []
        while items and not items[0][2]:
            items.pop(0)
        while items and not items[-1][2]:
            items.pop()
        if not items:
            return
        if self.entries and (self.attach or self.body_mode):
            target = self.entries[-1]
            for number, raw, cleaned in items:
                target.body.append(cleaned)
                target.raw.append(raw)
                if cleaned and not self.body_mode:
                    self.unparsed.append(number)
            return
        for number, raw, cleaned in items:
            if cleaned:
                self.entries.append(_Draft(number, None, self.zone, cleaned, raw=[raw]))
                self.unparsed.append(number)

    def _last_paragraph(self) -> list[tuple[int, str, str]]:
        """Split off the pending lines after the last blank line (a status-page message)."""
        cut = len(self.pending)
        while cut > 0 and self.pending[cut - 1][2]:
            cut -= 1
        paragraph = self.pending[cut:]
        self.pending = self.pending[:cut]
        return paragraph

    # ------------------------------------------------------------------ one line

    def run(self, progress: Progress | None = None) -> ParseResult:
        total = len(self.lines)
        for index, raw in enumerate(self.lines):
            if progress is not None and index % PROGRESS_EVERY == 0:
                progress(index, total)  # may raise ParseCancelled
            try:
                self._line(index, raw)
            except Exception as exc:  # never lose the paste to one odd line
                self.pending.append((index + 1, raw, fmt.clean_line(fmt.strip_controls(raw))))
                self.warnings.append(f"line {index + 1}: could not be read ({type(exc).__name__})")
        self._flush()
        return self._result()

    def _line(self, index: int, raw: str) -> None:
        number = index + 1
        line = fmt.strip_controls(raw).rstrip()
        if not line:  # blank or only spaces (rstrip leaves nothing then)
            self.pending.append((number, raw, ""))
            self.in_table = False
            return
        if self.chat:
            self._chat_line(number, raw, line)
            return
        first = line.lstrip()[:1]
        if "|" in line:
            if fmt.TABLE_SEP_RE.match(line):
                self.in_table = True
                return
            if fmt.is_table_row(line, self.in_table):
                self._table_row(index, raw, line)
                return
        if first in ("-", "*", "_") and fmt.RULE_RE.match(line):
            return  # a markdown horizontal rule
        heading = fmt.HEADING_RE.match(line) if first == "#" else None
        content = heading.group(2) if heading else line
        stamp = fmt.scan_line(content)
        if stamp is None:
            self._no_stamp(number, raw, content, bool(heading))
            return
        self._stamped(number, raw, content, stamp, heading=bool(heading))

    def _no_stamp(self, number: int, raw: str, content: str, heading: bool) -> None:
        # Both looks are skipped on most lines by their first test (a 10,000-line paste).
        found = content.endswith(")") and headings.trailing_stamp(content, heading)
        if found:  # "### Recovery (11/02 06:10 - 11/03 01:00)"
            self._new_entry(number, raw, found.stamp, found.text)
            return
        bad = content.lstrip()[:1] in prose.CLOCK_STARTS and prose.impossible_clock(content)
        if bad:  # "19:75 ...": untimed, never a made-up time
            self._flush()
            draft = _Draft(number, None, self.zone, fmt.clean_line(content), raw=[raw])
            self._left_untimed(draft, f"{bad} is not a time of day")
            return
        if fmt.is_title_line(content, heading):
            date = fmt.title_date(content, self.date)
            zone, word = fmt.title_zone(content)
            if date or zone or word or fmt.is_bare_timeline_title(content):
                self._flush()
                self.body_mode = False
                if date:
                    self.date, self.saw_date, self.prev_instant = date, True, None
                if zone:
                    self.zone, self.declared_zone = zone, True
                elif word:
                    self.warnings.append(
                        f"line {number}: unknown zone '{word}' in the title; times read as {self.zone}"
                    )
                return
        self.pending.append((number, raw, fmt.clean_line(content)))

    def _stamped(
        self, number: int, raw: str, content: str, stamp: Stamp, heading: bool, table: bool = False
    ) -> None:
        if stamp.hour is None and not table:  # "March 3, starting around 16:20 UTC, ..."
            stamp = prose.time_after_date(content, stamp) or stamp
        timed = stamp.hour is not None  # stamp.has_time, read once (a property call each time)
        end, zone_word = stamp.end, stamp.zone_word
        if zone_word is not None and resolve_zone_word(zone_word) is None:
            if not fmt.looks_like_unknown_zone(zone_word, content[stamp.end : stamp.end + 40]):
                end, zone_word = stamp.zone_start, None  # "09:15 API latency up": not a zone
        range_text = None
        if timed:
            sep = fmt.RANGE_SEP_RE.match(content, end)
            second = None
            if sep and content[sep.end() : sep.end() + 1].isdigit():
                second = scan_stamp(content[: fmt.DETECT_CHARS], sep.end())
            if second is not None and second.has_time:
                end = second.end
                if zone_word is None and second.zone_word and resolve_zone_word(second.zone_word):
                    zone_word = second.zone_word  # "13:37 - 14:02 UTC": the zone covers both
                range_text = content[stamp.time_start : end].strip()
        after = fmt.AFTER_STAMP_RE.match(content, end)
        rest = content[after.end() if after else end :]
        text = fmt.strip_leading_separator(fmt.clean_text(rest))
        if range_text:
            text = f"{range_text} \u2014 {text}" if text else range_text
        stamp_only = (
            not range_text and not table and (not text or bool(fmt.STAMP_ONLY_REST_RE.match(rest)))
        )

        if not timed and (heading or stamp_only):
            self._date_heading(stamp)
            return
        if timed and stamp_only and not heading:
            if self.stamp_after is None:
                self.stamp_after = any(cleaned for _, _, cleaned in self.pending[-1:])
            if self.stamp_after:
                self._stamp_below_message(number, raw, stamp, zone_word)
                return
        self._flush()
        problems: list[str] = []
        instant, zone = self._place(stamp, zone_word, problems)
        draft = _Draft(number, instant, zone, text, approximate=stamp.approximate, raw=[raw])
        draft.date_only = not timed
        draft.problems = problems
        if draft.date_only:  # a date alone: kept in the text, never a made-up midnight
            draft.first, why = prose.date_alone(content, stamp, text)
            self._left_untimed(draft, why)
            return
        self.entries.append(draft)
        self.body_mode = heading or (timed and stamp_only)

    def _left_untimed(self, draft: _Draft, why: str) -> None:
        draft.time = None
        draft.problems.append(f"{why}; left without a time")
        self.warnings.append(f"line {draft.line}: {why}; the entry is left without a time")
        self.entries.append(draft)
        self.body_mode = False

    def _new_entry(self, number: int, raw: str, stamp: Stamp, text: str, author: str = "") -> None:
        """An entry whose time a shape module found (a heading's parenthesis, a chat header);
        the lines below it are its body."""
        self._flush()
        problems: list[str] = []
        instant, zone = self._place(stamp, stamp.zone_word, problems)
        draft = _Draft(number, instant, zone, text, approximate=stamp.approximate, raw=[raw])
        draft.problems, draft.author = problems, author
        self.entries.append(draft)
        self.body_mode = True

    def _chat_line(self, number: int, raw: str, line: str) -> None:
        read = chat.read_chat_line(line)
        if read.day_shift is not None:  # "Today", "Yesterday": counted from the paste's own day
            self._flush()
            start = _dt.date.fromisoformat(self.date_start)
            self.date = start + _dt.timedelta(days=read.day_shift)
            self.saw_date, self.prev_instant = True, None
        if read.role == "text":
            self.pending.append((number, raw, read.text))
        elif read.role == "day" and read.stamp is not None:
            self._date_heading(read.stamp)  # "Monday, March 3rd"
        elif read.role != "day" and read.stamp is not None:  # a header, or a bare follow-up time
            self.speaker = read.author or self.speaker
            self._new_entry(number, raw, read.stamp, read.text, self.speaker)

    def _date_heading(self, stamp: Stamp) -> None:
        self._flush()
        self.body_mode = False
        problems: list[str] = []
        if stamp.date_kind == "numeric":
            date = self._numeric_date(stamp, problems)
        else:
            date = stamp_date(stamp, self.date)
        if date is not None:
            self.date, self.saw_date, self.prev_instant = date, True, None

    def _stamp_below_message(
        self, number: int, raw: str, stamp: Stamp, zone_word: str | None
    ) -> None:
        message = self._last_paragraph()
        self._flush()
        problems: list[str] = []
        instant, zone = self._place(stamp, zone_word, problems)
        texts = [cleaned for _, _, cleaned in message]
        first_line = message[0][0] if message else number
        draft = _Draft(
            first_line, instant, zone, texts[0] if texts else "", approximate=stamp.approximate
        )
        draft.body = texts[1:]
        draft.raw = [r for _, r, _ in message] + [raw]
        draft.problems = problems
        if not texts:
            problems.append("no message above this time")
        self.entries.append(draft)
        self.body_mode = False

    def _table_row(self, index: int, raw: str, line: str) -> None:
        number = index + 1
        following = self.lines[index + 1] if index + 1 < len(self.lines) else ""
        if "|" in following and fmt.TABLE_SEP_RE.match(fmt.strip_controls(following)):
            zone, _ = fmt.title_zone(line)  # a header such as "| Time (UTC) | Event |"
            if zone:
                self.zone, self.declared_zone = zone, True
            self._flush()
            self.in_table = True
            return
        self.in_table = True
        probe, text = fmt.table_stamp_and_text(fmt.table_cells(line))
        if probe is None:
            self.pending.append((number, raw, text))
            return
        content = f"{probe} | {text}" if text else probe
        stamp = fmt.scan_line(content)
        if stamp is None:
            self.pending.append((number, raw, text))
            return
        self._stamped(number, raw, content, stamp, heading=False, table=True)

    # ------------------------------------------------------------------ result

    def _result(self) -> ParseResult:
        entries = tuple(d.finish() for d in self.entries)
        timed = [e for e in entries if e.time is not None and not e.date_only]
        if timed and not self.saw_date:
            if self.default_date_given:
                self.warnings.insert(0, f"no date in the text; times read on {self.date_start}")
            else:
                self.warnings.insert(
                    0, f"no date given; times read on today's date, {self.date_start} ({self.zone})"
                )
        if status_page.runs_newest_first(self.dated_instants):
            if self.stamp_after:  # a status page: the updates are listed oldest first
                entries = status_page.oldest_first(entries)
            self.warnings.append(status_page.order_note(bool(self.stamp_after)))
        return ParseResult(entries, tuple(sorted(set(self.unparsed))), tuple(self.warnings))


def parse_timeline(
    text: str,
    *,
    default_date: _dt.date | None = None,
    default_tz: str = "UTC",
    attach_untimed: bool = True,
    date_order: str | None = None,
    progress: Progress | None = None,
) -> ParseResult:
    """Read a pasted timeline. Never raises (but :class:`ParseCancelled` from ``progress``).

    ``default_date`` is the day for times written without a date (today in ``default_tz`` when
    None and the text names no date); ``default_tz`` is the zone for times written without one.
    With ``attach_untimed`` false, lines without a time become untimed entries of their own
    instead of joining the entry above. ``date_order`` ("md" or "dm", the review's or the
    locale's habit) reads numeric dates such as 11/02 when no date in the text settles it.
    ``progress(lines_read, lines)`` is called every
    ``PROGRESS_EVERY`` lines (from the thread that parses); it stops the parse by raising
    :class:`ParseCancelled`, which is the one exception that comes out of here.
    """
    try:
        if not isinstance(text, str):
            text = "" if text is None else str(text)
        parser = _Parser(
            fmt.split_lines(text), default_date, default_tz, bool(attach_untimed), date_order
        )
        return parser.run(progress)
    except ParseCancelled:
        raise
    except Exception as exc:  # last resort: report instead of raising into the UI
        return ParseResult((), (), (f"the text could not be read ({type(exc).__name__})",))
