"""`pm-desktop timeline parse/add` on the newer paste shapes: authors in the JSON, the source
recorded on added events, and the numeric date order chosen on the command line."""

from __future__ import annotations

import json
import subprocess
import sys

from pm_desktop.store.document import Document


def pm(*args: str, cwd=None, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "pm_desktop", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        input=stdin,
        timeout=120,
    )


CHAT = (
    "Monday, March 3rd\n"
    "Mei Lin  10:42 AM\n"
    "checkout is throwing 502s (edited)\n"
    ":eyes: 2\n"
    "Ravi Patel  10:47 AM\n"
    "rolled back to 4.1\n"
)


def test_timeline_parse_json_gives_each_chat_message_its_author_and_instant():
    proc = pm("timeline", "parse", "-", "--date", "2025-03-05", "--json", stdin=CHAT)
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert [(e["time"], e["author"], e["text"]) for e in out] == [
        ("2025-03-03T10:42:00Z", "Mei Lin", "checkout is throwing 502s"),
        ("2025-03-03T10:47:00Z", "Ravi Patel", "rolled back to 4.1"),
    ]


def test_timeline_parse_reads_numeric_dates_in_the_order_given():
    text = "- Start (11/02 06:10)\n- Update (11/02 06:40)\n"
    for order, day in (("md", "2024-11-02"), ("dm", "2025-02-11")):
        proc = pm(
            "timeline", "parse", "-", "--date", "2024-11-05", "--date-order", order, "--json",
            stdin=text,
        )  # fmt: skip
        assert proc.returncode == 0, proc.stderr
        assert json.loads(proc.stdout)[0]["time"] == f"{day}T06:10:00Z"
        assert "could be day/month or month/day" in proc.stderr


def test_timeline_parse_leaves_an_impossible_clock_untimed_and_names_the_line():
    proc = pm(
        "timeline", "parse", "-", "--date", "2025-03-05", "--json", stdin="09:00 ok\n19:75 x\n"
    )
    assert proc.returncode == 0, proc.stderr
    assert [e["time"] for e in json.loads(proc.stdout)] == ["2025-03-05T09:00:00Z", None]
    assert "line 2: 19:75 is not a time of day" in proc.stderr


def test_timeline_add_records_the_author_and_the_paste_source(tmp_path):
    assert pm("demo", "r.pmreview", cwd=tmp_path).returncode == 0
    (tmp_path / "chat.txt").write_text(CHAT, encoding="utf-8")
    proc = pm("timeline", "add", "r.pmreview", "chat.txt", "--date", "2025-03-05", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    doc = Document.open(tmp_path / "r.pmreview")
    try:
        added = [e for e in doc.review.events.values() if e.source == "paste"]
    finally:
        doc.close()
    assert sorted((e.time, e.author, e.text) for e in added) == [
        ("2025-03-03T10:42:00Z", "Mei Lin", "checkout is throwing 502s"),
        ("2025-03-03T10:47:00Z", "Ravi Patel", "rolled back to 4.1"),
    ]
