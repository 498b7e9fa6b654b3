"""Light, dark and high-contrast looks (Fusion + QPalette), following the system by default.

Panels read :func:`current_theme` (``"light"``, ``"dark"`` or ``"high-contrast"``) or
:func:`variant` (``"light"``/``"dark"``/``"strong"``, the names of the
:class:`~pm_desktop.domain.palette.Swatch` fields) to pick meaning colours, and :func:`colors` for
the few semantic colours the palette has no role for (warning banner, muted text, card border).
They redraw on :attr:`ThemeNotifier.themeChanged` (``notifier().themeChanged.connect(...)``) or on
their own ``QEvent.PaletteChange``.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

from pm_desktop.domain.palette import Swatch

CHOICES: tuple[str, ...] = ("system", "light", "dark", "high-contrast")
CHOICE_LABELS: dict[str, str] = {
    "system": "Follow the system",
    "light": "Light",
    "dark": "Dark",
    "high-contrast": "High contrast",
}
RESOLVED: tuple[str, ...] = ("light", "dark", "high-contrast")


@dataclass(frozen=True, slots=True)
class ThemeColors:
    """Semantic colours of one theme (hex strings)."""

    name: str
    window: str
    base: str
    alt_base: str
    text: str
    muted: str
    border: str
    button: str
    accent: str
    accent_text: str
    link: str
    nav: str
    warning_bg: str
    warning_text: str
    error: str
    ok: str
    focus: str
    soft_selection: str  # a selected row whose own labels keep their colours
    border_width: int = 1


LIGHT = ThemeColors(
    name="light",
    window="#f3f4f6",
    base="#ffffff",
    alt_base="#f6f7f9",
    text="#1c2127",
    muted="#555e69",
    border="#c3c9d1",
    button="#eceef1",
    accent="#0a58a8",
    accent_text="#ffffff",
    link="#0a58a8",
    nav="#e6e9ed",
    warning_bg="#fff1c7",
    warning_text="#4d3800",
    error="#b42318",
    ok="#1a7f37",
    focus="#0a58a8",
    soft_selection="#d6e6f8",
)
DARK = ThemeColors(
    name="dark",
    window="#1e2125",
    base="#15171a",
    alt_base="#22262b",
    text="#e7e9ec",
    muted="#a6aeb8",
    border="#454c55",
    button="#2b3036",
    accent="#2f6fce",
    accent_text="#ffffff",
    link="#79b8ff",
    nav="#17191c",
    warning_bg="#3b3113",
    warning_text="#f5d98b",
    error="#ff8a80",
    ok="#5ad36d",
    focus="#79b8ff",
    soft_selection="#26405f",
)
HIGH_CONTRAST = ThemeColors(
    name="high-contrast",
    window="#000000",
    base="#000000",
    alt_base="#0d0d0d",
    text="#ffffff",
    muted="#e8e8e8",
    border="#ffffff",
    button="#000000",
    accent="#ffff00",
    accent_text="#000000",
    link="#00ffff",
    nav="#000000",
    warning_bg="#000000",
    warning_text="#ffff00",
    error="#ff6b6b",
    ok="#00ff66",
    focus="#ffff00",
    soft_selection="#000000",
    border_width=2,
)
_THEMES = {t.name: t for t in (LIGHT, DARK, HIGH_CONTRAST)}

# ------------------------------------------------------------------ colours beyond the palette
# Meaning colours the palette has no role for. They are chosen here, with the themes, so a
# change of look is made in one file; the panels only pick among them.
BLACK = "#000000"
WHITE = "#ffffff"

# The review coach's marks: warning and "worth a look".
SEVERITY_SWATCHES: dict[str, Swatch] = {
    "warning": Swatch("#a15c00", "#e3b341", "#ffd700", "!"),
    "info": Swatch("#1f5fa8", "#79b8ff", "#00ffff", "i"),
}
# The warning triangle: (fill, mark) per theme.
WARNING_MARK: dict[str, tuple[str, str]] = {
    "light": ("#c77700", WHITE),
    "dark": ("#e3b341", BLACK),
    "high-contrast": ("#ffff00", BLACK),
}
# The ring drawn around an event kind's icon so it reads on the table's background.
ICON_HALO: dict[str, str] = {"light": WHITE, "dark": "#15171a", "high-contrast": BLACK}
# A pasted line that needs a look, in high contrast (the warning background is black there).
ATTENTION_HIGH_CONTRAST = "#332b00"


@dataclass(frozen=True, slots=True)
class TreeColors:
    """The 5-whys canvas's own colours (the rest comes from the palette and the swatches)."""

    found: str = "#ffd400"  # a Find match
    found_strong_on_dark: str = "#00ffff"
    found_strong_on_light: str = "#c000c0"
    selection_strong_on_dark: str = "#ffff00"
    selection_strong_on_light: str = "#0000c0"
    amber_light: str = "#f0a800"  # "no follow-up yet" on the light theme
    on_amber: str = BLACK
    # Exported pictures: a light, print-friendly look whatever the app's theme.
    print_window: str = "#efefef"
    print_text: str = "#1f2328"
    print_accent: str = "#1565c0"


TREE = TreeColors()


class ThemeNotifier(QObject):
    """Signals: ``themeChanged(str)`` — the resolved theme name after every switch."""

    themeChanged = Signal(str)


_state: dict[str, object] = {"choice": "system", "resolved": "light", "notifier": None}


def notifier() -> ThemeNotifier:
    obj = _state["notifier"]
    if obj is None:
        obj = ThemeNotifier()
        _state["notifier"] = obj
    return obj  # type: ignore[return-value]


def current_choice() -> str:
    """What the user chose: ``system``, ``light``, ``dark`` or ``high-contrast``."""
    return str(_state["choice"])


def current_theme() -> str:
    """What is shown: ``light``, ``dark`` or ``high-contrast``."""
    return str(_state["resolved"])


def variant() -> str:
    """The :class:`Swatch` field for the current theme: ``light``, ``dark`` or ``strong``."""
    return {"light": "light", "dark": "dark", "high-contrast": "strong"}[current_theme()]


def colors(name: str | None = None) -> ThemeColors:
    return _THEMES[name or current_theme()]


def swatch_color(swatch: Swatch, theme: str | None = None) -> QColor:
    """The colour of a meaning swatch (event kind, status…) in the current theme."""
    resolved = theme or current_theme()
    field = {"light": "light", "dark": "dark", "high-contrast": "strong"}[resolved]
    return QColor(getattr(swatch, field))


def system_theme() -> str:
    hints = QGuiApplication.styleHints()
    if hints is not None and hints.colorScheme() == Qt.ColorScheme.Dark:
        return "dark"
    return "light"


def resolve(choice: str) -> str:
    if choice == "system":
        return system_theme()
    if choice not in RESOLVED:
        raise ValueError(f"unknown theme {choice!r} (use {', '.join(CHOICES)})")
    return choice


def build_palette(theme: ThemeColors) -> QPalette:
    pal = QPalette()
    c = QColor
    roles = {
        QPalette.ColorRole.Window: theme.window,
        QPalette.ColorRole.WindowText: theme.text,
        QPalette.ColorRole.Base: theme.base,
        QPalette.ColorRole.AlternateBase: theme.alt_base,
        QPalette.ColorRole.ToolTipBase: theme.base,
        QPalette.ColorRole.ToolTipText: theme.text,
        QPalette.ColorRole.PlaceholderText: theme.muted,
        QPalette.ColorRole.Text: theme.text,
        QPalette.ColorRole.Button: theme.button,
        QPalette.ColorRole.ButtonText: theme.text,
        QPalette.ColorRole.BrightText: theme.error,
        QPalette.ColorRole.Highlight: theme.accent,
        QPalette.ColorRole.HighlightedText: theme.accent_text,
        QPalette.ColorRole.Link: theme.link,
        QPalette.ColorRole.LinkVisited: theme.link,
        QPalette.ColorRole.Accent: theme.accent,
    }
    for role, value in roles.items():
        pal.setColor(QPalette.ColorGroup.All, role, c(value))
    # Bevel colours Fusion derives frames from; for high contrast they are plain white.
    border = c(theme.border)
    if theme.name == "high-contrast":
        for role in (QPalette.ColorRole.Light, QPalette.ColorRole.Midlight, QPalette.ColorRole.Mid):
            pal.setColor(role, border)
        pal.setColor(QPalette.ColorRole.Dark, border)
        pal.setColor(QPalette.ColorRole.Shadow, border)
    else:
        base = c(theme.button)
        pal.setColor(QPalette.ColorRole.Light, base.lighter(130))
        pal.setColor(QPalette.ColorRole.Midlight, base.lighter(110))
        pal.setColor(QPalette.ColorRole.Mid, border)
        pal.setColor(QPalette.ColorRole.Dark, border.darker(130))
        pal.setColor(QPalette.ColorRole.Shadow, c("#000000"))
    disabled = c(theme.muted) if theme.name != "high-contrast" else c("#c8c8c8")
    for role in (
        QPalette.ColorRole.Text,
        QPalette.ColorRole.WindowText,
        QPalette.ColorRole.ButtonText,
    ):
        pal.setColor(QPalette.ColorGroup.Disabled, role, disabled)
    return pal


# The navigation's item box (the main window sizes each row from these, see MainWindow._fit_nav).
NAV_ITEM_PADDING = (10, 14)  # vertical, horizontal
NAV_ITEM_MARGIN = (2, 8)


def stylesheet(theme: ThemeColors) -> str:
    """A small stylesheet for our own named widgets; everything else is Fusion + palette."""
    t = theme
    w = t.border_width
    qss = f"""
QListWidget#NavList {{
    background: {t.nav}; border: none; border-right: {w}px solid {t.border};
    outline: 0; padding-top: 8px;
}}
QListWidget#NavList::item {{
    padding: {NAV_ITEM_PADDING[0]}px {NAV_ITEM_PADDING[1]}px;
    margin: {NAV_ITEM_MARGIN[0]}px {NAV_ITEM_MARGIN[1]}px; border-radius: 6px; color: {t.text};
}}
QListWidget#NavList::item:selected {{
    background: {t.accent}; color: {t.accent_text};
}}
QListWidget#NavList::item:hover:!selected {{ background: {t.alt_base}; }}
QFrame#Card {{
    background: {t.base}; border: {w}px solid {t.border}; border-radius: 8px;
}}
QFrame#Banner {{
    background: {t.warning_bg}; color: {t.warning_text};
    border: {w}px solid {t.warning_text}; border-radius: 6px;
}}
QFrame#Banner QLabel {{ color: {t.warning_text}; background: transparent; border: none; }}
QLabel[role="muted"] {{ color: {t.muted}; }}
QLabel[role="problem"] {{ color: {t.warning_text}; }}
QLabel[role="error"] {{ color: {t.error}; }}
QLabel[role="heading"] {{ color: {t.text}; }}
QStatusBar QLabel {{ padding: 0 8px; }}
QListWidget[entries="true"]::item {{ border: {w}px solid transparent; border-radius: 4px; }}
QListWidget[entries="true"]::item:selected {{
    background: {t.soft_selection}; border: {w}px solid {t.focus};
}}
"""
    if t.name == "high-contrast":
        chevron = _icon_path("hc-chevron-down")
        qss += f"""
QLineEdit, QTextEdit, QPlainTextEdit, QAbstractSpinBox, QComboBox {{
    border: 2px solid {t.border}; padding: 2px;
}}
QComboBox {{ padding: 2px 6px; }}
QComboBox QLineEdit {{ border: none; padding: 0; }}
QComboBox::drop-down, QDateEdit::drop-down {{
    subcontrol-origin: padding; subcontrol-position: top right; width: 24px;
    border-left: 2px solid {t.border}; background: {t.base};
}}
QComboBox::down-arrow, QDateEdit::down-arrow {{
    image: url("{chevron}"); width: 14px; height: 14px;
}}
QLineEdit:focus, QTextEdit:focus, QPlainTextEdit:focus, QAbstractSpinBox:focus,
QComboBox:focus {{
    border: 3px solid {t.focus};
}}
QPushButton, QToolButton {{
    border: 2px solid {t.border}; padding: 4px 10px; border-radius: 4px;
}}
QPushButton:focus, QToolButton:focus {{ border: 3px solid {t.focus}; }}
QPushButton:checked, QToolButton:checked {{ background: {t.accent}; color: {t.accent_text}; }}
QTableView {{ gridline-color: {t.border}; }}
"""
    return qss


def _icon_path(name: str) -> str:
    """A file path for a style-sheet ``url()`` (forward slashes on every platform)."""
    path = resources.files("pm_desktop.resources").joinpath("icons", f"{name}.svg")
    return str(path).replace("\\", "/")


def apply_theme(app: QApplication, name: str) -> str:
    """Switch the whole app to ``name`` (a choice, ``system`` included); return what is shown.

    Remembering the choice is the caller's business (:class:`~pm_desktop.ui.settings.Settings`),
    so presentation mode can switch to high contrast without changing the user's preference.
    """
    resolved = resolve(name)
    # Without this, an application style sheet stops font changes (text zoom, presentation
    # scale) from reaching child widgets; our sheet sets no fonts, so nothing else changes.
    QApplication.setAttribute(Qt.ApplicationAttribute.AA_UseStyleSheetPropagationInWidgetStyles)
    if app.style().name().lower() != "fusion":
        app.setStyle("Fusion")
    theme = _THEMES[resolved]
    app.setPalette(build_palette(theme))
    app.setStyleSheet(stylesheet(theme))
    _state["choice"], _state["resolved"] = name, resolved
    _follow_system(app)
    notifier().themeChanged.emit(resolved)
    return resolved


def _follow_system(app: QApplication) -> None:
    """Re-apply when the desktop switches between light and dark (only while following it)."""
    if _state.get("watching"):
        return
    hints = QGuiApplication.styleHints()
    if hints is None:
        return

    def changed(_scheme: object) -> None:
        if current_choice() == "system":
            apply_theme(app, "system")

    hints.colorSchemeChanged.connect(changed)
    _state["watching"] = True
