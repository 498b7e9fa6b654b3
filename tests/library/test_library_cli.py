"""``pm-desktop library …`` end to end, in process, with the index in a temporary data folder."""

from __future__ import annotations

import csv
import io
import json

import pytest
from library_gen import review_for, write_file

from pm_desktop.cli import main


@pytest.fixture
def folder(tmp_path, monkeypatch):
    monkeypatch.setenv("PM_DESKTOP_DATA", str(tmp_path / "data"))
    reviews = tmp_path / "reviews"
    reviews.mkdir()
    for i in (3, 13, 14):
        write_file(reviews / f"incident-{i:04d}.pmreview", review_for(i))
    (reviews / "broken.pmreview").write_bytes(b"PK\x03\x04 not a review")
    return reviews


def test_index_prints_a_summary_and_names_each_unusable_file(folder, capsys):
    assert main(["library", "index", str(folder)]) == 0
    out, err = capsys.readouterr()
    assert out.startswith("4 review files found, 3 read, 1 cannot be used")
    assert err.strip().endswith(
        "broken.pmreview: is a ZIP archive (or an Office document), not a pm-desktop review"
    )
    assert (folder.parent / "data" / "library-index.sqlite").exists()
    assert not any(p.name.startswith("library-index") for p in folder.iterdir())


def test_search_json_lists_objects_with_the_review_path(folder, capsys):
    main(["library", "index", str(folder)])
    capsys.readouterr()
    assert main(["library", "search", "kraken-queue", "--json"]) == 0
    hits = json.loads(capsys.readouterr().out)
    assert [(h["path"].rsplit("/", 1)[1], h["kind"], h["id"]) for h in hits] == [
        ("incident-0013.pmreview", "evidence", "v13-0"),
        ("incident-0003.pmreview", "evidence", "v3-0"),
    ]
    assert all(
        h["snippet"][a:b].lower() == "kraken-queue" for h in hits for a, b in h["highlights"]
    )


def test_followups_filters_and_csv(folder, capsys):
    main(["library", "index", str(folder)])
    capsys.readouterr()
    assert main(["library", "followups", "--json"]) == 0
    every = json.loads(capsys.readouterr().out)
    assert len(every) == sum(2 + i % 4 for i in (3, 13, 14))
    assert all("path" in e for e in every)
    main(["library", "followups", "--open", "--json"])
    opened = json.loads(capsys.readouterr().out)
    assert opened == [e for e in every if e["status"] in ("todo", "doing")]
    owner = every[0]["owner"]
    main(["library", "followups", "--owner", owner.split()[0], "--csv"])
    rows = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    assert rows[0][0] == "Title" and {r[1] for r in rows[1:]} == {owner}


def test_stats_json_is_one_object_per_review_and_since_filters(folder, capsys):
    main(["library", "index", str(folder)])
    capsys.readouterr()
    assert main(["library", "stats", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [r["path"].rsplit("/", 1)[1] for r in rows] == [
        "incident-0003.pmreview", "incident-0013.pmreview", "incident-0014.pmreview"
    ]  # fmt: skip
    assert rows[0]["ttd_seconds"] == (2 + 3) * 60
    main(["library", "stats", "--since", review_for(14).meta.incident_date, "--json"])
    assert len(json.loads(capsys.readouterr().out)) == 1
    assert main(["library", "stats"]) == 0
    assert "TTD" in capsys.readouterr().out


def test_mistakes_are_one_line_with_the_right_exit_code(folder, capsys, tmp_path):
    assert main(["library", "index", str(tmp_path / "nowhere")]) == 1
    assert capsys.readouterr().err.strip().endswith("nowhere: no such folder")
    with pytest.raises(SystemExit) as exit_info:
        main(["library", "stats", "--since", "last week"])
    assert exit_info.value.code == 2
    with pytest.raises(SystemExit) as exit_info:
        main(["library", "followups", "--json", "--csv"])
    assert exit_info.value.code == 2


def test_an_empty_library_says_how_to_start(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("PM_DESKTOP_DATA", str(tmp_path / "data"))
    assert main(["library", "search", "anything"]) == 0
    assert "library index DIR" in capsys.readouterr().err


def test_a_second_index_run_still_names_the_files_that_cannot_be_used(folder, capsys):
    main(["library", "index", str(folder)])
    capsys.readouterr()
    assert main(["library", "index", str(folder)]) == 0
    out, err = capsys.readouterr()
    assert out.startswith("4 review files found, 0 read, 1 cannot be used")
    assert "broken.pmreview" in err
