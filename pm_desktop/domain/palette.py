"""Colours with meaning, shared by the app (all themes) and the PDF so both tell the same story.

Plain hex strings (no Qt here). Each meaning has a *light* colour (for light backgrounds and
paper) and a *dark* one (for the dark theme); high contrast uses the ``strong`` variants.
Chosen to stay distinguishable for the common colour-vision deficiencies: the kinds also differ
by icon/shape wherever they are drawn, never by colour alone.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Swatch:
    light: str
    dark: str
    strong: str
    symbol: str  # a glyph or short mark drawn with the colour, so colour is never the only cue


EVENT_KIND_SWATCHES: dict[str, Swatch] = {
    "impact_start": Swatch("#c62828", "#ef6c6c", "#ff0000", "▲"),
    "detected": Swatch("#e65100", "#ffa657", "#ff8c00", "◆"),
    "acknowledged": Swatch("#8d6e00", "#e3b341", "#ffd700", "●"),
    "mitigated": Swatch("#1565c0", "#6cb6ff", "#00bfff", "▼"),
    "resolved": Swatch("#2e7d32", "#56d364", "#00ff00", "■"),
    "action": Swatch("#6a1b9a", "#d2a8ff", "#ff00ff", "▶"),
    "observation": Swatch("#455a64", "#a5b4bd", "#ffffff", "○"),
    "communication": Swatch("#00838f", "#4dd0e1", "#00ffff", "✉"),
    "note": Swatch("#616161", "#9e9e9e", "#ffffff", "•"),
}

# Phases shaded on the timeline chart: (from kind, to kind, label)
PHASES: tuple[tuple[str, str, str], ...] = (
    ("impact_start", "detected", "Undetected impact"),
    ("detected", "mitigated", "Responding"),
    ("mitigated", "resolved", "Recovering"),
)
PHASE_SWATCHES: dict[str, Swatch] = {
    "Undetected impact": Swatch("#fde0dc", "#4a2125", "#800000", ""),
    "Responding": Swatch("#fff3cd", "#4a3f1c", "#806000", ""),
    "Recovering": Swatch("#e3f2fd", "#1c3a55", "#004080", ""),
}

FOLLOWUP_STATUS_SWATCHES: dict[str, Swatch] = {
    "todo": Swatch("#546e7a", "#8b9da6", "#ffffff", "○"),
    "doing": Swatch("#1565c0", "#6cb6ff", "#00bfff", "◐"),
    "done": Swatch("#2e7d32", "#56d364", "#00ff00", "●"),
    "dropped": Swatch("#757575", "#8b8b8b", "#c0c0c0", "✕"),
}

DUE_SWATCHES: dict[str, Swatch] = {
    "overdue": Swatch("#c62828", "#ff7b72", "#ff0000", "!"),
    "soon": Swatch("#b26a00", "#e3b341", "#ffd700", "⏳"),
    "ok": Swatch("#455a64", "#a5b4bd", "#ffffff", ""),
}

WHY_SWATCHES: dict[str, Swatch] = {
    "problem": Swatch("#37474f", "#cfd8dc", "#ffffff", ""),
    "possible": Swatch("#78909c", "#90a4ae", "#ffffff", "?"),
    "confirmed": Swatch("#1565c0", "#6cb6ff", "#00bfff", "✓"),
    "root_cause": Swatch("#c62828", "#ff7b72", "#ff4040", "★"),
    "unknown": Swatch("#9e9e9e", "#757575", "#c0c0c0", "?"),
}

EVIDENCE_KIND_SWATCHES: dict[str, Swatch] = {
    "image": Swatch("#6a1b9a", "#d2a8ff", "#ff00ff", "🖼"),
    "link": Swatch("#1565c0", "#6cb6ff", "#00bfff", "🔗"),
    "text": Swatch("#37474f", "#a5b4bd", "#ffffff", "¶"),
    "file": Swatch("#5d4037", "#c4a484", "#ffd700", "📎"),
}
