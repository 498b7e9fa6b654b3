"""Opening a file that is not a sound review gives one clear line and leaves its bytes alone."""

from __future__ import annotations

import sqlite3
import subprocess
import sys

import pytest

from pm_desktop.ingest.builtin import load_example
from pm_desktop.store.document import Document
from pm_desktop.store.opening import OpenError
from pm_desktop.store.schema import SCHEMA_VERSION


def _review_file(path):
    ex = load_example()
    Document.create(path, ex.review, ex.blobs).close()
    return path


def _png(path):
    from review_strategies import png_bytes

    path.write_bytes(png_bytes(40, 30, 1))


def _pdf(path):
    path.write_bytes(
        b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
    )


def _other_sqlite(path):
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT)")
    conn.execute("INSERT INTO moz_places (url) VALUES ('https://example.org')")
    conn.commit()
    conn.close()


def _truncated(path):
    _review_file(path)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def _newer(path):
    _review_file(path)
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.commit()
    conn.close()


def _empty(path):
    path.write_bytes(b"")


def _json(path):
    path.write_text('{"format": "pm-desktop-review"}')


def _garbage(path):
    path.write_bytes(bytes(range(256)) * 40)


def _corrupt_page(path):
    _review_file(path)
    data = bytearray(path.read_bytes())
    page = 4096
    for i in range(page * 2, page * 2 + 200):  # scribble over a b-tree page header
        data[i] = 0xFF
    path.write_bytes(bytes(data))


CASES = {
    "empty file": (_empty, "empty"),
    "png image": (_png, "PNG image"),
    "pdf document": (_pdf, "PDF document"),
    "sqlite of another app": (_other_sqlite, "another application"),
    "review cut in half": (_truncated, "truncated"),
    "review from a newer version": (_newer, "newer pm-desktop"),
    "json file": (_json, "JSON"),
    "random bytes": (_garbage, "not a pm-desktop review"),
    "corrupted page": (_corrupt_page, "damaged|cannot use"),
}


@pytest.mark.parametrize("name", list(CASES))
def test_opening_a_bad_file_gives_one_line_and_leaves_bytes_untouched(tmp_path, name):
    make, expected = CASES[name]
    path = tmp_path / "incident.pmreview"
    make(path)
    before = path.read_bytes()
    with pytest.raises(OpenError) as info:
        Document.open(path)
    message = str(info.value)
    assert "\n" not in message and str(path) in message
    assert __import__("re").search(expected, message), message
    assert path.read_bytes() == before
    assert not list(tmp_path.glob(".~lock*")), "a failed open must not leave a lock behind"


def test_opening_a_missing_path_never_creates_it(tmp_path):
    path = tmp_path / "nope.pmreview"
    with pytest.raises(OpenError, match="no such file"):
        Document.open(path)
    assert not path.exists()


@pytest.mark.parametrize("name", ["missing path", *CASES])
def test_cli_reports_a_bad_file_on_one_line_with_exit_1(tmp_path, name):
    path = tmp_path / "incident.pmreview"
    if name != "missing path":
        CASES[name][0](path)
    before = path.read_bytes() if path.exists() else None
    proc = subprocess.run(
        [sys.executable, "-m", "pm_desktop", "info", str(path)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 1
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and str(path) in lines[0] and "Traceback" not in proc.stderr
    assert (path.read_bytes() if path.exists() else None) == before
