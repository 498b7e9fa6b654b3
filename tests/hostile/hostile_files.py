"""Hostile review files, generated at test time from one honest base file.

Each :class:`Hostile` is what a sender could do to a ``.pmreview`` before mailing it: SQL that
runs on our writes (triggers), objects standing in for our tables (views, virtual tables),
tables defined differently, cells of the wrong type or shape in every column of every table,
pictures that are not the formats we accept or that inflate to gigabytes, times at the edge of
the calendar, and files that are not files at all. ``expect`` is what must happen: ``refused``
(one line naming the file and the problem, nothing opened) or ``safe`` (opens; pictures become
labelled placeholders). The cell mutations are derived from :data:`pm_desktop.store.cells.RULES`
so a column added later is attacked too.
"""

from __future__ import annotations

import hashlib
import io
import os
import shutil
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PIL import Image

from pm_desktop.store import cells

Build = Callable[[Path], None]


@dataclass(frozen=True)
class Hostile:
    name: str
    build: Build  # writes the hostile file at the given path (a copy of the base is there)
    expect: str  # "refused", "safe" or "either" (odd but harmless values)
    says: tuple[str, ...] = ()  # words the one-line message must contain when refused
    pictures: bool = False  # the case is about stored pictures: exports are exercised too


TABLES_WITH_IDS = ("person", "event", "evidence", "why", "followup")


def _sql(*statements: str, params: tuple = ()) -> Build:
    def build(path: Path) -> None:
        conn = sqlite3.connect(path, isolation_level=None)
        try:
            for statement in statements:
                conn.execute(statement, params if "?" in statement else ())
        finally:
            conn.close()

    return build


def image_sha(path: Path) -> str:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return conn.execute("SELECT sha256 FROM blob LIMIT 1").fetchone()[0]
    finally:
        conn.close()


def _blob_bytes(data: bytes, table: str = "blob") -> Build:
    def build(path: Path) -> None:
        sha = image_sha(path)
        conn = sqlite3.connect(path, isolation_level=None)
        try:
            conn.execute(f"UPDATE {table} SET data = ? WHERE sha256 = ?", (data, sha))
        finally:
            conn.close()

    return build


# ----------------------------------------------------------------------------- pictures

EPS = (
    b"%!PS-Adobe-3.0 EPSF-3.0\n%%BoundingBox: 0 0 200 100\n"
    b"/Helvetica findfont 24 scalefont setfont 10 40 moveto (RUN BY GHOSTSCRIPT) show\n"
    b"showpage\n%%EOF\n"
)
EPS_LOOP = b"%!PS-Adobe-3.0 EPSF-3.0\n%%BoundingBox: 0 0 100 100\n{ } loop\n%%EOF\n"


def bomb_png(side: int = 13000) -> bytes:
    """A PNG of ``side``×``side`` pixels that compresses to well under a megabyte."""
    out = io.BytesIO()
    Image.new("1", (side, side)).save(out, "PNG", optimize=True)
    return out.getvalue()


def _picture(fmt: str, **options) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (64, 48), (200, 30, 30)).save(out, fmt, **options)
    return out.getvalue()


SVG = b'<svg xmlns="http://www.w3.org/2000/svg" width="9000" height="9000"><rect/></svg>'


def picture_cases() -> list[Hostile]:
    bomb = bomb_png()
    png = _picture("PNG")
    return [
        Hostile("picture-eps-ghostscript", _blob_bytes(EPS), "safe", pictures=True),
        Hostile("picture-eps-endless-loop", _blob_bytes(EPS_LOOP), "safe", pictures=True),
        Hostile("picture-png-bomb-13000px", _blob_bytes(bomb), "safe", pictures=True),
        Hostile("picture-tiff", _blob_bytes(_picture("TIFF")), "safe", pictures=True),
        Hostile("picture-ico", _blob_bytes(_picture("ICO")), "safe", pictures=True),
        Hostile("picture-svg", _blob_bytes(SVG), "safe", pictures=True),
        Hostile("picture-pdf-bytes", _blob_bytes(b"%PDF-1.4\n%%EOF\n"), "safe", pictures=True),
        Hostile("picture-truncated-png", _blob_bytes(png[: len(png) // 2]), "safe", pictures=True),
        Hostile("thumbnail-png-bomb", _blob_bytes(bomb, "thumbnail"), "safe", pictures=True),
        Hostile("thumbnail-eps", _blob_bytes(EPS, "thumbnail"), "safe", pictures=True),
    ]


# ----------------------------------------------------------------------------- schema objects

_TRIGGER_BODIES = {
    "AFTER INSERT": "DELETE FROM followup;",
    "AFTER UPDATE": "UPDATE event SET text = 'rewritten by the sender';",
    "BEFORE DELETE": "SELECT RAISE(IGNORE);",
}


def schema_cases() -> list[Hostile]:
    cases: list[Hostile] = []
    for table in ("meta", "person", "event", "blob", "thumbnail", "evidence", "why", "followup"):
        for when, body in _TRIGGER_BODIES.items():
            name = f"t_{table}_{when.split()[1].lower()}"
            cases.append(
                Hostile(
                    f"trigger-{when.replace(' ', '-').lower()}-on-{table}",
                    _sql(f"CREATE TRIGGER {name} {when} ON {table} BEGIN {body} END"),
                    "refused",
                    ("trigger", name, "clean"),
                )
            )
    cases += [
        Hostile(
            "trigger-copies-pasted-images-into-a-hidden-table",
            _sql(
                "CREATE TABLE stash (data BLOB)",
                "CREATE TRIGGER stash_it AFTER INSERT ON blob BEGIN "
                "INSERT INTO stash VALUES (NEW.data); END",
            ),
            "refused",
            ("trigger", "stash_it"),
        ),
        Hostile(
            "view-recursive-cte-instead-of-event",
            _sql(
                "DROP TABLE event",
                "CREATE VIEW event AS WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 "
                "FROM r) SELECT 'e' || n AS id, NULL AS time, 'UTC' AS tz, '' AS text, "
                "'note' AS kind, '' AS author, 0 AS approximate, n AS seq FROM r",
            ),
            "refused",
            ("view", "event"),
        ),
        Hostile(
            "view-randomblob-instead-of-blob",
            _sql(
                "DROP TABLE blob",
                "CREATE VIEW blob AS SELECT hex(randomblob(16)) AS sha256, 'image/png' AS mime, "
                "0 AS size, 0 AS width, 0 AS height, NULL AS captured_at, "
                "randomblob(1000000000) AS data",
            ),
            "refused",
            ("view", "blob"),
        ),
        Hostile(
            "view-recursive-cte-instead-of-meta",
            _sql(
                "DROP TABLE meta",
                "CREATE VIEW meta AS WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 "
                "FROM r) SELECT 'k' || n AS key, '' AS value FROM r",
            ),
            "refused",
            ("view", "meta"),
        ),
        Hostile("view-extra", _sql("CREATE VIEW v AS SELECT * FROM event"), "refused", ("view",)),
        Hostile(
            "virtual-table-extra",
            _sql("CREATE VIRTUAL TABLE search USING fts5(text)"),
            "refused",
            ("virtual table", "search"),
        ),
        Hostile(
            "virtual-table-instead-of-why",
            _sql("DROP TABLE why", "CREATE VIRTUAL TABLE why USING fts5(id, text)"),
            "refused",
            ("why",),
        ),
        Hostile("index-extra", _sql("CREATE INDEX sneaky ON event(text)"), "refused", ("index",)),
        Hostile(
            "index-on-expression",
            _sql("CREATE INDEX sneaky_expr ON event(length(text) * 2)"),
            "refused",
            ("index", "sneaky_expr"),
        ),
        Hostile("index-missing", _sql("DROP INDEX event_time"), "refused", ("event_time",)),
        Hostile(
            "schema-malformed-definition",
            _sql(
                "PRAGMA writable_schema = ON",
                "UPDATE sqlite_master SET sql = 'CREATE TABLE meta (' WHERE name = 'meta'",
            ),
            "refused",
            ("damaged",),
        ),
        Hostile(
            "schema-trigger-hidden-by-writable-schema",
            _sql(
                "PRAGMA writable_schema = ON",
                "INSERT INTO sqlite_master VALUES ('trigger', 'ghost', 'event', 0, "
                "'CREATE TRIGGER ghost AFTER INSERT ON event BEGIN DELETE FROM why; END')",
            ),
            "refused",
            ("ghost",),
        ),
        Hostile("table-extra", _sql("CREATE TABLE notes (x)"), "refused", ("table", "notes")),
        Hostile("table-missing", _sql("DROP TABLE thumbnail"), "refused", ("thumbnail",)),
        Hostile(
            "table-event-with-an-extra-column",
            _sql("ALTER TABLE event ADD COLUMN secret TEXT"),
            "refused",
            ("table", "event"),
        ),
        Hostile(
            "table-person-without-primary-key-and-duplicate-ids",
            _sql(
                "CREATE TABLE p2 (id TEXT, name TEXT NOT NULL, role TEXT NOT NULL DEFAULT '', "
                "team TEXT NOT NULL DEFAULT '', contribution TEXT NOT NULL DEFAULT '', "
                "seq INTEGER NOT NULL DEFAULT 0, handles TEXT NOT NULL DEFAULT '[]')",
                "INSERT INTO p2 SELECT * FROM person",
                "INSERT INTO p2 SELECT id, 'Hidden twin', role, team, contribution, seq, handles "
                "FROM person",
                "DROP TABLE person",
                "ALTER TABLE p2 RENAME TO person",
            ),
            "refused",
            ("person",),
        ),
        Hostile(
            "table-person-name-nullable-with-a-null-name",
            _sql(
                "CREATE TABLE p2 (id TEXT PRIMARY KEY, name TEXT, role TEXT NOT NULL DEFAULT '', "
                "team TEXT NOT NULL DEFAULT '', contribution TEXT NOT NULL DEFAULT '', "
                "seq INTEGER NOT NULL DEFAULT 0, handles TEXT NOT NULL DEFAULT '[]')",
                "INSERT INTO p2 SELECT * FROM person",
                "UPDATE p2 SET name = NULL WHERE rowid = 1",
                "DROP TABLE person",
                "ALTER TABLE p2 RENAME TO person",
            ),
            "refused",
            ("person",),
        ),
        Hostile(
            "table-followup-with-generated-zeroblob-column",
            _sql(
                "ALTER TABLE followup ADD COLUMN g BLOB "
                "GENERATED ALWAYS AS (zeroblob(500000000)) VIRTUAL"
            ),
            "refused",
            ("followup",),
        ),
    ]
    return cases


# ----------------------------------------------------------------------------- cells


def _mutations(rule: cells.Rule) -> list[tuple[str, object]]:
    """Values of the wrong storage class for a rule, then odd values of the right class."""
    wrong: list[tuple[str, object]] = []
    if "blob" not in rule.types:
        wrong.append(("bytes", b"<b"))
    if "integer" in rule.types:
        wrong.append(("text", "abc"))
        wrong.append(("real", 1.5))
    elif "blob" in rule.types:
        wrong.append(("text", "abc"))
    else:
        wrong.append(("real", 1.5))  # TEXT affinity stores it as '1.5': odd, not wrong
    if rule.shape is not None:
        wrong.append(("shape", "[1]"))
    return wrong


def _update_first(table: str, column: str, value: object) -> Build:
    def build(path: Path) -> None:
        conn = sqlite3.connect(path, isolation_level=None)
        try:
            rowid = conn.execute(f"SELECT min(rowid) FROM {table}").fetchone()[0]
            conn.execute(f'UPDATE {table} SET "{column}" = ? WHERE rowid = ?', (value, rowid))
        finally:
            conn.close()

    return build


def cell_cases() -> list[Hostile]:
    cases = []
    for table, columns in cells.RULES.items():
        for column, rule in columns.items():
            if (table, column) == ("_sqlite_migrations", "id"):
                continue  # an INTEGER PRIMARY KEY holds only integers; SQLite refuses the rest
            for label, value in _mutations(rule):
                refused = (
                    label in ("bytes", "shape")
                    or (label in ("text", "real") and "integer" in rule.types)
                    or (label == "text" and "blob" in rule.types)
                )
                cases.append(
                    Hostile(
                        f"cell-{table}-{column}-{label}",
                        _update_first(table, column, value),
                        "refused" if refused else "either",
                        (table, column) if refused else (),
                    )
                )
    nested = "[" * 100_000 + "]" * 100_000
    for table, column in (
        ("evidence", "event_ids"),
        ("why", "evidence_ids"),
        ("followup", "why_ids"),
        ("followup", "acceptance"),
    ):
        cases.append(
            Hostile(
                f"cell-{table}-{column}-deeply-nested-json",
                _update_first(table, column, nested),
                "refused",
                (table, column),
            )
        )
        cases.append(
            Hostile(
                f"cell-{table}-{column}-not-json",
                _update_first(table, column, "{not json"),
                "refused",
                (table, column),
            )
        )
    cases += [
        Hostile(
            "cell-followup-acceptance-list-of-numbers",
            _update_first("followup", "acceptance", "[1]"),
            "refused",
            ("followup", "acceptance"),
        ),
        Hostile(
            "cell-meta-coach-ignored-not-a-list",
            _sql("UPDATE meta SET value = '{\"a\": 1}' WHERE key = 'coach_ignored'"),
            "refused",
            ("meta", "coach_ignored"),
        ),
        Hostile(
            "cell-event-text-bytes-3c62",
            _sql("UPDATE event SET text = X'3C62'"),
            "refused",
            ("event", "text"),
        ),
    ]
    return cases


# ----------------------------------------------------------------------------- dates


def date_cases() -> list[Hostile]:
    return [
        Hostile(
            "date-event-time-year-9999",
            _sql("UPDATE event SET time = '9999-12-31T23:59:59Z' WHERE rowid = 1"),
            "refused",
            ("time", "1900"),
        ),
        Hostile(
            "date-event-time-year-0001",
            _sql("UPDATE event SET time = '0001-01-01T00:00:00Z' WHERE rowid = 1"),
            "refused",
            ("time", "1900"),
        ),
        Hostile(
            "date-evidence-captured-at-year-9999",
            _sql("UPDATE evidence SET captured_at = '9999-12-31T23:59:59Z'"),
            "refused",
            ("captured_at", "2200"),
        ),
        Hostile(
            "date-followup-due-year-9999",
            _sql("UPDATE followup SET due = '9999-12-31'"),
            "refused",
            ("due", "2200"),
        ),
        Hostile(
            "date-incident-date-year-0001",
            _sql("UPDATE meta SET value = '0001-01-01' WHERE key = 'incident_date'"),
            "refused",
            ("incident_date", "1900"),
        ),
        Hostile(
            "date-last-second-of-2200-shown-at-plus-14",
            _sql(
                "UPDATE event SET time = '2200-12-31T23:59:59Z' WHERE rowid = 1",
                "UPDATE meta SET value = '+14:00' WHERE key = 'display_tz'",
            ),
            "safe",
        ),
        Hostile(
            "date-first-second-of-1900-shown-at-minus-12",
            _sql(
                "UPDATE event SET time = '1900-01-01T00:00:00Z' WHERE rowid = 1",
                "UPDATE meta SET value = '-12:00' WHERE key = 'display_tz'",
            ),
            "safe",
        ),
    ]


# ----------------------------------------------------------------------------- not a file


def _fifo(path: Path) -> None:
    path.unlink()
    os.mkfifo(path)


def _folder(path: Path) -> None:
    path.unlink()
    path.mkdir()


def _wal_mode(path: Path) -> None:
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("PRAGMA journal_mode = WAL")
    finally:
        conn.close()


def file_cases() -> list[Hostile]:
    return [
        Hostile("file-fifo", _fifo, "refused", ("regular file",)),
        Hostile("file-folder", _folder, "refused", ("folder",)),
        Hostile("file-wal-mode", _wal_mode, "safe"),
    ]


def all_cases() -> list[Hostile]:
    return picture_cases() + schema_cases() + cell_cases() + date_cases() + file_cases()


CASES = {case.name: case for case in all_cases()}


def make(case: Hostile, base: Path, folder: Path) -> Path:
    """A fresh hostile file for ``case`` in ``folder`` (the base is copied, then attacked)."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{case.name}.pmreview"
    shutil.copyfile(base, path)
    case.build(path)
    for suffix in ("-journal", "-wal", "-shm"):
        assert not Path(f"{path}{suffix}").exists(), f"the builder left {suffix} behind"
    return path


def fingerprint(path: Path) -> str:
    """The file's bytes (or, for what is not a regular file, its kind), to prove it unchanged."""
    if path.is_fifo():
        return "fifo"
    if path.is_dir():
        return "dir:" + ",".join(sorted(os.listdir(path)))
    return hashlib.sha256(path.read_bytes()).hexdigest()


def make_base(path: Path) -> Path:
    """The example review plus one cached thumbnail, one parking-lot item, one marked text and
    one box over a screenshot, so every table has a row to attack."""
    from pm_desktop.domain.model import ParkingItem, RedactedSpan, RedactionBox
    from pm_desktop.ingest.builtin import load_example
    from pm_desktop.ingest.thumbnails import make_thumbnail
    from pm_desktop.store.document import Document

    example = load_example()
    review = example.review
    first_event = review.sorted_events()[0].id
    first_followup = next(iter(review.followups), "")
    review.parking["park-1"] = ParkingItem(
        "park-1", "Alert on queue age, not length", first_event, first_followup, 1
    )
    review.redactions["red-1"] = RedactedSpan("red-1", "queue", "events", first_event, "text", 1)
    shot = next(e for e in review.sorted_evidence() if e.kind == "image")
    review.boxes["box-1"] = RedactionBox("box-1", shot.id, 4, 4, 40, 20, 1)
    doc = Document.create(path, review, example.blobs)
    try:
        for sha, data in example.blobs.items():
            doc.put_thumbnail(sha, 64, make_thumbnail(data, 64))
    finally:
        doc.close()
    return path
