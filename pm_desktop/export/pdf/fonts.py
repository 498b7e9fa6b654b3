"""The TrueType fonts the PDF uses, and which of them draws each character.

reportlab's built-in Helvetica has no Cyrillic, Greek, CJK or emoji, so we register the fonts
shipped in ``resources/fonts`` (TrueType outlines; reportlab embeds a subset of each) and split
every text into runs by the first font of a chain that has the glyph: DejaVu for Latin, Greek and
Cyrillic, Droid Sans Fallback for Chinese and Japanese, Nanum for Korean, Symbola for emoji and
pictographs. Arabic, Hebrew, Devanagari and Thai letters go to their Noto Sans font (regular or
bold with the base), and digits, punctuation and spaces between them stay in that font's run, so
a right-to-left sentence with a number in it is one run. Characters no font has stay with the
run they are in (drawn as a box, extracted as themselves).

Text in those scripts, right-to-left text and emoji sequences are shaped (:mod:`.shaping`): the
fonts are :class:`ShapingFont`, whose widths are the shaped widths, and :func:`draw_string` and
paragraphs draw shaped glyphs with the typed text attached for copying.

The fallback and script fonts are read only when a text needs one: they are four fifths of the
font data and cost about 30 MB and half a second per export that has no such character.
"""

from __future__ import annotations

import io
import threading
import unicodedata
from collections.abc import Iterator
from functools import lru_cache
from importlib import resources

from reportlab import rl_config
from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfbase.ttfonts import ShapedStr, TTFont
from reportlab.pdfgen import canvas as rl_canvas

from . import shaping

SANS = "PMSans"
SANS_BOLD = "PMSans-Bold"
MONO = "PMMono"
MONO_BOLD = "PMMono-Bold"
CJK = "PMCJK"
HANGUL = "PMHangul"
SYMBOLS = "PMSymbols"
ARABIC = "PMArabic"
ARABIC_BOLD = "PMArabic-Bold"
HEBREW = "PMHebrew"
HEBREW_BOLD = "PMHebrew-Bold"
DEVANAGARI = "PMDevanagari"
DEVANAGARI_BOLD = "PMDevanagari-Bold"
THAI = "PMThai"
THAI_BOLD = "PMThai-Bold"

_FILES = {
    SANS: "DejaVuSans.ttf",
    SANS_BOLD: "DejaVuSans-Bold.ttf",
    MONO: "DejaVuSansMono.ttf",
    MONO_BOLD: "DejaVuSansMono-Bold.ttf",
    CJK: "DroidSansFallbackFull.ttf",
    HANGUL: "NanumSquareR.ttf",
    SYMBOLS: "Symbola.ttf",
    ARABIC: "NotoSansArabic-Regular.ttf",
    ARABIC_BOLD: "NotoSansArabic-Bold.ttf",
    HEBREW: "NotoSansHebrew-Regular.ttf",
    HEBREW_BOLD: "NotoSansHebrew-Bold.ttf",
    DEVANAGARI: "NotoSansDevanagari-Regular.ttf",
    DEVANAGARI_BOLD: "NotoSansDevanagari-Bold.ttf",
    THAI: "NotoSansThai-Regular.ttf",
    THAI_BOLD: "NotoSansThai-Bold.ttf",
}
_FALLBACKS = (CJK, HANGUL, SYMBOLS)
# Script fonts by code point range: (first, last, regular, bold).
_SCRIPTS = (
    (0x0590, 0x05FF, HEBREW, HEBREW_BOLD),
    (0x0600, 0x06FF, ARABIC, ARABIC_BOLD),
    (0x0750, 0x077F, ARABIC, ARABIC_BOLD),
    (0x08A0, 0x08FF, ARABIC, ARABIC_BOLD),
    (0x0900, 0x097F, DEVANAGARI, DEVANAGARI_BOLD),
    (0x0E00, 0x0E7F, THAI, THAI_BOLD),
    (0x1CD0, 0x1CFF, DEVANAGARI, DEVANAGARI_BOLD),
    (0xA8E0, 0xA8FF, DEVANAGARI, DEVANAGARI_BOLD),
    (0xFB1D, 0xFB4F, HEBREW, HEBREW_BOLD),
    (0xFB50, 0xFDFF, ARABIC, ARABIC_BOLD),
    (0xFE70, 0xFEFF, ARABIC, ARABIC_BOLD),
)
_SCRIPT_FONTS = frozenset(font for *_, regular, bold in _SCRIPTS for font in (regular, bold))
_BOLD_BASES = frozenset({SANS_BOLD, MONO_BOLD})
_LAZY = frozenset(_FALLBACKS) | _SCRIPT_FONTS
CHAINS: dict[str, tuple[str, ...]] = {
    SANS: (SANS, *_FALLBACKS),
    SANS_BOLD: (SANS_BOLD, SANS, *_FALLBACKS),
    MONO: (MONO, SANS, *_FALLBACKS),
    MONO_BOLD: (MONO_BOLD, MONO, SANS_BOLD, SANS, *_FALLBACKS),
}

_ASCII_BASES = frozenset({SANS, SANS_BOLD, MONO, MONO_BOLD})
_lock = threading.Lock()
_coverage: dict[str, frozenset[int]] = {}


def font_dir():  # -> Traversable
    return resources.files("pm_desktop.resources") / "fonts"


def _to_unicode_cmap(fontname: str, subset) -> str:
    """reportlab's ToUnicode CMap, with characters beyond U+FFFF written as UTF-16 pairs.

    reportlab writes them as ``<1F600>`` (odd-length hex), which PDF readers reject, so emoji
    would not copy or search. This is the same CMap with the value encoded as the PDF
    specification asks (UTF-16BE).
    """
    face = fontname.partition("+")[2]
    entries = [
        f"<{i:02X}> <{shaping.unicode_text(face, code).encode('utf-16-be', 'surrogatepass').hex().upper()}>"
        for i, code in enumerate(subset)
    ]
    return "\n".join(
        [
            "/CIDInit /ProcSet findresource begin",
            "12 dict begin",
            "begincmap",
            "/CIDSystemInfo",
            f"<< /Registry ({fontname})",
            f"/Ordering ({fontname})",
            "/Supplement 0",
            ">> def",
            f"/CMapName /{fontname} def",
            "/CMapType 2 def",
            "1 begincodespacerange",
            f"<00> <{len(subset) - 1:02X}>",
            "endcodespacerange",
            f"{len(entries)} beginbfchar",
            *entries,
            "endbfchar",
            "endcmap",
            "CMapName currentdict /CMap defineresource pop",
            "end",
            "end",
        ]
    )


def ensure_fonts() -> None:
    """Register our base fonts with reportlab once per process (thread-safe); the fallback
    fonts are registered by :func:`_coverage_of` when a character first needs one."""
    if _coverage:
        return
    with _lock:
        if _coverage:
            return
        ttfonts.makeToUnicodeCMap = _to_unicode_cmap
        # Every canvas's text objects shape our complex-script text (paragraphs included).
        rl_canvas.PDFTextObject = shaping.ShapingTextObject
        shaping.split_runs = runs
        # Binary streams: ASCII85 only makes the file 25 % bigger, and without reportlab's C
        # accelerators encoding it is most of the time spent on screenshots.
        rl_config.useA85 = 0
        coverage = {name: _register(name) for name in _FILES if name not in _LAZY}
        # <b> inside a paragraph maps through these families; fallbacks have no bold face.
        pdfmetrics.registerFontFamily(
            SANS, normal=SANS, bold=SANS_BOLD, italic=SANS, boldItalic=SANS_BOLD
        )
        pdfmetrics.registerFontFamily(
            MONO, normal=MONO, bold=MONO_BOLD, italic=MONO, boldItalic=MONO_BOLD
        )
        _coverage.update(coverage)


def _register(name: str) -> frozenset[int]:
    """Read one font file, register it, return the characters it has (call under _lock)."""
    data = (font_dir() / _FILES[name]).read_bytes()
    font = ShapingFont(name, io.BytesIO(data))
    pdfmetrics.registerFont(font)
    shaping.SHAPED_FONTS.add(name)
    if name in _LAZY:
        pdfmetrics.registerFontFamily(name, normal=name, bold=name, italic=name, boldItalic=name)
    return frozenset(font.face.charToGlyph)


class ShapingFont(TTFont):
    """A TrueType font whose width of a text that needs shaping is the shaped width, so that
    paragraphs break and place lines by what is drawn."""

    def stringWidth(self, text, size, encoding="utf8"):  # noqa: N802 - reportlab's name
        if not isinstance(text, ShapedStr) and shaping.needs_shaping(text):
            return shaping.advance(text, self.fontName) * size / 1000
        return super().stringWidth(text, size, encoding)


def _coverage_of(name: str) -> frozenset[int]:
    found = _coverage.get(name)
    if found is None:
        with _lock:
            found = _coverage.get(name)
            if found is None:
                found = _coverage[name] = _register(name)
    return found


def has_glyph(font: str, char: str) -> bool:
    ensure_fonts()
    return ord(char) in _coverage_of(font)


def _script_font(code: int, base: str) -> str | None:
    for first, last, regular, bold in _SCRIPTS:
        if first <= code <= last:
            return bold if base in _BOLD_BASES else regular
    return None


@lru_cache(maxsize=65536)
def _font_for(char: str, base: str) -> str | None:
    code = ord(char)
    script = _script_font(code, base)
    if script is not None and code in _coverage_of(script):
        return script
    for name in CHAINS.get(base, (base, *_FALLBACKS)):
        if code in _coverage_of(name):
            return name
    return None


def runs(text: str, base: str = SANS) -> Iterator[tuple[str, str]]:
    """Split ``text`` into (font, text) runs; each character goes to the first font that has it.

    Spaces and characters no font has stay in the current run, so a run breaks only where a
    different font is really needed.
    """
    ensure_fonts()
    if base in _ASCII_BASES and text.isascii() and text.isprintable():
        yield base, text  # the common case: our base fonts have every printable ASCII glyph
        return
    current = base
    start = 0
    for i, char in enumerate(text):
        if char == " " or _stays(char, current):
            continue
        font = _font_for(char, base)
        if font is None or font == current:
            continue
        if i > start:
            yield current, text[start:i]
        current, start = font, i
    if start < len(text):
        yield current, text[start:]


@lru_cache(maxsize=4096)
def _stays(char: str, current: str) -> bool:
    """Whether ``char`` joins the run it is in whatever font would be first for it: joiners
    and variation selectors always; digits, punctuation and spaces inside a run of a script
    font (Arabic, Hebrew, Devanagari, Thai) when that font has them."""
    code = ord(char)
    if unicodedata.category(char) == "Cf" or 0xFE00 <= code <= 0xFE0F or code >= 0xE0100:
        return True
    if current in _SCRIPT_FONTS and not char.isalpha():
        return ord(char) in _coverage_of(current)
    return False


def fit_words(text: str, base: str, size: float, width: float) -> str:
    """Like :func:`fit`, but a cut falls between words when one is near ("Card payments…",
    not "Card paym…"): a title in a footer reads as words."""
    cut = fit(text, base, size, width)
    if cut == text:
        return text
    kept = cut[:-1]
    space = kept.rstrip().rfind(" ")
    if space >= len(kept) * 0.5:
        return kept[:space].rstrip(" ,;:–—-") + "…"
    return cut


def string_width(text: str, base: str, size: float, rtl: bool | None = None) -> float:
    if shaping.needs_shaping(text):
        ensure_fonts()
        return shaping.advance(text, base) * size / 1000
    return sum(pdfmetrics.stringWidth(part, font, size) for font, part in runs(text, base))


def draw_string(
    canv, x: float, y: float, text: str, base: str, size: float, rtl: bool | None = None
) -> float:
    """Draw ``text`` left-aligned at (x, y) with per-run fonts; returns the width drawn.

    Text that needs shaping is laid out in visual order (``rtl`` is the direction of the
    paragraph it belongs to, ``None`` for its own) and reads as typed when copied.
    """
    if shaping.needs_shaping(text):
        ensure_fonts()
        return _draw_shaped(canv, x, y, text, shaping.layout(text, base, rtl), size)
    start = x
    for font, part in runs(text, base):
        canv.setFont(font, size)
        canv.drawString(x, y, part)
        x += pdfmetrics.stringWidth(part, font, size)
    return x - start


def _draw_shaped(canv, x: float, y: float, text: str, line: shaping.Line, size: float) -> float:
    if not line.pieces:
        return line.width(size)
    glyphs = canv.beginText(x, y)
    # in the order typed, each at its place: readers taking text in stream order read it right
    for offset, piece in line.in_typed_order():
        glyphs.setTextOrigin(x + offset * size / 1000, y)
        glyphs.setFont(piece.font, size)
        glyphs._textOut(piece.glyphs)
    canv.drawText(glyphs)
    return line.width(size)


def draw_centred(canv, x: float, y: float, text: str, base: str, size: float) -> None:
    draw_string(canv, x - string_width(text, base, size) / 2, y, text, base, size)


def draw_right(
    canv, x: float, y: float, text: str, base: str, size: float, rtl: bool | None = None
) -> None:
    draw_string(canv, x - string_width(text, base, size, rtl), y, text, base, size, rtl)


def fit(text: str, base: str, size: float, width: float) -> str:
    """``text`` shortened with "…" until it fits ``width`` (binary search; long text is cheap)."""
    if string_width(text, base, size) <= width:
        return text
    low, high = 0, len(text)
    while low < high:
        mid = (low + high + 1) // 2
        if string_width(text[:mid].rstrip() + "…", base, size) <= width:
            low = mid
        else:
            high = mid - 1
    return text[:low].rstrip() + "…"
