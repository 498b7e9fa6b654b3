"""Scanning a library: every review found, damaged ones listed with their reason, files never
changed, and a second scan reads only what changed."""

from __future__ import annotations

import hashlib
import os
import sqlite3
from pathlib import Path

from library_gen import COUNT, mtime, review_for, write_file

from pm_desktop.library.index import INDEX_VERSION
from pm_desktop.library.library import Library
from pm_desktop.store.document import Document


def test_a_cold_scan_indexes_every_review_and_lists_the_damaged_ones(indexed):
    library, report, _paths, damaged = indexed
    assert report.found == COUNT + len(damaged)
    assert report.read == COUNT
    assert len(library.reviews()) == COUNT
    problems = {Path(p.path).name: p.reason for p in library.problems()}
    assert set(problems) == set(damaged)
    for name, word in damaged.items():
        assert word in problems[name], problems[name]
        assert "\n" not in problems[name]


def test_indexing_leaves_every_file_byte_for_byte_and_its_time_untouched(tmp_path):
    folder = tmp_path / "reviews"
    folder.mkdir()
    paths = [write_file(folder / f"r{i}.pmreview", review_for(i)) for i in range(5)]
    os.utime(paths[0], ns=(1_600_000_000_000_000_000, 1_600_000_000_000_000_000))
    before = {p: (hashlib.sha256(p.read_bytes()).hexdigest(), mtime(p)) for p in paths}
    with Library(tmp_path / "data" / "index.sqlite") as library:
        library.add_folders([folder])
        assert library.scan().read == 5
    assert {p: (hashlib.sha256(p.read_bytes()).hexdigest(), mtime(p)) for p in paths} == before
    assert sorted(os.listdir(folder)) == sorted(p.name for p in paths)


def test_a_review_open_in_the_app_is_indexed_without_waiting_for_its_lock(small_library):
    library, folder = small_library
    doc = Document.create(folder / "open.pmreview", review_for(3))
    try:
        report = library.scan()
    finally:
        doc.close()
    assert report.read == 1
    assert [r.title for r in library.reviews()] == [review_for(3).meta.title]


def test_a_second_scan_reads_only_new_changed_and_forgets_deleted_files(small_library):
    library, folder = small_library
    paths = [write_file(folder / f"r{i}.pmreview", review_for(i)) for i in range(6)]
    assert library.scan().read == 6
    again = library.scan()
    assert (again.read, again.unchanged, again.removed) == (0, 6, 0)

    # Same bytes, new time (a copy, a sync tool touching it): the hash says unchanged.
    os.utime(paths[0], ns=(mtime(paths[0]) + 10**9, mtime(paths[0]) + 10**9))
    assert library.scan().read == 0
    # New content: read again, and the index follows.
    changed = review_for(1)
    changed.meta = changed.meta.__class__(**{**_meta_dict(changed), "title": "Renamed incident"})
    paths[1].unlink()
    write_file(paths[1], changed)
    paths[2].unlink()
    write_file(folder / "new.pmreview", review_for(40))
    report = library.scan()
    assert (report.read, report.removed) == (2, 1)
    titles = {r.title for r in library.reviews()}
    assert "Renamed incident" in titles and review_for(2).meta.title not in titles
    assert review_for(40).meta.title in titles


def test_forgetting_a_folder_drops_its_reviews_at_the_next_scan(small_library, tmp_path):
    library, folder = small_library
    write_file(folder / "a.pmreview", review_for(1))
    other = tmp_path / "other"
    other.mkdir()
    write_file(other / "b.pmreview", review_for(2))
    library.add_folders([other])
    assert library.scan().read == 2
    library.remove_folder(str(other.resolve()))
    assert library.scan().removed == 1
    assert [Path(r.path).name for r in library.reviews()] == ["a.pmreview"]


def test_a_folder_that_is_missing_for_now_keeps_its_reviews(small_library, tmp_path):
    library, folder = small_library
    drive = tmp_path / "network-drive"
    drive.mkdir()
    write_file(drive / "a.pmreview", review_for(1))
    library.add_folders([drive])
    library.scan()
    drive.rename(tmp_path / "unplugged")
    assert library.scan().removed == 0
    assert len(library.reviews()) == 1


def test_a_cancelled_scan_keeps_what_it_read_and_the_next_one_finishes(small_library):
    library, folder = small_library
    for i in range(60):
        write_file(folder / f"r{i:02d}.pmreview", review_for(i))
    seen: list[int] = []
    report = library.scan(
        progress=lambda done, total, path: seen.append(done), cancelled=lambda: len(seen) > 30
    )
    assert report.cancelled and report.read == 31  # the file announced last is finished
    assert len(library.reviews()) == 31
    assert library.scan().read == 29
    assert len(library.reviews()) == 60


def test_progress_counts_up_to_the_number_of_files(small_library):
    library, folder = small_library
    for i in range(3):
        write_file(folder / f"r{i}.pmreview", review_for(i))
    steps: list[tuple[int, int]] = []
    library.scan(progress=lambda done, total, _p: steps.append((done, total)))
    assert steps == [(0, 3), (1, 3), (2, 3), (3, 3)]


def test_a_damaged_or_older_index_is_rebuilt_and_keeps_the_folders(small_library):
    library, folder = small_library
    write_file(folder / "a.pmreview", review_for(1))
    library.scan()
    path = library.index_path
    library.conn.execute(f"PRAGMA user_version = {INDEX_VERSION + 5}")
    library.close()
    with Library(path) as again:
        assert again.folders() == [str(folder.resolve())] and again.reviews() == []
        assert again.scan().read == 1
    path.write_bytes(b"garbage" * 100)
    for suffix in ("-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    with Library(path) as fresh:
        assert fresh.folders() == []
    assert Path(f"{path}.broken").exists()


def test_an_older_file_format_is_read_from_a_memory_copy(small_library):
    library, folder = small_library
    fixture = Path(__file__).resolve().parents[1] / "fixtures" / "review-v1.pmreview"
    target = folder / "old.pmreview"
    target.write_bytes(fixture.read_bytes())
    before = target.read_bytes()
    assert library.scan().read == 1, library.problems()
    assert target.read_bytes() == before
    conn = sqlite3.connect(f"file:{target}?mode=ro", uri=True)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
    conn.close()


def test_backup_copies_and_hidden_folders_are_not_reviews(small_library):
    library, folder = small_library
    write_file(folder / "a.pmreview", review_for(1))
    write_file(folder / "a.v1-backup.pmreview", review_for(1))
    (folder / ".trash").mkdir()
    write_file(folder / ".trash" / "b.pmreview", review_for(2))
    assert library.scan().found == 1


def _meta_dict(review):
    from dataclasses import asdict

    return asdict(review.meta)


def test_the_review_row_insert_names_the_columns_it_fills_in_order():
    import re

    from pm_desktop.library import index

    columns = re.search(r"\((.*?)\)", index._INSERT_REVIEW).group(1).split(", ")
    assert tuple(columns) == index.REVIEW_COLUMNS
    assert index._INSERT_REVIEW.count("?") == len(columns)


def test_search_hits_come_newest_incident_first(indexed):
    library, *_ = indexed
    dates = [h.date for h in library.search("dashboards", limit=10_000)]
    assert len(dates) > 200 and dates == sorted(dates, reverse=True)
