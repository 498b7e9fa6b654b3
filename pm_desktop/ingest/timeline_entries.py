"""What the pasted-timeline parser gives back (:class:`ParsedEntry`, :class:`ParseResult`) and
the entry it builds line by line (:class:`Draft`).

Kept apart from the parser's state machine (``timeline_text``), which re-exports the two result
types.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pm_desktop.ingest import timeline_formats as fmt
from pm_desktop.ingest.timeline_formats import guess_kind


@dataclass(frozen=True, slots=True)
class ParsedEntry:
    line: int  # 1-based line where the entry starts
    time: str | None  # canonical UTC instant, or None when the entry has no time
    tz: str  # zone the time was read in (normalized)
    text: str  # cleaned entry text
    kind: str = "note"  # suggested event kind
    approximate: bool = False  # "~14:10", "23:00-ish", "12:00+", "about 10:05"
    date_only: bool = False  # a date without a clock time (time = that date 00:00 in tz)
    problems: tuple[str, ...] = ()  # what had to be assumed, in plain words
    raw: str = ""  # the original text of the entry's lines
    author: str = ""  # who wrote it, when the paste says (a chat message's speaker)


@dataclass(frozen=True, slots=True)
class ParseResult:
    entries: tuple[ParsedEntry, ...]
    unparsed_lines: tuple[int, ...]  # lines with no time that were attached or kept untimed
    warnings: tuple[str, ...]  # notes about the whole paste


@dataclass(slots=True)
class Draft:
    line: int
    time: str | None
    tz: str
    first: str
    body: list[str] = field(default_factory=list)
    approximate: bool = False
    date_only: bool = False
    problems: list[str] = field(default_factory=list)
    raw: list[str] = field(default_factory=list)
    author: str = ""

    def finish(self) -> ParsedEntry:
        if self.body:
            return self.finish_joined()
        # One line (most entries of a long paste): what finish_joined gives, without the joins.
        text = self.first.strip()
        kind, text = fmt.split_kind_prefix(text)
        return ParsedEntry(  # by position, in field order: keywords cost a third more here
            self.line,
            self.time,
            self.tz,
            text.strip(),
            guess_kind(self.first) if kind is None else kind,
            self.approximate,
            self.date_only,
            tuple(self.problems),
            "\n".join(self.raw),
            self.author,
        )

    def finish_joined(self) -> ParsedEntry:
        """The entry from its first line and the lines below it (blank runs made one break)."""
        parts = [self.first, *self.body] if self.first else list(self.body)
        lines: list[str] = []
        for part in parts:  # collapse runs of blank lines into one paragraph break
            if part or (lines and lines[-1]):
                lines.append(part)
        text = "\n".join(lines).strip()
        kind, text = fmt.split_kind_prefix(text)
        if kind is None:  # guessed from the stamped line only: lines below it are detail
            kind = guess_kind(self.first or text.split("\n", 1)[0])
        return ParsedEntry(
            line=self.line,
            time=self.time,
            tz=self.tz,
            text=text.strip(),
            kind=kind,
            approximate=self.approximate,
            date_only=self.date_only,
            problems=tuple(self.problems),
            raw="\n".join(self.raw),
            author=self.author,
        )
