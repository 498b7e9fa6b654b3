"""Screenshots: read once, only to draw them, downscaled, flattened; broken ones say so."""

from __future__ import annotations

import hashlib
import io

from PIL import Image
from pypdf import PdfReader
from test_pdf_hostile import add_image, all_text, image_objects, picture

from pm_desktop.domain.model import BlobInfo, Evidence, Review, ReviewMeta
from pm_desktop.export.pdf import build_pdf


def export(review: Review, read_blob) -> PdfReader:
    out = io.BytesIO()
    build_pdf(review, read_blob, out)
    return PdfReader(io.BytesIO(out.getvalue()))


def embedded_images(reader: PdfReader) -> list:
    out = []
    for page in reader.pages:
        for ref in (page["/Resources"].get("/XObject") or {}).values():
            obj = ref.get_object()
            if obj.get("/Subtype") == "/Image":
                out.append(obj)
    return out


def test_each_picture_is_read_once_and_only_to_draw_it():
    review, blobs = Review(meta=ReviewMeta(title="Pictures")), {}
    for i in range(3):
        add_image(review, blobs, f"i{i}", picture(300 + i, 200, i + 1), "image/png", seq=i)
    reads: list[str] = []

    def read_blob(sha: str) -> bytes:
        reads.append(sha)
        return blobs[sha]

    reader = export(review, read_blob)
    assert sorted(reads) == sorted(blobs)  # not once per layout pass, not to measure them
    assert len(image_objects(reader)) == 3


def test_a_big_screenshot_is_downscaled_to_about_150_dpi():
    review, blobs = Review(), {}
    add_image(review, blobs, "big", picture(3000, 2000, 7), "image/png", title="Wide dashboard")
    (image,) = embedded_images(export(review, blobs.__getitem__))
    # drawn about 493 pt (6.85 in) wide: ~1030 pixels at 150 dpi instead of 3000
    assert 900 <= int(image["/Width"]) <= 1100
    assert abs(int(image["/Height"]) / int(image["/Width"]) - 2 / 3) < 0.01


def test_transparent_pictures_are_flattened_onto_white():
    review, blobs = Review(), {}
    add_image(review, blobs, "rgba", picture(120, 80, 3, mode="RGBA"), "image/png", seq=0)
    palette = Image.new("P", (50, 40))
    palette.info["transparency"] = 0
    buf = io.BytesIO()
    palette.save(buf, "PNG")
    add_image(review, blobs, "pal", buf.getvalue(), "image/png", seq=1)
    images = embedded_images(export(review, blobs.__getitem__))
    assert len(images) == 2
    assert all("/SMask" not in image and "/Mask" not in image for image in images)


def test_unreadable_or_missing_pictures_print_a_note_instead():
    review, blobs = Review(), {}
    junk = b"\x89PNG\r\n\x1a\n this is not a picture"
    sha = hashlib.sha256(junk).hexdigest()
    review.blobs[sha] = BlobInfo(sha, "image/png", len(junk), 640, 480)
    blobs[sha] = junk
    review.evidence["junk"] = Evidence("junk", "image", title="Broken", blob=sha, seq=0)
    gone = "0" * 64
    review.blobs[gone] = BlobInfo(gone, "image/png", 10, 0, 0)  # no size recorded, no bytes
    review.evidence["gone"] = Evidence("gone", "image", title="Missing", blob=gone, seq=1)
    reader = export(review, blobs.__getitem__)
    assert image_objects(reader) == set()
    assert all_text(reader).count("This image could not be read") == 2


def test_a_picture_without_a_recorded_size_is_measured_from_its_header():
    review, blobs = Review(), {}
    data = picture(200, 100, 9, "JPEG")
    sha = hashlib.sha256(data).hexdigest()
    review.blobs[sha] = BlobInfo(sha, "image/jpeg", len(data), 0, 0)
    blobs[sha] = data
    review.evidence["j"] = Evidence("j", "image", title="Old capture", blob=sha)
    (image,) = embedded_images(export(review, blobs.__getitem__))
    assert (int(image["/Width"]), int(image["/Height"])) == (200, 100)
