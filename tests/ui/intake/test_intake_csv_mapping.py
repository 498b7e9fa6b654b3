"""The CSV column step: guessed from the header, remembered per set of columns."""

from __future__ import annotations

from intake_fixture_files import FIXTURES
from PySide6.QtCore import QSettings

from pm_desktop.ingest.intake.csv_source import parse_table, read_table
from pm_desktop.ui.intake.csv_mapping import CsvMappingDialog, remembered_mapping


def test_mapping_is_guessed_then_remembered_for_the_same_columns(qtbot, tmp_path):
    store = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    table = read_table(FIXTURES / "monitoring-export.csv")
    step = CsvMappingDialog(table, "monitoring-export.csv", store, "UTC")
    qtbot.addWidget(step)
    assert step.mapping() == {"timestamp": "time", "message": "text", "type": "kind"}
    step.combos["author"].setCurrentIndex(step.combos["author"].findData("host"))
    step.accept()
    assert remembered_mapping(store, table.header) == {
        "timestamp": "time",
        "message": "text",
        "host": "author",
        "type": "kind",
    }
    # the same columns in another order: the choice comes back
    shuffled = parse_table(
        "type,message,host,timestamp\nalert,x,web-1,2026-01-01T00:00:00Z\n", "b.csv"
    )
    again = CsvMappingDialog(shuffled, "b.csv", store, "UTC")
    qtbot.addWidget(again)
    assert again.mapping()["host"] == "author"


def test_preview_needs_a_time_and_a_text_column_and_a_known_zone(qtbot, tmp_path):
    store = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    table = parse_table("a,b\n1,2\n", "odd.csv")
    step = CsvMappingDialog(table, "odd.csv", store, "UTC")
    qtbot.addWidget(step)
    assert not step.ok_button.isEnabled()
    assert "Choose the time column." in step.problem.text()
    step.combos["time"].setCurrentIndex(step.combos["time"].findData("a"))
    step.combos["text"].setCurrentIndex(step.combos["text"].findData("a"))
    assert "only one field" in step.problem.text()
    step.combos["text"].setCurrentIndex(step.combos["text"].findData("b"))
    assert step.ok_button.isEnabled()
    step.zone_field.setEditText("Nowhere/Special")
    assert not step.ok_button.isEnabled()
