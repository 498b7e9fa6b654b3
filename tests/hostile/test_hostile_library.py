"""Hostile files in a library folder: a scan lists each one with its reason or indexes it
safely, never stops, never starts a process, and leaves every file exactly as it was."""

from __future__ import annotations

import os
from pathlib import Path

from hostile_files import all_cases, fingerprint, make

from pm_desktop.library.library import Library


def _state(path: Path) -> tuple[str, int]:
    return fingerprint(path), os.lstat(path).st_mtime_ns


def test_a_scan_over_every_hostile_file_lists_the_refused_and_changes_nothing(
    hostile_base, tmp_path, no_child_processes
):
    folder = tmp_path / "shared-drive"
    cases = {case.name: case for case in all_cases() if not case.pictures}
    paths = {name: make(case, hostile_base, folder) for name, case in cases.items()}
    before = {name: _state(p) for name, p in paths.items()}
    listing = sorted(os.listdir(folder))

    with Library(tmp_path / "data" / "index.sqlite") as library:
        library.add_folders([folder])
        report = library.scan()
        problems = {Path(p.path).name: p.reason for p in library.problems()}
        indexed = {Path(r.path).name for r in library.reviews()}

    assert not report.cancelled
    for name, case in cases.items():
        file = f"{name}.pmreview"
        if case.expect == "refused" and name != "file-folder":
            assert file in problems, name
            for word in case.says:
                if word != "clean":  # the way out is the app's, not the library's
                    assert word.lower() in problems[file].lower(), (name, problems[file])
        elif case.expect == "safe" and name != "file-folder":
            assert file in indexed, (name, problems.get(file))
        assert "\n" not in problems.get(file, "")
    assert {name: _state(p) for name, p in paths.items()} == before
    assert sorted(os.listdir(folder)) == listing  # no lock, journal or index beside them
