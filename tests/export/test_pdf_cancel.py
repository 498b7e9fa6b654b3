"""Progress is reported all along, and Cancel at any moment leaves no file behind."""

from __future__ import annotations

import pytest

from pm_desktop.export import ExportCancelled, ExportJob, run_export
from pm_desktop.ingest.builtin import load_example


def test_progress_rises_from_zero_to_one_through_every_stage(tmp_path):
    example = load_example()
    calls: list[tuple[float, str]] = []
    job = ExportJob(
        example.review,
        example.blobs.__getitem__,
        tmp_path / "out.pdf",
        progress=lambda f, m: calls.append((f, m)),
    )
    run_export("pdf", job)
    fractions = [f for f, _ in calls]
    assert fractions == sorted(fractions)
    assert fractions[0] == 0.0 and fractions[-1] == 1.0
    messages = " | ".join(m for _, m in calls)
    for stage in ("Preparing the timeline", "Preparing screenshots", "Drawing why-tree 1",
                  "Laying out pages", "Writing the file"):  # fmt: skip
        assert stage in messages


@pytest.mark.parametrize(
    "when", ["Preparing the document", "Drawing why-tree", "Laying out pages", "Writing the file"]
)
def test_cancel_leaves_no_file_and_keeps_an_older_one(tmp_path, when):
    example = load_example()
    target = tmp_path / "review.pdf"
    target.write_bytes(b"the export from yesterday")

    def progress(fraction: float, message: str) -> None:
        if when in message:
            raise ExportCancelled()

    job = ExportJob(example.review, example.blobs.__getitem__, target, progress=progress)
    with pytest.raises(ExportCancelled):
        run_export("pdf", job)
    assert [p.name for p in tmp_path.iterdir()] == ["review.pdf"]
    assert target.read_bytes() == b"the export from yesterday"


def test_progress_never_goes_backwards_even_when_flowables_split(monkeypatch, tmp_path):
    """reportlab counts what is left of the story, and a timeline table split across pages puts
    its rest back into it: its own count steps back. What the user sees must not."""
    import itertools
    from dataclasses import replace

    from pm_desktop.domain.model import TimelineEvent
    from pm_desktop.export.pdf import doc as pdf_doc

    clock = itertools.count()  # every report is due: none is skipped by the 50 ms throttle
    monkeypatch.setattr(pdf_doc.time, "monotonic", lambda: float(next(clock)))
    example = load_example()
    events = dict(example.review.events)
    for i in range(3000):
        event = TimelineEvent(
            id=f"bulk-{i}",
            time=f"2025-03-{10 + i // 1440:02d}T{(i // 60) % 24:02d}:{i % 60:02d}:00Z",
            text=f"step {i}: service-{i % 17} deploy observed",
            seq=10_000 + i,
        )
        events[event.id] = event
    review = replace(example.review, events=events)
    seen: list[float] = []
    job = ExportJob(
        review, example.blobs.__getitem__, tmp_path / "long.pdf",
        progress=lambda f, _m: seen.append(f),
    )  # fmt: skip
    run_export("pdf", job)
    assert seen[0] == 0.0 and seen[-1] == 1.0
    assert all(b >= a for a, b in itertools.pairwise(seen)), "progress stepped backwards"
    assert len(set(seen)) > 50
