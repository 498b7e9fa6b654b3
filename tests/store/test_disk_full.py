"""A full disk: every write that fails says which file and why in one line, loses nothing that
was saved before, and leaves no lock, part file, journal or open descriptor behind (issue #16.4).

The disk is a 2 MB tmpfs mounted for the test; where mounting is not allowed the tests skip."""

from __future__ import annotations

import contextlib
import os
import subprocess
from pathlib import Path

import pytest

from pm_desktop.cli.main import main as cli_main
from pm_desktop.domain import ops
from pm_desktop.export.json_export import review_to_json
from pm_desktop.ingest.builtin import load_example
from pm_desktop.store.document import Document, StoreError

LEFTOVER_ENDINGS = ("-journal", "#", ".pm-part", ".tmp", ".part")


@pytest.fixture
def small_disk(tmp_path) -> Path:
    disk = tmp_path / "disk"
    disk.mkdir()
    try:
        done = subprocess.run(
            ["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(disk)],
            capture_output=True, text=True, timeout=30,
        )  # fmt: skip
    except (OSError, subprocess.TimeoutExpired) as exc:
        pytest.skip(f"cannot mount a small tmpfs here ({exc})")
    if done.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs here ({done.stderr.strip() or 'not allowed'})")
    try:
        yield disk
    finally:
        subprocess.run(["umount", "-l", str(disk)], capture_output=True, timeout=30)


def fill(disk: Path, leave: int = 0) -> Path:
    """Fill the disk, then free ``leave`` bytes again."""
    filler = disk / "filler.bin"
    with open(filler, "wb") as fh:
        with contextlib.suppress(OSError):
            while True:
                fh.write(b"\xa5" * 16384)
                fh.flush()
    if leave:
        os.truncate(filler, max(0, filler.stat().st_size - leave))
    return filler


def open_descriptors() -> set[str]:
    return {os.readlink(f"/proc/self/fd/{fd}") for fd in os.listdir("/proc/self/fd")
            if os.path.exists(f"/proc/self/fd/{fd}")}  # fmt: skip


def leftovers(disk: Path) -> list[str]:
    return sorted(p.name for p in disk.iterdir() if p.name.endswith(LEFTOVER_ENDINGS))


def nothing_of_ours_open(disk: Path) -> bool:
    return not any(path.startswith(str(disk)) for path in open_descriptors())


@pytest.fixture
def example():
    return load_example()


def test_an_edit_on_a_full_disk_is_refused_and_nothing_saved_is_lost(small_disk, example):
    path = small_disk / "r.pmreview"
    doc = Document.create(path, example.review, example.blobs)
    fill(small_disk)
    with pytest.raises(StoreError) as info:
        for n in range(200):  # the first page that needs a new block fails
            doc.apply(ops.add_event(doc.review, None, f"note {n} " + "x" * 4000))
    message = str(info.value)
    assert message.startswith(f"{path}:") and "\n" not in message and "full" in message
    kept = doc.review.copy()
    doc.close()
    with Document.open(path, read_only=True) as again:
        assert again.review == kept
    assert leftovers(small_disk) == []
    assert nothing_of_ours_open(small_disk)


def test_a_pasted_screenshot_on_a_full_disk_says_so(small_disk, example):
    path = small_disk / "r.pmreview"
    doc = Document.create(path, example.review, example.blobs)
    fill(small_disk)
    with pytest.raises(StoreError) as info:
        doc.put_blob(os.urandom(300_000), "image/png", width=300, height=250)
    assert str(info.value).startswith(f"{path}:") and "full" in str(info.value)
    assert doc.review == example.review
    doc.close()
    with Document.open(path, read_only=True) as again:
        assert again.review == example.review
    assert leftovers(small_disk) == []
    assert nothing_of_ours_open(small_disk)


@pytest.mark.parametrize("command", ["import", "demo", "export pdf", "export md", "export json"])
def test_a_command_writing_to_a_full_disk_names_the_file_and_leaves_nothing(
    small_disk, tmp_path, example, command, capsys
):
    review = tmp_path / "source.pmreview"
    Document.create(review, example.review, example.blobs).close()
    source = tmp_path / "in.json"
    source.write_text(review_to_json(example.review, example.blobs.__getitem__), encoding="utf-8")
    word, _, fmt = command.partition(" ")
    out = small_disk / {"import": "new.pmreview", "demo": "demo.pmreview"}.get(
        word, f"report.{fmt}"
    )
    argv = {
        "import": ["import", str(source), "-o", str(out)],
        "demo": ["demo", str(out)],
        "export": ["export", str(review), "-o", str(out)],
    }[word]
    filler = fill(small_disk, leave=8192)
    assert cli_main(argv) == 1
    err = capsys.readouterr().err
    last = err.rstrip("\n").split("\n")[-1]  # after the progress line a slow export shows
    assert "Traceback" not in err and last.startswith("pm-desktop: ")
    assert f"{out}:" in last and ("space" in last or "full" in last), err
    assert sorted(p.name for p in small_disk.iterdir()) == ["filler.bin"]
    assert nothing_of_ours_open(small_disk)
    filler.unlink()  # room again: the same command now works, nothing in the way
    assert cli_main(argv) == 0, capsys.readouterr().err
    assert out.exists()


def test_save_as_to_a_full_disk_keeps_the_review_and_can_be_retried(small_disk, tmp_path, example):
    doc = Document.create(tmp_path / "r.pmreview", example.review, example.blobs)
    target = small_disk / "kept.pmreview"
    filler = fill(small_disk, leave=8192)
    with pytest.raises(StoreError) as info:
        doc.save_as(target)
    assert str(info.value).startswith(f"{target}:") and "\n" not in str(info.value)
    assert doc.path == tmp_path / "r.pmreview"
    doc.apply(ops.add_event(doc.review, None, "still editing the original"))
    assert sorted(p.name for p in small_disk.iterdir()) == ["filler.bin"]
    assert nothing_of_ours_open(small_disk)
    filler.unlink()
    doc.save_as(target)  # not "already open in another window"
    assert doc.path == target
    kept = doc.review.copy()
    doc.close()
    with Document.open(target, read_only=True) as again:
        assert again.review == kept
