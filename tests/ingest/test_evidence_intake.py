"""Evidence intake: raw drops and pastes become drafts, or a sentence saying why not."""

from __future__ import annotations

import datetime as _dt
import io
import os

import pytest
from PIL import Image, ImageCms

from pm_desktop.ingest import evidence_intake as intake
from pm_desktop.ingest.evidence_intake import IntakeOptions
from pm_desktop.ingest.thumbnails import ThumbnailError, decode_count, make_thumbnail

NOW = _dt.datetime(2025, 3, 12, 9, 30, 5, tzinfo=_dt.UTC)
OPTS = IntakeOptions(clock=lambda: NOW)
MTIME = _dt.datetime(2025, 3, 12, 9, 20, 0, tzinfo=_dt.UTC).timestamp()


def encode(img: Image.Image, fmt: str, **kw) -> bytes:
    out = io.BytesIO()
    img.save(out, fmt, **kw)
    return out.getvalue()


def exif_bytes(stamp: str = "2025:03:12 09:41:22", offset: str = "+01:00") -> bytes:
    exif = Image.Exif()
    exif[0x0132] = stamp
    sub = exif.get_ifd(0x8769)
    sub[0x9003] = stamp
    sub[0x9011] = offset
    return exif.tobytes()


def png(width: int = 64, height: int = 48, color=(30, 90, 160)) -> bytes:
    return encode(Image.new("RGB", (width, height), color), "PNG")


def animated_gif() -> bytes:
    frames = [Image.new("P", (40, 30), i) for i in range(3)]
    out = io.BytesIO()
    frames[0].save(out, "GIF", save_all=True, append_images=frames[1:], loop=0)
    return out.getvalue()


def sixteen_bit_png() -> bytes:
    img = Image.new("I;16", (50, 40))
    img.putdata([(i * 37) % 65535 for i in range(50 * 40)])
    return encode(img, "PNG")


def png_with_exif_and_icc() -> bytes:
    icc = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    return encode(Image.new("RGB", (60, 40), (9, 9, 9)), "PNG", exif=exif_bytes(), icc_profile=icc)


ODD_IMAGES = {
    "cmyk.jpg": (lambda: encode(Image.new("CMYK", (80, 60), (0, 128, 255, 0)), "JPEG"), "image/jpeg"),
    "deep.png": (sixteen_bit_png, "image/png"),
    "anim.gif": (animated_gif, "image/gif"),
    "shot.webp": (lambda: encode(Image.new("RGBA", (70, 50), (255, 0, 0, 128)), "WEBP"), "image/webp"),
    "meta.png": (png_with_exif_and_icc, "image/png"),
    "old.bmp": (lambda: encode(Image.new("RGB", (30, 20), (0, 255, 0)), "BMP"), "image/bmp"),
    "mono.png": (lambda: encode(Image.new("1", (33, 17), 1), "PNG"), "image/png"),
}  # fmt: skip


# ------------------------------------------------------------------ images


@pytest.mark.parametrize("name", sorted(ODD_IMAGES))
def test_odd_but_valid_pictures_become_image_items_with_a_thumbnail(name):
    make, mime = ODD_IMAGES[name]
    data = make()
    result = intake.intake_file(name, data, MTIME, OPTS)
    assert result.rejections == []
    (draft,) = result.drafts
    assert (draft.kind, draft.mime, draft.filename) == ("image", mime, name)
    assert draft.width > 0 and draft.height > 0
    assert draft.data == data
    thumb = Image.open(io.BytesIO(make_thumbnail(data, 32)))
    assert thumb.format == "PNG" and max(thumb.size) <= 32


def test_exif_time_with_offset_wins_over_the_file_time():
    result = intake.intake_file("meta.png", png_with_exif_and_icc(), MTIME, OPTS)
    assert result.drafts[0].captured_at == "2025-03-12T08:41:22Z"


def test_without_exif_the_file_modification_time_is_the_capture_time():
    result = intake.intake_file("plain.png", png(), MTIME, OPTS)
    assert result.drafts[0].captured_at == "2025-03-12T09:20:00Z"


@pytest.mark.parametrize("mtime", [None, float("nan"), -1e12, 1e15, 0.0])
def test_without_a_usable_file_time_the_capture_time_is_now(mtime):
    result = intake.intake_file("plain.png", png(), mtime, OPTS)
    assert result.drafts[0].captured_at == "2025-03-12T09:30:05Z"


def test_capture_zone_is_the_one_asked_for():
    opts = IntakeOptions(clock=lambda: NOW, zone="Europe/Berlin")
    assert intake.intake_file("a.png", png(), None, opts).drafts[0].captured_tz == "Europe/Berlin"


def test_truncated_jpeg_is_refused_with_a_reason():
    data = encode(Image.new("RGB", (200, 150), (10, 200, 30)), "JPEG")
    result = intake.intake_file("cut.jpg", data[: len(data) // 2], None, OPTS)
    assert result.drafts == []
    assert "cut.jpg" in result.message() and "cut short" in result.message()


def test_a_decompression_bomb_is_refused_before_decoding():
    bomb = encode(Image.new("1", (20000, 20000), 0), "PNG")
    before = decode_count()
    result = intake.intake_file("bomb.png", bomb, None, OPTS)
    assert result.drafts == []
    assert "megapixels" in result.rejections[0].reason
    assert decode_count() == before


def test_a_text_file_named_png_is_refused_not_stored_as_a_file():
    result = intake.intake_file("notes.png", b"just some text\n", None, OPTS)
    assert result.drafts == []
    assert result.rejections[0].source == "notes.png"


def test_bytes_that_only_look_like_a_picture_stay_a_file():
    result = intake.intake_file("dump.bin", b"\x89PNG\r\n\x1a\nnot really", None, OPTS)
    assert [d.kind for d in result.drafts] == ["file"]


@pytest.mark.parametrize("name", ["empty.png", "empty.log", "noext"])
def test_empty_files_are_refused(name):
    result = intake.intake_file(name, b"", None, OPTS)
    assert result.drafts == [] and "empty" in result.rejections[0].reason


def test_size_limit_refuses_with_both_sizes_in_the_message():
    result = intake.intake_file("big.log", b"x" * 2048, None, IntakeOptions(limit=1024))
    assert result.drafts == []
    assert "2 KB" in result.rejections[0].reason and "1 KB" in result.rejections[0].reason


def test_thumbnail_refuses_garbage_with_a_sentence():
    with pytest.raises(ThumbnailError):
        make_thumbnail(b"garbage")
    with pytest.raises(ThumbnailError):
        make_thumbnail(b"")


# ------------------------------------------------------------------ names and files


@pytest.mark.parametrize(
    ("name", "stored"),
    [
        ("../../evil.png", "evil.png"),
        ("..\\..\\windows\\evil.png", "evil.png"),
        ("/etc/passwd", "passwd"),
        ("отчёт-日本語-🔥.png", "отчёт-日本語-🔥.png"),
        ("..", "file"),
        ("", "file"),
        ("bad\x00name\x07.png", "badname.png"),
        ("a" * 400 + ".png", "a" * 251 + ".png"),
    ],
)
def test_stored_file_name_is_only_the_last_printable_component(name, stored):
    draft = intake.intake_file(name, png(), None, OPTS).drafts[0]
    assert draft.filename == stored
    assert "/" not in draft.filename and "\\" not in draft.filename


def test_a_file_without_extension_is_kept_as_a_file_typed_by_its_content():
    text = intake.intake_file("README", "héllo\n".encode(), None, OPTS).drafts[0]
    assert (text.kind, text.mime, text.title) == ("file", "text/plain", "README")
    binary = intake.intake_file("core", b"\x7fELF\x00\x01", None, OPTS).drafts[0]
    assert (binary.kind, binary.mime) == ("file", "application/octet-stream")


def test_a_log_file_is_a_file_item_with_a_text_type():
    draft = intake.intake_file("app.log", b"ERROR boom\n", MTIME, OPTS).drafts[0]
    assert draft.kind == "file" and intake.is_text_mime(draft.mime)


def test_paths_folders_missing_and_oversized_files(tmp_path):
    good = tmp_path / "trace.txt"
    good.write_text("Traceback (most recent call last):\n", encoding="utf-8")
    os.utime(good, (MTIME, MTIME))
    big = tmp_path / "big.bin"
    big.write_bytes(b"0" * 3000)
    results = [
        intake.intake_path(good, OPTS),
        intake.intake_path(tmp_path, OPTS),
        intake.intake_path(tmp_path / "gone.png", OPTS),
        intake.intake_path(big, IntakeOptions(limit=1000)),
    ]
    assert results[0].drafts[0].captured_at == "2025-03-12T09:20:00Z"
    assert "folder" in results[1].rejections[0].reason
    assert "no longer there" in results[2].rejections[0].reason
    assert "limit" in results[3].rejections[0].reason


# ------------------------------------------------------------------ links and text


@pytest.mark.parametrize(
    ("url", "title"),
    [
        ("https://example.slack.com/archives/C1/p2", "#inc channel"),
        ("https://grafana.example.com/d/abc/payments", ""),
        ("mailto:oncall@example.com", ""),
    ],
)
def test_safe_urls_become_links(url, title):
    draft = intake.intake_url(url, title, OPTS).drafts[0]
    assert draft.kind == "link" and draft.url == url
    assert draft.title == (title or intake.link_title(url))


@pytest.mark.parametrize(
    "url", ["javascript:alert(1)", "file:///etc/passwd", "data:text/html,<b>x</b>", "ftp://x/y"]
)
def test_unsafe_urls_are_kept_as_text_never_as_links(url):
    draft = intake.intake_url(url, "Click me", OPTS).drafts[0]
    assert draft.kind == "text" and draft.url == "" and draft.text == url
    assert "never opened" in draft.note


def test_lone_url_text_is_a_link_and_several_urls_are_several_links():
    assert [d.kind for d in intake.intake_text("  https://x.example/a  \n", OPTS).drafts] == [
        "link"
    ]
    many = intake.intake_text("https://a.example/1\nhttps://b.example/2\n", OPTS).drafts
    assert [d.url for d in many] == ["https://a.example/1", "https://b.example/2"]


def test_a_stack_trace_is_one_snippet_with_its_whitespace():
    trace = (
        "Traceback (most recent call last):\r\n"
        '  File "app.py", line 3, in <module>\r\n'
        "    main()\r\n"
        "\tValueError: x<y & <img src=/etc/passwd>\r\n"
    )
    (draft,) = intake.intake_text(trace, OPTS).drafts
    assert draft.kind == "text"
    assert draft.title == "Traceback (most recent call last):"
    assert draft.text.splitlines()[2] == "    main()"
    assert "\tValueError: x<y & <img src=/etc/passwd>" in draft.text
    assert "\r" not in draft.text


@pytest.mark.parametrize("text", ["", "   \n\t\n", "\x00", 42, None, b"bytes"])
def test_garbage_text_is_refused_not_raised(text):
    result = intake.intake_text(text, OPTS)  # type: ignore[arg-type]
    assert result.drafts == [] or result.drafts[0].kind == "text"
    assert result.drafts or result.rejections


@pytest.mark.parametrize("text", ["Привет мир", "日本語のログ", "🔥 fire 🔥", "x<y", "a\x00b"])
def test_hostile_or_foreign_text_is_kept(text):
    (draft,) = intake.intake_text(text, OPTS).drafts
    assert "\x00" not in draft.text
    assert draft.text.replace("\ufffd", "\x00") == text


def test_text_too_long_for_a_snippet_is_kept_as_a_text_file():
    huge = "line of log\n" * 200_000
    (draft,) = intake.intake_text(huge, OPTS).drafts
    assert draft.kind == "file" and draft.mime == "text/plain"
    assert draft.data is not None and draft.data.decode("utf-8") == huge.rstrip()


def test_garbage_bytes_never_raise():
    for data in (
        b"\xff" * 10,
        os.urandom(300),
        b"GIF89a" + b"\x00" * 5,
        b"RIFF\x00\x00\x00\x00WEBP",
    ):
        result = intake.intake_file("x.gif", data, None, OPTS)
        assert result.drafts == [] and result.rejections
    assert intake.intake_file("x", None, None, OPTS).rejections  # type: ignore[arg-type]
    assert intake.intake_image_data(b"junk", OPTS).rejections


def test_pasted_picture_gets_a_time_and_a_generated_name():
    (draft,) = intake.intake_image_data(png(), OPTS).drafts
    assert draft.filename == "picture-20250312-093005.png"
    assert draft.title == "Pasted picture, 2025-03-12 09:30"
    assert draft.captured_at == "2025-03-12T09:30:05Z"


# ------------------------------------------------------------------ browser data


def test_browser_titles_from_html_and_moz_url():
    html = '<meta charset="utf-8"><a href="https://x.example/a">Ticket &amp; more</a>'
    assert intake.html_anchor_titles(html) == {"https://x.example/a": "Ticket & more"}
    pairs = intake.parse_url_title_pairs("https://a.example/\nA title\nhttps://b.example/\nB")
    assert pairs == [("https://a.example/", "A title"), ("https://b.example/", "B")]
    assert intake.html_to_text("<p>one</p><script>x()</script><p>two &lt;3</p>") == "one\ntwo <3"


def test_one_drop_is_capped_in_items():
    result = intake.IntakeResult(
        drafts=[intake.intake_url(f"https://x.example/{i}", "", OPTS).drafts[0] for i in range(510)]
    )
    capped = intake.limit_drop(result)
    assert len(capped.drafts) == intake.MAX_ITEMS
    assert len(capped.rejections) == 10
