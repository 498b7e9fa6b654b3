"""Subtle markers: a flag on timeline rows and a badge on why nodes the coach has notes on —
and none on clean items, none in presentation mode."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QIcon

from pm_desktop.domain.coach import Finding
from pm_desktop.domain.edits import update
from pm_desktop.ui.coach import look
from pm_desktop.ui.coach.index import coach_index
from pm_desktop.ui.timeline.model import COLUMNS, Roles


@pytest.fixture
def timeline(qtbot, poor_controller):
    from pm_desktop.ui.timeline import TimelinePanel

    panel = TimelinePanel(poor_controller)
    qtbot.addWidget(panel)
    coach_index(poor_controller).flush()
    return panel


@pytest.fixture
def whys(qtbot, poor_controller, tmp_path):
    from PySide6.QtCore import QSettings

    from pm_desktop.ui.whys import WhysPanel

    settings = QSettings(str(tmp_path / "w.ini"), QSettings.Format.IniFormat)
    panel = WhysPanel(poor_controller, settings=settings)
    qtbot.addWidget(panel)
    panel.resize(1200, 800)
    coach_index(poor_controller).flush()
    return panel


def _text_cell(model, event_id):
    return model.index(model.row_of(event_id), COLUMNS.index("text"))


def test_timeline_rows_with_notes_get_a_flag_and_clean_rows_none(timeline, poor_controller):
    model = timeline.model
    flagged = [e for e in poor_controller.review.events.values() if "ignored" in e.text]
    assert len(flagged) == 1 and len(poor_controller.review.events) == 3
    for event in poor_controller.review.events.values():
        cell = _text_cell(model, event.id)
        notes = cell.data(Roles.CoachNotes)
        icon = cell.data(Qt.ItemDataRole.DecorationRole)
        if event is flagged[0]:
            assert [n.rule for n in notes] == ["blame"]
            assert isinstance(icon, QIcon) and not icon.isNull()
            assert "Naming a person" in cell.data(Qt.ItemDataRole.ToolTipRole)
        else:
            assert notes == () and icon is None
            assert cell.data(Qt.ItemDataRole.ToolTipRole) is None


def test_rewording_an_event_removes_its_flag(qtbot, timeline, poor_controller):
    model = timeline.model
    event = next(e for e in poor_controller.review.events.values() if "ignored" in e.text)
    with qtbot.waitSignal(model.dataChanged):
        poor_controller.push(update(event, text="The failing health check paged nobody."))
        coach_index(poor_controller).flush()
    assert _text_cell(model, event.id).data(Qt.ItemDataRole.DecorationRole) is None


def test_why_nodes_with_notes_get_a_badge_and_clean_ones_none(whys, poor_controller):
    review = poor_controller.review
    index = coach_index(poor_controller)
    noted = set(index.notes("why"))
    assert noted == {
        f.where_id
        for f in index.findings()
        if f.where_kind == "why" and f.text and f.rule != "review_incomplete"
    }
    assert len(noted) == 2
    for node_id in review.whys:
        item = whys.scene.node_item(node_id)
        badge = item.badge
        if node_id in noted:
            assert badge is not None and badge.isVisible()
            assert "Review coach" in badge.toolTip()
        else:
            assert badge is None or not badge.isVisible()


def test_why_badge_goes_when_the_wording_is_fixed(whys, poor_controller):
    node = next(w for w in poor_controller.review.whys.values() if "Human error" in w.text)
    poor_controller.push(update(node, text="Rotating the key by hand had no second check."))
    coach_index(poor_controller).flush()
    assert not whys.scene.node_item(node.id).badge.isVisible()


def test_presentation_tree_and_quiet_index_show_no_badges(whys, poor_controller):
    whys.set_presentation(True, 1.6)
    scene = whys.presentation_widget().scene
    items = [scene.node_item(i) for i in scene.node_ids()]
    assert items and all(item.badge is None for item in items)
    whys.set_presentation(False)
    coach_index(poor_controller).set_quiet(True)
    assert all(
        whys.scene.node_item(i).badge is None or not whys.scene.node_item(i).badge.isVisible()
        for i in whys.scene.node_ids()
    )


def test_board_cards_drop_the_coach_wording_when_presented(qtbot, poor_controller):
    from pm_desktop.ui.board.card import WORDING, CardFonts, build_layout
    from pm_desktop.ui.board.model import BoardModel

    model = BoardModel(poor_controller)
    card = next(c for c in poor_controller.review.followups.values() if c.title.startswith("Be"))
    view = model.card_view(card)
    assert view.wording
    fonts = CardFonts(QFont())
    normal = build_layout(view, 300, fonts)
    presented = build_layout(view, 300, CardFonts(QFont(), 1.6), roomy=True)
    assert any(r.text.startswith(WORDING) for r in normal.runs)
    assert not any(WORDING in r.text for r in presented.runs)


def test_marker_tooltip_escapes_what_users_wrote():
    finding = Finding(
        rule="blame", severity="warning", where_kind="event", where_id="e", field="text",
        text="<img src=/etc/passwd> x<y", message="m & n", suggestion="s", key="k",
    )  # fmt: skip
    tip = look.marker_tooltip([finding])
    assert "<img" not in tip and "&lt;img src=/etc/passwd&gt; x&lt;y" in tip and "m &amp; n" in tip
    assert look.strongest([finding]) == "warning"
