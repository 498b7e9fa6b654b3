"""Remembered preferences and the app-data folder.

Everything the app remembers between runs (theme, text zoom, recent files, presentation timeboxes)
goes through :class:`Settings`, which reads and writes one QSettings INI file. :func:`isolate`
sends both that file and the app-data folder (where untitled reviews live) to a temporary folder:
tests, ``--smoke`` and screenshots use it so they never read or change the user's real settings,
recent files or unsaved reviews.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths

from pm_desktop import APP_NAME, ORG_NAME

MAX_RECENT = 10
ZOOM_MIN, ZOOM_MAX = 0.7, 2.5

# Minutes per agenda section in presentation mode, by panel key.
DEFAULT_TIMEBOXES: dict[str, int] = {
    "overview": 5,
    "timeline": 15,
    "evidence": 5,
    "whys": 20,
    "board": 15,
    "followups": 15,
}
FALLBACK_TIMEBOX = 10

_override: dict[str, Path | None] = {"root": None}


def _settings_file() -> Path | None:
    root = _override["root"]
    return None if root is None else root / "settings" / f"{APP_NAME}.ini"


def qsettings() -> QSettings:
    """The QSettings every part of the app should use (honours :func:`isolate`)."""
    file = _settings_file()
    if file is not None:
        return QSettings(str(file), QSettings.Format.IniFormat)
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORG_NAME, APP_NAME)


def app_data_dir() -> Path:
    """Where the app keeps its own files (untitled reviews). Created on demand."""
    root = _override["root"]
    if root is not None:
        folder = root / "appdata"
    else:
        location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
        folder = Path(location) if location else Path.home() / f".{APP_NAME}"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def untitled_dir() -> Path:
    """Untitled reviews live here from their first keystroke until saved or discarded."""
    folder = app_data_dir() / "untitled"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@contextlib.contextmanager
def isolate(folder: os.PathLike[str] | str) -> Iterator[Path]:
    """Keep settings and app data under ``folder`` for the duration (restored afterwards).

    Also points Qt's own INI/native user settings there, for any code that builds a plain
    ``QSettings()``; Qt offers no way to read that path back, so tests re-point it per test.
    """
    root = Path(folder)
    root.mkdir(parents=True, exist_ok=True)
    previous = _override["root"]
    _override["root"] = root
    for fmt in (QSettings.Format.IniFormat, QSettings.Format.NativeFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, str(root / "qt-settings"))
    try:
        yield root
    finally:
        _override["root"] = previous


def is_isolated() -> bool:
    return _override["root"] is not None


class Settings:
    """Typed access to what the app remembers. Reads go to QSettings every time (cheap), so
    two windows see each other's changes."""

    def __init__(self, store: QSettings | None = None):
        self._store = store if store is not None else qsettings()

    @property
    def store(self) -> QSettings:
        return self._store

    def sync(self) -> None:
        self._store.sync()

    # ------------------------------------------------------------------ recent files
    def recent_files(self, *, existing_only: bool = True) -> list[str]:
        raw = self._store.value("files/recent", [], type=list) or []
        paths = [str(p) for p in raw if isinstance(p, str) and p]
        if existing_only:
            paths = [p for p in paths if Path(p).is_file()]
        return paths[:MAX_RECENT]

    def add_recent(self, path: os.PathLike[str] | str) -> None:
        full = str(Path(path).resolve())
        paths = [p for p in self.recent_files(existing_only=False) if p != full]
        self._store.setValue("files/recent", [full, *paths][:MAX_RECENT])
        self._store.setValue("files/last_folder", str(Path(full).parent))

    def remove_recent(self, path: os.PathLike[str] | str) -> None:
        full = str(Path(path).resolve())
        paths = [p for p in self.recent_files(existing_only=False) if p != full]
        self._store.setValue("files/recent", paths)

    def clear_recent(self) -> None:
        self._store.setValue("files/recent", [])

    def last_folder(self) -> str:
        folder = str(self._store.value("files/last_folder", "", type=str) or "")
        if folder and Path(folder).is_dir():
            return folder
        docs = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        # A folder that does not exist would make the file dialog fall back to the current
        # directory (wherever the app was started from).
        return docs if docs and Path(docs).is_dir() else str(Path.home())

    def last_tracker(self) -> str:
        """The tracker the last follow-up CSV was made for (``jira`` until one is chosen)."""
        from pm_desktop.export.trackers import TRACKERS  # not needed for the first paint

        value = str(self._store.value("export/tracker", "jira", type=str) or "jira")
        return value if value in TRACKERS else "jira"

    def set_last_tracker(self, name: str) -> None:
        from pm_desktop.export.trackers import TRACKERS

        if name in TRACKERS:
            self._store.setValue("export/tracker", name)

    # ------------------------------------------------------------------ look
    def theme(self) -> str:
        return str(self._store.value("view/theme", "system", type=str) or "system")

    def set_theme(self, name: str) -> None:
        self._store.setValue("view/theme", name)

    def zoom(self) -> float:
        value = _as_float(self._store.value("view/zoom", 1.0), 1.0)
        return min(ZOOM_MAX, max(ZOOM_MIN, value))

    def set_zoom(self, value: float) -> None:
        self._store.setValue("view/zoom", round(min(ZOOM_MAX, max(ZOOM_MIN, value)), 3))

    def geometry(self) -> bytes:
        value = self._store.value("window/geometry", b"")
        return bytes(value) if value else b""

    def set_geometry(self, data: bytes) -> None:
        self._store.setValue("window/geometry", data)

    def last_panel(self) -> str:
        return str(self._store.value("window/panel", "", type=str) or "")

    def set_last_panel(self, key: str) -> None:
        self._store.setValue("window/panel", key)

    # ------------------------------------------------------------------ presentation
    def presentation_high_contrast(self) -> bool:
        return _as_bool(self._store.value("presentation/high_contrast", False))

    def set_presentation_high_contrast(self, on: bool) -> None:
        self._store.setValue("presentation/high_contrast", bool(on))

    def timebox_minutes(self, key: str) -> int:
        default = DEFAULT_TIMEBOXES.get(key, FALLBACK_TIMEBOX)
        value = _as_float(self._store.value(f"presentation/timebox/{key}", default), default)
        return int(min(240, max(1, value)))

    def set_timebox_minutes(self, key: str, minutes: int) -> None:
        self._store.setValue(f"presentation/timebox/{key}", int(min(240, max(1, minutes))))


def _as_float(value: object, default: float) -> float:
    try:
        return float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return default


def _as_bool(value: object) -> bool:
    if isinstance(value, str):
        return value.strip().lower() in ("1", "true", "yes", "on")
    return bool(value)
