"""``pm-desktop intake``: the contract in DESIGN.md."""

from __future__ import annotations

import json

from intake_fixture_files import FIXTURES, slack_zip

from pm_desktop.cli import main
from pm_desktop.store.document import Document


def test_intake_creates_the_review_and_prints_one_summary_line(tmp_path, capsys):
    review = tmp_path / "inc.pmreview"
    sources = [str(slack_zip(tmp_path)), str(FIXTURES / "opsgenie-alert.json")]
    assert main(["intake", *sources, "--into", str(review)]) == 0
    out = capsys.readouterr().out
    assert out == "added 20 events, 3 people, 3 links; 0 duplicates skipped\n"
    with Document.open(review, read_only=True) as doc:
        assert doc.review.meta.incident_date == "2026-11-30"
        sources_seen = {e.source for e in doc.review.events.values()}
        ops = {e.kind: e.author for e in doc.review.events.values() if e.source == "opsgenie"}
        mei = next(p for p in doc.review.people.values() if p.name == "Mei Lin")
    # the alert's e-mail addresses are the people Slack already named (by their handles)
    assert ops["acknowledged"] == "Mei Lin" and ops["resolved"] == "Arjun Rao"
    assert mei.handles == ("@mei.lin", "mei.lin@example.com")
    assert sources_seen == {
        "slack:#eng-db",
        "slack:#inc-checkout",
        "slack:#ops-alerts",
        "opsgenie",
    }
    assert main(["intake", sources[0], "--into", str(review)]) == 0
    assert capsys.readouterr().out == "added 0 events, 0 people, 0 links; 13 duplicates skipped\n"


def test_intake_dry_run_json_lists_entries_and_changes_nothing(tmp_path, capsys):
    review = tmp_path / "inc.pmreview"
    args = ["intake", str(FIXTURES / "pagerduty-log.json"), "--into", str(review)]
    assert main([*args, "--dry-run", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["summary"] == {"events": 26, "people": 2, "links": 0, "duplicates": 14}
    assert len(data["entries"]) == 40
    assert data["entries"][0] == {
        "time": "2026-11-30T21:57:00Z",
        "tz": "UTC",
        "text": "Triggered through the API.",
        "kind": "detected",
        "author": "Checkout API",
        "source": "pagerduty",
        "reply": False,
        "links": [],
        "duplicate": False,
        "warning": "",
    }
    assert not review.exists()


def test_intake_channel_and_range_and_csv_map(tmp_path, capsys):
    review = tmp_path / "inc.pmreview"
    zipped = str(slack_zip(tmp_path))
    assert (
        main(
            ["intake", zipped, "--into", str(review), "--channel", "eng-db"]
            + ["--since", "2026-11-30T22:12:00Z", "--until", "2026-11-30"]
        )
        == 0
    )
    assert capsys.readouterr().out == "added 1 event, 1 person, 1 link; 0 duplicates skipped\n"
    csv_file = tmp_path / "odd.csv"
    csv_file.write_text("At,Said,By\n2026-11-30 17:00,call started,Ana\n")
    args = ["intake", str(csv_file), "--into", str(review), "--tz", "America/New_York"]
    assert main([*args, "--map", "At=time", "--map", "Said=text", "--map", "By=author"]) == 0
    assert capsys.readouterr().out == "added 1 event, 1 person, 0 links; 0 duplicates skipped\n"
    with Document.open(review, read_only=True) as doc:
        (event,) = [e for e in doc.review.events.values() if e.source == "csv:odd.csv"]
    assert (event.time, event.tz, event.author) == (
        "2026-11-30T22:00:00Z",
        "America/New_York",
        "Ana",
    )


def test_intake_errors_are_one_line_with_exit_codes(tmp_path, capsys):
    review = tmp_path / "r.pmreview"
    assert main(["intake", str(tmp_path / "nope.zip"), "--into", str(review)]) == 1
    assert capsys.readouterr().err.strip().endswith("no such file; nothing was changed")
    assert main(["intake", "x.json", "--into", str(review), "--since", "someday"]) == 2
    assert capsys.readouterr().err.count("\n") == 1
    zipped = str(slack_zip(tmp_path))
    assert main(["intake", zipped, "--into", str(review), "--channel", "random"]) == 1
    assert "no channel #random" in capsys.readouterr().err
    assert not review.exists()
