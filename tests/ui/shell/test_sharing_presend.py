"""File ▸ Export ▸ Customer version…: the pre-send check, redact this, go to, and the export."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel

from pm_desktop.domain.redaction import Place


def _select(dialog, text: str) -> None:
    row = next(i for i, f in enumerate(dialog.findings) if f.text == text)
    dialog.table.selectionModel().select(
        dialog.table.model().index(row, 0),
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
    )


def test_the_check_lists_what_goes_and_redact_this_is_undoable(window, qtbot):
    window.files.open_example()
    window.menus.customer_action.trigger()
    dialog = window.files.presend
    assert dialog is not None and dialog.isVisible()
    kinds = {(f.action, f.text) for f in dialog.findings}
    assert ("removed", "#inc-payments") in kinds
    assert ("suspicious", "Europe") in kinds
    assert dialog.findings[0].action == "suspicious"  # what needs a look comes first
    assert "to look at before sending" in dialog.summary.text()
    _select(dialog, "Europe")
    assert dialog.redact_button.isEnabled()
    dialog.redact_button.click()
    (span,) = window.controller.review.redactions.values()
    assert (span.text, span.target, span.field) == ("Europe", "review", "impact")
    assert ("suspicious", "Europe") not in {(f.action, f.text) for f in dialog.findings}
    assert ("removed", "Europe") in {(f.action, f.text) for f in dialog.findings}
    window.controller.undo_stack.undo()
    assert window.controller.review.redactions == {}
    # edits made elsewhere refresh the list a moment later (typing fires many changes)
    qtbot.waitUntil(
        lambda: ("suspicious", "Europe") in {(f.action, f.text) for f in dialog.findings}
    )
    dialog.close()


def test_go_to_shows_the_item_where_the_text_is(window, qtbot):
    window.files.open_example()
    dialog = window.files.check_customer_version()
    _select(dialog, "#inc-payments")
    with qtbot.wait_signal(dialog.revealRequested) as blocker:
        assert dialog.go_to()
    place = blocker.args[0]
    assert isinstance(place, Place) and place.kind == "events"
    assert window.current_panel() is window.panel("timeline")
    dialog.close()


def test_public_domains_are_one_undoable_edit(window):
    window.files.open_example()
    dialog = window.files.check_customer_version()
    assert dialog.set_public_domains(["Status.Example.com", " ", "status.example.com"])
    assert window.controller.review.meta.public_domains == ("status.example.com",)
    window.controller.undo_stack.undo()
    assert window.controller.review.meta.public_domains == ()
    dialog.close()


def test_export_from_the_check_writes_the_customer_version_named_external(
    window, prompts, qtbot, tmp_path
):
    window.files.open_example()
    asked: list[str] = []
    out = tmp_path / "customer.md"

    def save_file(caption, suggested, file_filter):
        asked.append(suggested)
        return str(out)

    prompts.save_file = save_file
    dialog = window.files.check_customer_version()
    dialog.format.setCurrentIndex(dialog.format.findData("md"))
    with qtbot.wait_signal(window.files.exports.finished, timeout=20000):
        dialog.export_button.click()
    assert asked[0].endswith("-external.md")
    text = out.read_text(encoding="utf-8")
    assert "Amara" not in text and "inc-payments" not in text
    assert "What we are changing" in text
    qtbot.waitUntil(lambda: not window.files.exports.busy)
    dialog.close()


def test_an_internal_export_is_never_named_external(window, prompts, qtbot):
    window.files.open_example()
    asked: list[str] = []
    prompts.save_file = lambda caption, suggested, file_filter: asked.append(suggested)
    window.files.export("md")
    assert asked and not asked[0].endswith("-external.md")


def test_a_word_redacted_everywhere_leaves_the_customer_version(window):
    window.files.open_example()
    dialog = window.files.check_customer_version()
    assert dialog.redact_everywhere("  Europe ")
    (span,) = window.controller.review.redactions.values()
    assert (span.text, span.target, span.target_id, span.field) == ("Europe", "", "", "")
    assert ("removed", "Europe") in {(f.action, f.text) for f in dialog.findings}
    assert not dialog.redact_everywhere("   ")
    dialog.close()
