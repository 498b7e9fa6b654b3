"""The wheel carries everything the app needs: build it, install it alone, run it.

A wheel that forgets the fonts, the example or the guide still installs, and an editable
checkout would hide it: the data would come from the source tree. So the wheel is built from a
copy of the sources, offline (``--no-build-isolation --no-index``: the build backend comes from
the test extras), installed with ``--target`` into a temporary folder, and run with ``python -S``
and a PYTHONPATH of that folder plus the venv's site-packages. ``-S`` skips the ``.pth`` files,
so the venv's editable install of pm-desktop cannot answer: pm_desktop and its resources come
only from the wheel, the dependencies from the venv.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from importlib import metadata
from pathlib import Path

import pytest
from pypdf import PdfReader

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ("pyproject.toml", "setup.py", "README.md", "pm_desktop", "resources")
# What the app cannot start or export without, named so a failure says what is missing.
ESSENTIAL = (
    "pm_desktop/resources/fonts/DejaVuSans.ttf",
    "pm_desktop/resources/fonts/DroidSansFallbackFull.ttf",
    "pm_desktop/resources/fonts/NotoSansArabic-Regular.ttf",
    "pm_desktop/resources/fonts/NotoSansDevanagari-Regular.ttf",
    "pm_desktop/resources/example/example-review.json",
    "pm_desktop/resources/example/latency-dashboard.png",
    "pm_desktop/resources/templates/standard.json",
    "pm_desktop/resources/guide/postmortem-guide.md",
    "pm_desktop/resources/icons/pm-desktop.svg",
)


def _setuptools_is_new_enough() -> bool:
    try:
        major = int(metadata.version("setuptools").split(".")[0])
    except (metadata.PackageNotFoundError, ValueError):
        return False
    return major >= 77


def _run(args: list[str], cwd: Path, env: dict[str, str] | None = None, timeout: float = 300):
    proc = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)
    assert proc.returncode == 0, (
        f"{' '.join(map(str, args))} exited {proc.returncode}\n"
        f"stdout: {proc.stdout[-2000:]}\nstderr: {proc.stderr[-3000:]}"
    )
    return proc


@pytest.fixture(scope="module")
def built_wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not _setuptools_is_new_enough():
        pytest.fail(
            "building the wheel offline needs setuptools>=77 in the venv (a test extra): "
            'run `make test`, or `.venv/bin/python -m pip install -e ".[test]"`'
        )
    base = tmp_path_factory.mktemp("wheel")
    src = base / "src"
    src.mkdir()
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info")
    for name in SOURCES:
        path = ROOT / name
        if path.is_dir():
            shutil.copytree(path, src / name, ignore=ignore)
        else:
            shutil.copy2(path, src / name)
    out = base / "dist"
    _run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            str(src),
            "--no-deps",
            "--no-build-isolation",
            "--no-index",
            "--quiet",
            "-w",
            str(out),
        ],
        cwd=base,
    )
    wheels = sorted(out.glob("pm_desktop-*.whl"))
    assert len(wheels) == 1, f"expected one wheel, found {wheels}"
    return wheels[0]


@pytest.fixture(scope="module")
def installed(built_wheel: Path) -> tuple[Path, dict[str, str]]:
    """(target folder, environment that sees pm_desktop only there)."""
    target = built_wheel.parent.parent / "site"
    _run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--no-deps",
            "--no-index",
            "--quiet",
            "--target",
            str(target),
            str(built_wheel),
        ],
        cwd=target.parent,
    )
    paths = sysconfig.get_paths()
    deps = list(dict.fromkeys([paths["purelib"], paths["platlib"]]))
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "QT_"))}
    env.update(
        PYTHONPATH=os.pathsep.join([str(target), *deps]),
        PYTHONNOUSERSITE="1",
        QT_QPA_PLATFORM="offscreen",
    )
    return target, env


def _cli(target: Path, env: dict[str, str], cwd: Path, *args: str, timeout: float = 300):
    """The installed console script, run without site (so without the editable install)."""
    script = target / "bin" / "pm-desktop"
    return _run([sys.executable, "-S", str(script), *args], cwd=cwd, env=env, timeout=timeout)


def test_wheel_holds_every_resource_file(built_wheel: Path) -> None:
    with zipfile.ZipFile(built_wheel) as whl:
        names = set(whl.namelist())
    expected = {
        "pm_desktop/resources/" + p.relative_to(ROOT / "resources").as_posix()
        for p in (ROOT / "resources").rglob("*")
        if p.is_file() and "__pycache__" not in p.parts
    }
    missing_essential = [n for n in ESSENTIAL if n not in names]
    assert not missing_essential, f"the wheel lacks {missing_essential}"
    assert not sorted(expected - names), f"the wheel lacks {sorted(expected - names)}"
    modules = {
        p.relative_to(ROOT).as_posix()
        for p in (ROOT / "pm_desktop").rglob("*.py")
        if "__pycache__" not in p.parts
    }
    assert not sorted(modules - names), f"the wheel lacks {sorted(modules - names)}"


def test_wheel_declares_the_pm_desktop_command(built_wheel: Path) -> None:
    with zipfile.ZipFile(built_wheel) as whl:
        entry_points = next(n for n in whl.namelist() if n.endswith(".dist-info/entry_points.txt"))
        text = whl.read(entry_points).decode()
    assert "pm-desktop = pm_desktop.cli:main" in text


def test_installed_wheel_is_what_python_imports(installed, tmp_path: Path) -> None:
    target, env = installed
    probe = (
        "import json, pm_desktop, importlib.resources as r; "
        "print(json.dumps([pm_desktop.__file__, str(r.files('pm_desktop.resources'))]))"
    )
    out = _run([sys.executable, "-S", "-c", probe], cwd=tmp_path, env=env).stdout
    module_file, resources_dir = json.loads(out)
    assert Path(module_file).resolve().is_relative_to(target.resolve())
    assert Path(resources_dir).resolve().is_relative_to(target.resolve())


def test_installed_wheel_writes_the_example_and_exports_a_pdf(installed, tmp_path: Path) -> None:
    target, env = installed
    _cli(target, env, tmp_path, "demo", "x.pmreview")
    _cli(target, env, tmp_path, "export", "x.pmreview", "-o", "x.pdf")
    pdf = tmp_path / "x.pdf"
    assert pdf.read_bytes()[:5] == b"%PDF-"
    reader = PdfReader(pdf)
    assert len(reader.pages) >= 3
    assert "Card payments failing" in reader.pages[0].extract_text()
    # The shipped fonts (not Helvetica) are embedded: the example has non-Latin names.
    fonts = {
        str(font.get_object().get("/BaseFont", ""))
        for page in reader.pages
        for font in (page.get("/Resources", {}).get_object().get("/Font", {}) or {}).values()
    }
    assert any("DejaVu" in name for name in fonts), fonts


def test_installed_wheel_starts_the_app_offscreen(installed, tmp_path: Path) -> None:
    target, env = installed
    out = _cli(target, env, tmp_path, "--smoke", "--demo", timeout=180).stdout
    report = json.loads(out.strip().splitlines()[-1])
    assert report["opened"] and report["painted"] and report["view"] == "review", report
    assert "error" not in report, report
