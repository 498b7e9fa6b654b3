"""The Linux desktop integration in packaging/linux agrees with the app and with the file format.

The names must match each other and the code: the desktop file id is what the app sets with
``setDesktopFileName`` (so desktops match its windows to the launcher), the icon is named after
it, the MIME type is the one the desktop file and the metainfo announce, and the MIME magic
recognises a real review by the application_id the store writes — and not a plain SQLite file.
The freedesktop validators run too where they are installed (desktop-file-utils, appstream,
shared-mime-info); the checks above run everywhere.
"""

from __future__ import annotations

import configparser
import os
import shutil
import sqlite3
import struct
import subprocess
import sys
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PIL import Image

from pm_desktop import DESKTOP_FILE_NAME, __version__
from pm_desktop.store.schema import APPLICATION_ID

ROOT = Path(__file__).resolve().parent.parent
LINUX = ROOT / "packaging" / "linux"
DESKTOP = LINUX / f"{DESKTOP_FILE_NAME}.desktop"
MIME_XML = LINUX / f"{DESKTOP_FILE_NAME}.xml"
METAINFO = LINUX / f"{DESKTOP_FILE_NAME}.metainfo.xml"
HICOLOR = LINUX / "icons" / "hicolor"
MIME_NS = {"m": "http://www.freedesktop.org/standards/shared-mime-info"}
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def _desktop_entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # keys are case-sensitive
    parser.read(DESKTOP, encoding="utf-8")
    return parser["Desktop Entry"]


def _mime_type() -> ET.Element:
    types = ET.parse(MIME_XML).getroot().findall("m:mime-type", MIME_NS)
    assert len(types) == 1
    return types[0]


def _unescape(value: str) -> bytes:
    """shared-mime-info string values: C-style escapes such as ``\\000``."""
    return value.encode("latin-1").decode("unicode_escape").encode("latin-1")


def _match(rule: ET.Element, data: bytes) -> bool:
    """One <match> and its children (a child must match too when there are any)."""
    offset = int(rule.get("offset", "0"))
    kind, value = rule.get("type"), rule.get("value", "")
    if kind == "string":
        expected = _unescape(value)
    elif kind == "big32":
        expected = struct.pack(">I", int(value, 0))
    else:
        pytest.fail(f"the test does not know magic type {kind!r}")
    if data[offset : offset + len(expected)] != expected:
        return False
    children = rule.findall("m:match", MIME_NS)
    return not children or any(_match(child, data) for child in children)


def _magic_says_review(data: bytes) -> bool:
    magic = _mime_type().find("m:magic", MIME_NS)
    return any(_match(rule, data) for rule in magic.findall("m:match", MIME_NS))


@pytest.fixture
def review_file(tmp_path: Path) -> Path:
    from pm_desktop.ingest.builtin import load_example
    from pm_desktop.store.document import Document

    example = load_example()
    path = tmp_path / "example.pmreview"
    Document.create(path, example.review, example.blobs).close()
    return path


def test_desktop_file_launches_the_command_for_review_files() -> None:
    entry = _desktop_entry()
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["scripts"]
    assert entry["Type"] == "Application"
    assert entry["Exec"].split() == ["pm-desktop", "%f"]
    assert "pm-desktop" in scripts
    assert entry["Icon"] == DESKTOP_FILE_NAME
    assert _mime_type().get("type") in entry["MimeType"].split(";")


def test_mime_type_is_found_by_extension_and_by_the_review_header(review_file: Path) -> None:
    mime = _mime_type()
    assert [g.get("pattern") for g in mime.findall("m:glob", MIME_NS)] == ["*.pmreview"]
    big32 = mime.find(".//m:match[@type='big32']", MIME_NS)
    assert int(big32.get("value"), 0) == APPLICATION_ID
    assert int(big32.get("offset")) == 68  # where SQLite keeps PRAGMA application_id
    assert _magic_says_review(review_file.read_bytes()[:100])


def test_mime_magic_leaves_other_files_alone(tmp_path: Path) -> None:
    plain = tmp_path / "plain.db"
    with sqlite3.connect(plain) as conn:
        conn.execute("CREATE TABLE t (x)")
    conn.close()
    other_app = tmp_path / "other.db"
    with sqlite3.connect(other_app) as conn:
        conn.execute("PRAGMA application_id = 1196444487")  # GeoPackage's "GPKG"
        conn.execute("CREATE TABLE t (x)")
    conn.close()
    for data in (plain.read_bytes(), other_app.read_bytes(), b'{"format": "pm-desktop-review"}'):
        assert not _magic_says_review(data[:100])


def test_metainfo_names_the_app_its_launcher_and_its_file_type() -> None:
    root = ET.parse(METAINFO).getroot()
    assert root.get("type") == "desktop-application"
    assert root.findtext("id") == DESKTOP_FILE_NAME
    assert root.findtext("launchable") == f"{DESKTOP_FILE_NAME}.desktop"
    assert root.findtext("provides/mediatype") == _mime_type().get("type")
    assert root.find("releases/release").get("version") == __version__


def test_metainfo_screenshots_are_in_docs_screenshots() -> None:
    root = ET.parse(METAINFO).getroot()
    urls = [image.text.strip() for image in root.iter("image")]
    assert urls
    for url in urls:
        assert "/docs/screenshots/" in url
        shot = ROOT / "docs" / "screenshots" / url.rsplit("/", 1)[-1]
        assert shot.is_file(), f"{url} is not in docs/screenshots"
        with Image.open(shot) as img:
            assert img.size[0] >= 1200


def test_icons_are_rendered_at_every_size_under_the_app_id() -> None:
    for size in ICON_SIZES:
        path = HICOLOR / f"{size}x{size}" / "apps" / f"{DESKTOP_FILE_NAME}.png"
        with Image.open(path) as img:
            assert img.size == (size, size) and img.mode == "RGBA"
    assert (HICOLOR / "scalable" / "apps" / f"{DESKTOP_FILE_NAME}.svg").read_bytes() == (
        ROOT / "resources" / "icons" / "pm-desktop.svg"
    ).read_bytes()
    with Image.open(ROOT / "packaging" / "icons" / "pm-desktop.ico") as ico:
        assert (256, 256) in ico.info["sizes"] and (16, 16) in ico.info["sizes"]
    with Image.open(ROOT / "packaging" / "icons" / "pm-desktop.icns") as icns:
        assert (512, 512, 2) in icns.info["sizes"]


def _tool(name: str) -> str:
    path = shutil.which(name)
    if not path:
        pytest.skip(f"{name} is not installed")
    return path


def test_desktop_file_passes_desktop_file_validate() -> None:
    proc = subprocess.run(
        [_tool("desktop-file-validate"), str(DESKTOP)], capture_output=True, text=True
    )
    assert proc.returncode == 0 and not proc.stdout.strip(), proc.stdout + proc.stderr


def test_metainfo_passes_appstreamcli_validate() -> None:
    proc = subprocess.run(
        [_tool("appstreamcli"), "validate", "--no-net", str(METAINFO)],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_installed_mime_database_recognises_a_review_without_its_extension(
    review_file: Path, tmp_path: Path
) -> None:
    """update-mime-database compiles our XML; Qt's MIME database (a fresh process, so it reads
    only this data folder) then finds a renamed review by content."""
    data_dir = tmp_path / "share"
    packages = data_dir / "mime" / "packages"
    packages.mkdir(parents=True)
    system = Path("/usr/share/mime/packages/freedesktop.org.xml")
    if not system.is_file():
        pytest.skip("shared-mime-info's freedesktop.org.xml is not installed")
    shutil.copy(system, packages)
    shutil.copy(MIME_XML, packages)
    subprocess.run([_tool("update-mime-database"), str(data_dir / "mime")], check=True)
    renamed = tmp_path / "renamed-review"
    shutil.copy(review_file, renamed)
    plain = tmp_path / "plain.db"
    sqlite3.connect(plain).execute("CREATE TABLE t (x)").connection.close()
    probe = (
        "import sys\n"
        "from PySide6.QtCore import QMimeDatabase\n"
        "db = QMimeDatabase()\n"
        "print(' '.join(db.mimeTypeForFile(p).name() for p in sys.argv[1:]))\n"
    )
    env = dict(os.environ, XDG_DATA_DIRS=str(data_dir), XDG_DATA_HOME=str(tmp_path / "none"))
    out = subprocess.run(
        [sys.executable, "-c", probe, str(renamed), str(plain), str(review_file)],
        capture_output=True,
        text=True,
        env=env,
        check=True,
        timeout=60,
    ).stdout.split()
    review_type = _mime_type().get("type")
    assert out == [review_type, "application/vnd.sqlite3", review_type]


def test_install_script_installs_for_the_user_and_uninstalls(tmp_path: Path) -> None:
    """install.sh puts launcher, file type, icons and metainfo under the user's data folder,
    with the launcher pointing at the command by absolute path; --uninstall takes them away."""
    home, data, bin_dir = tmp_path / "home", tmp_path / "share", tmp_path / "bin"
    home.mkdir()
    bin_dir.mkdir()
    command = bin_dir / "pm-desktop"
    command.write_text("#!/bin/sh\nexit 0\n")
    command.chmod(0o755)
    env = {
        "HOME": str(home),
        "XDG_DATA_HOME": str(data),
        "PATH": os.pathsep.join([str(bin_dir), "/usr/bin", "/bin"]),
    }
    script = LINUX / "install.sh"
    subprocess.run(["sh", str(script)], env=env, check=True, capture_output=True, timeout=120)
    launcher = data / "applications" / f"{DESKTOP_FILE_NAME}.desktop"
    lines = launcher.read_text(encoding="utf-8").splitlines()
    assert f"Exec={command} %f" in lines
    assert (data / "mime" / "packages" / f"{DESKTOP_FILE_NAME}.xml").is_file()
    assert (data / "metainfo" / f"{DESKTOP_FILE_NAME}.metainfo.xml").is_file()
    assert (data / "icons" / "hicolor" / "48x48" / "apps" / f"{DESKTOP_FILE_NAME}.png").is_file()
    if shutil.which("update-mime-database"):
        assert "*.pmreview" in (data / "mime" / "globs2").read_text()

    subprocess.run(
        ["sh", str(script), "--uninstall"], env=env, check=True, capture_output=True, timeout=120
    )
    assert not launcher.exists()
    assert not list((data / "icons").rglob(f"{DESKTOP_FILE_NAME}.*"))
    assert command.exists()  # a command the script did not install is left alone


def test_install_script_refuses_without_a_pm_desktop_command(tmp_path: Path) -> None:
    env = {"HOME": str(tmp_path), "XDG_DATA_HOME": str(tmp_path / "share"), "PATH": "/usr/bin:/bin"}
    if shutil.which("pm-desktop", path=env["PATH"]):
        pytest.skip("a pm-desktop command is installed system-wide")
    proc = subprocess.run(
        ["sh", str(LINUX / "install.sh")], env=env, capture_output=True, text=True, timeout=60
    )
    assert proc.returncode == 1
    assert "no pm-desktop command found" in proc.stderr
    assert not (tmp_path / "share" / "applications").exists()
