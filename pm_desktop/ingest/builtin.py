"""The reviews that ship with the app: the worked example (and, later, templates).

They are JSON files in the interchange format under ``resources/``. An evidence item may name a
sibling file with ``"resource"`` instead of carrying base64; that key is honoured here only, for
files we ship — never for JSON a user imports.

A folder's ``pictures.json`` says what the picture decoder found in each shipped picture (MIME
type and size, with the sha256 of the bytes it looked at). Opening the example then does not
load Pillow and decode the screenshot before the window can paint; a test decodes every shipped
picture and compares, and bytes that differ from their entry are decoded as usual.
"""

from __future__ import annotations

import base64
import hashlib
import json
from importlib import resources
from importlib.resources.abc import Traversable

from .images import ImageInfo
from .json_import import ImportedReview, review_from_dict

EXAMPLE = "example/example-review.json"
PICTURES = "pictures.json"


def resource_root() -> Traversable:
    return resources.files("pm_desktop.resources")


def load_builtin(relative: str) -> ImportedReview:
    """Load a shipped review, filling ``"resource"`` images from files next to it."""
    path = resource_root().joinpath(*relative.split("/"))
    folder = resource_root().joinpath(*relative.split("/")[:-1])
    data = json.loads(path.read_text(encoding="utf-8"))
    known = shipped_pictures(folder)
    checked: dict[str, ImageInfo] = {}
    for item in data.get("evidence", []):
        name = item.pop("resource", None)
        if name:
            if "/" in name or "\\" in name or name.startswith("."):
                raise ValueError(f"shipped review names an unsafe resource {name!r}")
            raw = folder.joinpath(name).read_bytes()
            entry = known.get(name)
            sha = hashlib.sha256(raw).hexdigest()
            if entry is not None and entry.get("sha256") == sha:
                checked[sha] = ImageInfo(entry["mime"], entry["width"], entry["height"])
            item["data_base64"] = base64.b64encode(raw).decode("ascii")
    return review_from_dict(data, checked=checked)


def shipped_pictures(folder: Traversable) -> dict[str, dict]:
    """The folder's ``pictures.json`` (see the module docstring); empty when there is none."""
    entry = folder.joinpath(PICTURES)
    if not entry.is_file():
        return {}
    return json.loads(entry.read_text(encoding="utf-8"))


def load_example() -> ImportedReview:
    return load_builtin(EXAMPLE)
