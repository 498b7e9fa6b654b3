"""Markdown export: the same sections as the PDF as GitHub-flavoured text, images beside it,
hostile text kept as text, the external profile as strict as the PDF's."""

from __future__ import annotations

import dataclasses
import hashlib
import html
import re
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from review_strategies import reviews
from test_pdf_hostile import HOSTILE, hostile_review
from test_pdf_profiles import EVIDENCE_TITLES, name_parts

from pm_desktop.domain.model import Review
from pm_desktop.export import ExportCancelled, ExportError, ExportJob, run_export
from pm_desktop.export.markdown import esc, fence, link
from pm_desktop.ingest.builtin import load_example
from pm_desktop.store.files import FOLDER_MARKER

markdown_it = pytest.importorskip("markdown_it")


def render(text: str) -> str:
    """HTML as a GitHub-like renderer makes it (raw HTML allowed, tables, strikethrough)."""
    md = markdown_it.MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
    return md.render(text)


def export(tmp_path, review, blobs, **kw) -> str:
    out = tmp_path / "review.md"
    run_export("md", ExportJob(review, blobs.__getitem__, out, **kw))
    return out.read_text(encoding="utf-8")


def check_tables(text: str) -> None:
    """Every table row has exactly as many cells as its header (no pipe escaped its cell)."""
    md = markdown_it.MarkdownIt("commonmark").enable("table")
    tokens = md.parse(text)
    widths: list[int] = []
    cells = 0
    for token in tokens:
        if token.type == "tr_open":
            cells = 0
        elif token.type in ("th_open", "td_open"):
            cells += 1
        elif token.type == "tr_close":
            widths.append(cells)
        elif token.type == "table_close":
            assert len(set(widths)) == 1, widths
            widths = []


@pytest.fixture
def shipped():
    return load_example()


def test_example_has_every_section_and_its_screenshot_beside_it(tmp_path, shipped):
    text = export(tmp_path, shipped.review, shipped.blobs)
    for heading in ("## Summary and impact", "## Timeline", "## Evidence", "## Five whys",
                    "### Root causes", "## Follow-ups", "## Lessons", "## Participants"):  # fmt: skip
        assert f"\n{heading}\n" in text
    files = [f for f in (tmp_path / "review_files").iterdir() if f.name != FOLDER_MARKER]
    assert [f.name for f in files] == ["evidence-08213ad6-b38f-5906-9581-fea6e985b9c4.png"]
    (sha,) = [b.sha256 for b in shipped.review.blobs.values() if b.mime == "image/png"]
    assert hashlib.sha256(files[0].read_bytes()).hexdigest() == sha
    assert f"](<review_files/{files[0].name}>)" in text
    assert "| Time (UTC) | Kind | What happened | By |" in text
    assert "| 2025-03-12 09:15 | ◆ Detected | Alert fires:" in text
    check_tables(text)


def test_whys_are_nested_lists_with_branch_labels(tmp_path, shipped):
    text = export(tmp_path, shipped.review, shipped.blobs)
    assert "- **Problem:** Customers could not complete card payments" in text
    assert "\n          - **[B]** The report had a fixed launch date" in text
    assert "- **A** ★ Our pull-request checklist has no step" in text
    assert "  - → Fail CI when a query plan scans the orders or payments tables" in text


def test_followups_are_a_checklist_with_owner_due_and_criteria(tmp_path, shipped):
    text = export(tmp_path, shipped.review, shipped.blobs)
    assert re.search(
        r"- \[ \] \*\*Add a database-impact section.*owner Jonas Berg, due 2025-03-28", text
    )
    assert "- [x] **Add the missing index and return orders\\-db" not in text  # not escaped
    assert "- [x] **Add the missing index and return orders-db to its usual size**" in text
    assert "    - [x] The template asks for the plan" in text
    assert "    - [ ] The section is live in all three backend repositories" in text
    assert "~~Evaluate a caching layer in front of the orders table~~" in text


def test_without_images_no_folder_is_written(tmp_path, shipped):
    text = export(tmp_path, shipped.review, shipped.blobs, images=False)
    assert [p.name for p in tmp_path.iterdir()] == ["review.md"]
    assert "(image not included in this export)" in text


def test_exporting_again_replaces_the_images_folder_it_made(tmp_path, shipped):
    export(tmp_path, shipped.review, shipped.blobs)
    folder = tmp_path / "review_files"
    (folder / "evidence-gone.png").write_bytes(b"from an earlier export")
    export(tmp_path, shipped.review, shipped.blobs)
    assert sorted(p.name for p in folder.iterdir()) == [FOLDER_MARKER, "evidence-08213ad6-b38f-5906-9581-fea6e985b9c4.png"]  # fmt: skip
    assert sorted(p.name for p in tmp_path.iterdir()) == ["review.md", "review_files"]


def test_a_folder_it_did_not_make_is_never_deleted(tmp_path, shipped):
    theirs = tmp_path / "review_files"
    theirs.mkdir()
    (theirs / "holiday.png").write_bytes(b"someone's picture")
    with pytest.raises(ExportError, match="not made by a pm-desktop export"):
        export(tmp_path, shipped.review, shipped.blobs)
    assert [p.name for p in theirs.iterdir()] == ["holiday.png"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["review_files"]


def test_image_names_are_unique_even_when_ids_differ_only_in_odd_characters(tmp_path, shipped):
    review = shipped.review.copy()
    shot = next(e for e in review.evidence.values() if e.blob)
    for new_id in ("shot.1", "shot:1", "Shot_1", "shot_1"):
        review.evidence[new_id] = dataclasses.replace(shot, id=new_id, title=f"title {new_id}")
    text = export(tmp_path, review, shipped.blobs)
    names = re.findall(r"\]\(<review_files/([^>]+)>\)", text)
    assert len(names) == len({n.lower() for n in names}) == 5
    assert all((tmp_path / "review_files" / n).is_file() for n in names)


def test_external_markdown_has_no_names_evidence_or_links(tmp_path, shipped):
    text = export(tmp_path, shipped.review, shipped.blobs, profile="external")
    for part in name_parts(shipped.review):
        assert not re.search(rf"(?<!\w){re.escape(part)}(?!\w)", text), part
    for title in EVIDENCE_TITLES:
        assert title.replace("_", "\\_") not in text and title not in text
    assert "http" not in text and "example-corp" not in text
    assert "## Root causes" in text and "## Participants" not in text
    assert [p.name for p in tmp_path.iterdir()] == ["review.md"]


def test_hostile_text_stays_text(tmp_path):
    review, blobs = hostile_review()
    text = export(tmp_path, review, blobs)
    page = render(text)
    assert "<img src='/etc" not in page and "<font" not in page and "<b>" not in page
    assert not re.search(r'href="(?!https?:|mailto:|#)', page)
    shown = html.unescape(re.sub(r"<[^>]+>", " ", page))
    flat = " ".join(shown.split())
    for piece in HOSTILE:
        assert piece in flat, piece
    check_tables(text)
    assert len(list((tmp_path / "review_files").glob("evidence-*"))) == 2


def test_escaping_helpers():
    assert esc("<script>x|y</script>") == "&lt;script&gt;x\\|y&lt;/script&gt;"
    assert esc("# not a heading\n- not a list\n1. nor this") == (
        "\\# not a heading\n\\- not a list\n1\\. nor this"
    )
    assert link("javascript:alert(1)", "click") == "click (not a web link, shown as text)"
    assert link("https://a.example/x y") == "https://a.example/x y"
    assert link("https://a.example/(x)<y>") == (
        "[https://a.example/(x)&lt;y&gt;](<https://a.example/%28x%29%3Cy%3E>)"
    )
    assert fence("a ``` b ```` c")[0] == "`````text"


@pytest.mark.parametrize("when", ["Writing timeline", "Writing images", "Writing Markdown"])
def test_cancel_leaves_nothing_behind(tmp_path, shipped, when):
    (tmp_path / "review.md").write_text("yesterday", encoding="utf-8")

    def progress(fraction: float, message: str) -> None:
        if message.startswith(when):
            raise ExportCancelled()

    job = ExportJob(
        shipped.review, shipped.blobs.__getitem__, tmp_path / "review.md", progress=progress
    )
    with pytest.raises(ExportCancelled):
        run_export("md", job)
    assert [p.name for p in tmp_path.iterdir()] == ["review.md"]
    assert (tmp_path / "review.md").read_text(encoding="utf-8") == "yesterday"


@settings(
    max_examples=40,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(reviews(), st.sampled_from(["internal", "external"]), st.booleans())
@example((Review(), {}), "internal", True)
def test_random_reviews_export_to_well_formed_markdown(tmp_path, case, profile, images):
    review, blobs = case
    folder = Path(tempfile.mkdtemp(dir=tmp_path))  # one folder per example
    text = export(folder, review, blobs, profile=profile, images=images)
    check_tables(text)
    page = render(text)
    assert "<script" not in page and "<img src" not in page.replace('<img src="review_files/', "")
