"""Counts read as a person would write them."""

from __future__ import annotations

import pytest

from pm_desktop.domain.wording import counted


@pytest.mark.parametrize(
    ("n", "expected"),
    [(0, "0 whys"), (1, "1 why"), (2, "2 whys"), (1200, "1,200 whys")],
)
def test_whys_are_counted_with_the_right_form(n, expected):
    assert counted(n, "why", "whys") == expected


def test_a_regular_plural_adds_an_s():
    assert counted(1, "timeline event") == "1 timeline event"
    assert counted(3, "follow-up") == "3 follow-ups"


def test_a_cut_short_picture_is_explained_without_the_decoders_words():
    import io

    from PIL import Image

    from pm_desktop.ingest.images import ImageRejected, inspect_image

    buffer = io.BytesIO()
    Image.new("RGB", (64, 64), "#336699").save(buffer, "PNG")
    data = buffer.getvalue()
    with pytest.raises(ImageRejected) as info:
        inspect_image(data[: len(data) // 2])
    assert str(info.value) == "the picture is damaged or cut short"
