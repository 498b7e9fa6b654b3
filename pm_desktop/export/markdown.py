"""The review as GitHub-flavoured Markdown: the PDF's sections, as text a wiki or repo can hold.

User text is escaped so it stays text: HTML (``<img src=…>``) is written as ``&lt;img…``,
Markdown punctuation is backslash-escaped, pipes in tables are ``\\|``, newlines inside a table
cell become ``<br>``, code fences are longer than any backtick run inside them, and only links
:func:`~pm_desktop.domain.links.is_safe_url` accepts become clickable. Images are written as
sibling files (``NAME_files/evidence-<id>.png``, named from evidence ids, never from user text)
unless ``job.images`` is False. The same :mod:`~pm_desktop.export.profiles` rules as the PDF
decide what an external copy leaves out. Nothing is left behind when the export fails or is
cancelled: images go to a temporary folder that is renamed into place with the file.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import re
from pathlib import Path
from urllib.parse import quote

from pm_desktop.domain import palette, timeutil
from pm_desktop.domain.customer_version import CONTACT_SUPPORT, what_we_are_changing
from pm_desktop.domain.links import classify_url
from pm_desktop.domain.model import (
    EVENT_KIND_LABELS,
    FOLLOWUP_STATUS_LABELS,
    FOLLOWUP_STATUSES,
    REVIEW_STATUS_LABELS,
    SEVERITY_WORDS,
    Evidence,
    Review,
)
from pm_desktop.store import pictures

from . import markdown_record
from .beside import folder_for, write_with_folder
from .job import ExportJob
from .markdown_text import block, cell, clean, esc, fence, link, one_line, slug
from .profiles import Profile, apply_profile, get_profile
from .timeline_view import DayBand, EventLine, timeline_view, turning_points
from .whys_view import STATE_LABELS, BranchInfo, branch_info, why_state

BLAMELESS = (
    "Written in a blameless spirit: this review asks how our systems and processes let this "
    "happen, never who is to blame."
)

# --------------------------------------------------------------------------- writer


class _Doc:
    def __init__(self, review: Review, profile: Profile, job: ExportJob, image_dir: str):
        self.review = review
        self.profile = profile
        self.job = job
        self.image_dir = image_dir  # folder name as written in links
        zone = review.meta.display_tz
        self.zone = zone if timeutil.is_valid_zone(zone) else "UTC"
        first = next((e.time for e in review.sorted_events() if e.time), None)
        self.zone_label = timeutil.zone_label(self.zone, first)
        self.branches: BranchInfo = branch_info(review)
        self.lines: list[str] = []
        self.images: list[tuple[str, str]] = []  # (file name, blob sha)
        self._taken: set[str] = set()  # image names in lower case (some file systems ignore case)

    def image_name(self, item_id: str, extension: str) -> str:
        """A file name for an evidence image, unique in this export: ids that differ only in
        characters a file name cannot hold (``shot.1``, ``shot:1``) get a hash of the real id."""
        safe = re.sub(r"[^A-Za-z0-9_-]", "_", item_id)[:80]
        if safe != item_id:
            safe += "-" + hashlib.sha256(item_id.encode("utf-8", "surrogatepass")).hexdigest()[:8]
        name, n = f"evidence-{safe}{extension}", 2
        while name.lower() in self._taken:
            name, n = f"evidence-{safe}-{n}{extension}", n + 1
        self._taken.add(name.lower())
        return name

    def add(self, *lines: str) -> None:
        self.lines.extend(lines)

    def para(self, text: str | None, empty: str = "") -> None:
        paras = block(text)
        if not paras and empty:
            paras = [f"*{empty}*"]
        for p in paras:
            self.add(p, "")

    def table(self, header: list[str], rows: list[list[str]]) -> None:
        self.add("| " + " | ".join(header) + " |", "|" + "---|" * len(header))
        for row in rows:
            self.add("| " + " | ".join(row) + " |")
        self.add("")

    def time(self, canonical: str | None, fmt: str = "YYYY-MM-DD HH:mm") -> str:
        return timeutil.format_time(canonical, self.zone, fmt)


def _front(d: _Doc, sections: list[str]) -> None:
    meta = d.review.meta
    d.add(f"# {one_line(meta.title) or 'Untitled review'}", "")
    label = one_line(meta.confidentiality.upper(), 120) or "INTERNAL"
    d.add(f"> **{label}** · {esc(d.profile.label)}", ">", f"> {esc(BLAMELESS)}", "")
    date = meta.incident_date
    d.table(
        ["", ""],
        [
            ["Incident date", cell(date) if date else "not set"],
            ["Severity", cell(_severity(d, meta.severity)) if meta.severity else "not set"],
            ["Review status", cell(REVIEW_STATUS_LABELS.get(meta.status, meta.status))],
            ["Authors", cell(meta.authors) if meta.authors.strip() else "not named"],
            ["Times shown in", cell(d.zone_label)],
            ["Exported", dt.date.today().isoformat()],
        ],
    )
    markdown_record.executive(d)
    d.add("**Contents**", "")
    d.add(*(f"{i}. [{name}](#{slug(name)})" for i, name in enumerate(sections, 1)), "")


def _summary(d: _Doc) -> None:
    meta = d.review.meta
    d.add("## Summary and impact", "", "### Summary", "")
    d.para(meta.summary, "No summary written yet.")
    d.add("### Impact", "")
    d.para(meta.impact, "No impact described yet.")
    markdown_record.unfolding(d)  # (the metrics are in the executive summary, once)


def _kind(kind: str) -> str:
    swatch = palette.EVENT_KIND_SWATCHES.get(kind)
    label = esc(EVENT_KIND_LABELS.get(kind, kind))
    return f"{swatch.symbol} {label}" if swatch else label


def _timeline(d: _Doc) -> None:
    d.add("## Timeline", "")
    if not d.review.events:
        d.add("*No events recorded yet.*", "")
        return
    view = timeline_view(
        d.review,
        d.zone,
        evidence=d.profile.evidence,
        progress=lambda i, n: d.job.progress(0.3, f"Writing the timeline ({i:,} of {n:,} events)"),
    )
    note = f"All times in {esc(d.zone_label)}."
    if view.approximate:
        note += " A “\\~” marks an approximate time."
    d.add(note, "")
    by = "By" if d.profile.participants else "Team"
    if view.timed:
        rows = []
        for line in view.timed:
            if isinstance(line, DayBand):
                rows.append([f"**{esc(line.label)}**", " ", " ", " "])
                continue
            shown = line.dated_text if view.single_day else line.time_text
            rows.append(
                [esc(shown), _kind(line.event.kind), _event_cell(line), cell(line.event.author)]
            )
        d.table([f"Time ({esc(view.zone)})", "Kind", "What happened", by], rows)
    if view.untimed:
        d.add("### Events without a time", "")
        d.table(
            ["Kind", "What happened", by],
            [[_kind(x.event.kind), _event_cell(x), cell(x.event.author)] for x in view.untimed],
        )


def _event_cell(line: EventLine) -> str:
    text = cell(line.event.text)
    if line.evidence:
        text += "<br>*Evidence: " + esc("; ".join(line.evidence)) + "*"
    return text


def _evidence(d: _Doc) -> None:
    d.add("## Evidence", "")
    items = d.review.sorted_evidence()
    if not items:
        d.add("*No evidence collected yet.*", "")
        return
    groups = {k: [e for e in items if e.kind == k] for k in ("image", "link", "text", "file")}
    if groups["image"]:
        d.add("### Screenshots", "")
        for n, item in enumerate(groups["image"], 1):
            d.job.progress(0.5, f"Writing screenshots ({n} of {len(groups['image'])})")
            _image(d, item)
    if groups["link"]:
        d.add("### Links", "")
        for item in groups["link"]:
            url = clean(item.url).strip()
            kind = classify_url(url).label if url else "No address"
            line = f"- **{one_line(item.title or url or 'Untitled link')}** ({esc(kind)})"
            if url:
                line += ": " + link(url)
            if item.note.strip():
                line += " — " + one_line(item.note)
            d.add(line)
        d.add("")
    if groups["text"]:
        d.add("### Snippets", "")
        for item in groups["text"]:
            d.add(f"#### {one_line(item.title) or 'Snippet'}", "")
            d.para(item.note)
            if _captured(d, item):
                d.add(f"*{_captured(d, item)}*", "")
            d.add(*fence(item.text), "")
    if groups["file"]:
        d.add("### Files", "")
        rows = []
        for item in groups["file"]:
            info = d.review.blobs.get(item.blob or "")
            size = f"{info.size:,} bytes" if info else "—"
            about = cell(" — ".join(x for x in (item.title, item.note) if x.strip()))
            rows.append([cell(item.filename or "unnamed"), cell(item.mime or "unknown"), size, about])  # fmt: skip
        d.table(["File", "Type", "Size", "About"], rows)


def _captured(d: _Doc, item: Evidence) -> str:
    text = f"Captured {d.time(item.captured_at)} ({esc(d.zone_label)})" if item.captured_at else ""
    if item.captured_by.strip() and d.profile.participants:
        text += (" by " if text else "Captured by ") + one_line(item.captured_by)
    return text


def _image(d: _Doc, item: Evidence) -> None:
    title = one_line(item.title or item.filename) or "Screenshot"
    info = d.review.blobs.get(item.blob or "")
    if not d.job.images:
        d.add(f"**{title}** *(image not included in this export)*", "")
    elif info is None:
        d.add(f"**{title}** *(the image data is missing)*", "")
    else:
        # Only bytes the one decoder accepts are written out (a file from someone else may hold
        # an EPS or a bomb under an image/png label); the type comes from the bytes, not the label.
        try:
            mime, _, _ = pictures.probe(d.job.read_blob(info.sha256))
        except pictures.PictureError as exc:
            d.add(f"**{title}** *({exc.label.lower()})*", "")
        except Exception:  # a missing row: the same note as a missing blob
            d.add(f"**{title}** *(the image data is missing)*", "")
        else:
            name = d.image_name(item.id, pictures.MIME_EXTENSION[mime])
            d.images.append((name, info.sha256))
            d.add(f"![{title}](<{quote(d.image_dir)}/{name}>)", "", f"**{title}**", "")
    d.para(item.note)
    if _captured(d, item):
        d.add(f"*{_captured(d, item)}*", "")


def _whys(d: _Doc) -> None:
    review = d.review
    if d.profile.why_trees:
        d.add("## Five whys", "")
        roots = review.why_roots()
        if not roots:
            d.add("*No why-tree started yet.*", "")
        for n, root in enumerate(roots, 1):
            d.add(f"### Tree {n}: {one_line(root.text, 80) or 'problem not stated'}", "")
            for node in review.subtree(root.id):
                depth = len(review.ancestors(node.id))
                state = why_state(review, node)
                label = d.branches.starts.get(node.id)
                text = one_line(node.text) or "?"
                mark = {"root_cause": " ★ **root cause**", "confirmed": " ✓", "possible": " (possible)", "unknown": " (not known yet)"}.get(state, "")  # fmt: skip
                head = f"**[{label}]** " if label else ""
                if state == "problem":
                    text = f"**Problem:** {text}"
                d.add("  " * depth + f"- {head}{text}{mark}")
            d.add("")
        d.add("### Root causes", "")
    else:
        d.add("## Root causes", "")
    causes = review.root_causes()
    if not causes:
        d.add("*No root cause identified yet.*", "")
        return
    for n, cause in enumerate(causes, 1):
        label = d.branches.branch.get(cause.id) if d.profile.why_trees else str(n)
        status = STATE_LABELS["confirmed" if cause.status == "confirmed" else "possible"].lower()
        tag = f"**{esc(label)}** " if label else ""
        d.add(f"- {tag}★ {one_line(cause.text) or '?'} ({status})")
        for card in review.followups_for_why(cause.id):
            d.add(f"  - → {one_line(card.title)} ({esc(_card_facts(d, card, short=True))})")
    d.add("")
    _contributing(d)


def _contributing(d: _Doc) -> None:
    """Conditions that together led to the incident, listed beside the root causes."""
    review = d.review
    factors = review.contributing_factors()
    if not factors:
        return
    d.add("### Contributing factors" if d.profile.why_trees else "## Contributing factors", "")
    for factor in factors:
        status = STATE_LABELS["confirmed" if factor.status == "confirmed" else "possible"].lower()
        d.add(f"- ◆ {one_line(factor.text) or '?'} ({status})")
        for card in review.followups_for_why(factor.id):
            d.add(f"  - → {one_line(card.title)} ({esc(_card_facts(d, card, short=True))})")
    d.add("")


def _card_facts(d: _Doc, card, short: bool = False) -> str:
    facts = [FOLLOWUP_STATUS_LABELS.get(card.status, card.status)]
    if d.profile.followup_details:
        if card.owner.strip():
            facts.append(f"owner {' '.join(card.owner.split())}")
        if card.due:
            facts.append(f"due {card.due}")
        if not short:
            facts += [f"type {card.type}"] if card.type else []
            facts += [f"priority {card.priority}"] if card.priority else []
    return ", ".join(facts)


def _followups(d: _Doc) -> None:
    d.add("## Follow-ups", "")
    cards = d.review.sorted_followups()
    if not cards:
        d.add("*No follow-ups yet.*", "")
        return
    if d.profile.followup_details:
        markdown_record.action_table(d, cards)
    for status in FOLLOWUP_STATUSES:
        group = [c for c in cards if c.status == status]
        if not group:
            continue
        d.add(f"### {FOLLOWUP_STATUS_LABELS[status]} ({len(group)})", "")
        for card in group:
            box = "[x]" if card.status == "done" else "[ ]"
            title = one_line(card.title) or "Untitled"
            if card.status == "dropped":
                title = f"~~{title}~~"
            d.add(f"- {box} **{title}** — {esc(_card_facts(d, card))}")
            if not d.profile.followup_details:
                continue
            for para in block(card.description):
                d.add("  " + para.replace("\n", "\n  "))
            for w in card.why_ids:
                cause = d.review.whys.get(w)
                if cause is not None:
                    label = d.branches.branch.get(w)
                    prefix = f"Addresses root cause {label}: " if label else "Addresses: "
                    d.add(f"  - {esc(prefix)}{one_line(cause.text, 200)}")
            if card.acceptance_criteria:
                d.add("  - Done when:")
                for c in card.acceptance_criteria:
                    d.add(f"    - {'[x]' if c.done else '[ ]'} {one_line(c.text) or '—'}")
            if card.url.strip():
                d.add(f"  - Tracker: {link(card.url)}")
        d.add("")


def _lessons(d: _Doc) -> None:
    meta = d.review.meta
    d.add("## Lessons", "")
    for title, text in (
        ("What went well", meta.lessons_went_well),
        ("What went wrong", meta.lessons_went_wrong),
        ("Where we got lucky", meta.lessons_got_lucky),
        ("What we learned", meta.lessons_learned),
    ):
        d.add(f"### {title}", "")
        d.para(text, "Nothing noted.")
    turning = turning_points(d.review, d.zone)
    if turning:
        d.add("### Turning points", "")
        for when, event in turning:
            d.add(f"- **{esc(when)}** {one_line(event.text)}")
            if event.open_question.strip():
                d.add(f"  - Open question: {one_line(event.open_question)}")
        d.add("")
    parked = d.review.sorted_parking()
    if parked:
        d.add("### Parking lot", "")
        for item in parked:
            card = d.review.followups.get(item.followup_id)
            tail = f" → follow-up: {one_line(card.title)}" if card is not None else ""
            d.add(f"- {one_line(item.text)}{tail}")
        d.add("")


def _severity(d: _Doc, code: str) -> str:
    return SEVERITY_WORDS.get(code, code) if d.profile.customer else code


def _closing(d: _Doc) -> None:
    d.add("## What we are changing", "")
    lines = what_we_are_changing(d.review)
    d.add(*(f"- {esc(line)}" for line in lines) if lines else ["*Nothing planned yet.*"], "")
    d.add("### Contact support", "")
    d.para(CONTACT_SUPPORT, "")


def _participants(d: _Doc) -> None:
    d.add("## Participants", "")
    people = d.review.sorted_people()
    if not people:
        d.add("*No participants listed.*", "")
    else:
        d.table(
            ["Name", "Role", "Team", "Contribution"],
            [[cell(p.name), cell(p.role), cell(p.team), cell(p.contribution)] for p in people],
        )
    markdown_record.meeting(d)  # the facilitator and note-taker are named there


def render_markdown(job: ExportJob, image_dir: str) -> tuple[str, list[tuple[str, str]]]:
    """The Markdown text and the images to write next to it as (file name, blob sha)."""
    profile = get_profile(job.profile)
    view = apply_profile(job.review, profile)
    d = _Doc(view, profile, job, image_dir)
    parts = [
        ("Summary and impact", _summary, True),
        ("Timeline", _timeline, True),
        ("Communications", markdown_record.communications, True),
        ("Evidence", _evidence, profile.evidence),
        ("Five whys" if profile.why_trees else "Root causes", _whys, True),
        ("Follow-ups", _followups, not profile.customer),
        ("What we are changing", _closing, profile.customer),
        ("Lessons", _lessons, profile.lessons),
        ("Participants", _participants, profile.participants),
        ("Revision history", markdown_record.revision_history, True),
    ]
    wanted = [(name, build) for name, build, on in parts if on]
    _front(d, [name for name, _build in wanted])
    for i, (name, build) in enumerate(wanted):
        job.progress(0.05 + 0.6 * i / len(wanted), f"Writing {name.lower()}")
        build(d)
    text = "\n".join(d.lines).rstrip("\n") + "\n"
    return re.sub(r"\n{3,}", "\n\n", text), d.images


def export_markdown(job: ExportJob) -> None:
    """The ``md`` format of :func:`pm_desktop.export.run_export`."""
    out = Path(job.out)
    job.progress(0.0, "Writing Markdown")
    text, images = render_markdown(job, folder_for(out).name)
    files = [(name, functools.partial(job.read_blob, sha)) for name, sha in images]
    write_with_folder(job, out, text, files, what="images", start=0.7)
    job.progress(1.0, "Done")
