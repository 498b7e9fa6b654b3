"""``pm-desktop check FILE --profile external`` and the default names of exports."""

from __future__ import annotations

import json
from dataclasses import replace

from pm_desktop.cli.main import main
from pm_desktop.domain.model import Person
from pm_desktop.export.profiles import default_stem
from pm_desktop.ingest.builtin import load_example
from pm_desktop.store.document import Document


def _demo(tmp_path, name: str = "incident.pmreview"):
    example = load_example()
    review = example.review
    person = next(iter(review.people.values()))
    review.people[person.id] = replace(person, handles=("@amara",))
    path = tmp_path / name
    Document.create(path, review, example.blobs).close()
    return path


def test_check_external_json_lists_what_goes_and_what_to_look_at(tmp_path, capsys):
    path = _demo(tmp_path)
    assert main(["check", str(path), "--profile", "external", "--json"]) == 0
    found = json.loads(capsys.readouterr().out)
    keys = {"action", "kind", "category", "text", "replacement", "where", "start", "end"}
    assert found and all(set(f) == keys for f in found)
    by_category = {f["category"] for f in found}
    assert {"participant", "note", "possible root cause", "won't do", "chat channel"} <= by_category
    channel = next(f for f in found if f["category"] == "chat channel")
    assert channel["text"] == "#inc-payments" and channel["where"]["kind"] == "events"
    assert any(f["action"] == "suspicious" for f in found)


def test_check_external_text_ends_with_a_count(tmp_path, capsys):
    path = _demo(tmp_path)
    assert main(["check", str(path), "--profile", "external"]) == 0
    assert "to look at before sending." in capsys.readouterr().out.splitlines()[-1]


def test_export_without_output_names_the_customer_version_external(tmp_path):
    path = _demo(tmp_path)
    assert (
        main(["export", str(path), "--profile", "external", "--format", "md", "--no-images"]) == 0
    )
    assert (tmp_path / "incident-external.md").exists()
    assert main(["export", str(path), "--format", "md", "--no-images"]) == 0
    assert (tmp_path / "incident.md").exists()


def test_an_internal_export_never_gets_the_external_name():
    assert default_stem("incident", "external") == "incident-external"
    assert default_stem("incident-external", "external") == "incident-external"
    assert default_stem("incident", "internal") == "incident"
    assert default_stem("incident-external", "internal") == "incident-internal"


def test_check_of_a_missing_file_is_one_line_and_exit_1(tmp_path, capsys):
    assert main(["check", str(tmp_path / "nope.pmreview"), "--profile", "external"]) == 1
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "nope.pmreview" in err


def test_person_handles_round_trip_through_json(tmp_path):
    path = _demo(tmp_path)
    out = tmp_path / "x.json"
    assert main(["export", str(path), "-o", str(out)]) == 0
    back = tmp_path / "back.pmreview"
    assert main(["import", str(out), "-o", str(back)]) == 0
    with Document.open(back, read_only=True) as doc:
        assert any(p.handles == ("@amara",) for p in doc.review.people.values())
        assert all(isinstance(p, Person) for p in doc.review.people.values())
