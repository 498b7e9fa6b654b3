"""The template's prompts are hints: a new review stores none, an old one forgets them on load."""

from __future__ import annotations

from dataclasses import replace

from pm_desktop.domain.model import Review, WhyNode
from pm_desktop.domain.prompts import (
    HINTS,
    PROBLEM_HINT,
    TEMPLATE_FIELDS,
    forget_template_prompts,
    is_untouched,
)
from pm_desktop.export import ExportJob, run_export
from pm_desktop.ingest.builtin import load_builtin
from pm_desktop.store.document import Document


def _old_template_review() -> Review:
    """A review as the older template made it: the instructions stored as text."""
    review = load_builtin("templates/standard.json").review
    # only the fields older templates filled (the later fields never had stored prompts)
    review.meta = replace(review.meta, **{f: HINTS[f] for f in TEMPLATE_FIELDS})
    (root,) = review.why_roots()
    review.whys[root.id] = replace(root, text=PROBLEM_HINT)
    return review


def test_the_template_stores_no_instructions():
    review = load_builtin("templates/standard.json").review
    for field in HINTS:
        assert getattr(review.meta, field) == "", field
    assert [w.text for w in review.why_roots()] == [""]


def test_an_old_review_forgets_its_template_prompts_in_memory():
    review = _old_template_review()
    assert forget_template_prompts(review)
    for field in TEMPLATE_FIELDS:
        assert getattr(review.meta, field) == "", field
    assert [w.text for w in review.why_roots()] == [""]
    assert not forget_template_prompts(review)


def test_a_prompt_the_user_changed_is_the_users_text():
    review = Review()
    edited = HINTS["summary"] + " The cache expired at noon."
    review.meta = replace(review.meta, summary=edited)
    review.whys["w"] = WhyNode("w", None, "Logins failed for 25 minutes.")
    review.whys["c"] = WhyNode("c", "w", PROBLEM_HINT)  # only a problem statement is a prompt
    assert not forget_template_prompts(review)
    assert review.meta.summary == edited
    assert not is_untouched("summary", edited)
    assert is_untouched("summary", "  ") and is_untouched("impact", HINTS["impact"])


def test_an_old_file_with_the_prompts_opens_and_exports_without_them(tmp_path):
    path = tmp_path / "old.pmreview"
    with Document.create(path, _old_template_review()):
        pass
    # the file itself still holds the old text; loading reads it as empty
    with Document.open(path, read_only=True) as doc:
        assert doc.review.meta.summary == "" and doc.review.meta.impact == ""
        out = tmp_path / "old.md"
        run_export("md", ExportJob(doc.review, lambda sha: b"", out))
    text = out.read_text(encoding="utf-8")
    assert "In three or four sentences" not in text
    assert "Problem statement:" not in text
    assert "No summary written yet." in text
