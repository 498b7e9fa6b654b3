"""Redaction boxes: stored as rectangles, undoable, burned into every exported copy only."""

from __future__ import annotations

import io
import json

import pytest
from PIL import Image
from test_pdf_hostile import add_image, picture

from pm_desktop.domain.model import RedactionBox, Review, ReviewMeta
from pm_desktop.domain.ops import add_box, mark_redacted, remove_box
from pm_desktop.export import ExportJob, run_export
from pm_desktop.export.burn import BOX_COLOUR, burn_boxes
from pm_desktop.ingest.json_import import parse_review_text
from pm_desktop.store.document import Document

BOX = (20, 10, 60, 30)


@pytest.fixture
def doc(tmp_path):
    review = Review(meta=ReviewMeta(title="Boxes"))
    blobs: dict[str, bytes] = {}
    add_image(review, blobs, "shot", picture(160, 90, 5), "image/png", title="Dashboard")
    document = Document.create(tmp_path / "boxes.pmreview", review, blobs)
    yield document
    document.close()


def _pixels_inside(img: Image.Image, box: tuple[int, int, int, int]) -> set:
    x, y, w, h = box
    rgb = img.convert("RGB")
    return {rgb.getpixel((i, j)) for i in range(x, x + w) for j in range(y, y + h)}


def test_a_box_is_burned_into_the_exported_image_and_the_original_is_kept(doc, tmp_path):
    sha = doc.review.evidence["shot"].blob
    original = doc.read_blob(sha)
    doc.apply(add_box(doc.review, "shot", *BOX))
    out = tmp_path / "out.md"
    run_export("md", ExportJob(doc.snapshot(), doc.read_blob, out))
    written = [p for p in (tmp_path / "out_files").iterdir() if p.name != ".pm-desktop-export"]
    assert len(written) == 1
    with Image.open(written[0]) as img:
        assert _pixels_inside(img, BOX) == {BOX_COLOUR}
        with Image.open(io.BytesIO(original)) as before:
            assert img.convert("RGB").getpixel((5, 5)) == before.convert("RGB").getpixel((5, 5))
    assert doc.read_blob(sha) == original  # the stored screenshot is unchanged
    with Image.open(io.BytesIO(original)) as before:
        assert _pixels_inside(before, BOX) != {BOX_COLOUR}


def test_undo_removes_the_box_from_the_review_and_the_file(doc, tmp_path):
    edit = add_box(doc.review, "shot", *BOX)
    doc.apply(edit)
    assert len(doc.review.boxes) == 1
    doc.apply(edit.inverse())
    assert doc.review.boxes == {}
    path = doc.path
    doc.close()
    with Document.open(path, read_only=True) as again:
        assert again.review.boxes == {}


def test_boxes_are_clipped_to_the_image_and_removable(doc):
    doc.apply(add_box(doc.review, "shot", 150, 80, 40, -100))
    (box,) = doc.review.boxes.values()
    assert (box.x, box.y, box.w, box.h) == (150, 0, 10, 80)
    doc.apply(remove_box(doc.review, box.id))
    assert doc.review.boxes == {}


@pytest.mark.parametrize("fmt", ["PNG", "JPEG", "WEBP", "BMP", "GIF"])
def test_burning_keeps_the_inside_of_the_box_one_colour(fmt):
    mode = "P" if fmt == "GIF" else "RGB"
    data = picture(96, 64, 3, "PNG")
    with Image.open(io.BytesIO(data)) as img:
        buf = io.BytesIO()
        img.convert(mode).save(buf, fmt)
    burned = burn_boxes(buf.getvalue(), [RedactionBox("b", "e", 16, 16, 32, 32)])
    with Image.open(io.BytesIO(burned)) as img:
        assert img.format == fmt  # the file name and MIME type stay true
        assert _pixels_inside(img, (16, 16, 32, 32)) == {BOX_COLOUR}


def test_an_animated_picture_keeps_only_its_burned_first_frame():
    frames = [Image.new("RGB", (40, 30), colour) for colour in ((200, 0, 0), (0, 200, 0))]
    buf = io.BytesIO()
    frames[0].save(buf, "GIF", save_all=True, append_images=frames[1:])
    burned = burn_boxes(buf.getvalue(), [RedactionBox("b", "e", 0, 0, 20, 30)])
    with Image.open(io.BytesIO(burned)) as img:
        assert getattr(img, "n_frames", 1) == 1
        assert _pixels_inside(img, (0, 0, 20, 30)) == {BOX_COLOUR}


def test_deleting_a_screenshot_takes_its_boxes_along(doc):
    from pm_desktop.domain.ops import delete_evidence

    doc.apply(add_box(doc.review, "shot", *BOX))
    edit = delete_evidence(doc.review, ["shot"])
    doc.apply(edit)
    assert doc.review.boxes == {} and doc.review.evidence == {}
    doc.apply(edit.inverse())
    assert len(doc.review.boxes) == 1


def test_boxes_and_marked_text_round_trip_through_json(doc, tmp_path):
    doc.apply(add_box(doc.review, "shot", *BOX))
    doc.apply(mark_redacted(doc.review, "Dashboard", "evidence", "shot", "title"))
    out = tmp_path / "x.json"
    run_export("json", ExportJob(doc.snapshot(), doc.read_blob, out))
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["redaction_boxes"][0]["w"] == BOX[2]
    back = parse_review_text(out.read_text(encoding="utf-8"))
    assert back.review.boxes == doc.review.boxes
    assert back.review.redactions == doc.review.redactions
    # the JSON interchange keeps the original picture; the boxes travel beside it
    sha = doc.review.evidence["shot"].blob
    assert back.blobs[sha] == doc.read_blob(sha)


def test_marked_text_is_struck_from_every_document_export(doc, tmp_path):
    doc.apply(mark_redacted(doc.review, "Dashboard", "evidence", "shot", "title"))
    out = tmp_path / "x.md"
    run_export("md", ExportJob(doc.snapshot(), doc.read_blob, out, images=False))
    text = out.read_text(encoding="utf-8")
    assert "Dashboard" not in text and "redacted" in text


def test_the_pdf_shows_the_box_filled_and_the_rest_of_the_picture(doc, tmp_path):
    from pypdf import PdfReader

    doc.apply(add_box(doc.review, "shot", 0, 0, 80, 90))  # the left half of a 160×90 picture
    out = tmp_path / "out.pdf"
    run_export("pdf", ExportJob(doc.snapshot(), doc.read_blob, out))
    pictures = [img.image for page in PdfReader(out).pages for img in page.images]
    assert pictures
    picture = pictures[0].convert("RGB")
    w, h = picture.size
    left = {picture.getpixel((x, y)) for x in range(2, w // 2 - 3) for y in range(2, h - 2)}
    assert left == {BOX_COLOUR}
    right = {picture.getpixel((x, y)) for x in range(w // 2 + 3, w - 2) for y in range(h)}
    assert right != {BOX_COLOUR}


@pytest.mark.parametrize(
    "data",
    [
        b"%!PS-Adobe-3.0 EPSF-3.0\n%%BoundingBox: 0 0 10 10\nshowpage\n",
        picture(160, 90, 5)[: len(picture(160, 90, 5)) // 2],  # truncated
        b"",
    ],
    ids=["eps", "truncated-png", "empty"],
)
def test_a_box_on_a_picture_the_decoder_refuses_exports_a_placeholder_never_the_bytes(
    tmp_path, data
):
    """A file from someone else can hold anything under a box. The exporters then get no data
    (their placeholder), never the original bytes, and nothing is started to decode them."""
    from pm_desktop.export.burn import burned_reader

    review = Review(meta=ReviewMeta(title="Boxes"))
    blobs: dict[str, bytes] = {}
    add_image(review, blobs, "shot", picture(160, 90, 5), "image/png", title="Dashboard")
    sha = review.evidence["shot"].blob
    review.boxes["b"] = RedactionBox("b", "shot", *BOX)
    read = burned_reader(review, lambda _sha: data)
    # Refused from the header: passed on (every exporter refuses it alike); refused later: nothing.
    assert read(sha) == (b"" if data.startswith(b"\x89PNG") else data)
    for fmt in ("md", "pdf"):
        out = tmp_path / f"out.{fmt}"
        run_export(fmt, ExportJob(review, lambda _sha: data, out, profile="external"))
        assert out.stat().st_size > 0
        if fmt == "md":
            assert "evidence-" not in out.read_text(encoding="utf-8")  # no picture written out
