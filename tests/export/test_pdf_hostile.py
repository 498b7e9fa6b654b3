"""Hostile text in every field: the PDF prints it literally, embeds nothing it names, and links
only what is safe. Also home of the helpers the other PDF and Markdown tests share."""

from __future__ import annotations

import hashlib
import io
import re

from PIL import Image
from pypdf import PdfReader

from pm_desktop.domain.model import (
    BlobInfo,
    Criterion,
    Evidence,
    FollowUp,
    Person,
    Review,
    ReviewMeta,
    TimelineEvent,
    WhyNode,
)
from pm_desktop.domain.validate import check_review
from pm_desktop.export import ExportJob, run_export
from pm_desktop.export.pdf import build_pdf

HOSTILE = [
    "<img src='/etc/hostname'/>",
    "x<y",
    "&eacute;",
    "<font size=40>",
    "Привет",
    "Καλημέρα",
    "数据库故障",
    "データベース",
    "데이터베이스",
    "😀🔥",
]
HOSTILE_TEXT = " ".join(HOSTILE)


def picture(width: int, height: int, seed: int, fmt: str = "PNG", mode: str = "RGB") -> bytes:
    """A small picture with some detail (not one flat colour)."""
    img = Image.new(mode, (width, height))
    for x in range(width):
        for y in range(0, height, max(1, height // 7)):
            img.putpixel((x, y), (x * seed % 256, y * 7 % 256, 90, 200)[: len(mode)])
    buf = io.BytesIO()
    img.save(buf, fmt)
    return buf.getvalue()


def add_image(review: Review, blobs: dict, eid: str, data: bytes, mime: str, **fields) -> None:
    sha = hashlib.sha256(data).hexdigest()
    with Image.open(io.BytesIO(data)) as img:
        width, height = img.size
    review.blobs[sha] = BlobInfo(sha, mime, len(data), width, height)
    blobs[sha] = data
    review.evidence[eid] = Evidence(eid, "image", blob=sha, mime=mime, **fields)


def hostile_review() -> tuple[Review, dict[str, bytes]]:
    t = HOSTILE_TEXT
    meta = ReviewMeta(
        title=t, incident_date="2025-03-12", severity="SEV1", status="draft", summary=t,
        impact=t, lessons_went_well=t, lessons_went_wrong=t, lessons_got_lucky=t,
        display_tz="Europe/Berlin", confidentiality=t, authors=t, trigger=t, detection=t,
        response=t, recovery=t, affected_services=t[:2_000], affected_regions=t[:2_000],
        meeting_date="2025-03-13", attendees=t,
    )  # fmt: skip
    review = Review(meta=meta)
    blobs: dict[str, bytes] = {}
    review.people["p1"] = Person("p1", "Злата <b>Ng</b>", t, t, t, 0)
    kinds = ["impact_start", "detected", "acknowledged", "mitigated", "resolved", "note"]
    for i, kind in enumerate(kinds):
        review.events[f"e{i}"] = TimelineEvent(
            f"e{i}", f"2025-03-12T{9 + i:02d}:0{i}:00Z", "UTC", t, kind, t, i % 2 == 0, i
        )
    review.events["e9"] = TimelineEvent("e9", None, "UTC", t, "observation", t, False, 9)
    review.events["e10"] = TimelineEvent(
        "e10", "2025-03-12T10:30:00Z", "UTC", t, "communication", t
    )
    add_image(review, blobs, "img1", picture(64, 48, 3), "image/png", title=t, note=t,
              captured_at="2025-03-12T09:30:00Z", captured_by=t, event_ids=("e1",), seq=0)  # fmt: skip
    add_image(review, blobs, "img2", picture(40, 30, 5, "JPEG"), "image/jpeg", title=t, seq=1)
    links = [
        ("l1", "javascript:alert(1)"),
        ("l2", "file:///etc/hostname"),
        ("l3", "https://example.com/a?b=<img/src='/etc/hostname'>&c=\"d\""),
        ("l4", t),
    ]
    for i, (eid, url) in enumerate(links):
        review.evidence[eid] = Evidence(eid, "link", title=t, note=t, url=url, seq=2 + i)
    review.evidence["s1"] = Evidence(
        "s1", "text", title=t, note=t, text=(t + "\n\tindented " + t + "\n") * 3, seq=7
    )
    attached = t.encode("utf-8")
    sha = hashlib.sha256(attached).hexdigest()
    review.blobs[sha] = BlobInfo(sha, "text/plain", len(attached))
    blobs[sha] = attached
    review.evidence["f1"] = Evidence(
        "f1", "file", title=t, note=t, filename="x<y 数据.txt", mime="text/plain", blob=sha, seq=8
    )
    review.whys["w0"] = WhyNode("w0", None, t, seq=0)
    review.whys["w1"] = WhyNode("w1", "w0", t, status="confirmed", category=t, seq=1)
    review.whys["w2"] = WhyNode("w2", "w1", t, root_cause=True, seq=2)
    review.whys["w3"] = WhyNode("w3", "w1", t, root_cause=True, status="confirmed", seq=3)
    review.whys["w4"] = WhyNode("w4", "w1", "?", seq=4)
    review.followups["f1"] = FollowUp(
        "f1", t, t, (Criterion(t, True), Criterion(t, False)), t, "2025-04-01", "todo",
        "high", "prevent", ("w2",), "javascript:alert(1)", 0,
    )  # fmt: skip
    review.followups["f2"] = FollowUp(
        "f2", t, t, (), t, "", "done", "", "", ("w3",), "https://tracker.example/PAY-1", 1
    )
    check_review(review)
    return review, blobs


# --------------------------------------------------------------------------- PDF helpers


def pdf_bytes(review: Review, blobs: dict[str, bytes], profile: str = "internal") -> bytes:
    out = io.BytesIO()
    build_pdf(review, blobs.__getitem__, out, profile)
    return out.getvalue()


def all_text(reader: PdfReader) -> str:
    """Every page's text with all whitespace collapsed to single spaces."""
    return " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)


def image_objects(reader: PdfReader) -> set[int]:
    """Ids of every image XObject drawn on any page (following form XObjects)."""
    found: set[int] = set()
    seen: set[int] = set()

    def visit(resources) -> None:
        xobjects = resources.get("/XObject") if resources else None
        if not xobjects:
            return
        for ref in xobjects.get_object().values():
            obj = ref.get_object()
            key = ref.idnum if hasattr(ref, "idnum") else id(obj)
            if obj.get("/Subtype") == "/Image":
                found.add(key)
            elif obj.get("/Subtype") == "/Form" and key not in seen:
                seen.add(key)
                visit(obj.get("/Resources"))

    for page in reader.pages:
        visit(page.get("/Resources"))
    return found


def uris(reader: PdfReader) -> list[str]:
    out = []
    for page in reader.pages:
        for annot in page.get("/Annots") or []:
            action = annot.get_object().get("/A")
            if action is not None and "/URI" in action:
                out.append(str(action["/URI"]))
    return out


# --------------------------------------------------------------------------- tests


def test_hostile_text_in_every_field_prints_literally():
    review, blobs = hostile_review()
    reader = PdfReader(io.BytesIO(pdf_bytes(review, blobs)))
    text = all_text(reader)
    for piece in HOSTILE:
        assert piece in text, piece
    # the title page, a table, the tree drawing and the footer all carry it
    assert text.count("数据库故障") > 30


def test_hostile_text_embeds_only_the_reviews_own_images():
    review, blobs = hostile_review()
    reader = PdfReader(io.BytesIO(pdf_bytes(review, blobs)))
    assert len(image_objects(reader)) == 2  # the two screenshots; nothing named in user text


def test_only_safe_urls_become_links():
    review, blobs = hostile_review()
    reader = PdfReader(io.BytesIO(pdf_bytes(review, blobs)))
    links = uris(reader)
    assert "https://tracker.example/PAY-1" in links
    # quotes and brackets in a safe URL survive the attribute escaping unchanged
    assert "https://example.com/a?b=<img/src='/etc/hostname'>&c=\"d\"" in links
    assert all(re.match(r"^(https?|mailto):", link) for link in links), links
    text = all_text(reader)
    assert "javascript:alert(1)" in text and "file:///etc/hostname" in text  # shown, not linked


def test_control_characters_and_lone_surrogates_do_not_break_the_pdf():
    review = Review(meta=ReviewMeta(title="bell\x07 tab\tnul-free \ud800 end", summary="a\x0cb"))
    reader = PdfReader(io.BytesIO(pdf_bytes(review, {})))
    text = all_text(reader)
    assert "bell tab" in text and "end" in text


def test_run_export_writes_exactly_one_pdf_file(tmp_path):
    review, blobs = hostile_review()
    out = tmp_path / "hostile.pdf"
    run_export("pdf", ExportJob(review, blobs.__getitem__, out))
    assert out.read_bytes().startswith(b"%PDF-")
    assert [p.name for p in tmp_path.iterdir()] == ["hostile.pdf"]


def test_hostile_text_in_the_new_review_fields_prints_literally_in_each_place():
    review, blobs = hostile_review()
    text = all_text(PdfReader(io.BytesIO(pdf_bytes(review, blobs))))
    for place in (
        "Trigger " + HOSTILE[0],  # page 1 and the summary section
        "Detection: " + HOSTILE[0],
        "Recovery: " + HOSTILE[0],
        "Services affected: " + HOSTILE[0],
        "Attendees: " + HOSTILE[0],
    ):
        assert place in text, place
    communications = text[text.index("Communications") :]
    assert HOSTILE[1] in communications
