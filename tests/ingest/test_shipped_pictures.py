"""Pictures we ship are described in their folder's ``pictures.json`` so the example opens
without decoding its screenshot before the first paint. The decoder still vouches for them:
here, for every shipped picture, and at run time for bytes that differ from their entry."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from importlib import resources

import pytest

from pm_desktop.ingest import builtin, json_import
from pm_desktop.ingest.images import inspect_image


def _folders_with_pictures():
    root = resources.files("pm_desktop.resources")
    return [f for f in root.iterdir() if f.is_dir() and f.joinpath(builtin.PICTURES).is_file()]


def test_every_shipped_picture_is_what_the_decoder_says():
    folders = _folders_with_pictures()
    assert folders, "the example's pictures.json is shipped"
    for folder in folders:
        entries = builtin.shipped_pictures(folder)
        assert entries
        for name, entry in entries.items():
            data = folder.joinpath(name).read_bytes()
            info = inspect_image(data)
            assert entry == {
                "sha256": hashlib.sha256(data).hexdigest(),
                "mime": info.mime,
                "width": info.width,
                "height": info.height,
            }, name


def test_the_example_is_the_same_review_as_when_every_picture_is_decoded(monkeypatch):
    quick = builtin.load_example()
    monkeypatch.setattr(builtin, "shipped_pictures", lambda folder: {})
    decoded = builtin.load_example()
    assert quick.review == decoded.review and quick.blobs == decoded.blobs
    assert quick.review.blobs  # the example does carry a picture


def test_bytes_that_differ_from_their_entry_are_decoded(monkeypatch):
    seen: list[int] = []
    real = json_import.inspect_image

    def counting(data, **kwargs):
        seen.append(len(data))
        return real(data, **kwargs)

    monkeypatch.setattr(json_import, "inspect_image", counting)
    builtin.load_example()
    assert seen == []
    entries = builtin.shipped_pictures(builtin.resource_root().joinpath("example"))
    stale = {name: {**entry, "sha256": "0" * 64} for name, entry in entries.items()}
    monkeypatch.setattr(builtin, "shipped_pictures", lambda folder: stale)
    builtin.load_example()
    assert len(seen) == len(entries)


def test_an_imported_review_has_every_picture_decoded(monkeypatch):
    example = builtin.load_example()
    exported = {
        "format": "pm-desktop-review",
        "version": 1,
        "evidence": [
            {
                "id": "e1",
                "kind": "image",
                "title": "not a picture",
                "data_base64": "bm90IGEgcGljdHVyZQ==",
            }
        ],
    }
    assert example.review.blobs
    with pytest.raises(json_import.ImportProblem, match="evidence\\[0\\].data_base64"):
        json_import.review_from_dict(exported)


def test_opening_the_example_does_not_load_pillow():
    code = (
        "import sys\n"
        "from pm_desktop.ingest.builtin import load_example\n"
        "load_example()\n"
        "print('PIL' in sys.modules)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "False"
