"""The import preview: ticks, duplicates unticked, a scope, and ONE undo step for the import."""

from __future__ import annotations

import pytest
from intake_fixture_files import FIXTURES, slack_zip
from PySide6.QtCore import Qt

from pm_desktop.domain.model import Review
from pm_desktop.ingest.intake.slack import read_slack_export
from pm_desktop.store.document import Document
from pm_desktop.ui.controller import DocumentController
from pm_desktop.ui.intake import ImportActions, IntakePreviewDialog
from pm_desktop.ui.intake.preview_model import COLUMNS
from pm_desktop.ui.settings import Settings


@pytest.fixture
def empty_controller(qtbot, tmp_path):
    doc = Document.create(tmp_path / "r.pmreview", Review())
    ctl = DocumentController(doc)
    yield ctl
    ctl.set_document(None)
    doc.close()


def _tick(dialog: IntakePreviewDialog, row: int, on: bool) -> None:
    index = dialog.model.index(row, COLUMNS.index("include"))
    state = Qt.CheckState.Checked if on else Qt.CheckState.Unchecked
    assert dialog.model.setData(index, state.value, Qt.ItemDataRole.CheckStateRole)


def test_preview_adds_ticked_entries_as_one_undo_step(qtbot, empty_controller, tmp_path):
    ctl = empty_controller
    result = read_slack_export(slack_zip(tmp_path))
    dialog = IntakePreviewDialog(ctl, result, "Slack export")
    qtbot.addWidget(dialog)
    assert dialog.model.rowCount() == 13
    assert dialog.add_button.text() == "Add 13 events"
    _tick(dialog, 0, False)
    assert dialog.add_button.text() == "Add 12 events"
    dialog.accept()
    review = ctl.review
    assert len(review.events) == 12 and len(review.people) == 3 and len(review.evidence) == 3
    assert "Migration 0142 added an index on orders without CONCURRENTLY" not in {
        e.text for e in review.events.values()
    }
    assert dialog.summary == "added 12 events, 3 people, 3 links; 0 duplicates skipped"
    assert ctl.undo_stack.count() == 1
    ctl.undo_stack.undo()
    assert not review.events and not review.people and not review.evidence
    ctl.undo_stack.redo()
    assert len(review.events) == 12


def test_entries_the_review_holds_are_marked_and_unticked(qtbot, empty_controller, tmp_path):
    ctl = empty_controller
    result = read_slack_export(slack_zip(tmp_path))
    first = IntakePreviewDialog(ctl, result, "Slack export")
    qtbot.addWidget(first)
    first.accept()
    again = IntakePreviewDialog(ctl, result, "Slack export")
    qtbot.addWidget(again)
    model = again.model
    assert model.counts() == (13, 0, 13)
    note = model.index(0, COLUMNS.index("note")).data()
    assert note.startswith("already in the review")
    assert model.index(0, COLUMNS.index("include")).data(Qt.ItemDataRole.CheckStateRole) == (
        Qt.CheckState.Unchecked
    )
    assert not again.add_button.isEnabled()
    _tick(again, 0, True)  # the user may still add one on purpose
    again.accept()
    assert len(ctl.review.events) == 14


def test_channels_and_time_range_narrow_what_is_added(qtbot, empty_controller, tmp_path):
    ctl = empty_controller
    dialog = IntakePreviewDialog(ctl, read_slack_export(slack_zip(tmp_path)), "Slack export")
    qtbot.addWidget(dialog)
    assert set(dialog.source_boxes) == {"slack:#eng-db", "slack:#inc-checkout", "slack:#ops-alerts"}
    dialog.source_boxes["slack:#ops-alerts"].setChecked(False)
    dialog.source_boxes["slack:#eng-db"].setChecked(False)
    assert dialog.model.rowCount() == 7
    dialog.since_field.setText("2026-11-30 23:00")
    dialog.until_field.setText("2026-12-01")
    dialog.apply_scope()
    texts = [dialog.model.planned(r).entry.text[:20] for r in range(dialog.model.rowCount())]
    assert texts == ["Rolled back migratio", "Latency back to norm", "@here resolved; revi"]
    dialog.until_field.setText("not a time")
    dialog.apply_scope()
    assert dialog.problem.text().startswith("To: ")
    dialog.until_field.setText("")
    dialog.apply_scope()
    dialog.accept()
    assert {e.source for e in ctl.review.events.values()} == {"slack:#inc-checkout"}
    assert len(ctl.review.events) == 3


def test_preview_model_passes_the_model_tester(qtbot, qtmodeltester, empty_controller, tmp_path):
    dialog = IntakePreviewDialog(
        empty_controller, read_slack_export(slack_zip(tmp_path)), "Slack export"
    )
    qtbot.addWidget(dialog)
    qtmodeltester.check(dialog.model)


def test_import_actions_read_map_and_report_bad_files(qtbot, empty_controller, tmp_path):
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QWidget

    window = QWidget()
    qtbot.addWidget(window)
    store = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    actions = ImportActions(empty_controller, Settings(store), window)
    errors: list[str] = []
    actions.error = errors.append
    mapped: list[dict] = []

    def answer(step) -> bool:
        mapped.append(step.mapping())
        return True

    actions.map_csv = answer
    dialog = actions.start("csv", str(FIXTURES / "responder-notes.csv"))
    assert dialog is not None and dialog.model.rowCount() == 5
    assert mapped == [
        {
            "Date": "date",
            "Time": "time",
            "Zone": "zone",
            "Who": "author",
            "What": "text",
            "Kind": "kind",
        }
    ]
    dialog.reject()
    bad = tmp_path / "bad.zip"
    bad.write_bytes(b"PK\x03\x04 nope")
    before = empty_controller.undo_stack.count()
    assert actions.start("slack", str(bad)) is None
    assert errors and "is not a ZIP archive" in errors[0] and "Nothing was changed" in errors[0]
    assert empty_controller.undo_stack.count() == before and not empty_controller.review.events
    dialog = actions.start("pagerduty", str(FIXTURES / "pagerduty-log.json"))
    assert dialog.model.counts() == (40, 26, 14)


def test_a_kind_chosen_in_the_preview_is_the_kind_added(qtbot, empty_controller, tmp_path):
    ctl = empty_controller
    dialog = IntakePreviewDialog(ctl, read_slack_export(slack_zip(tmp_path)), "Slack export")
    qtbot.addWidget(dialog)
    model = dialog.model
    rollback = next(
        r for r in range(model.rowCount()) if model.planned(r).entry.text.startswith("Rolled back")
    )
    index = model.index(rollback, COLUMNS.index("kind"))
    assert index.flags() & Qt.ItemFlag.ItemIsEditable
    assert model.setData(index, "mitigated", Qt.ItemDataRole.EditRole)
    assert not model.setData(index, "not-a-kind", Qt.ItemDataRole.EditRole)
    assert index.data() == "Mitigated" and index.data(Qt.ItemDataRole.EditRole) == "mitigated"
    dialog.accept()
    kinds = {e.text[:11]: e.kind for e in ctl.review.events.values()}
    assert kinds["Rolled back"] == "mitigated" and kinds["Latency bac"] == "note"


def test_a_slow_read_shows_progress_and_can_be_cancelled(
    qtbot, empty_controller, tmp_path, monkeypatch
):
    import threading

    from PySide6.QtCore import QSettings, QTimer
    from PySide6.QtWidgets import QWidget

    from pm_desktop.ui.intake import actions as actions_mod

    window = QWidget()
    qtbot.addWidget(window)
    store = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    actions = ImportActions(empty_controller, Settings(store), window)
    release = threading.Event()
    real = actions_mod.read_source

    def slow(path, options):
        release.wait(5)
        return real(path, options)

    monkeypatch.setattr(actions_mod, "read_source", slow)
    seen: list[bool] = []
    QTimer.singleShot(600, lambda: (seen.append(actions.progress is not None), release.set()))
    dialog = actions.start("pagerduty", str(FIXTURES / "pagerduty-log.json"))
    assert seen == [True] and dialog is not None and dialog.model.rowCount() == 40
    dialog.reject()

    release.clear()
    messages: list[str] = []
    actions.message.connect(messages.append)
    QTimer.singleShot(600, lambda: actions.progress.cancel())
    assert actions.start("pagerduty", str(FIXTURES / "pagerduty-log.json")) is None
    release.set()
    assert messages == ["Import cancelled; nothing was changed."]
    assert not empty_controller.review.events and empty_controller.undo_stack.count() == 0
