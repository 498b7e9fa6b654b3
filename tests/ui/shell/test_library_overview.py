"""The overview names the earlier reviews in the library that look like this one, and follows
the review's "Services affected" as it is edited."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "library"))

from library_gen import review_for, write_file  # noqa: E402


def test_earlier_related_reviews_are_named_and_follow_the_services_affected(
    window, qtbot, tmp_path
):
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
    services = overview.unfolding.services_field
    assert services.text() == review_for(21).meta.affected_services
    earlier = {Path(r.other.key).name for r in section.relations}
    # 0, 7 and 14 share the ledger-db service and the pool root cause; 3 is later-unrelated.
    assert {"incident-0000.pmreview", "incident-0007.pmreview", "incident-0014.pmreview"} <= earlier
    assert "incident-0021.pmreview" not in earlier
    assert "earlier review" in section.related.text()
    assert section.isVisibleTo(overview) and section.caption.text() == "Seen before"

    def reasons() -> str:
        return " ".join(" ".join(r.reasons) for r in section.relations)

    assert "ledger-db" in reasons()
    # One field holds the services: the report prints it, the library relates by its parts.
    services.selectAll()
    qtbot.keyClicks(services, "payments api")
    assert window.controller.review.meta.affected_services == "payments api"
    qtbot.waitUntil(lambda: "ledger-db" not in reasons(), timeout=5000)
    window.controller.undo_stack.undo()
    assert window.controller.review.meta.affected_services == review_for(21).meta.affected_services


def test_without_a_library_the_overview_shows_no_seen_before_caption(window, review_file):
    """No library index yet: nothing to say, so neither the line nor its caption is shown."""
    from pm_desktop.ui.library.opener import index_path

    assert not index_path().exists()
    assert window.open_path(review_file)
    overview = window.panel("overview")
    overview.recurrence.refresh_related()
    assert overview.recurrence.relations == []
    assert not overview.recurrence.isVisibleTo(overview)
