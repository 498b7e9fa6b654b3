"""The reviews the benchmark works on: the built-in example and the generated large review.

The large review is generated once by ``make_large.py`` and kept in ``bench/.cache`` under a name
derived from the generator's source, the file format's source and the requested sizes — edit any
of them and the next run regenerates it. Measurements that write work on a scratch copy, so the
cached file is never changed (opening a review stores thumbnails in it, for instance).
"""

from __future__ import annotations

import contextlib
import hashlib
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from common import BENCH, CACHE, REPO, child_env

KEY_SOURCES = (
    BENCH / "make_large.py",
    REPO / "pm_desktop" / "store" / "schema.py",
    REPO / "pm_desktop" / "store" / "rows.py",
)


@dataclass(frozen=True)
class Sizes:
    events: int = 20_000
    screenshots: int = 200
    evidence: int = 2_000
    trees: int = 10  # of 100 why nodes each
    followups: int = 1_000
    layout_nodes: tuple[int, ...] = (1_000, 10_000)
    paste_lines: int = 10_000
    edits: int = 1_000
    timeline_add: int = 60_000

    @classmethod
    def quick(cls) -> Sizes:
        return cls(
            events=400, screenshots=3, evidence=60, trees=2, followups=60,
            layout_nodes=(100, 1_000), paste_lines=500, edits=60, timeline_add=2_000,
        )  # fmt: skip

    @property
    def tag(self) -> str:
        return (
            f"{self.events}e-{self.screenshots}s-{self.evidence}v-{self.trees}t-{self.followups}f"
        )


def large_review(sizes: Sizes) -> tuple[Path, float, bool]:
    """The cached large review: (path, seconds spent generating it, whether it was generated)."""
    digest = hashlib.sha256()
    for source in KEY_SOURCES:
        digest.update(source.read_bytes())
    path = CACHE / f"large-{sizes.tag}-{digest.hexdigest()[:12]}.pmreview"
    if path.exists():
        return path, 0.0, False
    CACHE.mkdir(parents=True, exist_ok=True)
    for old in CACHE.glob(f"large-{sizes.tag}-*.pmreview"):
        old.unlink()
    part = path.with_suffix(".part")
    with contextlib.suppress(FileNotFoundError):
        part.unlink()
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, str(BENCH / "make_large.py"), str(part),
         "--events", str(sizes.events), "--screenshots", str(sizes.screenshots),
         "--evidence", str(sizes.evidence), "--trees", str(sizes.trees),
         "--followups", str(sizes.followups)],
        cwd=REPO, env=child_env(), check=True, capture_output=True, text=True,
    )  # fmt: skip
    part.rename(path)
    return path, time.perf_counter() - started, True


def example_review() -> Path:
    """The built-in example as a file (rewritten when the example or the file format changes)."""
    from pm_desktop.ingest.builtin import load_example
    from pm_desktop.store.document import Document

    folder = REPO / "resources" / "example"
    sources = [*sorted(folder.iterdir()), *KEY_SOURCES[1:]]
    digest = hashlib.sha256(b"".join(f.read_bytes() for f in sources)).hexdigest()
    path = CACHE / f"example-{digest[:12]}.pmreview"
    if path.exists():
        return path
    example = load_example()
    CACHE.mkdir(parents=True, exist_ok=True)
    Document.create(path, example.review, example.blobs, overwrite=True).close()
    return path


@contextlib.contextmanager
def scratch_copy(path: Path) -> Iterator[Path]:
    """A private copy of ``path`` in a temporary folder, removed afterwards."""
    with tempfile.TemporaryDirectory(prefix="pm-bench-") as tmp:
        copy = Path(tmp) / path.name
        shutil.copyfile(path, copy)
        yield copy
