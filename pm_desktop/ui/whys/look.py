"""Colours, fonts and sizes of the why-tree, picked once from the current palette.

The meaning colours come from :mod:`pm_desktop.domain.palette` (shared with the PDF); this module
only decides which variant fits the window: *light*, *dark* (a dark window colour) or *strong*
(high contrast: window text against window and base at an extreme ratio). A high-contrast light
palette keeps the light colours but draws thicker, black-on-white lines. Every item of the scene
reads one :class:`WhyLook`; a palette change builds a new one and the scene re-measures.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPalette

from pm_desktop.domain.palette import DUE_SWATCHES, WHY_SWATCHES, Swatch

from ..themes import BLACK, TREE, WHITE

# Contrast ratio (WCAG) above which a palette counts as high contrast: black on white is 21,
# Fusion's default black on #efefef is 18.3.
HIGH_CONTRAST_RATIO = 19.5


def _luminance(color: QColor) -> float:
    def channel(v: float) -> float:
        return v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * channel(color.redF())
        + 0.7152 * channel(color.greenF())
        + 0.0722 * channel(color.blueF())
    )


def contrast(a: QColor, b: QColor) -> float:
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def palette_kind(palette: QPalette) -> tuple[bool, bool]:
    """(dark, high_contrast) for a palette."""
    window = palette.color(QPalette.ColorRole.Window)
    dark = window.lightnessF() < 0.5
    high = (
        contrast(palette.color(QPalette.ColorRole.WindowText), window) >= HIGH_CONTRAST_RATIO
        and contrast(palette.color(QPalette.ColorRole.Text), palette.color(QPalette.ColorRole.Base))
        >= HIGH_CONTRAST_RATIO
    )
    return dark, high


def mix(a: QColor, b: QColor, amount: float) -> QColor:
    """``amount`` of ``a`` over ``b``."""
    return QColor.fromRgbF(
        a.redF() * amount + b.redF() * (1 - amount),
        a.greenF() * amount + b.greenF() * (1 - amount),
        a.blueF() * amount + b.blueF() * (1 - amount),
    )


@dataclass(frozen=True)
class WhyLook:
    """Everything the scene's items need to draw. Sizes are in scene units at ``scale``."""

    dark: bool
    high_contrast: bool
    scale: float
    background: QColor
    text: QColor
    muted: QColor
    node_fill: QColor
    edge: QColor
    selection: QColor
    found: QColor
    amber: QColor
    amber_text: QColor
    refuse: QColor
    font: QFont
    bold_font: QFont
    small_font: QFont
    swatches: dict[str, QColor] = field(default_factory=dict)
    wide: float = 1.0  # box width factor: presentation uses wider boxes, so fewer lines
    _metrics: dict[str, QFontMetricsF] = field(default_factory=dict, compare=False, repr=False)
    _advances: dict[str, dict[str, float]] = field(
        default_factory=dict, compare=False, repr=False
    )

    # --- geometry (scene units) ------------------------------------------------------------
    @property
    def padding(self) -> float:
        return 10 * self.scale

    @property
    def max_width(self) -> float:
        return 250 * self.scale * self.wide

    @property
    def min_width(self) -> float:
        return 150 * self.scale

    @property
    def border(self) -> float:
        return (2.5 if self.high_contrast else 1.4) * self.scale

    @property
    def radius(self) -> float:
        return 8 * self.scale

    @property
    def sibling_gap(self) -> float:
        return 26 * self.scale

    @property
    def level_gap(self) -> float:
        return 46 * self.scale

    @property
    def tree_gap(self) -> float:
        return 90 * self.scale

    def metrics(self, which: str = "text") -> QFontMetricsF:
        """Font metrics of "text", "bold" or "small" (made once: items ask on every paint)."""
        found = self._metrics.get(which)
        if found is None:
            font = {"text": self.font, "bold": self.bold_font, "small": self.small_font}[which]
            found = self._metrics[which] = QFontMetricsF(font)
        return found

    def advance(self, which: str = "text") -> Callable[[str], float]:
        """``horizontalAdvance`` of :meth:`metrics` remembering every text it measured: words
        recur from box to box, so a scene of a thousand boxes measures each word once."""
        known = self._advances.setdefault(which, {})
        measure = self.metrics(which).horizontalAdvance

        def advance(text: str) -> float:
            found = known.get(text)
            if found is None:
                found = known[text] = measure(text)
            return found

        return advance

    def swatch(self, key: str) -> QColor:
        return QColor(self.swatches[key])

    def fill(self, key: str) -> QColor:
        """Box fill for a node state: a tint of its colour (none in high contrast)."""
        if self.high_contrast:
            return QColor(self.node_fill)
        amount = {"root_cause": 0.16, "problem": 0.10, "confirmed": 0.09}.get(key, 0.0)
        if self.dark:
            amount *= 1.6
        return mix(self.swatch(key), self.node_fill, amount) if amount else QColor(self.node_fill)


def _pick(swatch: Swatch, dark: bool, high: bool) -> QColor:
    if high and dark:
        return QColor(swatch.strong)
    return QColor(swatch.dark if dark else swatch.light)


def make_look(palette: QPalette, font: QFont, scale: float = 1.0, wide: float = 1.0) -> WhyLook:
    """The look for ``palette`` with text based on ``font`` (the widget's font), ``scale``
    times larger (presentation mode uses 1.6 and more) and boxes up to ``wide`` times wider."""
    dark, high = palette_kind(palette)
    window = palette.color(QPalette.ColorRole.Window)
    base = palette.color(QPalette.ColorRole.Base)
    text = palette.color(QPalette.ColorRole.Text)
    if high:
        background = QColor(BLACK if dark else WHITE)
        text = QColor(WHITE if dark else BLACK)
        node_fill = QColor(background)
        muted = QColor(text)
        edge = QColor(text)
    elif dark:
        background = mix(window, QColor(BLACK), 0.80)
        node_fill = mix(base, window, 0.5).lighter(112)
        muted = mix(text, background, 0.62)
        edge = mix(text, background, 0.45)
    else:
        background = mix(window, QColor(WHITE), 0.55)
        node_fill = QColor(WHITE)
        muted = mix(text, background, 0.58)
        edge = mix(text, background, 0.42)
    swatches = {key: _pick(s, dark, high) for key, s in WHY_SWATCHES.items()}
    if high and not dark:
        swatches = {key: QColor(s.light).darker(130) for key, s in WHY_SWATCHES.items()}
        swatches["problem"] = QColor(BLACK)
    amber = _pick(DUE_SWATCHES["soon"], dark, high)
    if not dark and not high:
        amber = QColor(TREE.amber_light)
    selection = palette.color(QPalette.ColorRole.Highlight)
    if high:
        selection = QColor(
            TREE.selection_strong_on_dark if dark else TREE.selection_strong_on_light
        )

    size = font.pointSizeF() if font.pointSizeF() > 0 else 9.0
    body = QFont(font)
    body.setPointSizeF(max(6.0, (size + 1.5) * scale))
    bold = QFont(body)
    bold.setBold(True)
    small = QFont(font)
    small.setPointSizeF(max(5.0, (size - 0.5) * scale))
    return WhyLook(
        dark=dark,
        high_contrast=high,
        scale=scale,
        background=background,
        text=text,
        muted=muted,
        node_fill=node_fill,
        edge=edge,
        selection=selection,
        found=QColor(
            TREE.found
            if not high
            else TREE.found_strong_on_dark
            if dark
            else TREE.found_strong_on_light
        ),
        amber=amber,
        amber_text=QColor(TREE.on_amber),
        refuse=_pick(WHY_SWATCHES["root_cause"], dark, high),
        font=body,
        bold_font=bold,
        small_font=small,
        swatches=swatches,
        wide=wide,
    )


def export_look(font: QFont) -> WhyLook:
    """A light, print-friendly look whatever the app's theme: exported pictures go into
    documents and slides with white backgrounds."""
    palette = QPalette(QColor(TREE.print_window))
    palette.setColor(QPalette.ColorRole.Base, QColor(WHITE))
    palette.setColor(QPalette.ColorRole.Text, QColor(TREE.print_text))
    palette.setColor(QPalette.ColorRole.WindowText, QColor(TREE.print_text))
    palette.setColor(QPalette.ColorRole.Highlight, QColor(TREE.print_accent))
    look = make_look(palette, font)
    values = {k: v for k, v in look.__dict__.items() if k not in ("_metrics", "_advances")}
    return WhyLook(**{**values, "background": QColor(WHITE)})
