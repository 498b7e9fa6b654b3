"""Questions the library answers from its index: the list, search, follow-ups, trends,
recurrence. Search uses the FTS5 table only to find candidates; :class:`~pm_desktop.domain.search.Query`
decides and says where to highlight, so the library and every panel's Find agree."""

from __future__ import annotations

import datetime as _dt
import json
import sqlite3
from dataclasses import dataclass

from pm_desktop.domain.recurrence import Profile
from pm_desktop.domain.search import Query, Snippet, fts_phrases, snippet
from pm_desktop.domain.trends import FollowupFacts, ReviewFacts

OPEN = ("todo", "doing")
STALE_DAYS = 90


@dataclass(frozen=True, slots=True)
class ReviewEntry:
    path: str
    title: str
    date: str
    severity: str
    status: str
    services: tuple[str, ...]
    authors: str
    followups: int
    open_followups: int
    related_earlier: int = 0

    def as_json(self) -> dict[str, object]:
        return {
            "path": self.path,
            "title": self.title,
            "incident_date": self.date,
            "severity": self.severity,
            "status": self.status,
            "services": list(self.services),
            "authors": self.authors,
            "followups": self.followups,
            "open_followups": self.open_followups,
            "related_earlier": self.related_earlier,
        }


@dataclass(frozen=True, slots=True)
class Problem:
    path: str
    reason: str


@dataclass(frozen=True, slots=True)
class SearchHit:
    path: str
    title: str
    date: str
    kind: str
    item_id: str
    snippet: Snippet

    def as_json(self) -> dict[str, object]:
        return {
            "path": self.path,
            "title": self.title,
            "incident_date": self.date,
            "kind": self.kind,
            "id": self.item_id,
            "field": self.snippet.field,
            "snippet": self.snippet.text,
            "highlights": [list(s) for s in self.snippet.spans],
        }


@dataclass(frozen=True, slots=True)
class FollowupEntry:
    path: str
    review_title: str
    review_date: str
    item_id: str
    title: str
    owner: str
    team: str
    due: str
    status: str
    priority: str
    criteria_done: int
    criteria_total: int

    @property
    def is_open(self) -> bool:
        return self.status in OPEN

    def overdue(self, today: _dt.date) -> bool:
        return self.is_open and bool(self.due) and self.due < today.isoformat()

    def age_days(self, today: _dt.date) -> int | None:
        """Days since the incident (follow-ups carry no date of their own)."""
        try:
            return (today - _dt.date.fromisoformat(self.review_date)).days
        except ValueError:
            return None

    def stale(self, today: _dt.date) -> bool:
        """Still open although its review is more than 90 days old."""
        age = self.age_days(today)
        return self.is_open and age is not None and age > STALE_DAYS

    def as_json(self, today: _dt.date) -> dict[str, object]:
        return {
            "path": self.path,
            "review_title": self.review_title,
            "incident_date": self.review_date,
            "id": self.item_id,
            "title": self.title,
            "owner": self.owner,
            "team": self.team,
            "due": self.due,
            "status": self.status,
            "priority": self.priority,
            "criteria_done": self.criteria_done,
            "criteria_total": self.criteria_total,
            "overdue": self.overdue(today),
            "age_days": self.age_days(today),
            "stale": self.stale(today),
        }


_ENTRY_SQL = (
    "SELECT path, title, incident_date, severity, status, services, authors, followups, "
    "open_followups, related_earlier FROM review WHERE problem = ''"
)


def reviews(conn: sqlite3.Connection) -> list[ReviewEntry]:
    """Every usable review, newest incident first."""
    rows = conn.execute(_ENTRY_SQL + " ORDER BY incident_date DESC, title, path").fetchall()
    return [
        ReviewEntry(r[0], r[1], r[2], r[3], r[4], tuple(json.loads(r[5])), r[6], r[7], r[8], r[9])
        for r in rows
    ]


def problems(conn: sqlite3.Connection) -> list[Problem]:
    rows = conn.execute("SELECT path, problem FROM review WHERE problem != '' ORDER BY path")
    return [Problem(p, reason) for p, reason in rows]


# Item ids sort newest incident first (see index.py): both read in id order and stream.
_SEARCH_ALL_SQL = "SELECT id FROM item ORDER BY id"
_SEARCH_FTS_SQL = "SELECT rowid FROM item_fts WHERE item_fts MATCH ? ORDER BY rowid"
_BATCH = 64
_BATCH_SQL = (
    "SELECT i.id, r.path, r.title, r.incident_date, i.kind, i.item_id, i.texts "
    "FROM item i JOIN review r ON r.id = i.review_id "
    "WHERE i.id IN (SELECT value FROM json_each(?))"
)


def search(conn: sqlite3.Connection, text: str, limit: int = 200) -> list[SearchHit]:
    """Items of every review matching ``text`` (the Find rules), newest review first.

    Candidates stream from the full-text index newest first (item ids are in that order);
    their texts are read in batches and checked by the domain matcher until ``limit`` hits
    are found."""
    query = Query.parse(text)
    if not query:
        return []
    phrases = fts_phrases(query)
    if phrases:
        cursor = conn.execute(_SEARCH_FTS_SQL, (" AND ".join(phrases),))
    else:  # only one- and two-letter words: no trigram to look up, every item is a candidate
        cursor = conn.execute(_SEARCH_ALL_SQL)
    hits: list[SearchHit] = []
    while batch := [r[0] for r in cursor.fetchmany(_BATCH)]:
        rows = {row[0]: row[1:] for row in conn.execute(_BATCH_SQL, (json.dumps(batch),))}
        for item in batch:
            path, title, date, kind, item_id, texts_json = rows[item]
            texts = [(f, t) for f, t in json.loads(texts_json)]
            excerpt = snippet(texts, query.matches_texts(texts))
            if excerpt is None:
                continue
            hits.append(SearchHit(path, title, date, kind, item_id, excerpt))
            if len(hits) >= limit:
                cursor.close()
                return hits
    return hits


def followups(conn: sqlite3.Connection) -> list[FollowupEntry]:
    rows = conn.execute(
        "SELECT r.path, r.title, r.incident_date, f.item_id, f.title, f.owner, f.team, f.due, "
        "f.status, f.priority, f.criteria_done, f.criteria_total FROM followup f "
        "JOIN review r ON r.id = f.review_id"
    ).fetchall()
    return [FollowupEntry(*r) for r in rows]


def board_order(entries: list[FollowupEntry], today: _dt.date) -> list[FollowupEntry]:
    """Open before closed; among the open, overdue first (longest overdue first), then by due
    date (none last), then oldest incident first."""

    def key(e: FollowupEntry) -> tuple[object, ...]:
        return (
            not e.is_open,
            not e.overdue(today),
            e.due or "9999",
            e.review_date or "9999",
            e.path,
            e.title,
        )

    return sorted(entries, key=key)


def select_followups(
    entries: list[FollowupEntry],
    today: _dt.date,
    *,
    open_only: bool = False,
    overdue_only: bool = False,
    owner: str = "",
    team: str = "",
    text: str = "",
) -> list[FollowupEntry]:
    """Filter (owner and team match like Find: every word, inside words, any case)."""
    who, group, words = Query.parse(owner), Query.parse(team), Query.parse(text)
    out = []
    for e in entries:
        if open_only and not e.is_open:
            continue
        if overdue_only and not e.overdue(today):
            continue
        if who and not who.test_texts([e.owner]):
            continue
        if group and not group.test_texts([e.team]):
            continue
        if words and not words.test_texts([e.title, e.owner, e.team, e.review_title]):
            continue
        out.append(e)
    return board_order(out, today)


FOLLOWUP_CSV_HEADER = [
    "Title",
    "Owner",
    "Team",
    "Due",
    "Status",
    "Priority",
    "Overdue",
    "Open more than 90 days",
    "Age (days)",
    "Criteria done",
    "Criteria",
    "Review",
    "Incident date",
    "Review file",
    "Id",
]


def followup_csv_rows(entries: list[FollowupEntry], today: _dt.date) -> list[list[str]]:
    rows = [FOLLOWUP_CSV_HEADER]
    for e in entries:
        age = e.age_days(today)
        rows.append(
            [
                e.title,
                e.owner,
                e.team,
                e.due,
                e.status,
                e.priority,
                "yes" if e.overdue(today) else "",
                "yes" if e.stale(today) else "",
                "" if age is None else str(age),
                str(e.criteria_done),
                str(e.criteria_total),
                e.review_title,
                e.review_date,
                e.path,
                e.item_id,
            ]
        )
    return rows


def facts(conn: sqlite3.Connection) -> list[ReviewFacts]:
    cards: dict[int, list[FollowupFacts]] = {}
    for review_id, status, due in conn.execute("SELECT review_id, status, due FROM followup"):
        cards.setdefault(review_id, []).append(FollowupFacts(status, due))
    out = []
    for review_id, path, date, severity, metrics in conn.execute(
        "SELECT id, path, incident_date, severity, metrics FROM review WHERE problem = ''"
    ):
        out.append(
            ReviewFacts(path, date, severity, json.loads(metrics), tuple(cards.get(review_id, ())))
        )
    return out


def profiles(conn: sqlite3.Connection) -> list[Profile]:
    rows = conn.execute(
        "SELECT path, incident_date, title, services, categories, causes FROM review "
        "WHERE problem = ''"
    )
    return [
        Profile(p, d, t, tuple(json.loads(s)), tuple(json.loads(c)), tuple(json.loads(x)))
        for p, d, t, s, c, x in rows
    ]
