"""The intake fixtures (tests/fixtures/intake) and archives built from them for a test."""

from __future__ import annotations

import zipfile
from pathlib import Path

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "intake"
SLACK_DIR = FIXTURES / "slack-export"


def slack_zip(tmp_path: Path, *, top_folder: str = "", leave_out: str = "") -> Path:
    """The Slack fixture zipped as Slack does it (optionally inside a top folder)."""
    out = tmp_path / "slack-export.zip"
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for path in sorted(SLACK_DIR.rglob("*.json")):
            name = path.relative_to(SLACK_DIR).as_posix()
            if name == leave_out:
                continue
            zf.write(path, f"{top_folder}/{name}" if top_folder else name)
    return out
