"""Child process: one PDF export, with its time, page count and peak memory.

    pdf_child.py FILE OUT full     the exporter as the app runs it (contents, "Page X of Y")
    pdf_child.py FILE OUT single   baseline: the same story in one plain ``doc.build``,
                                   without the contents

Peak memory is this process's peak resident set (``ru_maxrss``), which includes the loaded
review; ``rss_before_mb`` is the resident set just before the export starts.
"""

from __future__ import annotations

import re
import resource
import sys
import time
from pathlib import Path

from common import emit


def rss_now_mb() -> float:
    with open("/proc/self/statm") as fh:
        pages = int(fh.read().split()[1])
    return pages * resource.getpagesize() / 1e6


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def count_pages(pdf: Path) -> int:
    """Page objects in a reportlab PDF (it writes them as plain dictionaries)."""
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf.read_bytes()))


def single_pass(review, read_blob, out: Path) -> None:
    """The story of :func:`build_pdf`, built once: no contents."""
    from pm_desktop.domain import timeutil
    from pm_desktop.export.pdf import fonts, styles
    from pm_desktop.export.pdf.doc import ReviewDocTemplate
    from pm_desktop.export.pdf.story import Context, build_story
    from pm_desktop.export.profiles import apply_profile, get_profile
    from pm_desktop.export.whys_view import branch_info

    chosen = get_profile("internal")
    fonts.ensure_fonts()
    view = apply_profile(review, chosen)
    zone = view.meta.display_tz if timeutil.is_valid_zone(view.meta.display_tz) else "UTC"
    ctx = Context(
        review=view, profile=chosen, read_blob=read_blob, st=styles.make_styles(), zone=zone,
        branches=branch_info(view), progress=lambda _f, _m: None,
    )  # fmt: skip
    story, contents = build_story(ctx)
    story = [flowable for flowable in story if flowable is not contents]
    with open(out, "wb") as fh:
        doc = ReviewDocTemplate(
            fh, footer_title=view.meta.title, label="Internal", progress=lambda _f, _m: None,
        )  # fmt: skip
        doc.build(story)


def main(file: Path, out: Path, mode: str) -> dict:
    from pm_desktop.export.pdf import build_pdf
    from pm_desktop.store.document import Document

    doc = Document.open(file, read_only=True)
    reader = doc.blob_reader()
    review = doc.snapshot()
    before = rss_now_mb()
    started = time.perf_counter()
    if mode == "full":
        build_pdf(review, reader.read, out)
    elif mode == "single":
        single_pass(review, reader.read, out)
    else:
        raise SystemExit(f"unknown mode {mode!r}")
    took = time.perf_counter() - started
    peak = peak_rss_mb()
    reader.close()
    doc.close()
    return {
        "seconds": took,
        "pages": count_pages(out),
        "peak_rss_mb": peak,
        "rss_before_mb": before,
        "bytes": out.stat().st_size,
    }


if __name__ == "__main__":
    emit(main(Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]))
