"""The JSON interchange: lossless both ways, and nothing doubtful gets in."""

from __future__ import annotations

import base64
import copy
import json

import pytest
from hypothesis import given, settings
from review_strategies import png_bytes, reviews

from pm_desktop.export.json_export import review_to_dict, review_to_json
from pm_desktop.ingest.builtin import load_example
from pm_desktop.ingest.json_import import (
    ImportProblem,
    parse_review_bytes,
    parse_review_text,
    review_from_dict,
)


@settings(max_examples=60, deadline=None)
@given(reviews())
def test_random_reviews_round_trip_through_json_unchanged(data):
    review, blobs = data
    text = review_to_json(review, blobs.__getitem__)
    again = parse_review_text(text)
    assert again.review == review
    assert again.blobs == {sha: blobs[sha] for sha in review.blobs}
    assert review_to_json(again.review, again.blobs.__getitem__) == text


def _example_dict() -> dict:
    ex = load_example()
    return review_to_dict(ex.review, ex.blobs.__getitem__)


def _bad(mutate) -> str:
    data = _example_dict()
    mutate(data)
    with pytest.raises(ImportProblem) as info:
        review_from_dict(data)
    return str(info.value)


def test_wrong_format_marker_is_refused():
    assert "not a pm-desktop review" in _bad(lambda d: d.update(format="something-else"))


def test_newer_version_is_refused_with_advice():
    assert "update pm-desktop" in _bad(lambda d: d.update(version=99))


@pytest.mark.parametrize(
    ("mutate", "expected"),
    [
        (lambda d: d["events"][3].update(time="09:15"), "events[3].time"),
        (lambda d: d["events"][0].update(time=1741770900), "events[0].time: must be text"),
        (lambda d: d["events"][0].update(kind="panic"), "events[0].kind"),
        (lambda d: d["events"][0].update(tz="Mars/Olympus"), "events[0].tz"),
        (lambda d: d["events"][1].update(id=d["events"][0]["id"]), "used twice"),
        (lambda d: d["events"][0].update(seq=10**30), "events[0].seq"),
        (lambda d: d["events"][0].update(seq=1e308), "events[0].seq"),
        (lambda d: d["people"][0].update(name=["a"]), "people[0].name: must be text"),
        (lambda d: d["whys"][1].update(parent_id="nowhere"), "whys[1].parent_id"),
        (lambda d: d["followups"][0].update(why_ids=["nowhere"]), "followups[0].why_ids"),
        (lambda d: d["followups"][0].update(due="next Friday"), "followups[0].due"),
        (lambda d: d["followups"][0].update(acceptance_criteria="all of it"), "must be a list"),
        (lambda d: d["evidence"][0].update(data_base64="!!notbase64!!"), "not valid base64"),
        (
            lambda d: d["evidence"][0].update(
                data_base64=base64.b64encode(b"GIF89a-not-really").decode()
            ),
            "evidence[0].data_base64",
        ),
        (lambda d: d["evidence"][1].update(event_ids=["ghost"]), "evidence[1].event_ids"),
        (lambda d: d.update(events={"a": 1}), "events: must be a list"),
        (lambda d: d.update(review=[]), "review: must be an object"),
        (lambda d: d["review"].update(display_tz="Nowhere/Land"), "review.display_tz"),
        (lambda d: d["events"][0].update(text="a\x00b"), "NUL"),
        (lambda d: d["events"][0].update(text="\ud800"), "surrogate"),
    ],
)
def test_malformed_fields_are_refused_with_the_place_named(mutate, expected):
    assert expected in _bad(mutate)


def test_a_loop_in_the_why_tree_is_refused():
    def loop(d):
        d["whys"][0]["parent_id"] = d["whys"][-1]["id"]

    assert "loop" in _bad(loop)


def test_image_bomb_in_json_is_refused():
    import io

    from PIL import Image

    buf = io.BytesIO()
    Image.new("1", (20000, 20000)).save(buf, "PNG")
    payload = base64.b64encode(buf.getvalue()).decode()
    assert "megapixels" in _bad(lambda d: d["evidence"][0].update(data_base64=payload))


@pytest.mark.parametrize(
    "raw",
    [
        b"",
        b"{",
        b"[]",
        b"null",
        b"\xff\xfe\x00garbage",
        b'{"format": "pm-desktop-review", "version": "1"}',
        b"NaN",
        b'{"a": Infinity}',
        b"[" * 100000,
    ],
)
def test_garbage_json_gives_a_clear_problem(raw):
    with pytest.raises(ImportProblem):
        parse_review_bytes(raw)


def test_imported_filenames_cannot_point_anywhere():
    data = _example_dict()
    data["evidence"].append(
        {
            "id": "f-1",
            "kind": "file",
            "title": "x",
            "filename": "../../../etc/cron.d/evil",
            "mime": "text/plain",
            "data_base64": base64.b64encode(b"hello").decode(),
        }
    )
    imported = review_from_dict(data)
    assert imported.review.evidence["f-1"].filename == "evil"


def test_an_image_is_checked_and_its_true_size_recorded():
    data = _example_dict()
    png = png_bytes(33, 21, 5)
    data["evidence"].append(
        {
            "id": "img-2",
            "kind": "image",
            "mime": "image/jpeg",
            "data_base64": base64.b64encode(png).decode(),
        }
    )
    imported = review_from_dict(copy.deepcopy(data))
    item = imported.review.evidence["img-2"]
    info = imported.review.blobs[item.blob]
    assert (info.width, info.height, item.mime) == (33, 21, "image/png")


def test_export_is_deterministic_and_keeps_the_fixed_names():
    ex = load_example()
    a = review_to_json(ex.review, ex.blobs.__getitem__)
    b = review_to_json(ex.review, ex.blobs.__getitem__)
    assert a == b
    data = json.loads(a)
    assert set(data) >= {
        "format",
        "version",
        "review",
        "people",
        "events",
        "evidence",
        "whys",
        "followups",
    }
    assert set(data["events"][0]) >= {"id", "time", "tz", "text", "kind", "author"}
    assert set(data["evidence"][0]) >= {
        "id",
        "kind",
        "title",
        "url",
        "text",
        "mime",
        "data_base64",
        "event_id",
        "captured_at",
    }
    assert set(data["whys"][0]) >= {"id", "parent_id", "text", "root_cause", "status"}
    assert set(data["followups"][0]) >= {
        "id",
        "title",
        "description",
        "acceptance_criteria",
        "owner",
        "due",
        "status",
        "priority",
        "why_ids",
        "url",
    }


def test_reading_a_file_gives_the_same_review_and_a_callers_dict_is_never_consumed(tmp_path):
    """The file path drops each picture's base64 once decoded; a dict handed in stays whole."""
    from pm_desktop.ingest.json_import import read_review_file

    example = load_example()
    text = review_to_json(example.review, example.blobs.__getitem__)
    path = tmp_path / "review.json"
    path.write_text(text, encoding="utf-8")
    from_file = read_review_file(path)
    assert from_file.review == example.review and from_file.blobs == example.blobs
    data = json.loads(text)
    before = copy.deepcopy(data)
    review_from_dict(data)
    assert data == before
