"""Follow-ups for trackers: a key per card that survives edits and exports, and the Linear and
GitHub issue dialects beside Jira's, each as safe to open in a spreadsheet as the Jira file."""

from __future__ import annotations

import csv
import dataclasses
import re

import pytest
from test_pdf_hostile import HOSTILE_TEXT, hostile_review

from pm_desktop.cli.main import main as cli_main
from pm_desktop.domain import ops
from pm_desktop.domain.model import Criterion, FollowUp, Review, ReviewMeta
from pm_desktop.export import ExportError, ExportJob, run_export
from pm_desktop.export.trackers import TRACKERS, external_key, milestone
from pm_desktop.ingest.builtin import load_example
from pm_desktop.store.document import Document

KEY = re.compile(r"PM-[0-9A-F]{8}-[1-9][0-9]*")
FALLBACK_KEY = re.compile(r"PM-[0-9A-F]{10}")
KEY_COLUMN = {"jira": "External ID", "linear": "External ID", "github": "external_id"}
TITLE_COLUMN = {"jira": "Summary", "linear": "Title", "github": "title"}
BODY_COLUMN = {"jira": "Description", "linear": "Description", "github": "body"}


def write(review: Review, out, tracker: str, profile: str = "internal") -> list[dict[str, str]]:
    run_export("csv", ExportJob(review, lambda sha: b"", out, profile, tracker=tracker))
    with open(out, encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def test_a_cards_key_is_the_reviews_short_id_and_the_cards_number_and_survives_edits():
    review = Review(meta=ReviewMeta(review_id="5f0c2a7e-3b9d-4c61-9a8e-2d4f6b1c8e53"))
    card = FollowUp(id="3f0c9a8e-0000-4000-8000-000000000001", title="Add an index", number=7)
    edited = dataclasses.replace(card, title="Add two indexes", status="done", seq=9, owner="Kai")
    other = dataclasses.replace(card, id="3f0c9a8e-0000-4000-8000-000000000002", number=8)
    assert external_key(card, review) == "PM-5F0C2A7E-7"
    assert external_key(edited, review) == external_key(card, review) != external_key(other, review)
    elsewhere = Review(meta=ReviewMeta(review_id="0d1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6"))
    assert external_key(card, elsewhere) != external_key(card, review)


def test_a_review_never_written_to_a_file_falls_back_to_a_key_from_the_card_id():
    card = FollowUp(id="3f0c9a8e-0000-4000-8000-000000000001", title="Add an index")
    assert FALLBACK_KEY.fullmatch(external_key(card, Review()))
    assert external_key(card, Review()) == external_key(
        dataclasses.replace(card, title="x"), Review()
    )


def test_a_file_keeps_its_keys_after_a_card_is_deleted_and_another_added(tmp_path):
    shipped = load_example()
    path = tmp_path / "r.pmreview"
    with Document.create(path, shipped.review, shipped.blobs) as doc:
        before = {c.id: external_key(c, doc.review) for c in doc.review.followups.values()}
        newest = max(doc.review.followups.values(), key=lambda c: c.number)
        doc.apply(ops.delete_followups(doc.review, [newest.id]))
        doc.apply(ops.add_followup(doc.review, "A later card"))
    with Document.open(path, read_only=True) as doc:
        after = {c.id: external_key(c, doc.review) for c in doc.review.followups.values()}
    del before[newest.id]
    added = set(after) - set(before)
    assert {k: after[k] for k in before} == before
    (new_id,) = added
    assert after[new_id] not in before.values() and after[new_id].endswith(f"-{newest.number + 1}")


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
    row = next(r for r in rows if r[KEY_COLUMN[tracker]] == external_key(first, shipped.review))
    body = row[BODY_COLUMN[tracker]]
    meta = shipped.review.meta
    assert f"From the postmortem **{meta.title}** of {meta.incident_date}" in body
    assert "**Done when**\n\n- [ ] CI job fails on a sequential scan" in body
    assert external_key(first, shipped.review) in body
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
        r for r in rows if r[KEY_COLUMN[tracker]] == external_key(review.followups["f3"], review)
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
