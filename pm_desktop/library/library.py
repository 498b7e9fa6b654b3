"""The library as one object: its folders, its index, and the questions it answers.

One :class:`Library` per thread (each holds its own connection to the index; the index runs in
write-ahead-log mode, so a window can read while a worker scans).
"""

from __future__ import annotations

import datetime as _dt
import os
from collections.abc import Callable
from pathlib import Path

from pm_desktop.domain.model import Review
from pm_desktop.domain.recurrence import Relation, profile_of, related
from pm_desktop.domain.trends import ReviewFacts

from . import queries
from .index import IndexError_, connect_index
from .paths import default_index_path
from .scan import Progress, ScanReport, scan


class Library:
    def __init__(self, index_path: os.PathLike[str] | str | None = None):
        self.index_path = Path(index_path) if index_path is not None else default_index_path()
        self.conn = connect_index(self.index_path)

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------------ folders
    def folders(self) -> list[str]:
        return [r[0] for r in self.conn.execute("SELECT path FROM folder ORDER BY path")]

    def add_folders(self, paths: list[os.PathLike[str] | str]) -> list[str]:
        """Add folders (as absolute paths; a folder inside one already there adds nothing)."""
        added = []
        for p in paths:
            full = str(Path(p).expanduser().resolve())
            self.conn.execute("INSERT OR IGNORE INTO folder (path) VALUES (?)", (full,))
            added.append(full)
        return added

    def remove_folder(self, path: str) -> None:
        """Forget a folder; its reviews leave the index at the next scan."""
        self.conn.execute("DELETE FROM folder WHERE path = ?", (path,))

    # ------------------------------------------------------------------ scanning
    def scan(
        self,
        *,
        progress: Progress | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> ScanReport:
        return scan(self.conn, self.folders(), progress=progress, cancelled=cancelled)

    # ------------------------------------------------------------------ questions
    def reviews(self) -> list[queries.ReviewEntry]:
        return queries.reviews(self.conn)

    def problems(self) -> list[queries.Problem]:
        return queries.problems(self.conn)

    def search(self, text: str, limit: int = 200) -> list[queries.SearchHit]:
        return queries.search(self.conn, text, limit)

    def followups(
        self, today: _dt.date | None = None, **filters: object
    ) -> list[queries.FollowupEntry]:
        day = today or _dt.date.today()
        return queries.select_followups(queries.followups(self.conn), day, **filters)  # type: ignore[arg-type]

    def facts(self) -> list[ReviewFacts]:
        return queries.facts(self.conn)

    def related_to(self, path: str, *, earlier_only: bool = True) -> list[Relation]:
        profiles = queries.profiles(self.conn)
        mine = next((p for p in profiles if p.key == path), None)
        if mine is None:
            return []
        return related(mine, profiles, earlier_only=earlier_only)


def related_earlier(
    review: Review, path: os.PathLike[str] | str, index_path: os.PathLike[str] | str | None = None
) -> list[Relation]:
    """Earlier reviews of the library related to ``review`` as it is now (stored at ``path``,
    which is left out). Empty when there is no library index yet."""
    index = Path(index_path) if index_path is not None else default_index_path()
    if not index.exists():
        return []
    try:
        with Library(index) as library:
            others = queries.profiles(library.conn)
    except IndexError_:
        return []
    me = str(Path(path).resolve())
    mine = profile_of(review, me)
    return related(mine, [p for p in others if p.key != me], earlier_only=True)
