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
                  "Laying out pages (pass 1)", "Laying out pages (pass 2)", "Writing the file"):  # fmt: skip
        assert stage in messages


@pytest.mark.parametrize(
    "when", ["Preparing the document", "Drawing why-tree", "pass 1", "pass 2", "Writing the file"]
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
