"""Every generated hostile file as the OTHER of ``pm-desktop merge``.

A file that must be refused gets one line naming it and the problem (exit 1) and nothing changes:
the review merged into keeps every row, the hostile file stays byte-for-byte (and its mtime) as it
was, nothing appears beside it, no process starts. A file that opens safely merges, except a
stored picture whose bytes were swapped under its sha256: opening shows it as unreadable, merging
refuses the file (it would copy data under a checksum it does not have).
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from pathlib import Path

import pytest
from hostile_files import CASES, fingerprint, make

from pm_desktop.cli import main
from pm_desktop.ingest.builtin import load_example
from pm_desktop.store.document import Document


def _rows(path: Path) -> list[tuple]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        out = []
        for (table,) in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
        ):
            out.append((table, sorted(map(repr, conn.execute(f'SELECT * FROM "{table}"')))))
        return out
    finally:
        conn.close()


@pytest.fixture(scope="module")
def target_template(tmp_path_factory) -> Path:
    """The example review to merge into (the hostile base is made from it too, so most items
    are shared by id and every kind of conflict and addition is reached)."""
    path = tmp_path_factory.mktemp("merge-target") / "ours.pmreview"
    example = load_example()
    Document.create(path, example.review, example.blobs).close()
    return path


@pytest.mark.parametrize("name", sorted(CASES))
def test_a_hostile_other_file_is_refused_in_one_line_or_merges_safely(
    name, hostile_base, target_template, tmp_path, capsys, no_child_processes
):
    case = CASES[name]
    other = make(case, hostile_base, tmp_path / "in")
    ours = tmp_path / "ours.pmreview"
    shutil.copyfile(target_template, ours)
    before_other = fingerprint(other), os.lstat(other).st_mtime_ns
    before_ours = _rows(ours)
    beside = sorted(os.listdir(other.parent))
    capsys.readouterr()

    code = main(["merge", str(ours), str(other)])
    captured = capsys.readouterr()
    err = captured.err.strip()
    assert "Traceback" not in err
    if case.expect == "refused":
        assert code == 1, err
    elif case.pictures and code == 1:
        # Opening shows such a picture as unreadable; a merge would copy bytes filed under a
        # sha256 they do not have into the other review, so it refuses the file instead.
        assert "does not match its checksum" in err, err
    elif case.expect == "safe":
        assert code == 0, err
    else:
        assert code in (0, 1), err
    if code == 1:
        assert len(err.splitlines()) == 1, err
        assert err.startswith(f"pm-desktop: {other}: "), err
        for word in case.says:
            assert word in err, (word, err)
        assert _rows(ours) == before_ours
    else:
        assert captured.out.splitlines()[0]
    assert (fingerprint(other), os.lstat(other).st_mtime_ns) == before_other
    assert sorted(os.listdir(other.parent)) == beside
