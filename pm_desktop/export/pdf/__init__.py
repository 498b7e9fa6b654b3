"""The review as a PDF worth sending: title page, contents, timeline chart, evidence, drawn
5-whys trees, follow-ups — with an outline, clickable contents and "Page X of Y" footers.

Built with reportlab platypus over the domain review (never over widgets). The traps DESIGN.md
lists are avoided here: user text is escaped run by run (:mod:`.text`), fonts fall back per glyph
(:mod:`.fonts`), page totals and contents page numbers are forms written once the last page is
done, so the document is laid out once (:mod:`.doc`), images are decoded lazily
(:mod:`.flowables`), and big trees scale, turn or tile (:mod:`.tree`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import IO, Any

from reportlab.platypus import PageBreakIfNotEmpty, Spacer
from reportlab.platypus.doctemplate import LayoutError

from pm_desktop.domain import timeutil
from pm_desktop.domain.model import Review
from pm_desktop.domain.recurrence import Relation

from ..job import ExportError, ExportJob, atomic_output
from ..profiles import apply_profile, get_profile
from ..whys_view import branch_info
from . import fonts, sections_appendix, styles
from .context import Context
from .doc import ReviewDocTemplate, keep_headings
from .story import build_story
from .text import one_line

__all__ = ["build_pdf", "export_pdf"]


def _no_progress(fraction: float, message: str) -> None:
    return None


def _forward_only(progress: Callable[[float, str], None]) -> Callable[[float, str], None]:
    """Progress that never goes back. reportlab counts what is left of the story, and a flowable
    split across pages puts its rest back into it, so its own count steps backwards."""
    high = 0.0

    def report(fraction: float, message: str) -> None:
        nonlocal high
        high = max(high, fraction)
        progress(high, message)

    return report


def build_pdf(
    review: Review,
    read_blob: Callable[[str], bytes],
    out_path_or_file: str | Path | IO[bytes],
    profile: str = "internal",
    progress: Callable[[float, str], None] = _no_progress,
    related: Sequence[Relation] = (),
) -> None:
    """Write the review as a PDF (``related``: earlier reviews the library relates to it, listed
    in the internal version). A path is written atomically (never half a file); a file
    object is written as it is. ``progress`` may raise to cancel; the exception propagates."""
    chosen = get_profile(profile)
    progress = _forward_only(progress)
    progress(0.0, "Preparing the document")
    fonts.ensure_fonts()
    view = apply_profile(review, chosen)
    zone = view.meta.display_tz if timeutil.is_valid_zone(view.meta.display_tz) else "UTC"
    ctx = Context(
        review=view,
        profile=chosen,
        read_blob=read_blob,
        st=styles.make_styles(),
        zone=zone,
        branches=branch_info(view),
        progress=progress,
        related=tuple(related),
    )
    story, _contents = build_story(ctx)
    if ctx.notes:  # texts too long for their place, in full
        if ctx.orientation != "portrait":
            story.append(PageBreakIfNotEmpty(nextTemplate="portrait"))
        story += [Spacer(1, 18), *sections_appendix.section(ctx)]
    keep_headings(story)
    title = one_line(view.meta.title, 300) or "Untitled review"
    meta: dict[str, Any] = {
        "title": title,
        "author": one_line(view.meta.authors, 300),
        "subject": "Incident review"
        + (f" of {view.meta.incident_date}" if view.meta.incident_date else ""),
        "keywords": ["incident review", "postmortem", chosen.name],
    }

    def write(target) -> None:
        doc = ReviewDocTemplate(
            target,
            footer_title=title,
            label=one_line(view.meta.confidentiality, 80) or "Internal",
            draft=view.meta.status in ("draft", "in_review"),
            progress=progress,
            **meta,
        )
        try:
            doc.build_once(story)  # consumes the story: each flowable goes once laid out
        except LayoutError as exc:  # a bug of ours, but the user gets a sentence, not a trace
            raise ExportError(
                f"the PDF could not be laid out ({exc}); nothing was written"
            ) from exc
        progress(0.99, "Writing the file")

    if isinstance(out_path_or_file, str | Path):
        with atomic_output(Path(out_path_or_file)) as fh:
            write(fh)
    else:
        write(out_path_or_file)
    progress(1.0, "Done")


def export_pdf(job: ExportJob) -> None:
    """The ``pdf`` format of :func:`pm_desktop.export.run_export`."""
    build_pdf(job.review, job.read_blob, job.out, job.profile, job.progress, related=job.related)
