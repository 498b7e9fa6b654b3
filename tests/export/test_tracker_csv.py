"""Follow-ups for trackers: a key per card that survives edits and exports, and the Linear and
GitHub issue dialects beside Jira's, each as safe to open in a spreadsheet as the Jira file."""

from __future__ import annotations

import csv
import dataclasses
import re

import pytest
from test_pdf_hostile import HOSTILE_TEXT, hostile_review

from pm_desktop.cli.main import main as cli_main
from pm_desktop.domain.model import Criterion, FollowUp, Review, ReviewMeta
from pm_desktop.export import ExportError, ExportJob, run_export
from pm_desktop.export.trackers import TRACKERS, external_key, milestone
from pm_desktop.ingest.builtin import load_example

KEY = re.compile(r"PM-[0-9A-F]{10}")
KEY_COLUMN = {"jira": "External ID", "linear": "External ID", "github": "external_id"}
TITLE_COLUMN = {"jira": "Summary", "linear": "Title", "github": "title"}
BODY_COLUMN = {"jira": "Description", "linear": "Description", "github": "body"}


def write(review: Review, out, tracker: str, profile: str = "internal") -> list[dict[str, str]]:
    run_export("csv", ExportJob(review, lambda sha: b"", out, profile, tracker=tracker))
    with open(out, encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def test_a_cards_key_survives_edits_and_differs_between_cards():
    card = FollowUp(id="3f0c9a8e-0000-4000-8000-000000000001", title="Add an index")
    edited = dataclasses.replace(card, title="Add two indexes", status="done", seq=9, owner="Kai")
    other = dataclasses.replace(card, id="3f0c9a8e-0000-4000-8000-000000000002")
    assert KEY.fullmatch(external_key(card))
    assert external_key(edited) == external_key(card) != external_key(other)


@pytest.mark.parametrize("tracker", TRACKERS)
def test_every_dialect_carries_the_same_keys_in_every_export(tmp_path, tracker):
    shipped = load_example()
    first = write(shipped.review, tmp_path / "a.csv", tracker)
    review = shipped.review
    card = review.sorted_followups()[0]
    review.followups[card.id] = dataclasses.replace(card, title="Renamed", status="doing")
    second = write(review, tmp_path / "b.csv", tracker)
    keys = [row[KEY_COLUMN[tracker]] for row in first]
    assert len(first) == len(review.followups) and len(set(keys)) == len(keys)
    assert all(KEY.fullmatch(k) for k in keys)
    assert {r[KEY_COLUMN[tracker]] for r in second} == set(keys)


@pytest.mark.parametrize("tracker", ("linear", "github"))
def test_the_body_is_markdown_that_links_back_to_the_review(tmp_path, tracker):
    shipped = load_example()
    rows = write(shipped.review, tmp_path / "x.csv", tracker)
    first = shipped.review.sorted_followups()[0]
    row = next(r for r in rows if r[KEY_COLUMN[tracker]] == external_key(first))
    body = row[BODY_COLUMN[tracker]]
    meta = shipped.review.meta
    assert f"From the postmortem **{meta.title}** of {meta.incident_date}" in body
    assert "**Done when**\n\n- [ ] CI job fails on a sequential scan" in body
    assert external_key(first) in body
    if tracker == "github":
        assert row["milestone"] == first.due[:7] and row["state"] == "open"
        assert row["labels"] == "prevent,postmortem,cause-process"
        assert {r["state"] for r in rows} == {"open", "closed"}
    else:
        assert row["Status"] == "Todo" and row["Priority"] == "High"
        assert {r["Status"] for r in rows} == {"Todo", "In Progress", "Done", "Canceled"}


@pytest.mark.parametrize("tracker", TRACKERS)
def test_hostile_text_is_kept_as_text_and_formulas_never_run(tmp_path, tracker):
    review, _blobs = hostile_review()
    review.followups["f3"] = FollowUp(
        "f3", '=HYPERLINK("http://evil","x")', "-2+3\n@SUM(A1)", (Criterion("=1+1"),), "+1", seq=2
    )
    rows = write(review, tmp_path / "x.csv", tracker)
    hostile = next(
        r for r in rows if r[KEY_COLUMN[tracker]] == external_key(review.followups["f3"])
    )
    for cell in hostile.values():
        assert not cell.lstrip(" ").startswith(("=", "+", "-", "@")), cell
    titles = [r[TITLE_COLUMN[tracker]] for r in rows]
    assert HOSTILE_TEXT in titles
    if tracker != "jira":  # Markdown bodies: tags and markup characters escaped
        body = rows[0][BODY_COLUMN[tracker]]
        assert not re.search(r"(?<!\\)[<&]", body)
        assert "\\<img src='/etc/hostname'/\\> x\\<y \\&eacute;" in body


@pytest.mark.parametrize("tracker", TRACKERS)
def test_an_empty_review_writes_the_header_only(tmp_path, tracker):
    out = tmp_path / "x.csv"
    assert write(Review(meta=ReviewMeta()), out, tracker) == []
    with open(out, encoding="utf-8-sig", newline="") as fh:
        assert KEY_COLUMN[tracker] in next(csv.reader(fh))


@pytest.mark.parametrize("tracker", TRACKERS)
def test_the_customer_version_has_no_owners_or_dates(tmp_path, tracker):
    shipped = load_example()
    rows = write(shipped.review, tmp_path / "x.csv", tracker, profile="external")
    owners = {c.owner for c in shipped.review.followups.values() if c.owner}
    text = "\n".join(" ".join(r.values()) for r in rows)
    assert owners and not any(owner in text for owner in owners)
    assert not re.search(r"20\d\d-\d\d-\d\d", " ".join(r.get("Due Date", "") for r in rows))
    if tracker == "github":
        assert {r["milestone"] for r in rows} == {""}


def test_an_unknown_tracker_is_one_clear_error(tmp_path):
    with pytest.raises(ExportError, match="unknown tracker 'trello'"):
        write(Review(), tmp_path / "x.csv", "trello")


def test_milestone_is_the_due_month():
    assert milestone("2025-04-18") == "2025-04"
    assert milestone("") == "" and milestone("soon") == ""


def test_cli_tracker_option_picks_the_dialect(tmp_path):
    review = tmp_path / "r.pmreview"
    assert cli_main(["demo", str(review)]) == 0
    out = tmp_path / "issues.csv"
    assert cli_main(["export", str(review), "-o", str(out), "--tracker", "github"]) == 0
    with open(out, encoding="utf-8-sig", newline="") as fh:
        assert next(csv.reader(fh))[:2] == ["title", "body"]
