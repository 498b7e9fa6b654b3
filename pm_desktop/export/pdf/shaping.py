"""Complex scripts and right-to-left text in the PDF: the bidi algorithm, HarfBuzz shaping, and
the text a reader copies.

A PDF holds positioned glyphs, not text. Arabic letters change shape with their neighbours,
Devanagari builds conjuncts and moves vowel signs before the consonant they follow, Thai stacks
vowels and tone marks, and Arabic and Hebrew lines run right to left. So a line that needs it is
laid out here:

1. the Unicode bidi algorithm (``python-bidi``'s reference implementation) gives each character
   its embedding level; runs of one level are put in visual order (rule L2);
2. each run is split by font (:func:`fonts.runs`) and shaped by HarfBuzz (``uharfbuzz``) in its
   direction, which also mirrors brackets in right-to-left runs and hides joiners and variation
   selectors;
3. the glyphs are drawn through reportlab's own positioned-glyph output (``ShapedStr``). Each
   glyph is subset under a character code whose ToUnicode entry is the character it stands for
   (a joining form reads as its letter, a conjunct's extra letters follow as invisible glyphs),
   so copying, searching and text extraction give back the text as typed. Readers rebuild
   right-to-left text from the visual order themselves, the way they read any Arabic PDF;
4. the pieces of a line are written in the order they were typed, each moved to its own place
   (``Line.in_typed_order``), so a reader that takes text in stream order (pypdf) reads a
   right-to-left line with Latin words or numbers in it as typed. pdfium sorts a line's pieces
   by position and runs a simpler bidi pass of its own: it reads right-to-left lines with
   Latin words right, and keeps the word order of an Arabic phrase inside a Latin line visual.

(A marked-content ``/ActualText`` for the whole line was tried first: pdfium reverses it a
second time as if it were in visual order, and drops characters beyond U+FFFF from it.)

Lines of Latin, Cyrillic, Greek and CJK text never come here (:func:`needs_shaping` is false):
shaping costs time and changes nothing for them.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache

import uharfbuzz
from bidi import algorithm as _bidi
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import ShapeData, ShapedStr
from reportlab.pdfgen.textobject import PDFTextObject

from pm_desktop.domain import direction

# Scripts that HarfBuzz must shape (Hebrew points, Arabic, Syriac, Thaana, N'Ko, every Indic
# script, Thai, Lao), combining marks, joiners and bidi controls, variation selectors, emoji
# modifiers, regional indicators (flags) and tag characters.
_NEEDS_RE = re.compile(
    "[\u0300-\u036f\u0590-\u08ff\u0900-\u0dff\u0e00-\u0eff\u1ab0-\u1aff\u1dc0-\u1dff"
    "\u200c-\u200f\u202a-\u202e\u2066-\u2069\u20d0-\u20ff\ua8e0-\ua8ff"
    "\ufb1d-\ufdff\ufe00-\ufe0f\ufe20-\ufe2f\ufe70-\ufeff"
    "\U00010800-\U00010fff\U0001e800-\U0001efff\U0001f1e6-\U0001f1ff\U0001f3fb-\U0001f3ff"
    "\U000e0000-\U000e007f\U000e0100-\U000e01ef]"
)
# Characters that can make a line (part) right to left.
_RTL_RE = re.compile(
    "[\u0590-\u08ff\u200f\u202b\u202e\u2067\ufb1d-\ufdff\ufe70-\ufeff"
    "\U00010800-\U00010fff\U0001e800-\U0001efff]"
)
# What a glyph with no character of its own reads as (Thai SARA AM is drawn as two glyphs, the
# ring and the vowel; the first reads as the character). pdfium leaves U+FFFE out of the text
# it extracts, where any other mapping (or none: the glyph's code) would add a character.
NO_TEXT = "\ufffe"
_SKIN_TONES = frozenset(map(chr, range(0x1F3FB, 0x1F400)))
_FEATURES = {"kern": True, "liga": True}
_lock = threading.Lock()
_PRIVATE_START = 0xE000
_PRIVATE_END = 0xF8FF


def _unset(text: str, base: str) -> Iterable[tuple[str, str]]:
    raise RuntimeError("fonts.ensure_fonts() has not run")


# How text is split into (font, text) runs: fonts.runs, handed over by fonts.ensure_fonts
# (fonts imports this module, so this module does not import fonts).
split_runs: Callable[[str, str], Iterable[tuple[str, str]]] = _unset


def needs_shaping(text: str) -> bool:
    """Whether ``text`` has anything that plain glyph-per-character drawing gets wrong."""
    return not text.isascii() and _NEEDS_RE.search(text) is not None


def is_rtl(text: str) -> bool:
    """Whether a paragraph of ``text`` runs right to left (its first strong character is)."""
    return _RTL_RE.search(text) is not None and direction.is_rtl(text)


@dataclass(frozen=True, slots=True)
class Piece:
    """A run of glyphs in one font, in visual order, with its advance in 1/1000 em and where
    its text starts in the line as typed."""

    font: str
    glyphs: ShapedStr
    advance: float
    start: int = 0


@dataclass(frozen=True, slots=True)
class Line:
    pieces: tuple[Piece, ...]  # left to right on the page
    advance: float  # 1/1000 em

    def width(self, size: float) -> float:
        return self.advance * size / 1000

    def in_typed_order(self) -> list[tuple[float, Piece]]:
        """(x offset in 1/1000 em, piece) in the order the pieces' text was typed: the order
        to write them in, so that a reader taking text in stream order reads the line as
        typed; each piece is still drawn at its own place."""
        out, x = [], 0.0
        for piece in self.pieces:
            out.append((x, piece))
            x += piece.advance
        return sorted(out, key=lambda item: item[1].start)


def layout(text: str, base: str, rtl: bool | None = None) -> Line:
    """One line of ``text`` as shaped pieces in visual order (left to right on the page).

    ``rtl`` is the paragraph direction; ``None`` takes it from the first strong character.
    """
    return _layout(text, base, rtl)


def advance(text: str, base: str) -> float:
    """The width of a line of ``text`` in 1/1000 em: its words' shaped widths and its spaces.

    Shaping does not reach across a space in these scripts, so a line is measured from its
    words, each shaped once: wrapping tries a line at every word and would otherwise shape
    the line again each time.
    """
    words = text.split(" ")
    space = _space(base)
    return sum(_word_advance(word, base) for word in words if word) + space * (len(words) - 1)


@lru_cache(maxsize=64)
def _space(base: str) -> float:
    return pdfmetrics.stringWidth(" ", base, 1000)


@lru_cache(maxsize=16384)
def _word_advance(word: str, base: str) -> float:
    return _layout(word, base, None).advance


@lru_cache(maxsize=8192)
def _layout(text: str, base: str, rtl: bool | None) -> Line:
    pieces: list[Piece] = []
    # Spaces keep the width of the paragraph's own font whatever font draws them: that is the
    # width reportlab gives them when it breaks and aligns a paragraph's lines.
    space = _space(base)
    for run, level, start in _visual_runs(text, rtl):
        odd = level % 2 == 1
        shaped = []
        for font, part in split_runs(run, base):
            shaped.append(_shape(font, part, odd, space, start))
            start += len(part)
        pieces.extend(reversed(shaped) if odd else shaped)
    return Line(tuple(pieces), sum(piece.advance for piece in pieces))


def _visual_runs(text: str, rtl: bool | None) -> list[tuple[str, int, int]]:
    """``text`` cut into runs of one embedding level, in visual order (rules X1–I2, L1, L2):
    (text, level, where the run starts in ``text``)."""
    if _RTL_RE.search(text) is None and rtl is not True:
        return [(text, 0, 0)]
    levels = _levels(text, rtl)
    runs: list[tuple[str, int, int]] = []
    start = 0
    for i in range(1, len(text) + 1):
        if i == len(text) or levels[i] != levels[start]:
            runs.append((text[start:i], levels[start], start))
            start = i
    highest = max(level for _, level, _start in runs)
    lowest_odd = min((level for _, level, _start in runs if level % 2), default=highest + 1)
    for level in range(highest, lowest_odd - 1, -1):
        i = 0
        while i < len(runs):
            if runs[i][1] >= level:
                j = i
                while j < len(runs) and runs[j][1] >= level:
                    j += 1
                runs[i:j] = runs[i:j][::-1]
                i = j
            else:
                i += 1
    return runs


def _levels(text: str, rtl: bool | None) -> list[int]:
    """The resolved embedding level of each character of one line."""
    base = _bidi.get_base_level(text) if rtl is None else int(rtl)
    try:
        resolved = _resolved_levels(text, base)
    except (AssertionError, IndexError, KeyError):
        # The reference implementation refuses some odd sequences; strong right-to-left
        # characters alone are still ordered right.
        resolved = [1 if _RTL_RE.match(char) else base for char in text]
    # L1: separators, and white space before them or at the end, go back to the base level.
    trailing = True
    for i in range(len(text) - 1, -1, -1):
        kind = _bidi.bidirectional(text[i])
        if kind in ("B", "S"):
            resolved[i] = base
            trailing = True
        elif trailing and kind in ("WS", "BN", "LRE", "RLE", "LRO", "RLO", "PDF"):
            resolved[i] = base
        else:
            trailing = False
    return resolved


def _resolved_levels(text: str, base: int) -> list[int]:
    """Rules X1–I2 of the bidi algorithm, by python-bidi's reference implementation."""
    storage = _bidi.get_empty_storage()
    storage["base_level"] = base
    storage["base_dir"] = ("L", "R")[base]
    for index, char in enumerate(text):
        # Characters this Python does not know yet count as left to right.
        kind = _bidi.bidirectional(char) or "L"
        storage["chars"].append(
            {"ch": char, "level": base, "type": kind, "orig": kind, "index": index}
        )
    _bidi.explicit_embed_and_overrides(storage, False)
    _bidi.resolve_weak_types(storage, False)
    _pair_brackets(storage["chars"])
    _bidi.resolve_neutral_types(storage, False)
    _bidi.resolve_implicit_levels(storage, False)
    # Characters the algorithm removes (X9: embeddings, joiners) take their neighbour's level.
    levels: list[int | None] = [None] * len(text)
    for char in storage["chars"]:
        levels[char["index"]] = char["level"]
    previous = base
    resolved: list[int] = []
    for level in levels:
        previous = previous if level is None else level
        resolved.append(previous)
    return resolved


_OPENING = {"(": ")", "[": "]", "{": "}", "⁅": "⁆", "〈": "〉", "⟨": "⟩", "「": "」", "（": "）"}
_CLOSING = frozenset(_OPENING.values())


def _strong(kind: str) -> str | None:
    return "L" if kind == "L" else "R" if kind in ("R", "AL", "EN", "AN") else None


def _pair_brackets(chars: list[dict]) -> None:
    """Rule N0 (paired brackets), which python-bidi's implementation predates: a bracket pair
    takes the direction of the text inside it, so "(זמנית)" ending a left-to-right line keeps
    both brackets with the Hebrew word instead of one drifting to the end of the line."""
    stack: list[tuple[str, int]] = []
    pairs: list[tuple[int, int]] = []
    for i, char in enumerate(chars):
        if char["ch"] in _OPENING and len(stack) < 63:
            stack.append((_OPENING[char["ch"]], i))
        elif char["ch"] in _CLOSING:
            for depth in range(len(stack) - 1, -1, -1):
                if stack[depth][0] == char["ch"]:
                    pairs.append((stack[depth][1], i))
                    del stack[depth:]
                    break
    for opening, closing in sorted(pairs):
        embedding = "R" if chars[opening]["level"] % 2 else "L"
        inside = {_strong(chars[k]["type"]) for k in range(opening + 1, closing)} - {None}
        if not inside:
            continue
        direction = embedding
        if embedding not in inside:
            # only the opposite direction inside: it wins if the text before agrees
            direction = next(
                (
                    found
                    for k in range(opening - 1, -1, -1)
                    if (found := _strong(chars[k]["type"])) is not None
                ),
                embedding,
            )
        chars[opening]["type"] = chars[closing]["type"] = direction


class _Shaper:
    """HarfBuzz's view of one registered font, and the character codes its shaped glyphs are
    subset under."""

    def __init__(self, font) -> None:
        self.font = font
        self.hb = uharfbuzz.Font(uharfbuzz.Face(uharfbuzz.Blob(font.face._ttf_data)))
        self.codes: dict[tuple[int, str], int] = {}
        self.next_private = _PRIVATE_START

    def code_for(self, gid: int, text: str, advance: float) -> int:
        """The character code to draw glyph ``gid`` with, reading as ``text`` when extracted.

        A glyph the font's own map gives for exactly ``text`` uses that character. Others
        (Arabic joining forms, conjuncts, ligatures, a vowel sign drawn before its consonant,
        hidden joiners) get a code from the private use area whose ToUnicode entry is ``text``.
        """
        face = self.font.face
        if len(text) == 1 and face.charToGlyph.get(ord(text)) == gid:
            return ord(text)
        key = (gid, text)
        code = self.codes.get(key)
        if code is not None:
            return code
        with _lock:
            code = self.codes.get(key)
            if code is not None:
                return code
            code = self.next_private
            while code in face.charToGlyph:
                code += 1
            if code > _PRIVATE_END:
                return 0  # out of codes: drawn as the font's empty glyph
            self.next_private = code + 1
            face.charToGlyph[code] = gid
            face.glyphToChar.setdefault(gid, []).append(code)
            face.charWidths[code] = advance
            _TEXTS[(face.name.decode("latin-1"), code)] = text
            self.codes[key] = code
            return code


_shapers: dict[str, _Shaper] = {}
# (font face name, private code) -> the text that glyph stands for, for the ToUnicode map.
_TEXTS: dict[tuple[str, int], str] = {}


def unicode_text(face_name: str, code: int) -> str:
    """What the glyph drawn with ``code`` in the font ``face_name`` reads as."""
    return _TEXTS.get((face_name, code), chr(code))


def _shaper(name: str) -> _Shaper:
    found = _shapers.get(name)
    if found is None:
        with _lock:
            found = _shapers.get(name)
            if found is None:
                found = _shapers[name] = _Shaper(pdfmetrics.getFont(name))
    return found


def _shape(name: str, text: str, rtl: bool, space: float, start: int = 0) -> Piece:
    shaper = _shaper(name)
    face = shaper.font.face
    scale = face._pdfScale
    buf = uharfbuzz.Buffer()
    buf.add_str(text)
    buf.guess_segment_properties()
    buf.direction = "rtl" if rtl else "ltr"
    buf.cluster_level = uharfbuzz.BufferClusterLevel.MONOTONE_CHARACTERS
    uharfbuzz.shape(shaper.hb, buf, _FEATURES)
    glyphs = [
        _Glyph(
            info.codepoint,
            info.cluster,
            scale(pos.x_advance),
            scale(pos.y_advance),
            scale(pos.x_offset),
            _raised(scale(pos.y_offset)),
        )
        for info, pos in zip(buf.glyph_infos, buf.glyph_positions, strict=True)
    ]
    chars: list[str] = []
    data: list[ShapeData] = []
    total = 0.0
    widths = face.charWidths
    blank = face.charToGlyph.get(32, 0)
    for glyph in _read_as(text, glyphs, rtl, face, blank):
        if glyph.text == " ":
            glyph.advance = space
        code = shaper.code_for(glyph.gid, glyph.text, glyph.advance)
        chars.append(chr(code))
        data.append(
            ShapeData(
                glyph.cluster,
                glyph.advance,
                glyph.y_advance,
                glyph.x_offset,
                glyph.y_offset,
                widths.get(code, glyph.advance),
            )
        )
        total += glyph.advance
    return Piece(name, ShapedStr("".join(chars), shapeData=data), total, start)


def _raised(y_offset: float) -> float:
    """A mark's vertical offset, dropping nudges too small to see (under 4 % of the size):
    each raised glyph is a separate piece of text to a PDF reader, which may then read it
    out of place."""
    return y_offset if abs(y_offset) >= 40 else 0.0


@dataclass(slots=True)
class _Glyph:
    gid: int
    cluster: int
    advance: float
    y_advance: float
    x_offset: float
    y_offset: float
    text: str = ""


def _read_as(text: str, glyphs: list[_Glyph], rtl: bool, face, blank: int) -> list[_Glyph]:
    """The glyphs, each told the one character it reads as, so that reading them gives
    ``text`` back; characters left over (a ligature or conjunct draws several with one glyph)
    follow as invisible glyphs of their own.

    Readers take right-to-left glyphs in visual order and reverse them, and mirror brackets
    back, so a right-to-left glyph reads as its own (mirrored) character and the left-over
    characters of a cluster go before it. A cluster's characters are handed to its glyphs in
    logical order: "कि", drawn as the vowel sign then the consonant, reads "क", "ि".
    """
    starts = sorted({glyph.cluster for glyph in glyphs})
    ends = dict(zip(starts, [*starts[1:], len(text)], strict=True))
    out: list[_Glyph] = []
    i = 0
    while i < len(glyphs):
        cluster = glyphs[i].cluster
        j = i
        while j < len(glyphs) and glyphs[j].cluster == cluster:
            j += 1
        members = glyphs[i:j]
        chars = text[cluster : ends[cluster]]
        logical = members[::-1] if rtl else members
        for n, glyph in enumerate(logical):
            # A glyph beyond the cluster's characters (Thai SARA AM is drawn as two) reads as
            # nothing (NO_TEXT): with no mapping at all, readers print its code instead.
            glyph.text = chars[n : n + 1] or NO_TEXT
            if glyph.text in _SKIN_TONES and cluster > 0:
                # A monochrome font has no toned emoji: the tone is kept for copying, not
                # drawn as a swatch after the figure.
                glyph.gid, glyph.advance = blank, 0.0
            elif rtl and glyph.text and unicodedata.mirrored(glyph.text):
                own = face.glyphToChar.get(glyph.gid)
                glyph.text = chr(own[0]) if own else glyph.text
        rest = [_Glyph(blank, cluster, 0.0, 0.0, 0.0, 0.0, char) for char in chars[len(members) :]]
        out.extend([*rest[::-1], *members] if rtl else [*members, *rest])
        i = j
    return out


class ShapingTextObject(PDFTextObject):
    """reportlab's text object, shaping the text of our fonts that needs it.

    Paragraphs measure words with the font's ``stringWidth`` (shaped too, see
    :class:`fonts.ShapingFont`) and draw each line's text through ``_formatText``; this is the
    one place where their complex-script text can be shaped.
    """

    _fontname: str
    _curSubset: int

    def _formatText(self, text):  # noqa: N802 - reportlab's name
        name = self._fontname
        if isinstance(text, ShapedStr) or name not in SHAPED_FONTS or not needs_shaping(text):
            return super()._formatText(text)
        # Spaces at the ends of a piece of a line touch the pieces reportlab draws beside it
        # (a coloured symbol, a bold label): they stay where they are, outside the reordering.
        core = text.strip(" ")
        lead, trail = text[: len(text) - len(text.lstrip(" "))], text[len(text.rstrip(" ")) :]
        parts = [super()._formatText(lead)] if lead else []
        line = layout(core, name)
        size = self._fontsize
        # Pieces are written in the order they were typed, each moved to its place on the
        # line, so readers that take text in stream order read a mixed line as typed; only
        # where word or character spacing or scaling would move glyphs by amounts the
        # moves do not know, they are written left to right.
        plain = getattr(self, "_wordSpace", 0) or getattr(self, "_charSpace", 0)
        plain = plain or getattr(self, "_horizScale", 100) != 100 or not size
        placed = [(0.0, piece) for piece in line.pieces] if plain else line.in_typed_order()
        at = 0.0  # where the text position is, in 1/1000 em from the start of the line
        for x, piece in placed:
            if not plain and abs(x - at) > 1e-6:
                if self._curSubset < 0:
                    # a move is in units of the size last set in the page: set ours first
                    # (reportlab sets it only when it draws a glyph)
                    font = pdfmetrics.getFont(self._fontname)
                    pdf_name = font.getSubsetInternalName(0, self._canvas._doc)
                    parts.append(f"{pdf_name} {size:.3f} Tf {self._leading:.3f} TL")
                    self._curSubset = 0
                parts.append(_move(x - at))
            if piece.font != self._fontname:
                self._fontname, self._curSubset = piece.font, -1
            parts.append(super()._formatText(piece.glyphs))
            at = x + piece.advance
        if not plain and abs(line.advance - at) > 1e-6:
            parts.append(_move(line.advance - at))  # on to the end of the line
        if self._fontname != name:
            self._fontname, self._curSubset = name, -1
        if trail:
            parts.append(super()._formatText(trail))
        return " ".join(parts)


def _move(dx: float) -> str:
    """A text-showing operator with no glyphs that moves the text position by ``dx``
    (1/1000 em, of whatever size is set): no reader takes text from it."""
    return f"[() {-dx:.3f}] TJ"


# The fonts of ours whose text is shaped; filled by fonts.ensure_fonts.
SHAPED_FONTS: set[str] = set()
