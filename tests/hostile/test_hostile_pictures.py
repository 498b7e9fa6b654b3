"""Stored picture bytes: one decoder, five raster formats, the intake's pixel limit, no process.

The hostile bytes are those of :mod:`hostile_files`; the PDF and Markdown checks run the real
exporters on a generated hostile file.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hostile_files import CASES, EPS, EPS_LOOP, SVG, bomb_png, make
from PIL import Image
from pypdf import PdfReader

from pm_desktop.cli import main
from pm_desktop.store import pictures

ROOT = Path(__file__).resolve().parents[2] / "pm_desktop"


@pytest.mark.parametrize(
    "data",
    [EPS, EPS_LOOP, SVG, b"%PDF-1.4\n", b"II*\x00" + b"\x00" * 64, b"", b"\x89PNG\r\n\x1a\n"],
    ids=["eps", "eps-loop", "svg", "pdf", "tiff-header", "empty", "png-magic-only"],
)
def test_the_decoder_refuses_what_the_intake_refuses_without_a_process(data, no_child_processes):
    with pytest.raises(pictures.PictureError) as caught:
        pictures.decode(data)
    assert caught.value.label
    with pytest.raises(pictures.PictureError):
        pictures.probe(data)


def test_a_bomb_is_refused_from_its_header_with_a_labelled_placeholder(no_child_processes):
    bomb = bomb_png()
    assert len(bomb) < 1_000_000
    with pytest.raises(pictures.PictureError) as caught:
        pictures.decode(bomb)
    assert caught.value.label == "Image too large to show (13,000×13,000 pixels)"


def test_pillow_is_asked_for_the_five_formats_only(monkeypatch, no_child_processes):
    asked = []
    real_open = Image.open

    def spy(fp, mode="r", formats=None):
        asked.append(tuple(formats or ()))
        return real_open(fp, mode, formats)

    monkeypatch.setattr(Image, "open", spy)
    with pytest.raises(pictures.PictureError):
        pictures.decode(EPS)
    assert asked == [("PNG", "JPEG", "GIF", "WEBP", "BMP")]


def test_stored_bytes_are_decoded_in_one_place_only():
    """Thumbnails, the viewer, the presentation, copying, the PDF, Markdown and the intake all
    go through store/pictures.py (the ui has a QImage adapter of it, nothing more)."""
    allowed_pil = {"store/pictures.py"}
    for path in ROOT.rglob("*.py"):
        rel = path.relative_to(ROOT).as_posix()
        text = path.read_text(encoding="utf-8")
        if rel not in allowed_pil:
            assert not re.search(r"\bImage\.open\(", text), f"{rel} decodes bytes itself"
        assert "loadFromData" not in text, rel
        assert not re.search(r"QImage\.fromData\(", text), f"{rel} lets Qt decode stored bytes"
        assert not re.search(r"\bImageReader\((?!picture\))", text), rel


@pytest.mark.parametrize(
    ("name", "label"),
    [
        ("picture-eps-ghostscript", "This image could not be read"),
        ("picture-eps-endless-loop", "This image could not be read"),
        ("picture-png-bomb-13000px", "Image too large to show (13,000×13,000 pixels)"),
        ("picture-tiff", "This image could not be read"),
    ],
)
def test_the_pdf_draws_a_labelled_placeholder_and_no_picture(
    name, label, hostile_base, tmp_path, capsys, no_child_processes
):
    path = make(CASES[name], hostile_base, tmp_path / "in")
    out = tmp_path / "x.pdf"
    assert main(["export", str(path), "-o", str(out)]) == 0
    reader = PdfReader(out)
    text = " ".join(" ".join((p.extract_text() or "").split()) for p in reader.pages)
    assert label in text
    assert "GHOSTSCRIPT" not in text
    for page in reader.pages:
        xobjects = page["/Resources"].get("/XObject") or {}
        assert all(x.get_object().get("/Subtype") != "/Image" for x in xobjects.values())


@pytest.mark.parametrize("name", ["picture-eps-ghostscript", "picture-png-bomb-13000px"])
def test_markdown_writes_no_file_for_bytes_we_do_not_decode(
    name, hostile_base, tmp_path, no_child_processes
):
    path = make(CASES[name], hostile_base, tmp_path / "in")
    out = tmp_path / "x.md"
    assert main(["export", str(path), "-o", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    assert "![" not in text
    assert "could not be read" in text or "too large" in text
    assert not (tmp_path / "x_files").exists()
