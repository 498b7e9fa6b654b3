"""Status pages: each update's time sits under its text, and the newest update comes first.

Copied from a statuspage.io-style incident page::

    Resolved - This incident has been resolved.
    Mar 3, 17:05 UTC
    Monitoring - A fix has been deployed and we are watching error rates.
    Mar 3, 16:40 UTC

The parser already gives every time to the text above it; this module puts the updates in the
order they happened, so the preview and the review read oldest first like every other timeline.
The status word at the start becomes the kind (``timeline_formats.guess_kind``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol, TypeVar


class _Timed(Protocol):
    @property
    def time(self) -> str | None: ...


T = TypeVar("T", bound=_Timed)


def runs_newest_first(instants: Sequence[str]) -> bool:
    """Three dated times or more, never rising and not all equal."""
    return (
        len(instants) >= 3
        and all(a >= b for a, b in zip(instants, instants[1:], strict=False))
        and instants[0] > instants[-1]
    )


def oldest_first(entries: Sequence[T]) -> tuple[T, ...]:
    """The entries in reverse, except those above the first timed one (a page's title and
    summary), which stay on top."""
    lead = 0
    while lead < len(entries) and entries[lead].time is None:
        lead += 1
    return (*entries[:lead], *reversed(entries[lead:]))


def order_note(status_page: bool) -> str:
    if status_page:
        return "the updates run newest first (as on a status page); listed oldest first"
    return "the entries run newest first (as on a status page); their times are kept"
