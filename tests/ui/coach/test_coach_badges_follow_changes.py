"""After every edit the coach updates; the why tree touches only the badges of nodes whose
notes changed, and every badge still says what the coach says."""

from __future__ import annotations

from pm_desktop.domain.edits import set_field, update
from pm_desktop.ui.coach.index import coach_index


def _whys_panel(qtbot, controller, tmp_path):
    from PySide6.QtCore import QSettings

    from pm_desktop.ui.whys import WhysPanel

    settings = QSettings(str(tmp_path / "w.ini"), QSettings.Format.IniFormat)
    panel = WhysPanel(controller, settings=settings)
    qtbot.addWidget(panel)
    panel.resize(1200, 800)
    coach_index(controller).flush()
    return panel


def test_only_nodes_whose_notes_change_are_touched(qtbot, poor_controller, tmp_path, monkeypatch):
    from pm_desktop.ui.whys.items import WhyNodeItem

    panel = _whys_panel(qtbot, poor_controller, tmp_path)
    touched: list[str] = []
    real = WhyNodeItem.set_coach
    monkeypatch.setattr(
        WhyNodeItem, "set_coach", lambda item, *a: touched.append(item.node_id) or real(item, *a)
    )
    poor_controller.push(set_field(poor_controller.review, "summary", "Dana broke the login."))
    coach_index(poor_controller).flush()
    assert touched == []  # the coach updated; no node's notes changed
    clean = next(
        w for w in poor_controller.review.whys.values() if w.id not in panel.scene.coach_notes
    )
    poor_controller.push(update(clean, text="Dana was careless with the key"))
    coach_index(poor_controller).flush()
    assert clean.id in touched
    for node_id in poor_controller.review.whys:
        item = panel.scene.node_item(node_id)
        has_notes = node_id in coach_index(poor_controller).notes("why")
        assert (item.badge is not None and item.badge.isVisible()) == has_notes
