"""The facilitator's data (0002_facilitator) goes the whole way: file, reopen, JSON and back."""

from __future__ import annotations

import dataclasses

import pytest

from pm_desktop.domain import edits
from pm_desktop.domain.model import ParkingItem
from pm_desktop.domain.validate import ValidationError, check_entity
from pm_desktop.export.json_export import review_to_dict
from pm_desktop.ingest.builtin import load_example
from pm_desktop.ingest.json_import import ImportProblem, review_from_dict
from pm_desktop.store.document import Document


@pytest.fixture
def marked():
    """The example with a contributing factor, a turning point, a parked idea and roles."""
    example = load_example()
    review = example.review
    why = next(w for w in review.sorted_whys() if w.parent_id and not w.root_cause)
    event = review.sorted_events()[3]
    review.whys[why.id] = dataclasses.replace(why, contributing=True)
    review.events[event.id] = dataclasses.replace(
        event, turning_point=True, open_question="Why did the alert wait 13 minutes?"
    )
    review.parking["p1"] = ParkingItem("p1", "Cap report queries at 30 s", event.id, "", 1)
    review.meta = dataclasses.replace(
        review.meta,
        facilitator="Amara Okafor",
        note_taker="Mei Lin",
        opening_statement="We look at how it happened, not who.",
        lessons_learned="Query plans matter at peak.",
    )
    return example


def test_the_new_fields_survive_the_file(tmp_path, marked):
    path = tmp_path / "kit.pmreview"
    Document.create(path, marked.review, marked.blobs).close()
    with Document.open(path) as doc:
        assert doc.review == marked.review
        assert [w.id for w in doc.review.contributing_factors()] == [
            w.id for w in marked.review.contributing_factors()
        ]
        assert doc.review.turning_points()[0].open_question.startswith("Why did the alert")


def test_the_new_fields_round_trip_through_json(marked):
    blobs = marked.blobs
    data = review_to_dict(marked.review, blobs.__getitem__)
    assert data["parking_lot"][0]["text"] == "Cap report queries at 30 s"
    assert sum(w["contributing_factor"] for w in data["whys"]) == 1
    assert data["review"]["facilitator"] == "Amara Okafor"
    back = review_from_dict(data)
    assert back.review == marked.review


def test_json_without_the_new_fields_still_imports(marked):
    data = review_to_dict(marked.review, marked.blobs.__getitem__)
    del data["parking_lot"]
    for why in data["whys"]:
        del why["contributing_factor"]
    assert review_from_dict(data).review.contributing_factors() == []


def test_bad_new_fields_are_named(marked):
    data = review_to_dict(marked.review, marked.blobs.__getitem__)
    data["whys"][1]["contributing_factor"] = "yes"
    with pytest.raises(ImportProblem, match=r"whys\[1\]\.contributing_factor"):
        review_from_dict(data)
    with pytest.raises(ValidationError, match="needs some words"):
        check_entity(ParkingItem("p2", "  "))


def test_marking_a_contributing_factor_is_one_undoable_edit(marked):
    review = marked.review.copy()
    why = next(w for w in review.sorted_whys() if not w.contributing and w.parent_id)
    edit = edits.update(why, contributing=True)
    edit.apply(review)
    assert review.whys[why.id].contributing
    edit.inverse().apply(review)
    assert not review.whys[why.id].contributing
