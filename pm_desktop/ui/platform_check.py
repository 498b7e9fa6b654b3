"""Can Qt open a window here? Checked before the QApplication exists.

When a system library of Qt's X11 (xcb) platform plugin is missing, Qt aborts the process with a
message that names the plugin, not the library, and suggests ``libxcb-cursor0`` whatever is
really missing. We try to load each library the plugin needs first, and print one line with the
exact install command for this Linux distribution instead.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Mapping
from pathlib import Path

# soname → package per package manager (apt: Debian/Ubuntu, dnf: Fedora/RHEL, pacman: Arch,
# zypper: openSUSE). Qt 6's xcb plugin and its XcbQpa library need these.
XCB_LIBRARIES: dict[str, dict[str, str]] = {
    "libxcb.so.1": {"apt": "libxcb1", "dnf": "libxcb", "pacman": "libxcb", "zypper": "libxcb1"},
    "libX11.so.6": {"apt": "libx11-6", "dnf": "libX11", "pacman": "libx11", "zypper": "libX11-6"},
    "libX11-xcb.so.1": {
        "apt": "libx11-xcb1", "dnf": "libX11-xcb", "pacman": "libx11", "zypper": "libX11-xcb1",
    },
    "libxkbcommon.so.0": {
        "apt": "libxkbcommon0", "dnf": "libxkbcommon", "pacman": "libxkbcommon",
        "zypper": "libxkbcommon0",
    },
    "libxkbcommon-x11.so.0": {
        "apt": "libxkbcommon-x11-0", "dnf": "libxkbcommon-x11", "pacman": "libxkbcommon-x11",
        "zypper": "libxkbcommon-x11-0",
    },
    "libxcb-cursor.so.0": {
        "apt": "libxcb-cursor0", "dnf": "xcb-util-cursor", "pacman": "xcb-util-cursor",
        "zypper": "libxcb-cursor0",
    },
    "libxcb-icccm.so.4": {
        "apt": "libxcb-icccm4", "dnf": "xcb-util-wm", "pacman": "xcb-util-wm",
        "zypper": "libxcb-icccm4",
    },
    "libxcb-util.so.1": {
        "apt": "libxcb-util1", "dnf": "xcb-util", "pacman": "xcb-util", "zypper": "libxcb-util1",
    },
    "libxcb-image.so.0": {
        "apt": "libxcb-image0", "dnf": "xcb-util-image", "pacman": "xcb-util-image",
        "zypper": "libxcb-image0",
    },
    "libxcb-keysyms.so.1": {
        "apt": "libxcb-keysyms1", "dnf": "xcb-util-keysyms", "pacman": "xcb-util-keysyms",
        "zypper": "libxcb-keysyms1",
    },
    "libxcb-render-util.so.0": {
        "apt": "libxcb-render-util0", "dnf": "xcb-util-renderutil", "pacman": "xcb-util-renderutil",
        "zypper": "libxcb-render-util0",
    },
    "libxcb-randr.so.0": {
        "apt": "libxcb-randr0", "dnf": "libxcb", "pacman": "libxcb", "zypper": "libxcb-randr0",
    },
    "libxcb-render.so.0": {
        "apt": "libxcb-render0", "dnf": "libxcb", "pacman": "libxcb", "zypper": "libxcb-render0",
    },
    "libxcb-shape.so.0": {
        "apt": "libxcb-shape0", "dnf": "libxcb", "pacman": "libxcb", "zypper": "libxcb-shape0",
    },
    "libxcb-shm.so.0": {
        "apt": "libxcb-shm0", "dnf": "libxcb", "pacman": "libxcb", "zypper": "libxcb-shm0",
    },
    "libxcb-sync.so.1": {
        "apt": "libxcb-sync1", "dnf": "libxcb", "pacman": "libxcb", "zypper": "libxcb-sync1",
    },
    "libxcb-xfixes.so.0": {
        "apt": "libxcb-xfixes0", "dnf": "libxcb", "pacman": "libxcb", "zypper": "libxcb-xfixes0",
    },
    "libxcb-xkb.so.1": {
        "apt": "libxcb-xkb1", "dnf": "libxcb", "pacman": "libxcb", "zypper": "libxcb-xkb1",
    },
    "libGL.so.1": {"apt": "libgl1", "dnf": "libglvnd-glx", "pacman": "libglvnd", "zypper": "libGL1"},
    "libEGL.so.1": {
        "apt": "libegl1", "dnf": "libglvnd-egl", "pacman": "libglvnd", "zypper": "libEGL1",
    },
    "libfontconfig.so.1": {
        "apt": "libfontconfig1", "dnf": "fontconfig", "pacman": "fontconfig",
        "zypper": "libfontconfig1",
    },
    "libglib-2.0.so.0": {
        "apt": "libglib2.0-0", "dnf": "glib2", "pacman": "glib2", "zypper": "libglib-2_0-0",
    },
    "libdbus-1.so.3": {"apt": "libdbus-1-3", "dnf": "dbus-libs", "pacman": "dbus",
                       "zypper": "libdbus-1-3"},
}  # fmt: skip

INSTALL = {
    "apt": "sudo apt-get install {}",
    "dnf": "sudo dnf install {}",
    "pacman": "sudo pacman -S {}",
    "zypper": "sudo zypper install {}",
}
# /etc/os-release ID or ID_LIKE word → package manager.
_DISTRO_TOOL = {
    "debian": "apt", "ubuntu": "apt", "linuxmint": "apt", "pop": "apt", "raspbian": "apt",
    "fedora": "dnf", "rhel": "dnf", "centos": "dnf", "rocky": "dnf", "almalinux": "dnf",
    "arch": "pacman", "manjaro": "pacman", "endeavouros": "pacman",
    "opensuse": "zypper", "suse": "zypper", "sles": "zypper", "opensuse-leap": "zypper",
    "opensuse-tumbleweed": "zypper",
}  # fmt: skip


def package_tool(os_release: str | None = None) -> str | None:
    """The package manager of this Linux distribution, from /etc/os-release."""
    if os_release is None:
        try:
            os_release = Path("/etc/os-release").read_text(encoding="utf-8", errors="replace")
        except OSError:
            return None
    fields: dict[str, str] = {}
    for line in os_release.splitlines():
        key, sep, value = line.partition("=")
        if sep:
            fields[key.strip()] = value.strip().strip("\"'").lower()
    for word in [fields.get("ID", ""), *fields.get("ID_LIKE", "").split()]:
        if word in _DISTRO_TOOL:
            return _DISTRO_TOOL[word]
    return None


def _try_load(name: str) -> bool:
    import ctypes  # only when the libraries are checked (the xcb platform)

    try:
        ctypes.CDLL(name, mode=getattr(os, "RTLD_LAZY", 1) | getattr(os, "RTLD_LOCAL", 0))
    except OSError:
        return False
    return True


def missing_libraries(load: Callable[[str], bool]) -> list[str]:
    """The sonames of :data:`XCB_LIBRARIES` that cannot be loaded, in table order."""
    return [name for name in XCB_LIBRARIES if not load(name)]


def fix_line(missing: list[str], tool: str | None) -> str:
    """One line for the user: what is missing and the command that installs it."""
    if tool in INSTALL:
        packages = sorted({XCB_LIBRARIES[name][tool] for name in missing})
        how = f"install them with: {INSTALL[tool].format(' '.join(packages))}"
    else:
        how = "install the packages that provide them with your system's package manager"
    return (
        f"pm-desktop cannot open a window: Qt's X11 support needs {', '.join(missing)}, "
        f"which this system lacks; {how}"
    )


def wants_xcb(env: Mapping[str, str], platform: str) -> bool:
    """Will Qt use its X11 plugin? (Linux, no other platform chosen, an X display set)."""
    if not platform.startswith("linux"):
        return False
    chosen = env.get("QT_QPA_PLATFORM", "").split(":", 1)[0].strip().lower()
    if chosen and chosen != "xcb":
        return False
    if not chosen and env.get("WAYLAND_DISPLAY"):
        return False  # Qt picks its Wayland plugin first
    return True


def check_display(
    env: Mapping[str, str] | None = None,
    *,
    platform: str | None = None,
    load: Callable[[str], bool] | None = None,
    os_release: str | None = None,
) -> str | None:
    """None when Qt can open a window, else the one line to print instead of starting."""
    env = os.environ if env is None else env
    if not wants_xcb(env, sys.platform if platform is None else platform):
        return None
    if not env.get("DISPLAY"):
        return (
            "pm-desktop cannot open a window: no display is set (DISPLAY is empty); start it "
            "from a desktop session, or use QT_QPA_PLATFORM=offscreen for --smoke and screenshot"
        )
    missing = missing_libraries(_try_load if load is None else load)
    if missing:
        return fix_line(missing, package_tool(os_release))
    socket = local_display_socket(env["DISPLAY"])
    if socket is not None and not socket.exists():
        return (
            f"pm-desktop cannot open a window: no X server answers on display {env['DISPLAY']} "
            f"({socket} does not exist)"
        )
    return None


def local_display_socket(display: str, root: Path = Path("/tmp/.X11-unix")) -> Path | None:
    """The socket of a local X display (":1", "unix:1.0"); None for a remote or odd one."""
    host, sep, rest = display.partition(":")
    if not sep or host not in ("", "unix"):
        return None
    number = rest.split(".", 1)[0]
    return root / f"X{number}" if number.isdigit() else None
