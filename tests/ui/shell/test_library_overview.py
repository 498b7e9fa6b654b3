"""The overview names the services of the incident and the earlier reviews in the library that
look like it."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "library"))

from library_gen import review_for, write_file  # noqa: E402


def test_services_are_a_review_field_and_earlier_related_reviews_are_named(window, qtbot, tmp_path):
    from pm_desktop.library.library import Library
    from pm_desktop.ui.library.opener import index_path

    folder = tmp_path / "team"
    folder.mkdir()
    for i in (0, 7, 14, 21, 3):
        write_file(folder / f"incident-{i:04d}.pmreview", review_for(i))
    with Library(index_path()) as library:
        library.add_folders([folder])
        library.scan()
    target = folder / "incident-0021.pmreview"
    assert window.open_path(target)
    overview = window.panel("overview")
    section = overview.recurrence
    assert section.services.text() == ", ".join(review_for(21).meta.services)
    earlier = {Path(r.other.key).name for r in section.relations}
    # 0, 7 and 14 share the ledger-db service and the pool root cause; 3 is later-unrelated.
    assert {"incident-0000.pmreview", "incident-0007.pmreview", "incident-0014.pmreview"} <= earlier
    assert "incident-0021.pmreview" not in earlier
    assert "earlier review" in section.related.text()

    section.services.setText("ledger-db, payments api ; ledger-db")
    section.services.editingFinished.emit()
    assert window.controller.review.meta.services == ("ledger-db", "payments api")
    window.controller.undo_stack.undo()
    assert window.controller.review.meta.services == review_for(21).meta.services
    assert section.services.text() == ", ".join(review_for(21).meta.services)
