"""The shipped fallback and monospace fonts are registered with Qt by path when they are files
(Qt reads a font's tables when it draws, instead of holding every font file in memory), and
from their bytes when they are not (resources inside a zip)."""

from __future__ import annotations

from importlib import resources

from PySide6.QtGui import QFontDatabase

from pm_desktop.ui import typography


class _ZippedFont:
    """A resource that is not a file on disk: only its bytes can be read."""

    def __init__(self, data: bytes) -> None:
        self._data = data

    def read_bytes(self) -> bytes:
        return self._data


class _MissingFont:
    def read_bytes(self) -> bytes:
        raise FileNotFoundError("gone")


def _font(name: str):
    return resources.files("pm_desktop.resources").joinpath("fonts").joinpath(name)


def test_a_font_file_is_registered_by_path(qapp, monkeypatch):
    calls: list[str] = []
    real = QFontDatabase.addApplicationFont
    monkeypatch.setattr(
        QFontDatabase, "addApplicationFont", lambda path: calls.append(path) or real(path)
    )
    font_id = typography.add_font(_font("NotoSansHebrew-Regular.ttf"))
    assert font_id >= 0 and calls == [str(_font("NotoSansHebrew-Regular.ttf"))]
    assert QFontDatabase.applicationFontFamilies(font_id) == ["Noto Sans Hebrew"]


def test_a_font_that_is_no_file_is_registered_from_its_bytes(qapp):
    data = _font("NotoSansThai-Regular.ttf").read_bytes()
    font_id = typography.add_font(_ZippedFont(data))  # type: ignore[arg-type]
    assert QFontDatabase.applicationFontFamilies(font_id) == ["Noto Sans Thai"]
    assert typography.add_font(_MissingFont()) == -1  # type: ignore[arg-type]


def test_the_fallback_fonts_and_the_monospace_font_are_available(qapp):
    qapp.setProperty("pmFontsRegistered", False)
    assert typography.register_bundled_fonts() == ["Droid Sans Fallback", "NanumSquare", "Symbola"]
    assert typography.mono_font().family() == typography.MONO_FAMILY
    assert typography.MONO_FAMILY in QFontDatabase.families()
