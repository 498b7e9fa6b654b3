"""The main window's side of the library: one library window per main window, and opening a
review at the item a search hit or a follow-up points to."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pm_desktop.library.paths import INDEX_NAME

from .. import settings as settings_mod

if TYPE_CHECKING:
    from ..main_window import MainWindow
    from .window import LibraryWindow


def index_path():  # noqa: ANN201 - Path
    """The index in the app's data folder (a temporary one under tests and screenshots)."""
    return settings_mod.app_data_dir() / INDEX_NAME


def show_library(window: MainWindow) -> LibraryWindow:
    """Show (or raise) the library window that belongs to ``window``."""
    library = getattr(window, "_library_window", None)
    if library is None:
        from .window import LibraryWindow  # on first use: the overview only needs index_path

        library = LibraryWindow(index_path(), window)
        library.openRequested.connect(lambda p, k, i: open_at(window, p, k, i))
        window._library_window = library  # type: ignore[attr-defined]
    library.show()
    library.raise_()
    library.activateWindow()
    if library.library is not None and library.library.folders():
        library.scan()  # cheap when nothing changed: size and time are compared first
    return library


def open_at(window: MainWindow, path: str, kind: str, item_id: str) -> bool:
    """Open ``path`` in the main window (the one writer for it) and select the item."""
    if not window.open_path(path):
        return False
    window.raise_()
    window.activateWindow()
    from pm_desktop.library.extract import COLLECTION_OF_KIND  # the library's own code: on use

    collection = COLLECTION_OF_KIND.get(kind, "review")
    if collection in ("review", "people", "parking") or not item_id:
        return window.go_to_panel("overview")
    return window.reveal(collection, item_id)
