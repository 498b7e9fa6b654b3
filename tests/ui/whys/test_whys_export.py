"""The tree as PNG and SVG files that other programs open."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from PIL import Image

from pm_desktop.domain import ops
from pm_desktop.domain.edits import set_field
from pm_desktop.domain.model import Review
from pm_desktop.export.job import ExportError
from pm_desktop.ui.whys.export import export_png, export_svg, render_image, tree_scene

HOSTILE = ["<img src=/etc/passwd>", "x<y & z", "Привет", "数据库超时", "😀 ok", "]]> --> \"'"]


def test_png_export_writes_an_image_pillow_opens(qtbot, controller, tmp_path):
    target = export_png(controller.review, tmp_path / "tree.png", scale=1.0)
    with Image.open(target) as image:
        image.verify()
    with Image.open(target) as image:
        width, height = image.size
        assert image.format == "PNG" and width > 400 and height > 400
        assert image.getpixel((2, 2))[:3] == (255, 255, 255)  # paper-white whatever the theme


def test_svg_export_is_xml_with_every_answer(qtbot, controller, tmp_path):
    target = export_svg(controller.review, tmp_path / "tree.svg")
    root = ET.parse(target).getroot()
    assert root.tag.endswith("svg")
    text = "".join(root.itertext())
    assert "Customers could not" in text and "ROOT CAUSE" in text


def test_hostile_text_exports_as_text(qtbot, tmp_path):
    review = Review()
    set_field(review, "title", '<script>alert(1)</script> & "co" ]]>').apply(review)
    edit = ops.add_why(review, None, "Problem")
    edit.apply(review)
    root = review.why_roots()[0].id
    for text in HOSTILE:
        ops.add_why(review, root, text).apply(review)
    target = export_svg(review, tmp_path / "hostile.svg", orientation="left-right")
    svg = ET.parse(target).getroot()
    assert svg.find("{http://www.w3.org/2000/svg}title").text.startswith("<script>")
    words = "".join(svg.itertext())
    for text in HOSTILE:
        assert text.split()[0] in words
    export_png(review, tmp_path / "hostile.png", scale=1.0)
    with Image.open(tmp_path / "hostile.png") as image:
        assert image.size[0] > image.size[1]  # left to right is wider than tall


def test_nothing_to_export_is_a_sentence_not_a_file(qtbot, tmp_path):
    with pytest.raises(ExportError, match="no whys"):
        export_png(Review(), tmp_path / "empty.png")
    assert not (tmp_path / "empty.png").exists()


def test_an_unwritable_target_is_reported_and_leaves_nothing(qtbot, controller, tmp_path):
    out = tmp_path / "out"
    folder = out / "a-folder.svg"
    folder.mkdir(parents=True)
    with pytest.raises(ExportError, match="folder"):
        export_svg(controller.review, folder)
    with pytest.raises(ExportError, match="cannot be written"):
        export_png(controller.review, out / "missing" / "tree.png")
    assert sorted(p.name for p in out.iterdir()) == ["a-folder.svg"]


def test_a_huge_tree_is_scaled_down_to_fit_an_image(qtbot):
    review = Review()
    ops.add_why(review, None, "root").apply(review)
    root = review.why_roots()[0].id
    for i in range(400):
        ops.add_why(review, root, f"branch {i}").apply(review)
    image = render_image(tree_scene(review), scale=4.0)
    assert image.width() <= 32_000 and image.width() * image.height() <= 150_000_000


def test_panel_export_reports_errors_through_the_controller(qtbot, panel, controller, tmp_path):
    assert panel.export_to(str(tmp_path / "ok.svg"), "svg")
    with qtbot.wait_signal(controller.error) as blocker:
        assert not panel.export_to(str(tmp_path / "no" / "such.png"), "png")
    assert "cannot be written" in blocker.args[0]
