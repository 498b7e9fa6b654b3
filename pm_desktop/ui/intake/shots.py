"""The import preview as ``pm-desktop screenshot`` shows it: a small Slack conversation about
the example incident, with one message the example review already holds (so the picture shows
a duplicate, unticked), a thread reply and a shared file."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from pm_desktop.ingest.intake.entries import IntakeEntry, IntakeLink, IntakePerson, IntakeResult

INC = "slack:#inc-payments"
DB = "slack:#team-db"
SAMPLE = IntakeResult(
    entries=(
        IntakeEntry("2025-03-12T09:14:00Z", "[ALERT] checkout-api p95 above 5 s", "UTC",
                    "Watchtower (bot)", "observation", "slack:#ops-alerts", key="a"),
        IntakeEntry("2025-03-12T09:15:00Z",
                    "Alert fires: checkout-api p95 response time above the 5 s threshold.",
                    "Asia/Singapore", "Mei Lin", "note", INC, key="b"),
        IntakeEntry("2025-03-12T09:19:00Z", "Taking this one. Looking at the payment queue first.",
                    "Asia/Singapore", "Mei Lin", "note", INC, key="c"),
        IntakeEntry("2025-03-12T09:22:00Z", "(in thread) Queue depth is 4x normal, workers healthy",
                    "Europe/Berlin", "Jonas Berg", "note", INC, key="d", reply_to="c"),
        IntakeEntry("2025-03-12T09:27:00Z", "orders-db slow query log attached",
                    "Europe/Berlin", "Jonas Berg", "note", DB,
                    links=(IntakeLink("https://files.example.com/slow-queries.txt",
                                      "slow-queries.txt"),), key="e"),
        IntakeEntry("2025-03-12T09:33:00Z", "Support queue: failed payments up sharply",
                    "Europe/Madrid", "Priya Natarajan", "note", INC, key="f"),
        IntakeEntry("2025-03-12T09:47:00Z", "Resize of orders-db started, ETA 10 min",
                    "Asia/Singapore", "Mei Lin", "note", DB, key="g"),
    ),
    people=(
        IntakePerson("Mei Lin", ("@mei",)),
        IntakePerson("Jonas Berg", ("@jberg",)),
        IntakePerson("Priya Natarajan", ("@priya",)),
    ),
    skipped={"joins and channel changes": 4, "repeated bot messages": 2},
    label="Slack export, 3 of 5 channels",
)  # fmt: skip


def intake_screens(
    window,  # noqa: ANN001 - MainWindow
    save: Callable[[QWidget, str], None],
    theme: str,
    size: tuple[int, int],
) -> None:
    """Save ``<theme>-import-preview.png`` at the window's size: the preview over the open
    review (nothing is added)."""
    dialog = window.imports.preview(SAMPLE, "Slack export acme-2025-03-12.zip")
    dialog.resize(*size)
    save(dialog, f"{theme}-import-preview")
    dialog.reject()
