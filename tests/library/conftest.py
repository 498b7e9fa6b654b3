"""A generated library of 200 reviews (plus damaged ones), indexed once per session."""

from __future__ import annotations

import sqlite3
import struct
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from library_gen import COUNT, make_library  # noqa: E402

from pm_desktop.library.library import Library  # noqa: E402


def add_damaged(folder: Path, good: Path) -> dict[str, str]:
    """Files that must be listed with their reason: name → a word the reason contains."""
    bad = folder / "damaged"
    bad.mkdir()
    (bad / "empty.pmreview").write_bytes(b"")
    (bad / "notes.pmreview").write_text("just some notes\n")
    data = good.read_bytes()
    (bad / "truncated.pmreview").write_bytes(data[: len(data) // 2])
    newer = bytearray(data)
    newer[60:64] = struct.pack(">I", 99)
    (bad / "newer.pmreview").write_bytes(bytes(newer))
    trig = bad / "trigger.pmreview"
    trig.write_bytes(data)
    conn = sqlite3.connect(trig, isolation_level=None)
    conn.execute("CREATE TRIGGER t AFTER INSERT ON event BEGIN DELETE FROM followup; END")
    conn.close()
    return {
        "empty.pmreview": "empty",
        "notes.pmreview": "not a pm-desktop review",
        "truncated.pmreview": "truncated",
        "newer.pmreview": "newer",
        "trigger.pmreview": "trigger",
    }


@pytest.fixture(scope="session")
def generated(tmp_path_factory):
    root = tmp_path_factory.mktemp("library")
    folder = root / "reviews"
    paths = make_library(folder, COUNT)
    damaged = add_damaged(folder, paths[0])
    return root, folder, paths, damaged


@pytest.fixture(scope="session")
def indexed(generated):
    root, folder, paths, damaged = generated
    library = Library(root / "data" / "library-index.sqlite")
    library.add_folders([folder])
    report = library.scan()
    yield library, report, paths, damaged
    library.close()


@pytest.fixture
def small_library(tmp_path):
    """An empty library with its own index, for tests that change files."""
    folder = tmp_path / "reviews"
    folder.mkdir()
    library = Library(tmp_path / "data" / "index.sqlite")
    library.add_folders([folder])
    yield library, folder
    library.close()
