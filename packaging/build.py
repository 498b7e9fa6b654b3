"""Build the pm-desktop bundle with PyInstaller, prove it runs, and report its size.

``make package`` runs this with the project's venv. It installs the ``package`` extra of
pyproject.toml (PyInstaller), builds ``dist/pm-desktop/`` from ``packaging/pm-desktop.spec``, then
runs the built program the way a user's machine would, without the checkout or the venv:

1. ``pm-desktop --smoke --demo`` offscreen: the window opens the example and paints;
2. ``pm-desktop demo x.pmreview`` and ``pm-desktop export x.pmreview -o x.pdf``: a PDF is written
   headless, which needs the bundled fonts, the example and its screenshot.

Options: ``--no-trim`` builds without dropping unused Qt files (to measure what trimming saves),
``--check-only`` re-runs the checks on an existing build, ``--archive`` also writes
``dist/pm-desktop-<version>-<platform>.tar.gz`` (``.zip`` on Windows).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "packaging" / "pm-desktop.spec"
DIST = ROOT / "dist"
WORK = ROOT / "build" / "pyinstaller"
BUNDLE = DIST / "pm-desktop"
EXE = BUNDLE / ("pm-desktop.exe" if sys.platform == "win32" else "pm-desktop")


class CheckFailed(RuntimeError):
    """The built program did not do what a user would ask of it."""


def package_requirements() -> list[str]:
    """The ``package`` extra of pyproject.toml: one place names the build tools."""
    data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return list(data["project"]["optional-dependencies"]["package"])


def install_build_tools() -> None:
    requirements = package_requirements()
    print(f"build tools: {', '.join(requirements)}", flush=True)
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", *requirements], check=True)


def build(trim: bool) -> float:
    env = dict(os.environ)
    if not trim:
        env["PM_DESKTOP_NO_TRIM"] = "1"
    cmd = [
        sys.executable,
        "-m",
        "PyInstaller",
        "--noconfirm",
        "--clean",
        "--log-level",
        "WARN",
        "--distpath",
        str(DIST),
        "--workpath",
        str(WORK),
        str(SPEC),
    ]
    start = time.perf_counter()
    subprocess.run(cmd, check=True, cwd=ROOT, env=env)
    return time.perf_counter() - start


def add_desktop_integration() -> None:
    """Linux: the launcher, file type, icons, metainfo and install.sh in share/pm-desktop/, so
    an unpacked bundle installs itself (``sh share/pm-desktop/install.sh``)."""
    if not sys.platform.startswith("linux"):
        return
    target = BUNDLE / "share" / "pm-desktop"
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(ROOT / "packaging" / "linux", target)
    (target / "install.sh").chmod(0o755)


def tree_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def largest(path: Path, count: int = 8) -> list[tuple[int, str]]:
    sizes = [
        (p.stat().st_size, str(p.relative_to(path)))
        for p in path.rglob("*")
        if p.is_file() and not p.is_symlink()
    ]
    return sorted(sizes, reverse=True)[:count]


def _run(
    args: list[str],
    cwd: Path,
    timeout: float,
    platform_name: str = "offscreen",
    wrap: tuple[str, ...] = (),
) -> subprocess.CompletedProcess[str]:
    """Run the bundle with a clean environment: nothing from the venv or the checkout."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("PYTHON", "VIRTUAL_ENV", "QT_"))
    }
    env["QT_QPA_PLATFORM"] = platform_name
    proc = subprocess.run(
        [*wrap, str(EXE), *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    if proc.returncode != 0:
        raise CheckFailed(
            f"`pm-desktop {' '.join(args)}` exited {proc.returncode}:\n{proc.stderr[-3000:]}"
        )
    return proc


def _smoke_json(out: str) -> dict[str, object]:
    try:
        return json.loads(out.strip().splitlines()[-1])
    except (ValueError, IndexError) as exc:
        raise CheckFailed(f"--smoke printed no JSON: {out[-500:]!r}") from exc


def check_on_x11(work: Path) -> str:
    """Where Xvfb is installed, start the bundle on a real X11 server too (the xcb plugin and
    the system libraries it needs). Informative only: a missing X11 library is the machine's."""
    xvfb_run = shutil.which("xvfb-run")
    if not sys.platform.startswith("linux") or not xvfb_run:
        return "not tried (xvfb-run is not installed)"
    try:
        out = _run(["--smoke", "--demo"], work, 180, "xcb", (xvfb_run, "-a")).stdout
        smoke = _smoke_json(out)
    except (CheckFailed, subprocess.TimeoutExpired) as exc:
        return f"FAILED (warning only): {str(exc)[-600:]}"
    if smoke.get("painted") and smoke.get("platform") == "xcb":
        return f"painted in {smoke.get('first_paint_s')} s"
    return f"FAILED (warning only): {smoke}"


def check_bundle() -> dict[str, object]:
    """Run the built program as a user would; raise :class:`CheckFailed` when it misbehaves."""
    if not EXE.exists():
        raise CheckFailed(f"{EXE} does not exist: build first")
    with tempfile.TemporaryDirectory(prefix="pm-desktop-bundle-check-") as tmp:
        work = Path(tmp)
        version = _run(["--version"], work, 60).stdout.strip()
        started = time.perf_counter()
        smoke_out = _run(["--smoke", "--demo"], work, 180).stdout
        smoke_wall = time.perf_counter() - started
        smoke = _smoke_json(smoke_out)
        if not (smoke.get("painted") and smoke.get("opened") and smoke.get("view") == "review"):
            raise CheckFailed(f"--smoke --demo did not open and paint the example: {smoke}")
        if smoke.get("error"):
            raise CheckFailed(f"--smoke --demo reported an error: {smoke['error']}")
        _run(["demo", "x.pmreview"], work, 120)
        started = time.perf_counter()
        _run(["export", "x.pmreview", "-o", "x.pdf"], work, 300)
        export_wall = time.perf_counter() - started
        pdf = work / "x.pdf"
        head = pdf.read_bytes()[:5] if pdf.exists() else b""
        if head != b"%PDF-" or pdf.stat().st_size < 20_000:
            raise CheckFailed(f"export wrote no usable PDF ({pdf.stat().st_size if head else 0} B)")
        x11 = check_on_x11(work)
        return {
            "x11": x11,
            "version": version,
            "smoke": smoke,
            "smoke_wall_s": round(smoke_wall, 2),
            "export_wall_s": round(export_wall, 2),
            "pdf_bytes": pdf.stat().st_size,
        }


def archive() -> Path:
    import pm_desktop  # noqa: PLC0415 - the checkout's version, only when archiving

    system = {"win32": "windows", "darwin": "macos"}.get(sys.platform, sys.platform)
    base = DIST / f"pm-desktop-{pm_desktop.__version__}-{system}-{platform.machine().lower()}"
    fmt = "zip" if sys.platform == "win32" else "gztar"
    return Path(shutil.make_archive(str(base), fmt, root_dir=DIST, base_dir=BUNDLE.name))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build and check the pm-desktop bundle.")
    parser.add_argument("--no-trim", action="store_true", help="keep every collected Qt file")
    parser.add_argument("--check-only", action="store_true", help="check an existing build")
    parser.add_argument("--archive", action="store_true", help="also write a .tar.gz/.zip")
    args = parser.parse_args(argv)

    if not args.check_only:
        install_build_tools()
        print(f"building {BUNDLE.relative_to(ROOT)} from {SPEC.relative_to(ROOT)} ...", flush=True)
        seconds = build(trim=not args.no_trim)
        add_desktop_integration()
        print(f"build time: {seconds:.0f} s", flush=True)
    size = tree_size(BUNDLE)
    print(f"bundle size: {size / 1e6:.1f} MB ({BUNDLE.relative_to(ROOT)}/)")
    for nbytes, name in largest(BUNDLE):
        print(f"  {nbytes / 1e6:6.1f} MB  {name}")
    try:
        report = check_bundle()
    except (CheckFailed, subprocess.TimeoutExpired) as exc:
        print(f"bundle check FAILED: {exc}", file=sys.stderr)
        return 1
    smoke = report["smoke"]
    assert isinstance(smoke, dict)
    print(
        f"bundle check passed: {report['version']}; --smoke --demo painted in "
        f"{smoke.get('first_paint_s')} s ({report['smoke_wall_s']} s wall, "
        f"platform {smoke.get('platform')}); example PDF exported in {report['export_wall_s']} s "
        f"({report['pdf_bytes'] / 1e3:.0f} kB)"
    )
    print(f"on X11 (Xvfb): {report['x11']}")
    if args.archive:
        print(f"archive: {archive().relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
