"""The tracker CSV: a fixed header, fields that survive commas, quotes and newlines, spreadsheet
formula injection neutralised, and the Markdown checklist of the same cards."""

from __future__ import annotations

import csv
import io
import re
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from pm_desktop.domain.model import Criterion, FollowUp, Review, WhyNode
from pm_desktop.export import ExportJob, run_export
from pm_desktop.export.csv_export import (
    HEADER,
    card_labels,
    export_csv,
    followups_markdown,
    neutralise_cell,
)
from pm_desktop.ingest.builtin import load_example

EXPECTED_HEADER = [
    "Summary",
    "Description",
    "Assignee",
    "Due Date",
    "Priority",
    "Labels",
    "Status",
    "External ID",
]


def write(review: Review, path: Path) -> list[dict[str, str]]:
    export_csv(ExportJob(review, lambda sha: b"", path))
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 BOM, for Excel
    with open(path, encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    assert rows[0] == EXPECTED_HEADER
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


def example() -> Review:
    return load_example().review


def test_the_example_exports_one_row_per_card_with_tracker_words(tmp_path):
    assert list(HEADER) == EXPECTED_HEADER
    rows = write(example(), tmp_path / "x.csv")
    assert len(rows) == 7
    first = rows[0]
    assert first["Summary"] == "Fail CI when a query plan scans the orders or payments tables"
    assert first["Assignee"] == "Mei Lin"
    assert first["Due Date"] == "2025-04-18"
    assert first["Priority"] == "High"
    assert first["Status"] == "To Do"
    assert first["Labels"] == "prevent postmortem cause-process"
    assert {r["Status"] for r in rows} == {"To Do", "In Progress", "Done", "Won't Do"}
    assert {r["Priority"] for r in rows} == {"High", "Medium", "Low"}
    description = first["Description"]
    assert description.startswith("Run the test suite's queries")
    assert "Acceptance criteria:\n- [ ] CI job fails on a sequential scan" in description
    assert "Addresses:\n- Our pull-request checklist has no step" in description
    assert "From the postmortem: Card payments failing during the morning peak" in description


def test_commas_quotes_newlines_and_any_script_survive_the_round_trip(tmp_path):
    review = Review()
    title = 'Say "no" to full scans, always'
    description = 'Line one, with a comma\nLine "two"\r\nЛиния три 第四行 🚀'
    review.followups["f1"] = FollowUp(
        id="f1",
        title=title,
        description=description,
        acceptance_criteria=(Criterion("Plan, reviewed", True), Criterion('Says "ok"')),
        owner="Zoë O'Brien, SRE",
    )
    (row,) = write(review, tmp_path / "x.csv")
    assert row["Summary"] == title
    assert row["Assignee"] == "Zoë O'Brien, SRE"
    assert row["Description"].startswith(description + "\n\nAcceptance criteria:\n")
    assert '- [x] Plan, reviewed\n- [ ] Says "ok"' in row["Description"]
    assert row["Priority"] == "" and row["Due Date"] == ""
    assert row["Labels"] == "postmortem"


@pytest.mark.parametrize(
    "text",
    ['=HYPERLINK("http://evil","x")', "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1", "  =1+1"],
)
def test_formula_injection_is_neutralised_in_every_cell(tmp_path, text):
    review = Review()
    review.followups["f1"] = FollowUp(id="f1", title=text, description=text, owner=text)
    (row,) = write(review, tmp_path / "x.csv")
    for column in ("Summary", "Description", "Assignee"):
        cell = row[column]
        assert cell.startswith("'"), (column, cell)
        assert cell[1:].strip() == " ".join(text.split()).strip() or column == "Description"


def test_neutralising_leaves_ordinary_text_alone():
    assert neutralise_cell("Add an index") == "Add an index"
    assert neutralise_cell("") == ""
    assert neutralise_cell("a=b") == "a=b"
    assert neutralise_cell("-1") == "'-1"


def test_labels_come_from_type_postmortem_and_each_branch_once():
    review = Review()
    review.whys["p"] = WhyNode("p", None, "Problem")
    review.whys["a"] = WhyNode("a", "p", "A", category="time pressure")
    review.whys["b"] = WhyNode("b", "a", "B", root_cause=True)  # inherits "time pressure"
    review.whys["c"] = WhyNode("c", "p", "C", root_cause=True, category="ownership")
    card = FollowUp(id="f", title="t", type="process", why_ids=("b", "a", "c", "gone"))
    assert card_labels(card, review) == [
        "process",
        "postmortem",
        "cause-time-pressure",
        "cause-ownership",
    ]


def test_an_empty_review_writes_just_the_header(tmp_path):
    assert write(Review(), tmp_path / "x.csv") == []


def test_run_export_picks_the_csv_exporter_and_writes_atomically(tmp_path):
    out = tmp_path / "board.csv"
    run_export("csv", ExportJob(example(), lambda sha: b"", out))
    assert out.read_bytes().startswith(b"\xef\xbb\xbfSummary,Description,")
    assert [p.name for p in tmp_path.iterdir()] == ["board.csv"]


def test_cli_exports_a_review_file_to_csv(tmp_path):
    review_file = tmp_path / "example.pmreview"
    out = tmp_path / "x.csv"
    subprocess.run(
        [sys.executable, "-m", "pm_desktop", "demo", str(review_file)], check=True, timeout=120
    )
    done = subprocess.run(
        [sys.executable, "-m", "pm_desktop", "export", str(review_file), "-o", str(out)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8-sig"), newline="")))
    assert rows[0] == EXPECTED_HEADER and len(rows) == 8


def test_markdown_checklist_lists_every_column_and_escapes_markup():
    review = example()
    text = followups_markdown(review)
    assert text.startswith("### To do\n")
    assert "### In progress" in text and "### Done" in text and "### Won't do" in text
    assert "- [x] **Add the missing index and return orders-db to its usual size**" in text
    assert "  - [x] The template asks for the plan" in text
    assert "  - link: <https://example-corp.atlassian.net/browse/PAY-1290>" in text
    card = next(iter(review.followups.values()))
    review.followups[card.id] = replace(
        card, title="<img src=/etc/passwd> *bold* x<y", url="javascript:x"
    )
    hostile = followups_markdown(review)
    assert not re.search(r"(?<!\\)<img", hostile)  # every "<" of user text is escaped
    assert "\\<img src=/etc/passwd\\> \\*bold\\* x\\<y" in hostile
    assert "javascript:" not in hostile
    assert followups_markdown(Review()) == ""
