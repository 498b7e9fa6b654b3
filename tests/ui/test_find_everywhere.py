"""Every panel's Find means the same thing: for one query, each panel shows (or marks) exactly
the items that :class:`pm_desktop.domain.search.Query` matches in the document."""

from __future__ import annotations

import datetime as dt

import pytest

from pm_desktop.domain import ops
from pm_desktop.domain.edits import AddEntity, Batch, Edit, set_field
from pm_desktop.domain.model import FOLLOWUP_STATUSES, Criterion
from pm_desktop.domain.search import Query

PLANTED = "Zoë's résumé: the DNS-cache in 東京 timed out"
QUERIES = [
    "zoe",
    "RESUME",
    "dns-cache 東京",
    '"timed out"',
    '"out timed"',
    "東京",
    "cache zoë",
    "nothing-like-this",
    "",
]


def _added_id(edit: Edit) -> str:
    first = edit.edits[0] if isinstance(edit, Batch) else edit
    assert isinstance(first, AddEntity)
    return first.entity.id


@pytest.fixture
def planted(controller):
    """One item of each kind carrying the same words, next to the example review's items."""
    review = controller.review
    ids = {}
    edit = ops.add_event(review, "2025-03-12T10:00:00Z", PLANTED, author="Mei")
    controller.push(edit)
    ids["events"] = edit.entity.id
    item = ops.new_evidence(review, "text", title="Cache log", text=PLANTED)
    controller.push(AddEntity(item))
    ids["evidence"] = item.id
    why = ops.add_why(review, None, PLANTED)
    controller.push(why)
    ids["whys"] = _added_id(why)
    card = ops.add_followup(review, "Warm the cache", acceptance_criteria=(Criterion(PLANTED),))
    controller.push(card)
    ids["followups"] = card.edits[0].entity.id
    return ids


def _expected(controller, collection: str, text: str) -> set[str]:
    review = controller.review
    query = Query.parse(text)
    items = review.collection(collection).values()
    return {item.id for item in items if query.test(item, review)}


@pytest.fixture
def panels(qtbot, controller):
    from pm_desktop.ui.board import BoardPanel
    from pm_desktop.ui.evidence.panel import EvidencePanel
    from pm_desktop.ui.timeline.panel import TimelinePanel
    from pm_desktop.ui.whys.panel import WhysPanel

    clock = lambda: dt.datetime(2025, 3, 24, 10, 0, tzinfo=dt.UTC)  # noqa: E731
    made = {
        "events": TimelinePanel(controller, clock=clock),
        "evidence": EvidencePanel(controller, threaded_thumbnails=False),
        "whys": WhysPanel(controller),
        "followups": BoardPanel(controller, clock=clock),
    }
    for panel in made.values():
        qtbot.addWidget(panel)
    return made


def _shown(panel, collection: str) -> set[str]:
    if collection == "whys":
        return set(panel.scene.found)
    if collection == "followups":
        return {i for status in FOLLOWUP_STATUSES for i in panel.model.column_ids(status)}
    return set(panel.model.ids())


@pytest.mark.parametrize("text", QUERIES)
def test_each_panel_finds_what_the_query_matches_in_the_document(panels, planted, controller, text):
    query = Query.parse(text)
    for collection, panel in panels.items():
        panel.find(text)
        shown = _shown(panel, collection)
        if not query:  # an empty Find: the lists show everything and no node is marked
            everything = set(controller.review.collection(collection))
            assert shown == (set() if collection == "whys" else everything), collection
            continue
        assert shown == _expected(controller, collection, text), (collection, text)
        assert (planted[collection] in shown) is query.test_texts([PLANTED]), (collection, text)


def test_overview_find_selects_the_match_in_the_review_field(qtbot, controller):
    from pm_desktop.ui.overview.panel import OverviewPanel

    overview = OverviewPanel(controller)
    qtbot.addWidget(overview)
    summary = "Checkout failed because the résumé service's DNS cache expired."
    controller.push(set_field(controller.review, "summary", summary))
    assert overview.find("RESUME")
    cursor = overview.editors["summary"].textCursor()
    assert cursor.selectedText() == "résumé"
    assert not overview.find("nothing-like-this")


def test_the_board_finds_a_card_by_the_cause_it_answers(panels, controller):
    review = controller.review
    why = ops.add_why(review, None, "Nobody owned the résolveur config")
    controller.push(why)
    why_id = _added_id(why)
    card = ops.add_followup(review, "Name an owner", why_ids=(why_id,))
    controller.push(card)
    panels["followups"].find("RESOLVEUR")
    assert _shown(panels["followups"], "followups") == {card.edits[0].entity.id}
