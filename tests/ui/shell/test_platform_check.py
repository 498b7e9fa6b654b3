"""A machine without Qt's X11 libraries gets one line with the exact install command."""

from __future__ import annotations

import pytest

from pm_desktop.ui import app as app_mod
from pm_desktop.ui import platform_check as pc

DEBIAN = 'PRETTY_NAME="Debian GNU/Linux 12"\nID=debian\n'
UBUNTU = "ID=ubuntu\nID_LIKE=debian\n"
FEDORA = "ID=fedora\nVERSION_ID=40\n"
ROCKY = 'ID="rocky"\nID_LIKE="rhel centos fedora"\n'
ARCH = "ID=arch\n"
TUMBLEWEED = 'ID="opensuse-tumbleweed"\nID_LIKE="opensuse suse"\n'
X11 = {"DISPLAY": ":0"}


def lacking(*names: str):
    return lambda soname: soname not in names


@pytest.mark.parametrize(
    ("os_release", "command"),
    [
        (DEBIAN, "sudo apt-get install libxcb-icccm4 libxcb-keysyms1"),
        (UBUNTU, "sudo apt-get install libxcb-icccm4 libxcb-keysyms1"),
        (FEDORA, "sudo dnf install xcb-util-keysyms xcb-util-wm"),
        (ROCKY, "sudo dnf install xcb-util-keysyms xcb-util-wm"),
        (ARCH, "sudo pacman -S xcb-util-keysyms xcb-util-wm"),
        (TUMBLEWEED, "sudo zypper install libxcb-icccm4 libxcb-keysyms1"),
    ],
)
def test_missing_xcb_libraries_give_the_install_command_of_this_distribution(os_release, command):
    line = pc.check_display(
        X11, platform="linux",
        load=lacking("libxcb-icccm.so.4", "libxcb-keysyms.so.1"), os_release=os_release,
    )  # fmt: skip
    assert line is not None and "\n" not in line
    assert line.endswith(command)
    assert "libxcb-icccm.so.4, libxcb-keysyms.so.1" in line
    assert "libxcb-cursor" not in line  # Qt's own message names this one whatever is missing


def test_an_unknown_distribution_still_names_the_missing_libraries():
    line = pc.check_display(
        X11, platform="linux", load=lacking("libxcb-cursor.so.0"), os_release="ID=gentoo\n"
    )
    assert line is not None and "libxcb-cursor.so.0" in line and "package manager" in line


@pytest.mark.parametrize(
    ("env", "platform"),
    [
        ({"DISPLAY": ":0", "QT_QPA_PLATFORM": "offscreen"}, "linux"),
        ({"DISPLAY": ":0", "QT_QPA_PLATFORM": "wayland"}, "linux"),
        ({"WAYLAND_DISPLAY": "wayland-0"}, "linux"),
        ({}, "darwin"),
        ({}, "win32"),
    ],
)
def test_no_check_where_qt_does_not_use_x11(env, platform):
    assert pc.check_display(env, platform=platform, load=lacking(*pc.XCB_LIBRARIES)) is None


def test_no_display_at_all_is_said_plainly():
    line = pc.check_display({}, platform="linux", load=lacking())
    assert line is not None and "DISPLAY" in line and "offscreen" in line


def test_a_complete_system_passes():
    assert pc.check_display({"DISPLAY": "remote:0"}, platform="linux", load=lacking()) is None


def test_the_app_prints_the_line_and_exits_1_without_starting_qt(monkeypatch, capsys):
    monkeypatch.setenv("DISPLAY", ":0")
    monkeypatch.delenv("QT_QPA_PLATFORM", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    monkeypatch.setattr(pc.sys, "platform", "linux")
    monkeypatch.setattr(pc, "_try_load", lambda soname: soname != "libxcb-icccm.so.4")
    monkeypatch.setattr(pc, "package_tool", lambda os_release=None: "apt")
    monkeypatch.setattr(app_mod, "create_application", lambda: pytest.fail("Qt must not start"))
    assert app_mod.run(demo=True) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [pc.fix_line(["libxcb-icccm.so.4"], "apt")]
    assert err[0].endswith("sudo apt-get install libxcb-icccm4")


@pytest.mark.parametrize(
    ("display", "socket"),
    [(":0", "X0"), (":12.0", "X12"), ("unix:3", "X3"), ("remote:0", None), ("odd", None)],
)
def test_the_socket_of_a_local_display(tmp_path, display, socket):
    found = pc.local_display_socket(display, root=tmp_path)
    assert found == (tmp_path / socket if socket else None)


def test_a_local_display_with_no_x_server_is_said_plainly():
    line = pc.check_display({"DISPLAY": ":987"}, platform="linux", load=lacking())
    assert line is not None and "no X server answers on display :987" in line
