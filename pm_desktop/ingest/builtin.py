"""The reviews that ship with the app: the worked example (and, later, templates).

They are JSON files in the interchange format under ``resources/``. An evidence item may name a
sibling file with ``"resource"`` instead of carrying base64; that key is honoured here only, for
files we ship — never for JSON a user imports.
"""

from __future__ import annotations

import base64
import json
from importlib import resources
from importlib.resources.abc import Traversable

from .json_import import ImportedReview, review_from_dict

EXAMPLE = "example/example-review.json"


def resource_root() -> Traversable:
    return resources.files("pm_desktop.resources")


def load_builtin(relative: str) -> ImportedReview:
    """Load a shipped review, filling ``"resource"`` images from files next to it."""
    path = resource_root().joinpath(*relative.split("/"))
    folder = resource_root().joinpath(*relative.split("/")[:-1])
    data = json.loads(path.read_text(encoding="utf-8"))
    for item in data.get("evidence", []):
        name = item.pop("resource", None)
        if name:
            if "/" in name or "\\" in name or name.startswith("."):
                raise ValueError(f"shipped review names an unsafe resource {name!r}")
            item["data_base64"] = base64.b64encode(folder.joinpath(name).read_bytes()).decode(
                "ascii"
            )
    return review_from_dict(data)


def load_example() -> ImportedReview:
    return load_builtin(EXAMPLE)
