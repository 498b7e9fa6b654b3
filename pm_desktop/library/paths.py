"""Where the library index lives when nobody says: the app's data folder, found without Qt.

The GUI passes its own app-data folder (which tests and screenshots point at a temporary one);
the command line uses the same place Qt would pick for the app's data on each platform, or
``PM_DESKTOP_DATA`` when set.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from pm_desktop import APP_NAME, ORG_NAME

INDEX_NAME = "library-index.sqlite"
DATA_ENV = "PM_DESKTOP_DATA"


def data_dir() -> Path:
    override = os.environ.get(DATA_ENV, "").strip()
    if override:
        return Path(override)
    if sys.platform == "win32":
        base = Path(os.environ.get("APPDATA") or Path.home() / "AppData" / "Roaming")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / ORG_NAME / APP_NAME


def default_index_path(folder: Path | None = None) -> Path:
    return (folder or data_dir()) / INDEX_NAME
